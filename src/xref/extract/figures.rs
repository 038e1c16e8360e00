//! Figures in a sentence: money with currency and scale ("$4.5 billion" = 4.5e9 USD, "1.5bn",
//! "€300m", "40 million dollars"), percentages, "29 of 30" ratios and counts ("25,000 helmets",
//! "nine banks"). Values are also kept as integer thousandths so amounts compare exactly.

use super::model::{Figure, FigureKind, Span};
use super::text;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const NUM: &str = r"(?P<num>\d+-\d{1,2}/\d{1,2}\b|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)";
const SCALE: &str = r"(?P<scale>trillion|billion|million|thousand|tn|bn|mn|m|k)\b";
const QUAL: &str = r"(?i:(?P<qual>more than|less than|fewer than|up to|at least|over|about|around|nearly|almost|roughly|approximately|some|under|close to)\s+)?";

static MONEY_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{QUAL}(?P<cur>US\$|A\$|C\$|\$US|\$A\b|\$|€|£|¥|₩|₴|(?i:usd|eur|gbp|jpy)\s?){NUM}(?:\s*(?i:{SCALE}))?"
    ))
    .expect("money prefix")
});

static MONEY_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{QUAL}\b{NUM}(?:\s*(?i:{SCALE}))?\s+(?i:(?P<cur>dollars?|euros?|pounds?|yen|won|hryvnias?|roubles?|rubles?|yuan|kroner|kronor|krona|francs?|rupees?|pesos?|reais|rand))\b"
    ))
    .expect("money suffix")
});

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{QUAL}\b{NUM}\s*(?:%|(?i:per\s?cent|percent|pct)\b)"
    ))
    .expect("percent")
});

/// "124,000 to 128,000 head", "5-6 pct": a range is one figure (its low end, written whole).
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    let n = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
    Regex::new(&format!(
        r"\b(?P<num>{n})\s*(?:to|-|–)\s*(?:{n})(?:\s+(?P<scale>million|billion|trillion|thousand|mln|bln))?\s*(?P<unit>%|(?i:per\s?cent|percent|pct)\b|[A-Za-z][A-Za-z-]{{2,}})"
    ))
    .expect("range")
});

static RATIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<a>\d{1,3}(?:,\d{3})*|\d+) (?:of|out of) (?P<b>\d{1,3}(?:,\d{3})*|\d+)\b")
        .expect("ratio")
});

static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{QUAL}\b(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozens|hundreds|thousands))(?:\s+(?P<scale>million|billion|trillion|thousand))?\s+(?P<unit>[A-Za-z][A-Za-z-]{{2,}})"
    ))
    .expect("count")
});

/// All figures in `sentence`, left to right, without overlaps. `skip` holds byte ranges (dates,
/// times) whose numbers are not figures.
pub fn figures_in(sentence: &str, skip: &[Range<usize>]) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let overlaps = |r: &Range<usize>, out: &[Figure]| {
        out.iter()
            .any(|f| f.span.start < r.end && r.start < f.span.end)
            || skip.iter().any(|s| s.start < r.end && r.start < s.end)
    };
    // Only counts can be written in words ("nine banks"): every other pattern needs a digit.
    if !text::has_digit(sentence) {
        counts(sentence, skip, &mut out);
        super::casualties::mark(sentence, skip, &mut out);
        out.sort_by_key(|f| f.span.start);
        return out;
    }
    for re in [&*MONEY_PREFIX, &*MONEY_SUFFIX] {
        for c in re.captures_iter(sentence) {
            let Some(whole) = c.get(0) else { continue };
            if overlaps(&whole.range(), &out) {
                continue;
            }
            if let Some(f) = money(&c, whole.range(), sentence) {
                out.push(f);
            }
        }
    }
    for c in RANGE.captures_iter(sentence) {
        let Some(whole) = c.get(0) else { continue };
        let (Some(num), Some(unit)) = (c.name("num"), c.name("unit")) else {
            continue;
        };
        let unit_l = unit.as_str().to_lowercase();
        let percent = unit_l == "%" || unit_l.starts_with("per") || unit_l == "pct";
        let stop = !percent && (text::is_stop(&unit_l) || is_year_like(num.as_str(), &unit_l));
        if overlaps(&whole.range(), &out) || stop {
            continue;
        }
        let Some(v) = parse_number(num.as_str()) else {
            continue;
        };
        let v = v * c.name("scale").map_or(1.0, |s| scale(s.as_str()));
        let kind = if percent {
            FigureKind::Percent
        } else {
            FigureKind::Count
        };
        let mut f = figure(kind, v, None, &c, whole.range(), sentence);
        f.unit = if percent { None } else { text::term(&unit_l) };
        out.push(f);
    }
    for c in PERCENT.captures_iter(sentence) {
        let Some(whole) = c.get(0) else { continue };
        if overlaps(&whole.range(), &out) {
            continue;
        }
        if let Some(v) = c.name("num").and_then(|m| parse_number(m.as_str())) {
            out.push(figure(
                FigureKind::Percent,
                v,
                None,
                &c,
                whole.range(),
                sentence,
            ));
        }
    }
    for c in RATIO.captures_iter(sentence) {
        let Some(whole) = c.get(0) else { continue };
        if overlaps(&whole.range(), &out) {
            continue;
        }
        let a = c.name("a").and_then(|m| parse_number(m.as_str()));
        let b = c.name("b").and_then(|m| parse_number(m.as_str()));
        if let (Some(a), Some(b)) = (a, b)
            && a <= b
        {
            let mut f = figure(FigureKind::Ratio, a, None, &c, whole.range(), sentence);
            f.of = Some(b as i64);
            out.push(f);
        }
    }
    counts(sentence, skip, &mut out);
    super::casualties::mark(sentence, skip, &mut out);
    out.sort_by_key(|f| f.span.start);
    out
}

/// The number words of [`COUNT`]: a sentence with no digit and none of these holds no count.
static NUMBER_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "fifteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "hundred",
            "dozens",
            "thousands",
        ])
        .expect("number words")
});

fn counts(sentence: &str, skip: &[Range<usize>], out: &mut Vec<Figure>) {
    // The pattern is slow to run on every sentence; most hold no number at all. (Outside ASCII,
    // the pattern's case folding reaches letters the word search does not.)
    let may_count =
        !sentence.is_ascii() || text::has_digit(sentence) || NUMBER_WORDS.is_match(sentence);
    if !may_count {
        return;
    }
    for c in COUNT.captures_iter(sentence) {
        let Some(whole) = c.get(0) else { continue };
        let r = whole.range();
        if out
            .iter()
            .any(|f| f.span.start < r.end && r.start < f.span.end)
            || skip.iter().any(|s| s.start < r.end && r.start < s.end)
        {
            continue;
        }
        let Some(num) = c.name("num") else { continue };
        let Some(unit) = c.name("unit") else { continue };
        let unit_l = unit.as_str().to_lowercase();
        if text::is_stop(&unit_l)
            || is_year_like(num.as_str(), &unit_l)
            || compound(&sentence[..num.start()], &unit_l)
        {
            continue;
        }
        let Some(mut v) = parse_number(num.as_str()).or_else(|| word_number(num.as_str())) else {
            continue;
        };
        v *= c.name("scale").map_or(1.0, |s| scale(s.as_str()));
        let mut f = figure(
            FigureKind::Count,
            v,
            None,
            &c,
            r.start..unit.start(),
            sentence,
        );
        f.text = sentence[f.span.start..unit.end()].trim_start().to_string();
        f.unit = text::term(&unit_l);
        out.push(f);
    }
}

/// Whether a number word is the tail of a compound number this pattern cannot read whole
/// ("twenty-eight", "two hundred and twenty-eight") or the head of one ("two hundred").
pub fn compound(before: &str, unit: &str) -> bool {
    let b = before.to_ascii_lowercase();
    b.ends_with('-')
        || b.ends_with("hundred and ")
        || b.ends_with("thousand and ")
        || matches!(unit, "hundred" | "thousand" | "and")
}

fn is_year_like(num: &str, unit: &str) -> bool {
    let year = num.len() == 4 && (num.starts_with("19") || num.starts_with("20"));
    year || matches!(unit, "am" | "pm" | "gmt" | "utc" | "est" | "p.m" | "a.m")
}

fn money(c: &regex::Captures, span: Range<usize>, sentence: &str) -> Option<Figure> {
    let v = parse_number(c.name("num")?.as_str())?;
    let s = c.name("scale").map_or(1.0, |s| scale(s.as_str()));
    let cur = currency(c.name("cur")?.as_str());
    Some(figure(
        FigureKind::Money,
        v * s,
        Some(cur),
        c,
        span,
        sentence,
    ))
}

fn figure(
    kind: FigureKind,
    value: f64,
    currency: Option<String>,
    c: &regex::Captures,
    span: Range<usize>,
    sentence: &str,
) -> Figure {
    let qual = c.name("qual");
    let start = qual.map_or(span.start, |q| q.end()).max(span.start);
    Figure {
        kind,
        value,
        milli: to_milli(value),
        currency,
        of: None,
        unit: None,
        qualifier: qual.map(|q| q.as_str().to_lowercase()),
        text: sentence[start..span.end].trim().to_string(),
        span: Span {
            start,
            end: span.end,
        },
    }
}

/// Value in thousandths, saturating at the i64 range.
pub fn to_milli(v: f64) -> i64 {
    let m = (v * 1000.0).round();
    if m.is_nan() {
        0
    } else {
        m.clamp(i64::MIN as f64, i64::MAX as f64) as i64
    }
}

/// "1,000,000,000" → 1e9, "4.5" → 4.5, "1-1/4" → 1.25, "3/16" → 0.1875 (wire-style fractions);
/// `None` for anything else.
pub fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|c| *c != ',').collect();
    cleaned
        .parse::<f64>()
        .ok()
        .or_else(|| parse_mixed(&cleaned))
        .filter(|v| v.is_finite())
}

/// A mixed or plain fraction with a denominator of 2 to 64 ("6-3/16", "1 1/4", "3/8").
pub fn parse_mixed(s: &str) -> Option<f64> {
    let (whole, frac) = match s.split_once(['-', ' ']) {
        Some((w, f)) => (w.parse::<f64>().ok()?, f),
        None => (0.0, s),
    };
    let (n, d) = frac.split_once('/')?;
    let (n, d) = (n.parse::<u32>().ok()?, d.parse::<u32>().ok()?);
    ((2..=64).contains(&d) && n < d).then(|| whole + f64::from(n) / f64::from(d))
}

/// The value of a count written in digits or in words ("12", "1,300", "twelve").
pub fn count_value(s: &str) -> Option<f64> {
    parse_number(s).or_else(|| word_number(s))
}

fn word_number(s: &str) -> Option<f64> {
    let v = match s.to_lowercase().as_str() {
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "hundred" => 100.0,
        _ => return None, // "dozens", "hundreds", "thousands": vague, not a figure
    };
    Some(v)
}

fn scale(s: &str) -> f64 {
    match s.to_lowercase().as_str() {
        "trillion" | "tn" => 1e12,
        "billion" | "bn" | "bln" => 1e9,
        "million" | "mn" | "m" | "mln" => 1e6,
        "thousand" | "k" => 1e3,
        _ => 1.0,
    }
}

fn currency(s: &str) -> String {
    let l = s.trim().to_lowercase();
    let code = match l.as_str() {
        "$" | "us$" | "$us" | "usd" => "USD",
        "a$" | "$a" => "AUD",
        "c$" => "CAD",
        "€" | "eur" => "EUR",
        "£" | "gbp" => "GBP",
        "¥" | "jpy" | "yen" => "JPY",
        "₩" | "won" => "KRW",
        "₴" => "UAH",
        l if l.starts_with("dollar") => "USD",
        l if l.starts_with("euro") => "EUR",
        l if l.starts_with("pound") => "GBP",
        l if l.starts_with("hryvnia") => "UAH",
        l if l.starts_with("rouble") || l.starts_with("ruble") => "RUB",
        "yuan" => "CNY",
        "kroner" | "kronor" | "krona" => "KR",
        l if l.starts_with("franc") => "CHF",
        l if l.starts_with("rupee") => "INR",
        l if l.starts_with("peso") => "MXN",
        "reais" => "BRL",
        "rand" => "ZAR",
        _ => "?",
    };
    code.to_string()
}

/// Human form of a figure's value: "$4.5 billion", "29 of 30", "40%".
pub fn describe(f: &Figure) -> String {
    f.text.clone()
}

#[cfg(test)]
mod tests {

    #[test]
    fn wire_fractions_and_ranges_are_one_figure_each() {
        let f = figures_in("The rate rose 1-1/4 pct to 6-3/16 pct.", &[]);
        let v: Vec<f64> = f.iter().map(|f| f.value).collect();
        assert_eq!(v, [1.25, 6.1875], "{f:?}");
        assert!(f.iter().all(|f| f.kind == FigureKind::Percent));
        let f = figures_in("Slaughter was estimated at 124,000 to 128,000 head.", &[]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].value, f[0].text.as_str()),
            (124_000.0, "124,000 to 128,000 head")
        );
        let f = figures_in("Yields of 5-6 pct were expected.", &[]);
        assert_eq!((f.len(), f[0].kind), (1, FigureKind::Percent), "{f:?}");
    }

    use super::*;

    fn one(s: &str) -> Figure {
        let f = figures_in(s, &[]);
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        f.into_iter().next().expect("one figure")
    }

    #[test]
    fn money_with_scale() {
        let f = one("Japan pledged $4.5 billion to Ukraine.");
        assert_eq!((f.kind, f.milli), (FigureKind::Money, 4_500_000_000_000));
        assert_eq!(f.currency.as_deref(), Some("USD"));
        assert_eq!(one("a 1.5bn euro fund").value, 1.5e9);
        assert_eq!(one("over $7 billion").qualifier.as_deref(), Some("over"));
        assert_eq!(one("costs €300m").currency.as_deref(), Some("EUR"));
        assert_eq!(one("40 million dollars").value, 4e7);
        assert_eq!(one("$1,000,000,000 in aid").value, 1e9);
    }

    #[test]
    fn ratios_percent_counts() {
        let f = one("shot down 29 of 30 cruise missiles");
        assert_eq!((f.kind, f.value, f.of), (FigureKind::Ratio, 29.0, Some(30)));
        assert_eq!(one("up 40 percent").kind, FigureKind::Percent);
        let f = one("25,000 helmets were sent");
        assert_eq!((f.kind, f.value), (FigureKind::Count, 25000.0));
        assert_eq!(f.unit.as_deref(), Some("helmet"));
        assert_eq!(one("as well as nine banks").value, 9.0);
    }

    #[test]
    fn years_and_dates_are_not_counts() {
        assert!(figures_in("in 2022 troops left", &[]).is_empty());
        let s = "on May 21 2022 troops";
        let date = 3..14;
        assert!(figures_in(s, std::slice::from_ref(&date)).is_empty());
        assert!(figures_in("a number like 99999999999999999999999999 things", &[]).len() <= 1);
    }
}
