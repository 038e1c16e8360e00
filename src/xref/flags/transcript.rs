//! Interview transcripts printed under a story ("INSKEEP: …", "CRUZ: Well, Steve, …"): the story
//! above quotes the interview, so a sentence of the story said again in the transcript is the
//! record of what was said, not a duplicated passage (two such flags on one NPR page of the
//! ninth sample were judged wrong); so is a guest's answer given twice in two turns (Democracy
//! Now, the tenth). A turn is labelled ("CRUZ: …") or sits under its speaker's name on a line
//! of its own (Vox).

use crate::content::{Block, BlockKind};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Speaker-labelled paragraphs a page needs to hold a transcript.
pub const MIN_TURNS: usize = 4;

/// A paragraph opening with a speaker's label: "INSKEEP:", "STEVE INSKEEP, HOST:", "SEN. TED
/// CRUZ:", "Julia Belluz:", "KL:", "Sen. Pat Roberts (R-KS):" (the party tag of a Vox
/// interview's heading).
static TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<who>[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,3})(?: \([A-Z]-[A-Za-z.]{2,6}\))?(?:, [A-Z][A-Z ]*)?:\s+\S")
        .expect("transcript turn")
});

/// A speaker's name alone on the line above each turn, as Vox prints its interviews ("Jeff
/// Stein", then the question; "Alec MacGillis", then the answer).
static NAME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){1,2}$").expect("speaker's name line")
});

/// The speaker a paragraph standing alone names, when it is only a name.
fn name_line(text: &str) -> Option<&str> {
    let t = text.trim();
    (t.len() <= 40 && NAME_LINE.is_match(t)).then_some(t)
}

/// Whether block `i` of `blocks` is a speaker's turn: it opens with a speaker's label, or the
/// line above it is a speaker's name alone.
pub fn is_turn(blocks: &[Block], i: usize) -> bool {
    let labelled = blocks.get(i).is_some_and(|b| TURN.is_match(&b.text));
    let named = i > 0
        && blocks
            .get(i - 1)
            .is_some_and(|b| name_line(&b.text).is_some());
    labelled || named
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
    (turns >= MIN_TURNS && speakers.len() >= 2)
        .then_some(first)
        .flatten()
        .or_else(|| named_turns(blocks))
}

/// Where a transcript of speakers' names on lines of their own starts: at the first name line
/// of two speakers named at least twice each above a paragraph, [`MIN_TURNS`] such turns in all
/// (a roundup's headings name each candidate once).
fn named_turns(blocks: &[Block]) -> Option<usize> {
    let mut uses: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for (i, pair) in blocks.windows(2).enumerate() {
        let Some(who) = name_line(&pair[0].text) else {
            continue;
        };
        if pair[1].kind == BlockKind::Body && name_line(&pair[1].text).is_none() {
            uses.entry(who).or_insert((i, 0)).1 += 1;
        }
    }
    let repeated: Vec<(usize, usize)> = uses.into_values().filter(|u| u.1 >= 2).collect();
    let turns: usize = repeated.iter().map(|u| u.1).sum();
    (repeated.len() >= 2 && turns >= MIN_TURNS)
        .then(|| repeated.iter().map(|u| u.0).min())
        .flatten()
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
        let wise = blocks(&["TERRANCE WISE: I'm sorry. I've been working fast food for 17 years."]);
        assert!(is_turn(&wise, 0));
        let rum = blocks(&["\"Many people think what Cuba has to offer is rum\" They have two."]);
        assert!(!is_turn(&rum, 0));
    }

    #[test]
    fn a_senators_label_with_a_party_tag_opens_a_turn() {
        // Vox (corpus13): interviews with nine senators, each under "Sen. X (R-KS): “…”".
        let page = blocks(&[
            "“If we do nothing, it has a tremendous impact,” Roberts said.",
            "Sen. Pat Roberts (R-KS): “If we do nothing, it has a tremendous impact”",
            "Jeff Stein: Why now?",
            "Sen. Jim Inhofe (R-OK): “Efficiencies can make up the difference”",
            "Jeff Stein: How so?",
        ]);
        assert_eq!(start(&page), Some(1));
    }

    #[test]
    fn speakers_names_on_lines_of_their_own_make_a_transcript() {
        // Vox (corpus12): the story quotes the answer its interview prints further down.
        let page = blocks(&[
            "\"It has been about the rise itself,\" MacGillis says.",
            "Jeff Stein",
            "What's the story his friends would tell?",
            "Alec MacGillis",
            "They had a very hard time answering that question.",
            "Jeff Stein",
            "Why does he care so much?",
            "Alec MacGillis",
            "It has been about the rise itself.",
        ]);
        assert_eq!(start(&page), Some(1));
        assert!(is_turn(&page, 8));
        assert!(!is_turn(&page, 0));
        // A roundup's headings name each candidate once: no interview.
        let roundup = blocks(&[
            "Joe Biden",
            "He leads the polls.",
            "Bernie Sanders",
            "He raised the most money.",
            "Elizabeth Warren",
            "She has a plan for that.",
            "Pete Buttigieg",
            "He won Iowa.",
        ]);
        assert_eq!(start(&roundup), None);
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
