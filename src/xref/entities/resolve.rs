//! The corpus pass over mentions: spellings of one entity are merged through the alias table,
//! transliteration keys (Zelensky / Zelenskyy / Zelenskiy) and surnames of known full names
//! (Biden → Joe Biden); each mention gets its entity.

use super::Mention;
use crate::xref::aliases::{Aliases, key};
use crate::xref::model::{Entity, EntityKind, Variant};
use crate::xref::text;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    resolve_with(mentions, slugs, aliases, &mut SurfaceCache::default())
}

/// [`resolve`], taking what is known of each surface from `cache` (made with the same `aliases`)
/// and leaving there what it learnt of this corpus's surfaces.
pub fn resolve_with(
    mentions: &[Located<'_>],
    slugs: &[String],
    aliases: &Aliases,
    cache: &mut SurfaceCache,
) -> Resolved {
    let surfaces = Surfaces::new(mentions, aliases, cache);
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

/// What the passes need to know about one distinct surface: a function of its text and the
/// alias table only.
struct Facts {
    key: String,
    /// Transliteration key of the canonical key.
    group: String,
    multi: bool,
    known: bool,
    display_kind: Option<EntityKind>,
    spelling: Option<String>,
}

impl Facts {
    fn of(text: &str, aliases: &Aliases) -> Facts {
        let key = key(text);
        let canon = aliases.canonical(&key);
        Facts {
            group: translit(&canon),
            multi: canon.contains(' '),
            known: aliases.display.contains_key(&canon),
            display_kind: display_kind(aliases, &canon),
            spelling: spelling_key(aliases, &key),
            key,
        }
    }
}

/// What is known of each surface (its key, group and spelling) by surface text, kept from pass
/// to pass by `serve` (emptied when the alias table changes, see
/// [`crate::xref::corpus::Carried`]).
#[derive(Default)]
pub struct SurfaceCache {
    facts: HashMap<String, Facts, ahash::RandomState>,
}

/// One distinct surface and its facts.
struct Surface<'m, 'c> {
    text: &'m str,
    facts: &'c Facts,
}

impl std::ops::Deref for Surface<'_, '_> {
    type Target = Facts;
    fn deref(&self) -> &Facts {
        self.facts
    }
}

/// Distinct surfaces (first-seen order) and, per mention, its surface index.
struct Surfaces<'m, 'c> {
    list: Vec<Surface<'m, 'c>>,
    of_mention: Vec<usize>,
}

impl<'m, 'c> Surfaces<'m, 'c> {
    /// Learns the facts of surfaces `cache` does not know (and forgets those of surfaces no
    /// mention has any more).
    fn new(
        mentions: &[Located<'m>],
        aliases: &Aliases,
        cache: &'c mut SurfaceCache,
    ) -> Surfaces<'m, 'c> {
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
        let facts = &mut cache.facts;
        facts.retain(|t, _| index.contains_key(t.as_str()));
        let new: Vec<(String, Facts)> = (texts.par_iter())
            .filter(|t| !facts.contains_key(**t))
            .map(|&t| (t.to_string(), Facts::of(t, aliases)))
            .collect();
        facts.extend(new);
        let facts = &cache.facts;
        let list = (texts.iter())
            .map(|&text| Surface {
                text,
                facts: &facts[text],
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
    fn new(surfaces: &'s [Surface<'_, 's>]) -> Groups<'s> {
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
    use crate::xref::entities::mentions;

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
