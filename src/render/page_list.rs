//! Every HTML page of the site as a value ([`PageId`]) with its path, so that the whole site and a
//! chosen few pages (those open in a browser while `serve` rebuilds) are rendered from one list.

use super::OutFile;
use super::context::article_url;
use super::listings::{Month, Taxonomy, Term, flag_kind_path};
use super::pages::PageRenderer;
use super::paginate::page_path;
use super::xref_pages::{ArticleRef, EntityKeys};
use crate::content::{Article, Check, Page};
use crate::error::Result;
use crate::xref::{Cluster, Entity, FlagKind};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// One HTML page; a listing's page carries its number (from 1).
#[derive(Clone, Copy)]
pub(super) enum PageId<'a> {
    Index(usize),
    NotFound,
    Page(&'a Page),
    Article(&'a Article),
    Claims(usize),
    Flags,
    FlagKind(FlagKind, usize),
    Entities(usize),
    Timeline,
    TimelineMonth(&'a Month, usize),
    Cluster(&'a Cluster),
    Entity(&'a Entity, usize),
    Check(&'a Check),
    Checks(usize),
    Taxonomy(&'a Taxonomy, usize),
    Term(&'a Taxonomy, &'a Term, usize),
}

impl PageId<'_> {
    /// The page's path below the site root (`claims/c-1/`, `404.html`).
    pub(super) fn path(&self) -> String {
        match *self {
            PageId::Index(n) => page_path("", n),
            PageId::NotFound => "404.html".into(),
            PageId::Page(p) => format!("{}/", p.slug),
            PageId::Article(a) => article_url(&a.slug),
            PageId::Claims(n) => page_path("claims/", n),
            PageId::Flags => "flags/".into(),
            PageId::FlagKind(k, n) => page_path(&flag_kind_path(k), n),
            PageId::Entities(n) => page_path("entities/", n),
            PageId::Timeline => "timeline/".into(),
            PageId::TimelineMonth(m, n) => page_path(&m.path(), n),
            PageId::Cluster(c) => format!("claims/{}/", c.id),
            PageId::Entity(e, n) => page_path(&format!("entities/{}/", e.id), n),
            PageId::Check(c) => format!("checks/{}/", c.slug),
            PageId::Checks(n) => page_path("checks/", n),
            PageId::Taxonomy(t, n) => page_path(&t.path(), n),
            PageId::Term(t, term, n) => page_path(&t.term_path(term), n),
        }
    }
}

/// Whether an entity gets a page: when it is named in more than one article. A page for a name
/// met once would only repeat that article (on a 3,824-article archive, 25,237 entity pages made
/// two thirds of the output); it is still listed on `entities/` and searchable in its article.
pub fn entity_has_page(e: &Entity) -> bool {
    e.articles.len() >= 2
}

/// The file a page path is written to: folders get an `index.html`.
pub(super) fn out_path(path: &str) -> String {
    if path.ends_with(".html") {
        path.to_string()
    } else {
        format!("{path}index.html")
    }
}

impl<'a> PageRenderer<'a> {
    /// Every page, the overview pages first so that they start early.
    fn page_ids(&self) -> Vec<PageId<'_>> {
        let (corpus, xref, l) = (self.corpus, self.xref, &self.listings);
        let pages = |total: usize| 1..=l.pages(total);
        let mut ids = vec![PageId::Flags, PageId::Timeline, PageId::NotFound];
        ids.extend(pages(l.articles.len()).map(PageId::Index));
        ids.extend(pages(l.claims_rows(xref)).map(PageId::Claims));
        ids.extend(pages(l.entities.len()).map(PageId::Entities));
        ids.extend(pages(l.checks.len()).map(PageId::Checks));
        for (k, list) in &l.flag_kinds {
            ids.extend(pages(list.len()).map(|n| PageId::FlagKind(*k, n)));
        }
        for m in &l.months {
            ids.extend(pages(m.events.len()).map(|n| PageId::TimelineMonth(m, n)));
        }
        for t in &l.taxonomies {
            let of = |total: usize| 1..=crate::render::paginate::pages(total, t.by);
            ids.extend(of(t.terms.len()).map(|n| PageId::Taxonomy(t, n)));
            for term in &t.terms {
                ids.extend(of(term.articles.len()).map(|n| PageId::Term(t, term, n)));
            }
        }
        ids.extend(corpus.pages.iter().map(PageId::Page));
        ids.extend(corpus.articles.iter().map(|a| PageId::Article(a)));
        ids.extend(xref.clusters.iter().map(PageId::Cluster));
        ids.extend(
            (xref.entities.iter())
                .filter(|e| entity_has_page(e))
                .flat_map(|e| pages(e.articles.len()).map(move |n| PageId::Entity(e, n))),
        );
        ids.extend(corpus.checks.iter().map(PageId::Check));
        ids
    }

    /// Every HTML page, each handed to `sink` once made. Pages are independent, so all of them
    /// render in parallel.
    pub fn all_into(&self, sink: super::Sink<'_>) -> Result<()> {
        self.render_ids_into(self.page_ids(), sink)
    }

    /// The output path of every HTML page, without rendering them.
    pub fn paths(&self) -> Vec<String> {
        let ids = self.page_ids();
        ids.iter().map(|id| out_path(&id.path())).collect()
    }

    /// The pages written to `files` (output paths such as `articles/x/index.html`); paths that
    /// are no page of this site are skipped.
    pub fn only(&self, files: &BTreeSet<String>) -> Result<Vec<OutFile>> {
        let ids = self.page_ids().into_iter();
        self.render_ids(
            ids.filter(|id| files.contains(&out_path(&id.path())))
                .collect(),
        )
    }

    /// Renders `ids`, sorted by path.
    fn render_ids(&self, ids: Vec<PageId<'_>>) -> Result<Vec<OutFile>> {
        let out = std::sync::Mutex::new(Vec::new());
        self.render_ids_into(ids, &|f| {
            super::locked(&out).push(f);
            Ok(())
        })?;
        let mut files = out.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Renders `ids` in parallel into `sink`. Entity pages' memo keys need each article's claims
    /// hashed once for all of them: that runs beside the other pages.
    fn render_ids_into(&self, ids: Vec<PageId<'_>>, sink: super::Sink<'_>) -> Result<()> {
        let refs = self.article_refs();
        let (entities, rest): (Vec<PageId>, Vec<PageId>) = ids
            .into_iter()
            .partition(|id| matches!(id, PageId::Entity(..)));
        let (entity_pages, others) = rayon::join(
            || {
                let keys = (self.memo.is_some() && !entities.is_empty())
                    .then(|| self.entity_claim_hashes(&refs));
                (entities.into_par_iter())
                    .try_for_each(|id| sink(self.render_id(id, &refs, keys.as_ref())?))
            },
            || (rest.into_par_iter()).try_for_each(|id| sink(self.render_id(id, &refs, None)?)),
        );
        entity_pages?;
        others
    }

    fn render_id(
        &self,
        id: PageId,
        refs: &BTreeMap<String, ArticleRef>,
        entity_keys: Option<&EntityKeys>,
    ) -> Result<OutFile> {
        match id {
            PageId::Index(n) => self.index(n),
            PageId::NotFound => self.not_found(),
            PageId::Page(p) => self.page(p),
            PageId::Article(a) => self.article(a),
            PageId::Claims(n) => self.claims_index(n, refs),
            PageId::Flags => self.flags_report(refs),
            PageId::FlagKind(k, n) => self.flags_of_kind(k, n, refs),
            PageId::Entities(n) => self.entities_index(n),
            PageId::Timeline => self.timeline(refs),
            PageId::TimelineMonth(m, n) => self.timeline_month(m, n, refs),
            PageId::Cluster(c) => self.cluster_page(c, refs),
            PageId::Entity(e, n) => self.entity_page(e, n, refs, entity_keys),
            PageId::Check(c) => self.check_page(c, refs),
            PageId::Checks(n) => self.checks_index(n),
            PageId::Taxonomy(t, n) => self.taxonomy_list(t, n),
            PageId::Term(t, term, n) => self.taxonomy_single(t, term, n),
        }
    }
}
