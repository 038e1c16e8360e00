//! Pages built from the cross-reference data: one page per claim cluster (every appearance side by
//! side with diffs against the earliest), the flags report, entity pages, the timeline and one page
//! per fact-checker's verdict.

use super::OutFile;
use super::annotate::{anchor, diff_html};
use super::context::{PageCtx, article_url};
use super::markdown;
use super::memo;
use super::page_list::PageId;
use super::pages::PageRenderer;
use super::text::shorten;
use crate::error::Result;
use crate::xref::{Appearance, Cluster, Flag};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// An article as other pages refer to it.
#[derive(Serialize, Clone)]
pub struct ArticleRef {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub date: Option<String>,
    pub file: String,
}

/// Per article slug, a hash of what entity pages show of it (see
/// [`PageRenderer::entity_claim_hashes`]).
pub(super) type EntityKeys<'a> = HashMap<&'a str, Option<[u8; 32]>>;

#[derive(Serialize)]
struct AppearanceView<'a> {
    #[serde(flatten)]
    appearance: &'a Appearance,
    article_title: String,
    /// Link to the sentence on the article page, relative to the root.
    href: String,
    diff_html: Option<String>,
    score: Option<f64>,
}

/// A claim sentence and the link to it on its article page.
#[derive(Serialize)]
pub(super) struct ClaimLink<'a> {
    text: &'a str,
    href: String,
}

impl<'a> AppearanceView<'a> {
    fn new(
        appearance: &'a Appearance,
        refs: &BTreeMap<String, ArticleRef>,
        diff: Option<&crate::xref::ClaimDiff>,
    ) -> Self {
        AppearanceView {
            appearance,
            article_title: refs
                .get(&appearance.article)
                .map(|r| r.title.clone())
                .unwrap_or_default(),
            href: format!(
                "{}#{}",
                article_url(&appearance.article),
                anchor(&appearance.claim)
            ),
            diff_html: diff.map(|d| diff_html(&d.ops)),
            score: diff.map(|d| (d.score * 100.0).round() / 100.0),
        }
    }
}

/// How many articles an entity page names for each spelling (the rest are counted).
const SPELT_IN_SHOWN: usize = 10;

impl PageRenderer<'_> {
    pub(super) fn article_refs(&self) -> BTreeMap<String, ArticleRef> {
        self.corpus
            .articles
            .iter()
            .map(|a| {
                let r = ArticleRef {
                    slug: a.slug.clone(),
                    url: article_url(&a.slug),
                    title: a.title.value.clone(),
                    date: a.date.as_ref().map(|d| d.value.to_string()),
                    file: a.file.clone(),
                };
                (a.slug.clone(), r)
            })
            .collect()
    }

    /// A claim's page, keyed by the cluster and the few things it shows from elsewhere (article
    /// titles, verdicts, flags, entity names): the diffs are only turned into HTML when one changed.
    pub(super) fn cluster_page(
        &self,
        c: &Cluster,
        refs: &BTreeMap<String, ArticleRef>,
    ) -> Result<OutFile> {
        let path = PageId::Cluster(c).path();
        let titles: Vec<Option<&str>> = c
            .appearances
            .iter()
            .map(|a| refs.get(&a.article).map(|r| r.title.as_str()))
            .collect();
        let verdicts: Vec<&crate::xref::VerdictLink> = self
            .xref
            .verdicts
            .iter()
            .filter(|v| v.clusters.contains(&c.id))
            .collect();
        let flags = (self.lookup).flags_citing(c.appearances.iter().map(|a| a.claim.as_str()));
        let entities = self.entity_names(&c.entities);
        let messages = self.reader_messages(&flags);
        let key = (c, titles, &verdicts, &flags, &entities, &messages);
        self.memoized(&path, &key, || {
            #[derive(Serialize)]
            struct Vars<'v> {
                cluster: &'v Cluster,
                appearances: Vec<AppearanceView<'v>>,
                verdicts: &'v [&'v crate::xref::VerdictLink],
                flags: &'v [&'v Flag],
                /// Flag id → its message in reader's words.
                messages: &'v BTreeMap<String, String>,
                entities: &'v [(&'v str, &'v str, bool)],
            }
            let appearances = c
                .appearances
                .iter()
                .map(|a| AppearanceView::new(a, refs, c.diffs.iter().find(|d| d.claim == a.claim)))
                .collect();
            let vars = Vars {
                cluster: c,
                appearances,
                verdicts: &verdicts,
                flags: &flags,
                messages: &messages,
                entities: &entities,
            };
            let title = format!("Claim: {}", shorten(&c.text, 80));
            let page = PageCtx::new(self.config, &path, title, shorten(&c.text, 200), "claims");
            self.render_page("claim.html", &path, &page, &vars)
        })
    }

    /// (id, name, whether it has a page) of each entity id.
    fn entity_names<'v>(&'v self, ids: &'v [String]) -> Vec<(&'v str, &'v str, bool)> {
        ids.iter()
            .filter_map(|id| {
                let (name, page) = self.lookup.entity(id)?;
                Some((id.as_str(), name, page))
            })
            .collect()
    }

    /// Per article, a hash of what entity pages show of it: its reference (title, date, link)
    /// and its claims (id, text, entities named).
    pub(super) fn entity_claim_hashes(
        &self,
        refs: &BTreeMap<String, ArticleRef>,
    ) -> EntityKeys<'_> {
        self.xref
            .articles
            .par_iter()
            .map(|a| {
                let shown: Vec<(&str, &str, &[String])> = a
                    .claims
                    .iter()
                    .map(|c| (c.id.as_str(), c.text.as_str(), c.entities.as_slice()))
                    .collect();
                let shown = (refs.get(&a.slug), shown);
                (
                    a.slug.as_str(),
                    memo::hash_of(&shown).map(|h| *h.as_bytes()),
                )
            })
            .collect()
    }

    /// An entity's page. Its memo key is the entity and a hash of each article naming it (see
    /// [`Self::entity_claim_hashes`]), so the list of claims is only gathered when one changed.
    /// Page `n` of an entity's page: its spellings (page 1), then the claims naming it in a
    /// page's worth of its articles, so a name met in thousands of articles still makes small
    /// pages. The memo key is the entity, the page and a hash of each of those articles (see
    /// [`Self::entity_claim_hashes`]), so claims are only gathered when one changed.
    pub(super) fn entity_page(
        &self,
        e: &crate::xref::Entity,
        n: usize,
        refs: &BTreeMap<String, ArticleRef>,
        claim_hashes: Option<&EntityKeys>,
    ) -> Result<OutFile> {
        let path = PageId::Entity(e, n).path();
        let by = self.listings.by;
        let shown = &e.articles[super::paginate::rows(n, e.articles.len(), by)];
        let make = || {
            // Only the articles this page names: the whole map per page would be quadratic.
            let spelt_in = (e.variants.iter()).flat_map(|v| v.articles.iter().take(SPELT_IN_SHOWN));
            let mentioned: BTreeMap<&String, &ArticleRef> = (shown.iter().chain(spelt_in))
                .filter_map(|s| refs.get_key_value(s))
                .collect();
            #[derive(Serialize)]
            struct Vars<'v> {
                entity: EntityView<'v>,
                articles: &'v BTreeMap<&'v String, &'v ArticleRef>,
                claims: Vec<ClaimLink<'v>>,
                spelt_in_shown: usize,
            }
            let vars = Vars {
                entity: EntityView::of(e, shown),
                articles: &mentioned,
                claims: self.claims_naming(e, shown),
                spelt_in_shown: SPELT_IN_SHOWN,
            };
            let base = format!("entities/{}/", e.id);
            let page = PageCtx::new(
                self.config,
                &path,
                e.name.clone(),
                format!("{} in the articles: spellings and claims.", e.name),
                "entities",
            )
            .paged(super::paginate::Paginator::new(
                &base,
                n,
                e.articles.len(),
                by,
            ));
            self.render_page("entity.html", &path, &page, &vars)
        };
        let hashes: Option<Vec<[u8; 32]>> = claim_hashes.and_then(|claim_hashes| {
            shown
                .iter()
                .map(|s| claim_hashes.get(s.as_str()).copied().flatten())
                .collect()
        });
        match hashes {
            Some(hashes) => self.memoized(&path, &(e, n, by, hashes), make),
            None => make(),
        }
    }

    /// The claims naming an entity in `articles`, in article and sentence order, linked to
    /// their sentences.
    fn claims_naming(&self, e: &crate::xref::Entity, articles: &[String]) -> Vec<ClaimLink<'_>> {
        (articles.iter())
            .filter_map(|s| self.lookup.xref(s))
            .flat_map(|a| a.claims.iter())
            .filter(|c| c.entities.contains(&e.id))
            .map(|c| ClaimLink {
                text: &c.text,
                href: format!("{}#{}", article_url(&c.article), anchor(&c.id)),
            })
            .collect()
    }

    /// The timeline page. The SVGs are drawn from the articles (keyed through `refs`), the events,
    /// the anachronism flags and the reuse records: those make the memo key, so an edit that
    /// touches none of them does not redraw.
    pub(super) fn check_page(
        &self,
        check: &crate::content::Check,
        refs: &BTreeMap<String, ArticleRef>,
    ) -> Result<OutFile> {
        let path = PageId::Check(check).path();
        let root = "../../";
        let html = markdown::render(&check.markdown, self.hl, &self.link_base(root, &check.file));
        let link = self.xref.verdicts.iter().find(|v| v.check == check.slug);
        let appearances: Vec<AppearanceView> = link
            .map(|l| {
                l.appearances
                    .iter()
                    .map(|a| AppearanceView::new(a, refs, None))
                    .collect()
            })
            .unwrap_or_default();
        let slugs = appearances.iter().map(|a| a.appearance.article.as_str());
        let found = super::jsonld::article_appearances(self.config, self.corpus, slugs);
        let url = format!("{}{path}", self.config.base_url);
        #[derive(Serialize)]
        struct Vars<'v> {
            claim_review: serde_json::Value,
            check: &'v crate::content::Check,
            content: String,
            appearances: Vec<AppearanceView<'v>>,
            clusters: &'v [String],
        }
        let vars = Vars {
            claim_review: super::jsonld::claim_review(self.config, check, &url, &found),
            check,
            content: html,
            appearances,
            clusters: link.map_or(&[], |l| l.clusters.as_slice()),
        };
        let title = format!("{}: {}", check.rating, shorten(&check.claim, 80));
        let page = PageCtx::new(
            self.config,
            &path,
            title,
            shorten(&check.claim, 200),
            "checks",
        );
        self.page_file("check.html", &path, page, &vars)
    }
}

/// What an entity page shows of its entity: this page's articles and the first
/// [`SPELT_IN_SHOWN`] articles of each spelling, with the counts. (The whole entity on every
/// page of one named in thousands of articles made the pages quadratic to render.)
#[derive(Serialize)]
struct EntityView<'v> {
    id: &'v str,
    name: &'v str,
    kind: crate::xref::EntityKind,
    variants: Vec<VariantView<'v>>,
    /// The articles of this page.
    articles: &'v [String],
    /// Articles mentioning the entity, in all.
    article_count: usize,
}

/// A spelling, with the first [`SPELT_IN_SHOWN`] articles using it.
#[derive(Serialize)]
struct VariantView<'v> {
    name: &'v str,
    count: usize,
    articles: &'v [String],
    article_count: usize,
}

impl<'v> EntityView<'v> {
    fn of(e: &'v crate::xref::Entity, shown: &'v [String]) -> EntityView<'v> {
        EntityView {
            id: &e.id,
            name: &e.name,
            kind: e.kind,
            variants: (e.variants.iter())
                .map(|v| VariantView {
                    name: &v.name,
                    count: v.count,
                    articles: &v.articles[..v.articles.len().min(SPELT_IN_SHOWN)],
                    article_count: v.articles.len(),
                })
                .collect(),
            articles: shown,
            article_count: e.articles.len(),
        }
    }
}
