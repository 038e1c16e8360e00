//! From resolved groups to [`Entity`] records: each entity's variants (with their counts and
//! articles), its spellings per article, its display name and kind, and its id.
//!
//! A record is a function of its group's key, the alias table's display name for it, its kind
//! counts and, per member surface, the surface's text, spelling and the articles of its
//! mentions; all but the kinds and articles follow from the member surfaces' texts (given the
//! alias table, which the memo does not outlive). `serve` keeps the last pass's records
//! ([`Memo`]) by a fingerprint of those inputs, each surface given by its cache id, so after an edit only the entities whose mentions changed are assembled again (the rest are
//! moved over, not copied). Ids are always assigned afresh: a clash of two names' ids is settled
//! in key order across all entities.

use super::resolve::{EntityOfKey, Groups, Located, Resolved, Spellings, Surfaces};
use crate::xref::aliases::Aliases;
use crate::xref::model::{Entity, EntityKind, Variant};
use crate::xref::text;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{BuildHasher, Hash, Hasher};

/// The last pass's records by the fingerprint of what each was made from (64-bit: two entities
/// of one corpus sharing one is as likely as ~10⁻¹¹), with whether its id had to be made unique
/// (else the id is `e-` and the slug of its name).
#[derive(Default)]
pub struct Memo {
    by_print: ahash::HashMap<u64, (Entity, Spellings, bool)>,
    /// Fingerprint and "id made unique" of each entity the last pass made, in its order.
    made: Vec<(u64, bool)>,
}

impl Memo {
    /// Keeps the records the last pass made (`entities` and `spellings` in its order) for the
    /// next one.
    pub fn remember(&mut self, entities: Vec<Entity>, spellings: Vec<Spellings>) {
        if entities.len() != self.made.len() {
            return; // not this memo's pass
        }
        let made = std::mem::take(&mut self.made);
        self.by_print = (made.into_iter().zip(entities).zip(spellings))
            .map(|(((fp, unique), e), sp)| (fp, (e, sp, unique)))
            .collect();
    }
}

/// What one entity is made from.
struct Inputs<'a> {
    group: &'a str,
    alias: Option<&'a str>,
    kinds: &'a [usize; 3],
    /// Member surfaces, in surface order.
    members: Vec<usize>,
}

/// The entities (the chosen groups sorted by key), each mention's entity and each surface's.
#[allow(clippy::too_many_arguments)]
pub(super) fn build(
    mentions: &[Located<'_>],
    slugs: &[String],
    aliases: &Aliases,
    surfaces: &Surfaces,
    groups: &Groups,
    chosen: &[Option<usize>],
    kinds: &[[usize; 3]],
    memo: &mut Memo,
) -> Resolved {
    let sorted = by_name(chosen, groups);
    let mut entity_of_group = vec![None; groups.names.len()];
    for (e, &g) in sorted.iter().enumerate() {
        entity_of_group[g] = Some(e);
    }
    let entity_of = |s: usize| chosen[s].and_then(|g| entity_of_group[g]);
    let of_mention: Vec<Option<usize>> =
        surfaces.of_mention.iter().map(|&s| entity_of(s)).collect();
    let entity_of_surface: Vec<Option<usize>> = (0..surfaces.list.len()).map(entity_of).collect();
    let mut entity_of_key = EntityOfKey::default();
    for (sf, e) in surfaces.list.iter().zip(&entity_of_surface) {
        if let Some(e) = e {
            entity_of_key.note_first(sf.key_hash, *e);
        }
    }
    let alias_names: ahash::HashMap<String, &str> = (aliases.display.iter())
        .map(|(k, (name, _))| (super::translit(k), name.as_str()))
        .collect();
    let mut inputs: Vec<Inputs> = (sorted.iter())
        .map(|&g| Inputs {
            group: groups.names[g],
            alias: alias_names.get(groups.names[g]).copied(),
            kinds: &kinds[g],
            members: Vec::new(),
        })
        .collect();
    for (s, e) in entity_of_surface.iter().enumerate() {
        if let Some(e) = e {
            inputs[*e].members.push(s);
        }
    }
    let arts_of = articles_of(mentions, surfaces, &entity_of_surface);
    let (entities, spellings) = records(&inputs, surfaces, &arts_of, slugs, memo);
    Resolved {
        entities,
        of_mention,
        entity_of_key,
        spellings,
    }
}

/// The chosen groups (each once), sorted by key. Keys are compared by their first eight bytes
/// first, which settles most comparisons without reaching the strings.
fn by_name(chosen: &[Option<usize>], groups: &Groups) -> Vec<usize> {
    let mut seen = vec![false; groups.names.len()];
    let mut keyed: Vec<(u64, usize)> = (chosen.iter().flatten())
        .filter(|&&g| !std::mem::replace(&mut seen[g], true))
        .map(|&g| {
            let mut head = [0u8; 8];
            let name = groups.names[g].as_bytes();
            let n = name.len().min(8);
            head[..n].copy_from_slice(&name[..n]);
            (u64::from_be_bytes(head), g)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| {
        (a.0.cmp(&b.0)).then_with(|| groups.names[a.1].cmp(groups.names[b.1]))
    });
    keyed.into_iter().map(|(_, g)| g).collect()
}

/// Per surface that is an entity's, the articles of its mentions (ascending, repeated per
/// mention): one flat list, surface after surface.
struct ArticlesOf {
    /// Surface `s`'s run is `arts[start[s]..start[s + 1]]`.
    start: Vec<u32>,
    arts: Vec<u32>,
}

impl ArticlesOf {
    fn of(&self, s: usize) -> &[u32] {
        &self.arts[self.start[s] as usize..self.start[s + 1] as usize]
    }
}

fn articles_of(
    mentions: &[Located<'_>],
    surfaces: &Surfaces,
    entity_of_surface: &[Option<usize>],
) -> ArticlesOf {
    let counted = |s: usize| entity_of_surface[s].is_some();
    let n = surfaces.list.len();
    let mut start = vec![0u32; n + 1];
    for &s in surfaces.of_mention.iter().filter(|&&s| counted(s)) {
        start[s + 1] += 1;
    }
    for s in 0..n {
        start[s + 1] += start[s];
    }
    let mut next = start.clone();
    let mut arts = vec![0u32; start[n] as usize];
    for ((art, _, _), &s) in mentions.iter().zip(&surfaces.of_mention) {
        if counted(s) {
            arts[next[s] as usize] = *art as u32;
            next[s] += 1;
        }
    }
    if !mentions.is_sorted_by_key(|m| m.0) {
        for s in 0..n {
            arts[start[s] as usize..start[s + 1] as usize].sort_unstable();
        }
    }
    ArticlesOf { start, arts }
}

/// Every entity's record and spellings: the memo's when its fingerprint matches, else made
/// anew; then ids, in order.
fn records(
    inputs: &[Inputs],
    surfaces: &Surfaces,
    arts_of: &ArticlesOf,
    slugs: &[String],
    memo: &mut Memo,
) -> (Vec<Entity>, Vec<Spellings>) {
    let slug = |a: u32| slugs.get(a as usize).map_or("", String::as_str);
    let slug_hashes: Vec<u64> = slugs.iter().map(|s| hasher().hash_one(s)).collect();
    let fingerprints: Vec<u64> = (inputs.par_iter())
        .map(|e| fingerprint(e, surfaces, arts_of, &slug_hashes))
        .collect();
    // A kept record whose id was not made unique holds its plain id: see `ids`.
    let mut kept: Vec<Option<(Entity, Spellings, bool)>> = (fingerprints.iter())
        .map(|fp| {
            let (entity, sp, unique) = memo.by_print.remove(fp)?;
            Some((entity, sp, !unique))
        })
        .collect();
    let old = std::mem::take(&mut memo.by_print);
    std::thread::spawn(move || drop(old));
    (kept.par_iter_mut().zip(inputs))
        .filter(|(k, _)| k.is_none())
        .for_each(|(k, e)| {
            let (entity, sp) = record(e, surfaces, arts_of, slug);
            *k = Some((entity, sp, false));
        });
    let (entities, spellings, unique) = ids(kept.into_iter().flatten().collect(), inputs);
    memo.made = fingerprints.into_iter().zip(unique).collect();
    (entities, spellings)
}

/// Gives each entity, in order, its id: `e-` and the slug of its name, made unique with a hash
/// of its group key when an earlier entity has that id. A record marked `true` holds its plain
/// id already (the last pass's, unchanged). Also says which ids were made unique.
fn ids(
    records: Vec<(Entity, Spellings, bool)>,
    inputs: &[Inputs],
) -> (Vec<Entity>, Vec<Spellings>, Vec<bool>) {
    let (mut entities, mut spellings) = (Vec::new(), Vec::new());
    let mut plain: Vec<String> = Vec::with_capacity(records.len());
    for (mut entity, sp, has_plain) in records {
        plain.push(match has_plain {
            true => std::mem::take(&mut entity.id),
            false => format!("e-{}", crate::content::slugify(&entity.name)),
        });
        entities.push(entity);
        spellings.push(sp);
    }
    let mut used: ahash::HashSet<&str> = ahash::HashSet::default();
    let mut made_unique: ahash::HashSet<String> = ahash::HashSet::default();
    let unique_ids: Vec<Option<String>> = (plain.iter().zip(inputs))
        .map(|(id, e)| {
            let free = used.insert(id.as_str()) && !made_unique.contains(id.as_str());
            (!free).then(|| {
                let unique = format!("{id}-{}", text::short_hash(e.group));
                made_unique.insert(unique.clone());
                unique
            })
        })
        .collect();
    let mut unique = Vec::with_capacity(entities.len());
    for ((entity, id), u) in entities.iter_mut().zip(plain).zip(unique_ids) {
        unique.push(u.is_some());
        entity.id = u.unwrap_or(id);
    }
    (entities, spellings, unique)
}

/// The fixed-seed hasher of fingerprints.
fn hasher() -> ahash::RandomState {
    ahash::RandomState::with_seeds(1, 2, 3, 4)
}

/// A hash of everything an entity's record is made from (see the module comment): its kind
/// counts and, per member surface, its id and each article's slug, given by its hash
/// (`slug_hashes`).
fn fingerprint(e: &Inputs, surfaces: &Surfaces, arts_of: &ArticlesOf, slug_hashes: &[u64]) -> u64 {
    let mut h = hasher().build_hasher();
    e.kinds.hash(&mut h);
    for &s in &e.members {
        let arts = arts_of.of(s);
        h.write_u32(surfaces.list[s].id);
        h.write_usize(arts.len());
        for &a in arts {
            h.write_u64(slug_hashes.get(a as usize).copied().unwrap_or(0));
        }
    }
    h.finish()
}

/// One entity's record (its id left empty) and spellings.
fn record<'s>(
    e: &Inputs,
    surfaces: &Surfaces,
    arts_of: &ArticlesOf,
    slug: impl Fn(u32) -> &'s str,
) -> (Entity, Spellings) {
    let mut variants = Vec::with_capacity(e.members.len());
    let mut spellings: Spellings = BTreeMap::new();
    for &s in &e.members {
        let (sf, arts) = (&surfaces.list[s], arts_of.of(s));
        if let Some(sp) = &sf.spelling {
            for run in arts.chunk_by(|a, b| a == b) {
                *spellings
                    .entry(slug(run[0]).to_string())
                    .or_default()
                    .entry(sp.clone())
                    .or_default() += run.len();
            }
        }
        let mut names: Vec<&str> = arts.iter().map(|&a| slug(a)).collect();
        names.sort_unstable();
        names.dedup();
        variants.push(Variant {
            name: sf.text.to_string(),
            count: arts.len(),
            articles: names.into_iter().map(str::to_string).collect(),
        });
    }
    let name = canonical_name(e.alias, e.group, &variants);
    variants.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    let articles: BTreeSet<&String> = variants.iter().flat_map(|v| v.articles.iter()).collect();
    let articles = articles.into_iter().cloned().collect();
    let entity = Entity {
        id: String::new(),
        name,
        kind: majority_kind(e.kinds),
        variants,
        articles,
    };
    (entity, spellings)
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
