//! Date windows for undated articles: no earlier than the latest explicit date the text mentions,
//! and near the dates of the articles it shares claims with.

use super::corpus::Work;
use super::model::{DateKind, DateWindow};
use chrono::{Days, NaiveDate};
use std::collections::BTreeSet;

/// The window article `ai` was probably published in, with its basis in words.
pub fn infer(w: &Work, ai: usize, related: &BTreeSet<usize>) -> DateWindow {
    let latest: Option<(NaiveDate, String)> = w.claims[ai]
        .iter()
        .flat_map(|c| c.dates.iter())
        .filter(|d| d.kind == DateKind::Explicit && d.start == d.end)
        .map(|d| (d.start, d.text.clone()))
        .max();
    let rel: Vec<(NaiveDate, &str)> = related
        .iter()
        .filter_map(|&r| w.date(r).map(|d| (d, w.corpus.articles[r].slug.as_str())))
        .collect();
    let mut basis = Vec::new();
    let mut start = None;
    let mut end = None;
    if let Some((d, t)) = &latest {
        start = Some(*d);
        basis.push(format!(
            "the text mentions {t}, so it is no earlier than {d}"
        ));
    }
    if let (Some(lo), Some(hi)) = (rel.iter().min(), rel.iter().max()) {
        let lo_d = lo.0.checked_sub_days(Days::new(7)).unwrap_or(lo.0);
        let hi_d = hi.0.checked_add_days(Days::new(30)).unwrap_or(hi.0);
        start = Some(start.map_or(lo_d, |s: NaiveDate| s.max(lo_d)));
        end = Some(hi_d);
        basis.push(format!(
            "it shares claims with {} dated article(s) from {} to {}",
            rel.len(),
            lo.0,
            hi.0
        ));
    }
    if let (Some(s), Some(e)) = (start, end)
        && s > e
    {
        end = Some(s);
    }
    if basis.is_empty() {
        basis.push("no explicit dates or matched articles to infer a window from".into());
    }
    DateWindow {
        start,
        end,
        basis: basis.join("; "),
    }
}
