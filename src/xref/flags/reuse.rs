//! Document reuse: for each pair of articles sharing matched claims, the share of the later
//! article's body that matches the earlier one and whether the order is kept. Direction comes
//! from the datelines; undated articles count as later than dated ones (their window is inferred
//! from the text elsewhere); with equal or no dates the direction is unknown (the pair is kept in
//! file order and says so).

use super::clusters::round3;
use super::corpus::Work;
use super::model::Reuse;
use std::collections::{BTreeMap, BTreeSet};

/// Fewest matched claims for a reuse pair to be reported.
pub const MIN_MATCHED: usize = 2;

/// Reuse pairs with the claims behind them.
pub struct ReuseInfo {
    pub reuse: Reuse,
    pub earlier: usize,
    pub later: usize,
    /// (later claim, earlier claim) global numbers, in the later article's order.
    pub links: Vec<(usize, usize)>,
    /// Share (0..1) of the earlier article's body that the matched claims cover: a copy carries
    /// most of its source; a story that reuses a short bulletin's sentences does not make the
    /// bulletin a copy of it.
    pub earlier_share: f64,
    /// Whether the later article's lead (its first sentence after any standfirst) is matched: a copy
    /// reproduces the lead, a follow-up story reusing background paragraphs does not.
    pub lead: bool,
    /// Whether the earlier article's lead is matched.
    pub earlier_lead: bool,
    /// Whether both source URLs name one story: the same site and article number (a live page
    /// or an update saved twice under a new headline).
    pub same_story: bool,
}

/// A matched pair of claims (global numbers) and its score.
type Link = (usize, usize, f64);

/// Claim-number pairs matched across two different articles, grouped by article pair.
fn by_article_pair(w: &Work) -> BTreeMap<(usize, usize), Vec<Link>> {
    let common = common_sentences(w);
    let mut m: BTreeMap<(usize, usize), Vec<Link>> = BTreeMap::new();
    for p in w.matches() {
        let background = w.background[p.a] || w.background[p.b];
        if common[p.a] || common[p.b] || background {
            continue;
        }
        let (aa, ab) = (w.gid[p.a].0, w.gid[p.b].0);
        if aa != ab {
            m.entry((aa, ab)).or_default().push((p.a, p.b, p.score));
        }
    }
    m
}

/// A sentence matched in this many articles is an outlet's boilerplate ("The views expressed in
/// this article are the author's own"), not evidence of copying.
pub const COMMON_ARTICLES: usize = 8;

/// Per claim, whether its match component spans at least [`COMMON_ARTICLES`] articles.
fn common_sentences(w: &Work) -> Vec<bool> {
    let mut common = vec![false; w.gid.len()];
    for group in super::clusters::components(w) {
        let mut arts: Vec<usize> = group.iter().map(|&g| w.gid[g].0).collect();
        arts.sort_unstable();
        arts.dedup();
        if arts.len() >= COMMON_ARTICLES {
            for g in group {
                common[g] = true;
            }
        }
    }
    common
}

/// All reuse pairs, sorted by (later, earlier).
pub fn reuse(w: &Work) -> Vec<ReuseInfo> {
    let lens = claim_lengths(w);
    let mut out: Vec<ReuseInfo> = by_article_pair(w)
        .into_iter()
        .filter_map(|((x, y), links)| pair(w, x, y, &links, &lens))
        .collect();
    out.sort_by(|a, b| (&a.reuse.later, &a.reuse.earlier).cmp(&(&b.reuse.later, &b.reuse.earlier)));
    out
}

fn direction(w: &Work, x: usize, y: usize) -> (usize, usize, &'static str) {
    match (w.date(x), w.date(y)) {
        (Some(dx), Some(dy)) if dx < dy => (x, y, "datelines"),
        (Some(dx), Some(dy)) if dy < dx => (y, x, "datelines"),
        (Some(_), None) => (x, y, "undated article taken as later"),
        (None, Some(_)) => (y, x, "undated article taken as later"),
        (Some(_), Some(_)) => (x.min(y), x.max(y), "unknown (same date)"),
        _ => (x.min(y), x.max(y), "unknown (no dates)"),
    }
}

/// Per article, the bytes of its claims that are not boilerplate: what a share is a share of
/// (sentences that check nothing, an outlet's furniture and its recycled background sentences
/// are neither copied nor original).
fn claim_lengths(w: &Work) -> Vec<usize> {
    let mut lens = vec![0usize; w.corpus.articles.len()];
    for (g, &(a, _)) in w.gid.iter().enumerate() {
        if !w.boiler[g] && !w.background[g] {
            lens[a] += w.claim(g).text.len();
        }
    }
    lens
}

fn pair(w: &Work, x: usize, y: usize, links: &[Link], lens: &[usize]) -> Option<ReuseInfo> {
    let (earlier, later, how) = direction(w, x, y);
    // Best earlier claim for every matched later claim.
    let mut best: BTreeMap<usize, (usize, f64)> = BTreeMap::new();
    for &(a, b, s) in links {
        let (l, e) = if w.gid[a].0 == later { (a, b) } else { (b, a) };
        let entry = best.entry(l).or_insert((e, s));
        if s > entry.1 {
            *entry = (e, s);
        }
    }
    if best.len() < MIN_MATCHED {
        return None;
    }
    let matched_len: usize = best.keys().map(|&l| w.claim(l).text.len()).sum();
    let body = lens[later].max(1);
    let share = (matched_len as f64 / body as f64).min(1.0);
    let links: Vec<(usize, usize)> = best.iter().map(|(&l, &(e, _))| (l, e)).collect();
    let order_kept = order_kept(&links);
    let lead_of_later = lead(&w.claims[later]);
    let lead_of_earlier = self::lead(&w.claims[earlier]);
    let earlier_lead = links
        .iter()
        .any(|&(_, e)| lead_of_earlier.contains(&w.gid[e].1));
    let lead = links
        .iter()
        .any(|&(l, _)| lead_of_later.contains(&w.gid[l].1));
    let earlier_len: usize = distinct_earlier_claims(&links)
        .map(|e| w.claim(e).text.len())
        .sum();
    let earlier_share = (earlier_len as f64 / lens[earlier].max(1) as f64).min(1.0);
    let distinct_earlier: BTreeSet<usize> = links.iter().map(|l| l.1).collect();
    Some(ReuseInfo {
        reuse: Reuse {
            earlier: w.corpus.articles[earlier].slug.clone(),
            later: w.corpus.articles[later].slug.clone(),
            share: round3(share),
            matched: distinct_earlier.len().min(links.len()),
            order_kept,
            direction: how.to_string(),
        },
        earlier,
        later,
        links,
        lead,
        earlier_share,
        earlier_lead,
        same_story: same_story(w, earlier, later),
    })
}

fn same_story(w: &Work, a: usize, b: usize) -> bool {
    let key = |i: usize| {
        w.corpus.articles[i]
            .source_url
            .as_ref()
            .and_then(|u| story_key(&u.value))
    };
    matches!((key(a), key(b)), (Some(x), Some(y)) if x == y)
}

/// Fewest digits of an article number in a URL path (shorter numbers are years, pages, sections).
pub const STORY_ID_DIGITS: usize = 6;

/// The site and article number of a news URL: `https://www.dw.com/en/slug/a-37449884?x=1` →
/// `("dw.com", "37449884")`. The last run of [`STORY_ID_DIGITS`] or more digits in the path
/// that is not a date (`20170207`); the query and fragment are ignored (they carry tracking ids).
pub fn story_key(url: &str) -> Option<(String, String)> {
    let rest = url.split_once("://")?.1;
    let rest = rest.split(['?', '#']).next()?;
    let (host, path) = rest.split_once('/')?;
    let host = host.strip_prefix("www.").unwrap_or(host).to_lowercase();
    let id = path
        .split(|c: char| !c.is_ascii_digit())
        .rfind(|run| run.len() >= STORY_ID_DIGITS && !is_date(run))?;
    Some((host, id.trim_start_matches('0').to_string()))
}

fn is_date(run: &str) -> bool {
    run.len() == 8 && chrono::NaiveDate::parse_from_str(run, "%Y%m%d").is_ok()
}

/// Sentences of a standfirst: an opening paragraph of at most this many, with a paragraph after.
pub const STANDFIRST_SENTENCES: usize = 3;
/// Sentences that make an article's lead (the first: a follow-up story often repeats the
/// background in its second).
pub const LEAD_SENTENCES: usize = 1;

/// The opening paragraph's claims (of one article's, in order) when it is a standfirst.
pub fn standfirst(claims: &[super::model::Claim]) -> std::ops::Range<usize> {
    let Some(open) = claims.first().map(|c| c.block) else {
        return 0..0;
    };
    let n = claims.iter().take_while(|c| c.block == open).count();
    if n <= STANDFIRST_SENTENCES && n < claims.len() {
        0..n
    } else {
        0..0
    }
}

/// The claims (indices in one article's, in order) of its lead: the first sentences after any
/// standfirst.
pub fn lead(claims: &[super::model::Claim]) -> std::ops::Range<usize> {
    let start = standfirst(claims).end;
    start..(start + LEAD_SENTENCES).min(claims.len())
}

fn distinct_earlier_claims(links: &[(usize, usize)]) -> impl Iterator<Item = usize> {
    links
        .iter()
        .map(|l| l.1)
        .collect::<BTreeSet<usize>>()
        .into_iter()
}

/// True when at least 80% of the matched sentences keep their relative order (longest
/// increasing subsequence of the earlier positions, in the later article's order).
fn order_kept(links: &[(usize, usize)]) -> bool {
    let seq: Vec<usize> = links.iter().map(|l| l.1).collect();
    let mut tails: Vec<usize> = Vec::new();
    for &v in &seq {
        match tails.binary_search(&v) {
            Ok(_) => {}
            Err(i) if i == tails.len() => tails.push(v),
            Err(i) => tails[i] = v,
        }
    }
    tails.len() * 5 >= seq.len() * 4
}

#[cfg(test)]
mod tests {
    use super::{order_kept, story_key};

    #[test]
    fn story_keys() {
        let k = |u| story_key(u).map(|(h, i)| format!("{h} {i}"));
        assert_eq!(
            k("http://www.dw.com/en/german-cup/a-37449884?maca=en-rss-en-all-1573-rdf").as_deref(),
            Some("dw.com 37449884")
        );
        assert_eq!(
            k("https://www.bbc.co.uk/news/world-europe-61452211").as_deref(),
            Some("bbc.co.uk 61452211")
        );
        // Dates, short numbers and query ids are not article numbers.
        assert_eq!(k("https://example.com/20170207/story"), None);
        assert_eq!(k("https://example.com/2017/02/07/story-12"), None);
        assert_eq!(k("https://example.com/story?id=12345678"), None);
        assert_eq!(k("https://example.com"), None);
    }

    #[test]
    fn order() {
        assert!(order_kept(&[(1, 10), (2, 11), (3, 12), (4, 13), (5, 9)]));
        assert!(!order_kept(&[(1, 13), (2, 10), (3, 12), (4, 11)]));
    }
}
