//! Builds the repository's own site (the five seed articles in `content/`) into a temporary
//! folder and checks what was extracted, what the pages show, that links resolve, that nothing is
//! fetched from elsewhere, and that builds are deterministic.

mod common;

use common::*;
use factsite::content::BlockKind;
use serde_json::Value;
use std::path::Path;

const S000: &str = "000_32d3fc73349f1f9f";
const S001: &str = "001_4cc8e1661ea535da";
const S002: &str = "002_e771c5d0828bcf05";
const S003: &str = "003_a90c1c33016904d2";
const S004: &str = "004_7204d99159a54cb4";
const ALL: [&str; 5] = [S000, S001, S002, S003, S004];

/// Builds the seed site into a fresh temporary folder; returns (guard, output folder).
fn build_seeds(base_url: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempdir();
    let out = tmp.path().join("site");
    let report = build(&repo_root(), &out, base_url).expect("seed site builds");
    assert_eq!(report.articles, 5, "five seed articles");
    (tmp, out)
}

fn seed(json: &std::collections::BTreeMap<String, Value>, slug: &str) -> Value {
    json.get(&format!("{slug}.txt"))
        .unwrap_or_else(|| panic!("{slug}.txt missing from articles.json"))
        .clone()
}

#[test]
fn dates_and_their_lines() {
    let (_tmp, out) = build_seeds(None);
    let json = articles_json(&out);
    let expected = [
        (S000, Some("2022-05-15"), Some("line 2")),
        (S001, Some("2023-02-03"), Some("line 1")),
        (S002, Some("2023-12-08"), Some("line 10")),
        (S003, None, None),
        (S004, Some("2023-05-19"), Some("line 1")),
    ];
    for (slug, date, source) in expected {
        let a = seed(&json, slug);
        assert_eq!(a["date"].as_str(), date, "{slug} date");
        assert_eq!(a["date_source"].as_str(), source, "{slug} date_source");
        if date.is_none() {
            assert!(
                a["date"].is_null(),
                "{slug}: an undated article has date null"
            );
        }
    }
}

#[test]
fn titles_outlets_urls_places() {
    let (_tmp, out) = build_seeds(None);
    let json = articles_json(&out);

    let a = seed(&json, S000);
    assert_eq!(
        a["title"],
        "Biden passes the hat for Ukraine on his visit to South Korea and Japan"
    );
    assert_eq!(a["title_source"], "line 1");
    assert_eq!(
        a["source_url"],
        "https://www.msn.com/en-us/news/world/biden-passes-the-hat-for-ukraine-on-his-visit-to-south-korea-and-japan/ar-AAXzRIV"
    );
    assert_eq!(a["outlet"], "msn.com", "outlet from the URL host");

    let a = seed(&json, S001);
    assert_eq!(a["outlet"], "Dailymail.Com");
    assert_eq!(a["place"], "Bal Harbour, Florida");
    assert!(
        a["byline"].as_str().unwrap().starts_with("Geoff Earle"),
        "{}",
        a["byline"]
    );
    assert!(a["source_url"].is_null());

    // The doubled headline: the copy without the glued-on "News" section label.
    let a = seed(&json, S002);
    assert_eq!(
        a["title"],
        "Is the USA abandoning Ukraine? There's a lifeline for Kyiv from the Far East"
    );
    assert!(a["outlet"].is_null());

    let a = seed(&json, S004);
    assert_eq!(a["outlet"], "CNN");
    assert_eq!(a["place"], "Hong Kong");
    assert!(a["source_url"].is_null());

    // No headline in 001, 003 and 004: the title is derived from the first body sentence.
    for slug in [S001, S003, S004] {
        let a = seed(&json, slug);
        assert_eq!(a["title_source"], "derived", "{slug}");
        let title = a["title"].as_str().unwrap().trim_end_matches('…');
        assert!(!title.is_empty(), "{slug}");
        let body = read(&repo_root().join("content").join(format!("{slug}.txt")));
        assert!(
            squash(&body).contains(title),
            "{slug}: derived title {title:?} is not text of the article"
        );
    }

    for slug in ALL {
        let a = seed(&json, slug);
        assert_eq!(a["id"], slug);
        assert_eq!(a["slug"], slug);
        assert_eq!(a["file"], format!("{slug}.txt"));
        assert_eq!(
            a["url"],
            format!("https://factsite.github.io/factsite/articles/{slug}/"),
            "url from site.toml base_url"
        );
    }
    // Stable order: by file.
    let files: Vec<&String> = json.keys().collect();
    let v: Value = serde_json::from_str(&read(&out.join("data/articles.json"))).unwrap();
    let in_file: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        in_file,
        files.iter().map(|s| s.as_str()).collect::<Vec<_>>()
    );
}

#[test]
fn article_pages_show_metadata_with_provenance() {
    let (_tmp, out) = build_seeds(None);
    let json = articles_json(&out);
    for slug in ALL {
        let html = article_html(&out, slug);
        let page = text(&html);
        let a = seed(&json, slug);
        assert!(
            page.contains(a["title"].as_str().unwrap()),
            "{slug}: title on page"
        );
        if let Some(src) = a["date_source"].as_str() {
            assert!(
                page.contains(src),
                "{slug}: date provenance {src:?} on page"
            );
            assert!(page.contains(a["date_raw"].as_str().unwrap()));
        }
        if let Some(outlet) = a["outlet"].as_str() {
            assert!(page.contains(outlet), "{slug}: outlet on page");
        }
        assert!(
            page.contains(&format!("content/{slug}.txt")),
            "{slug}: file"
        );
    }
    // The source link of 000 is on its page.
    let html = article_html(&out, S000);
    assert!(
        attrs(&html, "href")
            .iter()
            .any(|h| h.starts_with("https://www.msn.com/en-us/news/world/biden-passes")),
        "source link"
    );
    // The index lists every article.
    let index = read(&out.join("index.html"));
    for slug in ALL {
        assert!(
            attrs(&index, "href").contains(&format!("articles/{slug}/")),
            "index links to {slug}"
        );
    }
}

/// The line `line` of the seed `slug` is shown on its page in an element `#L<line>` that says what
/// kind it is, with its text intact.
fn assert_marked(out: &Path, slug: &str, line: usize, kind_word: &str, text_start: &str) {
    let html = article_html(out, slug);
    let (open, inner) = element_by_id(&html, &format!("L{line}"))
        .unwrap_or_else(|| panic!("{slug}: no element #L{line}"));
    let shown = text(inner);
    assert!(
        shown.contains(&squash(text_start)),
        "{slug} line {line}: {shown:?} does not contain {text_start:?}"
    );
    assert!(
        open.to_lowercase().contains(kind_word) || shown.to_lowercase().contains(kind_word),
        "{slug} line {line} not marked as {kind_word}: {open} {shown}"
    );
}

#[test]
fn non_body_lines_are_marked_and_kept() {
    let (_tmp, out) = build_seeds(None);
    assert_marked(
        &out,
        S001,
        19,
        "boilerplate",
        "See also\u{a0} Rio Ferdinand",
    );
    assert_marked(&out, S001, 41, "boilerplate", "See also  Putin’s invasion");
    assert_marked(&out, S001, 33, "caption", "MAY 21: In an aerial view");
    assert_marked(
        &out,
        S002,
        5,
        "caption",
        "Prime Minister of Japan Fumio Kishida",
    );
    assert_marked(
        &out,
        S002,
        6,
        "caption",
        "Prime Minister of Japan Fumio Kishida",
    );
    assert_marked(&out, S002, 7, "caption", "Images source:");
    assert_marked(&out, S002, 8, "footer", "ed. PJM");
    assert_marked(&out, S002, 24, "boilerplate", "Related content");
    assert_marked(&out, S003, 25, "footer", "Published By: Aman Gupta");
    assert_marked(&out, S003, 26, "footer", "Edited By: Vanshika Sahu");
    assert_marked(
        &out,
        S000,
        7,
        "boilerplate",
        "Video: Biden lands in South Korea",
    );

    // The same classification in the content stage, which later stages rely on.
    let corpus = factsite::content::load(&repo_root().join("content")).unwrap();
    let kind = |slug: &str, line: usize| {
        let a = corpus.articles.iter().find(|a| a.slug == slug).unwrap();
        a.blocks
            .iter()
            .find(|b| b.line == line)
            .unwrap_or_else(|| panic!("{slug}: no block at line {line}"))
            .kind
    };
    assert_eq!(kind(S001, 19), BlockKind::Boilerplate);
    assert_eq!(kind(S001, 41), BlockKind::Boilerplate);
    assert_eq!(kind(S001, 33), BlockKind::Caption);
    assert_eq!(kind(S002, 5), BlockKind::Caption);
    assert_eq!(kind(S002, 6), BlockKind::Caption);
    assert_eq!(kind(S003, 25), BlockKind::Footer);
    assert_eq!(kind(S003, 26), BlockKind::Footer);
    assert_eq!(kind(S001, 5), BlockKind::Body);
    // Non-body lines never reach the analysed body.
    for a in &corpus.articles {
        for b in a.body() {
            assert!(
                !b.text.starts_with("See also") && !b.text.starts_with("Published By"),
                "{}: {:?} in body",
                a.slug,
                b.text
            );
        }
    }
}

#[test]
fn nothing_is_lost() {
    let (_tmp, out) = build_seeds(None);
    for slug in ALL {
        let source = read(&repo_root().join("content").join(format!("{slug}.txt")));
        let page = text(&article_html(&out, slug));
        for (i, line) in source.lines().enumerate() {
            let line = squash(line);
            if line.is_empty() {
                continue;
            }
            // Bulleted lines are shown as list items without their bullet.
            let line = line.trim_start_matches(['·', '•']).trim_start();
            assert!(
                page.contains(line),
                "{slug} line {}: {line:?} is not on the page",
                i + 1
            );
        }
    }
}

#[test]
fn every_internal_link_resolves() {
    let (_tmp, out) = build_seeds(None);
    let problems = check_links(&out, "/factsite/");
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
    // The checker does look at line anchors.
    let html = article_html(&out, S001);
    assert!(attrs(&html, "href").iter().any(|h| h == "#L19"));
    // …and at 404.html's root-absolute links: with the wrong prefix they are all reported.
    let wrong = check_links(&out, "/elsewhere/");
    assert!(
        !wrong.is_empty() && wrong.iter().all(|p| p.starts_with("404.html")),
        "{wrong:#?}"
    );
}

#[test]
fn link_checker_catches_broken_links() {
    // A site with a broken link, a missing anchor and a stray root-absolute link.
    let tmp = tempdir();
    let out = tmp.path();
    std::fs::write(
        out.join("index.html"),
        r##"<a href="a/">a</a><a href="a/#x">x</a>"##,
    )
    .unwrap();
    std::fs::create_dir(out.join("a")).unwrap();
    std::fs::write(
        out.join("a/index.html"),
        r##"<p id="y"></p><a href="../missing.html">m</a><a href="#y">y</a><a href="#nope">n</a><a href="/elsewhere/">e</a><img src="https://cdn.example/x.png">"##,
    )
    .unwrap();
    let problems = check_links(out, "/repo/");
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert_eq!(external_requests(out).len(), 1);
}

#[test]
fn no_external_requests() {
    let (_tmp, out) = build_seeds(None);
    let found = external_requests(&out);
    assert!(found.is_empty(), "external requests:\n{}", found.join("\n"));
    // Stylesheets are there, and local.
    let index = read(&out.join("index.html"));
    let css: Vec<String> = attrs(&index, "href")
        .into_iter()
        .filter(|h| h.ends_with(".css"))
        .collect();
    assert!(!css.is_empty());
    for h in css {
        assert!(out.join(&h).is_file(), "{h}");
    }
    assert!(out.join(".nojekyll").is_file());
}

#[test]
fn two_builds_are_byte_identical() {
    let (_a, out_a) = build_seeds(None);
    let (_b, out_b) = build_seeds(None);
    let (a, b) = (tree(&out_a), tree(&out_b));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "same files"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
    // Rebuilding into the same folder gives the same tree again.
    build(&repo_root(), &out_a, None).unwrap();
    assert!(tree(&out_a) == b, "rebuild in place differs");
}

#[test]
fn base_url_for_a_project_site() {
    let base = "https://example.github.io/repo/";
    let (_tmp, out) = build_seeds(Some(base));
    let files = tree(&out);

    // Canonical links use base_url.
    let canonical = regex::Regex::new(r#"<link rel="canonical" href="([^"]*)""#).unwrap();
    let html = article_html(&out, S000);
    let c = &canonical.captures(&html).expect("canonical link")[1];
    assert_eq!(c, format!("{base}articles/{S000}/"));
    let index = read(&out.join("index.html"));
    assert_eq!(&canonical.captures(&index).expect("canonical")[1], base);
    let json = articles_json(&out);
    assert_eq!(seed(&json, S004)["url"], format!("{base}articles/{S004}/"));

    // Internal links stay relative everywhere but 404.html, where they start with /repo/.
    let canonical_tag = regex::Regex::new(r#"<link rel="canonical"[^>]*>"#).unwrap();
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let html = canonical_tag.replace_all(&html, "");
        for link in attrs(&html, "href").into_iter().chain(attrs(&html, "src")) {
            if link.starts_with("https://") || link.starts_with("http://") {
                assert!(
                    !link.starts_with(base),
                    "{path}: internal link {link} is absolute"
                );
                continue;
            }
            if path == "404.html" && !link.starts_with('#') {
                assert!(link.starts_with("/repo/"), "404.html: {link}");
            } else {
                assert!(!link.starts_with('/'), "{path}: {link} is root-absolute");
            }
        }
    }
    let problems = check_links(&out, "/repo/");
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn cli_builds_and_summarises() {
    let tmp = tempdir();
    let out = tmp.path().join("out");
    let o = cli_build(&repo_root(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(o.status.code(), Some(0));
    let summary = stdout(&o);
    assert!(summary.contains("built 5 articles"), "{summary}");
    // The one undated seed is reported.
    assert!(
        stderr(&o).contains(&format!("{S003}.txt")),
        "{}",
        stderr(&o)
    );
    assert!(out.join("index.html").is_file());
    // The staging folder was swapped in, not left behind.
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "out")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn articles_json_snapshot() {
    let (_tmp, out) = build_seeds(None);
    insta::assert_snapshot!("seed_articles_json", read(&out.join("data/articles.json")));
}

/// A reader sees the copy's problem first: a banner naming the original by title, outlet and
/// date with a link; the original names its copy; flags carry plain labels; verdicts have an
/// index; the home page names the most serious finding in words.
#[test]
fn reader_pages_say_what_is_wrong_in_plain_words() {
    let (_tmp, out) = build_seeds(None);
    let json = articles_json(&out);
    let (copy, original) = (seed(&json, S001), seed(&json, S000));
    let slug = |v: &Value| v["slug"].as_str().unwrap().to_string();
    let page = article_html(&out, &slug(&copy));
    let (_, banner) = page
        .split_once("class=\"copy-banner")
        .expect("banner on the copy");
    let banner = &banner[..banner.find("</p>").unwrap()];
    let title = original["title"].as_str().unwrap();
    assert!(
        text(banner).contains(&format!("A copy of “{}”", unescape(title))),
        "{banner}"
    );
    assert!(
        banner.contains(&format!("articles/{}/", slug(&original))),
        "{banner}"
    );
    assert!(
        text(banner).contains("re-dated 3 February 2023"),
        "{banner}"
    );
    let h1 = page.find("<h1>").unwrap();
    assert!(page[h1..].find("copy-banner").unwrap() < page[h1..].find("class=\"byline").unwrap());
    assert!(
        page.contains("<strong>Republished copy</strong>")
            && !page.contains("<strong>republished</strong>")
    );
    let orig_page = article_html(&out, &slug(&original));
    assert!(
        text(&orig_page).contains("Copied by"),
        "the original names its copy"
    );
    let index = read(&out.join("index.html"));
    assert!(
        text(&index).contains("Re-dated copy"),
        "home page: the finding in words"
    );
    let checks = read(&out.join("checks/index.html"));
    assert!(
        checks.contains("checks/") && text(&checks).contains("Japan would provide"),
        "{checks}"
    );
    assert!(
        read(&out.join("index.html")).contains("href=\"checks/\""),
        "nav links the verdicts"
    );
}

/// `build --no-xref`: the content pipeline and rendering only. Every article page is there,
/// with no claims, flags or entities, and every link still resolves.
#[test]
fn no_xref_builds_the_pages_without_cross_references() {
    let tmp = tempdir();
    let out = tmp.path().join("site");
    let o = cli(&[
        "build",
        "--no-xref",
        "--root",
        repo_root().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("0 claims, 0 flags"), "{}", stdout(&o));
    for slug in ALL {
        assert!(out.join(format!("articles/{slug}/index.html")).is_file());
    }
    let flags: Value = serde_json::from_str(&read(&out.join("data/flags.json"))).unwrap();
    assert_eq!(flags["flags"], serde_json::json!([]));
    let problems = check_links(&out, "/factsite/");
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}
