//! Markdown to HTML with pulldown-cmark (tables, footnotes, strikethrough, heading ids), fenced
//! code through the [`Highlighter`], relative links made to work from the page's folder, and the
//! result sanitised with ammonia so article text can never inject script.

use super::highlight::Highlighter;
use super::text::escape;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};
use std::collections::{BTreeMap, BTreeSet};

/// How to resolve a relative link or image found in the Markdown.
pub struct LinkBase<'a> {
    /// Prefix from the page to the site root ("../../").
    pub root: &'a str,
    /// Folder of the source file inside `content/` ("2023/", "" at the top).
    pub dir: &'a str,
    /// Where each file under `content/` ends up in the site (`2023/a.md` → `articles/2023-a/`).
    pub targets: &'a BTreeMap<String, String>,
}

pub fn render(md: &str, hl: &Highlighter, base: &LinkBase) -> String {
    render_with_anchors(md, hl, base, &[])
}

/// As [`render`], inserting ready HTML (`anchors`: byte offset in `md`, HTML) at the start of
/// the first block element that begins at or after each offset — used for line and claim ids.
pub fn render_with_anchors(
    md: &str,
    hl: &Highlighter,
    base: &LinkBase,
    anchors: &[(usize, String)],
) -> String {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let events = insert_anchors(Parser::new_ext(md, opts).into_offset_iter(), anchors);
    let events = transform(events, hl, base);
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    sanitize(&out)
}

/// Puts each anchor's HTML right after the start tag of the first block at or after its offset.
fn insert_anchors<'a>(
    events: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    anchors: &[(usize, String)],
) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut next = 0;
    for (event, range) in events {
        let is_block_start = matches!(
            event,
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item)
        );
        out.push(event);
        if is_block_start {
            let mut html = String::new();
            while next < anchors.len() && anchors[next].0 <= range.start {
                html.push_str(&anchors[next].1);
                next += 1;
            }
            if !html.is_empty() {
                out.push(Event::InlineHtml(html.into()));
            }
        }
    }
    out
}

/// Highlights code blocks, gives headings ids and rewrites relative links.
fn transform<'a>(events: Vec<Event<'a>>, hl: &Highlighter, base: &LinkBase) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut used_ids = BTreeSet::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let (code, end) = code_text(&events, i + 1);
                out.push(Event::Html(hl.highlight(&code, &lang).into()));
                i = end;
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let text = heading_text(&events[i + 1..]);
                let id = id
                    .clone()
                    .unwrap_or_else(|| unique_id(&text, &mut used_ids).into());
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(id),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                out.push(Event::Start(relink_tag(tag, base)));
            }
            e => out.push(e.clone()),
        }
        i += 1;
    }
    out
}

/// The text of a code block whose contents start at `from`, and the index of its end event.
fn code_text(events: &[Event], from: usize) -> (String, usize) {
    let mut code = String::new();
    let mut i = from;
    while i < events.len() && !matches!(events[i], Event::End(TagEnd::CodeBlock)) {
        if let Event::Text(t) = &events[i] {
            code.push_str(t);
        }
        i += 1;
    }
    (code, i)
}

/// A link or image tag with its destination rewritten (see [`relink`]); other tags unchanged.
fn relink_tag<'a>(tag: &Tag<'a>, base: &LinkBase) -> Tag<'a> {
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Link {
            link_type: *link_type,
            dest_url: relink(dest_url, base),
            title: title.clone(),
            id: id.clone(),
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Image {
            link_type: *link_type,
            dest_url: relink(dest_url, base),
            title: title.clone(),
            id: id.clone(),
        },
        other => other.clone(),
    }
}

fn heading_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            _ => {}
        }
    }
    s
}

fn unique_id(text: &str, used: &mut BTreeSet<String>) -> String {
    let base = crate::content::slugify(text);
    let mut id = base.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Relative links are written against the source file's place in `content/` (`../pages/about.md`,
/// `photo.jpg`); point them at the page or copied file the site has for it. Links to anything
/// else are left as written.
fn relink<'a>(url: &CowStr<'a>, base: &LinkBase) -> CowStr<'a> {
    let u = url.as_ref();
    let has_scheme = u.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if u.is_empty() || u.starts_with(['/', '#', '?']) || has_scheme {
        return url.clone();
    }
    let (path, fragment) = match u.find(['#', '?']) {
        Some(i) => u.split_at(i),
        None => (u, ""),
    };
    match resolve(base.dir, path).and_then(|p| base.targets.get(&p)) {
        Some(target) => format!("{}{}{}", base.root, target, fragment).into(),
        None => url.clone(),
    }
}

/// `dir` + relative `path`, with `.` and `..` applied; `None` when it climbs out of `content/`.
fn resolve(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The words of a Markdown text, without its markup and without raw HTML (for the search
/// index: it holds text, never tags an article carried).
pub fn plain_text(md: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::with_capacity(md.len());
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes script, event handlers and dangerous URLs; keeps classes and ids used for styling.
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["class", "id"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .link_rel(Some("noopener"))
        .clean(html)
        .to_string()
}

/// Plain text as HTML paragraphs (escaped), one per non-empty line.
pub fn text_paragraphs(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{}</p>\n", escape(l.trim())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_raw_html() {
        let t = plain_text("A **bold** [link](http://x) <script>alert(1)</script> `code`");
        assert_eq!(t, "A bold link alert(1) code");
        assert!(!plain_text("<img src=x onerror=alert(1)>").contains('<'));
    }

    fn md(s: &str) -> String {
        let targets: BTreeMap<String, String> = [
            ("2023/photo.jpg", "files/2023/photo.jpg"),
            ("2023/b.txt", "articles/2023-b/"),
            ("pages/about.md", "about/"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let base = LinkBase {
            root: "../../",
            dir: "2023",
            targets: &targets,
        };
        render(s, &Highlighter::new(), &base)
    }

    #[test]
    fn script_is_removed() {
        let html = md(
            "Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn features() {
        let html = md(
            "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ text[^1]\n\n[^1]: note\n\n```rust\nfn x() {}\n```\n",
        );
        assert!(html.contains("<h1 id=\"title\">"), "{html}");
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>old</del>"));
        assert!(html.contains("footnote"));
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn relative_links_are_rebased() {
        let html = md(
            "![p](photo.jpg) [a](https://x.org) [b](#frag) [c](b.txt#L3) [d](../pages/about.md) [e](../elsewhere/)",
        );
        assert!(
            html.contains("src=\"../../files/2023/photo.jpg\""),
            "{html}"
        );
        assert!(
            html.contains("href=\"../../articles/2023-b/#L3\""),
            "{html}"
        );
        assert!(html.contains("href=\"../../about/\""), "{html}");
        assert!(html.contains("href=\"../elsewhere/\""), "{html}");
        assert!(html.contains("href=\"https://x.org\""));
        assert!(html.contains("href=\"#frag\""));
    }
}
