//! A provisional cross-reference for an edited article, made in milliseconds against the last
//! full pass instead of the whole corpus: its claims are matched with that pass's term index and
//! take the clusters of the claims they match, its names take that pass's entities, and it keeps
//! only the flags that still cite the same sentences. `serve` shows it at once and the exact pass
//! replaces it right after (word weights and entity merging depend on every article, so only the
//! full pass is exact); `build` never uses it.
//!
//! The same [`Baseline`] also serves when only verdicts changed: they are linked again to its
//! claims ([`Baseline::relink_verdicts`], the full pass's own linking code), which is exact
//! because the claims and clusters depend on the articles alone.

use super::aliases::key;
use super::claims::ArticleClaims;
use super::clusters;
use super::corpus::{self, Work};
use super::entities::{EntityOfKey, Spellings, SurfaceCache};
use super::matching::{self, Index, Interner, Item, Lookup, Pair};
use super::model::{Appearance, ArticleXref, Claim, CrossRef, Flag, FlagKind};
use super::pairs::Scoring;
use super::text;
use super::verdicts;
use crate::content::{Article, Check};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

/// The exact pass's result and the matching state an edited article is previewed against (and
/// edited verdicts are linked again with).
pub struct Baseline {
    pub xref: CrossRef,
    interner: Interner,
    index: Index,
    items: Vec<Item>,
    /// The pass's pairs and each item's lookup, for the next pass (see [`corpus::Carried`]).
    pairs: Vec<Pair>,
    lookups: Vec<Lookup>,
    rescored: Option<usize>,
    /// Cluster index of each item (into `xref.clusters`).
    cluster: Vec<Option<u32>>,
    /// Claims of each cluster (global claim numbers, ascending).
    members: Vec<Vec<usize>>,
    /// Global claim number → (article index, claim index in the article).
    gid: Vec<(usize, usize)>,
    /// Surface key → entity index (into `xref.entities`).
    entity_of_key: EntityOfKey,
    /// Article slug → index.
    article_of: HashMap<String, usize>,
    /// Per article index, its (file, content hash): which items the next pass may reuse.
    article_keys: Vec<(String, String)>,
    /// Entity resolution's surface facts and the alias table they hold for (see
    /// [`corpus::Carried`]).
    surfaces: SurfaceCache,
    aliases: Option<String>,
    /// Per entity, its spellings per article (for the next pass's records, with
    /// `xref.entities`).
    spellings: Vec<Spellings>,
    /// The cluster records' fingerprints (for the next pass, with `xref.clusters`).
    cluster_memo: clusters::Memo,
}

/// One article's provisional share of the cross-reference data.
pub struct Provisional {
    pub xref: ArticleXref,
    /// The article's flags that still hold as far as the edit shows.
    pub flags: Vec<Flag>,
}

impl Baseline {
    pub(super) fn new(xref: CrossRef, w: Work, of_claim: Vec<Option<usize>>) -> Baseline {
        let article_of = xref
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.clone(), i))
            .collect();
        let mut members = vec![Vec::new(); xref.clusters.len()];
        for (g, k) in of_claim.iter().enumerate() {
            if let Some(k) = k {
                members[*k].push(g);
            }
        }
        let article_keys = (w.corpus.articles.iter())
            .map(|a| (a.file.clone(), a.hash.clone()))
            .collect();
        Baseline {
            aliases: w.corpus.aliases.as_ref().map(|(_, t)| t.clone()),
            surfaces: w.surfaces,
            spellings: w.spellings,
            cluster_memo: w.cluster_memo,
            article_keys,
            cluster: of_claim.into_iter().map(|k| k.map(|k| k as u32)).collect(),
            members,
            gid: w.gid,
            interner: w.interner,
            index: w.index,
            items: w.items,
            pairs: w.pairs,
            lookups: w.lookups,
            rescored: w.rescored,
            entity_of_key: w.entity_of_key,
            article_of,
            xref,
        }
    }

    /// Hands the term interner, the matching items and finished claims, the pair search and the
    /// entity and cluster records to the next pass (see [`corpus::Carried`]). The baseline can
    /// no longer preview or relink afterwards (its articles and entities are gone too): the next
    /// pass's baseline replaces it.
    pub fn take_carried(&mut self) -> corpus::Carried {
        // Claims are numbered article by article: each article's items are a run.
        let mut claims_of = vec![0; self.article_keys.len()];
        for &(a, _) in &self.gid {
            claims_of[a] += 1;
        }
        let mut all = std::mem::take(&mut self.items).into_iter();
        let mut first = 0;
        let finished = std::mem::take(&mut self.xref.articles);
        let articles = (self.article_keys.drain(..).zip(claims_of).zip(finished))
            .map(|((key, n), a)| {
                first += n;
                let kept = corpus::Kept {
                    first: first - n,
                    items: all.by_ref().take(n).collect(),
                    claims: a.claims,
                };
                (key, kept)
            })
            .collect();
        corpus::Carried {
            interner: std::mem::take(&mut self.interner),
            articles,
            scoring: Scoring {
                index: std::mem::take(&mut self.index),
                lookups: std::mem::take(&mut self.lookups),
                pairs: std::mem::take(&mut self.pairs),
            },
            surfaces: {
                let entities = std::mem::take(&mut self.xref.entities);
                let spellings = std::mem::take(&mut self.spellings);
                self.surfaces.remember(entities, spellings);
                std::mem::take(&mut self.surfaces)
            },
            clusters: {
                self.cluster_memo
                    .remember(std::mem::take(&mut self.xref.clusters));
                std::mem::take(&mut self.cluster_memo)
            },
            aliases: self.aliases.take(),
        }
    }

    /// How many claims the pass's pair search scored again, when it continued from the last
    /// pass's (see [`super::pairs`]); `None` when it scored them all.
    pub fn rescored(&self) -> Option<usize> {
        self.rescored
    }

    /// Links `checks` (edited since the pass; the articles are not) to the pass's claims, as
    /// the full pass would: see [`verdicts::link`].
    pub fn relink_verdicts(&mut self, checks: &[Check]) {
        self.xref.verdicts = verdicts::link(&*self, checks);
    }

    /// The provisional data of `article` (edited since the baseline, same slug) from its freshly
    /// extracted claims; `None` if the baseline does not know the article.
    pub fn preview(&self, article: &Article, ac: ArticleClaims) -> Option<Provisional> {
        let ai = *self.article_of.get(&article.slug)?;
        let old = &self.xref.articles[ai];
        let mut clustered: Vec<(Claim, Option<usize>)> = (ac.claims.into_iter())
            .zip(&ac.extras)
            .map(|(mut c, e)| {
                let cluster = self.cluster_of(&c, e);
                self.name_entities(&mut c, e.mentions.iter().map(|m| m.surface.as_str()));
                (c, cluster)
            })
            .collect();
        let renamed = self.renamed(&clustered);
        for (c, k) in &mut clustered {
            c.cluster = k.map(|k| renamed.get(&k).unwrap_or(&self.xref.clusters[k].id).clone());
        }
        let claims: Vec<Claim> = clustered.into_iter().map(|(c, _)| c).collect();
        let flags = self.flags_kept(article, old, &claims);
        let date = article.date.as_ref().map(|d| d.value);
        Some(Provisional {
            xref: ArticleXref {
                slug: article.slug.clone(),
                file: article.file.clone(),
                date,
                date_window: date.is_none().then(|| old.date_window.clone()).flatten(),
                claims,
            },
            flags,
        })
    }

    /// Entity ids of a claim's names and quote speakers, by the baseline's spellings.
    fn name_entities<'s>(&self, c: &mut Claim, surfaces: impl Iterator<Item = &'s str>) {
        let id = |surface: &str| {
            let e = self.entity_of_key.get(&key(surface))?;
            Some(self.xref.entities[e].id.clone())
        };
        let mut ids: BTreeSet<String> = surfaces.filter_map(id).collect();
        ids.extend(std::mem::take(&mut c.entities));
        c.entities = ids.into_iter().collect();
        for q in &mut c.quotes {
            q.speaker_entity = q
                .speaker
                .as_deref()
                .and_then(|s| id(s.trim_start_matches("the ")));
        }
    }

    /// The cluster of the best-matching claim in a cluster. That claim may be the sentence's own
    /// earlier version: a lightly edited sentence stays where it was.
    fn cluster_of(&self, c: &Claim, e: &super::claims::Extras) -> Option<usize> {
        // Terms the baseline never saw get ids past its own (they weigh like terms seen once).
        let mut fresh = HashMap::new();
        let known = self.interner.len();
        let probe = corpus::item(c, e, |t| {
            self.interner.get(t).unwrap_or_else(|| {
                let next = (known + fresh.len()) as u32;
                *fresh.entry(t.to_string()).or_insert(next)
            })
        });
        let keep = |j: usize| self.cluster[j].is_some();
        let (j, _) = matching::best_match(&self.index, &self.items, &probe, matching::MATCH, keep)?;
        self.cluster[j].map(|k| k as usize)
    }

    /// New ids of the clusters the edit renames: a cluster is named after its earliest
    /// appearance, so when that is one of the article's claims (same place), after its new text.
    fn renamed(&self, claims: &[(Claim, Option<usize>)]) -> HashMap<usize, String> {
        let named = |text: &str| format!("c-{}", text::short_hash(&text::normalised(text)));
        claims
            .iter()
            .filter_map(|(c, k)| {
                let k = (*k)?;
                let cl = &self.xref.clusters[k];
                let first = cl.appearances.first()?;
                // An id with a suffix told two clusters apart: keep it rather than guess.
                let renames = first.claim == c.id && cl.id == named(&first.text);
                renames.then(|| (k, named(&c.text)))
            })
            .collect()
    }

    /// The baseline's flags on the article that the edit leaves standing: those citing only
    /// sentences still there word for word (claim ids carry the line), and article-level ones
    /// whose cause is unchanged.
    fn flags_kept(&self, article: &Article, old: &ArticleXref, now: &[Claim]) -> Vec<Flag> {
        let old_text: HashMap<&str, &str> = old
            .claims
            .iter()
            .map(|c| (c.id.as_str(), c.text.as_str()))
            .collect();
        let new_text: HashMap<&str, &str> = now
            .iter()
            .map(|c| (c.id.as_str(), c.text.as_str()))
            .collect();
        let date = article.date.as_ref().map(|d| d.value);
        self.xref
            .flags
            .iter()
            .filter(|f| f.article == article.slug)
            .filter(|f| {
                let own: Vec<&str> = f
                    .claims
                    .iter()
                    .map(String::as_str)
                    .filter(|c| old_text.contains_key(c))
                    .collect();
                let same = own.iter().all(|c| new_text.get(c) == old_text.get(c));
                match f.kind {
                    FlagKind::MissingDate => date.is_none(),
                    FlagKind::MissingSource => article.source_url.is_none(),
                    _ => same && (!own.is_empty() || date == old.date),
                }
            })
            .cloned()
            .collect()
    }
}

impl verdicts::Matched for Baseline {
    fn term(&self, t: &str) -> Option<u32> {
        self.interner.get(t).filter(|&id| self.index.knows(id))
    }
    fn index(&self) -> &Index {
        &self.index
    }
    fn items(&self) -> &[Item] {
        &self.items
    }
    fn cluster(&self, g: usize) -> Option<(&str, &[usize])> {
        let k = self.cluster[g]? as usize;
        Some((&self.xref.clusters[k].id, &self.members[k]))
    }
    fn order_key(&self, g: usize) -> (NaiveDate, usize, usize) {
        let (a, c) = self.gid[g];
        (self.xref.articles[a].date.unwrap_or(NaiveDate::MAX), a, c)
    }
    fn appearance(&self, g: usize) -> Appearance {
        let (a, c) = self.gid[g];
        let (art, claim) = (&self.xref.articles[a], &self.xref.articles[a].claims[c]);
        Appearance {
            article: art.slug.clone(),
            file: art.file.clone(),
            claim: claim.id.clone(),
            line: claim.line,
            text: claim.text.clone(),
            date: art.date,
        }
    }
}
