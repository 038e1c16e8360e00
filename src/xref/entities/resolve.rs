//! The corpus pass over mentions: spellings of one entity are merged through the alias table,
//! transliteration keys (Zelensky / Zelenskyy / Zelenskiy) and surnames of known full names
//! (Biden → Joe Biden); each mention gets its entity.

use super::Mention;
use super::records;
use crate::xref::aliases::{Aliases, key};
use crate::xref::model::{Entity, EntityKind};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

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
                // Doubled letters collapse ("Zelenskyy"), except vowels, whose doubling makes
                // other names ("Cameroon" is not "Cameron", "Shaanxi" is not "Shanxi").
                if s.ends_with(c) && c.is_alphabetic() && !"aeiou".contains(c) {
                    continue;
                }
                s.push(c);
            }
            // A collapse that leaves a short word makes a common word or another name of one
            // ("Colless" is not "Coles", "Forrest" not "Forest", "Humann" not "human").
            if s.chars().count() < 6 && s != w {
                return w.to_string();
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

/// What an article's mentions are remembered by from pass to pass (`serve`: its file and content
/// hash): an article with the same key has the same mentions.
pub type ArticleKey<'a> = (&'a str, &'a str);

/// Result of resolving mentions: entities and, per located mention, its entity index.
pub struct Resolved {
    pub entities: Vec<Entity>,
    /// Same order as the input; `None` for dropped mentions.
    pub of_mention: Vec<Option<usize>>,
    /// The [`key`] of each distinct surface with an entity → that entity (of the first such
    /// surface mentioned, when several have the same key).
    pub entity_of_key: EntityOfKey,
    /// Entity index → spelling keys used, per article slug (for name variants).
    pub spellings: Vec<Spellings>,
}

/// Surface key → entity index, held by a 64-bit hash of the key (fixed seeds: two keys of one
/// corpus sharing a hash is as likely as ~10⁻¹¹), so a pass does not copy ~15,000 keys.
#[derive(Default)]
pub struct EntityOfKey(ahash::HashMap<u64, usize>);

impl EntityOfKey {
    /// The entity of the surfaces with this [`key`].
    pub fn get(&self, key: &str) -> Option<usize> {
        self.0.get(&key_hash(key)).copied()
    }

    /// Every (key hash, entity), in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, usize)> + '_ {
        self.0.iter().map(|(&h, &e)| (h, e))
    }

    /// Notes the entity of the key with this hash unless one is noted already.
    pub(super) fn note_first(&mut self, hash: u64, entity: usize) {
        self.0.entry(hash).or_insert(entity);
    }
}

/// The hash [`EntityOfKey`] holds a key by.
fn key_hash(key: &str) -> u64 {
    ahash::RandomState::with_seeds(11, 12, 13, 14).hash_one(key)
}

/// Article slug → spelling key → number of mentions.
pub type Spellings = BTreeMap<String, BTreeMap<String, usize>>;

/// Merges mentions into entities. `slugs[i]` is the slug of article `i`.
///
/// Everything but the entity kinds depends only on a mention's surface, so the work is done
/// once per distinct surface and once per distinct group key; mentions only carry indices.
pub fn resolve(mentions: &[Located<'_>], slugs: &[String], aliases: &Aliases) -> Resolved {
    let keys: Vec<ArticleKey> = slugs.iter().map(|s| (s.as_str(), "")).collect();
    resolve_with(
        mentions,
        slugs,
        &keys,
        aliases,
        &mut SurfaceCache::default(),
    )
}

/// [`resolve`], taking what is known of each surface, and of the surfaces of the articles with
/// the same key (`keys[i]` is article `i`'s), from `cache` (made with the same `aliases`) and
/// leaving there what it learnt of this corpus.
pub fn resolve_with(
    mentions: &[Located<'_>],
    slugs: &[String],
    keys: &[ArticleKey],
    aliases: &Aliases,
    cache: &mut SurfaceCache,
) -> Resolved {
    let ids = cache.surface_ids(mentions, keys, aliases);
    let mut surfaces = Surfaces::new(mentions, &ids, &cache.facts);
    let mut groups = Groups::new(&surfaces.list, cache.group_ids.len());
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
    let mut usage = Usage::of(mentions, &surfaces.of_mention, &groups, surfaces.list.len());
    usage.note_given_names(mentions, &surfaces, &groups, &full_person);
    // Pass 2: each surface's group. (A hinted mention always defined its own group in pass 1.)
    let mut chosen: Vec<Option<usize>> = surfaces
        .list
        .iter()
        .enumerate()
        .map(|(s, sf)| {
            let g = groups.of_surface[s];
            match surnames.get(sf.group.as_str()) {
                Some(&Surname::One(full))
                    if !sf.multi
                        && !super::lexicon::is_nationality(&sf.key)
                        && !aliases.split(&sf.key, groups.names[full])
                        && usage.may_be_surname(s, full) =>
                {
                    Some(full)
                }
                _ => defined[g].then_some(g),
            }
        })
        .collect();
    split_surnames(
        mentions,
        &mut surfaces,
        &mut groups,
        &mut chosen,
        &usage,
        &defined,
    );
    let resolved = records::build(
        mentions,
        slugs,
        aliases,
        &surfaces,
        &groups,
        &chosen,
        &kinds,
        &mut cache.entities,
    );
    let live = surfaces.list.len();
    cache.forget_if_mostly_dead(live);
    resolved
}

/// Makes a surname a full name's only in the articles that name that person in full: news
/// names a person in full before using the surname, so elsewhere the same word is someone or
/// something else ("Galloway" the cattle breed, not Judy Galloway of another article). The
/// mentions of a surname-joined surface in other articles move to a copy of the surface, which
/// keeps the word's own group (when something defined it) instead.
fn split_surnames<'m, 'c>(
    mentions: &[Located<'m>],
    surfaces: &mut Surfaces<'m, 'c>,
    groups: &mut Groups<'_>,
    chosen: &mut Vec<Option<usize>>,
    usage: &Usage,
    defined: &[bool],
) {
    let n = surfaces.list.len();
    let mut copy_of: Vec<Option<usize>> = vec![None; n];
    for ((a, _, _), s) in mentions.iter().zip(surfaces.of_mention.iter_mut()) {
        let own = groups.of_surface[*s];
        let Some(full) = chosen[*s].filter(|&g| g != own) else {
            continue;
        };
        if usage.group_articles[full].binary_search(a).is_ok() {
            continue;
        }
        let copy = *copy_of[*s].get_or_insert_with(|| {
            surfaces.list.push(surfaces.list[*s]);
            groups.of_surface.push(own);
            chosen.push(defined[own].then_some(own));
            surfaces.list.len() - 1
        });
        *s = copy;
    }
}

/// What the passes need to know about one distinct surface: a function of its text and the
/// alias table only.
pub(super) struct Facts {
    pub(super) key: String,
    /// [`key_hash`] of the key.
    pub(super) key_hash: u64,
    /// Transliteration key of the canonical key.
    group: String,
    /// The group's number in its [`SurfaceCache`] (equal groups, equal numbers).
    group_id: u32,
    multi: bool,
    known: bool,
    display_kind: Option<EntityKind>,
    pub(super) spelling: Option<String>,
}

impl Facts {
    fn of(text: &str, aliases: &Aliases) -> Facts {
        let key = key(text);
        let canon = aliases.canonical(&key);
        Facts {
            key_hash: key_hash(&key),
            group: translit(&canon),
            group_id: u32::MAX, // numbered when the cache learns it

            multi: canon.contains(' '),
            known: aliases.display.contains_key(&canon),
            display_kind: display_kind(aliases, &canon),
            spelling: spelling_key(aliases, &key),
            key,
        }
    }
}

/// What is known of each surface (its key, group and spelling) by surface id, the id of each
/// surface text and each article's mentions' surface ids by article key, so that an unchanged
/// article's mentions are not looked up again, and the last pass's entity records (kept by group
/// with a fingerprint of their inputs). `serve` keeps it from pass to pass (emptied when the
/// alias table changes, see [`crate::xref::corpus::Carried`]).
#[derive(Default)]
pub struct SurfaceCache {
    /// Surface text → id, an index into `facts`. Ids are not reassigned while the cache lives.
    ids: HashMap<String, u32, ahash::RandomState>,
    facts: Vec<Facts>,
    /// Group key → its number (see [`Facts`]).
    group_ids: ahash::HashMap<String, u32>,
    of_article: HashMap<(String, String), Vec<u32>, ahash::RandomState>,
    entities: records::Memo,
}

impl SurfaceCache {
    /// The surface id of each mention: an article's remembered ids when its key is known, else
    /// its mentions' surfaces looked up, learning the facts of those never seen (in parallel).
    /// Articles no longer present are forgotten.
    fn surface_ids(
        &mut self,
        mentions: &[Located<'_>],
        keys: &[ArticleKey],
        aliases: &Aliases,
    ) -> Vec<u32> {
        // An article's remembered ids stand for a whole run of its mentions: listed together.
        let grouped = mentions.windows(2).all(|w| w[0].0 <= w[1].0);
        let runs: Vec<&[Located]> = mentions.chunk_by(|a, b| a.0 == b.0).collect();
        let owned = |a: usize| (keys[a].0.to_string(), keys[a].1.to_string());
        let mut known: Vec<Option<Vec<u32>>> = (runs.iter())
            .map(|run| {
                let ids = self
                    .of_article
                    .remove(&owned(run[0].0))
                    .filter(|_| grouped)?;
                (ids.len() == run.len()).then_some(ids)
            })
            .collect();
        let mut new: Vec<&str> = Vec::new();
        let mut seen: ahash::HashSet<&str> = Default::default();
        for (run, _) in runs.iter().zip(&known).filter(|(_, k)| k.is_none()) {
            for (_, _, m) in run.iter() {
                let t = m.surface.as_str();
                if !self.ids.contains_key(t) && seen.insert(t) {
                    new.push(t);
                }
            }
        }
        let facts: Vec<Facts> = new.par_iter().map(|t| Facts::of(t, aliases)).collect();
        for (t, mut f) in new.into_iter().zip(facts) {
            let next = self.group_ids.len() as u32;
            f.group_id = *self.group_ids.entry(f.group.clone()).or_insert(next);
            self.ids.insert(t.to_string(), self.facts.len() as u32);
            self.facts.push(f);
        }
        self.of_article.clear();
        let mut out = Vec::with_capacity(mentions.len());
        for (run, ids) in runs.iter().zip(&mut known) {
            // Every surface has an id by now: those not known before were added above.
            let ids = ids.take().unwrap_or_else(|| {
                (run.iter())
                    .map(|(_, _, m)| self.ids[m.surface.as_str()])
                    .collect()
            });
            out.extend_from_slice(&ids);
            self.of_article.insert(owned(run[0].0), ids);
        }
        out
    }

    /// Starts over next time when most known surfaces are no longer mentioned (`live` are), so
    /// edits do not grow the cache without end. The entity records go too: their fingerprints
    /// hold surface ids, which are then given anew.
    fn forget_if_mostly_dead(&mut self, live: usize) {
        if self.facts.len() > 2 * live + 4096 {
            *self = SurfaceCache::default();
        }
    }

    /// Keeps the records (`entities`, `spellings`) the pass that used this cache made, for the
    /// next pass to reuse where an entity's inputs are unchanged.
    pub fn remember(&mut self, entities: Vec<Entity>, spellings: Vec<Spellings>) {
        self.entities.remember(entities, spellings);
    }
}

/// One distinct surface and its facts.
#[derive(Clone, Copy)]
pub(super) struct Surface<'m, 'c> {
    pub(super) text: &'m str,
    /// Its id in the [`SurfaceCache`]: the same text, the same id while the cache lives.
    pub(super) id: u32,
    facts: &'c Facts,
}

impl std::ops::Deref for Surface<'_, '_> {
    type Target = Facts;
    fn deref(&self) -> &Facts {
        self.facts
    }
}

/// Distinct surfaces (first-seen order) and, per mention, its surface index.
pub(super) struct Surfaces<'m, 'c> {
    pub(super) list: Vec<Surface<'m, 'c>>,
    pub(super) of_mention: Vec<usize>,
}

impl<'m, 'c> Surfaces<'m, 'c> {
    /// The distinct surfaces of `mentions` in order of first mention, given each mention's
    /// surface id (an index into `facts`).
    fn new(mentions: &[Located<'m>], ids: &[u32], facts: &'c [Facts]) -> Surfaces<'m, 'c> {
        let mut at = vec![u32::MAX; facts.len()];
        let mut list = Vec::new();
        let of_mention = (mentions.iter().zip(ids))
            .map(|((_, _, m), &id)| {
                let at = &mut at[id as usize];
                if *at == u32::MAX {
                    *at = list.len() as u32;
                    list.push(Surface {
                        text: m.surface.as_str(),
                        id,
                        facts: &facts[id as usize],
                    });
                }
                *at as usize
            })
            .collect();
        Surfaces { list, of_mention }
    }
}

/// Distinct group keys and, per surface, its group index.
pub(super) struct Groups<'s> {
    pub(super) names: Vec<&'s str>,
    of_surface: Vec<usize>,
}

impl<'s> Groups<'s> {
    /// The groups of `surfaces` in order of first surface; `known` is the number of groups
    /// their cache has numbered.
    fn new(surfaces: &[Surface<'_, 's>], known: usize) -> Groups<'s> {
        let mut at = vec![u32::MAX; known];
        let mut names = Vec::new();
        let of_surface = surfaces
            .iter()
            .map(|sf| {
                let at = &mut at[sf.group_id as usize];
                if *at == u32::MAX {
                    *at = names.len() as u32;
                    names.push(sf.facts.group.as_str());
                }
                *at as usize
            })
            .collect();
        Groups { names, of_surface }
    }
}

/// The full names (groups) a surname may stand for: one, or several (then it stays apart).
/// Where surfaces and groups are used, for telling a surname from a common word or another
/// name that ends a full name.
struct Usage {
    /// Per surface: used somewhere other than at the start of a sentence (where any word is
    /// capitalised: "Timber company Gunns …" is not "Boral Timber").
    mid_sentence: Vec<bool>,
    /// Per surface: also named as a place or body somewhere ("the Rhine" is no surname).
    other_kind: Vec<bool>,

    /// Per surface: in some article using it, it is the first or a middle name of a person
    /// named in full there and the last name of none ("Khalid" beside "Khalid Abu Bakar"):
    /// there it stands for that person, so it is no one else's surname corpus-wide.
    given_name: Vec<bool>,
    /// Per surface and per group: the articles using it, sorted.
    articles: Vec<Vec<usize>>,
    group_articles: Vec<Vec<usize>>,
}

impl Usage {
    fn of(mentions: &[Located<'_>], of_mention: &[usize], groups: &Groups<'_>, n: usize) -> Usage {
        let mut u = Usage {
            mid_sentence: vec![false; n],
            other_kind: vec![false; n],
            given_name: vec![false; n],
            articles: vec![Vec::new(); n],
            group_articles: vec![Vec::new(); groups.names.len()],
        };
        for ((a, _, m), &s) in mentions.iter().zip(of_mention) {
            u.mid_sentence[s] |= m.span.start > 0;

            u.other_kind[s] |= m.hint.is_some_and(|k| k != EntityKind::Person)
                || m.surface.len() > 1 && m.surface.chars().all(|c| c.is_ascii_uppercase());
            u.articles[s].push(*a);
            u.group_articles[groups.of_surface[s]].push(*a);
        }
        for v in u.articles.iter_mut().chain(u.group_articles.iter_mut()) {
            v.sort_unstable();
            v.dedup();
        }
        u
    }

    /// Marks [`Usage::given_name`]: per article, the words that open or sit inside a full
    /// person's name used there and end none.
    fn note_given_names(
        &mut self,
        mentions: &[Located<'_>],
        surfaces: &Surfaces<'_, '_>,
        groups: &Groups<'_>,
        full_person: &[bool],
    ) {
        let mut names: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        let mut words: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for ((a, _, _), &s) in mentions.iter().zip(&surfaces.of_mention) {
            if full_person[s] {
                names
                    .entry(*a)
                    .or_default()
                    .push(groups.names[groups.of_surface[s]]);
            } else if !surfaces.list[s].multi {
                words.entry(*a).or_default().push(s);
            }
        }
        for (a, ss) in words {
            let Some(full) = names.get(&a) else { continue };
            let full: Vec<Vec<&str>> = full.iter().map(|n| name_words(n)).collect();
            for s in ss {
                let w = groups.names[groups.of_surface[s]];
                let ends = full.iter().any(|n| n.last() == Some(&w));
                let inside = || (full.iter()).any(|n| n.iter().rev().skip(1).any(|x| *x == w));
                if !ends && inside() {
                    self.given_name[s] = true;
                }
            }
        }
    }

    /// Whether surface `s` may stand for full name `group` by its last word: it is used inside
    /// a sentence somewhere, never as a place, body or acronym ("CMA"), and in an article that
    /// also uses the full name (news names a
    /// person in full before using the surname; a city or another person sharing the word
    /// appears elsewhere).
    fn may_be_surname(&self, s: usize, group: usize) -> bool {
        let full = &self.group_articles[group];
        self.mid_sentence[s]
            && !self.other_kind[s]
            && !self.given_name[s]
            && self.articles[s]
                .iter()
                .any(|a| full.binary_search(a).is_ok())
    }
}

/// The words of a full name without the letters after it ("John Agius QC": Agius is the
/// surname).
fn name_words(n: &str) -> Vec<&str> {
    const AFTER: &[&str] = &[
        "qc", "kc", "sc", "mp", "jr", "sr", "ii", "iii", "phd", "md", "obe", "cbe", "mbe", "ao",
        "ac",
    ];
    let mut w: Vec<&str> = n.split(' ').collect();
    while w.len() > 1
        && w.last()
            .is_some_and(|l| AFTER.contains(&l.to_lowercase().as_str()))
    {
        w.pop();
    }
    w
}

#[derive(Clone, Copy)]
enum Surname {
    One(usize),
    Many,
}

/// Last word of a person's multi-word group → the group(s) it ends.
fn surnames<'s>(groups: &Groups<'s>, full_person: &[bool]) -> ahash::HashMap<&'s str, Surname> {
    let mut out: ahash::HashMap<&str, Surname> = ahash::HashMap::default();
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

/// The spelling a mention uses, ignoring name aliases (ROK = South Korea) and title/first-name
/// differences: the last word of the key, unless a spelling alias maps it.
fn spelling_key(aliases: &Aliases, k: &str) -> Option<String> {
    let c = aliases.canonical(k);
    if c != k && !aliases.spelling.contains(k) {
        return None; // a different name, not a different spelling
    }
    k.rsplit(' ').next().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xref::entities::mentions;

    #[test]
    fn transliterations_agree() {
        assert_eq!(translit("zelenskyy"), translit("zelensky"));
        assert_eq!(translit("zelenskiy"), translit("zelensky"));
        assert_ne!(translit("zelenska"), translit("zelensky"));
        assert_ne!(translit("shaanxi"), translit("shanxi"));
        assert_ne!(translit("colless"), translit("coles"));
    }

    /// Resolves `articles` (one sentence each) with `cache`, keyed by (name, text), and leaves
    /// the records there.
    fn pass(articles: &[(&str, &str)], cache: &mut SurfaceCache) -> String {
        let (aliases, _) = Aliases::load(None);
        let found: Vec<Vec<Mention>> = articles.iter().map(|(_, t)| mentions(t)).collect();
        let ms: Vec<Located> = (found.iter().enumerate())
            .flat_map(|(a, ms)| ms.iter().map(move |m| (a, 0, m)))
            .collect();
        let slugs: Vec<String> = articles.iter().map(|(n, _)| n.to_string()).collect();
        let r = resolve_with(&ms, &slugs, articles, &aliases, cache);
        let mut keys: Vec<_> = r.entity_of_key.iter().collect();
        keys.sort();
        let out = format!("{:?} {:?} {:?}", r.entities, r.of_mention, keys);
        cache.remember(r.entities, r.spellings); // as `serve` does, for the next pass
        out
    }

    #[test]
    fn remembered_surfaces_give_what_a_fresh_cache_gives() {
        let mut cache = SurfaceCache::default();
        let first = [
            ("a", "Volodymyr Zelensky met Olena Zelenska in Kyiv."),
            ("b", "Zelenskiy went to Kiev with Joe Biden."),
            ("c", "Biden and the BBC said so."),
        ];
        pass(&first, &mut cache);
        assert_eq!(cache.of_article.len(), 3);
        let known = cache.ids.len();
        // b is edited (new key), c is gone, d is new: a's ids are taken as they were.
        let second = [
            ("a", "Volodymyr Zelensky met Olena Zelenska in Kyiv."),
            ("b2", "Zelenskyy went to Odesa with Kamala Harris."),
            ("d", "Harris and Biden said so in Washington."),
        ];
        let continued = pass(&second, &mut cache);
        assert_eq!(continued, pass(&second, &mut SurfaceCache::default()));
        assert!(cache.ids.len() > known, "new surfaces were learnt");
        let mut remembered: Vec<&str> = cache.of_article.keys().map(|k| k.0.as_str()).collect();
        remembered.sort_unstable();
        assert_eq!(remembered, ["a", "b2", "d"], "gone articles are forgotten");
    }

    #[test]
    fn clashing_ids_are_settled_afresh_each_pass() {
        let mut cache = SurfaceCache::default();
        let both = [
            ("a", "Jean-Luc Picard spoke in Paris."),
            ("b", "Jean Luc Picard spoke in Lyon."),
        ];
        let first = pass(&both, &mut cache);
        assert!(first.contains("\"e-jean-luc-picard\""), "{first}");
        assert!(
            first.contains("\"e-jean-luc-picard-"),
            "one is made unique: {first}"
        );
        // b's "Jean Luc" sorts first and takes the plain id. When b goes, a's kept record (made
        // unique last time) gets the plain id; when b comes back, a is made unique again.
        for next in [&both[..1], &both[..], &both[1..], &both[..]] {
            let continued = pass(next, &mut cache);
            assert_eq!(continued, pass(next, &mut SurfaceCache::default()));
        }
    }

    #[test]
    fn a_cache_of_mostly_dead_surfaces_starts_over() {
        let mut cache = SurfaceCache::default();
        let many: Vec<String> = (0..3000)
            .map(|i| format!("Officials named Person{i} Examplename and Town{i} Placename."))
            .collect();
        let articles: Vec<(&str, &str)> = many.iter().map(|t| ("x", t.as_str())).collect();
        pass(&articles, &mut cache);
        assert!(cache.facts.len() > 4096);
        let few = [("y", "Joe Biden spoke.")];
        let after = pass(&few, &mut cache);
        assert!(cache.facts.is_empty() && cache.ids.is_empty(), "forgotten");
        assert_eq!(pass(&few, &mut cache), after);
    }

    /// Resolves the mentions of (article number, sentence) lines; articles are slugged a, b, …
    fn resolve_lines(lines: &[(usize, &str)], aliases: &Aliases) -> Resolved {
        let found: Vec<(usize, Vec<Mention>)> =
            lines.iter().map(|(a, s)| (*a, mentions(s))).collect();
        let ms: Vec<Located> = found
            .iter()
            .flat_map(|(a, ms)| ms.iter().map(move |m| (*a, 0, m)))
            .collect();
        let n = lines.iter().map(|(a, _)| a + 1).max().unwrap_or(0);
        let slugs: Vec<String> = (0..n)
            .map(|i| ((b'a' + i as u8) as char).to_string())
            .collect();
        resolve(&ms, &slugs, aliases)
    }

    #[test]
    fn a_given_name_in_its_own_article_is_no_one_elses_surname() {
        // "Khalid" in the article about Khalid Abu Bakar is him, not the MP Iqra Khalid of
        // another article; "Agius" beside "John Agius QC" is still John Agius's surname.
        let (aliases, _) = Aliases::load(None);
        let r = resolve_lines(
            &[
                (0, "The member, Iqra Khalid, spoke."),
                (0, "On Monday, Khalid said the motion stands."),
                (1, "Police chief Khalid Abu Bakar spoke."),
                (1, "On Tuesday, Khalid said the suspects were held."),
                (2, "The counsel, John Agius, spoke."),
                (2, "On Friday, Agius said the inquiry sits."),
                (3, "Counsel assisting, John Agius QC, spoke."),
                (3, "On Monday, Agius said the inquiry sits."),
            ],
            &aliases,
        );
        assert!(!joins(&r, "Iqra Khalid", "Khalid"), "{:?}", r.entities);
        assert!(joins(&r, "John Agius", "Agius"), "{:?}", r.entities);
    }

    /// Whether the entity named (starting with) `full` has the spelling `part` among its
    /// variants.
    fn joins(r: &Resolved, full: &str, part: &str) -> bool {
        (r.entities.iter())
            .filter(|e| e.name.starts_with(full))
            .any(|e| e.variants.iter().any(|v| v.name == part))
    }

    #[test]
    fn a_nationality_ending_a_name_is_no_surname() {
        let (aliases, _) = Aliases::load(None);
        // "Sunni Lebanese" said something; later the article says "the Lebanese": a people,
        // not that person's surname. "Ali Hassan" and a later "Hassan" still join.
        let r = resolve_lines(
            &[
                (0, "Sunni Lebanese said the talks failed."),
                (0, "Ali Hassan said it would reopen."),
                (0, "The army of the Lebanese moved in, and Hassan left."),
            ],
            &aliases,
        );
        assert!(!joins(&r, "Sunni Lebanese", "Lebanese"), "{:?}", r.entities);
        assert!(joins(&r, "Ali Hassan", "Hassan"), "{:?}", r.entities);
        assert!(super::super::lexicon::is_nationality("irish"));
        assert!(!super::super::lexicon::is_nationality("reese"));
    }

    #[test]
    fn surnames_merge_into_full_names() {
        let (aliases, _) = Aliases::load(None);
        // The surname inside a sentence of an article that names the person in full; a surname
        // elsewhere only at the start of a sentence ("Timber company …") stays apart.
        let r = resolve_lines(
            &[
                (0, "Volodymyr Zelensky said it."),
                (0, "Later, Zelenskiy went."),
                (1, "Olena Zelenska said."),
                (2, "Kiev and Kyiv."),
                (3, "Zelensky left."),
            ],
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
