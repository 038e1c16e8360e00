//! What a count of people counts when a verb says it: "killing 12", "41 people were also
//! wounded", "66 Turkish troops have been killed", "raised the death toll to 64". The dead and
//! the injured of one event are two quantities; a bare "12 people" next to "49 people" says
//! nothing about which is which. A count found here gets the verb's class as its unit
//! ("killed", "injured", "missing", "arrested"); a number no other pattern read ("injuring 49")
//! becomes a count of its own.

use super::model::{Figure, FigureKind, Span};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const NUMBER: &str = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)";
const HEDGE: &str =
    r"(?:(?P<qual>more than|at least|nearly|almost|about|around|over|some|up to|close to)\s+)?";
/// Words that may stand between a count and its verb: "41 people were also wounded", "66 Turkish
/// troops have been killed", "12 dead".
const BETWEEN: &str = r"(?:(?-i:[A-Z][a-z]+)\s+)?(?:(?:people|persons|civilians|others|soldiers|troops|policemen|police officers|officers|children|workers|migrants|passengers)\s+)?(?:(?:were|was|are|is|have|has|had|been|being|also|reportedly)\s+){0,3}";

/// A verb, then the count: "killing 12", "wounded at least 35 people".
static VERB_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<verb>killing|killed|kills|wounding|wounded|injuring|injured|arresting|arrested)\s+{HEDGE}{NUMBER}\b(?:\s+(?:other\s+)?(?:people|persons|civilians|others|soldiers|troops|policemen|officers|children|workers|migrants))?"
    ))
    .expect("verb first")
});

/// The count, then its verb: "12 people were killed", "at least 35 were wounded", "12 dead".
static COUNT_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i){HEDGE}\b{NUMBER}\s+{BETWEEN}(?P<verb>killed|dead|died|injured|wounded|hurt|missing|arrested)\b"
    ))
    .expect("count first")
});

/// "the death toll to 64", "death toll rose to at least 26".
static TOLL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<verb>death toll|toll)\b[^.;]{{0,40}}?\b(?:to|of|at|is|was|stands at|reached)\s+{HEDGE}{NUMBER}\b"
    ))
    .expect("toll")
});

/// The class of a casualty verb: the quantity it counts.
fn class(verb: &str) -> &'static str {
    let v = verb.to_lowercase();
    if v.starts_with("kill") || v == "dead" || v == "died" || v.ends_with("toll") {
        "killed"
    } else if v.starts_with("wound") || v.starts_with("injur") || v == "hurt" {
        "injured"
    } else if v == "missing" {
        "missing"
    } else {
        "arrested"
    }
}

/// Give the counts of `out` a casualty class where a verb states one, adding counts no other
/// pattern read. `skip` holds byte ranges (dates, times) whose numbers are not figures.
pub fn mark(sentence: &str, skip: &[Range<usize>], out: &mut Vec<Figure>) {
    if !may_hold(sentence) {
        return;
    }
    for re in [&*VERB_FIRST, &*COUNT_FIRST, &*TOLL] {
        for c in re.captures_iter(sentence) {
            let (Some(num), Some(verb)) = (c.name("num"), c.name("verb")) else {
                continue;
            };
            let r = num.range();
            if skip.iter().any(|s| s.start < r.end && r.start < s.end) {
                continue;
            }
            if super::figures::compound(&sentence[..r.start], "") {
                continue;
            }
            let unit = class(verb.as_str());
            if let Some(f) = out
                .iter_mut()
                .find(|f| f.span.start < r.end && r.start < f.span.end)
            {
                let classed = matches!(
                    f.unit.as_deref(),
                    Some("killed" | "injured" | "missing" | "arrested")
                );
                if f.kind == FigureKind::Count && !classed {
                    f.unit = Some(unit.to_string());
                }
                continue;
            }
            let Some(v) = super::figures::count_value(num.as_str()) else {
                continue;
            };
            let qual = c.name("qual");
            out.push(Figure {
                kind: FigureKind::Count,
                value: v,
                milli: super::figures::to_milli(v),
                currency: None,
                of: None,
                unit: Some(unit.to_string()),
                qualifier: qual.map(|q| q.as_str().to_lowercase()),
                text: num.as_str().to_string(),
                span: Span {
                    start: r.start,
                    end: r.end,
                },
            });
        }
    }
}

/// Cheap test before the patterns: a casualty word in the sentence.
fn may_hold(sentence: &str) -> bool {
    static WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "kill", "dead", "died", "wound", "injur", "hurt", "missing", "arrest", "toll",
            ])
            .expect("casualty words")
    });
    WORDS.is_match(sentence)
}

#[cfg(test)]
mod tests {
    use super::super::figures::figures_in;

    fn units(s: &str) -> Vec<(String, Option<String>)> {
        figures_in(s, &[])
            .into_iter()
            .map(|f| (f.text, f.unit))
            .collect()
    }

    fn pair(text: &str, unit: &str) -> (String, Option<String>) {
        (text.to_string(), Some(unit.to_string()))
    }

    #[test]
    fn the_dead_and_the_injured_are_two_quantities() {
        assert_eq!(
            units("A lorry hit the market, killing 12 people and injuring 49."),
            vec![pair("12 people", "killed"), pair("49", "injured")]
        );
        assert_eq!(
            units("Amri drove a truck into the market, killing 12 and injuring 56 people."),
            vec![pair("12", "killed"), pair("56 people", "injured")]
        );
    }

    #[test]
    fn a_count_before_its_verb_is_classed_by_it() {
        assert_eq!(
            units("He said 41 people were also wounded in the explosion."),
            vec![pair("41 people", "injured")]
        );
        assert_eq!(
            units("The agency says 66 Turkish troops have been killed in Syria."),
            vec![pair("66 Turkish", "killed")]
        );
        assert_eq!(
            units("The attack killed 12 people and wounded nearly 50 others."),
            vec![pair("12 people", "killed"), pair("50 others", "injured")]
        );
        assert_eq!(
            units("The airstrike raised Turkey's death toll in Syria to 64."),
            vec![pair("64", "killed")]
        );
    }

    #[test]
    fn a_compound_number_word_is_not_read_as_its_last_word() {
        assert_eq!(
            units("Twenty-eight parties are vying for 150 seats."),
            vec![pair("150 seats", "seat")]
        );
        assert_eq!(
            units("Two hundred and twenty-eight candidates are competing."),
            vec![]
        );
    }

    #[test]
    fn counts_without_a_casualty_verb_keep_their_noun() {
        assert_eq!(
            units("The court heard 900 documents were kept secret."),
            vec![pair("900 documents", "document")]
        );
    }
}
