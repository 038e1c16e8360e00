//! Quotation marks and quotations: finds quoted regions (“…”, "…", ‘…’, '…' with apostrophes told
//! apart from quotation marks), ignores unbalanced marks, and attributes a speaker when the
//! sentence says who spoke ("…," Zelensky said / the official said: "…" / according to X).

use super::model::{Quote, Span};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Longest quotation considered (bytes); longer "quotes" are unbalanced marks.
const MAX_QUOTE: usize = 3000;
/// Fewest words for a quotation to be compared (shorter ones are scare quotes).
pub const MIN_QUOTE_WORDS: usize = 5;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// Byte ranges of balanced quotations in `text`, marks included, left to right.
pub fn quote_regions(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut open: Option<(usize, Family)> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        let opens_here = is_opener(c, prev, next);
        let closes_here = is_closer(c, prev, next);
        match open {
            Some((start, fam)) if closes_here == Some(fam) => {
                let end = i + c.len_utf8();
                if end - start <= MAX_QUOTE {
                    out.push(start..end);
                }
                open = None;
            }
            Some((start, fam)) => {
                if i - start > MAX_QUOTE {
                    open = None;
                }
                if let Some(f) = opens_here
                    && f == fam
                    && matches!(c, '“' | '‘')
                {
                    open = Some((i, f));
                }
            }
            None => {
                if let Some(f) = opens_here {
                    open = Some((i, f));
                }
            }
        }
    }
    out
}

fn boundary(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || "([{—–-:;,".contains(c))
}

fn is_opener(c: char, prev: Option<char>, next: Option<char>) -> Option<Family> {
    let starts_word = next.is_some_and(|n| !n.is_whitespace());
    match c {
        '“' | '„' => Some(Family::Double),
        '"' if boundary(prev) && starts_word => Some(Family::Double),
        '‘' if boundary(prev) && starts_word => Some(Family::Single),
        '\'' | '’' if boundary(prev) && next.is_some_and(|n| n.is_alphabetic()) => {
            Some(Family::Single)
        }
        _ => None,
    }
}

fn is_closer(c: char, prev: Option<char>, next: Option<char>) -> Option<Family> {
    let after_ok = next.is_none_or(|n| !n.is_alphanumeric());
    let before_ok = prev.is_some_and(|p| !p.is_whitespace());
    match c {
        '”' => Some(Family::Double),
        '"' if before_ok && after_ok => Some(Family::Double),
        '’' | '\'' if before_ok && after_ok => Some(Family::Single),
        _ => None,
    }
}

static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s,.…]*(?:(?P<a>(?:the |a |an )?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|(?:the|a|an) [a-z]+(?: [a-z]+){0,2}|he|she|they|it)\s+(?:said|says|added|told|stated|wrote|commented|noted|explained|insisted|warned|tweeted|posted)\b|(?:said|says|added|stated|wrote|commented|noted)\s+(?P<b>(?:the )?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|the [a-z]+(?: [a-z]+)?)|,?\s*according to (?P<c>(?:the )?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|the [a-z]+(?: [a-z]+)?))")
        .expect("after pattern")
});

static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<a>(?:the |The )?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|[Tt]he [a-z]+(?: [a-z]+)?)\s+(?:said|says|added|stated|wrote|told [\w.]+|warned|insisted|tweeted|posted)(?:\s+that)?[\s:,]*$")
        .expect("before pattern")
});

/// Quotations in a sentence with their speakers (entity ids are filled in later).
pub fn quotes_in(sentence: &str) -> Vec<Quote> {
    let regions = quote_regions(sentence);
    let mut out = Vec::new();
    for r in &regions {
        let inner = inner_span(sentence, r.clone());
        let text = sentence[inner.clone()].trim().to_string();
        if text.split_whitespace().count() < MIN_QUOTE_WORDS {
            continue;
        }
        out.push(Quote {
            text,
            span: Span {
                start: inner.start,
                end: inner.end,
            },
            speaker: speaker(sentence, r.clone()),
            speaker_entity: None,
        });
    }
    out
}

fn inner_span(text: &str, r: Range<usize>) -> Range<usize> {
    let first = text[r.clone()].chars().next().map_or(0, char::len_utf8);
    let last = text[r.clone()].chars().last().map_or(0, char::len_utf8);
    (r.start + first)..(r.end - last).max(r.start + first)
}

fn speaker(sentence: &str, r: Range<usize>) -> Option<String> {
    let after = &sentence[r.end..];
    if let Some(c) = AFTER.captures(after) {
        let m = c.name("a").or(c.name("b")).or(c.name("c"))?;
        return clean_speaker(m.as_str());
    }
    let before = &sentence[..r.start];
    let c = BEFORE.captures(before)?;
    clean_speaker(c.name("a")?.as_str())
}

fn clean_speaker(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches([',', '.']);
    let lower = s.to_lowercase();
    if matches!(lower.as_str(), "he" | "she" | "they" | "it" | "i" | "we") {
        return None;
    }
    Some(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_are_not_quotes() {
        let s =
            "'I think you could expect that at each stop,' a senior official told Biden's team.";
        let q = quotes_in(s);
        assert_eq!(q.len(), 1);
        assert!(q[0].text.starts_with("I think"));
        assert_eq!(q[0].speaker.as_deref(), Some("a senior official"));
    }

    #[test]
    fn curly_quotes_and_speaker_after() {
        let s = "“You have something that may be indispensable to us… armored vehicles,” Zelensky said.";
        let q = quotes_in(s);
        assert_eq!(q[0].speaker.as_deref(), Some("Zelensky"));
    }

    #[test]
    fn speaker_before_and_unbalanced() {
        let q = quotes_in("Psaki said: \"No, we are not sending the President to Ukraine.\"");
        assert_eq!(q[0].speaker.as_deref(), Some("Psaki"));
        assert!(quotes_in("He said “this never closes and goes on and on").is_empty());
    }
}
