//! `site.toml`: the site's configuration. Unknown keys are an error naming the key.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute URL the site is published at, with a trailing slash (used for canonical links,
    /// feeds and the sitemap; internal links are relative and do not depend on it).
    pub base_url: String,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
    /// Name of the fact-checking organisation (ClaimReview `author`, NewsArticle `publisher`).
    pub publisher: String,
    /// Output folder, relative to the site root.
    pub output_dir: String,
    /// Custom domain for GitHub Pages; writes a `CNAME` file when set.
    pub cname: Option<String>,
    /// Rating scale for verdicts, best first ("True" … "False"); used for ClaimReview ratings.
    pub ratings: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "factsite".into(),
            description: "A fact-check microsite".into(),
            base_url: "http://localhost:1111/".into(),
            language: "en".into(),
            publisher: "factsite".into(),
            output_dir: "site".into(),
            cname: None,
            ratings: ["True", "Mostly true", "Misleading", "Mostly false", "False"]
                .map(String::from)
                .to_vec(),
        }
    }
}

impl Config {
    /// Reads `site.toml` from `root`; a missing file gives the defaults.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join("site.toml");
        if !path.exists() {
            return Ok(Config::default());
        }
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        Self::parse(&text, &path.display().to_string())
    }

    pub fn parse(text: &str, file: &str) -> Result<Config> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let message = e.message().trim().to_string();
            match line {
                Some(line) => Error::Input {
                    file: file.into(),
                    line,
                    message,
                },
                None => Error::Config {
                    file: file.into(),
                    message,
                },
            }
        })?;
        config.base_url = normalise_base_url(&config.base_url);
        Ok(config)
    }
}

/// Ensures a trailing slash so `base_url + "path"` is always a proper URL.
pub fn normalise_base_url(url: &str) -> String {
    let url = url.trim();
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = Config::parse("title = \"x\"\ncolour = \"red\"\n", "site.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("colour"), "{msg}");
        assert!(msg.starts_with("site.toml:2:"), "{msg}");
    }

    #[test]
    fn defaults_and_trailing_slash() {
        let c = Config::parse("base_url = \"https://x.github.io/repo\"", "site.toml").unwrap();
        assert_eq!(c.base_url, "https://x.github.io/repo/");
        assert_eq!(c.output_dir, "site");
    }
}
