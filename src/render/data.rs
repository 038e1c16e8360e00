//! Machine-readable data: `data/articles.json`, one object per article in file order. The schema
//! is documented in README.md ("Data files").

use super::OutFile;
use super::context::article_url;
use crate::config::Config;
use crate::content::{Corpus, Field};
use crate::error::{Error, Result};
use serde::Serialize;

#[derive(Serialize)]
struct ArticleJson<'a> {
    id: &'a str,
    slug: &'a str,
    url: String,
    title: &'a str,
    title_source: String,
    date: Option<String>,
    date_source: Option<String>,
    date_raw: Option<&'a str>,
    source_url: Option<&'a str>,
    outlet: Option<&'a str>,
    byline: Option<&'a str>,
    place: Option<&'a str>,
    file: &'a str,
    format: crate::content::Format,
    tags: &'a [String],
    hash: &'a str,
}

fn value(f: &Option<Field<String>>) -> Option<&str> {
    f.as_ref().map(|f| f.value.as_str())
}

pub fn files(
    config: &Config,
    corpus: &Corpus,
    xref: &crate::xref::CrossRef,
) -> Result<Vec<OutFile>> {
    let articles: Vec<ArticleJson> = corpus
        .articles
        .iter()
        .map(|a| ArticleJson {
            id: &a.slug,
            slug: &a.slug,
            url: format!("{}{}", config.base_url, article_url(&a.slug)),
            title: &a.title.value,
            title_source: a.title.source.label(),
            date: a
                .date
                .as_ref()
                .map(|d| d.value.format("%Y-%m-%d").to_string()),
            date_source: a.date.as_ref().map(|d| d.source.label()),
            date_raw: a.date.as_ref().map(|d| d.raw.as_str()),
            source_url: value(&a.source_url),
            outlet: value(&a.outlet),
            byline: value(&a.byline),
            place: value(&a.place),
            file: &a.file,
            format: a.format,
            tags: &a.tags,
            hash: &a.hash,
        })
        .collect();
    Ok(vec![
        json_file("data/articles.json", &articles)?,
        json_file("data/claims.json", &xref.claims_json())?,
        json_file("data/flags.json", &xref.flags_json())?,
    ])
}

/// Pretty JSON with a trailing newline.
pub fn json_file<T: Serialize + ?Sized>(path: &str, value: &T) -> Result<OutFile> {
    let mut s =
        serde_json::to_string_pretty(value).map_err(|e| Error::Output(format!("{path}: {e}")))?;
    s.push('\n');
    Ok(OutFile::new(path, s))
}
