//! A site with Markdown pages (`content/pages/`), articles in nested folders and assets beside
//! them: pages are built, listed and linked, and every link and image resolves at any depth.

mod common;

use common::*;

fn build_pages_fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = copy_fixture("pages");
    let out = tmp.path().join("out");
    let report = build_ok(&root, &out);
    assert_eq!((report.articles, report.pages), (2, 1));
    (tmp, out)
}

#[test]
fn pages_nested_articles_and_assets() {
    let (_tmp, out) = build_pages_fixture();
    // The page is built, titled once, and linked from the home page.
    let about = read(&out.join("about/index.html"));
    assert_eq!(
        about.matches("<h1>").count(),
        1,
        "the # title is not repeated"
    );
    assert!(text(&about).contains("We check claims made in news articles."));
    assert!(attrs(&read(&out.join("index.html")), "href").contains(&"about/".to_string()));
    // Heading ids, tables and highlighted code with classes (no inline styles).
    assert!(attrs(&about, "id").contains(&"method".to_string()));
    assert!(about.contains("<table>"));
    assert!(about.contains("class=\"hl-") && !about.contains("style="));
    // Nested articles get a flat slug and their assets are copied beside them.
    let json = articles_json(&out);
    let a = &json["2023/05/zelensky-hiroshima.txt"];
    assert_eq!(a["slug"], "2023-05-zelensky-hiroshima");
    assert_eq!(a["outlet"], "Reuters");
    assert!(out.join("articles/2023-05-map/index.html").is_file());
    assert!(out.join("files/2023/05/map.png").is_file());
    assert!(out.join("files/pages/logo.png").is_file());
    let map = read(&out.join("articles/2023-05-map/index.html"));
    assert!(attrs(&map, "src").contains(&"../../files/2023/05/map.png".to_string()));
    let problems = check_links(&out, "/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(external_requests(&out).is_empty());
}

/// A Markdown link to another article's source file goes to that article's page.
#[test]
fn markdown_link_to_another_article_resolves() {
    let (tmp, root) = copy_fixture("pages");
    let md = root.join("content/2023/05/map.md");
    let mut text = read(&md);
    text.push_str("\nCompare it with the [other report](zelensky-hiroshima.txt).\n");
    std::fs::write(&md, text).unwrap();
    let out = tmp.path().join("out");
    build_ok(&root, &out);
    let problems = check_links(&out, "/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let page = read(&out.join("articles/2023-05-map/index.html"));
    assert!(
        page.contains("href=\"../../articles/2023-05-zelensky-hiroshima/\""),
        "{page}"
    );
}
