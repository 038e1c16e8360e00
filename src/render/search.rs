//! Client-side search, built at build time: `search-index.json` (one document per article, claim
//! cluster and entity; see `publish.rs`) and the `search/` page, which
//! lists every document so it is useful with JavaScript off and which `static/search.js` filters
//! when it is on. No external service.
//!
//! `search-index.json` schema (version 1):
//! `{ "version": 1, "docs": [ { "kind": "article"|"claim"|"entity", "title", "url", "meta",
//! "date", "text" } ] }`, where `url` is relative to the site root (`articles/x/`), `meta` a short
//! line shown under the title, `date` `YYYY-MM-DD` or null, and `text` the searchable text
//! (shortened to [`TEXT_LIMIT`] characters).

use super::OutFile;
use super::context::article_url;
use super::text::escape;
use crate::content::Corpus;
use crate::error::{Error, Result};
use serde::Serialize;

/// Longest `text` kept per document: keeps the index small for large corpora (titles and the
/// start of each article find most things).
pub const TEXT_LIMIT: usize = 2000;

/// Where the search page lives, relative to the site root.
pub const SEARCH_PATH: &str = "search/";

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchDoc {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub meta: String,
    pub date: Option<String>,
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
            version: 1,
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

    /// An article's search entry; its text is the body up to [`TEXT_LIMIT`] characters (blocks past
    /// the limit are not joined only to be cut off by [`Self::add`]).
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
        let mut chars = 0;
        for (i, b) in a.body().enumerate() {
            if chars > TEXT_LIMIT {
                break;
            }
            if i > 0 {
                text.push(' ');
                chars += 1;
            }
            // Markdown blocks are indexed as their words: never a tag the article carried.
            let words = match a.format {
                crate::content::Format::Markdown => {
                    std::borrow::Cow::Owned(super::markdown::plain_text(&b.text))
                }
                _ => std::borrow::Cow::Borrowed(b.text.as_str()),
            };
            text.push_str(&words);
            chars += words.chars().count();
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

    /// Adds a document; `text` is shortened to [`TEXT_LIMIT`] characters.
    pub fn add(&mut self, mut doc: SearchDoc) {
        if let Some((end, _)) = doc.text.char_indices().nth(TEXT_LIMIT) {
            doc.text.truncate(end);
        }

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

    /// `search-index.json` (compact: it is downloaded by every visitor who searches).
    pub fn to_file(&self) -> Result<OutFile> {
        let s = serde_json::to_string(self)
            .map_err(|e| Error::Output(format!("search-index.json: {e}")))?;
        let mut s = super::jsonld::markup_safe_json(&s);
        s.push('\n');
        Ok(OutFile::new("search-index.json", s))
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

    pub fn page_html(&self, root: &str) -> String {
        let mut h = String::new();
        h.push_str(
            "<p id=\"search-page-status\">Type in the search box above to filter this list.</p>\n\
             <noscript><p>Searching needs JavaScript. Everything that can be searched is listed \
             below: use your browser’s find command.</p></noscript>\n\
             <ol id=\"search-page-results\" class=\"search-list\">\n",
        );
        for d in &self.docs {
            h.push_str(&format!(
                "<li><a href=\"{}{}\">{}</a> <span class=\"search-meta\">{}{}</span></li>\n",
                escape(root),
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
        let html = i.page_html("../");
        assert!(html.contains("href=\"../claims/c1/\""));
        let json = i.to_file().unwrap().text().into_owned();
        assert!(json.starts_with("{\"version\":1,\"docs\":[{\"kind\":\"claim\""));
    }

    #[test]
    fn long_text_is_shortened() {
        let mut i = SearchIndex::new();
        i.add_claim(&"x".repeat(5000), "c/", "");
        assert_eq!(i.docs()[0].text.chars().count(), TEXT_LIMIT);
        // Counted in characters, not bytes; exactly the limit is kept whole.
        i.add_claim(&"é".repeat(TEXT_LIMIT + 1), "d/", "");
        assert_eq!(i.docs()[1].text, "é".repeat(TEXT_LIMIT));
        i.add_claim(&"ü".repeat(TEXT_LIMIT), "e/", "");
        assert_eq!(i.docs()[2].text, "ü".repeat(TEXT_LIMIT));
    }

    /// An article's text is its body blocks joined by spaces and cut at the limit, also when the
    /// limit falls inside a block, on a separator or exactly at a block's end.
    #[test]
    fn article_text_is_the_joined_body_cut_at_the_limit() {
        for first in [10, 1999, 2000, 2001] {
            let paras = ["é".repeat(first), "b".repeat(500), "c".repeat(3000)];
            let text = format!("---\ntitle: T\n---\n{}\n", paras.join("\n\n"));
            let a = crate::content::markdown_article::ingest(&text, "a.md", String::new())
                .unwrap()
                .unwrap();
            let doc = SearchIndex::with_articles(&crate::content::Corpus {
                articles: vec![a.into()],
                ..Default::default()
            })
            .docs()[0]
                .text
                .clone();
            let whole: String = paras.join(" ").chars().take(TEXT_LIMIT).collect();
            assert_eq!(doc, whole, "first block of {first} characters");
        }
    }
}
