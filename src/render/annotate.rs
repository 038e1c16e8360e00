//! Inline annotation of an article's text: claim sentences become links to their cluster page,
//! flags become notes beside the line they point at, and diffs become `<del>`/`<ins>` markup.
//! All article text is HTML-escaped here; templates receive ready, safe HTML.

use super::text::escape;
use crate::xref::{ArticleXref, Claim, DiffOp, Flag};
use std::collections::HashMap;

/// An article's claims grouped by block, each block's in text order: made once per page, so a
/// page costs time linear in its claims, however many blocks the article has.
pub fn claims_by_block(axref: Option<&ArticleXref>) -> HashMap<usize, Vec<&Claim>> {
    let mut by: HashMap<usize, Vec<&Claim>> = HashMap::new();
    for c in axref.into_iter().flat_map(|x| &x.claims) {
        by.entry(c.block).or_default().push(c);
    }
    for claims in by.values_mut() {
        claims.sort_by_key(|c| c.span.start);
    }
    by
}

/// The block's text as HTML, with its `claims` (in text order) marked. `root` is the page's
/// prefix to the site root.
pub fn block_html(text: &str, claims: &[&Claim], root: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for c in claims.iter().copied() {
        let (start, end) = (c.span.start, c.span.end);
        if start < pos
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&escape(&text[pos..start]));
        let inner = escape(&text[start..end]);
        match &c.cluster {
            Some(cl) => out.push_str(&format!(
                "<a class=\"claim\" id=\"{id}\" href=\"{root}claims/{cl}/\" title=\"This claim appears elsewhere too\">{inner}</a>",
                id = anchor(&c.id)
            )),
            None => out.push_str(&format!("<span class=\"claim-single\" id=\"{}\">{inner}</span>", anchor(&c.id))),
        }
        pos = end;
    }
    out.push_str(&escape(&text[pos.min(text.len())..]));
    out
}

/// An HTML id for a claim id (`slug:12:0` → `claim-12-0`).
pub fn anchor(claim_id: &str) -> String {
    let mut parts = claim_id.rsplitn(3, ':');
    let idx = parts.next().unwrap_or("0");
    let line = parts.next().unwrap_or("0");
    format!("claim-{line}-{idx}")
}

/// Of an article's flags, those anchored at `line` (each flag is shown once, at its first line).
/// Flags grouped by the line they point at (made once per page, like [`claims_by_block`]).
pub fn flags_by_line<'a>(
    flags: impl IntoIterator<Item = &'a Flag>,
) -> HashMap<usize, Vec<&'a Flag>> {
    let mut by: HashMap<usize, Vec<&Flag>> = HashMap::new();
    for f in flags {
        by.entry(f.line).or_default().push(f);
    }
    by
}

/// Word-level diff as HTML.
pub fn diff_html(ops: &[DiffOp]) -> String {
    let mut out = String::new();
    for (i, op) in ops.iter().enumerate() {
        // The words of neighbouring operations are separate words: keep the space between them.
        if i > 0 {
            out.push(' ');
        }
        let t = escape(&op.text);
        match op.op.as_str() {
            "insert" => out.push_str(&format!("<ins>{t}</ins>")),
            "delete" => out.push_str(&format!("<del>{t}</del>")),
            _ => out.push_str(&t),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_keep_the_spaces_between_words() {
        let ops = crate::xref::clusters::word_diff("places in providing", "places on providing");
        assert_eq!(
            diff_html(&ops),
            "places <del>in</del> <ins>on</ins> providing"
        );
    }
    use crate::xref::Span;

    fn claim(span: (usize, usize), cluster: Option<&str>) -> Claim {
        Claim {
            id: "a:3:0".into(),
            article: "a".into(),
            line: 3,
            block: 0,
            span: Span {
                start: span.0,
                end: span.1,
            },
            text: String::new(),
            figures: vec![],
            dates: vec![],
            quotes: vec![],
            entities: vec![],
            event: None,
            cluster: cluster.map(String::from),
        }
    }

    #[test]
    fn claims_are_linked_and_text_escaped() {
        let x = ArticleXref {
            slug: "a".into(),
            claims: vec![claim((0, 10), Some("c-1"))],
            ..Default::default()
        };
        let html = block_html(
            "<b>Japan</b> pays. Then <i>more</i>",
            &claims_by_block(Some(&x))[&0],
            "../../",
        );
        assert!(
            html.starts_with("<a class=\"claim\" id=\"claim-3-0\" href=\"../../claims/c-1/\""),
            "{html}"
        );
        assert!(html.contains("&lt;b&gt;Japan"), "{html}");
        assert!(!html.contains("<i>"), "{html}");
    }

    #[test]
    fn bad_spans_are_ignored() {
        let x = ArticleXref {
            slug: "a".into(),
            claims: vec![claim((5, 500), None)],
            ..Default::default()
        };
        assert_eq!(
            block_html(
                "short",
                claims_by_block(Some(&x)).get(&0).map_or(&[][..], |c| c),
                ""
            ),
            "short"
        );
    }
}
