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
    /// Publish HTML, SVG, XML and script files found under `content/` (they run on the site's
    /// origin; off by default since content is untrusted).
    pub publish_active_files: bool,
    /// Rows per page of every listing (home, claims, flags by kind, entities, verdicts, taxonomy
    /// terms, timeline months); page 1 is the listing's own URL, page N is `…/page/N/`.
    pub paginate_by: usize,
    /// The taxonomies listed, each with an index page and a paginated page per term. Absent:
    /// all four (tags, outlets, authors, months); `taxonomies = []` turns them off.
    pub taxonomies: Vec<TaxonomyConfig>,
    /// Entries per feed (`atom.xml`, `flags.xml`, term feeds), newest first; `0` for every one.
    /// A feed reader polls for what is new: a 10,000-article archive's whole feed is 6 MB.
    pub feed_limit: usize,
}

/// One taxonomy of `site.toml` (`[[taxonomies]]`), as in Zola.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    /// `tags` (front matter), `outlets`, `authors` (bylines) or `months` (article dates).
    pub name: String,
    /// Rows per term page; the site's `paginate_by` when absent.
    pub paginate_by: Option<usize>,
    /// Writes an Atom feed per term (`tags/<term>/atom.xml`).
    #[serde(default)]
    pub feed: bool,
}

/// The taxonomies factsite knows how to fill.
pub const TAXONOMIES: &[&str] = &["tags", "outlets", "authors", "months"];

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
            publish_active_files: false,
            paginate_by: 50,
            taxonomies: TAXONOMIES
                .iter()
                .map(|n| TaxonomyConfig {
                    name: n.to_string(),
                    paginate_by: None,
                    feed: false,
                })
                .collect(),
            feed_limit: 100,
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
        config.base_url = normalise_base_url(&config.base_url).map_err(|why| Error::Input {
            file: file.into(),
            line: line_of(text, "base_url"),
            message: format!("base_url {:?}: {why}", config.base_url),
        })?;
        config
            .check_listings()
            .map_err(|(key, message)| Error::Input {
                file: file.into(),
                line: line_of(text, key),
                message,
            })?;
        Ok(config)
    }

    /// `paginate_by` at least 1, taxonomy names known and not repeated.
    fn check_listings(&self) -> std::result::Result<(), (&'static str, String)> {
        let by = |n: usize| (1..=10_000).contains(&n);
        if !by(self.paginate_by) {
            return Err((
                "paginate_by",
                format!(
                    "paginate_by = {}: write a number from 1 to 10000 (rows per listing page)",
                    self.paginate_by
                ),
            ));
        }
        let mut seen = Vec::new();
        for t in &self.taxonomies {
            if !TAXONOMIES.contains(&t.name.as_str()) {
                return Err((
                    "name",
                    format!(
                        "unknown taxonomy {:?}: factsite fills {}",
                        t.name,
                        TAXONOMIES.join(", ")
                    ),
                ));
            }
            if seen.contains(&t.name) {
                return Err(("name", format!("taxonomy {:?} is listed twice", t.name)));
            }
            if t.paginate_by.is_some_and(|n| !by(n)) {
                return Err((
                    "paginate_by",
                    format!("taxonomy {:?}: paginate_by must be from 1 to 10000", t.name),
                ));
            }
            seen.push(t.name.clone());
        }
        Ok(())
    }

    /// How many entries a feed of `n` candidates carries (see `feed_limit`).
    pub fn feed_entries(&self, n: usize) -> usize {
        match self.feed_limit {
            0 => n,
            limit => n.min(limit),
        }
    }

    /// The settings of taxonomy `name`, if the site lists it.
    pub fn taxonomy(&self, name: &str) -> Option<&TaxonomyConfig> {
        self.taxonomies.iter().find(|t| t.name == name)
    }
}

/// The line of the first `key = …` in `text` (1 when absent), for error messages.
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

/// Checks that `url` is an absolute http(s) URL with a host, and normalises it: repeated
/// slashes in the path collapsed (`https://u.github.io//attacker.example/` would otherwise make
/// `//attacker.example/…` links to another host) and a trailing slash added, so that
/// `base_url + "path"` is always a URL on the site.
pub fn normalise_base_url(url: &str) -> std::result::Result<String, String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let scheme = if lower.starts_with("https://") {
        "https://"
    } else if lower.starts_with("http://") {
        "http://"
    } else {
        return Err("write the address the site is published at, starting with https://".into());
    };
    let rest = &url[scheme.len()..];
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host_ok = |c: char| c.is_ascii_alphanumeric() || ".-:[]".contains(c);
    if host.is_empty() || !host.chars().all(host_ok) {
        return Err(format!(
            "{host:?} is not a host name; write e.g. https://user.github.io/repo/"
        ));
    }
    let bad = |c: char| c.is_whitespace() || c.is_control() || "?#\\\"'<>`".contains(c);
    if let Some(c) = path.chars().find(|&c| bad(c)) {
        return Err(format!("the path may not contain {c:?}"));
    }
    let mut out = format!("{scheme}{host}/");
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        out.push_str(seg);
        out.push('/');
    }
    Ok(out)
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
    fn base_url_is_checked_and_normalised() {
        let n = |u: &str| normalise_base_url(u);
        assert_eq!(
            n("https://u.github.io//attacker.example/").unwrap(),
            "https://u.github.io/attacker.example/"
        );
        assert_eq!(
            n(" http://localhost:1111 ").unwrap(),
            "http://localhost:1111/"
        );
        assert_eq!(n("https://x.org/a//b").unwrap(), "https://x.org/a/b/");
        for bad in [
            "//attacker.example/",
            "https:///x",
            "javascript:alert(1)",
            "https://a@b.org/",
            "https://x.org/a b",
            "https://x.org/\"><script>",
        ] {
            assert!(n(bad).is_err(), "{bad}");
        }
        let err =
            Config::parse("title = \"t\"\nbase_url = \"ftp://x\"\n", "site.toml").unwrap_err();
        assert!(err.to_string().starts_with("site.toml:2:"), "{err}");
    }

    #[test]
    fn listings_are_checked() {
        let c = Config::parse(
            "paginate_by = 10\n[[taxonomies]]\nname = \"tags\"\nfeed = true\n",
            "site.toml",
        )
        .unwrap();
        assert_eq!(c.paginate_by, 10);
        assert_eq!(c.taxonomies.len(), 1);
        assert!(c.taxonomy("tags").is_some_and(|t| t.feed));
        assert!(c.taxonomy("months").is_none());
        assert_eq!(Config::default().taxonomies.len(), 4);
        let err = Config::parse("title = \"t\"\npaginate_by = 0\n", "site.toml").unwrap_err();
        assert!(err.to_string().starts_with("site.toml:2:"), "{err}");
        let err = Config::parse("[[taxonomies]]\nname = \"colours\"\n", "site.toml").unwrap_err();
        assert!(
            err.to_string().contains("unknown taxonomy \"colours\""),
            "{err}"
        );
        assert!(err.to_string().starts_with("site.toml:2:"), "{err}");
        let none = Config::parse("taxonomies = []\n", "site.toml").unwrap();
        assert!(none.taxonomies.is_empty());
    }

    #[test]
    fn defaults_and_trailing_slash() {
        let c = Config::parse("base_url = \"https://x.github.io/repo\"", "site.toml").unwrap();
        assert_eq!(c.base_url, "https://x.github.io/repo/");
        assert_eq!(c.output_dir, "site");
    }
}
