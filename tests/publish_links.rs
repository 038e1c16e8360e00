//! Every link a published site carries resolves inside the build when it is hosted under a path
//! prefix (`/REPO/`, as GitHub Pages project sites are): the pages' internal links, assets and
//! `#fragments` (with the shared checker in `common`), the feeds' entry links, the sitemap's
//! locations and the search index's URLs.

mod common;

use common::*;
use regex::Regex;
use std::path::Path;

const BASE: &str = "http://127.0.0.1:1/REPO/";

/// The output file an absolute URL under `BASE` names (`…/a/` → `a/index.html`).
fn target(url: &str) -> Option<String> {
    let (path, _fragment) = url.split_once('#').unwrap_or((url, ""));
    let rel = path.strip_prefix(BASE)?;
    Some(if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    })
}

fn check_publishing_links(out: &Path) -> Vec<String> {
    let files = tree(out);
    let mut problems = vec![];
    let mut check = |from: &str, url: &str| match target(url) {
        Some(t) if files.contains_key(&t) => {}
        Some(t) => problems.push(format!("{from}: {url} → missing {t}")),
        None => problems.push(format!("{from}: {url} is not under {BASE}")),
    };
    let href = Regex::new(r#"<link [^>]*href="([^"]+)""#).unwrap();
    for feed in ["atom.xml", "flags.xml"] {
        let xml = read(&out.join(feed));
        for c in href.captures_iter(&xml) {
            check(feed, &c[1].replace("&amp;", "&"));
        }
    }
    let loc = Regex::new(r"<loc>([^<]+)</loc>").unwrap();
    let sitemap = read(&out.join("sitemap.xml"));
    for c in loc.captures_iter(&sitemap) {
        check("sitemap.xml", &c[1].replace("&amp;", "&"));
    }
    let index: serde_json::Value =
        serde_json::from_str(&read(&out.join("search-index.json"))).unwrap();
    for d in index["docs"].as_array().unwrap() {
        check(
            "search-index.json",
            &format!("{BASE}{}", d["url"].as_str().unwrap()),
        );
    }
    problems
}

fn assert_links(out: &Path) {
    let mut problems = check_links(out, "/REPO/");
    problems.extend(check_publishing_links(out));
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn fixture_site_links_resolve_under_a_prefix() {
    let tmp = tempdir();
    let root = tmp.path().join("root");
    copy_dir(&repo_root().join("tests/fixtures/publish/site"), &root);
    let out = tmp.path().join("REPO");
    build(&root, &out, Some(BASE)).unwrap();
    assert_links(&out);
}

#[test]
fn init_site_links_resolve_under_a_prefix() {
    let tmp = tempdir();
    let root = tmp.path().join("new-site");
    let o = cli(&["init", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = tmp.path().join("REPO");
    build(&root, &out, Some(BASE)).unwrap();
    assert_links(&out);
}

#[test]
fn seed_site_publishing_links_resolve_under_a_prefix() {
    let tmp = tempdir();
    let out = tmp.path().join("REPO");
    build(&repo_root(), &out, Some(BASE)).unwrap();
    let problems = check_publishing_links(&out);
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_checker_sees_a_broken_feed_link() {
    let tmp = tempdir();
    let root = tmp.path().join("root");
    copy_dir(&repo_root().join("tests/fixtures/publish/site"), &root);
    let out = tmp.path().join("REPO");
    build(&root, &out, Some(BASE)).unwrap();
    std::fs::remove_dir_all(out.join("articles/older")).unwrap();
    let problems = check_publishing_links(&out);
    assert!(
        problems.iter().any(|p| p.starts_with("atom.xml:")),
        "{problems:?}"
    );
    assert!(problems.iter().any(|p| p.starts_with("sitemap.xml:")));
}
