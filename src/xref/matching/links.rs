//! Link strength: whether two claims the matcher pairs state the **same** claim (faithfully
//! reworded or not) or only a **related** one (the same subject or template, other facts).
//!
//! Real news is full of templates — weekly money supply, monthly load factors, dividend notices,
//! results "in a fixed wording" — whose sentences share almost every word and differ in the
//! figures, the company or the period. Those are not the same claim: only `same` links make a
//! claim's appearances and feed reuse and copy detection; `related` ones are listed apart, and
//! are where a changed figure is looked for (see `mismatch`).

use super::claims::Terms;
use super::model::Claim;
use serde::Serialize;

/// How two matched claims relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// The same claim: the same facts about the same subject.
    Same,
    /// The same subject or wording, other facts (figures, dates, company, period).
    Related,
}

/// Share of the shorter claim's content terms the longer one must hold for the two to state
/// the same facts (a rewording keeps the content words; a claim about the same event that says
/// something else does not).
pub const CONTAINED: f64 = 0.75;
/// Share of the longer claim's content terms that must be shared (a short sentence inside a long
/// one is a fragment of it, not the same claim).
pub const COVERED: f64 = 0.45;
/// Fewest shared content terms.
pub const MIN_SHARED: usize = 4;

/// The matching terms of a claim that are not names (sorted, unique): what it says, not who
/// it is about. Two statements of one speaker share the name and little else.
pub fn content_terms<'t>(terms: &'t Terms, names: &Terms) -> Vec<&'t str> {
    let names: Vec<&str> = names.iter().collect();
    terms
        .iter()
        .filter(|t| names.binary_search(t).is_err())
        .collect()
}

/// The strength of a link between two claims the matcher scored as one claim; `ta` and `tb` are
/// their content terms (see [`content_terms`]).
pub fn strength(a: &Claim, b: &Claim, ta: &[&str], tb: &[&str]) -> Strength {
    let (na, nb) = (
        super::text::normalised(&a.text),
        super::text::normalised(&b.text),
    );
    if na == nb {
        return Strength::Same;
    }
    if overlaps(ta, tb)
        && same_stance(&na, &nb)
        && numbers_agree(&a.text, &b.text)
        && subjects_agree(a, b)
    {
        Strength::Same
    } else {
        Strength::Related
    }
}

/// Words that turn a statement round, and words that put it in the future.
const NEGATIONS: &[&str] = &["not", "no", "never", "nor", "cannot", "without"];
const FUTURE: &[&str] = &["will", "shall", "going"];

/// Whether two normalised sentences say it the same way round: both or neither negated, both or
/// neither about the future ("will anchor" is not "are anchored"; "calls for a levy" is not
/// "will not ask for a levy"). Read over what the two share and what one changes of the other,
/// not over a clause only one of them adds ("While the sites were not revealed, the package
/// is…"), and "whether or not" negates nothing.
fn same_stance(a: &str, b: &str) -> bool {
    let (wa, wb) = stance_words(a, b);
    let negated = |ws: &[&str]| {
        ws.iter()
            .any(|w| NEGATIONS.contains(w) || w.ends_with("n't") || w.ends_with("n’t"))
    };
    let future = |ws: &[&str]| {
        ws.iter()
            .any(|w| FUTURE.contains(w) || matches!(*w, "won't" | "won’t") || w.ends_with("'ll"))
    };
    // "One concern was whether associates were coordinating with Russian operatives" asks what
    // "associates … coordinated with Russian operatives" asserts ("if" asks it too).
    let open = |ws: &[&str]| ws.contains(&"whether");
    let asks = |ws: &[&str]| open(ws) || ws.contains(&"if");
    // (Under a negation the two are one: "no confirmation on whether there was any device" /
    // "no confirmation of an explosive device".)
    let (na, nb) = (negated(&wa), negated(&wb));
    na == nb
        && future(&wa) == future(&wb)
        && (na || open(&wa) == open(&wb) || (asks(&wa) && asks(&wb)))
}

/// Fewest words of a clause one sentence adds for its stance words not to count.
const ADDED_CLAUSE: usize = 4;

/// The words of two normalised sentences that decide their stance: all but the runs of at least
/// [`ADDED_CLAUSE`] words one sentence inserts where the other has nothing, and but "or not"
/// after "whether".
fn stance_words<'t>(a: &'t str, b: &'t str) -> (Vec<&'t str>, Vec<&'t str>) {
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    let (mut ka, mut kb) = (vec![true; wa.len()], vec![true; wb.len()]);
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &wa, &wb) {
        match op {
            similar::DiffOp::Insert {
                new_index, new_len, ..
            } if new_len >= ADDED_CLAUSE => kb[new_index..new_index + new_len].fill(false),
            similar::DiffOp::Delete {
                old_index, old_len, ..
            } if old_len >= ADDED_CLAUSE => ka[old_index..old_index + old_len].fill(false),
            _ => {}
        }
    }
    let kept = |ws: &[&'t str], keep: &[bool]| -> Vec<&'t str> {
        let mut out: Vec<&str> = Vec::with_capacity(ws.len());
        for (i, (&w, &k)) in ws.iter().zip(keep).enumerate() {
            let whether_or_not =
                w == "not" && i >= 2 && ws[i - 1] == "or" && ws[i - 2] == "whether";
            if k && !whether_or_not {
                out.push(w);
            }
        }
        out
    };
    (kept(&wa, &ka), kept(&wb, &kb))
}

/// Whether two sorted term lists overlap enough to state the same facts.
fn overlaps(ta: &[&str], tb: &[&str]) -> bool {
    let (small, large) = if ta.len() <= tb.len() {
        (ta, tb)
    } else {
        (tb, ta)
    };
    let shared = small
        .iter()
        .filter(|t| large.binary_search(t).is_ok())
        .count();
    shared >= MIN_SHARED
        && shared as f64 >= CONTAINED * small.len() as f64
        && shared as f64 >= COVERED * large.len() as f64
}

/// The numbers written in `t` (digits with their separators, "1-1/4", "6.5", "124,000"),
/// normalised ("124000", "1.25"), sorted and unique.
pub fn numbers(t: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len()
            && (b[i].is_ascii_digit()
                || (matches!(b[i], b',' | b'.' | b'/' | b'-')
                    && i + 1 < b.len()
                    && b[i + 1].is_ascii_digit()))
        {
            i += 1;
        }
        out.push(normal_number(&t[start..i]));
    }
    let words: Vec<String> = (t.split(|c: char| !c.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase)
        .collect();
    let mut k = 0;
    while k < words.len() {
        // "Fifty-six" is 56, not 50 and 6.
        if let Some(tens) = tens_value(&words[k]) {
            let unit = words
                .get(k + 1)
                .and_then(|w| word_value(w))
                .filter(|&u| u < 10);
            out.push((tens + unit.unwrap_or(0)).to_string());
            k += 1 + usize::from(unit.is_some());
            continue;
        }
        if let Some(v) = word_value(&words[k]) {
            out.push(v.to_string());
        } else if words[k] == "half" {
            // "a year and a half", "half the vote": a quantity as much as "two months" is.
            out.push("0.5".to_string());
        }
        k += 1;
    }
    out.sort();
    out.dedup();
    out
}

/// Number words and ordinals ("two", "fifth", "seventh") as their values.
fn word_value(w: &str) -> Option<u32> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    const ORDINALS: [&str; 13] = [
        "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    // "one" is too often a pronoun ("one of them") and "first"/"second" too often not a count.
    (2..WORDS.len())
        .find(|&i| WORDS[i] == w)
        .or_else(|| (3..ORDINALS.len()).find(|&i| ORDINALS[i] == w))
        .map(|i| i as u32)
}

/// "twenty" … "ninety" as their values.
fn tens_value(w: &str) -> Option<u32> {
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    TENS.iter()
        .position(|t| *t == w)
        .map(|i| 20 + 10 * i as u32)
}

fn normal_number(s: &str) -> String {
    if let Some(v) = super::figures::parse_mixed(s) {
        return format!("{v}");
    }
    s.replace(',', "")
}

/// Neither claim states a number the other contradicts: one's numbers are all in the other
/// (a rewording may drop a figure, but not change one).
fn numbers_agree(a: &str, b: &str) -> bool {
    let (na, nb) = (numbers(a), numbers(b));
    let subset = |x: &[String], y: &[String]| x.iter().all(|n| y.binary_search(n).is_ok());
    subset(&na, &nb) || subset(&nb, &na)
}

/// Both claims are about the same named people, places or bodies: when both name some, they
/// share at least one, and neither names a body or person the other replaces.
fn subjects_agree(a: &Claim, b: &Claim) -> bool {
    if a.entities.is_empty() || b.entities.is_empty() {
        return true;
    }
    let shared = a.entities.iter().filter(|e| b.entities.contains(e)).count();
    shared > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_normalised() {
        assert_eq!(numbers("rose 1-1/4 pct to 6-3/16 pct"), ["1.25", "6.1875"]);
        assert_eq!(numbers("124,000 to 128,000 head"), ["124000", "128000"]);
        assert_eq!(numbers("no figures here"), Vec::<String>::new());
        assert_eq!(numbers("Canada's fifth case"), numbers("the 5 cases"));
        assert_eq!(numbers("two per cent"), ["2"]);
        assert_eq!(numbers("Fifty-six percent"), numbers("56 percent"));
        assert_eq!(numbers("forty people"), ["40"]);
        // A sentence longer by "about two months" and one by "over a year and a half" (NPR).
        assert_eq!(numbers("over a year and a half longer"), ["0.5"]);
        assert!(!numbers_agree(
            "In 2012, the black man would be sentenced to about two months longer than the white man would.",
            "In 2012, the black man would get a sentence over a year and a half longer than his white counterpart."
        ));
    }

    #[test]
    fn negation_and_future_turn_a_claim_round() {
        assert!(same_stance(
            "the code will be mandatory",
            "the code will be mandatory soon"
        ));
        assert!(!same_stance(
            "dairy australia calls for support",
            "dairy australia will not ask for support"
        ));
        assert!(!same_stance(
            "the warship will anchor in the bay",
            "the warships are anchored in the bay"
        ));
        assert!(!same_stance("it was policy", "it wasn't policy"));
        assert!(!same_stance(
            "the ship is anchored in the bay",
            "the ship is not anchored in the bay"
        ));
    }

    #[test]
    fn asking_whether_is_not_asserting() {
        assert!(!same_stance(
            "one concern was whether trump associates were coordinating with russian operatives",
            "associates of donald j trump coordinated with russian operatives"
        ));
        assert!(same_stance(
            "he asked whether the plan would pass",
            "he asked if the plan would pass"
        ));
        assert!(same_stance(
            "there was no confirmation on whether there was any device in the vehicle",
            "there was no confirmation of an explosive device in the vehicle"
        ));
    }

    #[test]
    fn a_clause_only_one_sentence_adds_does_not_turn_it_round() {
        assert!(same_stance(
            "the package is the first of planned projects minister gao said",
            "while the deals were not revealed the package is the first of planned projects"
        ));
        assert!(same_stance(
            "a label to show whether food has been grown in australia",
            "a label to show whether or not food has been grown in australia"
        ));
        // A clause that replaces words of the other is read: it may be what turns it round.
        assert!(!same_stance(
            "dairy australia calls for support for the levy",
            "dairy australia says it will never ask anyone for support for the levy"
        ));
    }

    #[test]
    fn a_dropped_figure_agrees_a_changed_one_does_not() {
        assert!(numbers_agree(
            "Sales rose 5 pct to 1.2 billion dlrs.",
            "Sales rose to 1.2 billion dlrs."
        ));
        assert!(!numbers_agree(
            "M1 rose 1.2 billion dlrs in the week ended March 2.",
            "M1 rose 3.4 billion dlrs in the week ended March 9."
        ));
    }
}
