//! The gold set: real articles nobody here wrote, the pass's output on them turned into judgeable
//! items (flags, claim links, entity merges, claims), and precision/recall against the items
//! people judged by reading (`tests/gold/*.jsonl`).
//!
//! Items are keyed by their texts (normalised), not by internal ids, so a judgement outlives
//! changes to the pass: an item the pass raises again is scored, one it no longer raises counts
//! as a miss when it was judged right.

use factsite::xref::CrossRef;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where the corpora live (see scripts/gold_corpora.sh).
pub fn gold_dir() -> PathBuf {
    std::env::var_os("FACTSITE_GOLD_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/gold"))
}

/// How many NewsArticles rows the gold set reads (the first N, as sampled in issue 18).
const NEWS_ROWS: usize = 1000;

type R<T> = Result<T, Box<dyn std::error::Error>>;

/// Writes the gold corpora as plain-text articles under `dir`: `na/<article_id>.txt` (title,
/// date, URL, the subtitle as a standfirst, then the body on one line as scraped) and
/// `abc/<n>.txt` (title, then one sentence per line, undated, as NLTK ships them).
pub fn write_content(dir: &Path) -> R<()> {
    let src = gold_dir();
    let news = src.join("NewsArticles.csv");
    let rural = src.join("abc/rural.txt");
    if !news.exists() || !rural.exists() {
        return Err(format!(
            "the gold corpora are not in {}: run scripts/gold_corpora.sh",
            src.display()
        )
        .into());
    }
    std::fs::create_dir_all(dir.join("abc"))?;
    write_news(&news, 0..NEWS_ROWS, &dir.join("na"))?;
    let text = std::fs::read_to_string(&rural)?;
    for (n, a) in abc_articles(&text).iter().enumerate() {
        std::fs::write(dir.join(format!("abc/{n:04}.txt")), a)?;
    }
    Ok(())
}

/// Writes the NewsArticles rows NEWS_ROWS and after, the validation corpus, as
/// `nv/<article_id>.txt` under `dir` (as [`write_content`] writes the gold rows).
pub fn write_validation(dir: &Path) -> R<()> {
    let news = gold_dir().join("NewsArticles.csv");
    if !news.exists() {
        return Err("NewsArticles.csv is missing: run scripts/gold_corpora.sh".into());
    }
    write_news(&news, NEWS_ROWS..usize::MAX, &dir.join("nv"))
}

/// NewsArticles rows `rows` as articles in `dir`: title, date, URL, the subtitle as a
/// standfirst, then the body on one line as scraped.
fn write_news(csv_path: &Path, rows: std::ops::Range<usize>, dir: &Path) -> R<()> {
    std::fs::create_dir_all(dir)?;
    let mut reader = csv::Reader::from_path(csv_path)?;
    let records = reader
        .records()
        .skip(rows.start)
        .take(rows.end - rows.start);
    for r in records {
        let r = r?;
        let date = chrono::NaiveDate::parse_from_str(&r[1].replace('/', "-"), "%Y-%m-%d")
            .map(|d| d.to_string())
            .unwrap_or_else(|_| r[1].to_string());
        let mut s = format!("{}\n{}\n{}\n\n", r[3].trim(), date, r[2].trim());
        if !r[4].trim().is_empty() {
            s.push_str(&format!("{}\n\n", r[4].trim()));
        }
        s.push_str(r[5].trim());
        s.push('\n');
        std::fs::write(dir.join(format!("{:04}.txt", r[0].parse::<u32>()?)), s)?;
    }
    Ok(())
}

/// NLTK's ABC rural news: blocks separated by blank lines, a title line first; a block whose
/// title has at most three words ("Grain prices") is a section of the article before it.
fn abc_articles(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        let first = block.lines().next().unwrap_or("");
        match out.last_mut() {
            Some(last) if first.split_whitespace().count() <= 3 => {
                last.push_str("\n\n");
                last.push_str(block);
            }
            _ => {
                let (title, body) = block.split_once('\n').unwrap_or((block, ""));
                out.push(format!("{title}\n\n{body}"));
            }
        }
    }
    out.iter().map(|a| format!("{a}\n")).collect()
}

/// One judgeable thing the pass says.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    /// Made from the other fields (see [`Item::fill_key`]); may be left empty in hand-written
    /// items.
    #[serde(default)]
    pub key: String,
    /// "flag", "link", "merge" or "claim".
    #[serde(rename = "type")]
    pub type_: String,
    /// Flag kind; "same" for links; entity kind for merges; "claim" for claims.
    pub kind: String,
    #[serde(default)]
    pub severity: String,
    pub file: String,
    #[serde(default)]
    pub related: Vec<String>,
    /// This article's sentence (flag, link, claim) or one spelling (merge).
    pub text: String,
    /// The other side: the other article's sentence, or the other spelling.
    #[serde(default)]
    pub other: String,
    /// What the pass says, for readers (flag message).
    #[serde(default)]
    pub message: String,
    /// For a raised merge: the articles using `text`, then those using `other` (a judged merge
    /// is of the spellings as used in its two articles, `file` and `related`).
    #[serde(skip)]
    pub sides: Vec<Vec<String>>,
}

impl Item {
    /// The key of an item from its type, kind, files and texts, as [`items`] makes it.
    pub fn fill_key(&mut self) {
        let related = self.related.join(",");
        self.key = match (self.type_.as_str(), self.kind.as_str()) {
            // Which of two copies is the copy is judged apart (direction): the pair is the item.
            ("flag", "republished") => {
                let mut pair: Vec<&str> = self.related.iter().map(String::as_str).collect();
                pair.push(&self.file);
                pair.sort_unstable();
                key(&["flag", &self.kind, &pair.join(",")])
            }
            ("flag", _) => key(&[
                "flag",
                &self.kind,
                &self.file,
                &related,
                &norm(&self.text),
                &norm(&self.other),
            ]),
            ("link", _) => {
                let other = self.related.first().map_or("", String::as_str);
                let mut sides = [
                    (self.file.as_str(), norm(&self.text)),
                    (other, norm(&self.other)),
                ];
                sides.sort();
                key(&["link", sides[0].0, &sides[0].1, sides[1].0, &sides[1].1])
            }
            ("merge", _) => {
                let mut pair = [norm(&self.text), norm(&self.other)];
                pair.sort();
                key(&["merge", &pair[0], &pair[1]])
            }
            _ => key(&["claim", &self.file, &norm(&self.text)]),
        };
    }
}

/// A judged item as kept in `tests/gold/*.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Judged {
    #[serde(flatten)]
    pub item: Item,
    /// "right" (the pass should say this) or "wrong" (it should not).
    pub label: String,
    pub reason: String,
    #[serde(default)]
    pub reader: String,
}

fn norm(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn key(parts: &[&str]) -> String {
    let h = blake3::hash(parts.join("\u{1f}").as_bytes());
    // (The same texts always give the same key: `Item::fill_key` relies on it.)
    h.to_hex()[..16].to_string()
}

/// Every item the pass raises (claims: all of them).
pub fn items(x: &CrossRef) -> Vec<Item> {
    let claim_text: BTreeMap<&str, (&str, &str)> = x
        .articles
        .iter()
        .flat_map(|a| {
            a.claims
                .iter()
                .map(move |c| (c.id.as_str(), (a.file.as_str(), c.text.as_str())))
        })
        .collect();
    let file_of: BTreeMap<&str, &str> = x
        .articles
        .iter()
        .map(|a| (a.slug.as_str(), a.file.as_str()))
        .collect();
    let mut out = Vec::new();
    for f in &x.flags {
        if matches!(f.kind.as_str(), "missing_date" | "missing_source") {
            continue;
        }
        let related: Vec<String> = f
            .related
            .iter()
            .map(|s| file_of.get(s.as_str()).unwrap_or(&s.as_str()).to_string())
            .collect();
        let texts: Vec<(&str, &str)> = f
            .claims
            .iter()
            .filter_map(|c| claim_text.get(c.as_str()).copied())
            .collect();
        let mine = texts.iter().find(|(file, _)| *file == f.file).map(|t| t.1);
        // Within one article (a duplicated passage) `text` is the later sentence and `other`
        // stays empty.
        let theirs = texts.iter().find(|(file, _)| *file != f.file).map(|t| t.1);
        let evidence = |own: bool| {
            f.evidence
                .iter()
                .find(|e| (e.file == f.file) == own)
                .map(|e| e.text.as_str())
        };
        let text = mine.or_else(|| evidence(true)).unwrap_or("").to_string();
        let other = theirs.or_else(|| evidence(false)).unwrap_or("").to_string();
        out.push(Item {
            key: String::new(),
            type_: "flag".into(),
            kind: f.kind.as_str().into(),
            severity: f.severity.as_str().into(),
            file: f.file.clone(),
            related,
            text,
            other,
            message: f.message.clone(),
            sides: vec![f.evidence.iter().map(|e| e.text.clone()).collect()],
        });
    }
    for c in &x.clusters {
        let Some(first) = c.appearances.first() else {
            continue;
        };
        for a in c
            .appearances
            .iter()
            .skip(1)
            .filter(|a| a.file != first.file)
        {
            out.push(link_item(first, a));
        }
    }
    for e in &x.entities {
        let Some(top) = e.variants.first() else {
            continue;
        };
        for v in e.variants.iter().skip(1) {
            if norm(&top.name) == norm(&v.name) {
                continue;
            }
            out.push(Item {
                key: String::new(),
                type_: "merge".into(),
                kind: format!("{:?}", e.kind).to_lowercase(),
                severity: String::new(),
                file: top.articles.first().cloned().unwrap_or_default(),
                related: v.articles.first().cloned().into_iter().collect(),
                text: top.name.clone(),
                other: v.name.clone(),
                message: format!("entity {} ({} spellings)", e.name, e.variants.len()),
                sides: vec![top.articles.clone(), v.articles.clone()],
            });
        }
    }
    for a in &x.articles {
        for c in &a.claims {
            out.push(Item {
                key: String::new(),
                type_: "claim".into(),
                kind: "claim".into(),
                severity: String::new(),
                file: a.file.clone(),
                related: vec![],
                text: c.text.clone(),
                other: String::new(),
                message: String::new(),
                sides: vec![],
            });
        }
    }
    // Every key is made one way, from the item's fields (as for the judged items).
    for i in &mut out {
        i.fill_key();
    }
    out
}

fn link_item(a: &factsite::xref::Appearance, b: &factsite::xref::Appearance) -> Item {
    Item {
        key: String::new(),
        type_: "link".into(),
        kind: "same".into(),
        severity: String::new(),
        file: a.file.clone(),
        related: vec![b.file.clone()],
        text: a.text.clone(),
        other: b.text.clone(),
        message: String::new(),
        sides: vec![],
    }
}

/// Reads every `*.jsonl` under `dir`; later files win on a repeated key.
pub fn read_gold(dir: &Path) -> R<BTreeMap<String, Judged>> {
    let mut out = BTreeMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    for f in files {
        for (n, line) in std::fs::read_to_string(&f)?.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let mut j: Judged = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", f.display(), n + 1))?;
            // Keys are always made afresh from the fields, so a change of key scheme keeps every
            // judgement.
            j.item.fill_key();
            out.insert(j.item.key.clone(), j);
        }
    }
    Ok(out)
}

/// A duplicated passage judged with both sentences written out (`text` the earlier, `other`
/// the later, as a reader quoted them) is the raised flag on the same file whose cited later
/// sentence holds the judged one or is held by it: readers quote sentences, the pass cites
/// whole claims. One judged as the pass raised it (`other` empty) is the raised flag on the
/// same file that cites its sentence among the passage's (a passage found one sentence longer
/// cites another first). A flag judged under its own key is not judged again this way, but for
/// one standing for a run of paragraphs each printed twice (`flags/doubled.rs`): it cites every
/// pair of the run, each judged on its own.
fn same_passage<'a>(
    raised: &'a [Item],
    gold: &BTreeMap<String, Judged>,
    j: &Item,
) -> Option<&'a Item> {
    if j.type_ == "link" || (j.type_ == "flag" && j.kind != "duplicate_passage") {
        return resplit(raised, gold, j);
    }
    if j.type_ != "flag" {
        return None;
    }
    let candidates = || {
        (raised.iter()).filter(|i| {
            let run = i.message.contains("printed twice in a row");
            i.type_ == "flag"
                && i.kind == j.kind
                && i.file == j.file
                && (run || !gold.contains_key(&i.key))
        })
    };
    if j.other.is_empty() {
        let judged = norm(&j.text);
        return candidates().find(|i| {
            (i.sides.first()).is_some_and(|cited| cited.iter().any(|t| within(&norm(t), &judged)))
        });
    }
    let later = norm(&j.other);
    candidates().find(|i| {
        let t = norm(&i.text);
        !t.is_empty() && (t.contains(&later) || later.contains(&t))
    })
}

/// Whether two normalised passages are one, the one a run of the other: a sentence split at
/// "Gov. J.B." when judged is cited whole once the splitter reads the initials.
fn within(raised: &str, judged: &str) -> bool {
    !raised.is_empty() && (raised == judged || raised.contains(judged) || judged.contains(raised))
}

/// A raised flag or link (unjudged) between the judged articles whose sentences hold the
/// judged ones or are held by them: the same item, its sentences split otherwise since.
fn resplit<'a>(raised: &'a [Item], gold: &BTreeMap<String, Judged>, j: &Item) -> Option<&'a Item> {
    let (text, other) = (norm(&j.text), norm(&j.other));
    (raised.iter()).find(|i| {
        i.type_ == j.type_
            && i.kind == j.kind
            && i.file == j.file
            && i.related == j.related
            && !gold.contains_key(&i.key)
            && within(&norm(&i.text), &text)
            && (other.is_empty() || within(&norm(&i.other), &other))
    })
}

/// Whether a raised merge joins the judged spellings in the judged articles, where that can
/// differ: a bare last word ("Galloway") joins a full name ("Judy Galloway") only in the
/// articles that name the person in full, so the judged spelling `text` must be used in `file`
/// and `other` in `related` (either way round; a side judged without its article matches any).
/// Other items always match.
fn same_articles(raised: &Item, j: &Item) -> bool {
    let (a, b) = (norm(&raised.text), norm(&raised.other));
    let surname =
        |short: &str, long: &str| !short.contains(' ') && long.ends_with(&format!(" {short}"));
    if raised.type_ != "merge" || raised.sides.len() != 2 || !(surname(&a, &b) || surname(&b, &a)) {
        return true;
    }
    let used = |side: usize, name: &str, file: Option<&String>| {
        norm(if side == 0 {
            &raised.text
        } else {
            &raised.other
        }) == norm(name)
            && file.is_none_or(|f| f.is_empty() || raised.sides[side].contains(f))
    };
    let (a, b) = (Some(&j.file), j.related.first());
    (used(0, &j.text, a) && used(1, &j.other, b)) || (used(1, &j.text, a) && used(0, &j.other, b))
}

/// Wilson score interval (95%) for `k` successes of `n`.
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (z, n, p) = (1.96f64, n as f64, k as f64 / n as f64);
    let centre = p + z * z / (2.0 * n);
    let half = z * ((p * (1.0 - p) + z * z / (4.0 * n)) / n).sqrt();
    let d = 1.0 + z * z / n;
    ((centre - half) / d, (centre + half) / d)
}

/// Precision per item kind and severity, recall per kind, on the judged items.
pub fn evaluate(raised: &[Item], gold: &BTreeMap<String, Judged>) {
    // (One key may stand for several raised items: two variants spelt alike but for case,
    // "LoBiondo" and "Lobiondo", make one merge item each.)
    let mut now: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
    for i in raised {
        now.entry(i.key.as_str()).or_default().push(i);
    }
    let kind = |i: &Item| format!("{} {}", i.type_, i.kind);
    // (right, wrong) among judged items raised now, per kind and severity.
    let mut prec: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    // (right and raised, right and not raised) per kind.
    let mut rec: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut count: BTreeMap<(String, String), usize> = BTreeMap::new();
    for i in raised
        .iter()
        .filter(|i| i.type_ != "claim" || gold.contains_key(&i.key))
    {
        *count.entry((kind(i), i.severity.clone())).or_default() += 1;
    }
    let show = std::env::var("FACTSITE_GOLD_SHOW").ok();
    for (k, j) in gold {
        let right = j.label == "right";
        let raised_now = (now.get(k.as_str()))
            .and_then(|is| is.iter().copied().find(|i| same_articles(i, &j.item)))
            .or_else(|| same_passage(raised, gold, &j.item));
        if let Some(t) = &show
            && kind(&j.item).contains(t.as_str())
            && raised_now.is_some() != right
        {
            let what = if right { "MISSED" } else { "WRONG" };
            println!(
                "{what} {} {:?}\n   {}\n   {}\n   ({})",
                j.item.file, j.item.related, j.item.text, j.item.other, j.reason
            );
        }
        match raised_now {
            Some(i) => {
                let e = prec.entry((kind(i), i.severity.clone())).or_default();
                if right {
                    e.0 += 1
                } else {
                    e.1 += 1
                }
                if right {
                    rec.entry(kind(i)).or_default().0 += 1
                }
            }
            None if right => rec.entry(kind(&j.item)).or_default().1 += 1,
            None => {}
        }
    }
    println!("| item | severity | raised | judged | right | wrong | precision (95% CI) |");
    println!("|---|---|---|---|---|---|---|");
    for ((k, sev), n) in &count {
        let (r, w) = prec
            .get(&(k.clone(), sev.clone()))
            .copied()
            .unwrap_or((0, 0));
        let p = if r + w == 0 {
            "–".to_string()
        } else {
            let (lo, hi) = wilson(r, r + w);
            format!("{:.2} ({lo:.2}–{hi:.2})", r as f64 / (r + w) as f64)
        };
        println!("| {k} | {sev} | {n} | {} | {r} | {w} | {p} |", r + w);
    }
    println!("\n| item | judged right | found | missed | recall (95% CI) |\n|---|---|---|---|---|");
    for (k, (found, missed)) in &rec {
        let (lo, hi) = wilson(*found, found + missed);
        let r = *found as f64 / (found + missed).max(1) as f64;
        println!(
            "| {k} | {} | {found} | {missed} | {r:.2} ({lo:.2}–{hi:.2}) |",
            found + missed
        );
    }
    let unjudged = raised
        .iter()
        .filter(|i| i.type_ != "claim" && !gold.contains_key(&i.key))
        .count();
    let types: BTreeSet<&str> = gold.values().map(|j| j.item.type_.as_str()).collect();
    println!(
        "\n{} judged items ({types:?}); {unjudged} raised items not yet judged (see `candidates`)",
        gold.len()
    );
}
