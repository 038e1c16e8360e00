//! `figure_mismatch` between two reports of one event: not a copy, other words, the same
//! quantity with another value ("killing 12 and injuring 56 people" / "killing 12 people and
//! injuring 49"; "a 660,000 megalitre dam … 900 properties" / "… almost 1,000 properties").
//!
//! Two sentences state the same quantity of one event only when
//! - they count the same thing: the same kind of figure and the same unit, where a casualty
//!   verb makes the unit ("killed", "injured", see [`super::casualties`]) and a count without a
//!   noun is not compared;
//! - exactly one such quantity differs, each side stating one value of it (a template with a new
//!   week's or company's figures changes several);
//! - neither value allows the other ("nearly 50" allows 49, "more than 30" allows 36), neither
//!   is a range, a conversion in brackets or a span of time;
//! - something ties them to one event: another quantity both state with the same distinctive
//!   value (the 12 dead, the dam's 660,000 megalitres, $190 a tonne; not "three parties"), at
//!   least [`MIN_SHARED`] content words in common, and the two articles appeared within
//!   [`DAYS`] days of each other (when both are dated).
//!
//! Sentences stating one value need not share their words, so candidates come from an index of
//! values, not from the claim matcher. Copies are left to [`super::mismatch`].
//!
//! Reports of one event disagree for honest reasons (an early count, a rounded one), so the flag
//! is `info`: a pointer for the reader, not a finding.

use super::clusters::{order_key, word_diff};
use super::corpus::Work;
use super::flags::Draft;
use super::model::{Claim, Figure, FigureKind, FlagKind, Severity};
use std::collections::{BTreeMap, BTreeSet};

/// Most days between two dated reports of one event.
pub const DAYS: i64 = 7;
/// Most figures in a sentence read for one event's figures (a longer list, a table scraped into
/// one line, pairs its numbers at random).
pub const MAX_FIGURES: usize = 4;
/// Fewest content terms two sentences share to tell of one event.
pub const MIN_SHARED: usize = 3;
/// Most claims stating one value of one quantity for the value to tie two of them together.
pub const MAX_SHARING: usize = 32;

/// What a figure counts: kind, currency, unit (borrowed from the figure).
type Quantity<'a> = (FigureKind, Option<&'a str>, Option<&'a str>);

/// The quantity of a figure that can tie two reports together: a count of something or an
/// amount of money, not a year, not a conversion in brackets ("500 kilometres (310 miles)",
/// "$10 billion (9.35 billion euros)": rounding there is no disagreement).
fn quantity<'a>(c: &str, f: &'a Figure) -> Option<Quantity<'a>> {
    if bracketed(c, f) {
        return None;
    }
    match f.kind {
        FigureKind::Count if f.unit.as_deref().is_some_and(|u| !is_time(u)) && !is_year(f) => {
            Some((f.kind, None, f.unit.as_deref()))
        }
        FigureKind::Money => Some((f.kind, f.currency.as_deref(), None)),
        _ => None,
    }
}

/// Whether two values of this quantity can be one event's figure told differently: a count of
/// things (not an amount of money, which may be a price, a total or a part; not a span of
/// time, "over five years", "20 years ago").
fn comparable(q: &Quantity) -> bool {
    q.0 == FigureKind::Count
}

/// A unit of time: "five years", "24 hours" are spans, not counts of one event.
fn is_time(unit: &str) -> bool {
    const TIME: &[&str] = &[
        "year", "month", "week", "day", "hour", "minut", "second", "decad", "centuri",
    ];
    TIME.iter().any(|t| unit.starts_with(t))
}

/// Whether two statements of one quantity can both be true: equal, one's hedge allowing the
/// other ("nearly 50" / 49), or one a rounding of the other ("26%" / "26.4%").
pub fn consistent(a: &Figure, b: &Figure) -> bool {
    let rounds = |x: &Figure, y: &Figure| {
        let decimals = |f: &Figure| {
            f.text.split_once('.').map_or(0, |(_, d)| {
                d.chars().take_while(char::is_ascii_digit).count()
            })
        };
        let scale = 10f64.powi(decimals(x) as i32);
        decimals(x) < decimals(y) && (y.value * scale).round() == (x.value * scale).round()
    };
    a.milli == b.milli || allows(a, b) || allows(b, a) || rounds(a, b) || rounds(b, a)
}

/// [`consistent`] for a copy of one sentence: there a hedge kept and its number changed ("more
/// than 6,500 lives" / "more than 7,000 lives") is an edit of the figure, though both can be
/// true; a hedge added to an exact figure ("more than 26%" / "26.4%") is not.
pub fn consistent_in_copy(a: &Figure, b: &Figure) -> bool {
    let one_hedged = a.qualifier.is_some() != b.qualifier.is_some();
    consistent(a, b) && (a.milli == b.milli || one_hedged || a.qualifier.is_none())
}

/// Whether a hedged figure allows the other value: "nearly 50" allows 49, "more than 30"
/// allows 36, "about 70" allows 72. Two reports that can both be true do not disagree.
fn allows(f: &Figure, other: &Figure) -> bool {
    let (x, v) = (f.value, other.value);
    match f.qualifier.as_deref() {
        Some("nearly" | "almost" | "close to") => v <= x && v >= 0.95 * x,
        Some("about" | "around" | "some" | "roughly" | "approximately") => (v - x).abs() <= 0.1 * x,
        Some("more than" | "over" | "at least") => v >= x,
        Some("less than" | "fewer than" | "under" | "up to") => v <= x,
        _ => false,
    }
}

/// A value that ties two reports to one event when both state it: an amount of money, or a
/// count of at least ten ("12 killed", "660,000 megalitres"); "three parties", "four
/// countries" recur in reports of many events.
fn distinctive(f: &Figure) -> bool {
    f.kind == FigureKind::Money || f.value >= 10.0
}

/// Two reports of one count disagree within a factor of two (49 or 56 injured, 900 or 1,000
/// properties); a total and a part of it differ more ("38 Russian people and entities" / "seven
/// Russian oligarchs"; "53 Republicans" / "two Republican senators").
fn same_order(a: &Figure, b: &Figure) -> bool {
    let (lo, hi) = (a.value.min(b.value), a.value.max(b.value));
    lo > 0.0 && hi <= 2.0 * lo
}

/// The word after the number is the thing counted, not a name qualifying it ("five Boeing 737
/// Max 8 aircraft", "38 Russian people"): a capitalised word there says which, not what.
fn counts_a_noun(f: &Figure) -> bool {
    let last = f.text.rsplit(' ').next().unwrap_or("");
    let classed = matches!(
        f.unit.as_deref(),
        Some("killed" | "injured" | "missing" | "arrested")
    );
    classed || !last.starts_with(|c: char| c.is_uppercase())
}

/// A range ("1-2 cups", "124,000 to 128,000 head") states no one value to disagree with.
fn is_range(f: &Figure) -> bool {
    f.text.contains(" to ")
        || f.text
            .trim_start()
            .chars()
            .skip(1)
            .any(|c| c == '-' || c == '–')
}

/// Whether the figure counts what is added to a total ("an additional 350 miles of fence",
/// "another 2,000 troops"): beside the total (700 miles in all) it is no other value of it.
fn increment(c: &str, f: &Figure) -> bool {
    const ADDED: &[&str] = &["additional", "another", "extra", "further"];
    let before = c.get(..f.span.start).unwrap_or("").trim_end();
    let last = before.rsplit(' ').next().unwrap_or("").to_lowercase();
    ADDED.contains(&last.as_str())
}

/// Whether the figure stands inside brackets in the sentence.
fn bracketed(c: &str, f: &Figure) -> bool {
    let before = c.get(..f.span.start).unwrap_or("");
    before.matches('(').count() > before.matches(')').count()
}

fn is_year(f: &Figure) -> bool {
    f.value.fract() == 0.0 && (1900.0..=2100.0).contains(&f.value) && !f.text.contains(',')
}

/// The one quantity two sentences state with different values, when every other quantity both
/// state agrees; and whether one agrees.
fn one_quantity_differs<'a>(a: &'a Claim, b: &'a Claim) -> Option<(&'a Figure, &'a Figure, bool)> {
    let group = |c: &'a Claim| {
        let mut m: BTreeMap<Quantity, Vec<&'a Figure>> = BTreeMap::new();
        for f in &c.figures {
            if let Some(q) = quantity(&c.text, f) {
                m.entry(q).or_default().push(f);
            }
        }
        m
    };
    if a.figures.len() > MAX_FIGURES || b.figures.len() > MAX_FIGURES {
        return None;
    }
    let (ga, gb) = (group(a), group(b));
    let (mut differs, mut agrees) = (Vec::new(), false);
    for (q, fa) in &ga {
        let Some(fb) = gb.get(q) else { continue };
        let tie = |x: &&Figure, y: &&Figure| {
            x.milli == y.milli && x.qualifier == y.qualifier && distinctive(x)
        };
        agrees |= fa.iter().any(|x| fb.iter().any(|y| tie(x, y)));
        if !fa.iter().any(|x| fb.iter().any(|y| consistent(x, y))) {
            differs.push((q, fa, fb));
        }
    }
    match differs.as_slice() {
        [(q, fa, fb)] if comparable(q) && fa.len() == 1 && fb.len() == 1 => {
            let (x, y) = (fa[0], fb[0]);
            let plain = !is_range(x) && !is_range(y) && counts_a_noun(x) && counts_a_noun(y);
            let plain = plain && increment(&a.text, x) == increment(&b.text, y);
            (plain && same_order(x, y)).then_some((x, y, agrees))
        }
        _ => None,
    }
}

fn within_days(w: &Work, x: usize, y: usize) -> bool {
    match (w.date(x), w.date(y)) {
        (Some(a), Some(b)) => (a - b).num_days().abs() <= DAYS,
        _ => true,
    }
}

/// Claim pairs of two articles that state one quantity with the same value (the same 12
/// dead, the same $190 a tonne): the sentences need not be alike in their words. A value stated
/// in more than [`MAX_SHARING`] claims is too common to tie two reports together.
fn sharing_a_figure(w: &Work) -> Vec<(usize, usize)> {
    // Keyed by borrowed words, in a hash map: its order does not reach the output (the pairs
    // are sorted below).
    let mut by_value: ahash::HashMap<(Quantity, i64), Vec<usize>> = ahash::HashMap::default();
    for g in 0..w.gid.len() {
        if w.boiler[g] {
            continue;
        }
        let c = w.claim(g);
        let mut keys: Vec<(Quantity, i64)> = (c.figures.iter())
            .filter_map(|f| quantity(&c.text, f).map(|q| (q, f.milli)))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            by_value.entry(k).or_default().push(g);
        }
    }
    let mut out = Vec::new();
    for gs in by_value.values().filter(|gs| gs.len() <= MAX_SHARING) {
        for (i, &a) in gs.iter().enumerate() {
            out.extend(
                gs[i + 1..]
                    .iter()
                    .filter(|&&b| w.gid[a].0 != w.gid[b].0)
                    .map(|&b| (a, b)),
            );
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// `figure_mismatch` (info) for two reports of one event stating one quantity differently.
pub fn differing_reports(w: &Work, copies: &BTreeSet<(usize, usize)>, out: &mut Vec<Draft>) {
    for (a, b) in sharing_a_figure(w) {
        let (x, y) = (w.gid[a].0, w.gid[b].0);
        if copies.contains(&(x.min(y), x.max(y))) || !within_days(w, x, y) {
            continue;
        }
        let (e, l) = if order_key(w, a) <= order_key(w, b) {
            (a, b)
        } else {
            (b, a)
        };
        // The word test first: it is cheap, and most pairs sharing a value fail it.
        if shared_terms(w, a, b) < MIN_SHARED {
            continue;
        }
        let (ce, cl) = (w.claim(e), w.claim(l));
        // A projection ("If all electors vote …, Trump will walk away with 306 votes") is no
        // report of the count another report gives (304 cast).
        if super::mismatch::conditional(&ce.text) || super::mismatch::conditional(&cl.text) {
            continue;
        }
        let Some((fe, fl, true)) = one_quantity_differs(ce, cl) else {
            continue;
        };
        let msg = format!(
            "states {} where {} (line {}) states {}: reports of one event differ",
            stated(fl),
            w.article(e).file,
            ce.line,
            stated(fe)
        );
        let raised = |d: &Draft| d.claims.contains(&ce.id) && d.claims.contains(&cl.id);
        if out.iter().any(raised) {
            continue;
        }
        let mut d = Draft::new(FlagKind::FigureMismatch, Severity::Info, w.gid[l].0, msg);
        d.cite_claim(w, l);
        d.cite_claim(w, e);
        d.diff = Some(word_diff(&ce.text, &cl.text));
        out.push(d);
    }
}

/// A figure as the message shows it: its words, and what a casualty count counts when the
/// words do not say ("49 (injured)").
fn stated(f: &Figure) -> String {
    let words = match &f.qualifier {
        Some(q) => format!("{q} {}", f.text),
        None => f.text.clone(),
    };
    match f.unit.as_deref() {
        Some(u @ ("killed" | "injured" | "missing" | "arrested")) if !f.text.contains(u) => {
            format!("{words} ({u})")
        }
        _ => words,
    }
}

/// Content terms two claims share.
fn shared_terms(w: &Work, a: usize, b: usize) -> usize {
    let (ta, tb) = (&w.items[a].terms, &w.items[b].terms);
    ta.iter().filter(|t| tb.binary_search(t).is_ok()).count()
}
