//! The HTML pages: home (article list), one page per article, Markdown pages and the 404 page.

use super::OutFile;
use super::annotate;
use super::context::*;
use super::highlight::Highlighter;
use super::markdown::{self, LinkBase};
use super::memo::Round;
use super::page_list::{PageId, out_path};
use super::templates::template_error;
use super::text::escape;
use crate::config::Config;
use crate::content::{Article, BlockKind, Corpus, Format};
use crate::error::Result;
use crate::xref::{ArticleXref, CrossRef, Flag, VerdictLink};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tera::{Context, Tera};

pub struct PageRenderer<'a> {
    pub tera: &'a Tera,
    pub hl: &'a Highlighter,
    pub config: &'a Config,
    pub corpus: &'a Corpus,
    pub xref: &'a CrossRef,
    /// Site path of every file under `content/`, for Markdown links (see [`link_targets`]).
    pub targets: BTreeMap<String, String>,
    /// The page memo of this build, if any (see [`super::memo`]).
    pub memo: Option<&'a Round>,
    pub lookup: Lookup<'a>,
    /// The listings and their pages (see [`super::listings`]).
    pub listings: super::listings::Listings,
}

/// Indexes over the cross-reference data, so a page finds its part without scanning everything.
pub struct Lookup<'a> {
    xref_of: HashMap<&'a str, &'a ArticleXref>,
    flags_of: HashMap<&'a str, Vec<&'a Flag>>,
    /// Claim id → indices of the flags citing it.
    flags_citing: HashMap<&'a str, Vec<usize>>,
    flags: &'a [Flag],
    /// Entity id → (name, whether it has a page).
    entity_name: HashMap<&'a str, (&'a str, bool)>,
    /// Article slug → the `republished` flags of the articles that copy it.
    copied_by: HashMap<&'a str, Vec<&'a Flag>>,
    /// Article slug → (file, title), for flag messages in reader's words.
    named: HashMap<&'a str, (&'a str, &'a str)>,
}

impl<'a> Lookup<'a> {
    pub fn new(corpus: &'a Corpus, xref: &'a CrossRef) -> Self {
        let mut flags_of: HashMap<&str, Vec<&Flag>> = HashMap::new();
        let mut flags_citing: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut copied_by: HashMap<&str, Vec<&Flag>> = HashMap::new();
        for (i, f) in xref.flags.iter().enumerate() {
            flags_of.entry(f.article.as_str()).or_default().push(f);
            if f.kind == crate::xref::FlagKind::Republished {
                for orig in &f.related {
                    copied_by.entry(orig.as_str()).or_default().push(f);
                }
            }
            for c in &f.claims {
                flags_citing.entry(c.as_str()).or_default().push(i);
            }
        }
        Lookup {
            xref_of: xref.articles.iter().map(|x| (x.slug.as_str(), x)).collect(),
            flags_of,
            flags_citing,
            copied_by,
            named: (corpus.articles.iter())
                .map(|a| (a.slug.as_str(), (a.file.as_str(), a.title.value.as_str())))
                .collect(),
            flags: &xref.flags,
            entity_name: xref
                .entities
                .iter()
                .map(|e| {
                    let page = super::page_list::entity_has_page(e);
                    (e.id.as_str(), (e.name.as_str(), page))
                })
                .collect(),
        }
    }

    /// The cross-reference data of an article.
    pub fn xref(&self, slug: &str) -> Option<&'a ArticleXref> {
        self.xref_of.get(slug).copied()
    }

    /// The flags raised on an article, in report order.
    pub fn flags(&self, slug: &str) -> &[&'a Flag] {
        self.flags_of.get(slug).map_or(&[], Vec::as_slice)
    }

    /// The `republished` flags of the articles that copy article `slug`.
    pub fn copied_by(&self, slug: &str) -> &[&'a Flag] {
        self.copied_by.get(slug).map_or(&[], Vec::as_slice)
    }

    /// The flags citing any of `claims`, in report order.
    pub fn flags_citing<'c>(&self, claims: impl Iterator<Item = &'c str>) -> Vec<&'a Flag> {
        let mut found: Vec<usize> = claims
            .flat_map(|c| self.flags_citing.get(c).into_iter().flatten().copied())
            .collect();
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|i| &self.flags[i]).collect()
    }

    /// An article's (file, title), by slug.
    pub fn named(&self, slug: &str) -> Option<(&'a str, &'a str)> {
        self.named.get(slug).copied()
    }

    /// An entity's name, and whether it has a page.
    pub fn entity(&self, id: &str) -> Option<(&'a str, bool)> {
        self.entity_name.get(id).copied()
    }
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

    /// Renders `template` into `<path>index.html` with the common values plus `vars` (a struct
    /// whose fields become template variables). With a memo, unchanged inputs reuse the last bytes.
    pub(super) fn page_file(
        &self,
        template: &str,
        path: &str,
        page: PageCtx,
        vars: &impl Serialize,
    ) -> Result<OutFile> {
        self.memoized(path, &(template, &page, vars), || {
            self.render_page(template, path, &page, vars)
        })
    }

    /// The page at `path` as `make` renders it, or as the last build did when `key` — which must
    /// cover everything `make` reads besides config, link targets and templates — is unchanged.
    pub(super) fn memoized(
        &self,
        path: &str,
        key: &impl Serialize,
        make: impl FnOnce() -> Result<OutFile>,
    ) -> Result<OutFile> {
        super::memo::file(self.memo, &out_path(path), key, make)
    }

    /// [`Self::page_file`] without the memo.
    pub(super) fn render_page(
        &self,
        template: &str,
        path: &str,
        page: &PageCtx,
        vars: &impl Serialize,
    ) -> Result<OutFile> {
        let mut ctx = Context::from_serialize(vars).map_err(template_error)?;
        ctx.insert("site", &SiteCtx::new(self.config));
        ctx.insert("page", page);
        let html = self.tera.render(template, &ctx).map_err(template_error)?;
        Ok(OutFile::new(out_path(path), html))
    }

    pub(super) fn page_links(&self) -> Vec<PageLink> {
        self.corpus
            .pages
            .iter()
            .map(|p| PageLink {
                url: format!("{}/", p.slug),
                title: p.title.clone(),
            })
            .collect()
    }

    /// An article's page; its memo key is the article and its share of the cross-reference data,
    /// so the costly part (annotating every sentence) is skipped when none of them changed.
    pub(super) fn article(&self, a: &Article) -> Result<OutFile> {
        let path = PageId::Article(a).path();
        let axref = self.lookup.xref(&a.slug);
        let flags = self.lookup.flags(&a.slug);
        let verdicts = self.verdicts_on(axref);
        let notes = self.copy_notes(a, flags);
        let messages = self.reader_messages(flags);
        let links = self.listing_links(a, flags);
        let key = (a, axref, flags, &verdicts, &notes, &messages, &links);
        self.memoized(&path, &key, || {
            let words = (&notes[..], &messages, &links);
            self.article_page(a, axref, flags, &verdicts, words, &path)
        })
    }

    /// Each flag's message in reader's words (see [`super::labels::reader_message`]), by id.
    pub(super) fn reader_messages(&self, flags: &[&Flag]) -> BTreeMap<String, String> {
        let article = |slug: &str| self.lookup.named.get(slug).copied();
        flags
            .iter()
            .map(|f| (f.id.clone(), super::labels::reader_message(f, article)))
            .collect()
    }

    /// The banners naming the article this one copies, or those that copy it.
    fn copy_notes(&self, a: &Article, flags: &[&Flag]) -> Vec<super::copy_note::CopyNote> {
        let copied_by = self.lookup.copied_by(&a.slug);
        super::copy_note::notes(self.corpus, &self.xref.reuse, a, flags, copied_by)
    }

    /// An article's page from its provisional share of the cross-reference data (`serve`'s
    /// preview, see [`crate::xref::preview`]); never memoized.
    pub fn provisional_article(
        &self,
        a: &Article,
        axref: &ArticleXref,
        flags: &[Flag],
    ) -> Result<OutFile> {
        let flags: Vec<&Flag> = flags.iter().collect();
        let verdicts = self.verdicts_on(Some(axref));
        let notes = self.copy_notes(a, &flags);
        let messages = self.reader_messages(&flags);
        let links = self.listing_links(a, &flags);
        let words = (&notes[..], &messages, &links);
        let path = article_url(&a.slug);
        self.article_page(a, Some(axref), &flags, &verdicts, words, &path)
    }

    /// Where the article is listed: its taxonomy terms, and the flags report's page of each
    /// of its flags (a flag new in a preview has none yet: it links to the report).
    fn listing_links(&self, a: &Article, flags: &[&Flag]) -> ListingLinks {
        let i = self.listings.article_index.get(&a.slug).copied();
        let mut terms: Vec<TermGroup> = Vec::new();
        for t in i.map_or(&[][..], |i| self.listings.terms_of[i].as_slice()) {
            match terms.last_mut() {
                Some(g) if g.taxonomy == t.taxonomy => g.links.push(t.clone()),
                _ => terms.push(TermGroup {
                    taxonomy: t.taxonomy,
                    title: super::listings::taxonomy_title(t.taxonomy),
                    links: vec![t.clone()],
                }),
            }
        }
        ListingLinks {
            terms,
            flag_pages: flags
                .iter()
                .map(|f| {
                    let page = self.listings.flag_page.get(&f.id);
                    (
                        f.id.clone(),
                        page.cloned().unwrap_or_else(|| "flags/".into()),
                    )
                })
                .collect(),
        }
    }

    /// The verdicts with an appearance among the article's claims.
    fn verdicts_on(&self, axref: Option<&ArticleXref>) -> Vec<&VerdictLink> {
        let claim_ids: Vec<&str> = axref
            .map(|x| x.claims.iter().map(|c| c.id.as_str()).collect())
            .unwrap_or_default();
        self.xref
            .verdicts
            .iter()
            .filter(|v| {
                v.appearances
                    .iter()
                    .any(|ap| claim_ids.contains(&ap.claim.as_str()))
            })
            .collect()
    }

    fn article_page(
        &self,
        a: &Article,
        axref: Option<&ArticleXref>,
        flags: &[&Flag],
        verdicts: &[&VerdictLink],
        (notes, messages, links): (
            &[super::copy_note::CopyNote],
            &BTreeMap<String, String>,
            &ListingLinks,
        ),
        path: &str,
    ) -> Result<OutFile> {
        #[derive(Serialize)]
        struct Vars<'v> {
            article: ArticleSummary,
            /// Banners: the article this one copies, or the articles that copy it.
            copy_notes: &'v [super::copy_note::CopyNote],
            /// Flag id → its message in reader's words.
            messages: &'v BTreeMap<String, String>,
            meta: Vec<MetaRow>,
            source_url: Option<&'v str>,
            body_html: Option<String>,
            blocks: Vec<BlockView>,
            /// Lines that have an `id="L…"` on the page, so flag notes only link to those.
            anchored_lines: Vec<usize>,
            tags: &'v [String],
            /// Its taxonomy terms, and each flag's page in the flags report.
            listed: &'v ListingLinks,
            flags: &'v [&'v Flag],
            verdicts: &'v [&'v VerdictLink],
            date_window: Option<&'v crate::xref::DateWindow>,
        }
        let root = "../".repeat(path.matches('/').count());
        let body_html = match a.format {
            Format::Markdown => {
                let (md, anchors) = markdown_body(a, axref);
                let base = self.link_base(&root, &a.file);
                Some(markdown::render_with_anchors(&md, self.hl, &base, &anchors))
            }
            Format::PlainText => None,
        };
        let blocks = self.block_views(a, axref, flags, &root);
        let anchored_lines = a
            .blocks
            .iter()
            .filter(|b| {
                is_body(b.kind) || b.reason == "code or table" || a.format == Format::PlainText
            })
            .map(|b| b.line)
            .chain(blocks.iter().map(|b| b.line))
            .collect();
        let vars = Vars {
            article: ArticleSummary::new(a, 0),
            copy_notes: notes,
            messages,
            meta: meta_rows(a),
            source_url: a.source_url.as_ref().map(|f| f.value.as_str()),
            body_html,
            blocks,
            anchored_lines,
            tags: &a.tags,
            listed: links,
            flags,
            verdicts,
            date_window: axref.and_then(|x| x.date_window.as_ref()),
        };
        let page = PageCtx::new(
            self.config,
            path,
            a.title.value.clone(),
            description_of(a),
            "articles",
        );
        self.render_page("article.html", path, &page, &vars)
    }

    /// The article's lines as the page shows them (Markdown articles: only the non-body lines).
    fn block_views(
        &self,
        a: &Article,
        axref: Option<&ArticleXref>,
        flags: &[&Flag],
        root: &str,
    ) -> Vec<BlockView> {
        let claims = annotate::claims_by_block(axref);
        let flags = annotate::flags_by_line(flags.iter().copied());
        a.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| a.format == Format::PlainText || !is_body(b.kind))
            .map(|(i, b)| BlockView {
                kind: b.kind,
                label: kind_label(b.kind).into(),
                line: b.line,
                html: if is_body(b.kind) {
                    let mine = claims.get(&i).map_or(&[][..], Vec::as_slice);
                    annotate::block_html(&b.text, mine, root)
                } else if a.format == Format::Markdown {
                    markdown::render(&b.text, self.hl, &self.link_base(root, &a.file))
                } else {
                    escape(&b.text)
                },
                reason: b.reason.clone(),
                flags: (flags.get(&b.line).into_iter().flatten())
                    .map(|f| (*f).clone())
                    .collect(),
            })
            .collect()
    }

    pub(super) fn page(&self, p: &crate::content::Page) -> Result<OutFile> {
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
        let path = PageId::Page(p).path();
        let root = "../".repeat(path.matches('/').count());
        let html = markdown::render(
            strip_title_heading(&p.markdown),
            self.hl,
            &self.link_base(&root, &p.file),
        );
        #[derive(Serialize)]
        struct Vars {
            content: String,
        }
        let desc = p
            .description
            .clone()
            .unwrap_or_else(|| self.config.description.clone());
        let page = PageCtx::new(self.config, &path, p.title.clone(), desc, &p.slug);
        self.page_file("page.html", &path, page, &Vars { content: html })
    }

    /// GitHub Pages serves `404.html` at any depth, so its links are absolute paths from base_url.
    pub(super) fn not_found(&self) -> Result<OutFile> {
        let path = PageId::NotFound.path();
        let mut page = PageCtx::new(
            self.config,
            &path,
            "Page not found".into(),
            "This page does not exist.".into(),
            "404",
        );
        page.root = url_path(&self.config.base_url);
        #[derive(Serialize)]
        struct NoVars {}
        self.page_file("404.html", &path, page, &NoVars {})
    }
}

/// Where an article is listed, for its page's links.
#[derive(Serialize, Hash)]
pub(super) struct ListingLinks {
    /// Per taxonomy, the article's terms.
    terms: Vec<TermGroup>,
    /// Flag id → the flags report's page listing it.
    flag_pages: BTreeMap<String, String>,
}

#[derive(Serialize, Hash)]
struct TermGroup {
    taxonomy: &'static str,
    title: &'static str,
    links: Vec<super::listings::TermLink>,
}

/// Top-level folders factsite writes itself; a page may not take these names.
const RESERVED: &[&str] = &[
    "articles", "claims", "flags", "timeline", "entities", "checks", "data", "static", "files",
    "search", "page", "tags", "outlets", "authors", "months",
];

#[derive(Serialize)]
pub(super) struct PageLink {
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
