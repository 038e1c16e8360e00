//! Mentions in one sentence: capitalised runs (with connectors such as "of" and "bin") become
//! mentions, titles such as "President" are stripped and the kind is guessed from titles, the
//! gazetteer and organisation words.

use super::lexicon::*;
use crate::xref::aliases::key;
use crate::xref::model::EntityKind;
use crate::xref::text;
use std::ops::Range;

/// A capitalised name found in a sentence.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte span within the sentence.
    pub span: Range<usize>,
    /// The name as written, without titles or possessive.
    pub surface: String,
    pub hint: Option<EntityKind>,
}

fn is_cap(w: &str) -> bool {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_ascii_digit() => w.chars().any(|c| c.is_uppercase()), // "G7"
        _ => false,
    }
}

/// Capitalised runs of a sentence as mentions.
/// US presidents by term (first and last day), for titles that name whoever holds the office.
const US_PRESIDENTS: &[(&str, &str, &str)] = &[
    ("2001-01-20", "2009-01-19", "George W. Bush"),
    ("2009-01-20", "2017-01-19", "Barack Obama"),
    ("2017-01-20", "2021-01-19", "Donald Trump"),
    ("2021-01-20", "2025-01-19", "Joe Biden"),
    ("2025-01-20", "2029-01-19", "Donald Trump"),
];

/// A title that names an office ("POTUS") stands for whoever held it on the article's date: the
/// mention takes that person's name, so it joins their entity. Without a date it is left alone.
pub fn name_office_holders(mentions: &mut [Mention], date: Option<chrono::NaiveDate>) {
    let Some(date) = date else { return };
    for m in mentions.iter_mut().filter(|m| m.surface == "POTUS") {
        let holder = US_PRESIDENTS.iter().find(|(from, to, _)| {
            let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            day(from).is_some_and(|f| f <= date) && day(to).is_some_and(|t| date <= t)
        });
        if let Some((_, _, name)) = holder {
            m.surface = (*name).to_string();
            m.hint = Some(EntityKind::Person);
        }
    }
}

pub fn mentions(sentence: &str) -> Vec<Mention> {
    let words = text::words(sentence);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let raw = &sentence[words[i].span.clone()];
        if !is_cap(raw) || is_calendar(&words[i].lower) || is_party_tag(raw) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < words.len() {
            let r = &sentence[words[j].span.clone()];
            let gap = &sentence[words[j - 1].span.end..words[j].span.start];
            if !gap.trim().is_empty() || words[j - 1].lower.ends_with("'s") {
                break;
            }
            let left = words[j - 1].lower.as_str();
            let connector = (matches!(r, "de" | "al" | "bin" | "von" | "van" | "du")
                || (r == "of"
                    && (ORG_WORDS.contains(&left)
                        || TITLES.contains(&left)
                        || OF_WORDS.contains(&left))))
                && words
                    .get(j + 1)
                    .is_some_and(|n| is_cap(&sentence[n.span.clone()]));
            // "National Security and Defense Council of Ukraine": "and" inside one body's name,
            // when the capitalised words after it end in an organisation word.
            let and_in_name = r == "and" && {
                let rest = words[j + 1..].iter().take_while(|w| {
                    let raw = &sentence[w.span.clone()];
                    is_cap(raw) || raw == "of"
                });
                rest.take(5).any(|w| ORG_WORDS.contains(&w.lower.as_str()))
            };
            let name_word = is_cap(r) && !is_calendar(&words[j].lower) && !is_party_tag(r);
            if name_word || connector || and_in_name {
                j += 1;
            } else {
                break;
            }
        }
        let starts_clause = i == 0 || opens_clause(&sentence[..words[i].span.start]);
        split_run(sentence, &words[i..j], starts_clause, &mut out);
        i = j;
    }
    out
}

/// A legislator's party and state after the name ("R-Calif", "D-N.Y", "I-Vt"): no name's part.
fn is_party_tag(raw: &str) -> bool {
    let mut c = raw.chars();
    matches!(c.next(), Some('R' | 'D' | 'I'))
        && c.next() == Some('-')
        && c.next().is_some_and(char::is_uppercase)
}

/// All capitals, two letters or more ("WHO", "AT"): an acronym, not a capitalised word.
fn is_acronym(raw: &str) -> bool {
    raw.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !raw.chars().any(char::is_lowercase)
}

/// Whether text before a word ends in a quote, bracket, colon, dash or sentence end: the word then
/// starts a clause and is capitalised as a sentence start (`said, "The opinion…`, a claim that
/// spans two sentences), so "The" or "His" there is not a name.
fn opens_clause(before: &str) -> bool {
    before
        .trim_end()
        .ends_with(['"', '“', '”', '‘', '(', ':', '—', '–', '.', '!', '?'])
}

/// Splits a capitalised run into mentions; `initial` when it starts a sentence or clause.
fn split_run(sentence: &str, run: &[text::Word], initial: bool, out: &mut Vec<Mention>) {
    let (start, titled) = skip_titles(sentence, run, out);
    let rest = &run[start..];
    if rest.is_empty() {
        return;
    }
    // (Not inside a body's name: "National Security and Defense Council" keeps its "Defense".)
    if let Some(k) = (1..rest.len()).find(|&k| {
        TITLES.contains(&rest[k].lower.as_str())
            && k + 1 < rest.len()
            && !has_org_word(&rest[k + 1..])
    }) {
        // "White House Press Secretary Jen Psaki": the organisation, then the titled person.
        split_run(sentence, &rest[..k], initial && start == 0, out);
        return split_run(sentence, &rest[k..], false, out);
    }
    if rest.len() == 1
        && (TITLES.contains(&rest[0].lower.as_str()) || ORG_WORDS.contains(&rest[0].lower.as_str()))
    {
        return; // a bare title or generic word ("Minister", "Ministry")
    }
    let starter = SENTENCE_STARTERS.contains(&rest[0].lower.as_str());
    if starter && rest.len() == 1 && !is_acronym(&sentence[rest[0].span.clone()]) {
        return; // a lone "The" or "His" (after a glued-on heading, say) is never a name; "WHO" is
    }
    if initial && start == 0 && starter {
        if rest.len() > 1 {
            split_run(sentence, &rest[1..], false, out);
        }
        return;
    }
    // A place glued to a name: "Japan Fumio Kishida", "Ukraine Volodymyr Zelensky".
    if rest.len() >= 3
        && PLACES.contains(&rest[0].lower.trim_end_matches("'s"))
        && !has_org_word(&rest[1..])
    {
        push(sentence, &rest[..1], Some(EntityKind::Place), out);
        return split_run(sentence, &rest[1..], false, out);
    }
    if rest.len() == 1
        && let Some(country) = demonym_country(&rest[0].lower)
    {
        out.push(Mention {
            span: rest[0].span.clone(),
            surface: country.to_string(),
            hint: Some(EntityKind::Place),
        });
        return;
    }
    // (A lone capitalised first word with no kind may be an ordinary word: it stays unknown.)
    push(sentence, rest, guess_kind(sentence, rest, titled), out);
}

/// Skips the titles and demonyms a run starts with ("Ukrainian President"), and "of" with the
/// country it names ("Prime Minister of Japan Fumio Kishida": the country becomes a mention).
/// Returns where the name starts and whether a title preceded it.
fn skip_titles(sentence: &str, run: &[text::Word], out: &mut Vec<Mention>) -> (usize, bool) {
    let mut start = 0;
    let mut titled = false;
    while start < run.len() && is_title_or_demonym(run, start) {
        titled |= TITLES.contains(&run[start].lower.as_str());
        start += 1;
    }
    if start < run.len() && run[start].lower == "of" {
        start += 1;
        let place_end = (start + 1..=run.len())
            .rev()
            .find(|&e| PLACES.contains(&key(&join(sentence, &run[start..e])).as_str()));
        if let Some(e) = place_end {
            push(sentence, &run[start..e], Some(EntityKind::Place), out);
            start = e;
        }
        while start < run.len() && is_title_or_demonym(run, start) {
            start += 1;
        }
    }
    (start, titled)
}

fn is_title_or_demonym(run: &[text::Word], at: usize) -> bool {
    if run.len() - at < 2 {
        return false;
    }
    let w = run[at].lower.as_str();
    let title = |w: &str| TITLES.contains(&w);
    title(w)
        || (matches!(
            w,
            "ukrainian"
                | "japanese"
                | "russian"
                | "u.s"
                | "us"
                | "american"
                | "chinese"
                | "british"
                | "uk"
                | "french"
                | "german"
                | "korean"
                | "israeli"
                | "indian"
                | "saudi"
                | "turkish"
                | "iranian"
        ) && title(run[at + 1].lower.as_str()))
}

fn demonym_country(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "ukrainian" | "ukrainians" => "Ukraine",
        "russian" | "russians" => "Russia",
        "japanese" => "Japan",
        "chinese" => "China",
        "american" | "americans" => "United States",
        "british" => "United Kingdom",
        "german" | "germans" => "Germany",
        "french" => "France",
        "israeli" | "israelis" => "Israel",
        "iranian" | "iranians" => "Iran",
        "indian" => "India",
        "italian" => "Italy",
        "canadian" => "Canada",
        "polish" => "Poland",
        "turkish" => "Turkey",
        "syrian" | "syrians" => "Syria",
        "mexican" | "mexicans" => "Mexico",
        "european" | "europeans" => "Europe",
        _ => return None,
    })
}

fn has_org_word(run: &[text::Word]) -> bool {
    run.iter()
        .any(|w| ORG_WORDS.contains(&w.lower.trim_end_matches("'s")))
}

fn join(sentence: &str, run: &[text::Word]) -> String {
    match (run.first(), run.last()) {
        (Some(f), Some(l)) => sentence[f.span.start..l.span.end].to_string(),
        _ => String::new(),
    }
}

fn guess_kind(sentence: &str, run: &[text::Word], titled: bool) -> Option<EntityKind> {
    let k = key(&join(sentence, run));
    let last = run.last().map_or("", |w| w.lower.trim_end_matches("'s"));
    if has_org_word(run) {
        return Some(EntityKind::Org);
    }
    // "City of Albany", "State of Ohio", "Isle of Man": a place named by what it is ("Duke of
    // Edinburgh" is a title, read below).
    let of_place = run.len() >= 3
        && run[1].lower == "of"
        && OF_WORDS.contains(&run[0].lower.as_str())
        && run[0].lower != "duke";
    if PLACES.contains(&k.as_str()) || PLACE_WORDS.contains(&last) || of_place {
        return Some(EntityKind::Place);
    }
    if titled {
        return Some(EntityKind::Person);
    }
    let raw = join(sentence, run);
    if run.len() == 1
        && raw.len() >= 2
        && raw
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.')
    {
        return Some(EntityKind::Org); // acronym: NATO, CNN, JSDF
    }
    let after = &sentence[run.last().map_or(0, |w| w.span.end)..];
    let after = after.trim_start_matches(['’', '\'', 's', ',', ' ']);
    if after.starts_with("said") || after.starts_with("says") {
        return Some(EntityKind::Person);
    }
    if (2..=3).contains(&run.len())
        && run
            .iter()
            .all(|w| w.lower.chars().all(|c| c.is_alphabetic() || c == '-'))
        && !run.first().is_some_and(|w| describes(&w.lower))
    {
        return Some(EntityKind::Person);
    }
    None
}

/// Whether a first word describes rather than names ("Upper Rhine", "Midtown Manhattan", "Lake
/// Oroville", "Democratic Socialists", "Australian Quarantine"): such a run is no person's full name.
fn describes(first: &str) -> bool {
    const WORDS: &[&str] = &[
        "upper",
        "lower",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "greater",
        "midtown",
        "downtown",
        "uptown",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "bay",
        "lake",
        "mount",
        "port",
        "cape",
        "fort",
        "hospital",
        "democratic",
        "republican",
        "national",
        "federal",
        "royal",
        "new",
        "old",
        "great",
        "grand",
        "open",
        "century",
        "human",
        "baby",
        "saint",
        "featuring",
        "feat",
        "daily",
        "weekly",
        "though",
        "although",
        "before",
        "after",
        "now",
        "then",
        "while",
        "because",
        "when",
        "could",
        "would",
        "follow",
    ];
    let demonym = ["ian", "ese", "ish", "ean", "ern"]
        .iter()
        .any(|s| first.len() > 5 && first.ends_with(s));
    WORDS.contains(&first) || demonym || first.contains('-')
}

fn push(sentence: &str, run: &[text::Word], hint: Option<EntityKind>, out: &mut Vec<Mention>) {
    let (Some(f), Some(l)) = (run.first(), run.last()) else {
        return;
    };
    let mut surface = sentence[f.span.start..l.span.end].to_string();
    for s in ["'s", "’s"] {
        if let Some(t) = surface.strip_suffix(s) {
            surface = t.to_string();
        }
    }
    if surface.chars().count() < 2 {
        return;
    }
    out.push(Mention {
        span: f.span.start..l.span.end,
        surface,
        hint,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xref::model::EntityKind;

    fn surfaces(s: &str) -> Vec<(String, Option<EntityKind>)> {
        mentions(s)
            .into_iter()
            .map(|m| (m.surface, m.hint))
            .collect()
    }

    #[test]
    fn titles_are_stripped_and_kinds_guessed() {
        let m = surfaces(
            "Ukrainian President Volodymyr Zelensky asked South Korea and the World Bank.",
        );
        assert!(
            m.contains(&("Volodymyr Zelensky".into(), Some(EntityKind::Person))),
            "{m:?}"
        );
        assert!(m.contains(&("South Korea".into(), Some(EntityKind::Place))));
        assert!(m.contains(&("World Bank".into(), Some(EntityKind::Org))));
        let m = surfaces("Prime Minister of Japan Fumio Kishida spoke.");
        assert!(
            m.contains(&("Japan".into(), Some(EntityKind::Place))),
            "{m:?}"
        );
        assert!(
            m.contains(&("Fumio Kishida".into(), Some(EntityKind::Person))),
            "{m:?}"
        );
        // "Baby" describes: "Baby Boomers" made the Boomers a surname (corpus13).
        let m = surfaces("Baby Boomers are retiring.");
        assert!(
            !m.contains(&("Baby Boomers".into(), Some(EntityKind::Person))),
            "{m:?}"
        );
        // A place named by what it is: no person's full name ("City of Albany" made "Albany",
        // meaning the county, its surname).
        let m = surfaces("Lead paint is the City of Albany's problem, the Isle of Man said.");
        assert!(
            m.contains(&("City of Albany".into(), Some(EntityKind::Place))),
            "{m:?}"
        );
        assert!(
            m.contains(&("Isle of Man".into(), Some(EntityKind::Place))),
            "{m:?}"
        );
        // "Crown" is part of the title, not of a name ("Saudi Crown" merged with "Crown").
        let m = surfaces("The Saudi Crown Prince Mohammed visited Washington.");
        assert!(m.iter().all(|(s, _)| !s.contains("Crown")), "{m:?}");
        assert!(m.iter().any(|(s, _)| s == "Mohammed"), "{m:?}");
        // Describing first words: no person's full name, so "Policing", "Internet", "Greens"
        // and "Trafficking" are nobody's surname (the eighth and ninth samples).
        for s in [
            "The Task Force on 21st Century Policing met again.",
            "The FCC voted on the Open Internet rules again.",
            "Hanson wrote that the Bay Area Greens have won again.",
            "The bill targets Human Trafficking in the state.",
        ] {
            let m = surfaces(s);
            assert!(
                m.iter().all(|(_, k)| *k != Some(EntityKind::Person)),
                "{m:?}"
            );
        }
    }

    #[test]
    fn and_inside_a_bodys_name_keeps_it_whole() {
        let names = |s: &str| -> Vec<String> { surfaces(s).into_iter().map(|m| m.0).collect() };
        let m = names(
            "Oleksii Danilov, Secretary of the National Security and Defense Council of Ukraine, said.",
        );
        assert!(
            m.contains(&"National Security and Defense Council of Ukraine".to_string()),
            "{m:?}"
        );
        let m = names("Biden visited South Korea and Japan, then the World Bank.");
        assert!(
            m.contains(&"South Korea".to_string()) && m.contains(&"Japan".to_string()),
            "{m:?}"
        );
    }

    #[test]
    fn a_party_tag_is_no_part_of_a_name() {
        // Fox News (corpus12): "Kevin McCarthy R-Calif." merged the tag "R-Calif" into a name.
        let s = surfaces(
            "Ryan worked with House Majority Leader Kevin McCarthy R-Calif., and Steve Scalise, R-La., on the bill.",
        );
        let names: Vec<&str> = s.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"Kevin McCarthy"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("R-")), "{names:?}");
    }

    #[test]
    fn capitalised_function_words_are_not_names() {
        let names = |s: &str| -> Vec<String> { surfaces(s).into_iter().map(|m| m.0).collect() };
        // After an opening quote, or a sentence end inside a claim, "The" starts a clause.
        let m = names("Trump tweeted on Saturday, \"The opinion of this judge is ridiculous!\"");
        assert_eq!(m, ["Trump"].map(String::from).to_vec(), "{m:?}");
        let m = names("It was settled. The Washington Post said so.");
        assert!(m.contains(&"Washington Post".to_string()), "{m:?}");
        // A preposition opening a sentence (Washington Times, corpus14: "Including CSRs").
        let m = names("Including CSRs in the bill would cost more.");
        assert_eq!(m, ["CSRs"].map(String::from).to_vec(), "{m:?}");
        // A heading glued to the paragraph leaves a lone "The" mid-sentence: not a name either.
        let m = names("Easing psychological burden The efficiency saves time, Kelly said.");
        assert!(
            m.contains(&"Kelly".to_string()) && !m.contains(&"The".to_string()),
            "{m:?}"
        );
        // Acronyms are kept: "WHO" is an organisation, "Who" a question.
        assert!(names("The WHO warned on Monday.").contains(&"WHO".to_string()));
        assert!(names("He asked: Who knew?").is_empty());
        // A quantity word opening the sentence is no part of the name after it.
        let m = names("Several Delaware churches closed on Sunday.");
        assert_eq!(m, ["Delaware"].map(String::from).to_vec(), "{m:?}");
        let m = names("Three Israeli NGOs filed the petition.");
        assert!(!m.iter().any(|n| n.starts_with("Three")), "{m:?}");
    }
}
