//! Content stage: discover the files under `content/`, decode them, read their metadata and
//! classify their lines. Returns a [`Corpus`] of plain data.

mod aliases_file;
pub mod clean;
pub mod dates;
pub mod decode;
pub mod discover;
pub mod frontmatter;
pub mod markdown_article;
pub mod model;
pub mod plaintext;
mod rules;
pub mod tags_file;

pub use model::*;
pub use rules::apply_site_rules;

use crate::error::{Error, Result};
use discover::{Source, SourceKind};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// One decoded input, or the reason it was skipped. Public so that `serve` can cache it per file.
#[derive(Debug, Clone)]
pub enum Loaded {
    Article(Arc<Article>),
    Page(Page),
    Check(Check),
    Aliases(String, String),
    /// `content/tags.toml`: its path and entries.
    Tags(String, tags_file::TagEntries),
    Asset(Asset),
    Skipped(Warning),
    Draft,
}

/// Reads the whole `content/` folder.
pub fn load(content_dir: &Path) -> Result<Corpus> {
    let sources = discover::discover(content_dir)?;
    let loaded: Vec<(Vec<Warning>, Loaded)> = sources
        .par_iter()
        .map(|src| load_one(src).map_err(in_content_dir))
        .collect::<Result<Vec<_>>>()?;
    assemble(loaded)
}

/// Puts per-file results (in discovery order) together into a corpus and checks slugs are unique.
pub fn assemble(loaded: impl IntoIterator<Item = (Vec<Warning>, Loaded)>) -> Result<Corpus> {
    let mut corpus = Corpus::default();
    for (warnings, item) in loaded {
        corpus.warnings.extend(warnings);
        match item {
            Loaded::Article(a) => corpus.articles.push(a),
            Loaded::Page(p) => corpus.pages.push(p),
            Loaded::Check(c) => corpus.checks.push(c),
            Loaded::Aliases(file, text) => corpus.aliases = Some((file, text)),
            Loaded::Tags(file, entries) => corpus.tags_file = Some((file, entries)),
            Loaded::Asset(a) => corpus.assets.push(a),
            Loaded::Skipped(w) => corpus.warnings.push(w),
            Loaded::Draft => {}
        }
    }
    check_unique_slugs(corpus.articles.iter().map(|a| (&a.slug, &a.file)))?;
    check_unique_slugs(corpus.pages.iter().map(|p| (&p.slug, &p.file)))?;
    check_unique_slugs(corpus.checks.iter().map(|c| (&c.slug, &c.file)))?;
    Ok(corpus)
}

/// Errors name files as the user sees them: `content/a.md`, not `a.md`.
fn in_content_dir(e: Error) -> Error {
    match e {
        Error::Input {
            file,
            line,
            message,
        } => Error::Input {
            file: format!("content/{file}"),
            line,
            message,
        },
        other => other,
    }
}

fn check_unique_slugs<'a>(items: impl Iterator<Item = (&'a String, &'a String)>) -> Result<()> {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (slug, file) in items {
        if let Some(first) = seen.insert(slug, file) {
            return Err(Error::DuplicateSlug {
                slug: slug.clone(),
                first: first.into(),
                second: file.clone(),
            });
        }
    }
    Ok(())
}

fn load_one(src: &Source) -> Result<(Vec<Warning>, Loaded)> {
    if !src.kind.has_text() {
        return load_source(src, &[]);
    }
    let bytes = std::fs::read(&src.path).map_err(|e| Error::io(&src.path, e))?;
    load_source(src, &bytes)
}

/// Ingests one discovered file from its bytes (assets ignore `bytes`). Pure: the same bytes give
/// the same result, so callers may cache it by content hash.
pub fn load_source(src: &Source, bytes: &[u8]) -> Result<(Vec<Warning>, Loaded)> {
    let warn = |message: String| Warning {
        file: src.rel.clone(),
        line: None,
        message,
    };
    match src.kind {
        SourceKind::Asset | SourceKind::ActiveAsset => {
            let asset = Asset {
                file: src.rel.clone(),
                path: src.path.clone(),
                active: src.kind == SourceKind::ActiveAsset,
            };
            return Ok((vec![], Loaded::Asset(asset)));
        }
        SourceKind::Symlink => {
            let message = "symbolic link, not followed (it could publish files from outside content/); copy the file here instead";
            return Ok((vec![], Loaded::Skipped(warn(message.into()))));
        }
        _ => {}
    }
    let text = match decode::decode(bytes) {
        decode::Decoded::Binary => {
            return Ok((
                vec![],
                Loaded::Skipped(warn("binary file with a text extension; skipped".into())),
            ));
        }
        decode::Decoded::Text { text, warning } => (text, warning),
    };
    let (text, decode_warning) = text;
    let mut warnings: Vec<Warning> = decode_warning.into_iter().map(warn).collect();
    if text.trim().is_empty() {
        return Ok((
            warnings,
            Loaded::Skipped(warn("empty file; skipped".into())),
        ));
    }
    let hash = blake3::hash(bytes).to_hex()[..16].to_string();
    let item = match src.kind {
        SourceKind::Article => {
            let article = if is_markdown(&src.rel) {
                markdown_article::ingest(&text, &src.rel, hash)?
            } else {
                Some(plain_article(&text, &src.rel, hash))
            };
            match article {
                Some(a) => {
                    if a.date.is_none() {
                        warnings.push(Warning { file: src.rel.clone(), line: None, message: "no publication date found; add a date line (e.g. 2023-05-19) at the top".into() });
                    }
                    Loaded::Article(Arc::new(a))
                }
                None => Loaded::Draft,
            }
        }
        SourceKind::Page => Loaded::Page(markdown_article::page(&text, &src.rel)?),
        SourceKind::Check => Loaded::Check(markdown_article::check(&text, &src.rel)?),
        SourceKind::Aliases => {
            aliases_file::validate(&text, &src.rel)?;
            Loaded::Aliases(src.rel.clone(), text)
        }
        SourceKind::Tags => Loaded::Tags(src.rel.clone(), tags_file::parse(&text, &src.rel)?),
        SourceKind::Asset | SourceKind::ActiveAsset | SourceKind::Symlink => {
            unreachable!("handled above")
        }
    };
    Ok((warnings, item))
}

fn is_markdown(rel: &str) -> bool {
    let l = rel.to_ascii_lowercase();
    l.ends_with(".md") || l.ends_with(".markdown")
}

fn plain_article(text: &str, rel: &str, hash: String) -> Article {
    let p = plaintext::ingest(text);
    let title = p.title.unwrap_or_else(|| derived_title(&p.blocks, rel));
    Article {
        slug: slug_from_path(rel),
        file: rel.to_string(),
        format: Format::PlainText,
        title,
        date: p.date,
        source_url: p.source_url,
        outlet: p.outlet,
        byline: p.byline,
        place: p.place,
        tags: vec![],
        description: None,
        blocks: p.blocks,
        hash,
    }
}

/// A title for an article that has none: the start of its first body sentence.
pub fn derived_title(blocks: &[Block], rel: &str) -> Field<String> {
    let first = blocks.iter().find(|b| b.kind == BlockKind::Body);
    match first {
        Some(b) => {
            let sentence = b
                .text
                .split_inclusive(['.', '!', '?'])
                .next()
                .unwrap_or(&b.text);
            let words: Vec<&str> = sentence.split_whitespace().collect();
            let mut title = words.iter().take(14).copied().collect::<Vec<_>>().join(" ");
            title = title
                .trim_matches(|c: char| "“”\"'‘’".contains(c))
                .to_string();
            if words.len() > 14 {
                title.push('…');
            }
            Field {
                value: title,
                source: Provenance::Derived,
                raw: format!("first sentence, line {}", b.line),
            }
        }
        None => Field {
            value: slug_from_path(rel),
            source: Provenance::FileName,
            raw: rel.to_string(),
        },
    }
}

/// URL-safe slug from a file path: `2023/Foo Bar.txt` → `2023-foo-bar`. A slug longer than
/// [`MAX_SLUG`] (deep folders flattened, or a long non-Latin name spelt out in ASCII) is cut at
/// a word and given a hash of the whole, so it stays unique and fits any file system's name limit.
pub fn slug_from_path(rel: &str) -> String {
    let stem = rel.rsplit_once('.').map(|(s, _)| s).unwrap_or(rel);
    let slug = slugify(stem);
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let head = &slug[..MAX_SLUG - 9];
    let head = head.rsplit_once('-').map_or(head, |(h, _)| h);
    let hash = blake3::hash(slug.as_bytes()).to_hex();
    format!("{head}-{}", &hash[..8])
}

/// The longest slug [`slug_from_path`] makes (bytes; slugs are ASCII).
pub const MAX_SLUG: usize = 120;

/// Lower-case ASCII words joined by `-`.
pub fn slugify(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "untitled".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_slugs_are_cut_and_stay_unique() {
        let deep = format!("{}/a.txt", ["folder-name-of-some-length"; 30].join("/"));
        let other = format!("{}/b.txt", ["folder-name-of-some-length"; 30].join("/"));
        let (a, b) = (slug_from_path(&deep), slug_from_path(&other));
        assert!(a.len() <= MAX_SLUG && b.len() <= MAX_SLUG, "{a}");
        assert_ne!(a, b);
        assert!(a.starts_with("folder-name-of-some-length-folder"), "{a}");
        let cjk = "新闻".repeat(100) + ".txt";
        assert!(slug_from_path(&cjk).len() <= MAX_SLUG);
        assert_eq!(slug_from_path("2023/Foo Bar.txt"), "2023-foo-bar");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug_from_path("000_32d3fc73349f1f9f.txt"),
            "000_32d3fc73349f1f9f"
        );
        assert_eq!(
            slug_from_path("2023/Zélensky à Tokyo.md"),
            "2023-zelensky-a-tokyo"
        );
        assert_eq!(slugify("!!!"), "untitled");
    }
}
