//! Boilerplate learnt across the corpus: a sentence that recurs in many articles of one outlet
//! (share bars, page footers with dates, slogans, "Contact the writer at …", standard closing
//! lines) is the outlet's furniture, not a claim. Such sentences are kept out of claim links,
//! reuse and flags.
//!
//! A sentence's shape is its lower-cased words with numbers and web addresses taken out, so a
//! footer that carries the day's date or a share bar that carries the article's short link still
//! counts as one sentence.

use ahash::{HashMap, HashMapExt};

/// Articles of one outlet a sentence must recur in to be boilerplate whatever else they share.
pub const MIN_ARTICLES: usize = 4;
/// Fewest claims of the articles whose one shared sentence is taken for furniture.
pub const LONG_ARTICLE: usize = 6;
/// Sentences longer than this are never taken for furniture by their words alone.
pub const MAX_MARKED_WORDS: usize = 40;

/// Words that mark page furniture: a short sentence holding one is boilerplate wherever it is.
const MARKERS: &[&str] = &[
    "permalink",
    "facebook twitter",
    "contact the writer",
    "do not necessarily reflect",
    "views expressed",
    "story suggestion",
    "editorial policy",
    "all rights reserved",
    "click here",
    "follow us",
    "sign up for",
    "sign up to our",
    "newsletter",
    "news agencies",
    "subscribe to",
    "contributed to this report",
    "is not responsible for the material",
    "getinspired",
    "for more ideas information and inspiration",
    "commentary listings",
    "is broadcast on",
    "latest rumours and stories",
    // A live blog's standing note on breaking news ("Refresh this page for the latest.", "Some
    // things that get reported during breaking news events turn out to be wrong. We'll move
    // quickly to correct the record …").
    "refresh this page",
    "during breaking news events",
    "best information we have at the time",
    // A writer's bio under a column or post ("Editor's note: Ruben Navarrette is a CNN
    // contributor …", "You can reach out to her on Twitter, where …").
    "is a cnn contributor",
    "opinions expressed in this commentary",
    "reach out to her on twitter",
    "reach out to him on twitter",
    "follow her on twitter",
    "follow him on twitter",
    "sign the petition",
    // A photo gallery's caption header ("Hide Caption 9 of 18 Photos: Key players in the
    // shutdown debate … Peter King -- The blunt statesman"), embedded alike in many stories.
    "hide caption",
    // A broadcaster's transcript footer ("NPR transcripts are created on a rush deadline by
    // Verb8tm, Inc. … This text may not be in its final form … The authoritative record of
    // NPR's programming is the audio record.").
    "transcripts are created on a rush deadline",
    "may not be in its final form",
    "authoritative record of",
    // A poll's method line, printed alike under every poll of one pollster ("The survey's
    // overall sampling error is plus or minus three percentage points."): the same words about
    // other polls.
    "sampling error is plus or minus",
    // Reuters/Ipsos: "The poll had a credibility interval, a measure of precision, of 3
    // percentage points." under a national poll and a state one (corpus15).
    "credibility interval",
    // A columnist's bio and a site's donation box under two pieces (corpus17: "He lives with his
    // wife and two children in Los Angeles.", "The Nation is reader supported: Chip in $10 …").
    "lives with his wife",
    "lives with her husband",
    "reader supported",
    // A recurring column's description of itself ("That's the assessment of this week's
    // POLITICO Caucus, our weekly bipartisan survey of the top strategists …"): the same words
    // above another week's findings.
    // An author's contact line and a site's event promo under two columns or stories
    // (corpus16: "He is the founder of Prager University and may be contacted at
    // dennisprager.com.", "We're hosting a live chat on Reddit with former federal
    // investigators …").
    "may be contacted at",
    "hosting a live chat",
    "our weekly",
    "our bipartisan survey",
];

/// The shape two copies of a boilerplate sentence share.
pub fn shape(t: &str) -> String {
    // Built in one string (a string per word was a twentieth of a large build).
    let mut out = String::with_capacity(t.len());
    let words = t
        .split_whitespace()
        .filter(|w| !w.contains("://") && !w.starts_with("www.") && !w.contains('@'));
    for w in words {
        let before = out.len();
        if before > 0 {
            out.push(' ');
        }
        let start = out.len();
        out.extend(
            w.chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase),
        );
        if out.len() == start {
            out.truncate(before);
        }
    }
    out
}

/// What boilerplate detection needs of one claim, worked out when the claim is extracted (so
/// `serve`'s claim cache keeps it): a print of its shape, whether the shape is long enough to
/// count, and whether it holds furniture words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Furniture {
    /// 64-bit hash of [`shape`] (fixed seeds; two shapes of one corpus sharing one is as likely
    /// as ~10⁻¹¹).
    pub print: u64,
    /// The shape has at least three words.
    pub counts: bool,
    /// Holds furniture words and is short (see `MARKERS`).
    pub marked: bool,
    /// A sentence of [`FACT_WORDS`] or more naming someone or something with a figure or a
    /// date: a wire service's background paragraph ("On December 23, the FIS suspended six
    /// Russian skiers …") recurs in many of its stories, and is the same claim each time.
    pub fact: bool,
}

/// Fewest words of a sentence that recurrence alone does not make furniture (see
/// [`Furniture::fact`]); a dated footer or a "Call 1-800 …" line is shorter.
pub const FACT_WORDS: usize = 12;

impl Furniture {
    /// `reports_a_fact`: the sentence names someone or something and holds a figure or a date.
    pub fn of(text: &str, reports_a_fact: bool) -> Furniture {
        let s = shape(text);
        Furniture {
            fact: reports_a_fact && text.split_whitespace().count() >= FACT_WORDS,
            print: ahash::RandomState::with_seeds(21, 22, 23, 24).hash_one(&s),
            counts: s.split(' ').count() >= 3,
            marked: text.split_whitespace().count() <= MAX_MARKED_WORDS
                && MARKERS.iter().any(|m| s.contains(m)),
        }
    }
}

/// Per global claim (article by article, `claims[a]` being article `a`'s): whether it is
/// boilerplate (see [`find`]), and whether it is a recycled background sentence (see
/// [`Marks::background`]).
pub struct Marks {
    pub boiler: Vec<bool>,
    /// A sentence reporting a fact (see [`Furniture::fact`]) that recurs alone, word for word,
    /// in two or more long articles of its outlet: a story's background paragraph ("On December
    /// 23, the FIS slapped provisional suspensions on six Russian skiers …"). It is a claim, and
    /// the same claim in each; but it says nothing about copying: a follow-up that leads on it
    /// has not copied the first story's lead.
    pub background: Vec<bool>,
}

/// [`find`], and the background sentences it does not count as boilerplate.
pub fn marks(claims: &[&[Furniture]], outlet_of: &[Option<String>]) -> Marks {
    let (boiler, outlet, seen) = find_with(claims, outlet_of);
    let alone_too = alone(claims, &outlet, &seen, &boiler, true);
    let background = (alone_too.iter().zip(&boiler))
        .map(|(&a, &b)| a && !b)
        .collect();
    Marks { boiler, background }
}

/// Per global claim (article by article, `claims[a]` being article `a`'s), whether it is
/// boilerplate. `outlet_of` gives each article's outlet (its host or name); articles without one
/// are only checked for furniture words.
///
/// A sentence is boilerplate when it holds furniture words (see `MARKERS`), recurs in at least
/// [`MIN_ARTICLES`] articles of its outlet without reporting a fact (see [`Furniture::fact`]),
/// or recurs in two or more long articles of its outlet that share no other sentence and does
/// not report a fact: a footer or a column's standing note does; a story's background paragraph
/// is a claim (see [`Marks::background`]).
pub fn find(claims: &[&[Furniture]], outlet_of: &[Option<String>]) -> Vec<bool> {
    find_with(claims, outlet_of).0
}

fn find_with(
    claims: &[&[Furniture]],
    outlet_of: &[Option<String>],
) -> (Vec<bool>, Vec<Option<u32>>, Seen) {
    // Outlets as numbers; (outlet, shape) → articles it appears in.
    let mut outlet_ids: HashMap<&str, u32> = HashMap::new();
    let outlet: Vec<Option<u32>> = (outlet_of.iter())
        .map(|o| {
            let n = outlet_ids.len() as u32;
            o.as_deref().map(|o| *outlet_ids.entry(o).or_insert(n))
        })
        .collect();
    let mut seen: Seen = HashMap::new();
    for (a, fs) in claims.iter().enumerate() {
        let Some(o) = outlet[a] else { continue };
        for f in fs.iter().filter(|f| f.counts) {
            let arts = seen.entry((o, f.print)).or_default();
            if arts.last() != Some(&a) {
                arts.push(a);
            }
        }
    }
    let mut out: Vec<bool> = Vec::with_capacity(claims.iter().map(|c| c.len()).sum());
    for (a, fs) in claims.iter().enumerate() {
        for f in fs.iter() {
            let n = outlet[a]
                .and_then(|o| seen.get(&(o, f.print)))
                .map_or(0, Vec::len);
            out.push(f.marked || (n >= MIN_ARTICLES && !f.fact));
        }
    }
    // Sentences recurring in articles that share nothing else, found again once those are known
    // (two promos recurring together in the same two articles are both furniture).
    for _ in 0..3 {
        let next = alone(claims, &outlet, &seen, &out, false);
        if next == out {
            break;
        }
        out = next;
    }
    (out, outlet, seen)
}

/// (outlet, shape print) → the articles using it, ascending.
type Seen = HashMap<(u32, u64), Vec<usize>>;

/// `known` (per global claim) and the sentences that recur in two or more long articles of their
/// outlet sharing no other sentence that is not known boilerplate; sentences reporting a fact
/// only when `facts`.
fn alone(
    claims: &[&[Furniture]],
    outlet: &[Option<u32>],
    seen: &Seen,
    known: &[bool],
    facts: bool,
) -> Vec<bool> {
    let mut boiler: ahash::HashSet<(u32, u64)> = ahash::HashSet::default();
    let mut g = 0;
    for (a, fs) in claims.iter().enumerate() {
        for f in fs.iter() {
            if known[g]
                && let Some(o) = outlet[a]
            {
                boiler.insert((o, f.print));
            }
            g += 1;
        }
    }
    // How many recurring, not yet boilerplate sentences each article pair shares.
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for arts in (seen.iter())
        .filter(|(k, a)| a.len() >= 2 && !boiler.contains(*k))
        .map(|(_, a)| a)
    {
        for (i, &x) in arts.iter().enumerate() {
            for &y in &arts[i + 1..] {
                *shared.entry((x, y)).or_default() += 1;
            }
        }
    }
    let mut out = known.to_vec();
    let mut g = 0;
    for (a, fs) in claims.iter().enumerate() {
        for f in fs.iter() {
            if !out[g]
                && (facts || !f.fact)
                && let Some(o) = outlet[a]
                && let Some(arts) = seen.get(&(o, f.print))
                && arts.len() >= 2
            {
                // In a short article one shared sentence is much of it: not furniture.
                let long = arts.iter().all(|&x| claims[x].len() >= LONG_ARTICLE);
                out[g] = long
                    && arts.iter().enumerate().all(|(i, &x)| {
                        arts[i + 1..]
                            .iter()
                            .all(|&y| shared.get(&(x, y)).copied() == Some(1))
                    });
            }
            g += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_drops_numbers_links_and_addresses() {
        assert_eq!(
            shape("Contact the writer atedzhang@chinadaily.com.cn (China Daily 12/09/2016 page12)"),
            "contact the writer china daily page"
        );
        assert_eq!(
            shape("Send Facebook Twitter Permalink http://dw.com/p/1JRGC"),
            shape("Send Facebook Twitter Permalink http://dw.com/p/2XYZ")
        );
        // Words of no letters leave no gap; case folds.
        assert_eq!(shape("  2017 -- Élan 12 vital!  "), "élan vital");
        assert_eq!(shape("123 456"), "");
    }

    #[test]
    fn bios_promos_and_live_blog_notes_are_furniture_wherever_they_are() {
        for t in [
            "You can reach out to her on Twitter, where she is often tweeting obsessively about the Foo Fighters and the Phillies.",
            "Editor's note: Ruben Navarrette is a CNN contributor and a nationally syndicated columnist with the Washington Post Writers Group.",
            "Refresh this page for the latest.",
            "We'll move quickly to correct the record and we'll only point to the best information we have at the time.",
            "Sign the petition to declare you oppose a government takeover of the Internet",
            "NPR transcripts are created on a rush deadline by Verb8tm, Inc., an NPR contractor, and produced using a proprietary transcription process developed with NPR.",
            "This text may not be in its final form and may be updated or revised in the future.",
            "The authoritative record of NPR\u{2019}s programming is the audio record.",
            "The survey's overall sampling error is plus or minus three percentage points.",
            "The poll had a credibility interval, a measure of precision, of 3 percentage points.",
            "The online poll of 1,006 adults, taken Wednesday and Thursday, has a credibility interval of 3.5 percentage points.",
            "He lives with his wife and two children in Los Angeles.",
            "Support Progressive Journalism The Nation is reader supported: Chip in $10 or more to help us continue to write about the issues that matter.",
            "He is the founder of Prager University and may be contacted at dennisprager.com.",
            "We\u{2019}re hosting a live chat on Reddit with former federal investigators and our senior reporter.",
            "That's the assessment of this week's POLITICO Caucus, our weekly bipartisan survey of the top strategists, activists and operatives in the two early-voting states.",
            "That’s the assessment of this week’s POLITICO Caucus, our bipartisan survey of the top activists, strategists and operatives in Iowa, New Hampshire, South Carolina and Nevada.",
        ] {
            assert!(Furniture::of(t, false).marked, "{t}");
        }
        for t in [
            "Trump said on Twitter that he would sign the bill on Friday.",
            "The petition, signed by 120,000 people, asks the council to reopen the library.",
            "The weekly jobless claims rose by 12,000, the Labor Department said.",
        ] {
            assert!(!Furniture::of(t, false).marked, "{t}");
        }
    }
}
