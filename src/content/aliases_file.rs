//! Checks the shape of `content/aliases.toml` when it is read, so a mistake is an error naming
//! the file and line instead of an alias silently ignored. (The cross-reference pass reads the
//! names; see `xref::aliases`.)

use crate::error::{Error, Result};

/// `[merge]` and `[split]` tables of `"name" = ["other name", …]`, nothing else.
pub fn validate(text: &str, rel: &str) -> Result<()> {
    let fail = |line: usize, message: String| Error::Input {
        file: rel.into(),
        line,
        message,
    };
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_at(text, s.start));
        fail(line, format!("not valid TOML: {}", e.message().trim()))
    })?;
    for (section, value) in &table {
        let line = section_line(text, section);
        if section != "merge" && section != "split" {
            return Err(fail(
                line,
                format!("unknown section [{section}]; use [merge] or [split]"),
            ));
        }
        let Some(entries) = value.as_table() else {
            return Err(fail(
                line,
                format!(
                    "`{section}` should be a section: [{section}] then \"Name\" = [\"Other name\"]"
                ),
            ));
        };
        for (name, list) in entries {
            let names = list.as_array().filter(|a| {
                !a.is_empty()
                    && a.iter()
                        .all(|x| x.as_str().is_some_and(|s| !s.trim().is_empty()))
            });
            if names.is_none() || name.trim().is_empty() {
                return Err(fail(
                    key_line(text, line, name),
                    format!(
                        "[{section}] `{name}` should be a list of names, e.g. \"{name}\" = [\"Other name\"]"
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn line_at(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

/// The line of `[section]` (1 if not found).
fn section_line(text: &str, section: &str) -> usize {
    text.lines()
        .position(|l| {
            let t = l.trim();
            t.strip_prefix('[')
                .and_then(|r| r.split(']').next())
                .is_some_and(|s| s.trim().trim_matches('"') == section)
                || t.starts_with(section) && t[section.len()..].trim_start().starts_with('=')
        })
        .map_or(1, |i| i + 1)
}

/// The line where key `name` is set, at or after line `from` (`from` if not found).
fn key_line(text: &str, from: usize, name: &str) -> usize {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| {
            let t = l.trim_start();
            let rest = t
                .strip_prefix(&format!("\"{name}\""))
                .or_else(|| t.strip_prefix(&format!("'{name}'")))
                .or_else(|| t.strip_prefix(name));
            rest.is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(from, |(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        validate(text, "aliases.toml").unwrap_err().to_string()
    }

    #[test]
    fn a_good_file_passes() {
        let ok = "[merge]\n\"Volodymyr Zelensky\" = [\"Zelenskyy\"]\n[split]\nx = [\"y\"]\n";
        assert!(validate(ok, "aliases.toml").is_ok());
    }

    #[test]
    fn mistakes_name_file_and_line() {
        let e = err("[merge]\n\"A\" = [\"B\"]\nx = 1\n");
        assert!(
            e.starts_with("aliases.toml:3:") && e.contains("list of names"),
            "{e}"
        );
        let e = err("# names\n[merj]\na = [\"b\"]\n");
        assert!(
            e.starts_with("aliases.toml:2:") && e.contains("unknown section"),
            "{e}"
        );
        let e = err("[merge\n");
        assert!(
            e.starts_with("aliases.toml:1:") && e.contains("TOML"),
            "{e}"
        );
        let e = err("merge = 3\n");
        assert!(e.starts_with("aliases.toml:1:"), "{e}");
        let e = err("[split]\n\n'Olena' = []\n");
        assert!(e.starts_with("aliases.toml:3:"), "{e}");
    }
}
