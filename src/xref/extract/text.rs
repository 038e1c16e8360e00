//! Word-level text normalisation shared by the matchers: tokenising, stop words, a small table of
//! general news synonyms and demonyms, and English stemming. Two sentences that say the same thing
//! in other words should end up with overlapping term sets.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// A word of a text: byte range and the lower-case ASCII form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub span: Range<usize>,
    pub lower: String,
}

/// Splits `text` into words (letters and digits, with inner `'`, `’`, `.` and `-` kept when
/// they join letters, e.g. "U.S.", "don't", "anti-tank").
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let joins = matches!(c, '\'' | '’' | '.' | '-')
            && start.is_some()
            && iter.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || joins {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            push_word(&mut out, text, s..i);
        }
    }
    if let Some(s) = start {
        push_word(&mut out, text, s..text.len());
    }
    out
}

fn push_word(out: &mut Vec<Word>, text: &str, span: Range<usize>) {
    let raw = &text[span.clone()];
    let lower = if raw == "US" {
        "u.s".to_string()
    } else if raw.is_ascii() {
        // What the general path gives for ASCII, without its three allocations.
        raw.to_ascii_lowercase()
    } else {
        deunicode::deunicode(raw)
            .to_lowercase()
            .replace(['\'', '’'], "'")
    };
    out.push(Word { span, lower });
}

const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "etc",
    "even",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "said",
    "says",
    "say",
    "told",
    "tell",
    "added",
    "stated",
    "according",
    "reported",
    "reports",
    "wrote",
    "commented",
    "noted",
    "there's",
    "that's",
    "he's",
    "she's",
    "i'm",
    "we're",
    "they're",
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "wasn't",
    "won't",
    "one",
    "two",
    "also",
    "however",
    "yet",
    "still",
    "already",
    "like",
    "well",
    "many",
    "via",
    "per",
    "mr",
    "mrs",
    "ms",
    "dr",
    "s",
    "t",
    "just",
    "around",
    "since",
    "following",
    "amid",
    "among",
    "within",
    "without",
    "whether",
    "though",
    "although",
    "otherwise",
    "usually",
    "generally",
    "really",
    "quite",
    "rather",
    "almost",
    "nearly",
    "some",
    "every",
    "each",
    "anymore",
    "million",
    "billion",
    "trillion",
    "thousand",
    "percent",
    "bn",
    "m",
];

/// Groups of words that news copy swaps for one another; the first word stands for the group.
const SYNONYMS: &[&[&str]] = &[
    &[
        "help",
        "assist",
        "assistance",
        "aid",
        "aids",
        "helping",
        "assisting",
        "helped",
    ],
    &["weapon", "weapons", "arms", "weaponry", "armaments"],
    &[
        "provide",
        "provides",
        "provided",
        "providing",
        "supply",
        "supplied",
        "supplies",
        "give",
        "gave",
        "given",
        "contribute",
        "contributed",
        "deliver",
        "delivered",
        "donate",
        "donated",
        "donates",
    ],
    &[
        "ask",
        "asked",
        "asks",
        "request",
        "requested",
        "requests",
        "urge",
        "urged",
        "urges",
        "appeal",
        "appealed",
    ],
    &[
        "big", "large", "largest", "biggest", "major", "huge", "leading", "top",
    ],
    &[
        "reject",
        "rejected",
        "rejecting",
        "refuse",
        "refused",
        "refusing",
        "turning",
        "turned",
        "rebuff",
        "rebuffed",
    ],
    &[
        "announce",
        "announced",
        "announces",
        "unveil",
        "unveiled",
        "declare",
        "declared",
    ],
    &["meet", "meets", "met", "meeting", "meetings", "talks"],
    &["more", "additional", "extra", "further"],
    &["country", "countries", "nation", "nations", "state's"],
    &[
        "show",
        "showed",
        "shown",
        "showcase",
        "demonstrate",
        "demonstrated",
        "display",
        "displayed",
    ],
    &[
        "start",
        "started",
        "begin",
        "began",
        "begun",
        "launch",
        "launched",
        "initiate",
        "initiated",
    ],
    &[
        "buy",
        "bought",
        "purchase",
        "purchased",
        "acquire",
        "acquired",
    ],
    &[
        "rise",
        "rose",
        "risen",
        "increase",
        "increased",
        "grow",
        "grew",
        "climb",
        "climbed",
        "surge",
        "surged",
    ],
    &[
        "fall",
        "fell",
        "fallen",
        "drop",
        "dropped",
        "decrease",
        "decreased",
        "plunge",
        "plunged",
        "declined",
    ],
    &["approve", "approved", "approval", "passage", "passed"],
    &["promote", "promoted", "tout", "touted", "advertise"],
    &[
        "pledge",
        "pledged",
        "promise",
        "promised",
        "vow",
        "vowed",
        "commit",
        "committed",
        "commitment",
    ],
    &[
        "strengthen",
        "strengthened",
        "bolster",
        "bolstered",
        "reinforce",
        "reinforced",
        "fortify",
        "fortified",
    ],
    &[
        "link",
        "links",
        "linkages",
        "ties",
        "connections",
        "connection",
    ],
    &["stance", "posture", "position"],
    &["kill", "killed", "slain", "slay"],
    &[
        "attack", "attacked", "assault", "strike", "strikes", "struck",
    ],
    &["official", "officials", "authorities"],
    &["ahead", "advance", "prior"],
    &[
        "allow",
        "allowed",
        "let",
        "permit",
        "permitted",
        "enable",
        "enabled",
    ],
    &["big", "significant", "substantial", "considerable"],
    &["sanction", "sanctions", "sanctioned", "penalties"],
    &[
        "inquiry",
        "investigation",
        "probe",
        "investigate",
        "investigating",
    ],
    &["law", "legislation", "bill", "act"],
    &["people", "persons", "individuals"],
    &["leader", "leaders", "head", "heads"],
    &[
        "emphasize",
        "emphasized",
        "emphasise",
        "emphasised",
        "stress",
        "stressed",
        "underline",
        "underlined",
    ],
    &["warn", "warned", "caution", "cautioned"],
];

/// Demonyms and short forms that name a country or bloc.
const DEMONYMS: &[(&str, &str)] = &[
    ("ukrainian", "ukraine"),
    ("ukrainians", "ukraine"),
    ("russian", "russia"),
    ("russians", "russia"),
    ("japanese", "japan"),
    ("chinese", "china"),
    ("american", "usa"),
    ("americans", "usa"),
    ("u.s", "usa"),
    ("us", "usa"),
    ("u.s.a", "usa"),
    ("america", "usa"),
    ("british", "britain"),
    ("uk", "britain"),
    ("u.k", "britain"),
    ("german", "germany"),
    ("french", "france"),
    ("korean", "korea"),
    ("european", "europe"),
    ("israeli", "israel"),
    ("iranian", "iran"),
    ("indian", "india"),
    ("italian", "italy"),
    ("canadian", "canada"),
    ("mexican", "mexico"),
    ("syrian", "syria"),
    ("turkish", "turkey"),
    ("polish", "poland"),
    ("palestinian", "palestine"),
    ("saudi", "saudi"),
    ("australian", "australia"),
];

static STOPSET: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| STOP.iter().copied().collect());

static CANON: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for group in SYNONYMS {
        for w in group.iter() {
            m.entry(*w).or_insert(group[0]);
        }
    }
    for (d, c) in DEMONYMS {
        m.insert(*d, *c);
    }
    m
});

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// True for function words and reporting verbs that carry no claim content.
pub fn is_stop(lower: &str) -> bool {
    STOPSET.contains(lower)
}

/// The matching term for a lower-case word: `None` for stop words and pure numbers, otherwise the
/// stem of its synonym-group representative.
pub fn term(lower: &str) -> Option<String> {
    let w = lower.trim_end_matches("'s").trim_end_matches('\'');
    if w.is_empty()
        || is_stop(w)
        || w.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    if let Some(c) = CANON.get(w) {
        return Some((*c).to_string());
    }
    let w = w.replace('.', "");
    if w.len() < 2 {
        return None;
    }
    Some(stem(&w))
}

/// Words stemmed per thread before; a word recurs thousands of times in an archive, and the
/// Snowball stemmer costs more than a hash lookup. Purely a memo: the answer is the stemmer's.
const STEM_MEMO_MAX: usize = 200_000;

thread_local! {
    static STEMS: std::cell::RefCell<ahash::HashMap<Box<str>, Box<str>>> =
        std::cell::RefCell::new(ahash::HashMap::default());
}

fn stem(w: &str) -> String {
    STEMS.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(s) = memo.get(w) {
            return s.to_string();
        }
        let s = STEMMER.stem(w).into_owned();
        if memo.len() >= STEM_MEMO_MAX {
            memo.clear();
        }
        memo.insert(w.into(), s.as_str().into());
        s
    })
}

/// Whether `s` holds an ASCII digit: the cheap test before a pattern that needs one.
pub fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

/// Terms of a text in order (with repeats).
pub fn terms(text: &str) -> Vec<String> {
    words(text).iter().filter_map(|w| term(&w.lower)).collect()
}

/// Lower-case words with punctuation dropped, for comparing quotes and hashing texts.
pub fn normalised(text: &str) -> String {
    words(text)
        .iter()
        .map(|w| w.lower.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Short stable hash (hex) of a string.
pub fn short_hash(s: &str) -> String {
    blake3::hash(s.as_bytes()).to_hex()[..10].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_abbreviations_and_apostrophes() {
        let w: Vec<String> = words("The U.S. didn't send anti-tank arms.")
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(w, ["the", "u.s", "didn't", "send", "anti-tank", "arms"]);
    }

    #[test]
    fn synonyms_and_demonyms_share_terms() {
        assert_eq!(term("weapons"), term("arms"));
        assert_eq!(term("assist"), term("help"));
        assert_eq!(term("japanese"), term("japan"));
        assert_eq!(term("the"), None);
        assert_eq!(term("300"), None);
    }
}
