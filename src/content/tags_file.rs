//! `content/tags.toml`: tags for articles that cannot carry front matter (plain-text articles,
//! which are kept as they were pasted). Each key is a file under `content/`, each value a list of
//! tags, added to any the article's front matter gives:
//!
//! ```toml
//! "000_biden_trip.txt" = ["Ukraine aid", "Japan"]
//! ```

use crate::error::{Error, Result};

/// The file's entries: (file, line, tags), in file order.
pub type TagEntries = Vec<(String, usize, Vec<String>)>;

/// Parses `text` (the file `rel`), naming the line of any mistake.
pub fn parse(text: &str, rel: &str) -> Result<TagEntries> {
    let fail = |line: usize, message: String| Error::Input {
        file: rel.into(),
        line,
        message,
    };
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        });
        fail(line, format!("not valid TOML: {}", e.message().trim()))
    })?;
    let mut out = Vec::new();
    for (file, value) in &table {
        let line = key_line(text, file);
        let tags = value.as_array().and_then(|a| {
            a.iter()
                .map(|t| {
                    t.as_str()
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(String::from)
                })
                .collect::<Option<Vec<String>>>()
        });
        match tags {
            Some(tags) => out.push((file.clone(), line, tags)),
            None => {
                return Err(fail(
                    line,
                    format!(
                        "`{file}` should be a list of tags, e.g. \"{file}\" = [\"Ukraine aid\", \"Japan\"]"
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// The line where `key` is written (1 if not found).
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with(&format!("\"{key}\""))
                || l.starts_with(&format!("'{key}'"))
                || l.starts_with(key)
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_and_names_the_line_of_a_mistake() {
        let ok = parse(
            "# demo\n\"a.txt\" = [\"Japan\", \" Ukraine aid \"]\n",
            "tags.toml",
        )
        .unwrap();
        assert_eq!(
            ok,
            [(
                "a.txt".to_string(),
                2,
                vec!["Japan".to_string(), "Ukraine aid".into()]
            )]
        );
        let err = parse("\"a.txt\" = [\"x\"]\n\"b.txt\" = \"Japan\"\n", "tags.toml").unwrap_err();
        assert!(err.to_string().starts_with("tags.toml:2:"), "{err}");
        let err = parse("\"a.txt\" = [1]\n", "tags.toml").unwrap_err();
        assert!(err.to_string().contains("list of tags"), "{err}");
        assert!(parse("a.txt = [\n", "tags.toml").is_err());
    }
}
