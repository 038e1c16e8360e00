//! Ingest of Markdown files: articles with front matter, `pages/*.md` and `checks/*.md` verdicts.
//! Front matter wins over guessing; body paragraphs become blocks with their line numbers.

use super::frontmatter::{self, FrontMatter};
use super::model::*;
use super::{derived_title, slug_from_path, slugify};
use crate::error::{Error, Result};

fn fm_field(v: Option<String>) -> Option<Field<String>> {
    v.filter(|s| !s.trim().is_empty()).map(|s| Field {
        raw: s.clone(),
        value: s,
        source: Provenance::FrontMatter,
    })
}

/// A Markdown article; `None` when it is a draft.
pub fn ingest(text: &str, rel: &str, hash: String) -> Result<Option<Article>> {
    let (fm, body, body_line) = frontmatter::split(text, rel)?;
    if fm.draft {
        return Ok(None);
    }
    let blocks = paragraphs(&body, body_line);
    let date = date_field(&fm, rel, text)?;
    let source_url = source_url_field(fm.source_url.clone(), rel, text)?;
    let FrontMatter {
        title,
        outlet,
        author,
        place,
        slug,
        tags,
        description,
        ..
    } = fm;
    let title = fm_field(title)
        .unwrap_or_else(|| heading_title(&blocks).unwrap_or_else(|| derived_title(&blocks, rel)));
    Ok(Some(Article {
        slug: slug
            .map(|s| slugify(&s))
            .unwrap_or_else(|| slug_from_path(rel)),
        file: rel.into(),
        format: Format::Markdown,
        title,
        date,
        source_url,
        outlet: fm_field(outlet),
        byline: fm_field(author),
        place: fm_field(place),
        tags,
        description,
        blocks,
        hash,
    }))
}

/// 1-based line of `key` in the front matter of `text` (1 when not found).
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(['=', ':']))
        })
        .map_or(1, |i| i + 1)
}

/// Whether `url` may become a link: `http://` or `https://` with a host, nothing that a browser
/// would run (`javascript:`, `data:`, in any case and with any leading blanks).
pub fn is_http_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.starts_with('/') && !r.is_empty() && !url.chars().any(|c| c.is_control())
    })
}

/// A verdict's `sources` become links: each must be an http(s) URL (the error names its line).
fn check_sources(sources: &[String], rel: &str, text: &str) -> Result<()> {
    let Some(bad) = sources.iter().find(|u| !is_http_url(u)) else {
        return Ok(());
    };
    let needle = bad.trim();
    let line = text
        .lines()
        .position(|l| !needle.is_empty() && l.contains(needle))
        .map_or_else(|| key_line(text, "sources"), |i| i + 1);
    Err(Error::Input {
        file: rel.into(),
        line,
        message: format!(
            "source {bad:?} is not an http(s) URL; list the addresses of the sources, e.g. https://example.org/report"
        ),
    })
}

/// The article's address: only `http(s)://` URLs, since it becomes a link on the page.
fn source_url_field(v: Option<String>, rel: &str, text: &str) -> Result<Option<Field<String>>> {
    let Some(f) = fm_field(v) else {
        return Ok(None);
    };
    if is_http_url(&f.value) {
        return Ok(Some(f));
    }
    Err(Error::Input {
        file: rel.into(),
        line: key_line(text, "source_url"),
        message: format!(
            "front matter `source_url = {:?}` is not an http(s) URL; write the article's address, e.g. https://example.org/news/1",
            f.value
        ),
    })
}

fn date_field(fm: &FrontMatter, rel: &str, text: &str) -> Result<Option<Field<chrono::NaiveDate>>> {
    let Some(d) = &fm.date else { return Ok(None) };
    let raw = match d {
        frontmatter::DateValue::Toml(t) => t.to_string(),
        frontmatter::DateValue::Text(s) => s.clone(),
    };
    match d.to_date() {
        Some(value) => Ok(Some(Field {
            value,
            source: Provenance::FrontMatter,
            raw,
        })),
        None => Err(Error::Input {
            file: rel.into(),
            line: key_line(text, "date"),
            message: format!("front matter `date = {raw:?}` is not a date; write it as 2023-05-19"),
        }),
    }
}

/// The first `# Heading` as title, when the front matter has none.
fn heading_title(blocks: &[Block]) -> Option<Field<String>> {
    let b = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Heading && b.text.starts_with("# "))?;
    Some(Field {
        value: b.text.trim_start_matches('#').trim().to_string(),
        source: Provenance::Line(b.line),
        raw: b.text.clone(),
    })
}

/// Splits Markdown into blank-line separated blocks (code fences kept whole).
pub fn paragraphs(body: &str, first_line: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut start = first_line;
    let mut in_fence = false;
    for (i, line) in body.lines().enumerate() {
        let n = first_line + i;
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if line.trim().is_empty() && !in_fence {
            push_block(&mut blocks, &current, start);
            current.clear();
            continue;
        }
        if current.is_empty() {
            start = n;
        }
        current.push(line);
    }
    push_block(&mut blocks, &current, start);
    blocks
}

fn push_block(blocks: &mut Vec<Block>, lines: &[&str], line: usize) {
    if lines.is_empty() {
        return;
    }
    let text = lines.join("\n");
    let t = text.trim_start();
    let (kind, reason) = if t.starts_with('#') {
        (BlockKind::Heading, String::new())
    } else if t.starts_with("```") || t.starts_with("~~~") || t.starts_with('|') {
        (BlockKind::Metadata, "code or table".to_string())
    } else if super::clean::strip_bullet(t).is_some() {
        (BlockKind::ListItem, String::new())
    } else if let Some((k, r)) = super::clean::classify_line(t) {
        (k, r.to_string())
    } else {
        (BlockKind::Body, String::new())
    };
    blocks.push(Block {
        kind,
        line,
        text,
        reason,
    });
}

/// A page under `content/pages/`.
pub fn page(text: &str, rel: &str) -> Result<Page> {
    let (fm, markdown, body_line) = frontmatter::split(text, rel)?;
    let stem = rel.rsplit('/').next().unwrap_or(rel);
    let title = fm.title.clone().or_else(|| {
        markdown
            .lines()
            .find(|l| l.starts_with("# "))
            .map(|l| l[2..].trim().to_string())
    });
    Ok(Page {
        slug: fm
            .slug
            .as_deref()
            .map(slugify)
            .unwrap_or_else(|| slug_from_path(stem)),
        file: rel.into(),
        title: title.unwrap_or_else(|| slug_from_path(stem)),
        description: fm.description,
        markdown,
        body_line,
    })
}

/// A fact-checker's verdict under `content/checks/`.
pub fn check(text: &str, rel: &str) -> Result<Check> {
    let (fm, markdown, body_line) = frontmatter::split(text, rel)?;
    let missing = |key: &str| Error::Input {
        file: rel.into(),
        line: 1,
        message: format!("verdict has no `{key}` in its front matter; add e.g. {key} = \"…\""),
    };
    let claim = fm
        .claim
        .clone()
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| missing("claim"))?;
    let rating = fm
        .rating
        .clone()
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| missing("rating"))?;
    let reviewed = match &fm.reviewed {
        None => None,
        Some(d) => Some(d.to_date().ok_or_else(|| Error::Input {
            file: rel.into(),
            line: key_line(text, "reviewed"),
            message: format!(
                "`reviewed = {:?}` is not a date; write it as 2023-05-19",
                d.raw()
            ),
        })?),
    };
    check_sources(&fm.sources, rel, text)?;
    let stem = rel.rsplit('/').next().unwrap_or(rel);
    Ok(Check {
        slug: fm
            .slug
            .as_deref()
            .map(slugify)
            .unwrap_or_else(|| slug_from_path(stem)),
        file: rel.into(),
        claim,
        rating,
        rating_line: key_line(text, "rating"),
        reviewed,
        sources: fm.sources,
        author: fm.author,
        markdown,
        body_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_url_must_be_http() {
        let ok = ingest(
            "+++\ntitle = \"T\"\nsource_url = \"https://example.org/a\"\n+++\nBody.\n",
            "a.md",
            String::new(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(ok.source_url.unwrap().value, "https://example.org/a");
        let err = ingest(
            "---\ntitle: T\nsource_url: javascript:alert(1)\n---\nBody.\n",
            "b.md",
            String::new(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("b.md:3:"), "{err}");
        assert!(err.contains("not an http(s) URL"), "{err}");
    }

    #[test]
    fn bad_date_names_its_line() {
        let err = ingest(
            "+++\ntitle = \"T\"\ndate = \"soon\"\n+++\nBody.\n",
            "c.md",
            String::new(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("c.md:3:"), "{err}");
    }
}
