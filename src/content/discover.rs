//! Finding the inputs under `content/` (walkdir), in a deterministic order: articles (`.txt`,
//! `.md`), pages (`pages/*.md`), verdicts (`checks/*.md`), the alias file and assets.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Article,
    Page,
    Check,
    Aliases,
    /// `content/tags.toml`: tags for plain-text articles.
    Tags,
    Asset,
    /// A file that runs in a browser (HTML, SVG, XML, script): published only when `site.toml`
    /// allows it (`publish_active_files`), since content is untrusted.
    ActiveAsset,
    /// A symbolic link: never followed (it could publish files from outside `content/`).
    Symlink,
}

impl SourceKind {
    /// Whether the file's bytes are read and ingested (assets are copied, links skipped).
    pub fn has_text(self) -> bool {
        !matches!(
            self,
            SourceKind::Asset | SourceKind::ActiveAsset | SourceKind::Symlink
        )
    }
}

/// One file found under `content/`.
#[derive(Debug, Clone)]
pub struct Source {
    pub kind: SourceKind,
    /// Path relative to `content/`, `/`-separated.
    pub rel: String,
    pub path: PathBuf,
}

/// Hidden files, editor swap and backup files, OS litter.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.starts_with(".#")
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

/// Walks `content/` and classifies every file; sorted by relative path.
pub fn discover(content: &Path) -> Result<Vec<Source>> {
    if !content.is_dir() {
        return Err(Error::Output(format!(
            "no content folder at {}: create it and put articles (.txt or .md) in it, or pass --root",
            content.display()
        )));
    }
    let mut out = Vec::new();
    let walker = WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(content).to_path_buf();
            Error::io(path, e.into())
        })?;
        if entry.file_type().is_file() {
            out.push(Source::at(content, entry.path()));
        } else if entry.path_is_symlink() {
            let mut src = Source::at(content, entry.path());
            src.kind = SourceKind::Symlink;
            out.push(src);
        }
    }
    Ok(out)
}

impl Source {
    /// The file at `path` under `content` (not checked to exist or to be a file).
    pub fn at(content: &Path, path: &Path) -> Source {
        let rel_path = path.strip_prefix(content).unwrap_or(path);
        let rel = rel_path
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        Source {
            kind: classify(&rel),
            rel,
            path: path.to_path_buf(),
        }
    }
}

fn classify(rel: &str) -> SourceKind {
    let lower = rel.to_ascii_lowercase();
    let is_md = lower.ends_with(".md") || lower.ends_with(".markdown");
    let is_text = is_md || lower.ends_with(".txt");
    if lower == "aliases.toml" {
        SourceKind::Aliases
    } else if lower == "tags.toml" {
        SourceKind::Tags
    } else if lower.starts_with("pages/") && is_md {
        SourceKind::Page
    } else if lower.starts_with("checks/") && is_md {
        SourceKind::Check
    } else if is_text {
        SourceKind::Article
    } else if is_active(&lower) {
        SourceKind::ActiveAsset
    } else {
        SourceKind::Asset
    }
}

/// File types a browser runs script in when served from the site's origin.
pub fn is_active(lower_name: &str) -> bool {
    const ACTIVE: &[&str] = &[
        ".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".xslt", ".js",
        ".mjs", ".swf",
    ];
    ACTIVE.iter().any(|ext| lower_name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_leftovers() {
        for n in [
            ".DS_Store",
            "a.txt~",
            "#a.txt#",
            ".a.txt.swp",
            "a.swp",
            ".#a.txt",
        ] {
            assert!(is_ignored(n), "{n}");
        }
        assert!(!is_ignored("000_a.txt"));
    }

    #[test]
    fn classifies() {
        assert_eq!(classify("pages/about.md"), SourceKind::Page);
        assert_eq!(classify("checks/x.md"), SourceKind::Check);
        assert_eq!(classify("2023/a.TXT"), SourceKind::Article);
        assert_eq!(classify("img/photo.jpg"), SourceKind::Asset);
        assert_eq!(classify("img/evil.SVG"), SourceKind::ActiveAsset);
        assert_eq!(classify("evil.html"), SourceKind::ActiveAsset);
        assert_eq!(classify("aliases.toml"), SourceKind::Aliases);
        assert_eq!(classify("tags.toml"), SourceKind::Tags);
    }
}
