//! Clusters: claims linked by matches (union-find), each with its earliest appearance as the
//! canonical text, a stable id from that text, and word-level diffs of every later appearance.
//!
//! A cluster's record is a function of its members (their claims, articles and scores against
//! the first), so `serve` keeps the last pass's records by a fingerprint of those ([`Memo`]) and
//! after an edit builds only the clusters whose members changed.

use super::corpus::Work;
use super::matching;
use super::model::{Appearance, ClaimDiff, Cluster, DateRef, DiffOp, Figure};
use super::text;
use rayon::prelude::*;
use similar::{Algorithm, ChangeTag};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasher, Hash, Hasher};

/// Union-find over claim numbers.
pub struct Dsu(Vec<usize>);

impl Dsu {
    pub fn new(n: usize) -> Dsu {
        Dsu((0..n).collect())
    }

    pub fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// Sort key placing the earliest appearance first: date, then file order, then position.
pub fn order_key(w: &Work, g: usize) -> (chrono::NaiveDate, usize, usize) {
    let (a, c) = w.gid[g];
    let date = w.date(a).unwrap_or(chrono::NaiveDate::MAX);
    (date, a, c)
}

/// Clusters of two or more claims; `of_claim[g]` is the cluster index of claim `g`.
pub struct Clustering {
    pub clusters: Vec<Cluster>,
    /// Members of each cluster (global claim numbers), earliest first.
    pub members: Vec<Vec<usize>>,
    pub of_claim: Vec<Option<usize>>,
}

/// The last pass's cluster records by fingerprint (64-bit: two different clusters of one corpus
/// sharing one is as likely as ~10⁻¹³), each with its id before telling equal ones apart.
#[derive(Default)]
pub struct Memo {
    by_print: HashMap<u64, Cluster>,
    /// Fingerprint and id (before telling equal ones apart) of each cluster the last pass made,
    /// in its order.
    made: Vec<(u64, String)>,
}

impl Memo {
    /// Keeps the records the last pass made (`clusters`, in its order) for the next one.
    pub fn remember(&mut self, clusters: Vec<Cluster>) {
        if clusters.len() == self.made.len() {
            let made = std::mem::take(&mut self.made);
            self.by_print = (made.into_iter().zip(clusters))
                .map(|((fp, id), c)| (fp, Cluster { id, ..c }))
                .collect();
        }
    }
}

/// Groups matched claims into clusters, sorted by id.
pub fn cluster(w: &Work) -> Clustering {
    cluster_with(w, &mut Memo::default())
}

/// [`cluster`], taking the records of unchanged clusters from `memo` and leaving there the
/// fingerprints of this pass's.
pub fn cluster_with(w: &Work, memo: &mut Memo) -> Clustering {
    let n = w.gid.len();
    let groups = components(w);
    // Independent per cluster (word diffs dominate); collected in order.
    let printed: Vec<(u64, Vec<usize>)> = groups
        .into_par_iter()
        .map(|mut m| {
            m.sort_by_key(|&g| order_key(w, g));
            (fingerprint(w, &m), m)
        })
        .collect();
    let kept: Vec<Option<Cluster>> = (printed.iter())
        .map(|(fp, _)| memo.by_print.remove(fp))
        .collect();
    let old = std::mem::take(&mut memo.by_print);
    std::thread::spawn(move || drop(old));
    let mut built: Vec<(Cluster, Vec<usize>, u64)> = (kept.into_par_iter().zip(printed))
        .map(|(kept, (fp, m))| (kept.unwrap_or_else(|| build(w, &m)), m, fp))
        .collect();
    built.sort_by(|a, b| a.0.id.cmp(&b.0.id).then(a.1.cmp(&b.1)));
    memo.made = built.iter().map(|b| (b.2, b.0.id.clone())).collect();
    let mut built: Vec<(Cluster, Vec<usize>)> = built.into_iter().map(|(c, m, _)| (c, m)).collect();
    dedupe_ids(&mut built);
    let mut of_claim = vec![None; n];
    for (i, (_, m)) in built.iter().enumerate() {
        for &g in m {
            of_claim[g] = Some(i);
        }
    }
    let (clusters, members) = built.into_iter().unzip();
    Clustering {
        clusters,
        members,
        of_claim,
    }
}

/// Claims grouped around the earliest appearance of each claim, each group ascending (groups of
/// two or more, by their smallest claim number).
///
/// Every member is directly the same claim as the group's first appearance: claims are taken
/// earliest first, and each joins the group of the best-scoring earlier claim it matches that
/// starts a group, or starts one. (Grouping by chains of matches instead lets one cluster drift
/// from claim to claim across a template's many variants.)
pub fn components(w: &Work) -> Vec<Vec<usize>> {
    let mut adj: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
    for p in w.matches() {
        adj.entry(p.a).or_default().push((p.b, p.score));
        adj.entry(p.b).or_default().push((p.a, p.score));
    }
    let mut order: Vec<usize> = adj.keys().copied().collect();
    order.sort_by_key(|&g| order_key(w, g));
    let mut centre: BTreeMap<usize, usize> = BTreeMap::new();
    for &g in &order {
        let best = adj[&g]
            .iter()
            .filter(|(o, _)| centre.get(o) == Some(o))
            .max_by(|x, y| {
                x.1.total_cmp(&y.1)
                    .then_with(|| order_key(w, y.0).cmp(&order_key(w, x.0)))
            });
        centre.insert(g, best.map_or(g, |b| b.0));
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (g, c) in centre {
        groups.entry(c).or_default().push(g);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().filter(|m| m.len() >= 2).collect();
    out.sort_by_key(|m| m[0]);
    out
}

fn dedupe_ids(built: &mut [(Cluster, Vec<usize>)]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (c, _) in built.iter_mut() {
        let k = seen.entry(c.id.clone()).or_insert(0);
        *k += 1;
        if *k > 1 {
            c.id = format!("{}-{}", c.id, k);
        }
    }
}

/// Appearance record of a claim.
pub fn appearance(w: &Work, g: usize) -> Appearance {
    let art = w.article(g);
    let c = &w.claim(g);
    Appearance {
        article: art.slug.clone(),
        file: art.file.clone(),
        claim: c.id.clone(),
        line: c.line,
        text: c.text.clone(),
        date: art.date.as_ref().map(|d| d.value),
    }
}

/// A hash of everything a cluster's record is made from: each member's claim (all of it as
/// extracted, by [`super::claims::print`], and the entity ids the pass wrote), article and score
/// against the first.
fn fingerprint(w: &Work, members: &[usize]) -> u64 {
    let mut h = ahash::RandomState::with_seeds(5, 6, 7, 8).build_hasher();
    for (i, &g) in members.iter().enumerate() {
        let art = w.article(g);
        let score = (i > 0).then(|| cluster_score(w, members[0], g).to_bits());
        let date = art.date.as_ref().map(|d| d.value);
        (
            w.extracted(g).print,
            &w.claim(g).entities,
            &art.slug,
            &art.file,
            date,
            score,
        )
            .hash(&mut h);
    }
    h.finish()
}

/// The id of a cluster whose first appearance is `text` (before telling equal ones apart).
fn base_id(text: &str) -> String {
    format!("c-{}", text::short_hash(&text::normalised(text)))
}

/// The score shown for a later appearance `g` of the cluster that `first` starts.
fn cluster_score(w: &Work, first: usize, g: usize) -> f64 {
    round3(matching::score(&w.index, &w.items[first], &w.items[g]))
}

fn build(w: &Work, members: &[usize]) -> Cluster {
    let first = w.claim(members[0]);
    let id = base_id(&first.text);
    let mut figures: Vec<Figure> = Vec::new();
    let mut dates: Vec<DateRef> = Vec::new();
    let mut entities: BTreeSet<String> = BTreeSet::new();
    for &g in members {
        let c = &w.claim(g);
        for f in &c.figures {
            if !figures
                .iter()
                .any(|x| x.kind == f.kind && x.milli == f.milli && x.currency == f.currency)
            {
                figures.push(f.clone());
            }
        }
        for d in &c.dates {
            if !dates.iter().any(|x| x.start == d.start && x.end == d.end) {
                dates.push(d.clone());
            }
        }
        entities.extend(c.entities.iter().cloned());
    }
    let diffs = members[1..]
        .iter()
        .map(|&g| ClaimDiff {
            claim: w.claim(g).id.clone(),
            article: w.article(g).slug.clone(),
            score: cluster_score(w, members[0], g),
            ops: word_diff(&first.text, &w.claim(g).text),
        })
        .collect();
    Cluster {
        id,
        text: first.text.clone(),
        appearances: members.iter().map(|&g| appearance(w, g)).collect(),
        figures,
        dates,
        entities: entities.into_iter().collect(),
        diffs,
    }
}

/// Rounds to three decimals (stable JSON).
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Word-level diff of `old` → `new`, adjacent operations of one kind merged.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffOp> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let mut out: Vec<DiffOp> = Vec::new();
    for (tag, words) in similar::utils::diff_slices(Algorithm::Myers, &a, &b) {
        let op = match tag {
            ChangeTag::Equal => "equal",
            ChangeTag::Delete => "delete",
            ChangeTag::Insert => "insert",
        };
        let text = words.join(" ");
        match out.last_mut() {
            Some(last) if last.op == op => {
                last.text.push(' ');
                last.text.push_str(&text);
            }
            _ => out.push(DiffOp {
                op: op.to_string(),
                text,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_is_word_level() {
        let d = word_diff("can be indispensable for us", "may be indispensable to us");
        let ops: Vec<(&str, &str)> = d.iter().map(|o| (o.op.as_str(), o.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                ("delete", "can"),
                ("insert", "may"),
                ("equal", "be indispensable"),
                ("delete", "for"),
                ("insert", "to"),
                ("equal", "us")
            ]
        );
    }
}
