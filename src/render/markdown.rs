//! Markdown to HTML with pulldown-cmark (tables, footnotes, strikethrough, heading ids), fenced
//! code through the [`Highlighter`], relative links made to work from the page's folder, and the
//! result sanitised with ammonia so article text can never inject script.

use super::highlight::{Highlighter, escape};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};
use std::collections::BTreeSet;

/// How to resolve a relative link or image found in the Markdown.
pub struct LinkBase<'a> {
    /// Prefix from the page to the site root ("../../").
    pub root: &'a str,
    /// Folder of the source file inside `content/` ("2023/"), where its assets are copied.
    pub dir: &'a str,
}

pub fn render(md: &str, hl: &Highlighter, base: &LinkBase) -> String {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let events = transform(Parser::new_ext(md, opts).collect(), hl, base);
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    sanitize(&out)
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
                let mut code = String::new();
                i += 1;
                while i < events.len() && !matches!(events[i], Event::End(TagEnd::CodeBlock)) {
                    if let Event::Text(t) = &events[i] {
                        code.push_str(t);
                    }
                    i += 1;
                }
                out.push(Event::Html(hl.highlight(&code, &lang).into()));
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
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: relink(dest_url, base),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: relink(dest_url, base),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            e => out.push(e.clone()),
        }
        i += 1;
    }
    out
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

/// Relative links point into `content/`'s layout; make them relative to the page instead.
fn relink<'a>(url: &CowStr<'a>, base: &LinkBase) -> CowStr<'a> {
    let u = url.as_ref();
    let has_scheme = u.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    let is_relative = !u.is_empty() && !u.starts_with(['/', '#', '?']) && !has_scheme;
    if is_relative {
        format!("{}{}{}", base.root, base.dir, u).into()
    } else {
        url.clone()
    }
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

    fn md(s: &str) -> String {
        render(
            s,
            &Highlighter::new(),
            &LinkBase {
                root: "../../",
                dir: "2023/",
            },
        )
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
        let html = md("![p](photo.jpg) [a](https://x.org) [b](#frag)");
        assert!(html.contains("src=\"../../2023/photo.jpg\""), "{html}");
        assert!(html.contains("href=\"https://x.org\""));
        assert!(html.contains("href=\"#frag\""));
    }
}
