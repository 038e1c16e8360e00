//! Listings at archive scale, on a generated site of a few hundred articles with a small
//! `paginate_by`: every listing is split into pages linked by `rel="prev"/"next"` and page
//! numbers, taxonomies (tags, outlets, authors, months) have index and term pages (term feeds
//! where asked), the timeline is split by month, every page is in the sitemap, no page grows
//! with the archive, and every article is a few clicks from the home page.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

const ARTICLES: usize = 240;
const PER_PAGE: usize = 7;

/// Markdown articles with front matter, dated over two years, tagged, with two outlets and
/// three authors; every one has the tag "archive", so that term has many pages.
fn write_site(root: &Path) {
    let content = root.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!(
            "title = \"Listings\"\nbase_url = \"https://example.org/l/\"\npaginate_by = {PER_PAGE}\n\
             [[taxonomies]]\nname = \"tags\"\nfeed = true\n\
             [[taxonomies]]\nname = \"outlets\"\n\
             [[taxonomies]]\nname = \"authors\"\npaginate_by = 50\n\
             [[taxonomies]]\nname = \"months\"\n"
        ),
    )
    .unwrap();
    let towns = ["Lisbon", "Nairobi", "Toronto", "Osaka", "Quito"];
    let authors = ["Jane Doe", "John Roe", "Ann Poe"];
    // A claim repeated verbatim in three articles, each in its own words (a sentence shape met
    // in many articles is a template, not a claim).
    let people = [
        "Maria Keller",
        "Wei Chen",
        "Sofia Rossi",
        "John Osei",
        "Ana Lima",
    ];
    let funds = [
        "reserve",
        "pension",
        "housing",
        "flood",
        "transport",
        "harbour",
        "school",
        "forest",
    ];
    let places = [
        "Lyon", "Perth", "Bergen", "Accra", "Hanoi", "Tallinn", "Cusco", "Graz", "Riga", "Oulu",
        "Fez",
    ];
    for i in 0..ARTICLES {
        let day = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap()
            + chrono::Days::new((i as u64 * 37) % 700);
        let town = towns[i % towns.len()];
        let text = format!(
            "---\ntitle: \"Council report {i} from {town}\"\ndate: {day}\nauthor: {}\noutlet: {}\n\
             tags: [archive, {}]\n---\n\n\
             The council of {town} approved {} million dollars for report {i} on {}, Maria Keller said.\n\n\
             \"We expect the work to be ready within {} months,\" said Omar Haddad of {town}.\n\n\
             {} said the {} fund of {} stood at {} million dollars in 2020.\n",
            authors[i % 3],
            if i % 2 == 0 {
                "Daily Post"
            } else {
                "Weekly Star"
            },
            ["roads", "schools", "water"][i % 3],
            100 + i,
            day.format("%-d %B %Y"),
            2 + i % 20,
            people[(i / 3) % people.len()],
            funds[(i / 3) % funds.len()],
            places[(i / 3) % places.len()],
            10 * (i / 3) + 5,
        );
        std::fs::write(content.join(format!("report-{i:03}.md")), text).unwrap();
    }
}

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempdir();
    let root = tmp.path().join("site");
    write_site(&root);
    let out = tmp.path().join("out");
    let report = build_ok(&root, &out);
    assert_eq!(report.articles, ARTICLES);
    (tmp, out)
}

/// The hrefs of `html` that point inside the site, resolved against `page` (an output path).
fn site_links(page: &str, html: &str) -> Vec<String> {
    let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
    attrs(html, "href")
        .into_iter()
        .filter(|h| !h.contains("://") && !h.starts_with('#') && !h.starts_with('/'))
        .map(|h| {
            let h = h.split('#').next().unwrap_or("").to_string();
            let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
            for seg in h.split('/') {
                match seg {
                    ".." => {
                        parts.pop();
                    }
                    "" | "." => {}
                    s => parts.push(s),
                }
            }
            let mut p = parts.join("/");
            if h.ends_with('/') || h.is_empty() {
                p = if p.is_empty() {
                    "index.html".into()
                } else {
                    format!("{p}/index.html")
                };
            }
            p
        })
        .collect()
}

#[test]
fn listings_are_paginated_with_prev_next_and_numbers() {
    let (_tmp, out) = built();
    let pages = ARTICLES.div_ceil(PER_PAGE);
    let home = read(&out.join("index.html"));
    assert!(
        home.contains("<link rel=\"next\" href=\"page/2/\">"),
        "head link"
    );
    assert!(!home.contains("rel=\"prev\""));
    assert!(home.contains(&format!("1–{PER_PAGE} of {ARTICLES}")));
    assert!(
        attrs(&home, "href").contains(&format!("page/{pages}/")),
        "last page linked"
    );
    assert_eq!(
        home.matches("<tr>").count(),
        PER_PAGE + 1,
        "header row + a page of rows"
    );
    let second = read(&out.join("page/2/index.html"));
    assert!(
        second.contains("<link rel=\"prev\" href=\"../../\">"),
        "page 2 points back to the home page"
    );
    assert!(second.contains("<link rel=\"next\" href=\"../../page/3/\">"));
    assert!(second.contains("aria-current=\"page\" href=\"../../page/2/\""));
    let last = read(&out.join(format!("page/{pages}/index.html")));
    assert!(!last.contains("rel=\"next\""));
    assert_eq!(
        last.matches("<tr>").count(),
        1 + ARTICLES - (pages - 1) * PER_PAGE
    );
    assert!(!out.join(format!("page/{}/index.html", pages + 1)).exists());
    // Claims and entities are listed a page at a time too.
    assert!(out.join("claims/page/2/index.html").is_file());
    assert!(out.join("entities/index.html").is_file());
    let claims = read(&out.join("claims/index.html"));
    assert!(claims.contains("class=\"pager\""), "claims are paged");
}

#[test]
fn taxonomies_have_index_and_term_pages_linked_from_articles() {
    let (_tmp, out) = built();
    for t in ["tags", "outlets", "authors", "months"] {
        assert!(out.join(format!("{t}/index.html")).is_file(), "{t} index");
    }
    let tags = read(&out.join("tags/index.html"));
    for term in ["archive", "roads", "schools", "water"] {
        assert!(
            tags.contains(&format!("href=\"../tags/{term}/\"")),
            "{term} listed"
        );
    }
    // The tag every article has: as many pages as the home page, newest first, with a feed.
    let archive = read(&out.join("tags/archive/index.html"));
    assert!(archive.contains("<link rel=\"next\" href=\"../../tags/archive/page/2/\">"));
    assert!(archive.contains(&format!("{ARTICLES} articles")));
    let pages = ARTICLES.div_ceil(PER_PAGE);
    assert!(
        out.join(format!("tags/archive/page/{pages}/index.html"))
            .is_file()
    );
    let feed = read(&out.join("tags/archive/atom.xml"));
    assert!(
        feed.contains("<entry>"),
        "the term has a feed (its length: see feed_limit)"
    );
    assert!(
        !out.join("outlets/daily-post/atom.xml").exists(),
        "feeds only where asked"
    );
    // Per-taxonomy paginate_by: 80 articles per author fit two pages of 50.
    assert!(out.join("authors/jane-doe/page/2/index.html").is_file());
    assert!(!out.join("authors/jane-doe/page/3/index.html").exists());
    // Months from dates, newest first.
    let months = read(&out.join("months/index.html"));
    assert!(
        months.contains("months/2022-12/") && !months.contains("months/2021-"),
        "newest first"
    );
    let last = format!("months/page/{}/index.html", 24usize.div_ceil(PER_PAGE));
    assert!(
        read(&out.join(last)).contains("months/2021-01/"),
        "oldest last"
    );
    // Every article links to its terms.
    let a = article_html(&out, "report-004");
    for link in [
        "tags/archive/",
        "tags/schools/",
        "outlets/daily-post/",
        "authors/john-roe/",
        "months/",
    ] {
        assert!(
            a.contains(&format!("href=\"../../{link}")),
            "{link} on the article"
        );
    }
}

#[test]
fn timeline_is_split_by_month_and_every_page_is_in_the_sitemap() {
    let (_tmp, out) = built();
    let timeline = read(&out.join("timeline/index.html"));
    assert!(
        timeline.contains("Each column is a month"),
        "aggregated picture at this size"
    );
    let month_links: Vec<String> = attrs(&timeline, "href")
        .into_iter()
        .filter(|h| h.starts_with("../timeline/20"))
        .collect();
    assert!(month_links.len() > 12, "{month_links:?}");
    let sitemap = read(&out.join("sitemap.xml"));
    let files = tree(&out);
    let html: Vec<&String> = files.keys().filter(|p| p.ends_with("index.html")).collect();
    for p in &html {
        let url = format!("https://example.org/l/{}", p.trim_end_matches("index.html"));
        assert!(
            sitemap.contains(&format!("<loc>{url}</loc>")),
            "{url} in the sitemap"
        );
    }
    assert!(
        check_links(&out, "/l/").is_empty(),
        "{:?}",
        check_links(&out, "/l/")
    );
}

#[test]
fn no_listing_grows_with_the_archive_and_articles_are_a_few_clicks_away() {
    let (_tmp, out) = built();
    let files = tree(&out);
    // A listing page holds a page of rows: none is near the size of a 240-row table.
    for (p, bytes) in &files {
        let listing = p.contains("page/")
            || [
                "index.html",
                "claims/index.html",
                "flags/index.html",
                "tags/archive/index.html",
            ]
            .contains(&p.as_str());
        if listing {
            assert!(bytes.len() < 40_000, "{p} is {} bytes", bytes.len());
        }
    }
    // Breadth-first from the home page: every article within a handful of clicks.
    let mut depth: BTreeMap<String, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([("index.html".to_string(), 0)]);
    depth.insert("index.html".into(), 0);
    while let Some((page, d)) = queue.pop_front() {
        let Some(bytes) = files.get(&page) else {
            continue;
        };
        for next in site_links(&page, &String::from_utf8_lossy(bytes)) {
            if next.ends_with(".html") && !depth.contains_key(&next) {
                depth.insert(next.clone(), d + 1);
                queue.push_back((next, d + 1));
            }
        }
    }
    let articles: BTreeSet<&String> = files
        .keys()
        .filter(|p| p.starts_with("articles/") && p.ends_with("index.html"))
        .collect();
    assert_eq!(articles.len(), ARTICLES);
    let worst = articles
        .iter()
        .map(|a| depth.get(*a).copied().unwrap_or(usize::MAX))
        .max();
    assert!(
        worst.is_some_and(|w| w <= 4),
        "deepest article is {worst:?} clicks away"
    );
}

#[test]
fn bad_listing_settings_name_the_line() {
    let tmp = tempdir();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"x\"\n[[taxonomies]]\nname = \"categories\"\n",
    )
    .unwrap();
    let err = build(&root, &tmp.path().join("out"), None)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("site.toml:3:") && err.contains("unknown taxonomy"),
        "{err}"
    );
    std::fs::write(root.join("site.toml"), "").unwrap();
    std::fs::write(
        root.join("content/a.txt"),
        "A title\n2023-05-19\n\nSome text about Osaka.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/tags.toml"),
        "\"a.txt\" = [\"Japan\"]\n\"missing.txt\" = [\"x\"]\n",
    )
    .unwrap();
    let report = build_ok(&root, &tmp.path().join("out"));
    let warnings = warning_lines(&report);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("tags.toml:2") && w.contains("no article content/missing.txt")),
        "{warnings:?}"
    );
    assert!(
        tmp.path().join("out/tags/japan/index.html").is_file(),
        "the other entry applies"
    );
    std::fs::write(root.join("content/tags.toml"), "\"a.txt\" = \"Japan\"\n").unwrap();
    let err = build(&root, &tmp.path().join("out"), None)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("tags.toml:1:") && err.contains("list of tags"),
        "{err}"
    );
}

/// `<published>` dates of a feed's entries, in order, and how many entries it has.
fn feed_entries(xml: &str) -> (usize, Vec<String>) {
    let published = xml
        .split("<published>")
        .skip(1)
        .map(|p| p[..10].to_string())
        .collect();
    (xml.matches("<entry>").count(), published)
}

#[test]
fn feeds_carry_the_newest_entries_up_to_feed_limit() {
    let (tmp, out) = built();
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    // The default limit is 100: the articles feed has the 100 newest, newest first.
    let (n, dates) = feed_entries(&read("atom.xml"));
    assert_eq!(n, 100);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let newest = (0..ARTICLES as u64)
        .map(|i| {
            chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + chrono::Days::new((i * 37) % 700)
        })
        .max()
        .unwrap();
    assert_eq!(dates[0], newest.to_string());
    // A term feed (every article is tagged "archive") and the flags feed keep to it too.
    assert_eq!(feed_entries(&read("tags/archive/atom.xml")).0, 100);
    let flags = read("flags.xml");
    assert!(feed_entries(&flags).0 <= 100);
    // Flags on the newest articles come first (entries' `updated` is their article's date).
    let updated: Vec<&str> = flags.split("<updated>").skip(2).map(|u| &u[..10]).collect();
    assert!(updated.windows(2).all(|w| w[0] >= w[1]), "{updated:?}");
    // `feed_limit = 0` puts every article in.
    let root = tmp.path().join("site");
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(root.join("site.toml"), format!("feed_limit = 0\n{toml}")).unwrap();
    build_ok(&root, &out);
    assert_eq!(feed_entries(&read("atom.xml")).0, ARTICLES);
}
