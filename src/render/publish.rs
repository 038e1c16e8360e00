//! What a published site carries besides its pages: the search page and index, the Atom feeds,
//! `sitemap.xml` and `robots.txt`. Runs after the pages are rendered, so the sitemap lists every
//! HTML page that exists, whichever module rendered it.

use super::OutFile;
use super::context::{PageCtx, SiteCtx};
use super::memo::{self, Round};
use super::search::{SEARCH_PATH, SearchIndex};
use super::templates::template_error;
use super::{feeds, sitemap};
use crate::config::Config;
use crate::content::Corpus;
use crate::error::Result;
use crate::xref::CrossRef;
use tera::{Context, Tera};

/// The publishing files for a site whose pages are `rendered`.
pub fn files(
    tera: &Tera,
    config: &Config,
    corpus: &Corpus,
    xref: &CrossRef,
    rendered: &[OutFile],
    memo: Option<&Round>,
) -> Result<Vec<OutFile>> {
    let search_path = format!("{SEARCH_PATH}index.html");
    // Three independent parts, side by side; the sitemap lists HTML pages, and of the files made
    // here only the search page is one.
    let (search, (feeds, sitemap)) = rayon::join(
        || -> Result<Vec<OutFile>> {
            let index = search_index(corpus, xref, rendered);
            // The search page lists titles only: an edit to an article's text leaves it as it was.
            let page = memo::file(memo, &search_path, &index.listed(), || {
                search_page(tera, config, &index)
            })?;
            Ok(vec![index.to_file()?, page])
        },
        || {
            rayon::join(
                || feeds::files(config, corpus, xref),
                || {
                    let paths = rendered.iter().map(|f| f.path.as_str());
                    sitemap::files(config, paths.chain([search_path.as_str()]))
                },
            )
        },
    );
    let mut out = search?;
    out.extend(feeds);
    out.extend(sitemap);
    Ok(out)
}

/// Articles, then claim clusters and entities that have a page among `rendered`.
fn search_index(corpus: &Corpus, xref: &CrossRef, rendered: &[OutFile]) -> SearchIndex {
    let pages: std::collections::HashSet<&str> = rendered.iter().map(|f| f.path.as_str()).collect();
    let mut index = SearchIndex::with_articles(corpus);
    for c in &xref.clusters {
        let url = format!("claims/{}/", c.id);
        if !pages.contains(format!("{url}index.html").as_str()) {
            continue;
        }
        let mut articles: Vec<&str> = c.appearances.iter().map(|a| a.article.as_str()).collect();
        articles.sort_unstable();
        articles.dedup();
        let meta = match articles.len() {
            1 => "in 1 article".to_string(),
            n => format!("in {n} articles"),
        };
        // Every wording of the claim is searchable, the representative text first.
        let mut text = c.text.clone();
        for a in &c.appearances {
            if a.text != c.text {
                text.push(' ');
                text.push_str(&a.text);
            }
        }
        index.add_claim_with_text(&c.text, &text, &url, &meta);
    }
    for e in &xref.entities {
        let url = format!("entities/{}/", e.id);
        if !pages.contains(format!("{url}index.html").as_str()) {
            continue;
        }
        let variants: Vec<String> = e
            .variants
            .iter()
            .map(|v| v.name.clone())
            .filter(|v| *v != e.name)
            .collect();
        index.add_entity(&e.name, &variants, &url);
    }
    index
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
    ctx.insert("content", &index.page_html(&page.root));
    ctx.insert("site", &SiteCtx::new(config));
    ctx.insert("page", &page);
    let html = tera.render("page.html", &ctx).map_err(template_error)?;
    Ok(OutFile::new(format!("{SEARCH_PATH}index.html"), html))
}
