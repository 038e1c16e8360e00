//! Front matter of Markdown files: TOML between `+++` lines or YAML between `---` lines.
//! Errors give the line in the file.

use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::Deserialize;

/// Every key factsite reads from front matter (articles, pages and verdicts). Unknown keys are
/// kept out of the way (`extra`) rather than refused, since Markdown files often come from other tools.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    pub title: Option<String>,
    #[serde(alias = "subtitle", alias = "standfirst")]
    pub description: Option<String>,
    pub date: Option<DateValue>,
    pub source_url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub place: Option<String>,
    pub slug: Option<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    // verdicts
    pub claim: Option<String>,
    pub rating: Option<String>,
    pub reviewed: Option<DateValue>,
    pub sources: Vec<String>,
    #[serde(flatten)]
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
}

/// A date as TOML or YAML give it: a native date or a string in any format `dates` reads.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum DateValue {
    Toml(toml::value::Datetime),
    Text(String),
}

impl DateValue {
    pub fn to_date(&self) -> Option<NaiveDate> {
        super::dates::parse_date_line(&self.raw())
    }

    /// The value as written.
    pub fn raw(&self) -> String {
        match self {
            DateValue::Toml(d) => d.to_string(),
            DateValue::Text(s) => s.clone(),
        }
    }
}

/// Front matter, the body after it, and the 1-based line where the body starts.
pub fn split(text: &str, file: &str) -> Result<(FrontMatter, String, usize)> {
    let text = text.trim_start_matches('\u{feff}');
    let fence = match text.lines().next().map(str::trim_end) {
        Some("+++") => "+++",
        Some("---") => "---",
        _ => return Ok((FrontMatter::default(), text.to_string(), 1)),
    };
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    let mut offset = first.len();
    let mut closing_line = None;
    for (i, l) in lines.enumerate() {
        if l.trim_end() == fence {
            closing_line = Some((i + 2, offset, offset + l.len()));
            break;
        }
        offset += l.len();
    }
    let Some((close_no, fm_end, body_start)) = closing_line else {
        return Err(Error::Input {
            file: file.into(),
            line: 1,
            message: format!(
                "front matter opened with `{fence}` is never closed; add a `{fence}` line after it"
            ),
        });
    };
    let raw = &text[first.len()..fm_end];
    check_limits(raw, file)?;
    let fm = if fence == "+++" {
        parse_toml(raw, file)?
    } else {
        parse_yaml(raw, file)?
    };
    Ok((fm, text[body_start..].to_string(), close_no + 1))
}

/// Largest front matter read (bytes): metadata, not text.
pub const MAX_FRONT_MATTER: usize = 64 * 1024;
/// Deepest nesting of `[` and `{` in front matter (the fields are flat; parsers slow down
/// badly on deep nesting, and a hostile file can nest 100,000 deep).
pub const MAX_DEPTH: usize = 32;

/// Refuses front matter over [`MAX_FRONT_MATTER`] or nested deeper than [`MAX_DEPTH`] before
/// any parser sees it, naming the line.
fn check_limits(raw: &str, file: &str) -> Result<()> {
    let fail = |line: usize, message: String| Error::Input {
        file: file.into(),
        line,
        message,
    };
    if raw.len() > MAX_FRONT_MATTER {
        return Err(fail(
            1,
            format!(
                "front matter is {} KB, over the {} KB limit; keep the metadata there and the text below it",
                raw.len() / 1024,
                MAX_FRONT_MATTER / 1024
            ),
        ));
    }
    let (mut depth, mut line, mut quote) = (0usize, 2usize, None);
    for c in raw.chars() {
        match (quote, c) {
            (_, '\n') => {
                line += 1;
                quote = None;
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(fail(
                        line,
                        format!(
                            "front matter nested more than {MAX_DEPTH} deep; its fields are plain values and lists"
                        ),
                    ));
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn parse_toml(raw: &str, file: &str) -> Result<FrontMatter> {
    toml::from_str(raw).map_err(|e| {
        let line = e
            .span()
            .map(|s| raw[..s.start.min(raw.len())].matches('\n').count() + 1)
            .unwrap_or(1);
        Error::Input {
            file: file.into(),
            line: line + 1,
            message: format!("bad TOML front matter: {}", e.message().trim()),
        }
    })
}

fn parse_yaml(raw: &str, file: &str) -> Result<FrontMatter> {
    if raw.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    serde_yaml_ng::from_str(raw).map_err(|e| {
        let line = e.location().map(|l| l.line()).unwrap_or(1);
        let msg = e.to_string();
        let msg = msg.split(" at line").next().unwrap_or(&msg).to_string();
        Error::Input {
            file: file.into(),
            line: line + 1,
            message: format!("bad YAML front matter: {msg}"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_or_deep_front_matter_is_refused_at_once() {
        let deep = format!("---\ntitle: T\ntags: {}\n---\nBody\n", "[".repeat(100_000));
        let err = split(&deep, "a.md").unwrap_err().to_string();
        assert!(err.starts_with("a.md:1:") && err.contains("KB"), "{err}");
        let deep = format!("+++\ntitle = \"T\"\ntags = {}\n+++\nBody\n", "[".repeat(40));
        let err = split(&deep, "a.md").unwrap_err().to_string();
        assert!(
            err.starts_with("a.md:3:") && err.contains("nested"),
            "{err}"
        );
        let ok = "---\ntitle: \"[[[[\"\ntags: [a, b]\n---\nBody\n";
        assert!(
            split(ok, "a.md").is_ok(),
            "brackets in strings and shallow lists are fine"
        );
    }

    #[test]
    fn toml_front_matter() {
        let (fm, body, line) = split(
            "+++\ntitle = \"T\"\ndate = 2023-05-19\ntags = [\"a\"]\n+++\nBody\n",
            "a.md",
        )
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("T"));
        assert_eq!(
            fm.date.unwrap().to_date().unwrap().to_string(),
            "2023-05-19"
        );
        assert_eq!(body, "Body\n");
        assert_eq!(line, 6);
    }

    #[test]
    fn yaml_front_matter() {
        let (fm, body, line) = split(
            "---\ntitle: T\ndate: May 19, 2023\ndraft: true\n---\n\nBody\n",
            "a.md",
        )
        .unwrap();
        assert!(fm.draft);
        assert_eq!(
            fm.date.unwrap().to_date().unwrap().to_string(),
            "2023-05-19"
        );
        assert_eq!(body, "\nBody\n");
        assert_eq!(line, 6);
    }

    #[test]
    fn errors_carry_line() {
        let err = split("+++\ntitle = \"T\"\ndate = = 3\n+++\n", "a.md")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("a.md:3:"), "{err}");
        let err = split("---\ntitle: [unclosed\n---\n", "b.md")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("b.md:"), "{err}");
        let err = split("+++\ntitle = \"T\"\n", "c.md")
            .unwrap_err()
            .to_string();
        assert!(err.contains("never closed"), "{err}");
    }

    #[test]
    fn no_front_matter() {
        let (fm, body, line) = split("# Hello\n", "a.md").unwrap();
        assert!(fm.title.is_none());
        assert_eq!((body.as_str(), line), ("# Hello\n", 1));
    }
}
