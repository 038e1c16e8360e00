//! Test-case generator for the cross-reference pass: turns an article into a republished copy with
//! a later dateline, reworded sentences (a thesaurus of its own, deliberately not the matcher's),
//! reordered clauses, shuffled and doubled paragraphs, inserted link spam, one changed figure and
//! one reworded quotation — with a fixed seed and three strengths — and records the ground truth.
//! Also builds synthetic corpora of unrelated articles for benchmarks.

pub mod eval;

use crate::content::{Article, Block, BlockKind, Field, Format, Provenance};
use crate::xref::{figures, quotes};
use chrono::{Days, NaiveDate};

/// Small deterministic PRNG (SplitMix64): same seed, same output on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// An article reduced to what the generator rewrites.
#[derive(Debug, Clone)]
pub struct Source {
    pub title: String,
    pub date: NaiveDate,
    pub paragraphs: Vec<String>,
}

impl Source {
    /// The title, date and body paragraphs of an ingested article (`None` when undated).
    pub fn from_article(a: &Article) -> Option<Source> {
        Some(Source {
            title: a.title.value.clone(),
            date: a.date.as_ref()?.value,
            paragraphs: a.body().map(|b| b.text.clone()).collect(),
        })
    }

    /// The article as a plain-text file: title, date line, blank-line separated paragraphs.
    pub fn to_text(&self) -> String {
        let mut s = format!("{}\n{}\n\n", self.title, self.date.format("%B %-d, %Y"));
        for p in &self.paragraphs {
            s.push_str(p);
            s.push_str("\n\n");
        }
        s
    }
}

/// What the generator did to one copy: the answers the evaluation expects.
#[derive(Debug, Clone, Default)]
pub struct Truth {
    /// Days between the original's dateline and the copy's.
    pub days_later: u64,
    /// (old, new) text of the changed figure, when one was found.
    pub changed_figure: Option<(String, String)>,
    /// (old, new) text of the reworded quotation, when one was found.
    pub altered_quote: Option<(String, String)>,
    /// Number of sentences reworded.
    pub reworded: usize,
}

/// Generator thesaurus: word → replacement (own list, partly overlapping the matcher's).
const THESAURUS: &[(&str, &str)] = &[
    ("announced", "revealed"),
    ("said", "declared"),
    ("help", "support"),
    ("country", "nation"),
    ("plans", "intends"),
    ("increase", "boost"),
    ("government", "administration"),
    ("officials", "authorities"),
    ("people", "residents"),
    ("new", "fresh"),
    ("important", "crucial"),
    ("quickly", "rapidly"),
    ("began", "commenced"),
    ("after", "following"),
    ("about", "roughly"),
    ("also", "additionally"),
    ("however", "nevertheless"),
    ("asked", "requested"),
    ("weapons", "arms"),
    ("provide", "supply"),
    ("meeting", "session"),
    ("leaders", "heads"),
    ("city", "town"),
    ("show", "reveal"),
    ("more", "further"),
    ("buy", "acquire"),
    ("talks", "negotiations"),
    ("warned", "cautioned"),
    ("major", "key"),
    ("large", "substantial"),
    ("told", "informed"),
    ("start", "launch"),
    ("rise", "climb"),
    ("fell", "declined"),
    ("money", "funds"),
    ("funding", "financing"),
    ("deal", "agreement"),
    ("attack", "assault"),
    ("plan", "proposal"),
    ("law", "legislation"),
    ("decision", "ruling"),
    ("expected", "anticipated"),
    ("big", "huge"),
    ("rejected", "turned down"),
    ("using", "employing"),
    ("support", "backing"),
    ("workers", "employees"),
    ("residents", "locals"),
    ("children", "kids"),
    ("said on", "stated on"),
    ("before", "prior to"),
    ("because", "as"),
    ("many", "numerous"),
    ("several", "a number of"),
    ("receive", "get"),
    ("received", "got"),
    ("damaged", "harmed"),
    ("built", "constructed"),
    ("needed", "required"),
    ("try", "attempt"),
    ("tried", "attempted"),
];

const SPAM: &[&str] = &[
    "See also  Ten celebrity kitchens you have to see to believe",
    "See also  This simple trick cuts your energy bill in half, experts say",
    "Read more: Footballer's wedding photos go viral after surprise guest appears",
    "See also  The best budget smartphones of the year ranked",
    "Related: Royal gardener reveals secret to perfect roses",
];

/// Strength 1 (light) to 3 (heavy): share of sentences reworded and paragraph swaps.
fn reword_share(strength: u8) -> f64 {
    match strength {
        0 | 1 => 0.3,
        2 => 0.6,
        _ => 0.9,
    }
}

/// A republished copy of `src` as a plain-text file, with its ground truth.
pub fn republish(src: &Source, strength: u8, seed: u64) -> (String, Truth) {
    let mut rng = Rng::new(seed);
    let mut truth = Truth {
        days_later: 60 + rng.below(400) as u64,
        ..Default::default()
    };
    let date = src
        .date
        .checked_add_days(Days::new(truth.days_later))
        .unwrap_or(src.date);
    let mut paras: Vec<String> = src.paragraphs.clone();
    truth.changed_figure = change_figure(&mut paras, &mut rng);
    truth.altered_quote = reword_quote(&mut paras, &mut rng);
    for p in paras.iter_mut() {
        let (text, n) = reword_paragraph(p, strength, &mut rng);
        *p = text;
        truth.reworded += n;
    }
    shuffle(&mut paras, strength, &mut rng);
    if !paras.is_empty() {
        let k = rng.below(paras.len());
        let dup = paras[k].clone();
        paras.insert((k + 2).min(paras.len()), dup);
        for _ in 0..strength.max(1) {
            let at = rng.below(paras.len() + 1);
            paras.insert(at, SPAM[rng.below(SPAM.len())].to_string());
        }
    }
    let copy = Source {
        title: src.title.clone(),
        date,
        paragraphs: paras,
    };
    (copy.to_text(), truth)
}

fn shuffle(paras: &mut [String], strength: u8, rng: &mut Rng) {
    if paras.len() < 2 {
        return;
    }
    for _ in 0..(strength as usize * 2) {
        let i = rng.below(paras.len() - 1);
        paras.swap(i, i + 1);
    }
}

/// Rewords a share of the sentences of a paragraph; returns the text and how many changed.
fn reword_paragraph(p: &str, strength: u8, rng: &mut Rng) -> (String, usize) {
    let spans = crate::xref::sentences::split(p);
    let mut out = Vec::new();
    let mut n = 0;
    for r in spans {
        let s = &p[r];
        if !quotes::quote_regions(s).is_empty() || !rng.chance(reword_share(strength)) {
            out.push(s.to_string());
            continue;
        }
        let mut t = synonyms(s, 0.6, rng);
        if strength >= 2 {
            t = reorder_clauses(&t);
        }
        n += usize::from(t != s);
        out.push(t);
    }
    (out.join(" "), n)
}

/// Replaces words found in the thesaurus, each with probability `p`.
fn synonyms(s: &str, p: f64, rng: &mut Rng) -> String {
    let mut out = Vec::new();
    for w in s.split(' ') {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = core.to_lowercase();
        match THESAURUS.iter().find(|(a, _)| *a == lower) {
            Some((_, b)) if !core.is_empty() && rng.chance(p) => out.push(w.replacen(core, b, 1)),
            _ => out.push(w.to_string()),
        }
    }
    out.join(" ")
}

/// "After the vote, the council met." → "The council met after the vote."
fn reorder_clauses(s: &str) -> String {
    let Some((head, tail)) = s.split_once(", ") else {
        return s.to_string();
    };
    let head_words = head.split_whitespace().count();
    if !(2..=8).contains(&head_words) || tail.split_whitespace().count() < 4 {
        return s.to_string();
    }
    let tail = tail.trim_end_matches(['.', '!']);
    let mut t = tail.to_string();
    if let Some(c) = t.get(..1) {
        t = c.to_uppercase() + &t[1..];
    }
    let mut h = head.to_string();
    if let Some(c) = h.get(..1) {
        let keep = head
            .split_whitespace()
            .next()
            .is_some_and(|w| w.chars().skip(1).any(char::is_uppercase) || is_name_like(w));
        if !keep {
            h = c.to_lowercase() + &h[1..];
        }
    }
    format!("{t} {h}.")
}

fn is_name_like(w: &str) -> bool {
    !matches!(
        w,
        "After"
            | "Before"
            | "In"
            | "On"
            | "At"
            | "As"
            | "When"
            | "While"
            | "Despite"
            | "Since"
            | "Following"
            | "During"
            | "With"
            | "For"
            | "By"
            | "Earlier"
            | "Later"
            | "Last"
            | "This"
    )
}

/// Changes the first money or count figure: doubles its number.
fn change_figure(paras: &mut [String], rng: &mut Rng) -> Option<(String, String)> {
    let order: Vec<usize> = rotate(paras.len(), rng);
    for i in order {
        let figs = figures::figures_in(&paras[i], &[]);
        let Some(f) = figs.iter().find(|f| {
            matches!(
                f.kind,
                crate::xref::FigureKind::Money | crate::xref::FigureKind::Count
            ) && f.text.chars().any(|c| c.is_ascii_digit())
        }) else {
            continue;
        };
        let old = f.text.clone();
        let new = bump_number(&old)?;
        let end = (f.span.start + old.len()).min(paras[i].len());
        if !paras[i].is_char_boundary(end) || paras[i].get(f.span.start..end) != Some(old.as_str())
        {
            continue;
        }
        paras[i].replace_range(f.span.start..end, &new);
        return Some((old, new));
    }
    None
}

fn rotate(n: usize, rng: &mut Rng) -> Vec<usize> {
    let k = rng.below(n.max(1));
    (0..n).map(|i| (i + k) % n).collect()
}

/// "$300 million" → "$600 million", "25,000 helmets" → "50,000 helmets".
fn bump_number(t: &str) -> Option<String> {
    let start = t.find(|c: char| c.is_ascii_digit())?;
    let end = t[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map_or(t.len(), |e| start + e);
    let digits = t[start..end].trim_end_matches(['.', ',']);
    let end = start + digits.len();
    let v = figures::parse_number(digits)?;
    let doubled = v * 2.0;
    let new = if digits.contains('.') {
        format!("{doubled:.1}")
    } else if digits.contains(',') {
        group(doubled as u64)
    } else {
        format!("{}", doubled as u64)
    };
    Some(format!("{}{}{}", &t[..start], new, &t[end..]))
}

fn group(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Rewords the first quotation of five or more words: synonyms and one dropped word.
fn reword_quote(paras: &mut [String], rng: &mut Rng) -> Option<(String, String)> {
    for i in rotate(paras.len(), rng) {
        let qs = quotes::quotes_in(&paras[i]);
        let Some(q) = qs.first() else { continue };
        let old = q.text.clone();
        let mut words: Vec<String> = synonyms(&old, 0.9, rng)
            .split(' ')
            .map(str::to_string)
            .collect();
        if words.len() > 6 {
            let k = 1 + rng.below(words.len() - 2);
            words.remove(k);
        }
        let new = words.join(" ");
        if new == old {
            continue;
        }
        paras[i].replace_range(q.span.start..q.span.end, &new);
        return Some((old, new));
    }
    None
}

/// A synthetic corpus of `n` articles for benchmarks: random sentences over a generated
/// vocabulary with names, figures and dates; about one in ten articles is a reworded copy.
pub fn synthetic_corpus(n: usize, seed: u64) -> Vec<Article> {
    let mut rng = Rng::new(seed);
    let vocab: Vec<String> = (0..5000).map(|i| word(i, &mut rng)).collect();
    let names: Vec<String> = (0..800)
        .map(|i| capitalise(&word(i + 9000, &mut rng)))
        .collect();
    let base = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    let mut out: Vec<Article> = Vec::with_capacity(n);
    for i in 0..n {
        let date = base
            .checked_add_days(Days::new(rng.below(1500) as u64))
            .unwrap_or(base);
        let src = if i > 10 && rng.chance(0.1) {
            let orig = &out[rng.below(out.len())];
            let s = Source {
                title: orig.title.value.clone(),
                date,
                paragraphs: orig.body().map(|b| b.text.clone()).collect(),
            };
            let mut paras = s.paragraphs.clone();
            for p in paras.iter_mut() {
                *p = reword_paragraph(p, 2, &mut rng).0;
            }
            Source {
                paragraphs: paras,
                ..s
            }
        } else {
            random_source(&vocab, &names, date, &mut rng)
        };
        out.push(article_from(&format!("gen{i:05}.txt"), &src));
    }
    out
}

fn word(i: usize, rng: &mut Rng) -> String {
    const SYL: &[&str] = &[
        "ka", "lo", "mi", "ren", "tas", "vo", "dri", "pel", "sun", "qua", "bex", "tor", "ni",
        "gal", "fem", "zu",
    ];
    let k = 2 + (i + rng.below(2)) % 3;
    (0..k).map(|_| SYL[rng.below(SYL.len())]).collect()
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn random_source(vocab: &[String], names: &[String], date: NaiveDate, rng: &mut Rng) -> Source {
    let paras = (0..8 + rng.below(10))
        .map(|_| {
            (0..1 + rng.below(3))
                .map(|_| {
                    let mut words: Vec<String> = (0..8 + rng.below(16))
                        .map(|_| vocab[zipf(vocab.len(), rng)].clone())
                        .collect();
                    words[0] = capitalise(&words[0]);
                    let k = 1 + rng.below(words.len() - 1);
                    words.insert(
                        k,
                        format!(
                            "{} {}",
                            names[rng.below(names.len())],
                            names[rng.below(names.len())]
                        ),
                    );
                    if rng.chance(0.3) {
                        words.push(format!("${} million", 1 + rng.below(900)));
                    }
                    if rng.chance(0.2) {
                        words.push("last week".into());
                    }
                    words.join(" ") + "."
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    Source {
        title: format!(
            "{} {}",
            capitalise(&vocab[rng.below(vocab.len())]),
            vocab[rng.below(vocab.len())]
        ),
        date,
        paragraphs: paras,
    }
}

/// Roughly Zipf-distributed index (frequent words early).
fn zipf(n: usize, rng: &mut Rng) -> usize {
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
}

/// An in-memory article from a source (for benchmarks that skip the file system).
pub fn article_from(file: &str, s: &Source) -> Article {
    let field = |v: String| Field {
        value: v.clone(),
        source: Provenance::Derived,
        raw: v,
    };
    let blocks = s
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| Block {
            kind: BlockKind::Body,
            line: i + 3,
            text: p.clone(),
            reason: String::new(),
        })
        .collect();
    Article {
        slug: crate::content::slug_from_path(file),
        file: file.to_string(),
        format: Format::PlainText,
        title: field(s.title.clone()),
        date: Some(Field {
            value: s.date,
            source: Provenance::Line(2),
            raw: s.date.to_string(),
        }),
        source_url: None,
        outlet: None,
        byline: None,
        place: None,
        tags: vec![],
        description: None,
        blocks,
        hash: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src() -> Source {
        Source {
            title: "Council approves budget".into(),
            date: NaiveDate::from_ymd_opt(2021, 3, 4).unwrap_or_default(),
            paragraphs: vec![
                "After a long debate, the city council approved a $12 million budget for new schools.".into(),
                "\"This budget is important for the children of our city and their future,\" Mayor Ana Ruiz said.".into(),
                "Officials said construction will start next year and employ 300 workers.".into(),
            ],
        }
    }

    #[test]
    fn same_seed_same_copy() {
        assert_eq!(republish(&src(), 2, 7).0, republish(&src(), 2, 7).0);
        assert_ne!(republish(&src(), 2, 7).0, republish(&src(), 2, 8).0);
    }

    #[test]
    fn copy_changes_figure_and_quote_and_date() {
        let (text, truth) = republish(&src(), 3, 1);
        let (old, new) = truth.changed_figure.expect("figure changed");
        assert_ne!(old, new);
        let number: String = new
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .collect();
        assert!(
            text.contains(number.trim_matches(['.', ','])),
            "{new} in {text}"
        );
        assert!(truth.altered_quote.is_some());
        assert!(truth.days_later >= 60);
        assert!(
            text.contains("See also") || text.contains("Read more") || text.contains("Related")
        );
    }

    #[test]
    fn numbers_bump() {
        assert_eq!(bump_number("$4.5 billion").as_deref(), Some("$9.0 billion"));
        assert_eq!(
            bump_number("25,000 helmets").as_deref(),
            Some("50,000 helmets")
        );
    }
}
