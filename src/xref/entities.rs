//! Named entities: capitalised runs in a sentence become mentions (titles such as "President"
//! stripped, kind guessed from titles, a small gazetteer and organisation words), then the corpus
//! pass merges spellings of one entity: alias table, transliteration keys (Zelensky / Zelenskyy /
//! Zelenskiy) and surnames of known full names (Biden → Joe Biden).

use super::aliases::{Aliases, key};
use super::model::{Entity, EntityKind, Variant};
use super::text;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
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

const TITLES: &[&str] = &[
    "president",
    "prime",
    "minister",
    "vice",
    "secretary",
    "chief",
    "cabinet",
    "foreign",
    "defense",
    "defence",
    "press",
    "state",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "ambassador",
    "mayor",
    "judge",
    "justice",
    "ceo",
    "chairman",
    "chairwoman",
    "pope",
    "former",
    "first",
    "lady",
    "leader",
    "general",
    "gen",
    "commander",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "professor",
    "prof",
    "sir",
    "dame",
    "lord",
    "emperor",
    "premier",
    "envoy",
    "director",
    "colonel",
    "captain",
    "lieutenant",
    "sheikh",
    "deputy",
    "speaker",
    "senior",
    "adviser",
    "advisor",
    "special",
    "counsel",
    "attorney",
    "finance",
    "interior",
    "economy",
    "trade",
];

const ORG_WORDS: &[&str] = &[
    "ministry",
    "bank",
    "council",
    "house",
    "senate",
    "congress",
    "university",
    "agency",
    "department",
    "force",
    "forces",
    "league",
    "office",
    "parliament",
    "party",
    "union",
    "organization",
    "organisation",
    "commission",
    "committee",
    "court",
    "army",
    "navy",
    "group",
    "fund",
    "institute",
    "times",
    "news",
    "post",
    "company",
    "inc",
    "corp",
    "administration",
    "government",
    "association",
    "federation",
    "reserve",
    "pentagon",
    "kremlin",
    "journal",
    "network",
    "foundation",
    "airlines",
    "police",
    "guard",
    "cabinet",
    "assembly",
    "authority",
    "bureau",
    "corporation",
    "nations",
    "alliance",
    "club",
    "school",
    "press",
    "service",
    "services",
    "command",
    "tribunal",
];

const PLACE_WORDS: &[&str] = &[
    "islands",
    "island",
    "river",
    "sea",
    "ocean",
    "mountains",
    "city",
    "province",
    "region",
    "county",
    "strait",
    "peninsula",
    "gulf",
    "valley",
    "state",
];

const PLACES: &[&str] = &[
    "afghanistan",
    "africa",
    "albania",
    "algeria",
    "argentina",
    "armenia",
    "asia",
    "australia",
    "austria",
    "azerbaijan",
    "bakhmut",
    "baghdad",
    "bahrain",
    "bangladesh",
    "beijing",
    "belarus",
    "belgium",
    "berlin",
    "bolivia",
    "bosnia",
    "brazil",
    "brussels",
    "bulgaria",
    "cairo",
    "california",
    "cambodia",
    "canada",
    "chile",
    "china",
    "colombia",
    "crimea",
    "croatia",
    "cuba",
    "cyprus",
    "damascus",
    "delhi",
    "denmark",
    "donbas",
    "donetsk",
    "egypt",
    "england",
    "estonia",
    "ethiopia",
    "europe",
    "finland",
    "florida",
    "france",
    "gaza",
    "georgia",
    "germany",
    "greece",
    "hiroshima",
    "hong kong",
    "hungary",
    "india",
    "indonesia",
    "iran",
    "iraq",
    "ireland",
    "israel",
    "italy",
    "japan",
    "jerusalem",
    "jordan",
    "kabul",
    "kazakhstan",
    "kenya",
    "kharkiv",
    "kherson",
    "korea",
    "kosovo",
    "kuwait",
    "kyiv",
    "latvia",
    "lebanon",
    "libya",
    "lithuania",
    "london",
    "los angeles",
    "luhansk",
    "lviv",
    "madrid",
    "malaysia",
    "mariupol",
    "mexico",
    "moldova",
    "moscow",
    "myanmar",
    "netherlands",
    "new york",
    "new zealand",
    "nigeria",
    "north korea",
    "norway",
    "odesa",
    "pakistan",
    "palestine",
    "paris",
    "philippines",
    "poland",
    "portugal",
    "qatar",
    "romania",
    "rome",
    "russia",
    "saudi arabia",
    "scotland",
    "seoul",
    "serbia",
    "singapore",
    "slovakia",
    "somalia",
    "south africa",
    "south korea",
    "spain",
    "sudan",
    "sweden",
    "switzerland",
    "syria",
    "taiwan",
    "tehran",
    "texas",
    "thailand",
    "tokyo",
    "turkey",
    "uk",
    "ukraine",
    "united kingdom",
    "united states",
    "us",
    "usa",
    "venezuela",
    "vietnam",
    "warsaw",
    "washington",
    "yemen",
    "zaporizhzhia",
    "kiev",
    "britain",
    "america",
    "indo-pacific",
    "middle east",
    "latin america",
    "hokkaido",
    "osaka",
    "kyoto",
    "busan",
    "shanghai",
    "hong",
    "taipei",
    "manila",
    "jakarta",
    "ottawa",
    "toronto",
    "chicago",
    "vienna",
    "prague",
    "budapest",
    "bucharest",
    "athens",
    "ankara",
    "istanbul",
    "riyadh",
    "dubai",
    "doha",
    "mumbai",
    "sydney",
    "melbourne",
    "geneva",
    "munich",
    "hamburg",
];

const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "it",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "as",
    "after",
    "before",
    "while",
    "when",
    "if",
    "so",
    "then",
    "there",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "despite",
    "since",
    "although",
    "both",
    "some",
    "many",
    "most",
    "all",
    "one",
    "what",
    "why",
    "how",
    "who",
    "where",
    "today",
    "yesterday",
    "meanwhile",
    "however",
    "still",
    "yet",
    "also",
    "for",
    "with",
    "by",
    "from",
    "following",
    "top",
    "very",
    "such",
    "each",
    "every",
    "other",
    "another",
    "any",
    "more",
    "to",
    "of",
    "no",
    "yes",
    "not",
    "last",
    "next",
    "earlier",
    "later",
    "according",
];

const OF_WORDS: &[&str] = &[
    "republic",
    "kingdom",
    "state",
    "states",
    "city",
    "gulf",
    "sea",
    "bay",
    "isle",
    "duke",
    "province",
    "people's",
    "federation",
];

/// Weekdays, months and time zones are never names.
fn is_calendar(lower: &str) -> bool {
    matches!(
        lower.trim_end_matches("'s"),
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "gmt"
            | "utc"
            | "est"
            | "edt"
            | "pst"
            | "bst"
            | "cet"
            | "jst"
            | "kst"
    )
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
pub fn mentions(sentence: &str) -> Vec<Mention> {
    let words = text::words(sentence);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let raw = &sentence[words[i].span.clone()];
        if !is_cap(raw) || is_calendar(&words[i].lower) {
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
            if (is_cap(r) && !is_calendar(&words[j].lower)) || connector {
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

fn split_run(sentence: &str, run: &[text::Word], initial: bool, out: &mut Vec<Mention>) {
    let mut start = 0;
    let mut titled = false;
    while start < run.len() && is_title_or_demonym(run, start) {
        titled |= TITLES.contains(&run[start].lower.as_str());
        start += 1;
    }
    if start < run.len() && run[start].lower == "of" {
        // "Prime Minister of Japan Fumio Kishida": the country, then the person.
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
    let rest = &run[start..];
    if rest.is_empty() {
        return;
    }
    if let Some(k) =
        (1..rest.len()).find(|&k| TITLES.contains(&rest[k].lower.as_str()) && k + 1 < rest.len())
    {
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
    let hint = guess_kind(sentence, rest, titled);
    if rest.len() == 1 && initial && start == 0 && hint.is_none() {
        // A lone capitalised first word may be an ordinary word; keep it only as unknown.
        push(sentence, rest, None, out);
        return;
    }
    push(sentence, rest, hint, out);
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
    if PLACES.contains(&k.as_str()) || PLACE_WORDS.contains(&last) {
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
    {
        return Some(EntityKind::Person);
    }
    None
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

/// Transliteration key of a name: doubled letters collapsed and common endings unified, so
/// "Zelenskyy", "Zelenskiy" and "Zelensky" agree but "Zelenska" does not.
pub fn translit(k: &str) -> String {
    k.split(' ')
        .map(|w| {
            if w.chars().count() < 6 {
                return w.to_string(); // short names and acronyms: BBC, SANA, II
            }
            let mut s = String::with_capacity(w.len());
            for c in w.chars() {
                // Doubled letters collapse ("Zelenskyy", "Jaafari"), except o and e, whose
                // doubling makes other words ("Cameroon" is not "Cameron").
                if s.ends_with(c) && c.is_alphabetic() && c != 'o' && c != 'e' {
                    continue;
                }
                s.push(c);
            }
            for (from, to) in [
                ("iy", "y"),
                ("yi", "y"),
                ("ii", "y"),
                ("ij", "y"),
                ("yj", "y"),
            ] {
                if let Some(stem) = s.strip_suffix(from) {
                    s = format!("{stem}{to}");
                }
            }
            s.replace("kh", "h").replace("zh", "j").replace("ya", "ia")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One mention located in the corpus: (article index, claim index, mention).
pub type Located<'m> = (usize, usize, &'m Mention);

/// Result of resolving mentions: entities and, per located mention, its entity index.
pub struct Resolved {
    pub entities: Vec<Entity>,
    /// Same order as the input; `None` for dropped mentions.
    pub of_mention: Vec<Option<usize>>,
    /// Per distinct surface with an entity, in order of first mention: its [`key`] and entity.
    pub surface_keys: Vec<(String, usize)>,
    /// Entity index → spelling keys used, per article slug (for name variants).
    pub spellings: Vec<Spellings>,
}

/// Article slug → spelling key → number of mentions.
pub type Spellings = BTreeMap<String, BTreeMap<String, usize>>;

/// Merges mentions into entities. `slugs[i]` is the slug of article `i`.
///
/// Everything but the entity kinds depends only on a mention's surface, so the work is done
/// once per distinct surface and once per distinct group key; mentions only carry indices.
pub fn resolve(mentions: &[Located<'_>], slugs: &[String], aliases: &Aliases) -> Resolved {
    let surfaces = Surfaces::new(mentions, aliases);
    let groups = Groups::new(&surfaces.list);
    // Pass 1: multi-word names and hinted single words define groups.
    let mut defined = vec![false; groups.names.len()];
    let mut kinds = vec![[0usize; 3]; groups.names.len()];
    let mut full_person = vec![false; surfaces.list.len()];
    for ((_, _, m), &s) in mentions.iter().zip(&surfaces.of_mention) {
        let sf = &surfaces.list[s];
        if sf.multi || m.hint.is_some() || sf.known {
            let g = groups.of_surface[s];
            defined[g] = true;
            if let Some(h) = m.hint.or(sf.display_kind) {
                kinds[g][h as usize] += 1;
            }
            full_person[s] |= sf.multi && m.hint == Some(EntityKind::Person);
        }
    }
    let surnames = surnames(&groups, &full_person);
    // Pass 2: each surface's group. (A hinted mention always defined its own group in pass 1.)
    let chosen: Vec<Option<usize>> = surfaces
        .list
        .iter()
        .enumerate()
        .map(|(s, sf)| {
            let g = groups.of_surface[s];
            match surnames.get(sf.group.as_str()) {
                Some(&Surname::One(full))
                    if !sf.multi && !aliases.split(&sf.key, groups.names[full]) =>
                {
                    Some(full)
                }
                _ => defined[g].then_some(g),
            }
        })
        .collect();
    build(
        mentions, slugs, aliases, &surfaces, &groups, &chosen, &kinds,
    )
}

/// What the passes need to know about one distinct surface.
struct Surface<'m> {
    text: &'m str,
    key: String,
    /// Transliteration key of the canonical key.
    group: String,
    multi: bool,
    known: bool,
    display_kind: Option<EntityKind>,
    spelling: Option<String>,
}

/// Distinct surfaces (first-seen order) and, per mention, its surface index.
struct Surfaces<'m> {
    list: Vec<Surface<'m>>,
    of_mention: Vec<usize>,
}

impl<'m> Surfaces<'m> {
    fn new(mentions: &[Located<'m>], aliases: &Aliases) -> Surfaces<'m> {
        let mut index: ahash::HashMap<&str, usize> = ahash::HashMap::default();
        let mut texts: Vec<&str> = Vec::new();
        let of_mention = mentions
            .iter()
            .map(|(_, _, m)| {
                *index.entry(m.surface.as_str()).or_insert_with(|| {
                    texts.push(m.surface.as_str());
                    texts.len() - 1
                })
            })
            .collect();
        let list = texts
            .par_iter()
            .map(|&text| {
                let key = key(text);
                let canon = aliases.canonical(&key);
                Surface {
                    text,
                    group: translit(&canon),
                    multi: canon.contains(' '),
                    known: aliases.display.contains_key(&canon),
                    display_kind: display_kind(aliases, &canon),
                    spelling: spelling_key(aliases, &key),
                    key,
                }
            })
            .collect();
        Surfaces { list, of_mention }
    }
}

/// Distinct group keys and, per surface, its group index.
struct Groups<'s> {
    names: Vec<&'s str>,
    of_surface: Vec<usize>,
}

impl<'s> Groups<'s> {
    fn new(surfaces: &'s [Surface]) -> Groups<'s> {
        let mut index: ahash::HashMap<&str, usize> = ahash::HashMap::default();
        let mut names = Vec::new();
        let of_surface = surfaces
            .iter()
            .map(|sf| {
                *index.entry(sf.group.as_str()).or_insert_with(|| {
                    names.push(sf.group.as_str());
                    names.len() - 1
                })
            })
            .collect();
        Groups { names, of_surface }
    }
}

/// The full names (groups) a surname may stand for: one, or several (then it stays apart).
#[derive(Clone, Copy)]
enum Surname {
    One(usize),
    Many,
}

/// Last word of a person's multi-word group → the group(s) it ends.
fn surnames<'s>(groups: &Groups<'s>, full_person: &[bool]) -> HashMap<&'s str, Surname> {
    let mut out: HashMap<&str, Surname> = HashMap::new();
    for (s, _) in full_person.iter().enumerate().filter(|(_, p)| **p) {
        let g = groups.of_surface[s];
        let Some(last) = groups.names[g].rsplit(' ').next() else {
            continue;
        };
        out.entry(last)
            .and_modify(|e| {
                if !matches!(e, Surname::One(x) if *x == g) {
                    *e = Surname::Many;
                }
            })
            .or_insert(Surname::One(g));
    }
    out
}

fn display_kind(aliases: &Aliases, c: &str) -> Option<EntityKind> {
    match aliases.display.get(c).map(|(_, k)| k.as_str()) {
        Some("person") => Some(EntityKind::Person),
        Some("place") => Some(EntityKind::Place),
        Some("org") => Some(EntityKind::Org),
        _ => None,
    }
}

/// The most frequent kind of a group (ties to the first of person, place, org); org if none.
fn majority_kind(counts: &[usize; 3]) -> EntityKind {
    const KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Place, EntityKind::Org];
    let mut best: Option<(usize, EntityKind)> = None;
    for (k, &n) in KINDS.iter().zip(counts) {
        if n > 0 && best.is_none_or(|(b, _)| n > b) {
            best = Some((n, *k));
        }
    }
    best.map_or(EntityKind::Org, |(_, k)| k)
}

fn build(
    mentions: &[Located<'_>],
    slugs: &[String],
    aliases: &Aliases,
    surfaces: &Surfaces,
    groups: &Groups,
    chosen: &[Option<usize>],
    kinds: &[[usize; 3]],
) -> Resolved {
    // Entities are the chosen groups sorted by key.
    let mut sorted: Vec<usize> = chosen.iter().flatten().copied().collect();
    sorted.sort_unstable_by_key(|&g| groups.names[g]);
    sorted.dedup();
    let mut entity_of_group = vec![None; groups.names.len()];
    for (e, &g) in sorted.iter().enumerate() {
        entity_of_group[g] = Some(e);
    }
    let entity_of = |s: usize| chosen[s].and_then(|g| entity_of_group[g]);
    let of_mention: Vec<Option<usize>> =
        surfaces.of_mention.iter().map(|&s| entity_of(s)).collect();
    let entity_of_surface: Vec<Option<usize>> = (0..surfaces.list.len()).map(entity_of).collect();
    let surface_keys = surfaces
        .list
        .iter()
        .zip(&entity_of_surface)
        .filter_map(|(sf, e)| e.map(|e| (sf.key.clone(), e)))
        .collect();
    let (variants, spellings) =
        variants_and_spellings(mentions, slugs, surfaces, &entity_of_surface, sorted.len());
    let alias_names: HashMap<String, &str> = aliases
        .display
        .iter()
        .map(|(k, (name, _))| (translit(k), name.as_str()))
        .collect();
    let mut entities = Vec::with_capacity(sorted.len());
    let mut used_ids: BTreeSet<String> = BTreeSet::new();
    for (mut vs, &gi) in variants.into_iter().zip(&sorted) {
        let g = groups.names[gi];
        let name = canonical_name(alias_names.get(g).copied(), g, &vs);
        let mut id = format!("e-{}", crate::content::slugify(&name));
        if !used_ids.insert(id.clone()) {
            id = format!("{id}-{}", text::short_hash(g));
            used_ids.insert(id.clone());
        }
        vs.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
        let articles: BTreeSet<&String> = vs.iter().flat_map(|v| v.articles.iter()).collect();
        let articles = articles.into_iter().cloned().collect();
        entities.push(Entity {
            id,
            name,
            kind: majority_kind(&kinds[gi]),
            variants: vs,
            articles,
        });
    }
    Resolved {
        entities,
        of_mention,
        surface_keys,
        spellings,
    }
}

/// Per entity, its variants (unsorted) and the spelling keys used per article slug.
fn variants_and_spellings(
    mentions: &[Located<'_>],
    slugs: &[String],
    surfaces: &Surfaces,
    entity_of_surface: &[Option<usize>],
    n: usize,
) -> (Vec<Vec<Variant>>, Vec<Spellings>) {
    // Per surface, the article of each of its mentions.
    let mut arts_of: Vec<Vec<usize>> = vec![Vec::new(); surfaces.list.len()];
    for ((art, _, _), &s) in mentions.iter().zip(&surfaces.of_mention) {
        if entity_of_surface[s].is_some() {
            arts_of[s].push(*art);
        }
    }
    let slug = |a: usize| slugs.get(a).map_or("", String::as_str);
    let mut variants: Vec<Vec<Variant>> = vec![Vec::new(); n];
    let mut spellings: Vec<Spellings> = vec![BTreeMap::new(); n];
    for (s, arts) in arts_of.iter_mut().enumerate() {
        let Some(e) = entity_of_surface[s] else {
            continue;
        };
        arts.sort_unstable();
        if let Some(sp) = &surfaces.list[s].spelling {
            for run in arts.chunk_by(|a, b| a == b) {
                *spellings[e]
                    .entry(slug(run[0]).to_string())
                    .or_default()
                    .entry(sp.clone())
                    .or_default() += run.len();
            }
        }
        let mut names: Vec<&str> = arts.iter().map(|&a| slug(a)).collect();
        names.sort_unstable();
        names.dedup();
        variants[e].push(Variant {
            name: surfaces.list[s].text.to_string(),
            count: arts.len(),
            articles: names.into_iter().map(str::to_string).collect(),
        });
    }
    (variants, spellings)
}

/// The spelling a mention uses, ignoring name aliases (ROK = South Korea) and title/first-name
/// differences: the last word of the key, unless a spelling alias maps it.
fn spelling_key(aliases: &Aliases, k: &str) -> Option<String> {
    let c = aliases.canonical(k);
    if c != k && !aliases.spelling.contains(k) {
        return None; // a different name, not a different spelling
    }
    k.rsplit(' ').next().map(str::to_string)
}

/// The alias table's display name, else the variant with most words, then most uses, then
/// first in order.
fn canonical_name(alias: Option<&str>, g: &str, variants: &[Variant]) -> String {
    if let Some(name) = alias {
        return name.to_string();
    }
    variants
        .iter()
        .max_by(|a, b| {
            let wa = a.name.split_whitespace().count();
            let wb = b.name.split_whitespace().count();
            wa.cmp(&wb)
                .then(a.count.cmp(&b.count))
                .then(b.name.cmp(&a.name))
        })
        .map(|v| v.name.clone())
        .unwrap_or_else(|| g.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn capitalised_function_words_are_not_names() {
        let names = |s: &str| -> Vec<String> { surfaces(s).into_iter().map(|m| m.0).collect() };
        // After an opening quote, or a sentence end inside a claim, "The" starts a clause.
        let m = names("Trump tweeted on Saturday, \"The opinion of this judge is ridiculous!\"");
        assert_eq!(m, ["Trump"].map(String::from).to_vec(), "{m:?}");
        let m = names("It was settled. The Washington Post said so.");
        assert!(m.contains(&"Washington Post".to_string()), "{m:?}");
        // A heading glued to the paragraph leaves a lone "The" mid-sentence: not a name either.
        let m = names("Easing psychological burden The efficiency saves time, Kelly said.");
        assert!(
            m.contains(&"Kelly".to_string()) && !m.contains(&"The".to_string()),
            "{m:?}"
        );
        // Acronyms are kept: "WHO" is an organisation, "Who" a question.
        assert!(names("The WHO warned on Monday.").contains(&"WHO".to_string()));
        assert!(names("He asked: Who knew?").is_empty());
    }

    #[test]
    fn transliterations_agree() {
        assert_eq!(translit("zelenskyy"), translit("zelensky"));
        assert_eq!(translit("zelenskiy"), translit("zelensky"));
        assert_ne!(translit("zelenska"), translit("zelensky"));
    }

    #[test]
    fn surnames_merge_into_full_names() {
        let (aliases, _) = Aliases::load(None);
        let found: Vec<Vec<Mention>> = [
            "Volodymyr Zelensky said it.",
            "Zelenskiy went.",
            "Olena Zelenska said.",
            "Kiev and Kyiv.",
        ]
        .iter()
        .map(|s| mentions(s))
        .collect();
        let ms: Vec<Located> = found
            .iter()
            .enumerate()
            .flat_map(|(a, ms)| ms.iter().map(move |m| (a, 0, m)))
            .collect();
        let r = resolve(
            &ms,
            &["a".into(), "b".into(), "c".into(), "d".into()],
            &aliases,
        );
        let names: Vec<&str> = r.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"Volodymyr Zelensky"), "{names:?}");
        assert!(names.contains(&"Olena Zelenska"));
        assert!(names.contains(&"Kyiv"));
        let z = r
            .entities
            .iter()
            .find(|e| e.name == "Volodymyr Zelensky")
            .expect("zelensky");
        assert_eq!(z.variants.len(), 2);
    }
}
