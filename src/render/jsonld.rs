//! schema.org structured data as JSON-LD: `NewsArticle` for article pages, `WebSite` for the home
//! page, `WebPage` for the rest, and `ClaimReview` for fact-checkers' verdicts (Google's fact-check
//! markup: `claimReviewed`, `reviewRating` with `alternateName`, `url`; `itemReviewed` → `Claim`
//! with `appearance`, `firstAppearance`, `datePublished`, `author`).
//!
//! Builders return `serde_json::Value`; [`script`] turns one into a `<script>` element that cannot
//! be closed early by the data (`<` is written `\u003c`). Templates reach the builders through
//! the Tera filters registered by [`register_filters`].

use crate::config::Config;
use crate::content::{Check, Corpus};
use serde::Deserialize;
use serde_json::{Map, Value, json};

/// The site-wide values the builders need (a subset of `site.toml`).
#[derive(Debug, Clone, Deserialize)]
pub struct SiteInfo {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub base_url: String,
    pub language: String,
    pub publisher: String,
}

impl SiteInfo {
    pub fn new(c: &Config) -> Self {
        SiteInfo {
            title: c.title.clone(),
            description: c.description.clone(),
            base_url: c.base_url.clone(),
            language: c.language.clone(),
            publisher: c.publisher.clone(),
        }
    }

    /// The fact-checking organisation (`publisher` in `site.toml`).
    fn organization(&self) -> Value {
        json!({ "@type": "Organization", "name": self.publisher, "url": self.base_url })
    }
}

/// What a `NewsArticle` is made from.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ArticleInfo {
    /// Headline (the article's title).
    pub title: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub byline: Option<String>,
    /// Absolute URL of the article's page on this site.
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Where the article was originally published.
    #[serde(default)]
    pub source_url: Option<String>,
    /// Absolute URL of the earlier article this one republishes (from the cross-reference
    /// pass's `republished` flag); becomes `isBasedOn`.
    #[serde(default)]
    pub based_on: Option<String>,
}

/// `NewsArticle` for an article page.
pub fn news_article(site: &SiteInfo, a: &ArticleInfo) -> Value {
    let mut m = object(json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "url": a.url,
        "mainEntityOfPage": a.url,
        "inLanguage": site.language,
        "publisher": site.organization(),
    }));
    put(&mut m, "datePublished", a.date.clone());
    put(
        &mut m,
        "description",
        a.description.clone().filter(|d| !d.is_empty()),
    );
    let author = match (&a.byline, &a.outlet) {
        (Some(b), _) => Some(json!({ "@type": "Person", "name": b })),
        (None, Some(o)) => Some(json!({ "@type": "Organization", "name": o })),
        _ => None,
    };
    put(&mut m, "author", author);
    put(
        &mut m,
        "sourceOrganization",
        a.outlet
            .as_ref()
            .map(|o| json!({ "@type": "Organization", "name": o })),
    );
    put(&mut m, "sameAs", a.source_url.clone());
    put(&mut m, "isBasedOn", a.based_on.clone());
    Value::Object(m)
}

/// `WebSite` for the home page, with a `SearchAction` pointing at the search page.
pub fn website(site: &SiteInfo) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.title,
        "description": site.description,
        "url": site.base_url,
        "inLanguage": site.language,
        "publisher": site.organization(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": format!("{}search/?q={{search_term_string}}", site.base_url),
            },
            "query-input": "required name=search_term_string",
        },
    })
}

/// `WebPage` for any other page.
pub fn web_page(site: &SiteInfo, title: &str, description: &str, url: &str) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": title,
        "description": description,
        "url": url,
        "inLanguage": site.language,
        "isPartOf": { "@type": "WebSite", "name": site.title, "url": site.base_url },
    })
}

/// One place a reviewed claim appeared (an article of the corpus, or an outside URL).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Appearance {
    /// Absolute URL: the original source when known, else the article's page on this site.
    pub url: String,
    #[serde(default)]
    pub headline: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub byline: Option<String>,
}

/// The appearances of a claim in articles of the corpus (by slug, duplicates and unknown slugs
/// ignored), for [`claim_review`]: each article's original source URL when it has one, else its
/// page on this site.
pub fn article_appearances<'a>(
    config: &Config,
    corpus: &Corpus,
    slugs: impl IntoIterator<Item = &'a str>,
) -> Vec<Appearance> {
    let mut out: Vec<Appearance> = vec![];
    for slug in slugs {
        let Some(a) = corpus.articles.iter().find(|a| a.slug == slug) else {
            continue;
        };
        let url = match &a.source_url {
            Some(u) if u.value.starts_with("http") => u.value.clone(),
            _ => format!(
                "{}{}",
                config.base_url,
                super::context::article_url(&a.slug)
            ),
        };
        if out.iter().any(|x| x.url == url) {
            continue;
        }
        out.push(Appearance {
            url,
            headline: Some(a.title.value.clone()),
            date: a
                .date
                .as_ref()
                .map(|d| d.value.format("%Y-%m-%d").to_string()),
            outlet: a.outlet.as_ref().map(|f| f.value.clone()),
            byline: a.byline.as_ref().map(|f| f.value.clone()),
        });
    }
    out
}

/// The `reviewRating` for a rating label on the site's scale (`ratings` in `site.toml`, best
/// first): with n labels, the best is `n`, the worst `1`. A label not on the scale (compared
/// case-insensitively) gets only `alternateName`, which Google accepts.
pub fn rating(scale: &[String], label: &str) -> Value {
    let mut m = object(json!({ "@type": "Rating", "alternateName": label }));
    let pos = scale
        .iter()
        .position(|r| r.trim().eq_ignore_ascii_case(label.trim()));
    if let Some(i) = pos {
        m.insert("ratingValue".into(), json!(scale.len() - i));
        m.insert("bestRating".into(), json!(scale.len()));
        m.insert("worstRating".into(), json!(1));
    }
    Value::Object(m)
}

/// `ClaimReview` for a verdict. `url` is the absolute URL of the page that shows the verdict
/// (the page this markup goes on); `appearances` are the places the claim was found, in any order
/// (the earliest dated one becomes `firstAppearance` and gives the claim's date and author).
pub fn claim_review(
    config: &Config,
    check: &Check,
    url: &str,
    appearances: &[Appearance],
) -> Value {
    let site = SiteInfo::new(config);
    let mut m = object(json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": check.claim,
        "reviewRating": rating(&config.ratings, &check.rating),
        "author": site.organization(),
        "inLanguage": site.language,
    }));
    put(
        &mut m,
        "datePublished",
        check.reviewed.map(|d| d.format("%Y-%m-%d").to_string()),
    );
    m.insert("itemReviewed".into(), claim(appearances));
    Value::Object(m)
}

/// The `Claim` reviewed: every appearance, the first one, its date and author.
fn claim(appearances: &[Appearance]) -> Value {
    let mut sorted: Vec<&Appearance> = appearances.iter().collect();
    // Dated first, oldest first; then by URL so the order never depends on the input order.
    sorted.sort_by(|a, b| {
        b.date
            .is_some()
            .cmp(&a.date.is_some())
            .then(a.date.cmp(&b.date))
            .then(a.url.cmp(&b.url))
    });
    sorted.dedup_by(|a, b| a.url == b.url);
    let mut m = object(json!({ "@type": "Claim" }));
    if let Some(first) = sorted.first() {
        let work = |a: &Appearance| {
            let mut w = object(json!({ "@type": "CreativeWork", "url": a.url }));
            put(&mut w, "headline", a.headline.clone());
            put(&mut w, "datePublished", a.date.clone());
            Value::Object(w)
        };
        m.insert(
            "appearance".into(),
            Value::Array(sorted.iter().map(|a| work(a)).collect()),
        );
        m.insert("firstAppearance".into(), work(first));
        put(&mut m, "datePublished", first.date.clone());
        let author = match (&first.outlet, &first.byline) {
            (Some(o), _) => Some(json!({ "@type": "Organization", "name": o })),
            (None, Some(b)) => Some(json!({ "@type": "Person", "name": b })),
            _ => None,
        };
        put(&mut m, "author", author);
    }
    Value::Object(m)
}

/// A `<script type="application/ld+json">` element holding `value`. `<`, `>` and `&` are written
/// as JSON escapes so no string in the data can end the script; the result is still valid JSON.
pub fn script(value: &Value) -> String {
    format!(
        "<script type=\"application/ld+json\">{}</script>",
        script_safe_json(value)
    )
}

/// Compact JSON that is safe inside a `<script>` element.
pub fn script_safe_json(value: &Value) -> String {
    markup_safe_json(&serde_json::to_string(value).unwrap_or_else(|_| "null".into()))
}

/// JSON text with `<`, `>`, `&` (and the JavaScript line separators) written as `\u` escapes:
/// the same data, but no article's `<script>` survives as markup should a file be served or
/// embedded as HTML (defence in depth for every JSON file of the site).
pub fn markup_safe_json(raw: &str) -> String {
    if !raw.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len() + 16);
    for c in raw.chars() {
        // These characters only occur inside JSON strings, where the escape means the same.
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn put(m: &mut Map<String, Value>, key: &str, v: Option<impl Into<Value>>) {
    if let Some(v) = v {
        m.insert(key.into(), v.into());
    }
}

/// Drops `null` members recursively (templates pass `none` for absent optional values).
fn prune_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, prune_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(prune_nulls).collect()),
        v => v,
    }
}

// ---------------------------------------------------------------------------------------------
// Tera filters: how templates get the markup.

/// Registers the filters templates use to emit JSON-LD (each returns a safe `<script>` element):
///
/// - `{{ value | jsonld }}`: any value (e.g. a map literal, or a `serde_json::Value` the page
///   context carries, such as a [`claim_review`]); `null` members are dropped.
/// - `{{ article | news_article_jsonld(site=site, page=page, source_url=source_url, flags=flags) }}`:
///   `isBasedOn` is the article a `republished` flag in `flags` names (or pass
///   `based_on="https://…"` directly).
/// - `{{ site | website_jsonld }}`.
/// - `{{ page | webpage_jsonld(site=site) }}`.
pub fn register_filters(tera: &mut tera::Tera) {
    tera.register_filter(
        "jsonld",
        |v: tera::Value, _: tera::Kwargs, _: &tera::State| {
            let json = serde_json::to_value(&v).map_err(tera::Error::message)?;
            Ok::<_, tera::Error>(safe(&prune_nulls(json)))
        },
    );
    tera.register_filter(
        "news_article_jsonld",
        |v: tera::Value, kw: tera::Kwargs, _: &tera::State| {
            let mut a: ArticleInfo = from_tera(v)?;
            let site: SiteInfo = kwarg(&kw, "site")?;
            let page: PageInfo = kwarg(&kw, "page")?;
            a.url = page.canonical;
            a.description = Some(page.description);
            a.source_url = kw
                .get::<tera::Value>("source_url")?
                .and_then(|v| v.as_str().map(String::from));
            a.based_on = kw
                .get::<tera::Value>("based_on")?
                .and_then(|v| v.as_str().map(String::from));
            if a.based_on.is_none()
                && let Some(flags) = kw.get::<tera::Value>("flags")?
            {
                a.based_on = republished_from(&site, from_tera(flags)?);
            }
            Ok::<_, tera::Error>(safe(&news_article(&site, &a)))
        },
    );
    tera.register_filter(
        "website_jsonld",
        |v: tera::Value, _: tera::Kwargs, _: &tera::State| {
            let site: SiteInfo = from_tera(v)?;
            Ok::<_, tera::Error>(safe(&website(&site)))
        },
    );
    tera.register_filter(
        "webpage_jsonld",
        |v: tera::Value, kw: tera::Kwargs, _: &tera::State| {
            let page: PageInfo = from_tera(v)?;
            let site: SiteInfo = kwarg(&kw, "site")?;
            Ok::<_, tera::Error>(safe(&web_page(
                &site,
                &page.title,
                &page.description,
                &page.canonical,
            )))
        },
    );
}

/// The fields of a cross-reference flag the `news_article_jsonld` filter reads.
#[derive(Deserialize)]
struct FlagInfo {
    kind: String,
    #[serde(default)]
    related: Vec<String>,
}

/// The page of the article a `republished` flag says this one copies: `isBasedOn`.
fn republished_from(site: &SiteInfo, flags: Vec<FlagInfo>) -> Option<String> {
    let f = flags
        .into_iter()
        .find(|f| f.kind == "republished" && !f.related.is_empty())?;
    Some(format!(
        "{}{}",
        site.base_url,
        super::context::article_url(&f.related[0])
    ))
}

/// The fields of `PageCtx` the filters read.
#[derive(Deserialize)]
struct PageInfo {
    title: String,
    description: String,
    canonical: String,
}

fn safe(v: &Value) -> tera::Value {
    tera::Value::safe_string(&script(v))
}

fn from_tera<T: serde::de::DeserializeOwned>(v: tera::Value) -> tera::TeraResult<T> {
    T::deserialize(v).map_err(tera::Error::message)
}

fn kwarg<T: serde::de::DeserializeOwned>(kw: &tera::Kwargs, name: &str) -> tera::TeraResult<T> {
    from_tera(kw.must_get::<tera::Value>(name)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_cannot_be_closed_by_data() {
        let v = json!({ "headline": "</script><script>alert(1)</script> & more" });
        let s = script(&v);
        assert_eq!(s.matches("</script>").count(), 1, "{s}");
        let inner = s
            .trim_start_matches("<script type=\"application/ld+json\">")
            .trim_end_matches("</script>");
        let back: Value = serde_json::from_str(inner).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn rating_on_and_off_the_scale() {
        let scale: Vec<String> = ["True", "Misleading", "False"].map(String::from).to_vec();
        let r = rating(&scale, "false");
        assert_eq!(r["ratingValue"], 1);
        assert_eq!(r["bestRating"], 3);
        assert_eq!(r["worstRating"], 1);
        assert_eq!(r["alternateName"], "false");
        assert_eq!(rating(&scale, "True")["ratingValue"], 3);
        let off = rating(&scale, "Pants on fire");
        assert!(off.get("ratingValue").is_none());
        assert_eq!(off["alternateName"], "Pants on fire");
    }

    #[test]
    fn claim_review_has_googles_fields() {
        let config = Config::default();
        let check = Check {
            slug: "c".into(),
            file: "checks/c.md".into(),
            claim: "Japan gave $600 million".into(),
            rating: "Mostly true".into(),
            rating_line: 1,
            reviewed: chrono::NaiveDate::from_ymd_opt(2024, 1, 2),
            sources: vec![],
            author: None,
            markdown: String::new(),
            body_line: 1,
        };
        let later = Appearance {
            url: "https://b.example/2".into(),
            date: Some("2023-02-03".into()),
            ..Default::default()
        };
        let first = Appearance {
            url: "https://a.example/1".into(),
            date: Some("2022-05-15".into()),
            outlet: Some("Outlet A".into()),
            ..Default::default()
        };
        let v = claim_review(
            &config,
            &check,
            "https://s.example/checks/c/",
            &[later, first],
        );
        assert_eq!(v["@type"], "ClaimReview");
        assert_eq!(v["claimReviewed"], "Japan gave $600 million");
        assert_eq!(v["url"], "https://s.example/checks/c/");
        assert_eq!(v["datePublished"], "2024-01-02");
        assert_eq!(v["reviewRating"]["ratingValue"], 4);
        assert_eq!(v["reviewRating"]["alternateName"], "Mostly true");
        assert_eq!(v["author"]["@type"], "Organization");
        let claim = &v["itemReviewed"];
        assert_eq!(claim["@type"], "Claim");
        assert_eq!(claim["firstAppearance"]["url"], "https://a.example/1");
        assert_eq!(claim["datePublished"], "2022-05-15");
        assert_eq!(claim["author"]["name"], "Outlet A");
        assert_eq!(claim["appearance"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn news_article_optional_fields() {
        let site = SiteInfo::new(&Config::default());
        let a = ArticleInfo {
            title: "T".into(),
            url: "https://s/a/".into(),
            based_on: Some("https://s/b/".into()),
            ..Default::default()
        };
        let v = news_article(&site, &a);
        assert_eq!(v["isBasedOn"], "https://s/b/");
        assert!(v.get("datePublished").is_none());
        assert!(v.get("author").is_none());
        assert_eq!(v["publisher"]["name"], "factsite");
    }
}
