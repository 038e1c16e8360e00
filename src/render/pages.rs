//! The HTML pages: home (article list), one page per article, Markdown pages and the 404 page.

use super::OutFile;
use super::annotate;
use super::context::*;
use super::highlight::Highlighter;
use super::markdown::{self, LinkBase};
use super::templates::template_error;
use super::text::escape;
use crate::config::Config;
use crate::content::{Article, BlockKind, Corpus, Format};
use crate::error::Result;
use crate::xref::CrossRef;
use serde::Serialize;
use std::collections::BTreeMap;
use tera::{Context, Tera};

pub struct PageRenderer<'a> {
    pub tera: &'a Tera,
    pub hl: &'a Highlighter,
    pub config: &'a Config,
    pub corpus: &'a Corpus,
    pub xref: &'a CrossRef,
    /// Site path of every file under `content/`, for Markdown links (see [`link_targets`]).
    pub targets: BTreeMap<String, String>,
}

/// Where each file under `content/` ends up in the site.
pub fn link_targets(corpus: &Corpus) -> BTreeMap<String, String> {
    let mut t = BTreeMap::new();
    for a in &corpus.articles {
        t.insert(a.file.clone(), article_url(&a.slug));
    }
    for p in &corpus.pages {
        t.insert(p.file.clone(), format!("{}/", p.slug));
    }
    for c in &corpus.checks {
        t.insert(c.file.clone(), format!("checks/{}/", c.slug));
    }
    for a in &corpus.assets {
        t.insert(a.file.clone(), format!("files/{}", a.file));
    }
    t
}

impl PageRenderer<'_> {
    /// How to resolve relative links in the Markdown of `file` (path inside `content/`).
    pub(super) fn link_base<'b>(&'b self, root: &'b str, file: &'b str) -> LinkBase<'b> {
        let dir = file.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        LinkBase {
            root,
            dir,
            targets: &self.targets,
        }
    }

    pub fn all(&self) -> Result<Vec<OutFile>> {
        use rayon::prelude::*;
        let mut files = vec![self.index()?, self.not_found()?];
        let articles: Vec<OutFile> = self
            .corpus
            .articles
            .par_iter()
            .map(|a| self.article(a))
            .collect::<Result<_>>()?;
        files.extend(articles);
        for p in &self.corpus.pages {
            files.push(self.page(p)?);
        }
        files.extend(self.xref_pages()?);
        Ok(files)
    }

    /// Renders `template` with the common values plus `extra`, into `<path>index.html`.
    pub(super) fn page_file(
        &self,
        template: &str,
        path: &str,
        page: PageCtx,
        extra: Context,
    ) -> Result<OutFile> {
        let mut ctx = Context::new();
        ctx.insert("site", &SiteCtx::new(self.config));
        ctx.insert("page", &page);
        ctx.extend(extra);
        let html = self.tera.render(template, &ctx).map_err(template_error)?;
        let file = if path.ends_with(".html") {
            path.to_string()
        } else {
            format!("{path}index.html")
        };
        Ok(OutFile::new(file, html))
    }

    fn summaries(&self) -> Vec<ArticleSummary> {
        let mut list: Vec<ArticleSummary> = self
            .corpus
            .articles
            .iter()
            .map(|a| {
                ArticleSummary::new(
                    a,
                    self.xref
                        .flags
                        .iter()
                        .filter(|f| f.article == a.slug)
                        .count(),
                )
            })
            .collect();
        // Newest first, undated last, then by file for a stable order.
        list.sort_by(|a, b| {
            b.date
                .is_some()
                .cmp(&a.date.is_some())
                .then(b.date.cmp(&a.date))
                .then(a.file.cmp(&b.file))
        });
        list
    }

    fn index(&self) -> Result<OutFile> {
        let mut ctx = Context::new();
        ctx.insert("articles", &self.summaries());
        ctx.insert("pages", &self.page_links());
        let page = PageCtx::new(
            self.config,
            "",
            self.config.title.clone(),
            self.config.description.clone(),
            "index",
        );
        self.page_file("index.html", "", page, ctx)
    }

    fn page_links(&self) -> Vec<PageLink> {
        self.corpus
            .pages
            .iter()
            .map(|p| PageLink {
                url: format!("{}/", p.slug),
                title: p.title.clone(),
            })
            .collect()
    }

    fn article(&self, a: &Article) -> Result<OutFile> {
        let path = article_url(&a.slug);
        let root = "../".repeat(path.matches('/').count());
        let axref = self.xref.articles.iter().find(|x| x.slug == a.slug);
        let body_html = match a.format {
            Format::Markdown => {
                let (md, anchors) = markdown_body(a, axref);
                let base = self.link_base(&root, &a.file);
                Some(markdown::render_with_anchors(&md, self.hl, &base, &anchors))
            }
            Format::PlainText => None,
        };

        let blocks: Vec<BlockView> = a
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| a.format == Format::PlainText || !is_body(b.kind))
            .map(|(i, b)| BlockView {
                kind: b.kind,
                label: kind_label(b.kind).into(),
                line: b.line,
                html: if is_body(b.kind) {
                    annotate::block_html(&b.text, i, axref, &root)
                } else if a.format == Format::Markdown {
                    markdown::render(&b.text, self.hl, &self.link_base(&root, &a.file))
                } else {
                    escape(&b.text)
                },
                reason: b.reason.clone(),
                flags: annotate::flags_at(&self.xref.flags, &a.slug, b.line)
                    .into_iter()
                    .cloned()
                    .collect(),
            })
            .collect();
        let flags: Vec<_> = self
            .xref
            .flags
            .iter()
            .filter(|f| f.article == a.slug)
            .collect();
        let claim_ids: Vec<&str> = axref
            .map(|x| x.claims.iter().map(|c| c.id.as_str()).collect())
            .unwrap_or_default();
        let verdicts: Vec<_> = self
            .xref
            .verdicts
            .iter()
            .filter(|v| {
                v.appearances
                    .iter()
                    .any(|ap| claim_ids.contains(&ap.claim.as_str()))
            })
            .collect();
        let mut ctx = Context::new();
        ctx.insert("article", &ArticleSummary::new(a, 0));
        ctx.insert("meta", &meta_rows(a));
        ctx.insert(
            "source_url",
            &a.source_url.as_ref().map(|f| f.value.clone()),
        );
        ctx.insert("body_html", &body_html);
        ctx.insert("blocks", &blocks);
        // Lines that have an `id="L…"` on the page, so flag notes only link to those.
        let anchored: Vec<usize> = a
            .blocks
            .iter()
            .filter(|b| {
                is_body(b.kind) || b.reason == "code or table" || a.format == Format::PlainText
            })
            .map(|b| b.line)
            .chain(blocks.iter().map(|b| b.line))
            .collect();
        ctx.insert("anchored_lines", &anchored);

        ctx.insert("tags", &a.tags);
        ctx.insert("flags", &flags);
        ctx.insert("verdicts", &verdicts);
        ctx.insert("date_window", &axref.and_then(|x| x.date_window.clone()));
        let description = description_of(a);
        let page = PageCtx::new(
            self.config,
            &path,
            a.title.value.clone(),
            description,
            "articles",
        );
        self.page_file("article.html", &path, page, ctx)
    }

    fn page(&self, p: &crate::content::Page) -> Result<OutFile> {
        if RESERVED.contains(&p.slug.as_str()) {
            return Err(crate::error::Error::Input {
                file: p.file.clone(),
                line: 1,
                message: format!(
                    "the page slug `{}` is used by factsite's own pages; rename the file or set another `slug` in its front matter",
                    p.slug
                ),
            });
        }
        let path = format!("{}/", p.slug);
        let root = "../".repeat(path.matches('/').count());
        let html = markdown::render(
            strip_title_heading(&p.markdown),
            self.hl,
            &self.link_base(&root, &p.file),
        );
        let mut ctx = Context::new();
        ctx.insert("content", &html);
        let desc = p
            .description
            .clone()
            .unwrap_or_else(|| self.config.description.clone());
        let page = PageCtx::new(self.config, &path, p.title.clone(), desc, &p.slug);
        self.page_file("page.html", &path, page, ctx)
    }

    /// GitHub Pages serves `404.html` at any depth, so its links are absolute paths from base_url.
    fn not_found(&self) -> Result<OutFile> {
        let mut page = PageCtx::new(
            self.config,
            "404.html",
            "Page not found".into(),
            "This page does not exist.".into(),
            "404",
        );
        page.root = url_path(&self.config.base_url);
        self.page_file("404.html", "404.html", page, Context::new())
    }
}

/// Top-level folders factsite writes itself; a page may not take these names.
const RESERVED: &[&str] = &[
    "articles", "claims", "flags", "timeline", "entities", "checks", "data", "static", "files",
    "search",
];

#[derive(Serialize)]
struct PageLink {
    url: String,
    title: String,
}

/// The page template prints the title as `<h1>`; drop a leading `# Title` line from the body.
fn strip_title_heading(md: &str) -> &str {
    let trimmed = md.trim_start();
    match trimmed.strip_prefix("# ") {
        Some(rest) => rest.split_once('\n').map(|(_, r)| r).unwrap_or(""),
        None => md,
    }
}

fn is_body(k: BlockKind) -> bool {
    matches!(
        k,
        BlockKind::Body | BlockKind::Heading | BlockKind::ListItem
    )
}

/// The Markdown article's body blocks, rejoined (non-body blocks are listed separately).
/// The Markdown article's body blocks, rejoined, with the line and claim anchors of each block
/// (byte offset in the joined text, HTML) so links to `#L12` and `#claim-12-0` land.
fn markdown_body(
    a: &Article,
    axref: Option<&crate::xref::ArticleXref>,
) -> (String, Vec<(usize, String)>) {
    let mut text = String::new();
    let mut anchors = Vec::new();
    for (i, b) in a.blocks.iter().enumerate() {
        if !(is_body(b.kind) || b.reason == "code or table") {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let mut html = format!("<span id=\"L{}\"></span>", b.line);
        for c in axref
            .iter()
            .flat_map(|x| x.claims.iter())
            .filter(|c| c.block == i)
        {
            html.push_str(&format!("<span id=\"{}\"></span>", annotate::anchor(&c.id)));
        }
        anchors.push((text.len(), html));
        text.push_str(&b.text);
    }
    (text, anchors)
}

/// First body sentence, shortened, for `<meta name="description">`.
fn description_of(a: &Article) -> String {
    let text = a
        .body()
        .find(|b| b.kind == BlockKind::Body)
        .map(|b| b.text.as_str())
        .unwrap_or("");
    let mut out: String = text.chars().take(200).collect();
    if text.chars().count() > 200 {
        out.push('…');
    }
    out
}

/// The path part of an absolute URL: `https://x.github.io/repo/` → `/repo/`.
fn url_path(base: &str) -> String {
    let after_scheme = base.split_once("://").map(|(_, r)| r).unwrap_or(base);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn url_path() {
        assert_eq!(super::url_path("https://u.github.io/repo/"), "/repo/");
        assert_eq!(super::url_path("http://127.0.0.1:1111/"), "/");
        assert_eq!(super::url_path("https://example.org"), "/");
    }
}
