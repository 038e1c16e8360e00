//! Flags about copies: `republished` (most of the later article's body matches an earlier one)
//! and `dateline_anachronism` (the dateline is much later than the events the text presents as
//! current — because it copies an older article (its old captions then cited beside the copy),
//! or because it carries old explicit dates next to "this week"-style words).

use super::corpus::Work;
use super::flags::{Draft, old_dates};
use super::model::DateKind;
use super::model::{FlagKind, Severity};
use super::reuse::ReuseInfo;
use crate::content::BlockKind;

/// Share of the later body above which it is a republished copy.
pub const REPUBLISHED_SHARE: f64 = 0.5;
/// Fewest matched sentences for a copy (a two-sentence bulletin can be one).
pub const MIN_SENTENCES: usize = 2;
/// Days between datelines beyond which copied "current" text is an anachronism.
pub const STALE_DAYS: i64 = 30;

/// `republished` flags from reuse pairs.
pub fn republished(w: &Work, reuse: &[ReuseInfo], out: &mut Vec<Draft>) {
    // A correction re-sends its original on purpose: it gets a `correction` flag instead.
    let corrected = super::corrections::pairs(w);
    let is_correction = |r: &ReuseInfo| {
        corrected.get(&r.later) == Some(&r.earlier) || corrected.get(&r.earlier) == Some(&r.later)
    };
    for r in reuse.iter().filter(|r| is_copy(r) && !is_correction(r)) {
        let e = &w.corpus.articles[r.earlier];
        let when = e
            .date
            .as_ref()
            .map_or("undated".to_string(), |d| d.value.to_string());
        let order = if r.reuse.order_kept {
            ", same order"
        } else {
            ", reordered"
        };
        let (pct, n) = (r.reuse.share * 100.0, r.links.len());
        let msg = if r.same_story && !copied(r) {
            let first = if r.reuse.direction.starts_with("unknown") {
                format!("; which came first is {}", r.reuse.direction)
            } else {
                String::new()
            };
            format!(
                "another version of {} ({when}): the same article number in its URL, {n} of its sentences kept{order}{first}",
                e.file
            )
        } else if r.earlier_share > r.reuse.share && r.reuse.direction.starts_with("unknown") {
            format!(
                "{:.0}% of the text of {} ({when}) is in this article ({n} sentences{order}), which has more; which is the copy is {}",
                r.earlier_share * 100.0,
                e.file,
                r.reuse.direction
            )
        } else if r.earlier_share > r.reuse.share {
            format!(
                "re-sends {} ({when}) with more: {:.0}% of its text is here ({n} sentences{order}); direction from {}",
                e.file,
                r.earlier_share * 100.0,
                r.reuse.direction
            )
        } else if r.reuse.direction.starts_with("unknown") {
            format!(
                "{pct:.0}% of this article's text ({n} sentences{order}) is also in {} ({when}); which is the copy is {}",
                e.file, r.reuse.direction
            )
        } else {
            format!(
                "{pct:.0}% of this article's text ({n} sentences{order}) comes from {} ({when}); direction from {}",
                e.file, r.reuse.direction
            )
        };
        let mut d = Draft::new(FlagKind::Republished, Severity::Warning, r.later, msg);
        d.share = Some(r.reuse.share);
        d.related.insert(r.earlier);
        for &(l, er) in r.links.iter().take(3) {
            d.cite_claim(w, l);
            d.cite_claim(w, er);
        }
        out.push(d);
    }
}

/// Share of the earlier body a copy must carry (a copy may be cut down, not to a few lines of a
/// longer story).
pub const SOURCE_SHARE: f64 = 0.4;
/// Share of the later body above which it is a copy even when its lead is new (a re-send with
/// a rewritten first paragraph).
pub const COPY_WITHOUT_LEAD: f64 = 0.8;

/// True for reuse pairs where one article is a copy of the other: [`copied`] text, or two
/// versions of one story (the same article number in both URLs) that share sentences.
pub fn is_copy(r: &ReuseInfo) -> bool {
    r.links.len() >= MIN_SENTENCES && (copied(r) || r.same_story)
}

/// True when the text shows a copy:
/// - most of the later one's text, its lead included, and much of the earlier one's (a
///   follow-up story that repeats the background paragraphs of the first is not a copy);
/// - or nearly all of one's text, with both leads: a shortened copy (a bulletin that is the
///   first paragraphs of a story) or an expanded one (a story re-sent with more), where a story
///   that reuses a bulletin's sentences further down is not.
fn copied(r: &ReuseInfo) -> bool {
    let copied_whole = r.reuse.share >= REPUBLISHED_SHARE
        && r.earlier_share >= SOURCE_SHARE
        && (r.lead || r.reuse.share >= COPY_WITHOUT_LEAD);
    let contained = (r.reuse.share >= COPY_WITHOUT_LEAD || r.earlier_share >= COPY_WITHOUT_LEAD)
        && r.lead
        && r.earlier_lead;
    copied_whole || contained
}

/// `dateline_anachronism` flags, all `error`s: an article that copies an older one (its lead and
/// most of its text and of its source's) under a dateline a month or more later, with the old
/// dates its captions and sentences give as further evidence.
///
/// Old dates with no copy behind them are not flagged: none of the 35 such flags raised on
/// independent samples was right (25 on a file photo's old caption alone, 10 on a story's
/// background date — "the Sept. 11, 2012, attack" — beside "this week" or "yesterday", or a
/// programme's name read as "tonight"); a fact-checker reading them would learn to ignore the
/// kind.
pub fn anachronisms(w: &Work, reuse: &[ReuseInfo], out: &mut Vec<Draft>) {
    for (ai, art) in w.corpus.articles.iter().enumerate() {
        let Some(date) = art.date.as_ref().map(|d| d.value) else {
            continue;
        };
        let mut reasons: Vec<String> = Vec::new();
        let mut d = Draft::new(
            FlagKind::DatelineAnachronism,
            Severity::Error,
            ai,
            String::new(),
        );
        for r in reuse
            .iter()
            .filter(|r| r.later == ai && r.reuse.share >= 0.3)
        {
            let Some(ed) = w.date(r.earlier) else {
                continue;
            };
            let gap = (date - ed).num_days();
            if gap <= STALE_DAYS {
                continue;
            }
            let current: Vec<_> = r
                .links
                .iter()
                .filter(|(l, _)| w.claim(*l).dates.iter().any(|x| x.current))
                .collect();
            if !(is_copy(r) && copied(r)) {
                continue; // shared background text, not a stale copy
            }
            reasons.push(format!(
                "it copies {} ({ed}, {gap} days earlier){}",
                w.corpus.articles[r.earlier].file,
                if current.is_empty() { String::new() } else { format!(", including {} sentence(s) whose relative dates (\"{}\") point to that time", current.len(), first_relative(w, current[0].0)) }
            ));
            d.related.insert(r.earlier);
            for &&(l, e) in current.iter().take(2) {
                d.cite_claim(w, l);
                d.cite_claim(w, e);
            }
            if current.is_empty()
                && let Some(&(l, e)) = r.links.first()
            {
                d.cite_claim(w, l);
                d.cite_claim(w, e);
            }
        }
        if d.related.is_empty() {
            continue;
        }
        old_dated_lines(w, ai, date, &mut d, &mut reasons);
        d.message = format!("dated {date}, but {}", reasons.join("; and "));
        out.push(d);
    }
}

fn first_relative(w: &Work, g: usize) -> String {
    w.claim(g)
        .dates
        .iter()
        .find(|x| x.current)
        .map_or(String::new(), |x| x.text.clone())
}

/// Evidence beside a re-dated copy already found: captions with old explicit dates, and body
/// sentences pairing an old date with "current" words.
fn old_dated_lines(
    w: &Work,
    ai: usize,
    date: chrono::NaiveDate,
    d: &mut Draft,
    reasons: &mut Vec<String>,
) {
    // A photo dated years before the article is a file photo of its subject (all 25 flags
    // raised on that alone were wrong on the third corpus): an old caption is cited only beside
    // a copy of an older article, as more evidence of when the text was written.
    let art = &w.corpus.articles[ai];
    for b in (art.blocks.iter()).filter(|b| b.kind == BlockKind::Caption) {
        if let Some(old) = old_dates(&b.text, Some(date)).into_iter().max() {
            reasons.push(format!("the caption at line {} is dated {old}", b.line));
            d.cite(w, ai, b.line, &b.text);
        }
    }
    // Body text: only when every explicit day the article names is old (at least two of them)
    // and a sentence pairs one with "this week"-style words.
    let days: Vec<chrono::NaiveDate> = w.claims[ai]
        .iter()
        .flat_map(|c| c.dates.iter())
        .filter(|x| x.kind == DateKind::Explicit && x.start == x.end)
        .map(|x| x.start)
        .collect();
    if days.len() < 2 || days.iter().any(|d| (date - *d).num_days() <= 90) {
        return;
    }
    for c in w.claims[ai].iter().filter(|c| !stamped(&c.text)) {
        let current = c
            .dates
            .iter()
            .any(|x| x.current && x.kind == DateKind::Relative);
        let old = c
            .dates
            .iter()
            .filter(|x| x.kind == DateKind::Explicit && x.start == x.end)
            .filter(|x| !points_back(c.text.get(..x.span.start).unwrap_or("")))
            .map(|x| x.start)
            .max();
        if let (true, Some(old)) = (current, old) {
            reasons.push(format!("line {} presents {old} as current", c.line));
            d.claims.push(c.id.clone());
            d.cite(w, ai, c.line, &c.text);
        }
    }
}

/// Whether the words before a date (`before`, the sentence up to it) make it a point the
/// sentence looks back to, not the time of its events: "the worst attack since September 11,
/// 2001", "an email … dated Sept. 21, 2012".
fn points_back(before: &str) -> bool {
    let last = before
        .split(|c: char| !c.is_alphabetic())
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    matches!(
        last.as_str(),
        "since" | "dated" | "until" | "till" | "before"
    )
}

/// Whether a sentence opens with a date stamp in brackets, "(28.09.2016) Wealthy customers …":
/// a teaser of another article, dated by the stamp, whose "this week" is that stamp's week.
fn stamped(sentence: &str) -> bool {
    static STAMP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\s*\(\d{1,2}\.\d{1,2}\.\d{4}\)").expect("date stamp")
    });
    STAMP.is_match(sentence)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_date_looked_back_to_is_not_the_time_of_the_events() {
        assert!(super::points_back(
            "Tonight, Obama will speak for the first time since the worst attack since "
        ));
        assert!(super::points_back(
            "said an email from Amitabh Desai, dated "
        ));
        assert!(!super::points_back("The bank said on "));
    }

    #[test]
    fn a_bracketed_date_stamp_opens_a_teaser() {
        assert!(super::stamped(
            "(28.09.2016) Wealthy customers will pay, the bank said this week."
        ));
        assert!(!super::stamped(
            "The bank said on 28.09.2016 that customers will pay this week."
        ));
    }
}
