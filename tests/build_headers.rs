//! Header shapes that are not in the seeds: each article of `tests/fixtures/build/headers/` has a
//! different arrangement of title, date, URL, byline, outlet and place; the test checks every
//! extracted field and the line it was read from.

mod common;

use common::*;
use factsite::content::{Article, BlockKind, Corpus, Field, Provenance};
use std::sync::LazyLock;

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    factsite::content::load(&fixture("headers").join("content")).expect("headers fixture loads")
});

fn article(file: &str) -> &'static Article {
    CORPUS
        .articles
        .iter()
        .find(|a| a.file == file)
        .unwrap_or_else(|| panic!("{file} not ingested"))
}

/// (value, provenance) of an optional field, for compact assertions.
fn f(field: &Option<Field<String>>) -> Option<(&str, Provenance)> {
    field.as_ref().map(|f| (f.value.as_str(), f.source.clone()))
}

fn line(n: usize) -> Provenance {
    Provenance::Line(n)
}

fn date(a: &Article) -> Option<(String, Provenance)> {
    a.date
        .as_ref()
        .map(|d| (d.value.format("%Y-%m-%d").to_string(), d.source.clone()))
}

fn d(s: &str, p: Provenance) -> Option<(String, Provenance)> {
    Some((s.to_string(), p))
}

fn title(a: &Article) -> (&str, Provenance) {
    (a.title.value.as_str(), a.title.source.clone())
}

fn kind_at(a: &Article, n: usize) -> BlockKind {
    a.blocks
        .iter()
        .find(|b| b.line == n)
        .unwrap_or_else(|| panic!("{}: no block at line {n}", a.file))
        .kind
}

/// The first body line and everything after it is article text.
fn assert_body_from(a: &Article, n: usize) {
    for b in &a.blocks {
        if b.line < n {
            assert_ne!(
                b.kind,
                BlockKind::Body,
                "{}: line {} is header, not body",
                a.file,
                b.line
            );
        } else {
            assert_eq!(
                b.kind,
                BlockKind::Body,
                "{}: line {} {:?}",
                a.file,
                b.line,
                b.text
            );
        }
    }
}

#[test]
fn iso_8601_with_time_and_zone_then_url() {
    let a = article("iso.txt");
    assert_eq!(
        title(a),
        (
            "Japan pledges new aid package for Ukraine reconstruction",
            line(1)
        )
    );
    assert_eq!(date(a), d("2023-05-19", line(2)));
    assert_eq!(a.date.as_ref().unwrap().raw, "2023-05-19T14:03:00+09:00");
    assert_eq!(
        f(&a.source_url),
        Some(("https://www.example.org/world/japan-aid?ref=rss", line(3)))
    );
    assert_eq!(
        f(&a.outlet),
        Some(("example.org", line(3))),
        "outlet from URL host"
    );
    assert_eq!(f(&a.byline), None);
    assert_eq!(f(&a.place), None);
    assert_body_from(a, 5);
}

#[test]
fn day_month_year_then_title_then_byline_with_outlet() {
    let a = article("dmy.txt");
    assert_eq!(date(a), d("2023-05-19", line(1)));
    assert_eq!(
        title(a),
        ("Leaders gather in Hiroshima for the G7 summit", line(3))
    );
    assert_eq!(f(&a.byline), Some(("Jane Smith and John Doe", line(5))));
    assert_eq!(f(&a.outlet), Some(("Reuters", line(5))));
    assert_body_from(a, 7);
}

#[test]
fn outlet_on_first_line_then_title_then_month_day_year() {
    let a = article("outlet_first.txt");
    assert_eq!(f(&a.outlet), Some(("Reuters", line(1))));
    assert_eq!(
        title(a),
        (
            "Zelensky to attend G7 summit in person, officials say",
            line(2)
        )
    );
    assert_eq!(date(a), d("2023-05-19", line(3)));
    assert_body_from(a, 4);
}

#[test]
fn title_then_byline_then_slashed_date() {
    let a = article("title_byline_date.txt");
    assert_eq!(
        title(a),
        ("South Korea weighs arms exports as pressure grows", line(1))
    );
    assert_eq!(f(&a.byline), Some(("Kim Min-jun", line(2))));
    assert_eq!(date(a), d("2023-05-19", line(3)));
    assert_eq!(f(&a.outlet), None);
    assert_body_from(a, 5);
}

#[test]
fn updated_line_and_source_prefix() {
    let a = article("updated.txt");
    assert_eq!(date(a), d("2023-05-19", line(1)));
    assert_eq!(
        title(a),
        ("Kishida meets Zelensky on sidelines of summit", line(2))
    );
    assert_eq!(
        f(&a.source_url),
        Some(("https://news.example.com/asia/kishida-zelensky", line(3)))
    );
    assert_eq!(f(&a.outlet), Some(("news.example.com", line(3))));
    assert_body_from(a, 4);
}

#[test]
fn published_then_updated_keeps_published() {
    let a = article("published_updated.txt");
    assert_eq!(date(a), d("2023-05-18", line(2)));
    // The second date line is header, not a sub-heading of the body.
    assert_eq!(kind_at(a, 3), BlockKind::Metadata);
    assert_body_from(a, 4);
}

#[test]
fn updated_then_published_prefers_published() {
    let a = article("updated_first.txt");
    assert_eq!(date(a), d("2023-05-18", line(3)));
    assert_eq!(kind_at(a, 2), BlockKind::Metadata);
    assert_body_from(a, 4);
}

#[test]
fn no_header_at_all() {
    let a = article("no_header.txt");
    assert_eq!(a.title.source, Provenance::Derived);
    assert!(
        a.title.value.starts_with("Japan on Friday pledged"),
        "{}",
        a.title.value
    );
    assert_eq!(date(a), None);
    assert_eq!(f(&a.source_url), None);
    assert_eq!(f(&a.outlet), None);
    assert_eq!(f(&a.byline), None);
    assert_eq!(f(&a.place), None);
    assert_body_from(a, 1);
    assert!(
        CORPUS
            .warnings
            .iter()
            .any(|w| w.file == "no_header.txt" && w.message.contains("date")),
        "undated article is reported: {:?}",
        CORPUS.warnings
    );
}

#[test]
fn place_then_utc_timestamp_then_title() {
    let a = article("iso_z_place.txt");
    assert_eq!(f(&a.place), Some(("Tokyo", line(1))));
    assert_eq!(date(a), d("2023-05-19", line(2)));
    assert_eq!(
        title(a),
        ("Japan and Ukraine sign a memorandum on demining", line(3))
    );
    assert_body_from(a, 4);
}

#[test]
fn weekday_date_with_time_and_byline_with_role() {
    let a = article("weekday.txt");
    assert_eq!(
        title(a),
        ("Biden lands in Hiroshima ahead of the summit", line(1))
    );
    assert_eq!(date(a), d("2023-05-19", line(2)));
    let (byline, at) = f(&a.byline).expect("byline");
    assert!(byline.starts_with("Sam Lee"), "{byline}");
    assert_eq!(at, line(3));
    assert_eq!(f(&a.outlet), None, "a role is not an outlet");
    assert_body_from(a, 4);
}

#[test]
fn newsroom_timestamp_with_dotted_time() {
    let a = article("guardian.txt");
    assert_eq!(f(&a.outlet), Some(("The Guardian", line(1))));
    assert_eq!(
        title(a),
        ("Zelensky arrives in Japan for G7 summit", line(2))
    );
    assert_eq!(date(a), d("2023-05-19", line(3)));
    assert_body_from(a, 4);
}

#[test]
fn european_numeric_date() {
    let a = article("european.txt");
    assert_eq!(f(&a.place), Some(("Kyiv", line(1))));
    assert_eq!(date(a), d("2023-05-19", line(2)));
    assert_eq!(
        title(a),
        ("Ukraine thanks Japan for winter generators", line(3))
    );
    assert_body_from(a, 4);
}

#[test]
fn toml_front_matter_wins() {
    let a = article("fm_toml.md");
    let fm = Provenance::FrontMatter;
    assert_eq!(title(a), ("Front matter title wins", fm.clone()));
    assert_eq!(date(a), d("2023-05-19", fm.clone()));
    assert_eq!(
        f(&a.source_url),
        Some(("https://example.com/fm-toml", fm.clone()))
    );
    assert_eq!(f(&a.outlet), Some(("Front Matter Times", fm.clone())));
    assert_eq!(f(&a.byline), Some(("A. Writer", fm.clone())));
    assert_eq!(a.tags, ["japan", "aid"]);
    // Blocks keep file line numbers (after the front matter).
    assert_eq!(kind_at(a, 10), BlockKind::Heading);
    assert_eq!(kind_at(a, 16), BlockKind::Body);
}

#[test]
fn yaml_front_matter_wins() {
    let a = article("fm_yaml.md");
    let fm = Provenance::FrontMatter;
    assert_eq!(title(a), ("YAML title wins", fm.clone()));
    assert_eq!(date(a), d("2023-05-19", fm.clone()));
    assert_eq!(a.date.as_ref().unwrap().raw, "May 19, 2023");
    assert_eq!(f(&a.outlet), Some(("Yaml Daily", fm.clone())));
    assert_eq!(f(&a.byline), Some(("B. Reporter", fm.clone())));
    assert_eq!(f(&a.place), Some(("Hiroshima", fm.clone())));
    assert_eq!(f(&a.source_url), Some(("https://example.net/yaml", fm)));
    assert_eq!(kind_at(a, 13), BlockKind::Body);
}

#[test]
fn markdown_without_front_matter_and_drafts() {
    let a = article("md_heading.md");
    assert_eq!(title(a), ("Markdown title from the heading", line(1)));
    assert_eq!(date(a), None);
    assert!(
        !CORPUS.articles.iter().any(|a| a.file == "draft.md"),
        "drafts are not published"
    );
}

#[test]
fn built_site_reports_the_same_provenance() {
    let (tmp, root) = copy_fixture("headers");
    let out = tmp.path().join("out");
    build_ok(&root, &out);
    let json = articles_json(&out);
    assert_eq!(json.len(), CORPUS.articles.len());
    let a = &json["iso.txt"];
    assert_eq!(a["date_source"], "line 2");
    assert_eq!(a["date_raw"], "2023-05-19T14:03:00+09:00");
    assert_eq!(a["title_source"], "line 1");
    let a = &json["fm_yaml.md"];
    assert_eq!(a["date_source"], "front matter");
    assert_eq!(a["title_source"], "front matter");
    assert_eq!(a["format"], "markdown");
    assert!(json["no_header.txt"]["date"].is_null());
    // The provenance is on the page.
    let page = text(&article_html(&out, "dmy"));
    assert!(
        page.contains("Byline Jane Smith and John Doe line 5"),
        "{page}"
    );
    let problems = check_links(&out, "/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Every line of every plain-text article is on its page: header lines included.
    for a in CORPUS.articles.iter().filter(|a| a.file.ends_with(".txt")) {
        let page = text(&article_html(&out, &a.slug));
        let source = read(&fixture("headers").join("content").join(&a.file));
        for (i, l) in source.lines().enumerate() {
            let l = squash(l);
            assert!(
                page.contains(&l),
                "{} line {}: {l:?} not on the page",
                a.file,
                i + 1
            );
        }
    }
}
