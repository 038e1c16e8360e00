//! `serve`'s incremental rebuilds (cached ingest and claims, the page memo, writing only changed
//! files) must give the very site a fresh build gives. Each step edits the demo site, rebuilds
//! incrementally, builds the same inputs from scratch, and compares every output file's bytes.
//! An edited article's page is first written from a preview (see `xref::preview`): what it
//! shows, and when there is none, is checked too.

mod common;

use factsite::BuildOptions;
use factsite::serve::SiteBuilder;
use factsite::serve::site::{OpenPages, Outcome, Preview, Progress, default_renderer};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

const BASE: &str = "http://127.0.0.1:1111/";

thread_local! {
    /// The paths this test changed since its last rebuild: the rebuild is told them, as `serve`
    /// is by its watcher (so edits of known files take the path that re-reads only those).
    static CHANGED: std::cell::RefCell<HashSet<PathBuf>> = Default::default();
}

/// Notes paths the test changed, for the next rebuild.
fn changed<const N: usize>(paths: [PathBuf; N]) {
    CHANGED.with(|c| c.borrow_mut().extend(paths));
}

/// A copy of the repository's demo site in a temporary folder.
fn demo_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = common::repo_root();
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&root).unwrap();
        let to = dir.path().join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    std::fs::copy(root.join("site.toml"), dir.path().join("site.toml")).unwrap();
    dir
}

/// The demo site, its serve output folder and the builder, after a first build.
fn built_demo() -> (tempfile::TempDir, tempfile::TempDir, SiteBuilder) {
    let site = demo_site();
    let out = tempfile::tempdir().unwrap();
    let mut live = builder(site.path(), out.path());
    live.rebuild(&HashSet::new()).unwrap();
    (site, out, live)
}

fn builder(root: &Path, out: &Path) -> SiteBuilder {
    let opts = BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        base_url: Some(BASE.into()),
        no_xref: false,
    };
    SiteBuilder::new(opts, out.to_path_buf(), default_renderer())
}

/// Every file under `dir`: relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Rebuilds incrementally and checks the result against a build from scratch; returns whether
/// the cross-reference pass ran (it is reused while the articles and aliases are unchanged).
fn rebuild_matches_fresh(step: &str, root: &Path, live: &mut SiteBuilder, live_out: &Path) -> bool {
    let outcome = live.rebuild(&CHANGED.take()).unwrap();
    let Outcome::Built {
        cross_referenced, ..
    } = outcome
    else {
        panic!("{step}: expected a rebuild, got {outcome:?}");
    };
    matches_fresh(step, root, live_out);
    cross_referenced
}

/// Checks the live output folder against a build of the same inputs from scratch.
fn matches_fresh(step: &str, root: &Path, live_out: &Path) {
    let fresh_out = tempfile::tempdir().unwrap();
    builder(root, fresh_out.path())
        .rebuild(&HashSet::new())
        .unwrap();
    let (got, want) = (tree(live_out), tree(fresh_out.path()));
    let got_paths: Vec<_> = got.keys().collect();
    let want_paths: Vec<_> = want.keys().collect();
    assert_eq!(got_paths, want_paths, "{step}: the set of files differs");
    for (path, bytes) in &want {
        let at = got[path].iter().zip(bytes).position(|(a, b)| a != b);
        let at = at.unwrap_or(got[path].len().min(bytes.len()));
        let near = |b: &[u8]| {
            String::from_utf8_lossy(&b[at.saturating_sub(200)..(at + 200).min(b.len())])
                .into_owned()
        };
        assert!(
            &got[path] == bytes,
            "{step}: {} differs from a fresh build at byte {at}:\n got: {}\nwant: {}",
            path.display(),
            near(&got[path]),
            near(bytes)
        );
    }
}

fn edit(root: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, f(text)).unwrap();
    changed([path]);
}

/// Replaces the lines of `rel` that start with `prefix` by `line`.
fn set_line(root: &Path, rel: &str, prefix: &str, line: &str) {
    edit(root, rel, |t| {
        (t.lines())
            .map(|l| if l.starts_with(prefix) { line } else { l })
            .collect::<Vec<_>>()
            .join("\n")
    });
}

/// The entry of the article from `rel` (`content/…`) in the site's `data/articles.json`.
fn entry_of(out: &Path, rel: &str) -> serde_json::Value {
    let json = std::fs::read_to_string(out.join("data/articles.json")).unwrap();
    let articles: serde_json::Value = serde_json::from_str(&json).unwrap();
    let file = rel.trim_start_matches("content/");
    let found = articles
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["file"] == file);
    found.unwrap().clone()
}

/// The title the site gives the article from `rel`.
fn title_of(out: &Path, rel: &str) -> String {
    entry_of(out, rel)["title"].as_str().unwrap().to_string()
}

fn seed(root: &Path, prefix: &str) -> String {
    let dir = root.join("content");
    let name = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(prefix))
        .unwrap();
    format!("content/{name}")
}

#[test]
fn incremental_rebuilds_equal_fresh_builds() {
    let (site, out, mut live) = built_demo();
    let root = site.path();
    let (s0, s2) = (seed(root, "000_"), seed(root, "002_"));

    // A sentence copied from another article: a new cluster, new links on both article pages.
    let copied = std::fs::read_to_string(root.join(&s2))
        .unwrap()
        .lines()
        .filter(|l| l.split_whitespace().count() > 12)
        .nth(1)
        .unwrap()
        .to_string();
    edit(root, &s0, |t| format!("{t}\n{copied}\n"));
    assert!(rebuild_matches_fresh(
        "copied sentence",
        root,
        &mut live,
        out.path()
    ));

    // The article's headline changes: claim and entity pages name it.
    let title = title_of(out.path(), &s0);
    edit(root, &s0, |t| {
        t.replace(&title, &format!("Updated: {title}"))
    });
    assert!(rebuild_matches_fresh(
        "retitled article",
        root,
        &mut live,
        out.path()
    ));
    assert_eq!(title_of(out.path(), &s0), format!("Updated: {title}"));

    // A changed figure in a quoted sentence, then the article's date moved.
    edit(root, &s0, |t| t.replacen("600", "700", 1));
    assert!(rebuild_matches_fresh(
        "changed figure",
        root,
        &mut live,
        out.path()
    ));
    edit(root, &s0, |t| t.replacen("2022", "2021", 1));
    assert!(rebuild_matches_fresh(
        "changed date",
        root,
        &mut live,
        out.path()
    ));

    // A republished copy appears, then the original is renamed, then deleted.
    std::fs::copy(root.join(&s0), root.join("content/copy-of-000.txt")).unwrap();
    changed([root.join("content/copy-of-000.txt")]);
    assert!(rebuild_matches_fresh(
        "new copy",
        root,
        &mut live,
        out.path()
    ));
    std::fs::rename(root.join(&s0), root.join("content/renamed-000.txt")).unwrap();
    changed([root.join(&s0), root.join("content/renamed-000.txt")]);
    assert!(rebuild_matches_fresh(
        "renamed original",
        root,
        &mut live,
        out.path()
    ));
    std::fs::remove_file(root.join("content/renamed-000.txt")).unwrap();
    changed([root.join("content/renamed-000.txt")]);
    assert!(rebuild_matches_fresh(
        "deleted original",
        root,
        &mut live,
        out.path()
    ));

    // A verdict's rating, the site's title and a template override.
    edit(root, "content/checks/japan-600-million.md", |t| {
        t.replace("rating = \"True\"", "rating = \"Mostly true\"")
    });
    // A verdict: linked again to the last pass's claims, without running the pass.
    assert!(!rebuild_matches_fresh(
        "verdict",
        root,
        &mut live,
        out.path()
    ));

    // The verdict's claim becomes the other verdict's: it links to other claims.
    let check_page = out.path().join("checks/japan-600-million/index.html");
    let before = read(&check_page);
    let other = read(&root.join("content/checks/zelensky-asked-south-korea-for-arms.md"));
    let claim = other
        .lines()
        .find_map(|l| l.strip_prefix("claim: "))
        .unwrap();
    let claim = format!("claim = {claim}");
    set_line(
        root,
        "content/checks/japan-600-million.md",
        "claim = ",
        &claim,
    );
    assert!(!rebuild_matches_fresh(
        "verdict's claim",
        root,
        &mut live,
        out.path()
    ));
    let (was, now) = (
        links(&before, "articles/"),
        links(&read(&check_page), "articles/"),
    );
    assert!(!now.is_empty() && now != was, "{was:?} -> {now:?}");

    // A page: nothing the cross-reference pass reads changed, so its last result is reused.
    edit(root, "content/pages/about.md", |t| {
        format!("{t}\nOne more paragraph.\n")
    });
    assert!(!rebuild_matches_fresh("page", root, &mut live, out.path()));
    set_line(root, "site.toml", "title", "title = \"Renamed desk\"");
    assert!(!rebuild_matches_fresh(
        "site title",
        root,
        &mut live,
        out.path()
    ));
    std::fs::create_dir_all(root.join("templates")).unwrap();
    let entity =
        std::fs::read_to_string(common::repo_root().join("templates/entity.html")).unwrap();
    std::fs::write(
        root.join("templates/entity.html"),
        entity.replacen("<h1", "<p>override</p><h1", 1),
    )
    .unwrap();
    changed([root.join("templates/entity.html")]);
    assert!(!rebuild_matches_fresh(
        "template override",
        root,
        &mut live,
        out.path()
    ));

    // An article again after the reused passes: matched against the right baseline.
    edit(root, &s2, |t| {
        format!("{t}\nOfficials said on Tuesday that 2,500 tonnes of grain left the port.\n")
    });
    assert!(rebuild_matches_fresh(
        "article after reuse",
        root,
        &mut live,
        out.path()
    ));
}

/// Output path of the page of the article from `rel`.
fn page_of(out: &Path, rel: &str) -> String {
    let slug = entry_of(out, rel)["slug"].as_str().unwrap().to_string();
    format!("articles/{slug}/index.html")
}

/// The claim pages and flags a page links to.
fn links(html: &str, what: &str) -> BTreeSet<String> {
    let re = regex::Regex::new(&format!(r#"href="[^"]*{what}[^"]*""#)).unwrap();
    re.find_iter(html).map(|m| m.as_str().to_string()).collect()
}

/// Rebuilds, returning the previews made on the way and each previewed page as it was then.
fn rebuild_collecting(live: &mut SiteBuilder, out: &Path) -> Vec<(Preview, Vec<String>)> {
    let mut seen = Vec::new();
    live.rebuild_with(&CHANGED.take(), &mut |p: &Preview| {
        let pages = p.pages.iter().map(|f| read(&out.join(f))).collect();
        seen.push((p.clone(), pages))
    })
    .unwrap();
    seen
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn an_edited_article_is_previewed_then_built_exactly() {
    let (site, out, mut live) = built_demo();
    let root = site.path();
    let (s1, s4) = (seed(root, "001_"), seed(root, "004_"));
    let page = page_of(out.path(), &s1);
    let before = read(&out.path().join(&page));
    assert!(!links(&before, "claims/c-").is_empty() && !links(&before, "#f-").is_empty());

    // An added sentence: the preview shows it, every other claim keeps its link, the flags stay.
    edit(root, &s1, |t| {
        format!("{t}\nThe harbour authority said 4,321 containers were inspected in one week.\n")
    });
    let seen = rebuild_collecting(&mut live, out.path());
    assert_eq!(seen.len(), 1, "one preview");
    let (preview, pages) = &seen[0];
    assert_eq!(preview.pages, std::slice::from_ref(&page));
    assert!(pages[0].contains("4,321 containers"));
    assert_eq!(links(&pages[0], "claims/c-"), links(&before, "claims/c-"));
    assert_eq!(links(&pages[0], "#f-"), links(&before, "#f-"));
    matches_fresh("after a preview", root, out.path());

    // A sentence of a known claim pasted into another article: the preview matches it against
    // the last pass and links it to that claim's page.
    let claims: serde_json::Value =
        serde_json::from_str(&read(&out.path().join("data/claims.json"))).unwrap();
    let slug4 = page_of(out.path(), &s4);
    let (id, text) = claims["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|c| {
            let aps = c["appearances"].as_array().unwrap();
            let elsewhere = !aps
                .iter()
                .any(|a| slug4.contains(a["article"].as_str().unwrap()));
            elsewhere.then(|| (c["id"].as_str().unwrap(), aps[0]["text"].as_str().unwrap()))
        })
        .unwrap();
    let page4 = read(&out.path().join(&slug4));
    assert!(!page4.contains(&format!("claims/{id}/")));
    edit(root, &s4, |t| format!("{t}\n{text}\n"));
    let seen = rebuild_collecting(&mut live, out.path());
    assert_eq!(seen.len(), 1, "one preview");
    assert!(seen[0].1[0].contains(&format!("claims/{id}/")), "{id}");
    matches_fresh("pasted claim", root, out.path());

    // The earliest appearance of a claim reworded: the claim is named after it, so the preview
    // renames it too, and here the preview is already the exact page.
    let s0 = seed(root, "000_");
    let page0 = page_of(out.path(), &s0);
    let claims: serde_json::Value =
        serde_json::from_str(&read(&out.path().join("data/claims.json"))).unwrap();
    let text = claims["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["appearances"][0].as_object())
        .filter(|a| page0.contains(a["article"].as_str().unwrap()))
        .map(|a| a["text"].as_str().unwrap())
        .find(|t| !t.contains(['"', '\'', '“', '‘']) && t.contains(" the "))
        .unwrap()
        .to_string();
    edit(root, &s0, |t| {
        t.replacen(&text, &text.replacen(" the ", " a ", 1), 1)
    });
    let seen = rebuild_collecting(&mut live, out.path());
    assert_eq!(seen.len(), 1, "one preview");
    assert_eq!(seen[0].1[0], read(&out.path().join(&page0)), "{text}");
    matches_fresh("reworded first appearance", root, out.path());

    // Not previewed: a new article, a changed verdict, a changed template.
    std::fs::write(
        root.join("content/new.txt"),
        "A new article\n\nIt says 12 things.\n",
    )
    .unwrap();
    changed([root.join("content/new.txt")]);
    assert!(rebuild_collecting(&mut live, out.path()).is_empty());
    edit(root, "content/checks/japan-600-million.md", |t| {
        t + "\nChecked again on review.\n"
    });
    assert!(rebuild_collecting(&mut live, out.path()).is_empty());
    matches_fresh("after no preview", root, out.path());
}

#[test]
fn a_markdown_article_is_previewed_as_its_exact_page() {
    let site = demo_site();
    let root = site.path();
    let out = tempfile::tempdir().unwrap();
    // A Markdown article repeating a sentence of the first seed, so it shares a claim and flags.
    let s0 = seed(root, "000_");
    let copied = read(&root.join(&s0))
        .lines()
        .filter(|l| l.split_whitespace().count() > 12 && !l.contains(['"', '“']))
        .nth(1)
        .unwrap()
        .to_string();
    let md = format!(
        "+++\ntitle = \"Desk notes\"\ndate = 2023-03-01\n+++\n\n{copied}\n\n```rust\nlet x = 1;\n```\n"
    );
    std::fs::write(root.join("content/notes.md"), &md).unwrap();
    let mut live = builder(root, out.path());
    live.rebuild(&HashSet::new()).unwrap();
    let page = page_of(out.path(), "content/notes.md");
    assert!(!links(&read(&out.path().join(&page)), "#f-").is_empty());

    std::fs::write(
        root.join("content/notes.md"),
        format!("{md}\nThe *desk* counted 41 corrections in **March**.\n"),
    )
    .unwrap();
    changed([root.join("content/notes.md")]);
    let seen = rebuild_collecting(&mut live, out.path());
    assert_eq!(seen.len(), 1, "one preview");
    assert!(seen[0].1[0].contains("<em>desk</em> counted 41 corrections"));
    assert_eq!(seen[0].1[0], read(&out.path().join(&page)));
    matches_fresh("edited Markdown article", root, out.path());
}

/// A browser's view of a rebuild: some pages open; what the open pages were when reported.
struct Viewer<'a> {
    open: Vec<String>,
    out: &'a Path,
    seen: Vec<(OpenPages, BTreeMap<String, Vec<u8>>)>,
}

impl Progress for Viewer<'_> {
    fn open_pages(&self) -> Vec<String> {
        self.open.clone()
    }

    fn opened(&mut self, p: &OpenPages) {
        let now = (p.rendered.iter())
            .map(|f| (f.clone(), std::fs::read(self.out.join(f)).unwrap()))
            .collect();
        self.seen.push((p.clone(), now));
    }
}

#[test]
fn open_pages_are_written_first_as_the_exact_site_has_them() {
    let (site, out, mut live) = built_demo();
    let root = site.path();
    let s1 = seed(root, "001_");
    let article = page_of(out.path(), &s1);
    let files: Vec<String> = (tree(out.path()).into_keys())
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let first = |prefix: &str| {
        files
            .iter()
            .find(|p| p.starts_with(prefix))
            .unwrap()
            .clone()
    };
    // One page of each kind, and a path that is no page.
    let mut open: Vec<String> = [
        "index.html",
        "404.html",
        "about/index.html",
        "claims/index.html",
        "flags/index.html",
        "timeline/index.html",
        "checks/japan-600-million/index.html",
        "no/such/index.html",
    ]
    .map(String::from)
    .to_vec();
    open.extend([article.clone(), first("entities/e-"), first("claims/c-")]);
    let mut viewer = Viewer {
        open,
        out: out.path(),
        seen: Vec::new(),
    };
    edit(root, &s1, |t| {
        format!("{t}\nThe port said 7,654 trucks crossed the border in one week.\n")
    });
    live.rebuild_with(&CHANGED.take(), &mut viewer).unwrap();
    let fresh = tempfile::tempdir().unwrap();
    builder(root, fresh.path())
        .rebuild(&HashSet::new())
        .unwrap();

    assert_eq!(viewer.seen.len(), 1, "reported once");
    let (open, then) = &viewer.seen[0];
    let mut expected: Vec<&String> = viewer
        .open
        .iter()
        .filter(|p| !p.starts_with("no/"))
        .collect();
    expected.sort();
    assert_eq!(open.rendered.iter().collect::<Vec<_>>(), expected);
    // The edited article's page is written by the preview, and again here unless the preview
    // already had it exact; either way it shows the edit (checked below).
    for (path, bytes) in then {
        let want = std::fs::read(fresh.path().join(path)).unwrap();
        assert!(
            *bytes == want,
            "{path}: written first, but not as a fresh build has it"
        );
    }
    assert!(
        String::from_utf8_lossy(&then[&article]).contains("7,654 trucks"),
        "the open article shows the edit"
    );
    matches_fresh("after open pages", root, out.path());
}
