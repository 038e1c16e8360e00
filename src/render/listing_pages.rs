//! The listing pages, each split into pages of `paginate_by` rows (see [`super::paginate`]):
//! home (findings, then the latest articles), claims, the flags report (an overview, then a
//! listing per kind), entities, verdicts, the taxonomies and their terms, and the timeline (an
//! overview by month, then a listing per month). Each page gets only the article references
//! its own rows need, so a page's size and cost do not grow with the archive.

use super::OutFile;
use super::context::{ArticleSummary, PageCtx};
use super::listings::{Month, Taxonomy, Term, flag_kind_path, taxonomy_singular};
use super::page_list::PageId;
use super::pages::PageRenderer;
use super::paginate::{Paginator, rows};
use super::xref_pages::ArticleRef;
use crate::error::Result;
use crate::xref::{Cluster, Flag, FlagKind, Severity};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many findings the home page leads with.
const HOME_FINDINGS: usize = 8;

/// Above this many articles, the timeline's picture is drawn per month, not per article.
pub const TIMELINE_ROWS: usize = 60;

/// Above this many copies, the copy diagram is left out (its rows would be unreadable); the
/// republished listing names them all.
const REUSE_DIAGRAM_MAX: usize = 150;

/// A flag in a list, with the words readers see.
#[derive(Serialize)]
struct Finding<'v> {
    #[serde(flatten)]
    flag: &'v Flag,
    message: String,
    /// The title of the article it is raised on.
    article_title: &'v str,
    /// The page listing it, relative to the site root.
    url: &'v str,
    /// How many other flags its article has.
    others: usize,
}

impl<'a> PageRenderer<'a> {
    /// The article references of `slugs`, for a page's rows.
    fn refs_of<'s>(
        &self,
        refs: &BTreeMap<String, ArticleRef>,
        slugs: impl IntoIterator<Item = &'s str>,
    ) -> BTreeMap<String, ArticleRef> {
        slugs
            .into_iter()
            .filter_map(|s| refs.get(s).map(|r| (s.to_string(), r.clone())))
            .collect()
    }

    fn summaries_of(&self, indices: &[usize]) -> Vec<ArticleSummary> {
        indices
            .iter()
            .map(|&i| {
                let a = &self.corpus.articles[i];
                let flags = self.lookup.flags(&a.slug);
                let mut s = ArticleSummary::new(a, flags.len());
                s.finding = super::labels::most_serious(flags);
                s
            })
            .collect()
    }

    fn finding<'v>(&'v self, f: &'v Flag) -> Finding<'v> {
        let named = |slug: &str| self.lookup.named(slug);
        Finding {
            flag: f,
            article_title: named(&f.article).map_or(f.article.as_str(), |(_, t)| t),
            message: super::labels::reader_message(f, named),
            url: self
                .listings
                .flag_page
                .get(&f.id)
                .map_or("flags/", String::as_str),
            others: self.lookup.flags(&f.article).len().saturating_sub(1),
        }
    }

    /// Page `n` of the home page: on the first, the most serious findings in words; on every
    /// one, the articles newest first.
    pub(super) fn index(&self, n: usize) -> Result<OutFile> {
        #[derive(Serialize)]
        struct Vars<'v> {
            articles: Vec<ArticleSummary>,
            findings: Vec<Finding<'v>>,
            total_flags: usize,
            pages: Vec<super::pages::PageLink>,
        }
        let l = &self.listings;
        let p = Paginator::new("", n, l.articles.len(), l.by);
        let shown = &l.articles[rows(n, l.articles.len(), l.by)];
        // The most serious finding of each article, the most serious articles first.
        let mut top: Vec<&Flag> = (self.xref.flags.iter())
            .filter(|f| n == 1 && f.severity > Severity::Info)
            .collect();
        let order = |k: FlagKind| super::labels::ALL.iter().position(|x| *x == k);
        top.sort_by_key(|f| (std::cmp::Reverse(f.severity), order(f.kind)));
        let mut seen = std::collections::HashSet::new();
        top.retain(|f| seen.insert(f.article.as_str()));
        top.truncate(HOME_FINDINGS);
        let vars = Vars {
            articles: self.summaries_of(shown),
            findings: top.into_iter().map(|f| self.finding(f)).collect(),
            total_flags: self.xref.flags.len(),
            pages: if n == 1 { self.page_links() } else { vec![] },
        };
        let path = PageId::Index(n).path();
        let page = PageCtx::new(
            self.config,
            &path,
            self.config.title.clone(),
            self.config.description.clone(),
            "index",
        )
        .paged(p);
        self.page_file("index.html", &path, page, &vars)
    }

    pub(super) fn claims_index(
        &self,
        n: usize,
        refs: &BTreeMap<String, ArticleRef>,
    ) -> Result<OutFile> {
        #[derive(Serialize)]
        struct ClusterRow<'v> {
            #[serde(flatten)]
            cluster: &'v Cluster,
            /// Distinct articles it appears in.
            articles: usize,
            /// The rating of a verdict on it.
            verdict: Option<&'v str>,
        }
        #[derive(Serialize)]
        struct Vars<'v> {
            clusters: Vec<ClusterRow<'v>>,
            clusters_total: usize,
            articles: BTreeMap<String, ArticleRef>,
            figure_timelines: &'v [crate::xref::FigureTimeline],
        }
        let l = &self.listings;
        let p = Paginator::new("claims/", n, l.claims_rows(self.xref), l.by);
        let clusters: Vec<ClusterRow> = l.clusters[rows(n, l.clusters.len(), l.by)]
            .iter()
            .map(|&i| {
                let c = &self.xref.clusters[i];
                let mut a: Vec<&str> = c.appearances.iter().map(|x| x.article.as_str()).collect();
                a.sort_unstable();
                a.dedup();
                ClusterRow {
                    cluster: c,
                    articles: a.len(),
                    verdict: (self.xref.verdicts.iter())
                        .find(|v| v.clusters.contains(&c.id))
                        .map(|v| v.rating.as_str()),
                }
            })
            .collect();
        // Figure timelines are listed beside the claims, a page's worth on each page.
        let all_ft = &self.xref.figure_timelines;
        let figure_timelines = &all_ft[rows(n, all_ft.len(), l.by)];
        let slugs = (clusters.iter())
            .flat_map(|c| c.cluster.appearances.iter().map(|a| a.article.as_str()))
            .chain(
                (figure_timelines.iter()).flat_map(|t| t.points.iter().map(|p| p.article.as_str())),
            );
        let vars = Vars {
            articles: self.refs_of(refs, slugs),
            clusters_total: l.clusters.len(),
            clusters,
            figure_timelines,
        };
        let path = PageId::Claims(n).path();
        let page = PageCtx::new(
            self.config,
            &path,
            "Claims that appear more than once".into(),
            "Every claim found in more than one place, verbatim or reworded.".into(),
            "claims",
        )
        .paged(p);
        self.page_file("claims.html", &path, page, &vars)
    }

    /// The flags report's overview: how many of each kind, in words, and which articles copy
    /// which (when there are few enough copies to draw).
    pub(super) fn flags_report(&self, refs: &BTreeMap<String, ArticleRef>) -> Result<OutFile> {
        #[derive(Serialize)]
        struct Group<'v> {
            kind: &'static str,
            title: &'static str,
            url: String,
            count: usize,
            errors: usize,
            warnings: usize,
            /// The first few, as an example.
            first: Vec<Finding<'v>>,
        }
        #[derive(Serialize)]
        struct Vars<'v> {
            groups: Vec<Group<'v>>,
            articles: BTreeMap<String, ArticleRef>,
            reuse: &'v [crate::xref::Reuse],
            more_reuse: usize,
            total: usize,
        }
        let flags = &self.xref.flags;
        let groups: Vec<Group> = (self.listings.flag_kinds.iter())
            .map(|(k, list)| {
                let sev = |s: Severity| list.iter().filter(|&&i| flags[i].severity == s).count();
                Group {
                    kind: k.as_str(),
                    title: super::labels::kind_title(*k),
                    url: flag_kind_path(*k),
                    count: list.len(),
                    errors: sev(Severity::Error),
                    warnings: sev(Severity::Warning),
                    first: list
                        .iter()
                        .take(3)
                        .map(|&i| self.finding(&flags[i]))
                        .collect(),
                }
            })
            .collect();
        let all_reuse = &self.xref.reuse;
        let reuse = &all_reuse[..all_reuse.len().min(self.listings.by)];
        let slugs = (groups.iter())
            .flat_map(|g| g.first.iter())
            .flat_map(|f| {
                std::iter::once(f.flag.article.as_str())
                    .chain(f.flag.related.iter().map(String::as_str))
            })
            .chain(
                reuse
                    .iter()
                    .flat_map(|r| [r.later.as_str(), r.earlier.as_str()]),
            );
        let vars = Vars {
            articles: self.refs_of(refs, slugs),
            more_reuse: all_reuse.len() - reuse.len(),
            groups,
            reuse,
            total: flags.len(),
        };
        let path = PageId::Flags.path();
        let page = PageCtx::new(
            self.config,
            &path,
            "Flags report".into(),
            "Inconsistencies found across the articles, grouped by kind.".into(),
            "flags",
        );
        self.page_file("flags.html", &path, page, &vars)
    }

    /// Page `n` of one kind's flags.
    pub(super) fn flags_of_kind(
        &self,
        kind: FlagKind,
        n: usize,
        refs: &BTreeMap<String, ArticleRef>,
    ) -> Result<OutFile> {
        #[derive(Serialize)]
        struct Vars<'v> {
            kind: &'static str,
            title: &'static str,
            flags: Vec<Finding<'v>>,
            articles: BTreeMap<String, ArticleRef>,
        }
        let list = (self.listings.flag_kinds.iter())
            .find(|(k, _)| *k == kind)
            .map_or(&[][..], |(_, v)| v.as_slice());
        let base = flag_kind_path(kind);
        let p = Paginator::new(&base, n, list.len(), self.listings.by);
        let flags: Vec<Finding> = list[rows(n, list.len(), self.listings.by)]
            .iter()
            .map(|&i| self.finding(&self.xref.flags[i]))
            .collect();
        let slugs = flags.iter().flat_map(|f| {
            std::iter::once(f.flag.article.as_str())
                .chain(f.flag.related.iter().map(String::as_str))
        });
        let vars = Vars {
            kind: kind.as_str(),
            title: super::labels::kind_title(kind),
            articles: self.refs_of(refs, slugs),
            flags,
        };
        let path = PageId::FlagKind(kind, n).path();
        let page = PageCtx::new(
            self.config,
            &path,
            super::labels::kind_title(kind).into(),
            format!(
                "Every “{}” flag, with its evidence.",
                super::labels::flag_label(kind)
            ),
            "flags",
        )
        .paged(p);
        self.page_file("flags_kind.html", &path, page, &vars)
    }

    pub(super) fn entities_index(&self, n: usize) -> Result<OutFile> {
        #[derive(Serialize)]
        struct Row<'v> {
            #[serde(flatten)]
            entity: &'v crate::xref::Entity,
            /// Whether it has a page (see [`super::page_list::entity_has_page`]).
            page: bool,
        }
        #[derive(Serialize)]
        struct Vars<'v> {
            entities: Vec<Row<'v>>,
        }
        let l = &self.listings;
        let p = Paginator::new("entities/", n, l.entities.len(), l.by);
        let entities = l.entities[rows(n, l.entities.len(), l.by)]
            .iter()
            .map(|&i| {
                let e = &self.xref.entities[i];
                Row {
                    entity: e,
                    page: super::page_list::entity_has_page(e),
                }
            })
            .collect();
        let path = PageId::Entities(n).path();
        let page = PageCtx::new(
            self.config,
            &path,
            "People, places and organisations".into(),
            "Named entities with their spellings merged, named in most articles first.".into(),
            "entities",
        )
        .paged(p);
        self.page_file("entities.html", &path, page, &Vars { entities })
    }

    pub(super) fn checks_index(&self, n: usize) -> Result<OutFile> {
        #[derive(Serialize)]
        struct Row<'v> {
            slug: &'v str,
            claim: &'v str,
            rating: &'v str,
            reviewed: Option<String>,
            found: usize,
        }
        let l = &self.listings;
        let p = Paginator::new("checks/", n, l.checks.len(), l.by);
        let checks: Vec<Row> = l.checks[rows(n, l.checks.len(), l.by)]
            .iter()
            .map(|&i| {
                let c = &self.corpus.checks[i];
                let link = self.xref.verdicts.iter().find(|v| v.check == c.slug);
                let mut articles: Vec<&str> = (link.into_iter())
                    .flat_map(|l| l.appearances.iter().map(|a| a.article.as_str()))
                    .collect();
                articles.sort_unstable();
                articles.dedup();
                Row {
                    slug: &c.slug,
                    claim: &c.claim,
                    rating: &c.rating,
                    reviewed: c.reviewed.map(|d| d.format("%Y-%m-%d").to_string()),
                    found: articles.len(),
                }
            })
            .collect();
        #[derive(Serialize)]
        struct Vars<'v> {
            checks: Vec<Row<'v>>,
        }
        let path = PageId::Checks(n).path();
        let page = PageCtx::new(
            self.config,
            &path,
            "Verdicts".into(),
            "Every claim a fact-checker rated, with the articles it appears in.".into(),
            "checks",
        )
        .paged(p);
        self.page_file("checks.html", &path, page, &Vars { checks })
    }

    /// Page `n` of a taxonomy's terms, most articles first (months: newest first).
    pub(super) fn taxonomy_list(&self, t: &Taxonomy, n: usize) -> Result<OutFile> {
        #[derive(Serialize)]
        struct TermRow<'v> {
            name: &'v str,
            url: String,
            count: usize,
        }
        #[derive(Serialize)]
        struct Vars<'v> {
            taxonomy: TaxonomyView<'v>,
            terms: Vec<TermRow<'v>>,
        }
        let p = Paginator::new(&t.path(), n, t.terms.len(), t.by);
        let terms = t.terms[rows(n, t.terms.len(), t.by)]
            .iter()
            .map(|term| TermRow {
                name: &term.name,
                url: t.term_path(term),
                count: term.articles.len(),
            })
            .collect();
        let path = PageId::Taxonomy(t, n).path();
        let page = PageCtx::new(
            self.config,
            &path,
            t.title.into(),
            format!("The articles by {}.", taxonomy_singular(t.name)),
            t.name,
        )
        .paged(p);
        let vars = Vars {
            taxonomy: TaxonomyView::new(t),
            terms,
        };
        self.page_file("taxonomy_list.html", &path, page, &vars)
    }

    /// Page `n` of one term's articles, newest first.
    pub(super) fn taxonomy_single(&self, t: &Taxonomy, term: &Term, n: usize) -> Result<OutFile> {
        #[derive(Serialize)]
        struct Vars<'v> {
            taxonomy: TaxonomyView<'v>,
            term: &'v str,
            feed: Option<String>,
            articles: Vec<ArticleSummary>,
        }
        let base = t.term_path(term);
        let p = Paginator::new(&base, n, term.articles.len(), t.by);
        let shown = &term.articles[rows(n, term.articles.len(), t.by)];
        let path = PageId::Term(t, term, n).path();
        let page = PageCtx::new(
            self.config,
            &path,
            format!("{}: {}", title_case(taxonomy_singular(t.name)), term.name),
            format!("Articles of {} “{}”.", taxonomy_singular(t.name), term.name),
            t.name,
        )
        .paged(p);
        let vars = Vars {
            taxonomy: TaxonomyView::new(t),
            term: &term.name,
            feed: t.feed.then(|| format!("{base}atom.xml")),
            articles: self.summaries_of(shown),
        };
        self.page_file("taxonomy_single.html", &path, page, &vars)
    }

    /// The Atom feed of each term of a taxonomy with `feed = true` (`tags/<term>/atom.xml`),
    /// every article of the term, newest first.
    pub(super) fn term_feeds(&self) -> Vec<OutFile> {
        let updated = super::feeds::newest(self.corpus);
        let mut out = Vec::new();
        for t in self.listings.taxonomies.iter().filter(|t| t.feed) {
            for term in &t.terms {
                let path = format!("{}atom.xml", t.term_path(term));
                let title = format!("{}: {}", self.config.title, term.name);
                let subtitle = format!("Articles of {} “{}”", taxonomy_singular(t.name), term.name);
                let articles: Vec<&crate::content::Article> = (term.articles.iter())
                    .map(|&i| self.corpus.articles[i].as_ref())
                    .collect();
                let xml = super::feeds::article_list_feed(
                    self.config,
                    &path,
                    (&title, &subtitle),
                    &articles,
                    updated,
                );
                out.push(OutFile::new(path, xml));
            }
        }
        out
    }

    /// The timeline's overview: the picture (one row per article on a small site, a bar per
    /// month on a large one) and the months with their counts.
    pub(super) fn timeline(&self, refs: &BTreeMap<String, ArticleRef>) -> Result<OutFile> {
        #[derive(Serialize)]
        struct MonthRow<'v> {
            key: &'v str,
            title: &'v str,
            url: String,
            events: usize,
        }
        #[derive(Serialize)]
        struct Vars<'v> {
            svg: String,
            reuse_svg: String,
            per_month: bool,
            months: Vec<MonthRow<'v>>,
            articles: BTreeMap<String, ArticleRef>,
        }
        let path = PageId::Timeline.path();
        let anachronistic: Vec<&str> = (self.xref.flags.iter())
            .filter(|f| f.kind == FlagKind::DatelineAnachronism)
            .map(|f| f.article.as_str())
            .collect();
        let key = (&self.xref.timeline, refs, anachronistic, &self.xref.reuse);
        self.memoized(&path, &key, || {
            let per_month = self.corpus.articles.len() > TIMELINE_ROWS;
            let svg = if per_month {
                super::svg::months(self.corpus, self.xref, "../")
            } else {
                super::svg::timeline(self.corpus, self.xref, "../")
            };
            let reuse_svg = if self.xref.reuse.len() <= REUSE_DIAGRAM_MAX && !per_month {
                super::svg::reuse_graph(self.corpus, self.xref, "../")
            } else {
                String::new()
            };
            let months = (self.listings.months.iter())
                .map(|m| MonthRow {
                    key: &m.key,
                    title: &m.title,
                    url: m.path(),
                    events: m.events.len(),
                })
                .collect();
            let vars = Vars {
                svg,
                reuse_svg,
                per_month,
                months,
                articles: BTreeMap::new(),
            };
            let page = PageCtx::new(
                self.config,
                &path,
                "Timeline".into(),
                "Articles and the events they describe, by date.".into(),
                "timeline",
            );
            self.render_page("timeline.html", &path, &page, &vars)
        })
    }

    /// Page `n` of the events of one month.
    pub(super) fn timeline_month(
        &self,
        m: &Month,
        n: usize,
        refs: &BTreeMap<String, ArticleRef>,
    ) -> Result<OutFile> {
        #[derive(Serialize)]
        struct Vars<'v> {
            month: &'v str,
            days: Vec<Day<'v>>,
            articles: BTreeMap<String, ArticleRef>,
        }
        /// Events of one day (or one span of days), in the timeline's order.
        #[derive(Serialize)]
        struct Day<'v> {
            start: chrono::NaiveDate,
            end: chrono::NaiveDate,
            events: Vec<&'v crate::xref::TimelineEvent>,
        }
        let by = self.listings.by;
        let p = Paginator::new(&m.path(), n, m.events.len(), by);
        let mut days: Vec<Day> = Vec::new();
        for &i in &m.events[rows(n, m.events.len(), by)] {
            let e = &self.xref.timeline[i];
            match days.last_mut() {
                Some(d) if (d.start, d.end) == (e.start, e.end) => d.events.push(e),
                _ => days.push(Day {
                    start: e.start,
                    end: e.end,
                    events: vec![e],
                }),
            }
        }
        let slugs = days
            .iter()
            .flat_map(|d| &d.events)
            .map(|e| e.article.as_str());
        let vars = Vars {
            month: &m.title,
            articles: self.refs_of(refs, slugs),
            days,
        };
        let path = PageId::TimelineMonth(m, n).path();
        let page = PageCtx::new(
            self.config,
            &path,
            format!("Events of {}", m.title),
            format!("What the articles say happened in {}.", m.title),
            "timeline",
        )
        .paged(p);
        self.page_file("timeline_month.html", &path, page, &vars)
    }
}

/// What templates see of a taxonomy.
#[derive(Serialize)]
struct TaxonomyView<'v> {
    name: &'v str,
    title: &'v str,
    url: String,
}

impl<'v> TaxonomyView<'v> {
    fn new(t: &'v Taxonomy) -> Self {
        TaxonomyView {
            name: t.name,
            title: t.title,
            url: t.path(),
        }
    }
}

/// "tag" → "Tag".
fn title_case(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
