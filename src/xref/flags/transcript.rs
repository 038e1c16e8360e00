//! Interview transcripts printed under a story ("INSKEEP: …", "CRUZ: Well, Steve, …"): the story
//! above quotes the interview, so a sentence of the story said again in the transcript is the
//! record of what was said, not a duplicated passage (two such flags on one NPR page of the
//! ninth sample were judged wrong); so is a guest's answer given twice in two turns (Democracy
//! Now, the tenth).

use crate::content::{Block, BlockKind};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Speaker-labelled paragraphs a page needs to hold a transcript.
pub const MIN_TURNS: usize = 4;

/// A paragraph opening with a speaker's label: "INSKEEP:", "STEVE INSKEEP, HOST:", "SEN. TED
/// CRUZ:", "Julia Belluz:", "KL:".
static TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<who>[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,3})(?:, [A-Z][A-Z ]*)?:\s+\S")
        .expect("transcript turn")
});

/// Whether a paragraph is a speaker's turn (opens with a speaker's label).
pub fn is_turn(text: &str) -> bool {
    TURN.is_match(text)
}

/// The index of the block where a transcript starts: the first speaker-labelled paragraph,
/// when the page has at least [`MIN_TURNS`] of them by two speakers or more. List items are
/// no turns: a list of "State: …" entries may name one state twice.
pub fn start(blocks: &[Block]) -> Option<usize> {
    let mut first = None;
    let mut turns = 0;
    let mut speakers = BTreeSet::new();
    for (i, b) in blocks.iter().enumerate() {
        if b.kind != BlockKind::Body {
            continue;
        }
        if let Some(c) = TURN.captures(&b.text) {
            first.get_or_insert(i);
            turns += 1;
            speakers.insert(c.name("who").map_or("", |m| m.as_str()));
        }
    }
    (turns >= MIN_TURNS && speakers.len() >= 2).then_some(first?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(texts: &[&str]) -> Vec<Block> {
        Block::body_lines(texts)
    }

    #[test]
    fn speaker_turns_make_a_transcript_from_the_first_turn() {
        let page = blocks(&[
            "\"I've taken this same approach,\" Cruz said.",
            "INSKEEP: Which Muslims do you want to keep out?",
            "CRUZ: Well, Steve, let me say two things on that.",
            "Number one, I've taken this same approach.",
            "STEVE INSKEEP, HOST: Senator, thank you.",
            "CRUZ: Thank you.",
        ]);
        assert_eq!(start(&page), Some(1));
        // Vox: names in full, then initials; a pull-quote inside the first answer is in it.
        let vox = blocks(&[
            "To learn more, I spoke to Dr. Kelvin Lee.",
            "Julia Belluz: How did your exchanges change how you think?",
            "Kelvin Lee: Everybody believes Cuba is stuck in the 1950s.",
            "\"Many people think what Cuba has to offer is rum\" They have two other vaccines.",
            "JB: So how did the warming of relations matter?",
            "KL: We got the license to import it.",
            "JB: How far are we away from this vaccine reaching the US?",
            "KL: Cuba has done the phase-three studies.",
        ]);
        assert_eq!(start(&vox), Some(1));
        assert!(is_turn(
            "TERRANCE WISE: I'm sorry. I've been working fast food for 17 years."
        ));
        assert!(!is_turn(
            "\"Many people think what Cuba has to offer is rum\" They have two."
        ));
    }

    #[test]
    fn labels_of_one_speaker_or_few_turns_are_no_transcript() {
        let notes = blocks(&[
            "UPDATE: The Senate adjourned.",
            "UPDATE: The vote is Tuesday.",
            "UPDATE: The bill passed.",
            "UPDATE: The president signed it.",
        ]);
        assert_eq!(start(&notes), None);
        let two = blocks(&["INSKEEP: Hello.", "CRUZ: Hello.", "WASHINGTON: The vote."]);
        assert_eq!(start(&two), None);
        // Entries of a list by state, one state twice: no interview.
        let mut states = blocks(&[
            "Norland: The court struck down the ban.",
            "Eastmark: The court struck down the ban.",
            "Southdale: The assembly voted 41-12.",
            "Westfold: The governor signed a bill.",
            "Southdale: The assembly voted 41-12.",
        ]);
        for b in &mut states {
            b.kind = BlockKind::ListItem;
        }
        assert_eq!(start(&states), None);
    }
}
