//! Named entities: capitalised runs in a sentence become mentions (titles such as "President"
//! stripped, kind guessed from titles, a small gazetteer and organisation words), then the corpus
//! pass merges spellings of one entity: alias table, transliteration keys (Zelensky / Zelenskyy /
//! Zelenskiy) and surnames of known full names (Biden → Joe Biden).

use super::aliases::{Aliases, key};
use super::model::{Entity, EntityKind, Variant};
use super::text;
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
        split_run(sentence, &words[i..j], i == 0, &mut out);
        i = j;
    }
    out
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
    if initial && start == 0 && SENTENCE_STARTERS.contains(&rest[0].lower.as_str()) {
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
pub type Located = (usize, usize, Mention);

/// Result of resolving mentions: entities and, per located mention, its entity index.
pub struct Resolved {
    pub entities: Vec<Entity>,
    /// Same order as the input; `None` for dropped mentions.
    pub of_mention: Vec<Option<usize>>,
    /// Entity index → spelling keys used, per article slug (for name variants).
    pub spellings: Vec<BTreeMap<String, BTreeMap<String, usize>>>,
}

/// Merges mentions into entities. `slugs[i]` is the slug of article `i`.
pub fn resolve(mentions: &[Located], slugs: &[String], aliases: &Aliases) -> Resolved {
    let keys: Vec<String> = mentions.iter().map(|(_, _, m)| key(&m.surface)).collect();
    let canon: Vec<String> = keys.iter().map(|k| aliases.canonical(k)).collect();
    // Lookup-only maps (never iterated), so hash order cannot leak into the output.
    let mut group_of: HashMap<String, String> = HashMap::new(); // canonical translit → group key
    let mut kinds: HashMap<String, BTreeMap<EntityKind, usize>> = HashMap::new();
    let mut surnames: HashMap<String, BTreeSet<String>> = HashMap::new();
    // Pass 1: multi-word names and hinted single words define groups.
    for (i, (_, _, m)) in mentions.iter().enumerate() {
        let c = &canon[i];
        let multi = c.contains(' ');
        let known = aliases.display.contains_key(c);
        if multi || m.hint.is_some() || known {
            let g = translit(c);
            group_of.entry(g.clone()).or_insert_with(|| g.clone());
            if let Some(h) = m.hint.or_else(|| display_kind(aliases, c)) {
                *kinds.entry(g.clone()).or_default().entry(h).or_default() += 1;
            }
            if multi
                && m.hint == Some(EntityKind::Person)
                && let Some(last) = g.rsplit(' ').next()
            {
                surnames.entry(last.to_string()).or_default().insert(g);
            }
        }
    }
    // Pass 2: each mention's group.
    let mut of_group: Vec<Option<String>> = Vec::with_capacity(mentions.len());
    for (i, (_, _, m)) in mentions.iter().enumerate() {
        let g = translit(&canon[i]);
        let by_surname = surnames
            .get(&g)
            .filter(|s| s.len() == 1)
            .and_then(|s| s.first());
        let chosen = match by_surname {
            Some(full)
                if !canon[i].contains(' ') && !aliases.split(&keys[i], &key_of_group(full)) =>
            {
                Some(full.clone())
            }
            _ if group_of.contains_key(&g) => Some(g),
            _ if m.hint.is_some() => Some(g),
            _ => None,
        };
        of_group.push(chosen);
    }
    build(mentions, slugs, aliases, &keys, &of_group, &kinds)
}

fn key_of_group(g: &str) -> String {
    g.to_string()
}

fn display_kind(aliases: &Aliases, c: &str) -> Option<EntityKind> {
    match aliases.display.get(c).map(|(_, k)| k.as_str()) {
        Some("person") => Some(EntityKind::Person),
        Some("place") => Some(EntityKind::Place),
        Some("org") => Some(EntityKind::Org),
        _ => None,
    }
}

fn build(
    mentions: &[Located],
    slugs: &[String],
    aliases: &Aliases,
    keys: &[String],
    of_group: &[Option<String>],
    kinds: &HashMap<String, BTreeMap<EntityKind, usize>>,
) -> Resolved {
    let groups: BTreeSet<&String> = of_group.iter().flatten().collect();
    let sorted: Vec<&String> = groups.into_iter().collect();
    let index: HashMap<&String, usize> = sorted.iter().enumerate().map(|(i, g)| (*g, i)).collect();
    let alias_names: HashMap<String, &str> = aliases
        .display
        .iter()
        .map(|(k, (name, _))| (translit(k), name.as_str()))
        .collect();
    let n = index.len();
    let mut variants: Vec<BTreeMap<String, (usize, BTreeSet<String>)>> = vec![BTreeMap::new(); n];
    let mut spellings: Vec<BTreeMap<String, BTreeMap<String, usize>>> = vec![BTreeMap::new(); n];
    let mut of_mention = Vec::with_capacity(mentions.len());
    for (i, (art, _, m)) in mentions.iter().enumerate() {
        let e = of_group[i].as_ref().and_then(|g| index.get(g).copied());
        of_mention.push(e);
        let Some(e) = e else { continue };
        let slug = slugs.get(*art).cloned().unwrap_or_default();
        let v = variants[e].entry(m.surface.clone()).or_default();
        v.0 += 1;
        v.1.insert(slug.clone());
        if let Some(sp) = spelling_key(aliases, &keys[i]) {
            *spellings[e].entry(slug).or_default().entry(sp).or_default() += 1;
        }
    }
    let mut entities = Vec::with_capacity(n);
    let mut used_ids: BTreeSet<String> = BTreeSet::new();
    for (e, g) in sorted.iter().enumerate() {
        let kind = kinds
            .get(*g)
            .and_then(|m| {
                m.iter()
                    .max_by_key(|(k, c)| (**c, std::cmp::Reverse(**k)))
                    .map(|(k, _)| *k)
            })
            .unwrap_or(EntityKind::Org);
        let name = canonical_name(alias_names.get(g.as_str()).copied(), g, &variants[e]);
        let mut id = format!("e-{}", crate::content::slugify(&name));
        if !used_ids.insert(id.clone()) {
            id = format!("{id}-{}", text::short_hash(g));
            used_ids.insert(id.clone());
        }
        let mut vs: Vec<Variant> = variants[e]
            .iter()
            .map(|(name, (count, arts))| Variant {
                name: name.clone(),
                count: *count,
                articles: arts.iter().cloned().collect(),
            })
            .collect();
        vs.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
        let articles: BTreeSet<String> =
            vs.iter().flat_map(|v| v.articles.iter().cloned()).collect();
        entities.push(Entity {
            id,
            name,
            kind,
            variants: vs,
            articles: articles.into_iter().collect(),
        });
    }
    Resolved {
        entities,
        of_mention,
        spellings,
    }
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

fn canonical_name(
    alias: Option<&str>,
    g: &str,
    variants: &BTreeMap<String, (usize, BTreeSet<String>)>,
) -> String {
    if let Some(name) = alias {
        return name.to_string();
    }
    variants
        .iter()
        .max_by(|a, b| {
            let wa = a.0.split_whitespace().count();
            let wb = b.0.split_whitespace().count();
            wa.cmp(&wb).then(a.1.0.cmp(&b.1.0)).then(b.0.cmp(a.0))
        })
        .map(|(n, _)| n.clone())
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
    fn transliterations_agree() {
        assert_eq!(translit("zelenskyy"), translit("zelensky"));
        assert_eq!(translit("zelenskiy"), translit("zelensky"));
        assert_ne!(translit("zelenska"), translit("zelensky"));
    }

    #[test]
    fn surnames_merge_into_full_names() {
        let (aliases, _) = Aliases::load(None);
        let ms: Vec<Located> = [
            "Volodymyr Zelensky said it.",
            "Zelenskiy went.",
            "Olena Zelenska said.",
            "Kiev and Kyiv.",
        ]
        .iter()
        .enumerate()
        .flat_map(|(a, s)| mentions(s).into_iter().map(move |m| (a, 0, m)))
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
