//! The working state of one cross-reference run: every article's extracted claims, a global
//! numbering of claims, their matching items, the term index, scored pairs and resolved entities.
//! Built once by [`Work::new`]; the cluster, reuse, flag and timeline steps read it.

use super::aliases::{Aliases, key};
use super::boilerplate;
use super::claims::{self, ArticleClaims};
use super::clusters;
use super::entities::{self, Located, SurfaceCache};
use super::links::{self, Strength};
use super::matching::{self, Index, Interner, Item, Lookup, Pair};
use super::model::{Claim, Entity, FigureKind};
use super::pairs::{self, Found, Scoring, Since};
use crate::content::{Article, Corpus};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Everything the later steps share.
pub struct Work<'a> {
    pub corpus: &'a Corpus,
    /// Each article's claims as extracted, with their mentions, terms and prints (lent by
    /// `serve`'s cache, or owned). The pass never writes them: it reads claims from `claims`.
    pub extracted: Vec<Cow<'a, ArticleClaims>>,
    /// Each article's claims as this pass finishes them: entity ids are written here (the
    /// clusters only when the pass hands its result out).
    pub claims: Vec<Vec<Claim>>,
    /// Global claim number → (article index, claim index in the article).
    pub gid: Vec<(usize, usize)>,
    pub items: Vec<Item>,
    pub index: Index,
    pub interner: Interner,
    /// Pairs scoring at least [`matching::RELATED`].
    pub pairs: Vec<Pair>,
    /// Per global claim, whether it is an outlet's boilerplate (see [`boilerplate`]).
    pub boiler: Vec<bool>,
    /// Per global claim, whether it is a recycled background sentence (see
    /// [`boilerplate::Marks::background`]): a claim, left out of copy detection.
    pub background: Vec<bool>,
    /// Per pair (as `pairs`), its strength when it is matched (scores as one claim, neither side
    /// boilerplate); `None` otherwise. Worked out once per pass: every step reads pairs this way.
    pub strengths: Vec<Option<Strength>>,
    /// Per item, the rare terms it looked up (kept for the next pass, see [`Carried`]).
    pub lookups: Vec<Lookup>,
    /// How many claims the pair search scored again when it continued from the last pass.
    pub rescored: Option<usize>,
    pub entities: Vec<Entity>,
    pub aliases: Aliases,
    /// Problems with the aliases file.
    pub alias_problems: Vec<String>,
    /// Entity index → article slug → spelling → count.
    pub spellings: Vec<BTreeMap<String, BTreeMap<String, usize>>>,
    /// Key of each distinct surface that became an entity → that entity's index.
    pub entity_of_key: entities::EntityOfKey,
    /// What was learnt of each surface, for the next pass (see [`Carried`]).
    pub surfaces: SurfaceCache,
    /// The last pass's cluster records, for clustering to reuse (see [`clusters::Memo`]).
    pub cluster_memo: clusters::Memo,
}

/// What one pass hands the next (`serve`): the term interner, whose ids are never reassigned,
/// each article's matching items and finished claims by (file, content hash) (see [`Kept`]), the
/// pass's pair search (so that only the claims an edit touched are scored again, see [`pairs`]),
/// its cluster records, and what entity resolution knows of each surface and its entity records
/// under the alias table `aliases` (the text of `aliases.toml`, if any).
#[derive(Default)]
pub struct Carried {
    pub interner: Interner,
    pub articles: HashMap<(String, String), Kept>,
    pub scoring: Scoring,
    pub surfaces: SurfaceCache,
    pub clusters: clusters::Memo,
    pub aliases: Option<String>,
}

/// One article of the last pass: the number of its first item in that pass and its matching
/// items, so an unchanged article's claims are not interned again, and its claims as that pass
/// finished them, which the next pass takes over instead of copying the extracted ones (they
/// differ only in what the pass writes: entity ids and clusters).
pub struct Kept {
    pub first: usize,
    pub items: Vec<Item>,
    pub claims: Vec<Claim>,
}

impl<'a> Work<'a> {
    /// Extracts claims, resolves entities and scores candidate pairs.
    pub fn new(corpus: &'a Corpus) -> Work<'a> {
        let per_article = corpus
            .articles
            .par_iter()
            .map(|a| claims::extract(a))
            .collect();
        Self::with_claims(corpus, per_article)
    }

    /// Like [`Work::new`] with every article's [`claims::extract`] result given, in corpus order
    /// (`serve` caches them by article hash, so an edit re-extracts one article).
    pub fn with_claims(corpus: &'a Corpus, per_article: Vec<ArticleClaims>) -> Work<'a> {
        let per_article = per_article.into_iter().map(Cow::Owned).collect();
        Self::with_carried(corpus, per_article, Carried::default())
    }

    /// Like [`Work::with_claims`], continuing from what the last pass left (see [`Carried`]).
    /// The result does not depend on `carried`: only the time it takes does. The claims the
    /// pass finishes are, beside entity resolution, the last pass's finished claims of the same
    /// article text, or else copies of the extracted ones.
    pub fn with_carried(
        corpus: &'a Corpus,
        per_article: Vec<Cow<'a, ArticleClaims>>,
        mut carried: Carried,
    ) -> Work<'a> {
        assert_eq!(
            per_article.len(),
            corpus.articles.len(),
            "one claims entry per article"
        );
        let (aliases, alias_problems) =
            Aliases::load(corpus.aliases.as_ref().map(|(_, t)| t.as_str()));
        let gid: Vec<(usize, usize)> = per_article
            .iter()
            .enumerate()
            .flat_map(|(a, ac)| (0..ac.len()).map(move |c| (a, c)))
            .collect();
        let same_aliases =
            carried.aliases.as_deref() == corpus.aliases.as_ref().map(|(_, t)| t.as_str());
        let cluster_memo = std::mem::take(&mut carried.clusters);
        let mut surfaces = if same_aliases {
            std::mem::take(&mut carried.surfaces)
        } else {
            SurfaceCache::default()
        };
        // Entity resolution and pair scoring read the claims independently: run them side by side
        // (each is partly sequential), then write the entity ids into the claims.
        let Carried {
            interner,
            mut articles,
            scoring,
            ..
        } = carried;
        let (resolved, (interner, items, index, found)) = rayon::join(
            || resolve_entities(corpus, &per_article, &aliases, &mut surfaces),
            || score_pairs(corpus, &per_article, interner, &mut articles, scoring),
        );
        let mut per_article = per_article;
        let mut claims = finished_claims(corpus, &mut per_article, &mut articles);
        // Freeing what no article uses any more is not on the way to the result.
        std::thread::spawn(move || drop(articles));
        set_all_entities(&mut claims, &per_article, &resolved);
        let outlets: Vec<Option<String>> = corpus.articles.iter().map(|a| outlet_of(a)).collect();
        let furniture: Vec<Vec<boilerplate::Furniture>> = (per_article.iter())
            .map(|ac| ac.extras.iter().map(|e| e.furniture).collect())
            .collect();
        let furniture: Vec<&[boilerplate::Furniture]> =
            furniture.iter().map(Vec::as_slice).collect();
        let boilerplate::Marks { boiler, background } = boilerplate::marks(&furniture, &outlets);
        let strengths = strengths(&found.pairs, &boiler, &per_article, &claims, &gid);
        Work {
            corpus,
            extracted: per_article,
            claims,
            gid,
            items,
            index,
            interner,
            pairs: found.pairs,
            boiler,
            background,
            strengths,
            lookups: found.lookups,
            rescored: found.rescored,
            entities: resolved.entities,
            aliases,
            alias_problems,
            spellings: resolved.spellings,
            entity_of_key: resolved.entity_of_key,
            surfaces,
            cluster_memo,
        }
    }

    /// The article of a global claim.
    pub fn article(&self, g: usize) -> &Article {
        &self.corpus.articles[self.gid[g].0]
    }

    /// The claim of a global claim number, as this pass finishes it.
    pub fn claim(&self, g: usize) -> &Claim {
        let (a, c) = self.gid[g];
        &self.claims[a][c]
    }

    /// What extraction found of a global claim number (mentions, terms, print).
    pub fn extracted(&self, g: usize) -> &claims::Extras {
        let (a, c) = self.gid[g];
        &self.extracted[a].extras[c]
    }

    /// Publication date of article `a`.
    pub fn date(&self, a: usize) -> Option<NaiveDate> {
        self.corpus.articles[a].date.as_ref().map(|d| d.value)
    }

    /// Pairs that are the same claim: matched, neither side boilerplate, and the same facts
    /// (see [`links::strength`]).
    pub fn matches(&self) -> impl Iterator<Item = &Pair> {
        self.with_strength(Some(Strength::Same))
    }

    /// Pairs the matcher scores as one claim whose facts differ: the same subject or template,
    /// other figures, dates or names (see [`links::strength`]).
    pub fn related(&self) -> impl Iterator<Item = &Pair> {
        self.with_strength(Some(Strength::Related))
    }

    /// Pairs scoring as one claim, boilerplate left out, whatever their strength.
    pub fn matched(&self) -> impl Iterator<Item = &Pair> {
        self.with_strength(None)
    }

    /// Per article, the later articles that report one story with it: they share a claim (a
    /// `same` link). A speaker's line in two reports of other stories is two statements, however
    /// alike the words ("We expect the water plan / a rail link to be ready within 9 months").
    pub fn stories(&self) -> BTreeMap<usize, BTreeSet<usize>> {
        let mut m: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for p in self.matches() {
            let (x, y) = (self.gid[p.a].0, self.gid[p.b].0);
            if x != y {
                m.entry(x.min(y)).or_default().insert(x.max(y));
            }
        }
        m
    }

    /// Matched pairs with their strength.
    pub fn matched_strengths(&self) -> impl Iterator<Item = (&Pair, Strength)> {
        (self.pairs.iter().zip(&self.strengths)).filter_map(|(p, s)| s.map(|s| (p, s)))
    }

    fn with_strength(&self, want: Option<Strength>) -> impl Iterator<Item = &Pair> {
        (self.matched_strengths())
            .filter(move |(_, s)| want.is_none_or(|w| w == *s))
            .map(|(p, _)| p)
    }
}

/// Per pair, its strength when matched (see [`Work::strengths`]).
fn strengths(
    pairs: &[Pair],
    boiler: &[bool],
    per_article: &[Cow<'_, ArticleClaims>],
    claims: &[Vec<Claim>],
    gid: &[(usize, usize)],
) -> Vec<Option<Strength>> {
    pairs
        .par_iter()
        .map(|p| {
            if p.score < matching::MATCH || boiler[p.a] || boiler[p.b] {
                return None;
            }
            let ((xa, ia), (xb, ib)) = (gid[p.a], gid[p.b]);
            let (ea, eb) = (&per_article[xa].extras[ia], &per_article[xb].extras[ib]);
            let ta = links::content_terms(&ea.terms, &ea.name_terms);
            let tb = links::content_terms(&eb.terms, &eb.name_terms);
            Some(links::strength(&claims[xa][ia], &claims[xb][ib], &ta, &tb))
        })
        .collect()
}

/// An article's outlet for boilerplate: its URL's host, else its outlet line.
fn outlet_of(a: &Article) -> Option<String> {
    let host = a.source_url.as_ref().and_then(|u| {
        let rest = u
            .value
            .split_once("://")
            .map_or(u.value.as_str(), |(_, r)| r);
        rest.split('/')
            .next()
            .map(|h| h.trim_start_matches("www.").to_lowercase())
    });
    host.or_else(|| a.outlet.as_ref().map(|o| o.value.to_lowercase()))
}

/// Each article's claims for the pass to finish: the last pass's finished claims of the same
/// article text when it kept them (`kept`, taken out; their clusters cleared, as the steps see
/// no cluster until the pass sets them), else the extracted ones: each article's claim list
/// taken whole when the pass owns it (a build: no step reads an extracted claim once its item is
/// made, and 228,000 claims held twice cost some 150 MB at 10,000 articles), copied when it is
/// borrowed (`serve`'s cache).
fn finished_claims(
    corpus: &Corpus,
    per_article: &mut [Cow<'_, ArticleClaims>],
    kept: &mut HashMap<(String, String), Kept>,
) -> Vec<Vec<Claim>> {
    let finished: Vec<Option<Vec<Claim>>> = (corpus.articles.iter().zip(per_article.iter()))
        .map(|(a, ac)| {
            let k = kept.get_mut(&(a.file.clone(), a.hash.clone()))?;
            (k.claims.len() == ac.len()).then(|| std::mem::take(&mut k.claims))
        })
        .collect();
    (per_article.par_iter_mut().zip(finished))
        .map(|(ac, finished)| match (finished, ac) {
            (Some(claims), _) => (claims.into_iter())
                .map(|c| Claim { cluster: None, ..c })
                .collect(),
            (None, Cow::Owned(ac)) => std::mem::take(&mut ac.claims),
            (None, Cow::Borrowed(ac)) => ac.claims.clone(),
        })
        .collect()
}

/// Every claim's matching item, in global claim order (an article's carried items when its text
/// is unchanged, else its claims' terms interned), the index over them and the scored pairs with
/// each item's lookup (continuing from the carried pair search).
fn score_pairs(
    corpus: &Corpus,
    per_article: &[Cow<'_, ArticleClaims>],
    mut interner: Interner,
    kept: &mut HashMap<(String, String), Kept>,
    scoring: Scoring,
) -> (Interner, Vec<Item>, Index, Found) {
    let n = per_article.iter().map(|a| a.len()).sum();
    let (mut items, mut old_of): (Vec<Item>, Vec<Option<u32>>) =
        (Vec::with_capacity(n), Vec::with_capacity(n));
    for (a, ac) in corpus.articles.iter().zip(per_article) {
        match kept.get_mut(&(a.file.clone(), a.hash.clone())) {
            Some(k) if k.items.len() == ac.len() => {
                old_of.extend((k.first..k.first + k.items.len()).map(|o| Some(o as u32)));
                items.append(&mut k.items);
            }
            _ => {
                old_of.extend(ac.extras.iter().map(|_| None));
                let each = ac.claims.iter().zip(&ac.extras);
                items.extend(each.map(|(c, e)| item(c, e, |t| interner.id(t))));
            }
        }
    }
    let index = Index::new(&items, &interner);
    let since = Since {
        last: &scoring,
        old_of: &old_of,
    };
    let found = pairs::pairs_since(&index, &items, Some(since));
    std::thread::spawn(move || drop(scoring));
    (interner, items, index, found)
}

/// A claim's matching item, with `id` numbering its terms.
pub fn item(c: &Claim, e: &claims::Extras, mut id: impl FnMut(&str) -> u32) -> Item {
    let mut terms: Vec<u32> = e.terms.iter().map(&mut id).collect();
    terms.sort_unstable();
    terms.dedup();
    let mut names: Vec<u32> = e.name_terms.iter().map(id).collect();
    names.sort_unstable();
    names.dedup();
    let figures = c
        .figures
        .iter()
        .filter(|f| f.kind != FigureKind::Count || f.value >= 10.0)
        .map(|f| (f.kind as u8, f.milli, currency_code(f.currency.as_deref())))
        .collect();
    Item {
        terms,
        names,
        figures,
    }
}

fn currency_code(c: Option<&str>) -> u8 {
    c.map_or(0, |c| {
        c.bytes()
            .fold(0u8, |a, b| a.wrapping_mul(31).wrapping_add(b))
    })
}

/// Resolves entity mentions corpus-wide (see [`set_all_entities`] for writing the result).
fn resolve_entities(
    corpus: &Corpus,
    per_article: &[Cow<'_, ArticleClaims>],
    aliases: &Aliases,
    surfaces: &mut SurfaceCache,
) -> entities::Resolved {
    let located: Vec<Located> = per_article
        .iter()
        .enumerate()
        .flat_map(|(a, ac)| {
            ac.extras
                .iter()
                .enumerate()
                .flat_map(move |(c, e)| e.mentions.iter().map(move |m| (a, c, m)))
        })
        .collect();
    let slugs: Vec<String> = corpus.articles.iter().map(|a| a.slug.clone()).collect();
    let keys: Vec<entities::ArticleKey> = (corpus.articles.iter())
        .map(|a| (a.file.as_str(), a.hash.as_str()))
        .collect();
    entities::resolve_with(&located, &slugs, &keys, aliases, surfaces)
}

/// Writes the entity ids (and speaker ids) of `resolved` into the claims (each article's
/// `claims` and what extraction found of them, `extracted`).
fn set_all_entities(
    claims: &mut [Vec<Claim>],
    extracted: &[Cow<'_, ArticleClaims>],
    resolved: &entities::Resolved,
) {
    let mut rest = resolved.of_mention.as_slice();
    let per_mentions: Vec<&[Option<usize>]> = extracted
        .iter()
        .map(|ac| {
            let n = ac.extras.iter().map(|e| e.mentions.len()).sum();
            let (mine, tail) = rest.split_at(n);
            rest = tail;
            mine
        })
        .collect();
    (claims.par_iter_mut().zip(extracted).zip(per_mentions)).for_each(|((cs, ac), of_mention)| {
        set_entities(
            cs,
            ac,
            of_mention,
            &resolved.entities,
            &resolved.entity_of_key,
        )
    });
}

/// Writes the entity ids of an article's claims (sorted, unique) given the entity of each of
/// its mentions in order, and the speaker entity of its quotes found by the speaker's key: the
/// entity the article's own mentions of that name have (a surname stands for a person only
/// where the article names them in full), else the corpus-wide one.
fn set_entities(
    claims: &mut [Claim],
    ac: &ArticleClaims,
    of_mention: &[Option<usize>],
    entities: &[Entity],
    by_key: &entities::EntityOfKey,
) {
    let mut here: ahash::HashMap<String, Option<usize>> = ahash::HashMap::default();
    if claims
        .iter()
        .any(|c| c.quotes.iter().any(|q| q.speaker.is_some()))
    {
        let mentions = ac.extras.iter().flat_map(|e| e.mentions.iter());
        for (m, e) in mentions.zip(of_mention) {
            here.entry(key(&m.surface)).or_insert(*e);
        }
    }
    let mut rest = of_mention;
    for (claim, e) in claims.iter_mut().zip(&ac.extras) {
        let (mine, tail) = rest.split_at(e.mentions.len());
        rest = tail;
        let mut ids: Vec<&str> = mine
            .iter()
            .flatten()
            .map(|&i| entities[i].id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        // A claim the last pass finished may hold its ids already: written only when they differ.
        if !claim.entities.iter().eq(ids.iter().copied()) {
            claim.entities = ids.into_iter().map(str::to_string).collect();
        }
        for q in &mut claim.quotes {
            let k = q
                .speaker
                .as_deref()
                .map(|s| key(s.trim_start_matches("the ")));
            let id = k
                .and_then(|k| here.get(&k).copied().unwrap_or_else(|| by_key.get(&k)))
                .map(|i| entities[i].id.as_str());
            if q.speaker_entity.as_deref() != id {
                q.speaker_entity = id.map(str::to_string);
            }
        }
    }
}
