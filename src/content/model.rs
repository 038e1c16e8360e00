//! Plain data produced by the content stage: articles with per-field provenance, their classified
//! blocks, Markdown pages, fact-checkers' verdicts and copied assets. Later stages read these types.

use chrono::NaiveDate;
use serde::Serialize;
use std::path::PathBuf;

/// Where a metadata value was found, shown on the page so a fact-checker can verify it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "line", rename_all = "snake_case")]
pub enum Provenance {
    /// 1-based line of the article file.
    Line(usize),
    FrontMatter,
    FileName,
    /// Not present in the article; derived (e.g. title from the first sentence).
    Derived,
}

impl Provenance {
    /// Short human label: "line 3", "front matter", "file name", "derived".
    pub fn label(&self) -> String {
        match self {
            Provenance::Line(n) => format!("line {n}"),
            Provenance::FrontMatter => "front matter".into(),
            Provenance::FileName => "file name".into(),
            Provenance::Derived => "derived".into(),
        }
    }
}

/// A metadata value with where it came from and the raw text it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field<T> {
    pub value: T,
    pub source: Provenance,
    /// The text as it stood in the file (e.g. "8:03 PM EST, December 8, 2023").
    pub raw: String,
}

/// What a line or paragraph of an article is. Only `Body` is analysed by later stages; the rest is
/// kept and shown, marked for what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// Article text.
    Body,
    /// A sub-heading inside the body.
    Heading,
    /// A list item in the body (bullets).
    ListItem,
    /// A header line consumed as metadata (title, date, URL, byline, outlet, place).
    Metadata,
    /// Photo caption or credit.
    Caption,
    /// "See also", "Related content", "Video: …", share prompts and similar link spam.
    Boilerplate,
    /// "Published By:", "Edited By:", "ed. PJM" and other trailing credits.
    Footer,
}

/// One line (plain text) or paragraph (Markdown) of an article, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// 1-based line in the source file where the block starts.
    pub line: usize,
    /// The text, with surrounding whitespace trimmed (Markdown source for Markdown articles).
    pub text: String,
    /// Why the cleaner gave this kind (e.g. "starts with 'See also'"); empty for body text.
    pub reason: String,
}

impl Block {
    /// Body paragraphs on lines 1, 2, … (for tests of the rules that read blocks).
    #[cfg(test)]
    pub fn body_lines(texts: &[&str]) -> Vec<Block> {
        (texts.iter().enumerate())
            .map(|(i, t)| Block {
                kind: BlockKind::Body,
                line: i + 1,
                text: t.to_string(),
                reason: String::new(),
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    PlainText,
    Markdown,
}

/// An ingested news article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// Stable identifier: the slug (unique across the site).
    pub slug: String,
    /// Path relative to `content/`, with `/` separators.
    pub file: String,
    pub format: Format,
    pub title: Field<String>,
    pub date: Option<Field<NaiveDate>>,
    pub source_url: Option<Field<String>>,
    pub outlet: Option<Field<String>>,
    pub byline: Option<Field<String>>,
    /// Dateline place ("Hong Kong", "Bal Harbour, Florida").
    pub place: Option<Field<String>>,
    pub tags: Vec<String>,
    /// Standfirst or subtitle (front matter `description` or `subtitle`): shown under the
    /// title, never analysed as body text (a subtitle restating the lead is not a duplicate).
    pub description: Option<String>,
    pub blocks: Vec<Block>,
    /// Hash of the raw file bytes, for caches.
    pub hash: String,
}

impl Article {
    /// The blocks later stages analyse (body text, headings and list items), in order.
    pub fn body(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| {
            matches!(
                b.kind,
                BlockKind::Body | BlockKind::Heading | BlockKind::ListItem
            )
        })
    }
}

/// A Markdown page that is not an article (`content/pages/*.md`): about, methodology.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub slug: String,
    pub file: String,
    pub title: String,
    pub description: Option<String>,
    /// Markdown source of the body, front matter removed.
    pub markdown: String,
    /// Line of the file where `markdown` starts (for error messages).
    pub body_line: usize,
}

/// A fact-checker's verdict on a claim (`content/checks/*.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub slug: String,
    pub file: String,
    /// The claim as the checker states it; matched against claims in the corpus.
    pub claim: String,
    /// Rating label, e.g. "False", "Misleading", "True" (see `site.toml` `[ratings]`).
    pub rating: String,
    /// Line of `rating` in the file (for the error when it is not on the site's scale).
    pub rating_line: usize,
    pub reviewed: Option<NaiveDate>,
    pub sources: Vec<String>,
    pub author: Option<String>,
    pub markdown: String,
    pub body_line: usize,
}

/// A non-article file under `content/` copied beside the pages.
#[derive(Debug, Clone, Serialize)]
pub struct Asset {
    /// Path relative to `content/`, with `/` separators.
    pub file: String,
    pub path: PathBuf,
    /// Runs in a browser (HTML, SVG, XML, script): see [`crate::content::apply_site_rules`].
    pub active: bool,
}

/// Something wrong with one input that did not stop the build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Everything the content stage produces.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Corpus {
    /// Articles sorted by file path.
    pub articles: Vec<std::sync::Arc<Article>>,
    pub pages: Vec<Page>,
    pub checks: Vec<Check>,
    pub assets: Vec<Asset>,
    /// Raw text of `content/aliases.toml`, if present (parsed by `xref`).
    pub aliases: Option<(String, String)>,
    /// `content/tags.toml`, if present: tags for articles by file (applied by
    /// [`crate::content::apply_site_rules`]).
    pub tags_file: Option<(String, super::tags_file::TagEntries)>,
    pub warnings: Vec<Warning>,
}
