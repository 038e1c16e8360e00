//! What a published site carries besides its pages: the search page and index, the Atom feeds,
//! `sitemap.xml` and `robots.txt`. Runs after the pages are rendered, so the sitemap lists every
//! HTML page that exists, whichever module rendered it.

use super::OutFile;
use super::context::{PageCtx, SiteCtx};
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
) -> Result<Vec<OutFile>> {
    // Claims and entities join the index here once the cross-reference pages exist
    // (`index.add_claim`, `index.add_entity`).
    let index = SearchIndex::with_articles(corpus);
    let mut out = vec![index.to_file()?, search_page(tera, config, &index)?];
    out.extend(feeds::files(config, corpus, xref));
    let paths: Vec<String> = rendered
        .iter()
        .chain(&out)
        .map(|f| f.path.clone())
        .collect();
    out.extend(sitemap::files(config, paths.iter().map(String::as_str)));
    Ok(out)
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
