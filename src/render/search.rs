//! Client-side search, built at build time: `search-index.json` (the list of documents: one per
//! article, claim cluster and entity; see `publish.rs`), the full-text term files
//! (`search/terms/*.json`, see [`super::search_terms`]) and the `search/` page, which lists every
//! document so it is useful with JavaScript off and which `static/search.js` filters when it is
//! on. No external service.
//!
//! `search-index.json` schema (version 2):
//! `{ "version": 2, "docs": [ { "kind": "article"|"claim"|"entity", "title", "url", "meta",
//! "date" } ] }`, where `url` is relative to the site root (`articles/x/`), `meta` a short line
//! shown under the title and `date` `YYYY-MM-DD` or null. The text is searched through the term
//! files, which index every word of it.

use super::OutFile;
use super::context::article_url;
use super::text::escape;
use crate::content::Corpus;
use crate::error::{Error, Result};
use serde::Serialize;

/// Where the search page lives, relative to the site root.
pub const SEARCH_PATH: &str = "search/";

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchDoc {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub meta: String,
    pub date: Option<String>,
    /// Every word of it is indexed (in the term files, not in `search-index.json`).
    #[serde(skip)]
    pub text: String,
}

impl SearchDoc {
    /// A claim cluster's entry: its text as the title, `text` searchable (e.g. every wording).
    pub fn claim(title: &str, text: String, url: String, meta: String) -> SearchDoc {
        SearchDoc {
            kind: "claim",
            title: super::text::shorten(title, 160),
            url,
            meta,
            date: None,
            text,
        }
    }

    /// An entity's entry: its name, other spellings (searchable) and page URL.
    pub fn entity(name: &str, variants: &[String], url: String) -> SearchDoc {
        SearchDoc {
            kind: "entity",
            title: name.into(),
            url,
            meta: variants.join(", "),
            date: None,
            text: variants.join(" "),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchIndex {
    version: u32,
    docs: Vec<SearchDoc>,
}

impl SearchIndex {
    pub fn new() -> Self {
        SearchIndex {
            version: 2,
            docs: vec![],
        }
    }

    /// Every article of the corpus, in the corpus's (file) order.
    pub fn with_articles(corpus: &Corpus) -> Self {
        use rayon::prelude::*;
        let docs: Vec<SearchDoc> = (corpus.articles.par_iter())
            .map(|a| Self::article_doc(a))
            .collect();
        let mut index = SearchIndex::new();
        for doc in docs {
            index.add(doc);
        }
        index
    }

    /// An article's search entry: its whole body is indexed.
    fn article_doc(a: &crate::content::Article) -> SearchDoc {
        let date = a
            .date
            .as_ref()
            .map(|d| d.value.format("%Y-%m-%d").to_string());
        let meta = [date.clone(), a.outlet.as_ref().map(|o| o.value.clone())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let mut text = String::new();
        for b in a.body() {
            // Markdown blocks are indexed as their words: never a tag the article carried.
            let words = match a.format {
                crate::content::Format::Markdown => {
                    std::borrow::Cow::Owned(super::markdown::plain_text(&b.text))
                }
                _ => std::borrow::Cow::Borrowed(b.text.as_str()),
            };
            text.push_str(&words);
            text.push(' ');
        }
        SearchDoc {
            kind: "article",
            title: a.title.value.clone(),
            url: article_url(&a.slug),
            meta,
            date,
            text,
        }
    }

    /// Adds a document.
    pub fn add(&mut self, doc: SearchDoc) {
        self.docs.push(doc);
    }

    /// A claim cluster: its text, page URL (relative to the root) and e.g. "in 3 articles".
    pub fn add_claim(&mut self, text: &str, url: &str, meta: &str) {
        self.add_claim_with_text(text, text, url, meta);
    }

    /// A claim cluster whose searchable text (e.g. every wording) differs from its title.
    pub fn add_claim_with_text(&mut self, title: &str, text: &str, url: &str, meta: &str) {
        self.add(SearchDoc::claim(
            title,
            text.into(),
            url.into(),
            meta.into(),
        ));
    }

    /// An entity page: its name, other spellings (searchable) and page URL.
    pub fn add_entity(&mut self, name: &str, variants: &[String], url: &str) {
        self.add(SearchDoc::entity(name, variants, url.into()));
    }

    pub fn docs(&self) -> &[SearchDoc] {
        &self.docs
    }

    /// `search-index.json` (compact: it is downloaded by every visitor who searches), then the
    /// term files.
    pub fn to_files(&self) -> Result<Vec<OutFile>> {
        let s = serde_json::to_string(self)
            .map_err(|e| Error::Output(format!("search-index.json: {e}")))?;
        let mut s = super::jsonld::markup_safe_json(&s);
        s.push('\n');
        let mut files = vec![OutFile::new("search-index.json", s)];
        files.extend(super::search_terms::doc_chunks(&self.docs));
        files.extend(super::search_terms::term_files(&self.docs));
        Ok(files)
    }

    /// The body of the search page: every document as a link, grouped by kind in index order.
    /// `root` is the relative prefix from the search page to the site root.
    /// What [`Self::page_html`] shows of each document: kind, title, URL and meta (not the text).
    pub fn listed(&self) -> Vec<[&str; 4]> {
        self.docs
            .iter()
            .map(|d| [d.kind, d.title.as_str(), d.url.as_str(), d.meta.as_str()])
            .collect()
    }

    /// The search page's list: every document when there are at most `per_page` (the page then
    /// works without JavaScript, with the browser's find), none on a larger site, where the
    /// script shows results `per_page` at a time and the page points to the listings instead.
    pub fn page_html(&self, root: &str, per_page: usize) -> String {
        let mut h = String::new();
        let root = escape(root);
        if self.docs.len() > per_page {
            h.push_str(&format!(
                "<p id=\"search-page-status\">Type in the search box above: {} articles, claims and entities can be searched.</p>\n\
                 <noscript><p>Searching needs JavaScript. Without it, browse the <a href=\"{root}\">articles</a>, \
                 <a href=\"{root}claims/\">claims</a>, <a href=\"{root}entities/\">entities</a> and \
                 <a href=\"{root}timeline/\">timeline</a>.</p></noscript>\n\
                 <ol id=\"search-page-results\" class=\"search-list\" data-per-page=\"{per_page}\"></ol>\n",
                self.docs.len()
            ));
            return h;
        }
        h.push_str(&format!(
            "<p id=\"search-page-status\">Type in the search box above to filter this list.</p>\n\
             <noscript><p>Searching needs JavaScript. Everything that can be searched is listed \
             below: use your browser’s find command.</p></noscript>\n\
             <ol id=\"search-page-results\" class=\"search-list\" data-per-page=\"{per_page}\">\n"
        ));
        for d in &self.docs {
            h.push_str(&format!(
                "<li><a href=\"{}{}\">{}</a> <span class=\"search-meta\">{}{}</span></li>\n",
                root,
                escape(&d.url),
                escape(&d.title),
                d.kind,
                if d.meta.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", escape(&d.meta))
                },
            ));
        }
        h.push_str("</ol>\n");
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_and_entities_can_be_added() {
        let mut i = SearchIndex::new();
        i.add_claim("Japan pledged $600 million", "claims/c1/", "2 articles");
        i.add_entity(
            "Volodymyr Zelensky",
            &["Zelenskyy".into()],
            "entities/zelensky/",
        );
        assert_eq!(i.docs().len(), 2);
        let html = i.page_html("../", 50);
        assert!(html.contains("href=\"../claims/c1/\""));
        let big = i.page_html("../", 1);
        assert!(
            !big.contains("claims/c1/") && big.contains("data-per-page=\"1\""),
            "{big}"
        );
        let files = i.to_files().unwrap();
        let json = files[0].text().into_owned();
        assert!(
            json.starts_with("{\"version\":2,\"docs\":[{\"kind\":\"claim\""),
            "{json}"
        );
        assert!(!json.contains("\"text\""), "the text is in the term files");
        assert!(files.iter().any(|f| f.path == "search/terms/ze.json"));
    }

    /// An article's text is its whole body, past any length.
    #[test]
    fn article_text_is_the_whole_body() {
        let paras = [
            "é".repeat(2500),
            "b".repeat(500),
            "Zelenskyy spoke".to_string(),
        ];
        let text = format!("---\ntitle: T\n---\n{}\n", paras.join("\n\n"));
        let a = crate::content::markdown_article::ingest(&text, "a.md", String::new())
            .unwrap()
            .unwrap();
        let index = SearchIndex::with_articles(&crate::content::Corpus {
            articles: vec![a.into()],
            ..Default::default()
        });
        assert!(index.docs()[0].text.contains("Zelenskyy spoke"));
    }
}
