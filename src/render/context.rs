//! The plain serde structs the templates see. Built from the content and xref stages' data;
//! templates never reach into those stages' types directly.

use crate::config::Config;
use crate::content::{Article, BlockKind, Field, Provenance};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct SiteCtx {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub language: String,
    pub publisher: String,
    /// The taxonomies listed, for navigation: (name, title).
    pub taxonomies: Vec<(String, &'static str)>,
}

impl SiteCtx {
    pub fn new(c: &Config) -> Self {
        SiteCtx {
            title: c.title.clone(),
            description: c.description.clone(),
            base_url: c.base_url.clone(),
            language: c.language.clone(),
            publisher: c.publisher.clone(),
            taxonomies: (c.taxonomies.iter())
                .map(|t| (t.name.clone(), super::listings::taxonomy_title(&t.name)))
                .collect(),
        }
    }
}

/// Per-page values every template gets.
#[derive(Debug, Clone, Serialize)]
pub struct PageCtx {
    pub title: String,
    pub description: String,
    /// Absolute URL of the page (canonical link, Open Graph).
    pub canonical: String,
    /// Relative prefix from this page to the site root: "", "../", "../../".
    pub root: String,
    /// Which navigation entry is current ("index", "flags", …).
    pub section: String,
    /// Which page of a listing this is (`None` on pages that are no listing).
    pub paginator: Option<super::paginate::Paginator>,
}

impl PageCtx {
    /// `path` is the page's folder relative to the site root ("" for the home page, "articles/x/").
    pub fn new(
        config: &Config,
        path: &str,
        title: String,
        description: String,
        section: &str,
    ) -> Self {
        PageCtx {
            title,
            description,
            canonical: format!("{}{}", config.base_url, path),
            root: "../".repeat(path.matches('/').count()),
            section: section.into(),
            paginator: None,
        }
    }

    /// Page `p` of a listing: the title says which page when there are several.
    pub fn paged(mut self, p: super::paginate::Paginator) -> Self {
        if p.number_pagers > 1 {
            self.title = format!(
                "{} (page {} of {})",
                self.title, p.current_index, p.number_pagers
            );
        }
        self.paginator = Some(p);
        self
    }
}

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary {
    pub slug: String,
    /// Folder relative to the site root: `articles/<slug>/`.
    pub url: String,
    pub title: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub outlet: Option<String>,
    pub byline: Option<String>,
    /// Standfirst or subtitle, from front matter.
    pub description: Option<String>,
    pub file: String,
    pub flags: usize,
    /// The most serious finding in words ("Re-dated copy, and 3 more"), for lists.
    pub finding: Option<String>,
}

impl ArticleSummary {
    pub fn new(a: &Article, flags: usize) -> Self {
        ArticleSummary {
            slug: a.slug.clone(),
            url: article_url(&a.slug),
            title: a.title.value.clone(),
            date: a
                .date
                .as_ref()
                .map(|d| d.value.format("%Y-%m-%d").to_string()),
            date_display: a
                .date
                .as_ref()
                .map(|d| d.value.format("%-d %B %Y").to_string()),
            outlet: a.outlet.as_ref().map(|f| f.value.clone()),
            byline: a.byline.as_ref().map(|f| f.value.clone()),
            description: a.description.clone(),
            file: a.file.clone(),
            flags,
            finding: None,
        }
    }
}

pub fn article_url(slug: &str) -> String {
    format!("articles/{slug}/")
}

/// One metadata row with its provenance, as shown on the article page.
#[derive(Debug, Clone, Serialize)]
pub struct MetaRow {
    pub label: String,
    pub value: String,
    pub source: String,
    pub raw: String,
    pub is_url: bool,
}

fn row<T: ToString>(label: &str, f: &Field<T>, is_url: bool) -> MetaRow {
    MetaRow {
        label: label.into(),
        value: f.value.to_string(),
        source: f.source.label(),
        raw: f.raw.clone(),
        is_url,
    }
}

pub fn meta_rows(a: &Article) -> Vec<MetaRow> {
    let mut rows = vec![row("Title", &a.title, false)];
    match &a.date {
        Some(d) => rows.push(row("Date", d, false)),
        None => rows.push(MetaRow {
            label: "Date".into(),
            value: "none found".into(),
            source: Provenance::Derived.label(),
            raw: String::new(),
            is_url: false,
        }),
    }
    for (label, f, url) in [
        ("Source", &a.source_url, true),
        ("Outlet", &a.outlet, false),
        ("Byline", &a.byline, false),
        ("Place", &a.place, false),
    ] {
        if let Some(f) = f {
            rows.push(row(label, f, url));
        }
    }
    rows
}

/// One line or paragraph of the article as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct BlockView {
    pub kind: BlockKind,
    /// Short label for non-body kinds ("caption", "link spam"), empty for body text.
    pub label: String,
    pub line: usize,
    /// Ready HTML (escaped text with claim links); never raw article text.
    pub html: String,
    pub reason: String,
    /// Flags whose evidence points at this line, shown as notes beside it.
    pub flags: Vec<crate::xref::Flag>,
}

pub fn kind_label(k: BlockKind) -> &'static str {
    match k {
        BlockKind::Body | BlockKind::Heading | BlockKind::ListItem => "",
        BlockKind::Metadata => "header",
        BlockKind::Caption => "caption",
        BlockKind::Boilerplate => "link spam / boilerplate",
        BlockKind::Footer => "footer",
    }
}
