//! The occasion a sentence says a quotation was given on — a post, a letter, a written
//! statement, a briefing, an interview, a speech — from the words around it ("wrote in a
//! tweet", "told reporters", "said on \"Fox News Sunday\""). Two quotations of one speaker given
//! on different occasions are two statements, however alike their words: `altered_quote`
//! compares only quotations whose occasions are the same or unknown.

use regex::Regex;
use std::sync::LazyLock;

/// Where a statement was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occasion {
    /// A post on a social network.
    Post,
    /// A letter or memo.
    Letter,
    /// A written statement or release.
    Statement,
    /// Remarks to reporters: a briefing, a news conference.
    Briefing,
    /// An interview: with an outlet, on a named programme.
    Interview,
    /// A speech, a rally, testimony at a hearing.
    Speech,
}

/// Cues in the order they are tried: "told CNN in a statement" is a statement, not an interview.
static CUES: LazyLock<Vec<(Occasion, Regex)>> = LazyLock::new(|| {
    let re = |p: &str| Regex::new(&format!("(?i){p}")).expect("occasion cue");
    vec![
        (
            Occasion::Post,
            re(
                r"\btweet(?:ed|s)?\b|\bon twitter\b|\b(?:twitter|facebook|instagram) post\b|\bposted on\b|\bpost on (?:twitter|facebook|instagram)\b",
            ),
        ),
        (
            Occasion::Letter,
            re(r"\bin an? (?:\w+ )?(?:letter|memo)\b|\bletter to\b"),
        ),
        (
            Occasion::Statement,
            re(
                r"\bin an? (?:\w+ )?statement\b|\bstatement (?:said|read|released)\b|\b(?:press|news) release\b",
            ),
        ),
        (
            Occasion::Briefing,
            re(r"\btold reporters\b|\b(?:news|press) conference\b|\bbriefing\b"),
        ),
        (
            Occasion::Interview,
            re(r"\bin an interview\b|\binterview with\b|\bon [“\x22][A-Z]|\btold the outlet\b"),
        ),
        (
            Occasion::Speech,
            re(r"\bin a speech\b|\bat a rally\b|\btestified\b|\bin (?:his|her) testimony\b"),
        ),
    ]
});

/// The occasion sentence `s` names for what it quotes, if it names one.
pub fn occasion(s: &str) -> Option<Occasion> {
    CUES.iter().find(|(_, re)| re.is_match(s)).map(|(o, _)| *o)
}

/// Whether two sentences name different occasions for what they quote.
pub fn different(a: &str, b: &str) -> bool {
    matches!((occasion(a), occasion(b)), (Some(x), Some(y)) if x != y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occasions_from_the_words_around_a_quotation() {
        let s = |t| occasion(t);
        assert_eq!(
            s("\"We think we owe the country a balanced budget,\" Ryan told reporters."),
            Some(Occasion::Briefing)
        );
        assert_eq!(
            s(
                "\"We owe the American people a balanced budget,\" Ryan said on \"Fox News Sunday.\""
            ),
            Some(Occasion::Interview)
        );
        assert_eq!(
            s("\"This is to neutralize the abortion ban bill,\" Hollis wrote in a tweet."),
            Some(Occasion::Post)
        );
        assert_eq!(
            s("\"Jared served as the point of contact,\" the spokesman told CNN in a statement."),
            Some(Occasion::Statement)
        );
        assert_eq!(s("\"We are ready,\" she said."), None);
        assert!(different(
            "\"We owe the country a balanced budget,\" Ryan told reporters.",
            "\"We owe the American people a balanced budget,\" Ryan said on \"Fox News Sunday.\""
        ));
        // One occasion unknown: they may be one statement.
        assert!(!different(
            "\"We owe the country a balanced budget,\" he says.",
            "\"We owe the American people a balanced budget,\" Ryan said on \"Fox News Sunday.\""
        ));
    }
}
