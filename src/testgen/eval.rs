//! Precision and recall of the flags on generated copies: originals plus one copy each are
//! written to a temporary `content/` folder, loaded and cross-referenced like a real site; the
//! flags are compared with the generator's ground truth, per (article, related article) pair.

use super::{Source, Truth, republish};
use crate::xref::{FlagKind, cross_reference};
use std::collections::BTreeSet;

/// True and false positives and misses of one flag kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }

    fn add(&mut self, expected: &BTreeSet<(String, String)>, found: &BTreeSet<(String, String)>) {
        self.tp += expected.intersection(found).count();
        self.fp += found.difference(expected).count();
        self.fn_ += expected.difference(found).count();
    }
}

/// Scores of the four kinds the generator plants.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub articles: usize,
    pub republished: Score,
    pub anachronism: Score,
    pub altered_quote: Score,
    pub figure_mismatch: Score,
}

/// Generates a copy of every source at `strength` and scores the flags.
pub fn evaluate(
    sources: &[(String, Source)],
    strength: u8,
    seed: u64,
) -> std::io::Result<Evaluation> {
    let dir = tempfile::tempdir()?;
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content)?;
    let mut truths: Vec<(String, String, Truth)> = Vec::new();
    for (i, (name, src)) in sources.iter().enumerate() {
        let orig = format!("{name}.txt");
        std::fs::write(content.join(&orig), src.to_text())?;
        let (text, truth) = republish(src, strength, seed.wrapping_add(i as u64));
        let copy = format!("{name}-copy.txt");
        std::fs::write(content.join(&copy), text)?;
        truths.push((slug(&orig), slug(&copy), truth));
    }
    let corpus =
        crate::content::load(&content).map_err(|e| std::io::Error::other(e.to_string()))?;
    let x = cross_reference(&corpus);
    let found = |kind: FlagKind| -> BTreeSet<(String, String)> {
        x.flags
            .iter()
            .filter(|f| f.kind == kind)
            .flat_map(|f| {
                let rel = if f.related.is_empty() {
                    vec![String::new()]
                } else {
                    f.related.clone()
                };
                rel.into_iter().map(move |r| (f.article.clone(), r))
            })
            .collect()
    };
    let expect = |pick: &dyn Fn(&Truth) -> bool| -> BTreeSet<(String, String)> {
        truths
            .iter()
            .filter(|t| pick(&t.2))
            .map(|(o, c, _)| (c.clone(), o.clone()))
            .collect()
    };
    let mut e = Evaluation {
        articles: corpus.articles.len(),
        ..Default::default()
    };
    e.republished
        .add(&expect(&|_| true), &found(FlagKind::Republished));
    e.anachronism
        .add(&expect(&|_| true), &found(FlagKind::DatelineAnachronism));
    e.altered_quote.add(
        &expect(&|t| t.altered_quote.is_some()),
        &found(FlagKind::AlteredQuote),
    );
    e.figure_mismatch.add(
        &expect(&|t| t.changed_figure.is_some()),
        &found(FlagKind::FigureMismatch),
    );
    Ok(e)
}

fn slug(file: &str) -> String {
    crate::content::slug_from_path(file)
}

/// Loads every dated article of a folder as generator sources, named by file stem.
pub fn sources_from_dir(dir: &std::path::Path) -> crate::Result<Vec<(String, Source)>> {
    let corpus = crate::content::load(dir)?;
    Ok(corpus
        .articles
        .iter()
        .filter_map(|a| Source::from_article(a).map(|s| (a.slug.clone(), s)))
        .collect())
}
