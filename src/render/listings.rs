//! The site's listings, worked out once per render: the articles newest first, the claims by
//! spread, the flags by kind, the taxonomies' terms and the timeline's months, each with its
//! rows per page. Page ids ([`super::page_list`]) and the pages themselves both read this, so a
//! listing's pages and every link into them (a flag's page, an article's tags) agree.

use super::paginate::{self, page_path};
use crate::config::Config;
use crate::content::{Article, Corpus, slugify};
use crate::xref::{CrossRef, Flag, FlagKind};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Every listing of one render.
pub struct Listings {
    /// Rows per page (`paginate_by`).
    pub by: usize,
    /// Article indices (into `corpus.articles`), newest first, undated last.
    pub articles: Vec<usize>,
    /// Cluster indices, most widely repeated first.
    pub clusters: Vec<usize>,
    /// Entity indices, named in most articles first.
    pub entities: Vec<usize>,
    /// Check indices, latest review first.
    pub checks: Vec<usize>,
    /// Flag indices per kind, kinds in report order, empty kinds left out.
    pub flag_kinds: Vec<(FlagKind, Vec<usize>)>,
    /// Flag id → the page listing it (`flags/republished/page/2/`).
    pub flag_page: HashMap<String, String>,
    pub taxonomies: Vec<Taxonomy>,
    /// Per article index, its terms in every taxonomy.
    pub terms_of: Vec<Vec<TermLink>>,
    /// Article slug → its index in `corpus.articles`.
    pub article_index: HashMap<String, usize>,
    /// Timeline months, oldest first: event indices per month of their start.
    pub months: Vec<Month>,
}

/// One taxonomy and its terms, most articles first.
pub struct Taxonomy {
    /// `tags`, `outlets`, `authors` or `months`.
    pub name: &'static str,
    pub title: &'static str,
    pub by: usize,
    pub feed: bool,
    pub terms: Vec<Term>,
}

pub struct Term {
    pub name: String,
    pub slug: String,
    /// Article indices, newest first.
    pub articles: Vec<usize>,
}

impl Taxonomy {
    pub fn path(&self) -> String {
        format!("{}/", self.name)
    }

    pub fn term_path(&self, t: &Term) -> String {
        format!("{}/{}/", self.name, t.slug)
    }
}

/// A link from an article to one of its terms.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TermLink {
    pub taxonomy: &'static str,
    pub name: String,
    pub url: String,
}

/// The events of one month of the timeline.
pub struct Month {
    /// `2022-05`.
    pub key: String,
    /// `May 2022`.
    pub title: String,
    pub events: Vec<usize>,
}

impl Month {
    pub fn path(&self) -> String {
        format!("timeline/{}/", self.key)
    }
}

/// The flags report's page for one kind: `flags/altered-quote/`.
pub fn flag_kind_path(kind: FlagKind) -> String {
    format!("flags/{}/", kind.as_str().replace('_', "-"))
}

impl Listings {
    pub fn new(config: &Config, corpus: &Corpus, xref: &CrossRef) -> Listings {
        let by = config.paginate_by;
        let articles = newest_first(&corpus.articles);
        let flag_kinds: Vec<(FlagKind, Vec<usize>)> = (super::labels::ALL.iter())
            .map(|k| {
                let of_kind = (xref.flags.iter().enumerate())
                    .filter(|(_, f)| f.kind == *k)
                    .map(|(i, _)| i);
                (*k, of_kind.collect::<Vec<usize>>())
            })
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let flag_page = flag_pages(&xref.flags, &flag_kinds, by);
        let taxonomies = taxonomies(config, corpus, &articles);
        let terms_of = terms_of(&taxonomies, corpus.articles.len());
        Listings {
            by,
            clusters: clusters_by_spread(xref),
            entities: entities_by_reach(xref),
            checks: checks_latest_first(corpus),
            flag_kinds,
            flag_page,
            taxonomies,
            terms_of,
            months: months(xref),
            article_index: (corpus.articles.iter().enumerate())
                .map(|(i, a)| (a.slug.clone(), i))
                .collect(),
            articles,
        }
    }

    /// The claims listing's rows: its pages list the claims and, beside them, the figure
    /// timelines, so it has as many pages as the longer of the two needs.
    pub fn claims_rows(&self, xref: &CrossRef) -> usize {
        self.clusters.len().max(xref.figure_timelines.len())
    }

    /// How many pages a listing of `total` rows has.
    pub fn pages(&self, total: usize) -> usize {
        paginate::pages(total, self.by)
    }
}

/// Newest first, undated last, then by file, so the order is stable.
fn newest_first(articles: &[std::sync::Arc<Article>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    let date = |i: usize| articles[i].date.as_ref().map(|d| d.value);
    order.sort_by(|&a, &b| {
        (date(b).is_some().cmp(&date(a).is_some()))
            .then(date(b).cmp(&date(a)))
            .then(articles[a].file.cmp(&articles[b].file))
    });
    order
}

fn clusters_by_spread(xref: &CrossRef) -> Vec<usize> {
    let spread: Vec<(usize, usize)> = (xref.clusters.iter())
        .map(|c| {
            let mut a: Vec<&str> = c.appearances.iter().map(|x| x.article.as_str()).collect();
            a.sort_unstable();
            a.dedup();
            (a.len(), c.appearances.len())
        })
        .collect();
    let mut order: Vec<usize> = (0..xref.clusters.len()).collect();
    order.sort_by(|&a, &b| {
        (spread[b].cmp(&spread[a])).then(xref.clusters[a].id.cmp(&xref.clusters[b].id))
    });
    order
}

fn entities_by_reach(xref: &CrossRef) -> Vec<usize> {
    let e = &xref.entities;
    let mut order: Vec<usize> = (0..e.len()).collect();
    order.sort_by(|&a, &b| {
        (e[b].articles.len().cmp(&e[a].articles.len()))
            .then(e[a].name.cmp(&e[b].name))
            .then(e[a].id.cmp(&e[b].id))
    });
    order
}

fn checks_latest_first(corpus: &Corpus) -> Vec<usize> {
    let c = &corpus.checks;
    let mut order: Vec<usize> = (0..c.len()).collect();
    order.sort_by(|&a, &b| (c[b].reviewed.cmp(&c[a].reviewed)).then(c[a].slug.cmp(&c[b].slug)));
    order
}

fn flag_pages(
    flags: &[Flag],
    kinds: &[(FlagKind, Vec<usize>)],
    by: usize,
) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (kind, list) in kinds {
        let base = flag_kind_path(*kind);
        for (row, &i) in list.iter().enumerate() {
            out.insert(flags[i].id.clone(), page_path(&base, row / by.max(1) + 1));
        }
    }
    out
}

/// An article's terms in one taxonomy: (key, name shown).
type TermsOf = fn(&Article) -> Vec<(String, String)>;

/// The terms of each configured taxonomy, in the order `site.toml` lists them.
fn taxonomies(config: &Config, corpus: &Corpus, newest: &[usize]) -> Vec<Taxonomy> {
    let mut out = Vec::new();
    for t in &config.taxonomies {
        let (name, of): (&'static str, TermsOf) = match t.name.as_str() {
            "tags" => ("tags", tags_of),
            "outlets" => ("outlets", outlets_of),
            "authors" => ("authors", authors_of),
            "months" => ("months", month_of),
            _ => continue, // config checks names
        };
        let title = taxonomy_title(name);
        // Term key → (display name, article indices in newest-first order).
        let mut terms: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        for &i in newest {
            for (key, shown) in of(&corpus.articles[i]) {
                let e = terms.entry(key).or_insert_with(|| (shown, Vec::new()));
                if e.1.last() != Some(&i) {
                    e.1.push(i);
                }
            }
        }
        let mut terms: Vec<Term> = terms
            .into_iter()
            .map(|(key, (name, articles))| Term {
                slug: slugify(&key),
                name,
                articles,
            })
            .collect();
        unique_slugs(&mut terms);
        if name == "months" {
            terms.sort_by(|a, b| b.slug.cmp(&a.slug));
        } else {
            terms.sort_by(|a, b| {
                (b.articles.len().cmp(&a.articles.len())).then(a.slug.cmp(&b.slug))
            });
        }
        out.push(Taxonomy {
            name,
            title,
            by: t.paginate_by.unwrap_or(config.paginate_by),
            feed: t.feed,
            terms,
        });
    }
    out
}

/// Each taxonomy's name, heading and one term's word.
const NAMES: [(&str, &str, &str); 4] = [
    ("tags", "Tags", "tag"),
    ("outlets", "Outlets", "outlet"),
    ("authors", "Authors", "author"),
    ("months", "Months", "month"),
];

/// A taxonomy's heading ("Tags").
pub fn taxonomy_title(name: &str) -> &'static str {
    NAMES.iter().find(|n| n.0 == name).map_or("Months", |n| n.1)
}

/// What one term of a taxonomy is called ("tag").
pub fn taxonomy_singular(name: &str) -> &'static str {
    NAMES.iter().find(|n| n.0 == name).map_or("month", |n| n.2)
}

/// Two terms whose names slugify alike ("C++" and "C") get `-2`, `-3` in key order.
fn unique_slugs(terms: &mut [Term]) {
    let mut used = std::collections::HashSet::new();
    for t in terms.iter_mut() {
        if !used.contains(&t.slug) {
            used.insert(t.slug.clone());
            continue;
        }
        let free = (2..)
            .map(|n| format!("{}-{n}", t.slug))
            .find(|s| !used.contains(s));
        if let Some(free) = free {
            used.insert(free.clone());
            t.slug = free;
        }
    }
}

/// Terms are matched case-insensitively, with spaces collapsed; the first spelling is shown.
fn term(s: &str) -> Option<(String, String)> {
    let shown = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!shown.is_empty()).then(|| (shown.to_lowercase(), shown))
}

fn tags_of(a: &Article) -> Vec<(String, String)> {
    a.tags.iter().filter_map(|t| term(t)).collect()
}

fn outlets_of(a: &Article) -> Vec<(String, String)> {
    a.outlet.iter().filter_map(|o| term(&o.value)).collect()
}

/// A byline's people: "Jane Doe and John Roe", "Jane Doe, John Roe & Ann Poe". A part that
/// does not look like a name (a role, "Political Editor for Dailymail.com", or a place) is left
/// out: a byline is free text.
fn authors_of(a: &Article) -> Vec<(String, String)> {
    let Some(b) = &a.byline else { return vec![] };
    let text = b.value.trim();
    let text = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))
        .unwrap_or(text);
    text.split([',', '&', ';', '|'])
        .flat_map(|p| p.split(" and "))
        .filter(|p| looks_like_name(p))
        .filter_map(term)
        .collect()
}

/// Two to five capitalised words (name particles such as "de" or "van" allowed), no digits,
/// and no word of a job title.
fn looks_like_name(s: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "van", "von", "der", "da", "di", "bin", "al", "la", "le",
    ];
    const ROLES: &[&str] = &[
        "editor",
        "correspondent",
        "reporter",
        "writer",
        "staff",
        "contributor",
        "columnist",
        "producer",
        "bureau",
        "chief",
        "news",
        "desk",
        "agency",
        "press",
        "reuters",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let lower = w.to_lowercase();
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            !w.chars().any(|c| c.is_ascii_digit())
                && !ROLES.contains(&lower.trim_end_matches('.'))
                && (capital || PARTICLES.contains(&lower.as_str()))
        })
}

fn month_of(a: &Article) -> Vec<(String, String)> {
    a.date
        .iter()
        .map(|d| {
            let v = d.value;
            (v.format("%Y-%m").to_string(), v.format("%B %Y").to_string())
        })
        .collect()
}

fn terms_of(taxonomies: &[Taxonomy], n: usize) -> Vec<Vec<TermLink>> {
    let mut out = vec![Vec::new(); n];
    for t in taxonomies {
        for term in &t.terms {
            for &i in &term.articles {
                out[i].push(TermLink {
                    taxonomy: t.name,
                    name: term.name.clone(),
                    url: t.term_path(term),
                });
            }
        }
    }
    out
}

fn months(xref: &CrossRef) -> Vec<Month> {
    let mut by: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (i, e) in xref.timeline.iter().enumerate() {
        let key = e.start.format("%Y-%m").to_string();
        let title = e.start.format("%B %Y").to_string();
        by.entry(key).or_insert_with(|| (title, vec![])).1.push(i);
    }
    let t = &xref.timeline;
    by.into_iter()
        .map(|(key, (title, mut events))| {
            events.sort_by(|&a, &b| {
                (t[a].start, t[a].end, &t[a].article).cmp(&(t[b].start, t[b].end, &t[b].article))
            });
            Month { key, title, events }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_term_slugs_are_numbered() {
        let t = |s: &str| Term {
            name: s.into(),
            slug: slugify(s),
            articles: vec![],
        };
        let mut terms = vec![t("C"), t("C++"), t("c#")];
        unique_slugs(&mut terms);
        let slugs: Vec<&str> = terms.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, ["c", "c-2", "c-3"]);
    }

    #[test]
    fn bylines_give_names_not_roles() {
        let names = |b: &str| -> Vec<String> {
            b.split([',', '&', ';', '|'])
                .flat_map(|p| p.split(" and "))
                .filter(|p| looks_like_name(p))
                .map(|p| p.trim().to_string())
                .collect()
        };
        assert_eq!(
            names(
                "Geoff Earle, Associate US Political Editor for Dailymail.Com in Bal Harbour, Florida"
            ),
            ["Geoff Earle"]
        );
        assert_eq!(
            names("Jane Doe and John Roe & Ann van Poe"),
            ["Jane Doe", "John Roe", "Ann van Poe"]
        );
        assert!(names("Reuters Staff").is_empty());
    }

    #[test]
    fn terms_fold_case_and_space() {
        assert_eq!(
            term("  Ukraine   aid "),
            Some(("ukraine aid".into(), "Ukraine aid".into()))
        );
        assert_eq!(term("  "), None);
    }
}
