//! The banner at the top of an article that republishes another, and of the article it copies:
//! the finding in plain words, naming the other article by title, outlet and date, with a link
//! ("A copy of “Biden passes the hat…” (msn.com, 15 May 2022), re-dated 3 February 2023: 71% of
//! its text comes from it, reordered."). Made from the `republished` and `dateline_anachronism`
//! flags; the home page shows the same words for the article's most serious finding.

use super::context::{ArticleSummary, article_url};
use crate::content::{Article, Corpus};
use crate::xref::{Flag, FlagKind, Reuse};
use serde::Serialize;

/// The other article a banner names.
#[derive(Debug, Clone, Serialize)]
pub struct OtherArticle {
    pub title: String,
    /// Relative to the site root.
    pub url: String,
    /// "msn.com, 15 May 2022" (what is known of outlet and date).
    pub source: String,
}

/// One banner line: `lead`, the other article as a link, then `tail`.
#[derive(Debug, Clone, Serialize)]
pub struct CopyNote {
    /// `error` (re-dated copy), `warning` (copy) or `info` (this article was copied).
    pub severity: &'static str,
    pub lead: String,
    pub other: OtherArticle,
    pub tail: String,
}

/// The banners of article `a`: what it copies (from its own flags), then who copies it (from
/// the `republished` flags of other articles naming it).
pub fn notes(
    corpus: &Corpus,
    reuse: &[Reuse],
    a: &Article,
    own: &[&Flag],
    copied_by: &[&Flag],
) -> Vec<CopyNote> {
    let mut out = Vec::new();
    let redated = own.iter().any(|f| f.kind == FlagKind::DatelineAnachronism);
    for f in own.iter().filter(|f| f.kind == FlagKind::Republished) {
        let Some(orig) = f.related.first().and_then(|s| find(corpus, s)) else {
            continue;
        };
        let pair = reuse
            .iter()
            .find(|r| r.later == a.slug && r.earlier == orig.slug);
        out.push(copy_of(a, orig, f.share, pair, redated));
    }
    for f in copied_by {
        let Some(copy) = find(corpus, &f.article) else {
            continue;
        };
        let pair = reuse
            .iter()
            .find(|r| r.later == copy.slug && r.earlier == a.slug);
        let share = pct(f.share.unwrap_or(0.0));
        let order = if pair.is_some_and(|p| !p.order_kept) {
            ", reordered"
        } else {
            ""
        };
        out.push(CopyNote {
            severity: "info",
            lead: "Copied by".into(),
            other: other(copy),
            tail: format!(": {share}% of that article's text comes from this one{order}."),
        });
    }
    out
}

fn copy_of(
    a: &Article,
    orig: &Article,
    share: Option<f64>,
    pair: Option<&Reuse>,
    redated: bool,
) -> CopyNote {
    let dated = match (date(a), later_than(a, orig)) {
        (Some(d), true) => format!(", re-dated {d}"),
        _ => String::new(),
    };
    let order = if pair.is_some_and(|p| !p.order_kept) {
        ", reordered"
    } else {
        ""
    };
    let events = match (redated, orig.date.as_ref()) {
        (true, Some(d)) => format!(
            " It describes events of {}, not of its own dateline.",
            d.value.format("%B %Y")
        ),
        _ => String::new(),
    };
    CopyNote {
        severity: if redated { "error" } else { "warning" },
        lead: "A copy of".into(),
        other: other(orig),
        tail: format!(
            "{dated}: {}% of this article's text comes from it{order}.{events}",
            pct(share.unwrap_or(0.0))
        ),
    }
}

fn find<'c>(corpus: &'c Corpus, slug: &str) -> Option<&'c Article> {
    corpus
        .articles
        .iter()
        .find(|x| x.slug == slug)
        .map(|x| x.as_ref())
}

fn other(a: &Article) -> OtherArticle {
    let s = ArticleSummary::new(a, 0);
    let source: Vec<String> = [s.outlet, s.date_display].into_iter().flatten().collect();
    OtherArticle {
        title: s.title,
        url: article_url(&a.slug),
        source: source.join(", "),
    }
}

fn date(a: &Article) -> Option<String> {
    a.date
        .as_ref()
        .map(|d| d.value.format("%-d %B %Y").to_string())
}

fn later_than(a: &Article, b: &Article) -> bool {
    matches!((&a.date, &b.date), (Some(x), Some(y)) if x.value > y.value)
}

fn pct(share: f64) -> u32 {
    (share * 100.0).round().clamp(0.0, 100.0) as u32
}
