//! Name cards scraped into a sentence: a page that shows a pop-up card on a politician's name
//! (full name, then the latest headlines about them, then "MORE") leaves, once scraped, the card
//! glued into the text — "communications director Hope Hicks Hope Charlotte HicksFormer White
//! House official won't testify, lawyer says … MORE announced her departure". The headlines are
//! other stories, often later ones: read as the sentence's words they link it to unrelated
//! claims and repeat across the article as duplicated passages.
//!
//! A card is found by its shape: " MORE" ends it; inside the 400 bytes before, a word glued to
//! the first headline ("HicksFormer": a lower-case letter then a capital) whose first part
//! ("Hicks") the text names just before the card ("Hope Hicks "). The card runs from after that
//! mention to after "MORE". The headline may open with a number ("McConnell2020 Democrats …"),
//! or stand apart from the card's name, which then repeats the mention's first name and
//! surname ("Paul Ryan Paul Davis Ryan Retirees should say …"). The claims are read without the cards; their spans stay in the
//! block's own text (see [`Cleaned::original`]).

use regex::Regex;
use std::sync::LazyLock;

/// Most bytes a card spans before its "MORE" (three headlines of The Hill's "Overnight" pages
/// with the card's name run to about 450).
const CARD_BYTES: usize = 640;
/// Most bytes between the text's own mention of the name and the glued word.
const NAME_BYTES: usize = 80;

/// A block's text without its name cards, and where text was cut.
pub struct Cleaned {
    pub text: String,
    /// (position in `text`, bytes cut there), in order.
    cuts: Vec<(usize, usize)>,
}

impl Cleaned {
    /// The position in the original text of position `p` of the cleaned one: a start at a cut
    /// lands after the cut text; an end (`end` true) before it.
    pub fn original(&self, p: usize, end: bool) -> usize {
        let before = |at: usize| if end { at < p } else { at <= p };
        p + (self.cuts.iter())
            .take_while(|(at, _)| before(*at))
            .map(|(_, n)| n)
            .sum::<usize>()
    }
}

/// `text` without its name cards, or `None` when it has none (most text: one substring search).
pub fn without_cards(text: &str) -> Option<Cleaned> {
    static MORE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+MORE\b ?").expect("card end"));
    if !text.contains(" MORE") {
        return None;
    }
    let mut cards: Vec<std::ops::Range<usize>> = Vec::new();
    let mut floor = 0;
    for m in MORE.find_iter(text) {
        let mut from = m.start().saturating_sub(CARD_BYTES).max(floor);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        if let Some(start) = card_start(text, from, m.start()) {
            cards.push(start..m.end());
            floor = m.end();
        }
    }
    if cards.is_empty() {
        return None;
    }
    let (mut out, mut cuts, mut pos) = (String::with_capacity(text.len()), Vec::new(), 0);
    for c in cards {
        out.push_str(&text[pos..c.start]);
        cuts.push((out.len(), c.end - c.start));
        pos = c.end;
    }
    out.push_str(&text[pos..]);
    Some(Cleaned { text: out, cuts })
}

/// Where the card ending at `end` starts: after the text's mention of the name glued to the
/// card's first headline, looked for between `from` and `end`.
fn card_start(text: &str, from: usize, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    for i in from..end.saturating_sub(1) {
        // (A headline may open with a number: "McConnell2020 Democrats push …".)
        if !(b[i].is_ascii_lowercase()
            && (b[i + 1].is_ascii_uppercase() || b[i + 1].is_ascii_digit()))
        {
            continue;
        }
        // The glued word starts after the last space; its first part is the surname.
        let word = text[..=i].rfind(' ').map_or(0, |s| s + 1);
        let surname = &text[word..=i];
        if surname.len() < 2 || !surname.starts_with(|c: char| c.is_ascii_uppercase()) {
            continue;
        }
        let Some(near) =
            (word.saturating_sub(NAME_BYTES)..word).find(|&k| text.is_char_boundary(k))
        else {
            continue;
        };
        let mention = format!("{surname} ");
        if let Some(at) = text[near..word].rfind(&mention) {
            let at = near + at;
            let whole = at == 0 || !b[at - 1].is_ascii_alphanumeric();
            if whole {
                return Some(at + mention.len());
            }
        }
        // The card may misspell the name by a doubled letter ("Costello" / "CostellloFormer").
        if let Some(end) = misspelt_mention(&text[near..word], surname) {
            return Some(near + end);
        }
    }
    repeated_name(text, from, end)
}

/// The end (after its space) of the last word of `before` that is `surname` but for doubled
/// letters.
fn misspelt_mention(before: &str, surname: &str) -> Option<usize> {
    let single = |w: &str| {
        let mut out = String::with_capacity(w.len());
        for c in w.chars() {
            if !out.ends_with(c) {
                out.push(c);
            }
        }
        out
    };
    let key = single(surname);
    let mut at = 0;
    let mut found = None;
    for w in before.split(' ') {
        at += w.len() + 1;
        if w.len() >= 4 && single(w) == key && at <= before.len() {
            found = Some(at);
        }
    }
    found
}

/// Where a card starts that is not glued to its first headline: the text's mention of a name,
/// then the card's full name with the same first name and surname ("Speaker Paul Ryan Paul
/// Davis Ryan Retirees should say …"). The card starts after the mention.
fn repeated_name(text: &str, from: usize, end: usize) -> Option<usize> {
    let words: Vec<(usize, &str)> = text[from..end]
        .split(' ')
        .scan(from, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let capitalised =
        |w: &str| w.starts_with(|c: char| c.is_ascii_uppercase()) || w.starts_with('(');
    for (i, &(_, surname)) in words.iter().enumerate() {
        let name_like = surname.len() >= 2
            && surname.starts_with(|c: char| c.is_ascii_uppercase())
            && surname.chars().all(char::is_alphabetic);
        // The mention's first name opens the card's name too.
        let first = if i > 0 { words[i - 1].1 } else { "" };
        if !name_like || !capitalised(first) || words.get(i + 1).map(|w| w.1) != Some(first) {
            continue;
        }
        for k in 2..=4 {
            let Some(&(_, last)) = words.get(i + k) else {
                break;
            };
            if !words[i + 1..=i + k].iter().all(|(_, w)| capitalised(w)) {
                break;
            }
            if last == surname && words.get(i + k + 1).is_some() {
                return words.get(i + 1).map(|&(at, _)| at);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::without_cards;

    /// The text of `t` with its cards cut; `t` must hold one.
    fn cut(t: &str) -> String {
        without_cards(t).expect("a card").text
    }

    #[test]
    fn a_name_card_is_cut_and_positions_map_back() {
        let t = "Communications director Hope Hicks Hope Charlotte HicksFormer White House official won't testify, lawyer says Trump's Pentagon move MORE announced her departure.";
        let c = without_cards(t).expect("a card");
        assert_eq!(
            c.text,
            "Communications director Hope Hicks announced her departure."
        );
        let at = c.text.find("announced").expect("word");
        assert_eq!(
            &t[c.original(at, false)..c.original(at, false) + 9],
            "announced"
        );
        assert_eq!(c.original(c.text.len(), true), t.len());
    }

    #[test]
    fn two_cards_in_one_sentence_and_capitals_inside_headlines() {
        let t = "Justice Neil Gorsuch Neil GorsuchMcConnell protege emerges as Kentucky's next rising star Divided Supreme Court leans toward allowing Trump to end DACA MORE joined Justice Sonia Sotomayor Sonia SotomayorJustices wrestle with reach of Clean Water Act MORE in dissent.";
        assert_eq!(
            cut(t),
            "Justice Neil Gorsuch joined Justice Sonia Sotomayor in dissent."
        );
    }

    #[test]
    fn a_card_glued_to_a_number_or_set_apart_by_a_space_is_cut() {
        // The Hill (corpus13): the headline after the card's name opens with "2020", or the
        // card's name stands apart from its first headline.
        let t = "Moore won despite Trump and Senate Majority Leader Mitch McConnell Addison (Mitch) Mitchell McConnell2020 Democrats push for gun control action at forum MORE backing Strange.";
        assert_eq!(
            cut(t),
            "Moore won despite Trump and Senate Majority Leader Mitch McConnell backing Strange."
        );
        let t = "The secretary also spoke with Speaker Paul Ryan Paul Davis Ryan Retirees should say 'no thanks' to Romney's plan DC's liaison to rock 'n' roll MORE (R-Wis.) last week.";
        assert_eq!(
            cut(t),
            "The secretary also spoke with Speaker Paul Ryan (R-Wis.) last week."
        );
    }

    #[test]
    fn a_card_of_three_long_headlines_is_cut() {
        // The Hill (corpus14): 449 bytes from the glued name to "MORE".
        let t = "The agency is in upheaval after new allegations against its administrator, Scott Pruitt Edward (Scott) Scott PruittOvernight Energy: BLM staff face choice of relocation or resignation as agency moves | Trump says he's 'very much into climate' | EPA rule would expand limits on scientific studies EPA rule proposes to expand limitations on scientific studies Overnight Energy: Fight between EPA watchdog, agency lawyers heats up | Top EPA official under investigation over document destruction | DOJ issues subpoenas to automakers in California emissions pact MORE .";
        assert_eq!(
            cut(t),
            "The agency is in upheaval after new allegations against its administrator, Scott Pruitt ."
        );
    }

    #[test]
    fn a_card_misspelling_the_name_is_cut() {
        // The Hill (corpus15): the card spells "Costelllo".
        let t = "\u{201c}We all know challenges of suburban R\u{2019}s,\u{201d} tweeted retiring Rep. Ryan Costello Ryan Anthony CostellloFormer GOP Rep. Costello launches lobbying shop Lobbying world MORE (R-Pa.).";
        assert_eq!(
            cut(t),
            "\u{201c}We all know challenges of suburban R\u{2019}s,\u{201d} tweeted retiring Rep. Ryan Costello (R-Pa.)."
        );
    }

    #[test]
    fn text_without_a_card_is_left_alone() {
        assert!(without_cards("He said MORE must be done, McConnell agreed.").is_none());
        assert!(without_cards("The MORE Act passed the House.").is_none());
    }
}
