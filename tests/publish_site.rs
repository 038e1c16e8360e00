//! Publishing files of a built site: Atom feeds, sitemap and robots.txt, JSON-LD on every page
//! (escaped, valid, with the schema.org fields), the search index and page, CNAME, and that they
//! are byte-identical across builds.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const BASE: &str = "https://example.org/REPO/";

fn build_fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = copy_fixture_publish();
    let out = tmp.path().join("out");
    build(&root, &out, None).unwrap_or_else(|e| panic!("build failed: {e}"));
    (tmp, out)
}

fn copy_fixture_publish() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempdir();
    let root = tmp.path().join("site-root");
    copy_dir(&repo_root().join("tests/fixtures/publish/site"), &root);
    (tmp, root)
}

/// Parses XML (panicking on malformed input) into (element path, unescaped text) pairs, e.g.
/// `("feed/entry/title#text", "…")`, and `("feed/entry/link@href", "…")` for attributes.
fn xml(s: &str) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(s);
    let mut path: Vec<String> = vec![];
    let mut out = vec![];
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("malformed XML: {e}\n{s}"))
        {
            ev @ (Event::Start(_) | Event::Empty(_)) => {
                let (Event::Start(e) | Event::Empty(e)) = &ev else {
                    unreachable!()
                };
                let qname = e.name();
                let name: &str = qname.as_ref();
                path.push(name.to_string());
                for a in e.attributes() {
                    let a = a.expect("attribute");
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("attribute value")
                        .into_owned();
                    let k: &str = a.key.as_ref();
                    out.push((format!("{}@{k}", path.join("/")), v));
                }
                if matches!(ev, Event::Empty(_)) {
                    path.pop();
                }
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Text(t) => {
                let raw: &str = &t;
                let text = quick_xml::escape::unescape(raw).expect("text");
                push_text(&mut out, &path, &text);
            }
            Event::GeneralRef(r) => {
                let name: &str = &r;
                let entity = format!("&{name};");
                let ch = quick_xml::escape::unescape(&entity).expect("entity");
                push_text(&mut out, &path, &ch);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(path.is_empty(), "unclosed elements: {path:?}");
    out.retain(|(_, t)| !t.trim().is_empty());
    out
}

/// Text arrives in pieces (text, entity reference, text): glue the pieces of one element.
fn push_text(out: &mut Vec<(String, String)>, path: &[String], piece: &str) {
    let p = format!("{}#text", path.join("/"));
    match out.last_mut() {
        Some((lp, t)) if *lp == p => t.push_str(piece),
        _ => out.push((p, piece.to_string())),
    }
}

fn values<'a>(x: &'a [(String, String)], path: &str) -> Vec<&'a str> {
    let text = format!("{path}#text");
    x.iter()
        .filter(|(p, _)| *p == path || *p == text)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// The JSON-LD documents of a page, parsed.
fn jsonld(html: &str) -> Vec<Value> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .map(|(i, _)| {
            let rest = &html[i + open.len()..];
            let end = rest.find("</script>").expect("closed script");
            serde_json::from_str(&rest[..end])
                .unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{}", &rest[..end]))
        })
        .collect()
}

fn page(out: &Path, rel: &str) -> String {
    read(&out.join(rel))
}

#[test]
fn atom_feed_of_articles() {
    let (_t, out) = build_fixture();
    let x = xml(&page(&out, "atom.xml"));
    assert_eq!(values(&x, "feed/id"), [format!("{BASE}atom.xml")]);
    // `updated` is the newest date in the content (the verdict of 2024-01-02), not the build time.
    assert_eq!(values(&x, "feed/updated"), ["2024-01-02T00:00:00Z"]);
    assert_eq!(values(&x, "feed/title"), ["Publish fixture & <friends>"]);
    let titles = values(&x, "feed/entry/title");
    assert_eq!(titles.len(), 3, "{titles:?}");
    // Newest first, undated last; markup in titles survives as text.
    assert_eq!(
        titles[0],
        "Breaking </script><script>alert(1)</script> & <b>more</b>"
    );
    assert_eq!(titles[1], "Council approves bridge");
    assert_eq!(
        values(&x, "feed/entry/link@href")[1],
        format!("{BASE}articles/older/")
    );
    assert_eq!(
        values(&x, "feed/entry/published"),
        ["2023-02-03T00:00:00Z", "2022-05-15T00:00:00Z"]
    );
    assert_eq!(values(&x, "feed/entry/updated").len(), 3);
    assert!(values(&x, "feed/entry/author/name").contains(&"Jane Reporter"));
    assert_eq!(values(&x, "feed/entry/category@term"), ["bridges"]);
}

#[test]
fn flags_feed_lists_verdicts() {
    let (_t, out) = build_fixture();
    let x = xml(&page(&out, "flags.xml"));
    assert_eq!(values(&x, "feed/id"), [format!("{BASE}flags.xml")]);
    let titles = values(&x, "feed/entry/title");
    assert!(
        titles.contains(&"Misleading: The bridge will cost $12 million."),
        "{titles:?}"
    );
    assert!(
        values(&x, "feed/entry/link@href").contains(&format!("{BASE}checks/bridge-cost/").as_str())
    );
    assert!(values(&x, "feed/entry/category@term").contains(&"verdict"));
}

#[test]
fn sitemap_lists_every_page_and_robots_points_at_it() {
    let (_t, out) = build_fixture();
    let x = xml(&page(&out, "sitemap.xml"));
    let locs: BTreeSet<String> = values(&x, "urlset/url/loc")
        .into_iter()
        .map(String::from)
        .collect();
    let pages: BTreeSet<String> = tree(&out)
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .map(|p| format!("{BASE}{}", p.trim_end_matches("index.html")))
        .collect();
    assert_eq!(locs, pages);
    for must in ["", "articles/older/", "search/", "about/"] {
        assert!(locs.contains(&format!("{BASE}{must}")), "{must} missing");
    }
    assert_eq!(
        page(&out, "robots.txt"),
        format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n")
    );
    assert_eq!(page(&out, "CNAME"), "factcheck.example.org\n");
}

#[test]
fn every_page_but_404_has_valid_json_ld() {
    let (_t, out) = build_fixture();
    for (path, bytes) in tree(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let docs = jsonld(&html);
        if path == "404.html" {
            assert!(docs.is_empty());
            continue;
        }
        assert_eq!(docs.len(), 1, "{path}");
        assert_eq!(docs[0]["@context"], "https://schema.org", "{path}");
    }
    let home = jsonld(&page(&out, "index.html"));
    assert_eq!(home[0]["@type"], "WebSite");
    assert_eq!(home[0]["url"], BASE);
    assert_eq!(
        home[0]["potentialAction"]["target"]["urlTemplate"],
        format!("{BASE}search/?q={{search_term_string}}")
    );
}

#[test]
fn news_article_json_ld() {
    let (_t, out) = build_fixture();
    let a = &jsonld(&article_html(&out, "older"))[0];
    assert_eq!(a["@type"], "NewsArticle");
    assert_eq!(a["headline"], "Council approves bridge");
    assert_eq!(a["datePublished"], "2022-05-15");
    assert_eq!(a["url"], format!("{BASE}articles/older/"));
    assert_eq!(a["publisher"]["name"], "Fixture Desk");
    assert_eq!(a["author"]["name"], "Jane Reporter");
    assert_eq!(a["sameAs"], "https://news.example.org/bridge");
    assert!(a.get("isBasedOn").is_none());
}

#[test]
fn json_ld_cannot_break_out_of_its_script() {
    let (_t, out) = build_fixture();
    let html = article_html(&out, "newer");
    let a = &jsonld(&html)[0];
    assert_eq!(
        a["headline"],
        "Breaking </script><script>alert(1)</script> & <b>more</b>"
    );
    // The only script elements are the search script and the JSON-LD.
    assert_eq!(html.matches("<script").count(), 2, "{html}");
    assert!(html.contains("\\u003c/script\\u003e"));
}

#[test]
fn search_index_and_page() {
    let (_t, out) = build_fixture();
    let index: Value = serde_json::from_str(&page(&out, "search-index.json")).unwrap();
    assert_eq!(index["version"], 2);
    let docs = index["docs"].as_array().unwrap();
    let articles: Vec<&Value> = docs.iter().filter(|d| d["kind"] == "article").collect();
    assert_eq!(articles.len(), 3);
    let older = articles
        .iter()
        .find(|d| d["url"] == "articles/older/")
        .unwrap();
    assert_eq!(older["title"], "Council approves bridge");
    assert_eq!(older["date"], "2022-05-15");
    // Its words are in the term files, by document number.
    let n = docs
        .iter()
        .position(|d| d["url"] == "articles/older/")
        .unwrap();
    let mi: Value = serde_json::from_str(&page(&out, "search/terms/mi.json")).unwrap();
    let postings = mi["million"].as_array().unwrap();
    assert!(postings.chunks(2).any(|p| p[0] == n), "{postings:?}");
    // The search page lists every document with a working relative link, and every page has the
    // search form pointing at it.
    let search = page(&out, "search/index.html");
    for d in docs {
        assert!(
            search.contains(&format!("href=\"../{}\"", d["url"].as_str().unwrap())),
            "{d}"
        );
    }
    assert!(
        page(&out, "index.html")
            .contains("<form class=\"search\" role=\"search\" action=\"search/\"")
    );
    assert!(article_html(&out, "older").contains("action=\"../../search/\""));
    assert!(read(&out.join("static/search.js")).contains("search/terms/"));
    let chunk: Value = serde_json::from_str(&page(&out, "search/docs/0.json")).unwrap();
    assert_eq!(
        chunk.as_array().unwrap().len(),
        docs.len(),
        "one chunk holds them all"
    );
    assert!(out.join("static/favicon.svg").is_file());
}

#[test]
fn publishing_files_are_deterministic() {
    let (tmp, root) = copy_fixture_publish();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&root, &a, None).unwrap();
    build(&root, &b, None).unwrap();
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for f in [
        "atom.xml",
        "flags.xml",
        "sitemap.xml",
        "robots.txt",
        "search-index.json",
    ] {
        assert_eq!(ta[f], tb[f], "{f} differs between builds");
    }
    assert_eq!(ta, tb);
}

#[test]
fn base_url_override_reaches_every_absolute_url() {
    let (tmp, root) = copy_fixture_publish();
    let out = tmp.path().join("out");
    build(&root, &out, Some("http://127.0.0.1:9/x")).unwrap();
    for f in ["atom.xml", "flags.xml", "sitemap.xml", "robots.txt"] {
        let s = page(&out, f);
        assert!(
            !s.contains("example.org/REPO"),
            "{f} keeps the old base URL"
        );
        assert!(s.contains("http://127.0.0.1:9/x/"), "{f}");
    }
    let a = &jsonld(&article_html(&out, "older"))[0];
    assert_eq!(a["url"], "http://127.0.0.1:9/x/articles/older/");
}
