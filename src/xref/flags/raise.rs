//! Flags: a builder shared by the flag-raising steps, the final sort and ids, and the flags that
//! look at one article at a time — duplicate passages, injected lines (link spam, captions of
//! other stories), missing dates and sources, and spelling variants of names.

use super::corpus::Work;
use super::model::{DateWindow, DiffOp, Evidence, Flag, FlagKind, Severity};
use super::{temporal, text};
use crate::content::BlockKind;
use ahash::HashSet;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// A flag under construction; `article` is an article index.
pub struct Draft {
    pub kind: FlagKind,
    pub severity: Severity,
    pub article: usize,
    pub related: BTreeSet<usize>,
    pub claims: Vec<String>,
    pub message: String,
    pub evidence: Vec<Evidence>,
    pub diff: Option<Vec<DiffOp>>,
    pub share: Option<f64>,
    pub window: Option<DateWindow>,
}

impl Draft {
    pub fn new(kind: FlagKind, severity: Severity, article: usize, message: String) -> Draft {
        Draft {
            kind,
            severity,
            article,
            related: BTreeSet::new(),
            claims: vec![],
            message,
            evidence: vec![],
            diff: None,
            share: None,
            window: None,
        }
    }

    /// Adds a quoted line of article `a`.
    pub fn cite(&mut self, w: &Work, a: usize, line: usize, text: &str) {
        self.cite_at(w, a, line, None, text);
    }

    /// Adds a quoted sentence (`sentence`, 1-based, of the line) of article `a`.
    fn cite_at(&mut self, w: &Work, a: usize, line: usize, sentence: Option<usize>, text: &str) {
        let e = Evidence {
            file: w.corpus.articles[a].file.clone(),
            line,
            sentence,
            text: text.to_string(),
        };
        if !self.evidence.contains(&e) {
            self.evidence.push(e);
        }
    }

    /// Adds a claim (by global number) as evidence and to `claims`.
    pub fn cite_claim(&mut self, w: &Work, g: usize) {
        let (a, _) = w.gid[g];
        let c = &w.claim(g);
        if !self.claims.contains(&c.id) {
            self.claims.push(c.id.clone());
        }
        let sentence = sentence_of(&c.id).filter(|_| many_sentences(w, a, c.line));
        self.cite_at(w, a, c.line, sentence, &c.text);
        if a != self.article {
            self.related.insert(a);
        }
    }
}

/// Where a claim is, in words: "line 7" or "line 7, sentence 3".
pub(super) fn place(w: &Work, a: usize, c: &super::model::Claim) -> String {
    match sentence_of(&c.id).filter(|_| many_sentences(w, a, c.line)) {
        Some(s) => format!("line {}, sentence {s}", c.line),
        None => format!("line {}", c.line),
    }
}

/// The sentence number in a claim id (`<slug>:<line>:<sentence>`).
fn sentence_of(id: &str) -> Option<usize> {
    id.rsplit(':').next()?.parse().ok()
}

/// Whether line `line` of article `a` holds more than one claim (then citations name the
/// sentence).
fn many_sentences(w: &Work, a: usize, line: usize) -> bool {
    w.claims[a]
        .iter()
        .filter(|c| c.line == line)
        .nth(1)
        .is_some()
}

/// Turns drafts into sorted flags with stable ids.
pub fn finish(w: &Work, drafts: Vec<Draft>) -> Vec<Flag> {
    let mut flags: Vec<Flag> = drafts.into_iter().map(|d| finish_one(w, d)).collect();
    flags.sort_by(|a, b| {
        (&a.file, a.line, a.kind, &a.message, &a.claims)
            .cmp(&(&b.file, b.line, b.kind, &b.message, &b.claims))
    });
    flags.dedup_by(|a, b| {
        a.kind == b.kind && a.article == b.article && a.message == b.message && a.claims == b.claims
    });
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for f in &mut flags {
        let n = seen.entry(f.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            f.id = format!("{}-{}", f.id, n);
        }
    }
    flags
}

fn finish_one(w: &Work, d: Draft) -> Flag {
    let art = &w.corpus.articles[d.article];
    let mut evidence = d.evidence;
    evidence.sort_by_key(|e| e.file != art.file); // own lines first, order kept otherwise
    let line = evidence
        .iter()
        .find(|e| e.file == art.file)
        .map_or(1, |e| e.line);
    let related: Vec<String> = d
        .related
        .iter()
        .map(|&a| w.corpus.articles[a].slug.clone())
        .collect();
    let id = format!(
        "f-{}",
        text::short_hash(&format!(
            "{}|{}|{}|{}|{}",
            d.kind.as_str(),
            art.slug,
            d.claims.join(","),
            related.join(","),
            line
        ))
    );
    Flag {
        id,
        kind: d.kind,
        severity: d.severity,
        article: art.slug.clone(),
        file: art.file.clone(),
        line,
        related,
        claims: d.claims,
        message: d.message,
        evidence,
        diff: d.diff,
        share: d.share,
        window: d.window,
    }
}

/// Score at or above which two sentences of one article are the same passage.
pub const DUPLICATE: f64 = 0.75;
/// Most words of a line that, repeated three times or more in one article, is its furniture.
pub const FURNITURE_WORDS: usize = 15;
/// `duplicate_passage` is `info`: right 0.95 of the time on the gold set, but 0.67 and 0.69 on
/// two independent samples of US politics pages (live blogs, embedded posts, pop-ups), short of
/// what a warning promises (0.90).
pub const PASSAGE_SEVERITY: Severity = Severity::Info;

/// The same passage twice within one article: one flag per pair of lines, citing every
/// repeated sentence between them.
pub fn duplicate_passages(w: &Work, out: &mut Vec<Draft>) {
    let mut by_lines: BTreeMap<super::doubled::Lines, Draft> = BTreeMap::new();
    let within = |p: &&super::matching::Pair| {
        let (a, b) = (w.gid[p.a], w.gid[p.b]);
        a.0 == b.0
            && p.score >= DUPLICATE
            && (w.claim(p.a).line != w.claim(p.b).line || p.score >= 0.95)
    };
    // A short line three times or more in one article is its furniture: the footer under each
    // entry of a live blog ("Read the full story here.", "Sign up for our newsletter …"), not a
    // paragraph printed twice. (Long captions and posts printed three times are still flagged.)
    let mut copies: BTreeMap<usize, usize> = BTreeMap::new();
    for p in w.matches().filter(within) {
        *copies.entry(p.a).or_default() += 1;
        *copies.entry(p.b).or_default() += 1;
    }
    let furniture = |g: usize| {
        let c = w.claim(g);
        copies.get(&g).is_some_and(|&n| n >= 2)
            && c.figures.is_empty()
            && c.text.split_whitespace().count() <= FURNITURE_WORDS
    };
    // Pairs of a paragraph and its verbatim repeat in the very next one (see `doubled`).
    let mut doubled: BTreeSet<super::doubled::Lines> = BTreeSet::new();
    for p in w.matches().filter(within) {
        let (a, b) = (w.gid[p.a], w.gid[p.b]);
        if furniture(p.a) || furniture(p.b) {
            continue;
        }
        let (ca, cb) = (&w.claim(p.a), &w.claim(p.b));
        let (first, second) = (a.1.min(b.1), a.1.max(b.1));
        if on_purpose(w, a.0, first, second) {
            continue;
        }
        if let Some(d) = by_lines.get_mut(&(a.0, ca.line, cb.line)) {
            d.cite_claim(w, p.b);
            d.cite_claim(w, p.a);
            continue;
        }
        if two_posts(&w.corpus.articles[a.0].blocks, ca.block, cb.block) {
            continue;
        }
        let verbatim = text::normalised(&ca.text) == text::normalised(&cb.text);
        if !verbatim && list_entries(w, a.0, ca.block, cb.block) {
            continue;
        }
        let how = if verbatim { "verbatim" } else { "reworded" };
        let mut d = Draft::new(
            FlagKind::DuplicatePassage,
            PASSAGE_SEVERITY,
            a.0,
            format!(
                "the passage at {} appears again ({how}) at {}",
                place(w, a.0, ca),
                place(w, a.0, cb)
            ),
        );
        d.cite_claim(w, p.b);
        d.cite_claim(w, p.a);
        if verbatim && ca.block.abs_diff(cb.block) == 1 {
            doubled.insert((a.0, ca.line, cb.line));
        }
        by_lines.insert((a.0, ca.line, cb.line), d);
    }
    super::contained::contained_passages(w, &mut by_lines);
    super::doubled::group(&mut by_lines, &doubled);
    out.extend(by_lines.into_values());
}

/// Whether blocks `x` and `y` are two embedded posts, each with its own
/// picture ("… will soon speak @KQEDnews pic.twitter.com/Eh3HO3Uopm" and "…
/// pic.twitter.com/QxcyTbbIFJ", Breitbart): one caption posted twice over two photos, not a
/// paragraph the page printed twice.
fn two_posts(blocks: &[crate::content::Block], x: usize, y: usize) -> bool {
    static PICTURE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"pic\.twitter\.com/(\w+)").expect("picture link"));
    let pictures = |i: usize| -> BTreeSet<&str> {
        blocks.get(i).map_or_else(BTreeSet::new, |b| {
            (PICTURE.captures_iter(&b.text))
                .filter_map(|c| c.get(1).map(|m| m.as_str()))
                .collect()
        })
    };
    let (px, py) = (pictures(x), pictures(y));
    x != y && !px.is_empty() && !py.is_empty() && px.is_disjoint(&py)
}

/// Whether blocks `x` and `y` of article `art` are two entries of a list: a list that says
/// much the same of each entry ("• Montana: The Ninth Circuit … struck down …", "• Alaska: The
/// Ninth Circuit … struck down …") repeats a template on purpose (8 of 8 such flags were wrong
/// on the fifth sample). An entry printed twice word for word is still flagged.
fn list_entries(w: &Work, art: usize, x: usize, y: usize) -> bool {
    let blocks = &w.corpus.articles[art].blocks;
    let entry = |i: usize| blocks.get(i).is_some_and(|b| b.kind == BlockKind::ListItem);
    x != y && entry(x) && entry(y)
}

/// Whether claim `first` (of `claims`, one article's, in order) is in a standfirst and claim
/// `second` in the body after it: a subtitle restating the lead, or a sentence from further down,
/// is how news pages open, not a duplicated passage.
fn restates_lead(claims: &[super::model::Claim], first: usize, second: usize) -> bool {
    let sf = super::reuse::standfirst(claims);
    sf.contains(&first) && second >= sf.end
}

/// Whether claim `second` of article `art` repeats claim `first` (`first` < `second`) on
/// purpose: a standfirst restating the lead, a summary the body restates, or an entry of a live
/// blog restating earlier ones.
pub(super) fn on_purpose(w: &Work, art: usize, first: usize, second: usize) -> bool {
    restates_lead(&w.claims[art], first, second)
        || summarised(w, art, first, second)
        || highlighted(w, art, first, second)
        || headed(w, art, first, second)
        || live_blog_entry(w, art, second)
        || transcribed(w, art, first, second)
        || said_again(&w.claims[art], first, second)
}

/// Whether claim `second` reports a repetition that claim `first` does not ("…, is that sexual
/// assault?" Leahy asked again.): the second time it was said, reported as such (CNN), not a
/// passage the page printed twice.
fn said_again(claims: &[super::model::Claim], first: usize, second: usize) -> bool {
    static AGAIN: LazyLock<Regex> = LazyLock::new(|| {
        let said =
            r"(?:asked|said|says|told|pressed|wrote|tweeted|added|insisted|demanded|stressed)";
        Regex::new(&format!(
            r"(?i)\b{said}(?:\s+\w+)?\s+(?:again|once more|a second time)\b|\bagain\s+{said}\b|\b(?:repeated|reiterated)\b"
        ))
        .expect("said again")
    });
    let says = |c: Option<&super::model::Claim>| c.is_some_and(|c| AGAIN.is_match(&c.text));
    says(claims.get(second)) && !says(claims.get(first))
}

/// Whether claims `first` < `second` of article `art` are the story above the interview
/// transcript the page prints (see `transcript`) and the transcript it quotes, or two turns of
/// the transcript (a guest asked to say it again). A paragraph inside the transcript that is
/// nobody's turn is not exempt: a pull-quote scraped into an interview repeats an answer (Vox).
fn transcribed(w: &Work, art: usize, first: usize, second: usize) -> bool {
    let claims = &w.claims[art];
    let (Some(a), Some(b)) = (claims.get(first), claims.get(second)) else {
        return false;
    };
    let blocks = &w.corpus.articles[art].blocks;
    let turn = |i: usize| super::transcript::is_turn(blocks, i);
    super::transcript::start(blocks)
        .is_some_and(|s| b.block >= s && (a.block < s || (turn(a.block) && turn(b.block))))
}

/// Whether claim `first` is a heading ("Erick Erickson: Ryan a 'hard guy to paint as spooky'":
/// a short line with no closing stop) and `second` in the section right under it, which the
/// heading sums up.
fn headed(w: &Work, art: usize, first: usize, second: usize) -> bool {
    let claims = &w.claims[art];
    let (Some(a), Some(b)) = (claims.get(first), claims.get(second)) else {
        return false;
    };
    (w.corpus.articles[art].blocks.get(a.block)).is_some_and(|h| sums_up(&h.text, a.block, b.block))
}

/// Whether block `heading` (of text `t`) is a heading — a short line with no closing stop,
/// quotation marks aside — and block `under` in the section right under it.
fn sums_up(t: &str, heading: usize, under: usize) -> bool {
    if !(under > heading && under <= heading + HEADED_BLOCKS) {
        return false;
    }
    let t = t.trim_end();
    let unquoted = t.trim_end_matches(['"', '”', '\'', '’']);
    at_most_words(t, HEADING_WORDS)
        && !unquoted.ends_with(['.', '!', '?', ','])
        && !t.starts_with(['"', '“', '\'', '‘'])
}

/// Whether `t` has at most `n` words, reading no further than that (a block may be megabytes,
/// and this is asked once per duplicate pair). A dash or other mark standing alone is no word.
fn at_most_words(t: &str, n: usize) -> bool {
    (t.split_whitespace())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .nth(n)
        .is_none()
}

/// Paragraphs under a heading that it may sum up.
const HEADED_BLOCKS: usize = 8;
/// Most words of a heading.
const HEADING_WORDS: usize = 15;

/// Whether claim `first` is in a summary the page labels as one ("Story highlights" and the
/// unpunctuated bullet lines under it, as CNN opens its stories) and `second` in the story that
/// restates it.
fn highlighted(w: &Work, art: usize, first: usize, second: usize) -> bool {
    let claims = &w.claims[art];
    let (Some(a), Some(b)) = (claims.get(first), claims.get(second)) else {
        return false;
    };
    let blocks = &w.corpus.articles[art].blocks;
    let mut body = (blocks.iter().enumerate()).filter(|(_, b)| b.kind == BlockKind::Body);
    let Some((start, open)) = body.next() else {
        return false;
    };
    let label = open.text.get(..16).unwrap_or("").to_lowercase();
    if !(label.starts_with("story highlights") || label.starts_with("key points")) {
        return false;
    }
    let bullet = |t: &str| {
        at_most_words(t, HIGHLIGHT_WORDS) && !t.trim_end().ends_with(['.', '!', '?', '"', '”'])
    };
    let end = start
        + 1
        + (blocks[start + 1..].iter())
            .take_while(|b| b.kind != BlockKind::Body || bullet(&b.text))
            .count();
    (start..end).contains(&a.block) && b.block >= end
}

/// Most words of a line of a labelled summary ("Story highlights").
const HIGHLIGHT_WORDS: usize = 30;

/// Whether claim `g` of article `art` is in the timed entries of a live blog, which restate
/// earlier entries and the blog's own recap on purpose (see `liveblog`).
fn live_blog_entry(w: &Work, art: usize, g: usize) -> bool {
    let blocks = &w.corpus.articles[art].blocks;
    let start = super::liveblog::entries_start(blocks);
    matches!((start, w.claims[art].get(g)), (Some(start), Some(c)) if c.block >= start)
}

/// Whether the claims `first` < `second` of article `art` are a summary and the body restating
/// it (see [`summary_restated`]), the second not an embedded post repeating a post quoted above
/// (a scraping duplicate wherever it sits).
fn summarised(w: &Work, art: usize, first: usize, second: usize) -> bool {
    let claims = &w.claims[art];
    let embed = |g: usize| {
        let block = claims
            .get(g)
            .and_then(|c| w.corpus.articles[art].blocks.get(c.block));
        block.is_some_and(|b| b.text.contains("(@") || b.text.contains("pic.twitter.com"))
    };
    summary_restated(claims, first, second) && !embed(second)
}

/// Sentences of the summary some outlets open with (bullet points, a blurb over the story) that
/// the body restates further down: the first is among the article's first
/// [`SUMMARY_SENTENCES`] sentences and the second at least [`SUMMARY_GAP`] paragraphs after it.
/// A line printed twice by the scrape (a caption, a pull-quote) sits beside its copy or far into
/// the story.
fn summary_restated(claims: &[super::model::Claim], first: usize, second: usize) -> bool {
    let (Some(a), Some(b)) = (claims.get(first), claims.get(second)) else {
        return false;
    };
    first < SUMMARY_SENTENCES && b.block >= a.block + SUMMARY_GAP
}

/// How far into an article a summary reaches, in sentences.
pub const SUMMARY_SENTENCES: usize = 5;
/// Fewest paragraphs between a summary's sentence and the body's restatement of it.
pub const SUMMARY_GAP: usize = 3;

/// Link spam and promotions inside the story: a `warning` when unrelated to it, `info` when
/// about it.
///
/// Captions are not flagged, dated or not. Undated, a caption is a credit line or a gallery's
/// own, sharing few words with any text (3 of 4 such flags were wrong on the gold set). Dated
/// long before the story, it was read as another story's photo, but none of the 25 such
/// warnings judged on independent samples was right: each was the article's own file photo (a
/// Reuters picture of the Capitol over a Senate story, Schumer at a 2016 news conference over a
/// gun-control column).
pub fn injected_text(w: &Work, out: &mut Vec<Draft>) {
    for (ai, art) in w.corpus.articles.iter().enumerate() {
        // Built on first use: most articles have no boilerplate block.
        let mut body: Option<HashSet<&str>> = None;
        for b in &art.blocks {
            // A video player's label names a clip the page embeds, mostly of the story itself
            // but in other words: as with captions, its title cannot tell which.
            if b.kind != BlockKind::Boilerplate
                || b.text.split_whitespace().count() < 4
                || b.reason == crate::content::clean::VIDEO_LABEL
            {
                continue;
            }
            let body = body.get_or_insert_with(|| body_terms(w, ai));
            let terms: HashSet<String> = text::terms(&b.text).into_iter().collect();
            let shared = terms.iter().filter(|t| body.contains(t.as_str())).count();
            let related = b.text.split_whitespace().count() < 10 || shared * 3 >= terms.len();
            let (severity, why) = if related {
                (Severity::Info, format!("{} inside the article", b.reason))
            } else {
                (
                    Severity::Warning,
                    format!("{}, unrelated to the article", b.reason),
                )
            };
            let mut d = Draft::new(
                FlagKind::InjectedText,
                severity,
                ai,
                format!("line {}: {why}", b.line),
            );
            d.cite(w, ai, b.line, &b.text);
            out.push(d);
        }
    }
}

/// Matching terms of every claim of article `ai`.
fn body_terms<'w>(w: &'w Work, ai: usize) -> HashSet<&'w str> {
    w.extracted[ai]
        .extras
        .iter()
        .flat_map(|c| c.terms.iter())
        .collect()
}

/// Explicit dates in `text` more than 90 days before `anchor` (captions marked as file photos
/// excepted).
pub fn old_dates(t: &str, anchor: Option<chrono::NaiveDate>) -> Vec<chrono::NaiveDate> {
    let Some(a) = anchor else { return vec![] };
    let lower = t.to_lowercase();
    if lower.contains("file photo") || lower.starts_with("file") || lower.contains("archive") {
        return vec![];
    }
    temporal::dates_in(t, None)
        .iter()
        .filter(|d| d.kind == super::model::DateKind::Explicit && d.start == d.end)
        .map(|d| d.start)
        .filter(|d| (a - *d).num_days() > 90)
        .collect()
}

/// Undated articles (with a window inferred from the text and matched articles) and articles
/// that name no source.
pub fn missing(w: &Work, out: &mut Vec<Draft>) {
    let partners = partners(w);
    for (ai, art) in w.corpus.articles.iter().enumerate() {
        let related = partners.get(&ai).cloned().unwrap_or_default();
        if art.date.is_none() {
            let window = super::window::infer(w, ai, &related);
            let mut d = Draft::new(
                FlagKind::MissingDate,
                Severity::Warning,
                ai,
                format!("no publication date; {}", window.basis),
            );
            d.window = Some(window);
            d.related = related.clone();
            out.push(d);
        }
        if art.source_url.is_none() && art.outlet.is_none() {
            let msg = if related.is_empty() {
                "no source URL or outlet".to_string()
            } else {
                format!(
                    "no source URL or outlet; its claims also appear in {} other article(s)",
                    related.len()
                )
            };
            let mut d = Draft::new(FlagKind::MissingSource, Severity::Info, ai, msg);
            d.related = related;
            out.push(d);
        }
    }
}

/// Articles sharing matched claims, per article.
pub fn partners(w: &Work) -> BTreeMap<usize, BTreeSet<usize>> {
    let mut m: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for p in w.matches() {
        let (a, b) = (w.gid[p.a].0, w.gid[p.b].0);
        if a != b {
            m.entry(a).or_default().insert(b);
            m.entry(b).or_default().insert(a);
        }
    }
    m
}

/// One entity spelled differently: within an article (warning) or against the corpus (info).
pub fn name_variants(w: &Work, out: &mut Vec<Draft>) {
    let index: BTreeMap<&str, usize> = w
        .corpus
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.slug.as_str(), i))
        .collect();
    for (e, per_article) in w.spellings.iter().enumerate() {
        let mut total: BTreeMap<&str, usize> = BTreeMap::new();
        for sp in per_article.values() {
            for (s, n) in sp {
                *total.entry(s.as_str()).or_default() += n;
            }
        }
        if total.len() < 2 {
            continue;
        }
        let ent = &w.entities[e];
        let canonical_last = super::aliases::key(&ent.name)
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .to_string();
        let articles_using = |s: &str| per_article.values().filter(|sp| sp.contains_key(s)).count();
        let Some((&major, _)) = total.iter().max_by_key(|(s, n)| {
            (
                articles_using(s),
                **s == canonical_last,
                **n,
                std::cmp::Reverse(**s),
            )
        }) else {
            continue;
        };
        for (slug, sp) in per_article {
            let Some(&ai) = index.get(slug.as_str()) else {
                continue;
            };
            let names = spelled(ent, slug, sp);
            if sp.len() >= 2 {
                let msg = format!(
                    "{} is spelled {} in this article",
                    ent.name,
                    names.join(" and ")
                );
                // Info, not warning: on the gold set of real news a fifth of these were other
                // names or common words (Forrest/Forest), short of the 90% a warning needs.
                let mut d = Draft::new(FlagKind::NameVariant, Severity::Info, ai, msg);
                cite_spellings(w, ai, ent, sp, &mut d);
                out.push(d);
            } else if !sp.contains_key(major) && !given_name_only(ent) {
                let msg = format!(
                    "{} is spelled {} here but {} in most other articles",
                    ent.name,
                    names.join(", "),
                    variant_name(ent, major)
                );
                let mut d = Draft::new(FlagKind::NameVariant, Severity::Info, ai, msg);
                cite_spellings(w, ai, ent, sp, &mut d);
                out.push(d);
            }
        }
    }
}

/// A person known only by one name ("Mohamed", "Matthew"): across articles it names whoever
/// each article is about (Morocco's king, a Saudi prince, a Somali president), so another
/// article's spelling of it is no variant of one person's name. Within one article it is.
fn given_name_only(ent: &super::model::Entity) -> bool {
    ent.kind == super::model::EntityKind::Person && !ent.name.contains(' ')
}

fn spelled(ent: &super::model::Entity, slug: &str, sp: &BTreeMap<String, usize>) -> Vec<String> {
    sp.keys()
        .map(|k| {
            ent.variants
                .iter()
                .filter(|v| v.articles.iter().any(|a| a == slug))
                .find(|v| super::aliases::key(&v.name).ends_with(k.as_str()))
                .map_or_else(|| format!("“{k}”"), |v| format!("“{}”", v.name))
        })
        .collect()
}

fn variant_name(ent: &super::model::Entity, k: &str) -> String {
    ent.variants
        .iter()
        .find(|v| super::aliases::key(&v.name).ends_with(k))
        .map_or_else(|| format!("“{k}”"), |v| format!("“{}”", v.name))
}

fn cite_spellings(
    w: &Work,
    ai: usize,
    ent: &super::model::Entity,
    sp: &BTreeMap<String, usize>,
    d: &mut Draft,
) {
    for k in sp.keys() {
        let mut claims = w.claims[ai].iter().zip(&w.extracted[ai].extras);
        let hit = claims.find(|(c, e)| {
            c.entities.contains(&ent.id)
                && (e.mentions.iter())
                    .any(|m| super::aliases::key(&m.surface).ends_with(k.as_str()))
        });
        if let Some((c, _)) = hit {
            if !d.claims.contains(&c.id) {
                d.claims.push(c.id.clone());
            }
            d.cite(w, ai, c.line, &c.text);
        }
    }
}

#[cfg(test)]
mod summary_tests {
    use super::{HEADED_BLOCKS, sums_up};
    #[test]
    fn a_heading_sums_up_the_section_under_it() {
        let h = "Erick Erickson: Ryan a 'hard guy to paint as spooky'";
        assert!(sums_up(h, 10, 16));
        // Not a section far below, nor one above.
        assert!(!sums_up(h, 10, 10 + HEADED_BLOCKS + 1));
        assert!(!sums_up(h, 10, 9));
        // A sentence is no heading, nor is a pull-quote.
        assert!(!sums_up("Ryan is a hard guy to paint as spooky.", 10, 12));
        assert!(!sums_up(
            "\u{201c}We will not back down on the budget\u{201d}",
            10,
            12
        ));
        // A dash is no word: Vox's 15-word heading sums up the section under it.
        assert!(sums_up(
            "The problem with immigration reform is pretty simple — House Republicans think it's a bad idea",
            3,
            5
        ));
    }

    #[test]
    fn a_summary_restated_far_down_is_not_a_duplicate() {
        let claim = |block: usize| crate::xref::model::Claim {
            block,
            ..Default::default()
        };
        let claims: Vec<_> = [0, 1, 2, 3, 4, 5, 6, 7].into_iter().map(claim).collect();
        assert!(super::summary_restated(&claims, 1, 6));
        // A caption printed twice at the top, or a pull-quote far down, stays a duplicate.
        assert!(!super::summary_restated(&claims, 1, 2));
        assert!(!super::summary_restated(&claims, 5, 7));
    }

    #[test]
    fn a_question_asked_again_is_reported_not_printed_twice() {
        let claim = |text: &str| crate::xref::model::Claim {
            text: text.to_string(),
            ..Default::default()
        };
        let claims = [
            claim(
                "\"Is grabbing a woman by her genitals without consent sexual assault?\" Leahy asked.",
            ),
            claim(
                "\"Is grabbing a woman by her genitals without consent, is that sexual assault?\" Leahy asked again.",
            ),
            claim(
                "\"Is grabbing a woman by her genitals without consent, is that sexual assault?\" Leahy asked again.",
            ),
        ];
        assert!(super::said_again(&claims, 0, 1));
        // "once again" is the writer's, not a report of words said twice.
        let claims = [
            claim("A stand down order prevented forces from going to Benghazi."),
            claim(
                "A stand down order prevented forces from going to Benghazi -- once again a report contradicts that.",
            ),
        ];
        assert!(!super::said_again(&claims, 0, 1));
        // Both say "again": a paragraph printed twice is still a duplicate.
        assert!(!super::said_again(&claims, 1, 2));
    }

    #[test]
    fn one_caption_over_two_pictures_is_two_posts() {
        let page = crate::content::Block::body_lines(&[
            "Protesters outside the institute @KQEDnews pic.twitter.com/Eh3HO3Uopm — Cesar (@cesar) February 24, 2017",
            "The senator spoke for an hour.",
            "Protesters outside the institute @KQEDnews pic.twitter.com/QxcyTbbIFJ — Cesar (@cesar) February 24, 2017",
            "Protesters outside the institute @KQEDnews pic.twitter.com/QxcyTbbIFJ — Cesar (@cesar) February 24, 2017",
        ]);
        assert!(super::two_posts(&page, 0, 2));
        // The same post embedded twice, or a line with no picture, is still one passage twice.
        assert!(!super::two_posts(&page, 2, 3));
        assert!(!super::two_posts(&page, 0, 1));
    }
}
