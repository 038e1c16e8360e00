//! What a published site carries besides its pages: the search page and index, the Atom feeds,
//! `sitemap.xml` and `robots.txt`. Needs only the paths of the site's HTML files, known before
//! any page is rendered, so it runs beside the pages.

use super::OutFile;
use super::context::{PageCtx, SiteCtx};
use super::memo::{self, Round};
use super::search::{SEARCH_PATH, SearchDoc, SearchIndex};
use super::templates::template_error;
use super::{feeds, sitemap};
use crate::config::Config;
use crate::content::Corpus;
use crate::error::Result;
use crate::xref::{Cluster, CrossRef, Entity};
use tera::{Context, Tera};

/// The publishing files for a site whose other HTML files (pages and static files) are `html`.
pub fn files(
    tera: &Tera,
    config: &Config,
    corpus: &Corpus,
    xref: &CrossRef,
    html: &[&str],
    memo: Option<&Round>,
) -> Result<Vec<OutFile>> {
    let search_path = format!("{SEARCH_PATH}index.html");
    // Three independent parts, side by side; the sitemap lists HTML pages, and of the files made
    // here only the search page is one.
    let (search, (feeds, sitemap)) = rayon::join(
        || -> Result<Vec<OutFile>> {
            let index = search_index(corpus, xref);
            // The search page lists titles only: an edit to an article's text leaves it as it was.
            let key = (index.listed(), config.paginate_by);
            let page = memo::file(memo, &search_path, &key, || {
                search_page(tera, config, &index)
            })?;
            let mut files = index.to_files()?;
            files.push(page);
            Ok(files)
        },
        || {
            rayon::join(
                || feeds::files(config, corpus, xref),
                || -> Result<Vec<OutFile>> {
                    // Keyed by the HTML paths: an edit that adds or removes no page reuses it.
                    let pages: Vec<&str> = (html.iter().copied())
                        .chain([search_path.as_str()])
                        .collect();
                    let mut out = if pages.len() <= sitemap::MAX_URLS {
                        vec![memo::file(memo, "sitemap.xml", &pages, || {
                            Ok::<_, crate::error::Error>(sitemap::sitemap(
                                config,
                                pages.iter().copied(),
                            ))
                        })?]
                    } else {
                        sitemap::sitemaps(config, pages.iter().copied())
                    };
                    out.push(sitemap::robots(config));
                    Ok(out)
                },
            )
        },
    );
    let mut out = search?;
    out.extend(feeds);
    out.extend(sitemap?);
    Ok(out)
}

/// Articles, then claim clusters and the entities that have a page (see `page_list.rs`), each kind's
/// entries made in parallel and added in order.
fn search_index(corpus: &Corpus, xref: &CrossRef) -> SearchIndex {
    use rayon::prelude::*;
    let (mut index, (claims, entities)) = rayon::join(
        || SearchIndex::with_articles(corpus),
        || {
            rayon::join(
                || {
                    let docs = xref.clusters.par_iter();
                    docs.map(cluster_doc).collect::<Vec<_>>()
                },
                || {
                    let docs = xref.entities.par_iter();
                    let docs = docs.filter(|e| super::page_list::entity_has_page(e));
                    docs.map(entity_doc).collect::<Vec<_>>()
                },
            )
        },
    );
    for doc in claims.into_iter().chain(entities) {
        index.add(doc);
    }
    index
}

/// A claim cluster's search entry: every wording is searchable, the representative text first.
fn cluster_doc(c: &Cluster) -> SearchDoc {
    let url = format!("claims/{}/", c.id);
    let mut articles: Vec<&str> = c.appearances.iter().map(|a| a.article.as_str()).collect();
    articles.sort_unstable();
    articles.dedup();
    let meta = match articles.len() {
        1 => "in 1 article".to_string(),
        n => format!("in {n} articles"),
    };
    let mut text = c.text.clone();
    for a in &c.appearances {
        if a.text != c.text {
            text.push(' ');
            text.push_str(&a.text);
        }
    }
    SearchDoc::claim(&c.text, text, url, meta)
}

/// An entity's search entry: its name and other spellings.
fn entity_doc(e: &Entity) -> SearchDoc {
    let url = format!("entities/{}/", e.id);
    let variants: Vec<String> = e
        .variants
        .iter()
        .map(|v| v.name.clone())
        .filter(|v| *v != e.name)
        .collect();
    SearchDoc::entity(&e.name, &variants, url)
}

/// `search/index.html`, rendered with the `page.html` template (a site can override it).
fn search_page(tera: &Tera, config: &Config, index: &SearchIndex) -> Result<OutFile> {
    let page = PageCtx::new(
        config,
        SEARCH_PATH,
        "Search".into(),
        format!("Search the articles of {}", config.title),
        "search",
    );
    let mut ctx = Context::new();
    ctx.insert("content", &index.page_html(&page.root, config.paginate_by));
    ctx.insert("site", &SiteCtx::new(config));
    ctx.insert("page", &page);
    let html = tera.render("page.html", &ctx).map_err(template_error)?;
    Ok(OutFile::new(format!("{SEARCH_PATH}index.html"), html))
}
