//! Atom feeds: `atom.xml` (articles, newest first) and `flags.xml` (fact-checkers' verdicts and
//! the cross-reference pass's flags). Written by hand: Atom needs a dozen elements, and doing it
//! here keeps the output byte-stable and the escaping in one audited function ([`super::text::escape`]),
//! without a dependency whose defaults (timestamps of "now", attribute order) we would have to
//! fight. Every absolute URL comes from `base_url`; `updated` is the newest date in the data, never
//! the time of the build, so two builds of the same input are identical.

use super::OutFile;
use super::context::article_url;
use super::text::{escape, shorten};
use crate::config::Config;
use crate::content::{Article, BlockKind, Corpus};
use crate::xref::CrossRef;
use chrono::NaiveDate;
use std::fmt::Write;

/// Where a verdict's page lives, relative to the site root. The pages are rendered by `pages.rs`;
/// keep the two in step.
pub fn verdict_path(slug: &str) -> String {
    format!("checks/{slug}/")
}

/// Both feeds.
pub fn files(config: &Config, corpus: &Corpus, xref: &CrossRef) -> Vec<OutFile> {
    vec![
        OutFile::new("atom.xml", articles_feed(config, corpus)),
        OutFile::new("flags.xml", flags_feed(config, corpus, xref)),
    ]
}

/// One `<entry>`.
struct Entry {
    id: String,
    title: String,
    link: String,
    published: Option<NaiveDate>,
    updated: NaiveDate,
    author: Option<String>,
    summary: String,
    categories: Vec<String>,
}

/// `atom.xml`: the newest articles (`feed_limit`), undated ones last (their `updated` is the
/// feed's).
pub fn articles_feed(config: &Config, corpus: &Corpus) -> String {
    let mut articles: Vec<&Article> = corpus.articles.iter().map(AsRef::as_ref).collect();
    articles.sort_by(|a, b| {
        let (da, db) = (
            a.date.as_ref().map(|d| d.value),
            b.date.as_ref().map(|d| d.value),
        );
        db.is_some()
            .cmp(&da.is_some())
            .then(db.cmp(&da))
            .then(a.file.cmp(&b.file))
    });
    let what = (&config.title[..], &config.description[..]);
    article_list_feed(config, "atom.xml", what, &articles, newest(corpus))
}

/// A feed at `path` of the first `feed_limit` of `articles`, in the order given (a taxonomy
/// term's feed, `atom.xml`); `updated` is the feed's date and that of undated entries.
pub fn article_list_feed(
    config: &Config,
    path: &str,
    (title, subtitle): (&str, &str),
    articles: &[&Article],
    updated: NaiveDate,
) -> String {
    let entries = articles[..config.feed_entries(articles.len())]
        .iter()
        .map(|a| {
            let url = format!("{}{}", config.base_url, article_url(&a.slug));
            let date = a.date.as_ref().map(|d| d.value);
            Entry {
                id: url.clone(),
                title: a.title.value.clone(),
                link: url,
                published: date,
                updated: date.unwrap_or(updated),
                author: a
                    .byline
                    .as_ref()
                    .or(a.outlet.as_ref())
                    .map(|f| f.value.clone()),
                summary: summary(a),
                categories: a.tags.clone(),
            }
        })
        .collect::<Vec<_>>();
    feed(config, path, title, subtitle, updated, &entries)
}

/// `flags.xml`: verdicts (newest review first), then flags, those on the newest articles first
/// (in the order the cross-reference pass gives them within an article's date), up to
/// `feed_limit` entries in all. Each flag links to its note on the article's page
/// (`articles/<slug>/#<id>`), a link that does not move when the flags report's pages do.
pub fn flags_feed(config: &Config, corpus: &Corpus, xref: &CrossRef) -> String {
    let updated = newest(corpus);
    let mut checks: Vec<_> = corpus.checks.iter().collect();
    checks.sort_by(|a, b| b.reviewed.cmp(&a.reviewed).then(a.file.cmp(&b.file)));
    let mut entries: Vec<Entry> = checks
        .iter()
        .map(|c| {
            let url = format!("{}{}", config.base_url, verdict_path(&c.slug));
            Entry {
                id: url.clone(),
                title: format!("{}: {}", c.rating, c.claim),
                link: url,
                published: c.reviewed,
                updated: c.reviewed.unwrap_or(updated),
                author: Some(c.author.clone().unwrap_or_else(|| config.publisher.clone())),
                summary: first_paragraph(&c.markdown),
                categories: vec!["verdict".into(), c.rating.clone()],
            }
        })
        .collect();
    let by_slug: std::collections::HashMap<&str, &Article> = (corpus.articles.iter())
        .map(|a| (a.slug.as_str(), a.as_ref()))
        .collect();
    let date_of = |slug: &str| {
        by_slug
            .get(slug)
            .and_then(|a| a.date.as_ref())
            .map(|d| d.value)
    };
    let mut flags: Vec<&crate::xref::Flag> = xref.flags.iter().collect();
    // Stable: the pass's order stays within one date.
    flags.sort_by_key(|f| std::cmp::Reverse(date_of(&f.article)));
    let room = config
        .feed_entries(usize::MAX)
        .saturating_sub(entries.len());
    for f in flags.into_iter().take(room) {
        let url = format!("{}{}#{}", config.base_url, article_url(&f.article), f.id);
        let title = by_slug
            .get(f.article.as_str())
            .map_or(f.article.as_str(), |a| a.title.value.as_str());
        let (kind, severity) = (f.kind.as_str(), f.severity.as_str());
        entries.push(Entry {
            id: url.clone(),
            title: format!("{} ({severity}): {title}", kind.replace('_', " ")),
            link: url,
            published: None,
            updated: date_of(&f.article).unwrap_or(updated),
            author: None,
            summary: f.message.clone(),
            categories: vec![kind.into(), severity.into()],
        });
    }
    entries.truncate(config.feed_entries(entries.len()));
    let title = format!("{}: verdicts and flags", config.title);
    let subtitle = "Fact-checkers' verdicts and the inconsistencies found across the articles";
    feed(config, "flags.xml", &title, subtitle, updated, &entries)
}

fn feed(
    config: &Config,
    path: &str,
    title: &str,
    subtitle: &str,
    updated: NaiveDate,
    entries: &[Entry],
) -> String {
    let base = &config.base_url;
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&config.language)
    );
    let _ = writeln!(x, "  <title>{}</title>", escape(title));
    let _ = writeln!(x, "  <subtitle>{}</subtitle>", escape(subtitle));
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&format!("{base}{path}"))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(base)
    );
    let _ = writeln!(x, "  <id>{}</id>", escape(&format!("{base}{path}")));
    let _ = writeln!(x, "  <updated>{}</updated>", timestamp(updated));
    let _ = writeln!(
        x,
        "  <author><name>{}</name></author>",
        escape(&config.publisher)
    );
    let _ = writeln!(x, "  <generator>factsite</generator>");
    for e in entries {
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", escape(&e.title));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&e.link)
        );
        let _ = writeln!(x, "    <id>{}</id>", escape(&e.id));
        if let Some(p) = e.published {
            let _ = writeln!(x, "    <published>{}</published>", timestamp(p));
        }
        let _ = writeln!(x, "    <updated>{}</updated>", timestamp(e.updated));
        if let Some(a) = &e.author {
            let _ = writeln!(x, "    <author><name>{}</name></author>", escape(a));
        }
        for c in &e.categories {
            let _ = writeln!(x, "    <category term=\"{}\"/>", escape(c));
        }
        if !e.summary.is_empty() {
            let _ = writeln!(x, "    <summary>{}</summary>", escape(&e.summary));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// The newest date anywhere in the content (articles and verdicts): the feeds' `updated`.
/// 1970-01-01 when nothing is dated, so the output stays deterministic.
pub fn newest(corpus: &Corpus) -> NaiveDate {
    corpus
        .articles
        .iter()
        .filter_map(|a| a.date.as_ref().map(|d| d.value))
        .chain(corpus.checks.iter().filter_map(|c| c.reviewed))
        .max()
        .unwrap_or(NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date"))
}

/// RFC 3339 at midnight UTC (articles carry dates, not times).
fn timestamp(d: NaiveDate) -> String {
    format!("{}T00:00:00Z", d.format("%Y-%m-%d"))
}

/// The first body paragraph, at most 300 characters.
pub fn summary(a: &Article) -> String {
    let text = a
        .body()
        .find(|b| b.kind == BlockKind::Body)
        .map(|b| b.text.as_str())
        .unwrap_or("");
    shorten(text, 300)
}

/// The first paragraph of Markdown, as plain-ish text, at most 300 characters.
fn first_paragraph(md: &str) -> String {
    let para = md
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#'))
        .unwrap_or("");
    shorten(&para.split_whitespace().collect::<Vec<_>>().join(" "), 300)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_strips_forbidden_characters() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}\u{FFFF}"),
            "a&lt;b&gt;&amp;&quot;c&#39;"
        );
    }

    #[test]
    fn empty_site_has_a_valid_updated() {
        let c = Config::default();
        let x = articles_feed(&c, &Corpus::default());
        assert!(x.contains("<updated>1970-01-01T00:00:00Z</updated>"), "{x}");
        assert!(!x.contains("<entry>"));
    }
}
