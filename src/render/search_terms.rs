//! The full-text part of the search index: every word of every document (articles whole, claims
//! with every wording, entities with their spellings) as an inverted index, split into small files
//! by the word's first two letters: `search/terms/<xx>.json` holds `{ "word": [doc, weight, doc,
//! weight, …] }` with `doc` an index into `search-index.json`'s `docs`. A query fetches only the
//! files of its words (a few kilobytes each) however large the archive, where one index of all
//! text (elasticlunr's, as mdBook and Zola ship it) is downloaded whole before the first result.
//!
//! Words are lower-cased, with Latin accents folded (`é` → `e`, `ø` → `o`); `static/search.js`
//! folds a query the same way. Very common English words are not indexed.

use super::OutFile;
use super::search::SearchDoc;
use std::collections::BTreeMap;

/// Where the term files live, relative to the site root.
pub const TERMS_PATH: &str = "search/terms/";
/// Where the browser's chunks of the document list live: `search/docs/<k>.json` holds documents
/// `k * DOCS_PER_CHUNK ..` as `[[kind, title, url, meta], …]`, so a result list loads only the
/// chunks of the documents it shows, not the whole list (`search-index.json`, kept for tools).
pub const DOCS_PATH: &str = "search/docs/";
pub const DOCS_PER_CHUNK: usize = 500;

/// A title word counts this much more than one in the text.
const TITLE_WEIGHT: u32 = 10;

/// Not indexed: they are in nearly every document and find nothing.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their",
    "they", "this", "to", "was", "were", "which", "who", "will", "with",
];

/// The indexed words of `text`, in order (repeats kept).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let folded = if text.is_ascii() {
        // Nothing to fold: the same as below, without a push per character.
        text.to_ascii_lowercase()
    } else {
        let mut folded = String::with_capacity(text.len());
        for c in text.chars().flat_map(char::to_lowercase) {
            fold(c, &mut folded);
        }
        folded
    };
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some() && !STOP_WORDS.contains(w))
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// Latin letters with accents or strokes (U+00C0–U+024F) as plain letters; others unchanged.
fn fold(c: char, out: &mut String) {
    if ('\u{c0}'..='\u{24f}').contains(&c) && c != '\u{d7}' && c != '\u{f7}' {
        out.push_str(&deunicode::deunicode_char(c).unwrap_or("").to_lowercase());
    } else {
        out.push(c);
    }
}

/// The term file a word is in: its first two characters when both are ASCII letters or digits,
/// else `_` and the first character's code point in hex.
pub fn shard(word: &str) -> String {
    let mut it = word.chars();
    match (it.next(), it.next()) {
        (Some(a), Some(b)) if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() => {
            format!("{a}{b}")
        }
        (Some(a), _) => format!("_{:x}", a as u32),
        _ => "_".into(),
    }
}

/// The document chunks for the browser (see [`DOCS_PATH`]).
pub fn doc_chunks(docs: &[SearchDoc]) -> Vec<OutFile> {
    docs.chunks(DOCS_PER_CHUNK)
        .enumerate()
        .map(|(k, chunk)| {
            let rows: Vec<[&str; 4]> = chunk
                .iter()
                .map(|d| [d.kind, d.title.as_str(), d.url.as_str(), d.meta.as_str()])
                .collect();
            let json = serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into()) + "\n";
            let json = super::jsonld::markup_safe_json(&json);
            OutFile::new(format!("{DOCS_PATH}{k}.json"), json)
        })
        .collect()
}

/// A word's documents, ascending, each with the word's weight in it.
type Postings = Vec<(usize, u32)>;

/// The term files for `docs` (in index order), sorted by path. Documents are read, and shards
/// written, in parallel.
pub fn term_files(docs: &[SearchDoc]) -> Vec<OutFile> {
    use rayon::prelude::*;
    let per_doc: Vec<ahash::HashMap<String, u32>> = docs
        .par_iter()
        .map(|d| {
            let mut weights: ahash::HashMap<String, u32> = ahash::HashMap::default();
            for w in words(&d.title) {
                *weights.entry(w).or_default() += TITLE_WEIGHT;
            }
            for w in words(&d.text).chain(words(&d.meta)) {
                *weights.entry(w).or_default() += 1;
            }
            weights
        })
        .collect();
    // word → [(doc, weight)], docs ascending; then shard → words in order.
    let mut postings: ahash::HashMap<String, Postings> = ahash::HashMap::default();
    for (i, weights) in per_doc.into_iter().enumerate() {
        for (w, n) in weights {
            postings.entry(w).or_default().push((i, n.min(255)));
        }
    }
    let mut words: Vec<(String, Postings)> = postings.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut shards: BTreeMap<String, Vec<(String, Postings)>> = BTreeMap::new();
    for (w, p) in words {
        shards.entry(shard(&w)).or_default().push((w, p));
    }
    let shards: Vec<_> = shards.into_iter().collect();
    shards
        .into_par_iter()
        .map(|(name, terms)| {
            use std::fmt::Write;
            let mut json = String::from("{");
            for (k, (w, postings)) in terms.iter().enumerate() {
                if k > 0 {
                    json.push(',');
                }
                json.push_str(&serde_json::Value::from(w.as_str()).to_string());
                json.push_str(":[");
                for (j, (doc, weight)) in postings.iter().enumerate() {
                    if j > 0 {
                        json.push(',');
                    }
                    // Writing into a string cannot fail.
                    let _ = write!(json, "{doc},{weight}");
                }
                json.push(']');
            }
            json.push_str("}\n");
            let json = super::jsonld::markup_safe_json(&json);
            OutFile::new(format!("{TERMS_PATH}{name}.json"), json)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_common_ones_dropped() {
        let w: Vec<String> =
            words("The Zelenskyy-Kiev talks: Café, Łódź and Ørsted; 600 dollars").collect();
        assert_eq!(
            w,
            [
                "zelenskyy",
                "kiev",
                "talks",
                "cafe",
                "lodz",
                "orsted",
                "600",
                "dollars"
            ]
        );
        assert_eq!(shard("zelenskyy"), "ze");
        assert_eq!(shard("600"), "60");
        assert_eq!(shard("київ"), "_43a");
    }

    #[test]
    fn every_word_of_a_long_text_is_indexed() {
        let text = format!("{} Zelenskyy spoke", "filler words here ".repeat(500));
        let docs = [SearchDoc::claim(
            "A title",
            text,
            "claims/c/".into(),
            String::new(),
        )];
        let files = term_files(&docs);
        let ze = files
            .iter()
            .find(|f| f.path == "search/terms/ze.json")
            .expect("ze shard");
        let v: serde_json::Value = serde_json::from_str(&ze.text()).unwrap();
        assert_eq!(v["zelenskyy"], serde_json::json!([0, 1]));
        let ti = files
            .iter()
            .find(|f| f.path == "search/terms/ti.json")
            .unwrap();
        assert!(ti.text().contains("\"title\":[0,10]"));
    }
}
