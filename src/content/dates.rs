//! Reading dates written the ways news copy writes them: `20220515`, `2023-05-19T10:00:00Z`,
//! `2023/05/19`, `February 3, 2023`, `Dec. 8, 2023`, `19 May 2023`, `8:03 PM EST, December 8, 2023`,
//! and month-day dates without a year ("February 24"). Impossible dates ("31 February") are skipped.

use chrono::NaiveDate;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A date found in text. `year` is `None` for "February 24"-style dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    /// Byte range of the match in the searched text.
    pub span: Range<usize>,
}

impl DateMatch {
    /// The full date, when the year is known and the date exists.
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day)
    }
}

const MONTHS: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static PATTERNS: LazyLock<Vec<(Regex, Order)>> = LazyLock::new(|| {
    let m = MONTHS;
    [
        // 2023-05-19, 2023/05/19, 2023.05.19, optionally followed by a time (ISO 8601)
        (r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b".to_string(), Order::Ymd),
        // 20220515
        (r"\b((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\b".to_string(), Order::Ymd),
        // May 19, 2023 / Dec. 8 2023 / February 24 (no year)
        (format!(r"(?i)\b({m})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"), Order::Mdy),
        // 19 May 2023 / 24th of February
        (format!(r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({m})\b\.?(?:,?\s+(\d{{4}})\b)?"), Order::Dmy),
        // 05/19/2023 (US) or 19/05/2023 when the first number cannot be a month
        (r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b".to_string(), Order::Slashed),
        // 19.05.2023, 19-05-2023 (day first, as written in Europe)
        (r"\b(\d{1,2})[.\-](\d{1,2})[.\-](\d{4})\b".to_string(), Order::DmyNumeric),
    ]
    .into_iter()
    .map(|(p, o)| (Regex::new(&p).expect("date pattern"), o))
    .collect()
});

#[derive(Clone, Copy)]
enum Order {
    Ymd,
    Mdy,
    Dmy,
    Slashed,
    DmyNumeric,
}

/// All dates in `text`, left to right, without overlaps.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    let mut found: Vec<DateMatch> = Vec::new();
    // Every pattern holds a digit; most sentences hold none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return found;
    }
    for (re, order) in PATTERNS.iter() {
        for caps in re.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            if found
                .iter()
                .any(|f| f.span.start < whole.end() && whole.start() < f.span.end)
            {
                continue;
            }
            if let Some(m) = from_captures(&caps, *order, whole.range()) {
                found.push(m);
            }
        }
    }
    found.sort_by_key(|m| m.span.start);
    found
}

fn from_captures(caps: &regex::Captures, order: Order, span: Range<usize>) -> Option<DateMatch> {
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
    let (y, mo, d) = match order {
        Order::Ymd => (year(1), num(2)?, num(3)?),
        Order::Mdy => (year(3), month_number(caps.get(1)?.as_str())?, num(2)?),
        Order::Dmy => (year(3), month_number(caps.get(2)?.as_str())?, num(1)?),
        Order::DmyNumeric => {
            let (a, b) = (num(1)?, num(2)?);
            if b > 12 {
                (year(3), a, b)
            } else {
                (year(3), b, a)
            }
        }
        Order::Slashed => {
            let (a, b) = (num(1)?, num(2)?);
            if a > 12 {
                (year(3), b, a)
            } else {
                (year(3), a, b)
            }
        }
    };
    let valid = match y {
        Some(y) => NaiveDate::from_ymd_opt(y, mo, d).is_some(),
        None => NaiveDate::from_ymd_opt(2000, mo, d).is_some(), // leap year allows Feb 29
    };
    valid.then_some(DateMatch {
        year: y,
        month: mo,
        day: d,
        span,
    })
}

/// 1–12 for an English month name or abbreviation.
pub fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    let n = n.get(..3)?;
    let i = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == n)?;
    Some(i as u32 + 1)
}

static FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:date[ds]?|published|updated|posted|last|modified|on|at|time|am|pm|[ecmp][sd]?t|utc|gmt|bst|cet|cest|eet|eest|msk|jst|kst|ist|hkt|sgt|aest|aedt|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b|\b[ap]\.m\.|\d{1,2}[:.]\d{2}(?::\d{2})?|[\s,.:;|()\-–—/•·]+")
        .expect("filler pattern")
});

/// If the whole line is a date (with words like "Updated", a time and a zone around it), the date.
/// A full date with a year is required.
pub fn parse_date_line(line: &str) -> Option<NaiveDate> {
    let line = line.trim();
    if line.is_empty() || line.len() > 80 {
        return None;
    }
    let dates = find_dates(line);
    let first = dates.first()?;
    let date = first.date()?;
    let mut rest = String::with_capacity(line.len());
    rest.push_str(&line[..first.span.start]);
    rest.push(' ');
    rest.push_str(&line[first.span.end..]);
    FILLER.replace_all(&rest, "").is_empty().then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn header_lines() {
        assert_eq!(parse_date_line("20220515"), d(2022, 5, 15));
        assert_eq!(parse_date_line("February 3, 2023"), d(2023, 2, 3));
        assert_eq!(
            parse_date_line("8:03 PM EST, December 8, 2023"),
            d(2023, 12, 8)
        );
        assert_eq!(parse_date_line(" date 2023-05-19 "), d(2023, 5, 19));
        assert_eq!(parse_date_line("2023-05-19T14:03:00+09:00"), d(2023, 5, 19));
        assert_eq!(parse_date_line("2023-05-19T14:03:00Z"), d(2023, 5, 19));
        assert_eq!(parse_date_line("19 May 2023"), d(2023, 5, 19));
        assert_eq!(parse_date_line("May 19, 2023"), d(2023, 5, 19));
        assert_eq!(parse_date_line("2023/05/19"), d(2023, 5, 19));
        assert_eq!(
            parse_date_line("Updated 10:31 AM GMT, Fri May 19, 2023"),
            d(2023, 5, 19)
        );
        assert_eq!(parse_date_line("Published: Dec. 8, 2023"), d(2023, 12, 8));
        assert_eq!(parse_date_line("Friday, 19th May 2023"), d(2023, 5, 19));
        assert_eq!(parse_date_line("05/19/2023"), d(2023, 5, 19));
        assert_eq!(parse_date_line("19/05/2023"), d(2023, 5, 19));
    }

    #[test]
    fn european_numeric_dates_and_newsroom_times() {
        assert_eq!(parse_date_line("19.05.2023"), d(2023, 5, 19));
        assert_eq!(parse_date_line("19-05-2023"), d(2023, 5, 19));
        assert_eq!(parse_date_line("Posted 05.06.2023"), d(2023, 6, 5));
        assert_eq!(parse_date_line("Fri 19 May 2023 10.30 BST"), d(2023, 5, 19));
        assert_eq!(parse_date_line("19 May 2023 • 10:31 am"), d(2023, 5, 19));
        assert_eq!(
            parse_date_line("Updated May 19, 2023, 10:31 a.m. ET"),
            d(2023, 5, 19)
        );
        assert_eq!(parse_date_line("May 19, 2023 10:31 AM PT"), d(2023, 5, 19));
        assert_eq!(parse_date_line("2023-05-19 14:03"), d(2023, 5, 19));
        assert_eq!(parse_date_line("32.05.2023"), None);
        assert_eq!(parse_date_line("Version 1.2.2023 released"), None);
    }

    #[test]
    fn sentences_are_not_date_lines() {
        assert_eq!(
            parse_date_line("Biden signed the bill on May 19, 2023 in Seoul"),
            None
        );
        assert_eq!(parse_date_line("February 24"), None);
        assert_eq!(parse_date_line("31 February 2023"), None);
        assert_eq!(parse_date_line("Hong Kong"), None);
    }

    #[test]
    fn dates_in_text() {
        let found = find_dates("a caption dated May 21, 2022 and an invasion on February 24.");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].date(), d(2022, 5, 21));
        assert_eq!((found[1].year, found[1].month, found[1].day), (None, 2, 24));
    }

    #[test]
    fn impossible_dates_are_skipped() {
        assert!(find_dates("on 31 February 2023").is_empty());
        assert!(find_dates("the year 2023 had 12 months").is_empty());
    }
}
