//! Claims: the checkable sentences of an article body, with their figures, dates, quotations,
//! entity mentions and matching terms. Runs per article (in parallel); entity ids and clusters
//! are filled in by later corpus-wide steps.

use super::entities::{self, Mention};
use super::model::{Claim, DateKind, Figure, Span};
use super::{figures, quotes, sentences, temporal, text};
use crate::content::{Article, BlockKind};
use chrono::NaiveDate;
use std::sync::Arc;

/// Fewest words for a sentence to be a claim.
pub const MIN_WORDS: usize = 5;

/// What the corpus-wide steps need of a claim beside the claim itself (which sits at the same
/// index of [`ArticleClaims::claims`]). These parts are never changed by a later step and are
/// shared, so the copy `serve` hands each rebuild (see `ClaimCache`) only copies the claims.
#[derive(Debug, Clone)]
pub struct Extras {
    /// A hash of the claim as extracted, before the pass writes entity ids, speakers' entities
    /// and the cluster (see [`print()`]): clustering fingerprints its clusters with it.
    pub print: u64,
    pub mentions: Arc<[Mention]>,
    /// Matching terms (stems), unique, sorted.
    pub terms: Terms,
    /// Terms that come from names (matching on these alone is not the same claim).
    pub name_terms: Terms,
    /// What tells an outlet's boilerplate (see [`super::boilerplate`]).
    pub furniture: super::boilerplate::Furniture,
}

/// A claim's matching terms, sorted and unique, kept in one shared string: a claim holds a
/// dozen or more, and a `String` each cost about 40 bytes beside the text (some 130 MB at
/// 10,000 articles). Terms are single words, so a space separates them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms(Arc<str>);

impl Terms {
    /// `sorted`: sorted, unique, without spaces (see `terms_of`).
    pub fn new(sorted: &[String]) -> Terms {
        Terms(sorted.join(" ").into())
    }

    /// The terms, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split(' ').filter(|t| !t.is_empty())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An article's claims, what the later steps need of each, and the length of its body text
/// (for reuse shares).
///
/// Claims and extras are two lists, not one list of pairs, so that a pass that owns its
/// extracted claims takes the whole claim list for the claims it finishes without copying it
/// and without leaving an emptied claim in every slot (256 bytes a claim: 580 MB at 100,000
/// articles). Count claims by `extras`, which every step keeps (see [`ArticleClaims::len`]).
#[derive(Debug, Clone, Default)]
pub struct ArticleClaims {
    /// The claims as extracted; empty once a pass that owns them has taken them (read
    /// `Work::claim` after `Work` is made).
    pub claims: Vec<Claim>,
    /// Per claim, in the same order.
    pub extras: Vec<Extras>,
    /// Bytes of body text in sentences of at least three words.
    pub body_len: usize,
}

/// Splits and analyses the body of `article`.
pub fn extract(article: &Article) -> ArticleClaims {
    use rayon::prelude::*;
    let blocks: Vec<(usize, &crate::content::Block)> = (article.blocks.iter().enumerate())
        .filter(|(_, b)| matches!(b.kind, BlockKind::Body | BlockKind::ListItem))
        .collect();
    let size: usize = blocks.iter().map(|(_, b)| b.text.len()).sum();
    // Articles are extracted in parallel already; a very long one also splits by block, so one
    // 8 MB article does not keep a single core busy while the others wait.
    let parts: Vec<ArticleClaims> = if size > PARALLEL_BLOCKS_OVER {
        let each = blocks
            .par_iter()
            .map(|(bi, b)| extract_block(article, *bi, b));
        each.collect()
    } else {
        let each = blocks.iter().map(|(bi, b)| extract_block(article, *bi, b));
        each.collect()
    };
    let mut out = ArticleClaims::default();
    for p in parts {
        out.body_len += p.body_len;
        out.claims.extend(p.claims);
        out.extras.extend(p.extras);
    }
    // Kept for the whole pass: no room left over from growing them.
    out.claims.shrink_to_fit();
    out.extras.shrink_to_fit();
    out
}

impl ArticleClaims {
    /// How many claims the article has (also after its claims were taken).
    pub fn len(&self) -> usize {
        self.extras.len()
    }

    pub fn is_empty(&self) -> bool {
        self.extras.is_empty()
    }
}

/// Article text (bytes) over which blocks are extracted in parallel.
const PARALLEL_BLOCKS_OVER: usize = 256 * 1024;

/// The claims of block `bi` of `article`, and the length of its body sentences.
fn extract_block(article: &Article, bi: usize, block: &crate::content::Block) -> ArticleClaims {
    let anchor: Option<NaiveDate> = article.date.as_ref().map(|d| d.value);
    let mut out = ArticleClaims::default();
    // Name cards glued into the text are left out of the sentences; spans stay in the block's
    // own text.
    let cleaned = super::cards::without_cards(&block.text);
    let text = cleaned
        .as_ref()
        .map_or(block.text.as_str(), |c| c.text.as_str());
    let split = sentences::split(text);
    // A writer's bio under or above a column is about the writer, not the story.
    let bio = split.first().is_some_and(|r| writer_bio(&text[r.clone()]));
    for (si, r) in split.into_iter().enumerate() {
        let r = without_furniture(text, r);
        let s = &text[r.clone()];
        let span = match &cleaned {
            Some(c) => c.original(r.start, false)..c.original(r.end, true),
            None => r.clone(),
        };
        let n_words = s.split_whitespace().count();
        if n_words >= 3 {
            out.body_len += s.len();
        }
        if bio || !is_claim(s, n_words) {
            continue;
        }
        let id = format!("{}:{}:{}", article.slug, block.line, si + 1);
        let (claim, extras) = analyse(s, span, id, article, bi, block.line, anchor);
        if checkable(&claim, &extras) {
            out.claims.push(claim);
            out.extras.push(extras);
        }
    }
    out
}

/// A share bar ("Send Facebook Twitter Google+ … Permalink http://…"), a source tag
/// ("Source: Al Jazeera and news agencies") or an embedded post's signature ("— Jim Acosta
/// (@Acosta) July 31, 2018": its date is when the embed was rendered, not a claim) glued to a
/// sentence, as scraped pages carry them.
static FURNITURE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let net = r"(?:facebook|twitter|google\+|whatsapp|tumblr|linkedin|stumble(?:upon)?|digg|reddit|newsvine|pinterest|e-?mail|print)";
    regex::Regex::new(&format!(
        r"(?i)(?:\bsend\s+|\bshare\s+)?\b{net}(?:\s+{net}){{2,}}(?:\s+permalink)?(?:\s+https?://\S+)?|^share this with(?:\s+media playback is not supported on this device)?|\bmedia playback is not supported on this device|\s*\bSource:\s*-?\s*[A-Z][\w ,]{{2,60}}$|(?:pic\.twitter\.com/\w+\s*)?[—–]\s*[^()\n—–]{{1,60}}\(@\w{{1,15}}\)\s+[A-Z][a-z]+\.? \d{{1,2}},? \d{{4}}"
    ))
    .expect("furniture")
});

/// Words one of which every match of [`FURNITURE`] holds (lower case): most sentences hold
/// none, and looking for them is far cheaper than running the pattern (it was a seventh of a
/// whole build's time at 10,000 articles).
const FURNITURE_WORDS: &[&str] = &[
    "facebook",
    "twitter",
    "google+",
    "whatsapp",
    "tumblr",
    "linkedin",
    "stumble",
    "digg",
    "reddit",
    "newsvine",
    "pinterest",
    "mail",
    "print",
    "share this with",
    "media playback",
    "source:",
    "(@",
];

/// Whether `s` holds one of [`FURNITURE_WORDS`], in any case.
fn may_hold_furniture(s: &str) -> bool {
    let lower = s.to_lowercase();
    FURNITURE_WORDS.iter().any(|w| lower.contains(w))
}

/// The part of sentence `r` of `text` that is not page furniture: the text after a share bar
/// that opens it, or before one that closes it.
fn without_furniture(text: &str, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let s = &text[r.clone()];
    if !may_hold_furniture(s) {
        return r;
    }
    let Some(m) = FURNITURE.find(s) else { return r };
    let (before, after) = (s[..m.start()].trim_end(), s[m.end()..].trim_start());
    if after.len() >= before.len() {
        r.end - after.len()..r.end
    } else {
        r.start..r.start + before.len()
    }
}

/// Whether a paragraph's first sentence introduces its writer ("Michael Grunwald is a senior
/// staff writer for Politico Magazine.", "Jack Shafer is POLITICO's senior media writer."): the
/// paragraph is the writer's bio ("Previously, Jack wrote a column … He also edited two
/// alternative weeklies …"), page furniture that heads or closes each of their pieces. Only a
/// short sentence ending on the role or its outlet: "… a reporter for The Post who was detained
/// in Iran" goes on to report something.
fn writer_bio(s: &str) -> bool {
    static BIO: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        // (A capitalised title needs no article: "Joel B. Pollak is Senior Editor-at-Large at
        // Breitbart News.")
        let role = r"(?:(?:radio |talk-show |television |tv )?host and )?(?:writer|columnist|correspondent|reporter|editor|contributor|commentator|blogger|critic)s?(?:-at-large|-in-chief)?";
        let titled = r"(?:[A-Z][\w-]*\s){0,3}(?:Writer|Columnist|Correspondent|Reporter|Editor|Contributor|Commentator)(?:-at-Large|-in-Chief)?";
        regex::Regex::new(&format!(
            r"^(?:Editor['’]s note: )?(?:[A-Z][\w.'’-]*\s){{1,3}}is (?:{titled}|(?:an? |the |[A-Z][\w.&]*(?:\s[A-Z][\w.&]*)?['’]s )(?:[\w-]+\s){{0,4}}{role})(?:,? (?:and )?[a-z-]+){{0,3}}(?:\s(?:for|at|with|of)\s(?:the\s)?[A-Z][\w.&'’ -]{{1,40}})?\.?$"
        ))
        .expect("writer's bio")
    });
    // "Chris Stirewalt is digital politics editor for Fox News, and his POWER PLAY column
    // appears Monday-Friday on FoxNews.com.": a columnist's standing footer.
    static COLUMN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:[A-Z][\w.'’-]*\s){1,3}is (?:an? |the )?(?:[\w-]+\s){0,3}(?:editor|writer|columnist|correspondent)\b[^.]*,? and (?:his|her) [\w ]{0,30}column appears\b",
        )
        .expect("column footer")
    });
    // A contributor's footer under an opinion piece ("Tim Naftali, a CNN presidential historian
    // and clinical associate professor …, is writing a new biography …", "Issac Bailey has been a
    // journalist in South Carolina for two decades and was most recently the primary columnist
    // for The Sun News"): the outlet's role for the writer, then what they are writing or were.
    static CONTRIBUTOR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:[A-Z][\w.'’-]*\s){1,3}(?:[A-Z][\w.'’-]*,|is) an? [A-Z]{2,}[\w&]* (?:[a-z-]+ ){0,2}(?:historian|contributor|commentator|analyst|columnist)\b(?: and [^,.]*?)?,? (?:is (?:writing|the author)|was (?:the )?(?:founding|former))|^(?:[A-Z][\w.'’-]*\s){1,3}has been an? (?:journalist|reporter|columnist|writer|editor)\b[^.]*\band was most recently\b|^(?:[A-Z][\w.'’-]*\s){1,3}[A-Z][\w.'’-]*, [^,]{3,80}, is an? (?:regular |frequent |contributing )?(?:contributor|columnist|commentator) (?:to|for|at) ",
        )
        .expect("contributor footer")
    });
    // A sign-off under a column, opened by a dash ("— NRO contributor Victor Davis Hanson is a
    // senior fellow at the Hoover Institution and the author of …").
    static SIGN_OFF: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^[—–]\s*(?:[A-Z]{2,}\w* (?:contributor|columnist|writer|editor) )?(?:[A-Z][\w.'’-]*\s){1,3}is (?:an? |the )",
        )
        .expect("sign-off")
    });
    let t = s.trim();
    (s.split_whitespace().count() <= 16 && BIO.is_match(t))
        || SIGN_OFF.is_match(t)
        || COLUMN.is_match(t)
        || CONTRIBUTOR.is_match(t)
}

/// Words that open a sentence leaning on the one before: alone it names nothing to check.
const LEANING: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
];
/// Words that attribute a quotation to someone ("…," he said).
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stressed",
    "stresses",
    "noted",
    "notes",
    "explained",
    "explains",
    "asked",
    "wrote",
    "writes",
    "according",
    "warned",
    "insisted",
    "declared",
    "announced",
    "stated",
    "recalled",
    "claimed",
    "argued",
];
/// A leaning sentence this short with no figure or quotation is a link in a story ("He flies
/// from South Korea to Japan on Sunday."), not a claim.
const SHORT_LEANING_WORDS: usize = 12;

/// Whether an analysed sentence holds something a fact-checker could check: a figure, a
/// calendar date, a quotation, or a named person, place or body; and is not a short sentence
/// leaning on the one before.
fn checkable(c: &Claim, e: &Extras) -> bool {
    // A calendar date counts also without its year ("set off on October 15"): it names a day a
    // reader can check. A weekday or "last week" does not.
    let explicit_date = (c.dates.iter()).any(|d| !d.anchored || d.kind == DateKind::MonthDay);
    // A quotation counts when someone is said to say it (an unattributed one is a fragment), and
    // so do names outside quotations (inside one they are what someone said).
    let outside: String = {
        let mut t = c.text.clone();
        for q in c.quotes.iter().rev() {
            t.replace_range(q.span.start..q.span.end, " ");
        }
        t.to_lowercase()
    };
    let said = outside
        .split(|ch: char| !ch.is_alphabetic())
        .any(|w| SPEECH.contains(&w));
    let named_quote =
        !c.quotes.is_empty() && (said || c.quotes.iter().any(|q| q.speaker.is_some()));
    let quoted = |r: &std::ops::Range<usize>| {
        (c.quotes.iter()).any(|q| q.span.start <= r.start && r.end <= q.span.end)
    };
    let named = e.mentions.iter().any(|m| !quoted(&m.span));
    if !(!c.figures.is_empty() || explicit_date || named_quote || named) {
        return false;
    }
    let bare = c.quotes.is_empty() && c.figures.is_empty() && !said;
    if bare
        && (sourcing_note(&c.text)
            || photo_description(&c.text)
            || imperative(&c.text)
            || first_person_view(&outside)
            || (!explicit_date && conjecture(&c.text)))
    {
        return false;
    }
    let first = c
        .text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    // "It's", "They're", "That's": the pronoun leans as much without its verb.
    let first = first.split(['\'', '’']).next().unwrap_or("");
    let leaning = LEANING.contains(&first);
    let short = c.text.split_whitespace().count() <= SHORT_LEANING_WORDS;
    !(leaning && short && c.figures.is_empty() && !named_quote)
}

/// Whether a sentence says only how its sources spoke ("The officials spoke on condition of
/// anonymity because they were discussing sensitive negotiations.") or what an update of the
/// page added: a note on sourcing, with nothing of the story to check. Read only where the sentence quotes and reports nothing.
fn sourcing_note(s: &str) -> bool {
    static NOTE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:spoke|talked)(?: to [\w ]{1,30}?)? on (?:the )?condition of anonymity",
        )
        .expect("sourcing note")
    });
    // An editor's note on what an update added ("This story was updated 01/21/17 to add …"):
    // about the page, not the news. (One saying what it corrects is a correction's.)
    static UPDATED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^(?:this|the) (?:story|article|post|report|piece) (?:was|has been|had been) updated\b(?: [^.]*?)? to (?:add|include|reflect|clarify)\b",
        )
        .expect("update note")
    });
    NOTE.is_match(s) || UPDATED.is_match(s.trim_start())
}

/// Whether a short sentence describes a picture ("More debris is shown on November 1.", "He is
/// pictured at age 4."): a gallery's caption pointing at its photo, with nothing of the story
/// to check. Read only where the sentence quotes and reports nothing.
fn photo_description(s: &str) -> bool {
    static SHOWN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b(?:is|are) (?:shown|pictured)\b").expect("photo description")
    });
    s.split_whitespace().count() <= PHOTO_WORDS && SHOWN.is_match(s)
}

/// Most words of a sentence describing a picture; longer ones say more ("precincts are shown
/// allotting the wrong number of delegates to certain candidates").
const PHOTO_WORDS: usize = 12;

/// Whether the text outside quotations (lower case) gives the writer's own view ("… is
/// understandable in my own view", "In my opinion, the deal …"): a column's opinion, not a
/// claim. Read only in a sentence with no quotation mark. "I think" is not read: an interview's
/// answers and a quotation running over paragraphs open with it unquoted (two pull-quotes
/// repeating such answers were lost when it was).
fn first_person_view(outside: &str) -> bool {
    if outside.contains(['"', '“', '”']) {
        return false;
    }
    static VIEW: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\bin my (?:own )?(?:view|opinion)\b").expect("first-person view")
    });
    VIEW.is_match(outside)
}

/// Verbs that open an instruction to the reader ("Stay tuned for daily dispatches.", "Give them
/// a read, and then try …", "Do whatever your cyberalgorithms tell you …").
const IMPERATIVES: &[&str] = &[
    "don't", "give", "try", "stay", "take", "watch", "click", "remember", "consider", "imagine",
    "let's", "join", "follow", "keep", "make", "go",
];

/// Whether a sentence that quotes no one opens with a verb telling the reader what to do: an
/// instruction, not a statement.
fn imperative(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    let first = first
        .trim_end_matches([',', ':'])
        .replace('’', "'")
        .to_lowercase();
    IMPERATIVES.contains(&first.as_str())
}

/// Whether an unattributed sentence is a conjecture: what may, might or could have been ("Any
/// decision … may have been nudged further by …", "The pipeline could have been up and running
/// years ago …", "The best example may well be George W. Bush himself."). The writer's
/// guess, not a fact to check; said by someone, it is a statement of theirs (not read here).
fn conjecture(s: &str) -> bool {
    static GUESS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:may|might|could) (?:well )?have been\b|\b(?:may|might) (?:well|even) [a-z]+\b",
        )
        .expect("conjecture")
    });
    // Someone's guess, reported ("Johnston speculated that Trump … may have been the source").
    static WHOSE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(?:speculated|suggested|suggests|believes?|believed|thinks?|thought|argued?|argues|contends?|suspects?|suspected)\b")
            .expect("attribution")
    });
    // A guess inside what someone reported or denied ("denying reports that his country might
    // have been behind the downing") is no guess of the writer's.
    let embedded = |at: usize| {
        s[..at]
            .split(|c: char| !c.is_alphabetic())
            .any(|w| matches!(w.to_lowercase().as_str(), "that" | "whether" | "if"))
    };
    GUESS.find(s).is_some_and(|m| !embedded(m.start())) && !WHOSE.is_match(s)
}

fn is_claim(s: &str, n_words: usize) -> bool {
    n_words >= MIN_WORDS
        && s.len() <= sentences::MAX_SENTENCE + 16
        && !(s.ends_with('?') && quotes::quote_regions(s).is_empty())
}

fn analyse(
    s: &str,
    span: std::ops::Range<usize>,
    id: String,
    article: &Article,
    block: usize,
    line: usize,
    anchor: Option<NaiveDate>,
) -> (Claim, Extras) {
    let dates = temporal::dates_in(s, anchor);
    let skip: Vec<std::ops::Range<usize>> = dates
        .iter()
        .map(|d| d.span.start..d.span.end)
        .chain(time_spans(s))
        .collect();
    let figures = figures::figures_in(s, &skip);
    let quotes = quotes::quotes_in(s);
    let mut mentions = entities::mentions(s);
    entities::name_office_holders(&mut mentions, anchor);
    let event = temporal::event_of(&dates);
    let (terms, name_terms) = terms_of(s, &mentions);
    // Claims live through the whole pass: no spare room in their lists (a figure is 150 bytes,
    // and a list grown by pushing holds room for four).
    let (mut figures, mut dates, mut quotes) = (figures, dates, quotes);
    figures.shrink_to_fit();
    dates.shrink_to_fit();
    quotes.shrink_to_fit();
    let has_figure_or_date = !figures.is_empty() || !dates.is_empty();
    let reports_a_fact = has_figure_or_date && !mentions.is_empty();
    let claim = Claim {
        id,
        article: article.slug.clone(),
        line,
        block,
        span: Span {
            start: span.start,
            end: span.end,
        },
        text: s.to_string(),
        figures,
        dates,
        quotes,
        entities: vec![],
        event,
        cluster: None,
    };
    let extras = Extras {
        print: print(&claim),
        mentions: mentions.into(),
        terms: Terms::new(&terms),
        name_terms: Terms::new(&name_terms),
        furniture: super::boilerplate::Furniture::of(s, reports_a_fact),
    };
    (claim, extras)
}

/// A hash of all of a claim (fixed seeds: the same in every pass). Every field is named, so a
/// field added to a claim (or a figure) cannot be left out of it.
pub fn print(claim: &Claim) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = ahash::RandomState::with_seeds(5, 6, 7, 8).build_hasher();
    let Claim {
        id,
        article,
        line,
        block,
        span,
        text,
        figures,
        dates,
        quotes,
        entities,
        event,
        cluster,
    } = claim;
    (id, article, line, block, span, text).hash(&mut h);
    figures.len().hash(&mut h);
    for f in figures {
        let Figure {
            kind,
            value,
            milli,
            currency,
            of,
            unit,
            qualifier,
            text,
            span,
        } = f;
        let value = value.to_bits();
        (
            kind, value, milli, currency, of, unit, qualifier, text, span,
        )
            .hash(&mut h);
    }
    (dates, quotes, entities, event, cluster).hash(&mut h);
    h.finish()
}

fn time_spans(s: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    static TIME: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\b\d{1,2}:\d{2}\b").expect("time pattern"));
    TIME.find_iter(s).map(|m| m.range())
}

/// Terms of a sentence, and which of them come from names.
fn terms_of(s: &str, mentions: &[Mention]) -> (Vec<String>, Vec<String>) {
    let mut terms = Vec::new();
    let mut names = Vec::new();
    for w in text::words(s) {
        let Some(t) = text::term(&w.lower) else {
            continue;
        };
        if mentions
            .iter()
            .any(|m| m.span.start <= w.span.start && w.span.end <= m.span.end)
        {
            names.push(t.clone());
        }
        terms.push(t);
    }
    terms.sort();
    terms.dedup();
    names.sort();
    names.dedup();
    (terms, names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_and_conjectures_are_no_statements() {
        for s in [
            "Stay tuned for daily dispatches.",
            "Give them a read, and then try some of these rituals yourself.",
            "Take a look at the map of the closures.",
        ] {
            assert!(imperative(s), "{s}");
        }
        for s in [
            "Donald Trump signed the order on Friday.",
            "Keystone would carry 830,000 barrels a day.",
            "Doing so would cost $4 billion.",
        ] {
            assert!(!imperative(s), "{s}");
        }
        for s in [
            "Any decision to return to state politics may have been nudged further by the midterms.",
            "The Keystone pipeline could have been up and running years ago.",
            "The best example may well be George W. Bush himself.",
            "The injured dignity argument may have won the regime some points at home, and it may even resonate with other states.",
        ] {
            assert!(conjecture(s), "{s}");
        }
        for s in [
            "The pipeline has been delayed for six years.",
            "The plant may open in March, the company said.",
            "Johnston speculated that Trump may have been the source of the documents.",
            "But while Trump may have won the election, the Oscars revealed how Hollywood moved on.",
            "The ambassador apologised after denying reports that his country might have been behind it.",
        ] {
            assert!(!conjecture(s), "{s}");
        }
    }

    #[test]
    fn a_picture_described_is_no_claim() {
        for s in [
            "More debris is shown on November 1.",
            "He is pictured at age 4.",
            "Brian Schweitzer is pictured.",
        ] {
            assert!(photo_description(s), "{s}");
        }
        for s in [
            "In others, precincts are shown allotting the wrong number of delegates to certain candidates.",
            "The debris was found on November 1.",
        ] {
            assert!(!photo_description(s), "{s}");
        }
    }

    #[test]
    fn the_writers_own_view_is_no_claim() {
        for s in [
            "calling them that is understandable in my own view, but considered impolitic today.",
            "in my view the deal is a bad one.",
            "in my opinion, the deal is a bad one.",
        ] {
            assert!(first_person_view(s), "{s}");
        }
        for s in [
            "the senate passed the bill 68 to 31 on friday.",
            "obama's review of my record was fair, the senator wrote.",
            "the wi think tank published the figures.",
            "i think also that things look different when you are responsible for the country.",
            "“in my view it was fair,” bonsey said.",
        ] {
            assert!(!first_person_view(s), "{s}");
        }
    }

    #[test]
    fn a_writers_bio_is_told_from_news_about_a_reporter() {
        for s in [
            "Michael Grunwald is a senior staff writer for Politico Magazine.",
            "Jack Shafer is POLITICO's senior media writer.",
            "Jane Doe is a contributing editor at The Atlantic.",
            "Chris Stirewalt is digital politics editor for Fox News, and his POWER PLAY column appears Monday-Friday on FoxNews.com.",
            "Tim Naftali, a CNN presidential historian and clinical associate professor of history and public service at New York University, is writing a new biography of President John F. Kennedy.",
            "Tim Naftali is a CNN presidential historian and clinical associate professor of history and public service at New York University and was the founding director of the Richard Nixon Presidential Library and Museum.",
            "Issac Bailey has been a journalist in South Carolina for two decades and was most recently the primary columnist for The Sun News in Myrtle Beach.",
            "Joel B. Pollak is Senior Editor-at-Large at Breitbart News.",
            "Dennis Prager is a nationally syndicated radio talk-show host and columnist.",
            "— NRO contributor Victor Davis Hanson is a senior fellow at the Hoover Institution and the author of The Second World Wars.",
            "David Limbaugh is a writer, author and attorney.",
            "Andrew P. Napolitano, a former judge of the Superior Court of New Jersey, is a regular contributor to The Washington Times.",
        ] {
            assert!(writer_bio(s), "{s}");
        }
        for s in [
            "Jason Rezaian is a reporter for The Washington Post who has been held in Iran since July.",
            "Smith is a senior adviser to the governor.",
            "The reporter for the Times was detained on Friday.",
            "David Gergen, a CNN senior political analyst, said the debate was a turning point.",
            "Smith has been a reporter for 20 years and was fired on Monday.",
            "— Smith said the vote is a test.",
            "Smith is a radio host who was arrested on Monday.",
            "Jane Smith, a lawyer for the family, is a regular visitor to the prison.",
            "Smith is a writer, and police say she was detained on Monday.",
        ] {
            assert!(!writer_bio(s), "{s}");
        }
    }

    #[test]
    fn a_note_on_how_sources_spoke_is_read_as_sourcing() {
        assert!(sourcing_note(
            "The officials, representing various Palestinian factions, spoke on condition of anonymity because they were discussing sensitive negotiations."
        ));
        assert!(sourcing_note(
            "The administration official and both people with ties to Trump spoke on the condition of anonymity to discuss private conversations."
        ));
        assert!(!sourcing_note(
            "The ministry spoke of a condition of the loan that Greece had not met."
        ));
        // An editor's note on what an update added is about the page (USA Today, corpus12).
        assert!(sourcing_note(
            "This story was updated 01/21/17 to add President Trump's visit to the CIA on Saturday."
        ));
        assert!(!sourcing_note(
            "The report was updated on Monday with 12 new deaths, the ministry said."
        ));
    }

    #[test]
    fn furniture_is_only_looked_for_in_sentences_holding_its_words() {
        for s in [
            "Send Facebook Twitter Google+ Permalink https://x.example/1 The port reopened.",
            "SHARE THIS WITH Media playback is not supported on this device",
            "The port reopened on Monday. Source: Al Jazeera and news agencies",
            "Email Print Email the port reopened",
            "The press is not the enemy. pic.twitter.com/IhSRw5Ui3R — Jim Acosta (@Acosta) July 31, 2018",
            "— Guy Benson (@guypbenson) September 14, 2018",
        ] {
            assert!(may_hold_furniture(s), "{s}");
            assert!(FURNITURE.is_match(s), "{s}");
        }
        let tweet = "The press is not the enemy. pic.twitter.com/IhSRw5Ui3R — Jim Acosta (@Acosta) July 31, 2018";
        assert_eq!(without_furniture(tweet, 0..tweet.len()), 0..27);
        let plain = "The port of Osaka reopened on Tuesday after 3 days.";
        assert!(!may_hold_furniture(plain));
        assert_eq!(without_furniture(plain, 0..plain.len()), 0..plain.len());
    }
}
