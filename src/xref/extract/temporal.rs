//! Dates in a sentence, resolved against the publication date: explicit dates as they stand,
//! month-day dates without a year (the nearest such day not far after the dateline), months
//! ("in March", "last February"), weekdays ("on Friday": the last one, or the next one when the
//! sentence speaks of the future), and relative phrases ("last week", "two days ago", "earlier
//! this year"). Each sentence gets an event estimate: the narrowest range found.

use super::model::{DateKind, DateRef, EventDate, Span};
use crate::content::dates::{find_dates, month_number};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?P<today>today|tonight|this (?:morning|afternoon|evening))|(?P<yesterday>yesterday)|(?P<tomorrow>tomorrow)|(?P<thisweek>(?:earlier |later )?this week)|(?P<lastweek>last week)|(?P<nextweek>next week)|(?P<thismonth>(?:earlier |later )?this month)|(?P<lastmonth>last month)|(?P<thisyear>(?:earlier |later )?this year)|(?P<lastyear>last year)|(?P<recent>in recent (?:days|weeks))|(?P<n>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|several) (?P<unit>days?|weeks?|months?|years?) ago)\b")
        .expect("relative pattern")
});

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:(?P<mod>[Ll]ast|[Tt]his|[Nn]ext|[Oo]n) )?(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
        .expect("weekday pattern")
});

static MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:(?P<mod>[Ll]ast|[Tt]his|[Nn]ext|[Ii]n|[Ss]ince|[Tt]he|[Ee]arly|[Ll]ate|[Mm]id-?)\s+)?(?P<m>January|February|March|April|May|June|July|August|September|October|November|December)\b(?:\s+(?P<y>(?:19|20)\d\d)\b)?")
        .expect("month pattern")
});

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil) (?P<y>(?:19|20)\d\d)\b")
        .expect("year")
});

static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:will|is to|are to|to be|is set to|are set to|plans? to|expected to|scheduled|going to|next)\b").expect("future")
});

/// Dates in `sentence`; relative ones need the publication date `anchor`.
pub fn dates_in(sentence: &str, anchor: Option<NaiveDate>) -> Vec<DateRef> {
    let mut out: Vec<DateRef> = Vec::new();
    for m in find_dates(sentence) {
        if let Some(d) = m.date() {
            push(
                &mut out,
                sentence,
                m.span,
                DateKind::Explicit,
                d,
                d,
                false,
                false,
            );
        } else if let (Some(a), None) = (anchor, m.year)
            && let Some(d) = month_day(a, m.month, m.day)
        {
            push(
                &mut out,
                sentence,
                m.span,
                DateKind::MonthDay,
                d,
                d,
                false,
                true,
            );
        }
    }
    if let Some(a) = anchor {
        relative(sentence, a, &mut out);
        weekdays(sentence, a, &mut out);
        months(sentence, Some(a), &mut out);
    } else {
        months(sentence, None, &mut out);
    }
    years(sentence, &mut out);
    out.sort_by_key(|d| d.span.start);
    out
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<DateRef>,
    s: &str,
    span: Range<usize>,
    kind: DateKind,
    start: NaiveDate,
    end: NaiveDate,
    current: bool,
    anchored: bool,
) {
    if out
        .iter()
        .any(|d| d.span.start < span.end && span.start < d.span.end)
    {
        return;
    }
    out.push(DateRef {
        kind,
        text: s[span.clone()].to_string(),
        span: Span {
            start: span.start,
            end: span.end,
        },
        start: start.min(end),
        end: end.max(start),
        current,
        anchored,
    });
}

/// The year for a month-day date: the latest such day no more than a week after the dateline.
fn month_day(anchor: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(anchor.year(), month, day);
    let limit = anchor.checked_add_days(Days::new(7))?;
    match this {
        Some(d) if d <= limit => Some(d),
        _ => NaiveDate::from_ymd_opt(anchor.year() - 1, month, day)
            .or_else(|| NaiveDate::from_ymd_opt(anchor.year() - 4, month, day)),
    }
}

fn sub(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days)).unwrap_or(d)
}

fn add(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

fn week_of(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = sub(d, d.weekday().num_days_from_monday() as u64);
    (monday, add(monday, 6))
}

fn month_range(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    Some((first, last))
}

fn relative(s: &str, a: NaiveDate, out: &mut Vec<DateRef>) {
    for c in RELATIVE.captures_iter(s) {
        let Some(w) = c.get(0) else { continue };
        if outlet_name(s, w.start()) {
            continue;
        }
        let (start, end, current) = named_span(&c, a).unwrap_or_else(|| ago(&c, a));
        push(
            out,
            s,
            w.range(),
            DateKind::Relative,
            start,
            end,
            current,
            true,
        );
    }
}

/// Whether the relative date at byte `at` of `s` is part of a name — a newspaper's or a
/// programme's ("USA TODAY research shows", "aired on CNN's \"Lou Dobbs Tonight\"", "said on
/// ABC's This Week"): capitalised inside a sentence, after a capitalised word or an opening
/// quotation mark. At the start of a sentence any word is capitalised ("Today, the council …").
fn outlet_name(s: &str, at: usize) -> bool {
    if !s[at..].starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let before = s[..at].trim_end();
    let Some(last) = before.chars().last() else {
        return false;
    };
    if matches!(last, '"' | '“' | '‘') {
        return true;
    }
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    !matches!(last, '.' | '!' | '?' | ':' | ';' | ',' | ')' | '—' | '–')
        && word.starts_with(|c: char| c.is_uppercase())
}

/// (start, end, is current news) of a named relative date ("yesterday", "last month") before
/// `a`; `None` for an "N units ago" match (see [`ago`]).
fn named_span(c: &regex::Captures, a: NaiveDate) -> Option<(NaiveDate, NaiveDate, bool)> {
    let has = |n: &str| c.name(n).is_some();
    Some(if has("today") {
        (a, a, true)
    } else if has("yesterday") {
        (sub(a, 1), sub(a, 1), true)
    } else if has("tomorrow") {
        (add(a, 1), add(a, 1), true)
    } else if has("thisweek") {
        (week_of(a).0, a, true)
    } else if has("lastweek") {
        let (m, e) = week_of(sub(a, 7));
        (m, e, true)
    } else if has("nextweek") {
        let (m, e) = week_of(add(a, 7));
        (m, e, true)
    } else if has("thismonth") {
        (a.with_day(1).unwrap_or(a), a, true)
    } else if has("lastmonth") {
        let p = a.with_day(1).and_then(|d| d.pred_opt()).unwrap_or(a);
        // (Only out of chrono's range, near year 262,000, is there no such month.)
        let (f, l) = month_range(p.year(), p.month()).unwrap_or((p, p));
        (f, l, true)
    } else if has("thisyear") {
        let f = NaiveDate::from_ymd_opt(a.year(), 1, 1).unwrap_or(a);
        (f, a, false)
    } else if has("lastyear") {
        let f = NaiveDate::from_ymd_opt(a.year() - 1, 1, 1).unwrap_or(a);
        let l = NaiveDate::from_ymd_opt(a.year() - 1, 12, 31).unwrap_or(a);
        (f, l, false)
    } else if has("recent") {
        (sub(a, 30), a, true)
    } else {
        return None;
    })
}

/// "N days/weeks/months/years ago" before `a`, with slack growing with the distance.
fn ago(c: &regex::Captures, a: NaiveDate) -> (NaiveDate, NaiveDate, bool) {
    let n = c.name("n").map_or("", |m| m.as_str()).to_lowercase();
    let n: u64 = match n.as_str() {
        "a" | "one" => 1,
        "a few" | "several" => 3,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        x => x.parse().unwrap_or(1).min(5000),
    };
    let unit = c.name("unit").map_or("", |m| m.as_str()).to_lowercase();
    let days = match unit.trim_end_matches('s') {
        "day" => n,
        "week" => n * 7,
        "month" => n * 30,
        _ => n * 365,
    };
    let d = sub(a, days);
    let slack = (days / 7).min(30);
    (sub(d, slack), add(d, slack), days <= 14)
}

fn weekdays(s: &str, a: NaiveDate, out: &mut Vec<DateRef>) {
    // Every weekday's name ends in "day"; most sentences name none.
    if !s.contains("day") {
        return;
    }
    let future = FUTURE.is_match(s);
    for c in WEEKDAY.captures_iter(s) {
        let (Some(w), Some(day)) = (c.get(0), c.name("day")) else {
            continue;
        };
        let Ok(target) = day.as_str().parse::<Weekday>() else {
            continue;
        };
        if recurring(&s[..w.start()]) {
            continue;
        }
        let modifier = c.name("mod").map(|m| m.as_str().to_lowercase());
        let back = (7 + a.weekday().num_days_from_monday() - target.num_days_from_monday()) % 7;
        let back = u64::from(back);
        let fwd = (7 - back) % 7;
        let d = match modifier.as_deref() {
            Some("next") => add(a, if fwd == 0 { 7 } else { fwd }),
            Some("last") => sub(a, if back == 0 { 7 } else { back }),
            _ if future => add(a, fwd),
            _ => sub(a, back),
        };
        push(out, s, w.range(), DateKind::Weekday, d, d, true, true);
    }
}

/// Whether a weekday follows "every" or "each" (with other weekdays between: "every Monday or
/// Tuesday"): a day that recurs ("a winner will be announced every Wednesday"), no date.
fn recurring(before: &str) -> bool {
    let words = before.split_whitespace().rev().take(4);
    for w in words {
        let w = w.trim_matches(',').to_lowercase();
        if w == "every" || w == "each" {
            return true;
        }
        if !(w == "or" || w == "and" || w.parse::<Weekday>().is_ok()) {
            return false;
        }
    }
    false
}

fn months(s: &str, anchor: Option<NaiveDate>, out: &mut Vec<DateRef>) {
    for c in MONTH.captures_iter(s) {
        let (Some(w), Some(m)) = (c.get(0), c.name("m")) else {
            continue;
        };
        let Some(month) = month_number(m.as_str()) else {
            continue;
        };
        let modifier = c.name("mod").map(|m| m.as_str().to_lowercase());
        let year = c.name("y").and_then(|y| y.as_str().parse::<i32>().ok());
        let before = s[..w.start()].trim_end();
        if before.ends_with(|c: char| c.is_ascii_digit()) && modifier.is_none() {
            continue; // "31 February": an impossible day, already rejected
        }
        if month == 5 && modifier.is_none() && year.is_none() {
            continue; // "may" the verb
        }
        let y = match (year, anchor) {
            (Some(y), _) => y,
            (None, Some(a)) => {
                let before = month < a.month()
                    || (month == a.month() && modifier.as_deref() != Some("last"));
                match modifier.as_deref() {
                    Some("next") if month <= a.month() => a.year() + 1,
                    Some("next") => a.year(),
                    _ if before => a.year(),
                    _ => a.year() - 1,
                }
            }
            (None, None) => continue,
        };
        let Some((f, l)) = month_range(y, month) else {
            continue;
        };
        let kind = if year.is_some() {
            DateKind::Explicit
        } else {
            DateKind::Month
        };
        push(out, s, w.range(), kind, f, l, false, year.is_none());
    }
}

fn years(s: &str, out: &mut Vec<DateRef>) {
    if !super::text::has_digit(s) {
        return;
    }
    for c in YEAR.captures_iter(s) {
        let (Some(w), Some(y)) = (c.get(0), c.name("y")) else {
            continue;
        };
        let Ok(y) = y.as_str().parse::<i32>() else {
            continue;
        };
        let (Some(f), Some(l)) = (
            NaiveDate::from_ymd_opt(y, 1, 1),
            NaiveDate::from_ymd_opt(y, 12, 31),
        ) else {
            continue;
        };
        push(out, s, w.range(), DateKind::Explicit, f, l, false, false);
    }
}

/// The event estimate of a sentence: its narrowest date range.
pub fn event_of(dates: &[DateRef]) -> Option<EventDate> {
    dates
        .iter()
        .min_by_key(|d| ((d.end - d.start).num_days(), d.span.start))
        .map(|d| EventDate {
            start: d.start,
            end: d.end,
            source: d.text.clone(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn one(s: &str, a: NaiveDate) -> DateRef {
        let v = dates_in(s, Some(a));
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v.into_iter().next().expect("one date")
    }

    #[test]
    fn explicit_and_month_day() {
        let a = d(2023, 2, 3);
        assert_eq!(
            one("taken on May 21, 2022 in Kharkiv", a).start,
            d(2022, 5, 21)
        );
        let r = one("the invasion on February 24 began", a);
        assert_eq!((r.kind, r.start), (DateKind::MonthDay, d(2022, 2, 24)));
        let r = one("the invasion on February 24 began", d(2022, 4, 10));
        assert_eq!(r.start, d(2022, 2, 24));
    }

    #[test]
    fn relative_to_publication() {
        let a = d(2022, 5, 15); // a Sunday
        let r = one("Kishida announced last week that", a);
        assert_eq!(
            (r.start, r.end, r.current),
            (d(2022, 5, 2), d(2022, 5, 8), true)
        );
        assert_eq!(
            one("Biden signed it Friday in Seoul", a).start,
            d(2022, 5, 13)
        );
        assert_eq!(
            one("He will fly to Japan on Sunday", d(2022, 5, 20)).start,
            d(2022, 5, 22)
        );
        assert_eq!(one("it happened two days ago", a).start, d(2022, 5, 13));
        let r = one("Zelensky asked last month", a);
        assert_eq!((r.start, r.end), (d(2022, 4, 1), d(2022, 4, 30)));
        assert_eq!(
            one("invaded last February", d(2023, 5, 19)).start,
            d(2023, 2, 1)
        );
        assert_eq!(one("earlier this year", a).start, d(2022, 1, 1));
        assert_eq!(one("this week", a).end, a);
        // The newspaper is no date.
        assert!(dates_in("USA TODAY research shows.", Some(a)).is_empty());
        assert!(dates_in("a poll for USA Today found", Some(a)).is_empty());
        // Nor is a programme.
        assert!(
            dates_in(
                "Segments aired on CNN's \"Lou Dobbs Tonight\" about the speech.",
                Some(a)
            )
            .is_empty()
        );
        assert!(dates_in("McCain said on ABC's This Week that he agreed.", Some(a)).is_empty());
        // A sentence may open on one, and a quoted one is a date all the same.
        assert_eq!(dates_in("Today, the council voted.", Some(a)).len(), 1);
        assert_eq!(
            dates_in("He said \"we vote today\" to reporters.", Some(a)).len(),
            1
        );
        assert_eq!(
            dates_in(
                "Officials said Monday that talks resume this week.",
                Some(a)
            )
            .len(),
            2
        );
    }

    #[test]
    fn a_recurring_weekday_is_no_date() {
        let a = d(2012, 6, 14);
        for s in [
            "The puzzle can usually be found in this spot every Monday or Tuesday.",
            "A winner will be announced each Wednesday on the show.",
        ] {
            assert!(dates_in(s, Some(a)).is_empty(), "{s}");
        }
        assert_eq!(
            dates_in("The board met on Monday and Tuesday.", Some(a)).len(),
            2
        );
        assert_eq!(
            dates_in("Every lawmaker voted on Tuesday.", Some(a)).len(),
            1
        );
    }

    #[test]
    fn impossible_and_unanchored() {
        assert!(dates_in("on 31 February nothing happened", Some(d(2023, 1, 1))).is_empty());
        assert!(dates_in("last week it rained", None).is_empty());
        assert!(dates_in("you may go", Some(d(2023, 1, 1))).is_empty());
    }

    #[test]
    fn event_is_narrowest() {
        let v = dates_in(
            "Earlier this year, on Tuesday, it happened",
            Some(d(2023, 5, 19)),
        );
        assert_eq!(event_of(&v).map(|e| e.start), Some(d(2023, 5, 16)));
    }
}
