//! How often `serve`'s preview of an edited article (see `xref::preview`) already is the page the
//! exact pass makes. On a site root (a copy: its articles are edited and restored), for every
//! K-th article and three kinds of edit — a changed figure, a reworded sentence, an added
//! sentence — it rebuilds as `serve` does, keeps the previewed page, and compares it with the
//! page on disk after the exact pass. Prints the counts and the median preview time; with
//! `PREVIEW_DUMP=DIR`, writes both versions of each page that differs there.
//!
//! `cargo run --release --example preview_fidelity -- ROOT [K] [figure|reword|append]` (K defaults
//! to 40; all three kinds of edit unless one is named).
use factsite::serve::{SiteBuilder, site::Preview, site::default_renderer};
use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

type Edit = fn(&str) -> Option<String>;

/// The first figure's first digit changed.
fn figure(t: &str) -> Option<String> {
    let body = t.find("\n\n")?;
    let at = body + t[body..].find(|c: char| c.is_ascii_digit())?;
    let d = t.as_bytes()[at];
    let new = if d == b'9' { '1' } else { (d + 1) as char };
    Some(format!("{}{new}{}", &t[..at], &t[at + 1..]))
}

/// The first " said " in the body worded differently.
fn reword(t: &str) -> Option<String> {
    let body = t.find("\n\n")?;
    let at = body + t[body..].find(" said ")?;
    Some(format!("{} stated {}", &t[..at], &t[at + 6..]))
}

/// A new sentence at the end.
fn append(t: &str) -> Option<String> {
    Some(format!(
        "{t}\nOfficials said on Tuesday that 2,500 tonnes of grain left the port in one week.\n"
    ))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().expect("ROOT"));
    let every: usize = args.next().and_then(|k| k.parse().ok()).unwrap_or(40);
    let only = args.next();
    let out = tempfile::tempdir().expect("temp dir");
    let opts = factsite::BuildOptions {
        root: root.clone(),
        output: Some(out.path().to_path_buf()),
        base_url: Some("http://127.0.0.1:1111/".into()),
        no_xref: false,
    };
    let mut b = SiteBuilder::new(opts, out.path().to_path_buf(), default_renderer());
    b.rebuild(&HashSet::new()).expect("first build");
    let corpus = factsite::content::load(&root.join("content")).expect("load");
    let edits: [(&str, Edit); 3] = [("figure", figure), ("reword", reword), ("append", append)];
    for (name, f) in edits {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let (mut same, mut tried, mut times) = (0, 0, Vec::new());
        for a in corpus.articles.iter().step_by(every) {
            let path = root.join("content").join(&a.file);
            let text = std::fs::read_to_string(&path).expect("read");
            let Some(edited) = f(&text) else { continue };
            std::fs::write(&path, edited).expect("write");
            if let Some((preview, took)) = previewed(&mut b, out.path()) {
                tried += 1;
                times.push(took);
                let exact = std::fs::read(out.path().join(&preview.0)).expect("page");
                same += usize::from(exact == preview.1);
                if let (false, Ok(dir)) = (exact == preview.1, std::env::var("PREVIEW_DUMP")) {
                    let base = Path::new(&dir).join(format!("{name}-{}", a.slug));
                    std::fs::write(base.with_extension("preview.html"), &preview.1).expect("dump");
                    std::fs::write(base.with_extension("exact.html"), &exact).expect("dump");
                }
            }
            std::fs::write(&path, text).expect("restore");
            b.rebuild(&HashSet::new()).expect("rebuild");
        }
        times.sort();
        let median = times.get(times.len() / 2).copied().unwrap_or_default();
        println!(
            "{name}: preview equal to the exact page in {same} of {tried} edits; median preview {median:?}"
        );
    }
}

/// Rebuilds; the previewed page's path and bytes, and how long the preview took.
fn previewed(b: &mut SiteBuilder, out: &Path) -> Option<((String, Vec<u8>), Duration)> {
    let mut got = None;
    b.rebuild_with(&HashSet::new(), &mut |p: &Preview| {
        if let [page] = p.pages.as_slice() {
            let bytes = std::fs::read(out.join(page)).expect("preview page");
            got = Some(((page.clone(), bytes), p.elapsed));
        }
    })
    .expect("rebuild");
    got
}
