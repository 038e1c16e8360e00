//! Machine-readable data: `data/articles.json`, one object per article in file order. The schema
//! is documented in docs/data-files.md.

use super::OutFile;
use super::context::article_url;
use super::memo::{self, Round};
use crate::config::Config;
use crate::content::{Corpus, Field};
use crate::error::{Error, Result};
use crate::xref::EntityKind;
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
    memo: Option<&Round>,
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
    // Each file is keyed by what it is made from, so an unchanged one is not serialised again.
    let entity_names: Vec<(&str, &str, EntityKind)> = xref
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str(), e.kind))
        .collect();
    Ok(vec![
        memo::file(memo, "data/articles.json", &articles, || {
            json_file("data/articles.json", &articles)
        })?,
        memo::file(
            memo,
            "data/claims.json",
            &(&xref.clusters, &xref.links, &entity_names),
            || json_file("data/claims.json", &xref.claims_json()),
        )?,
        memo::file(memo, "data/flags.json", &xref.flags, || {
            json_file("data/flags.json", &xref.flags_json())
        })?,
    ])
}

/// Pretty JSON with a trailing newline.
pub fn json_file<T: Serialize + ?Sized>(path: &str, value: &T) -> Result<OutFile> {
    let s =
        serde_json::to_string_pretty(value).map_err(|e| Error::Output(format!("{path}: {e}")))?;
    let mut s = super::jsonld::markup_safe_json(&s);
    s.push('\n');
    Ok(OutFile::new(path, s))
}
