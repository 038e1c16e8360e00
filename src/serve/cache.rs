//! Caches for incremental rebuilds: file hashes keyed by path (re-read only when the size or
//! modification time changed, or the watcher named the file), and the content stage's per-file
//! ingest result keyed by content hash, so an edit to one article re-ingests one article.

use crate::content::{self, Corpus, Loaded, Warning, discover::Source};
use crate::error::{Error, Result};
use crate::xref::claims::{self, ArticleClaims};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

pub type Hash = blake3::Hash;

/// What is known about one input file.
#[derive(Debug, Clone)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: Hash,
}

/// Hashes of files under a set of folders, refreshed cheaply.
#[derive(Debug, Default)]
pub struct FileHashes {
    stamps: HashMap<PathBuf, Stamp>,
}

impl FileHashes {
    /// The file's current hash and bytes if they had to be read; `None` if it vanished meanwhile
    /// (editors delete and recreate). `force` re-reads even when the stat looks unchanged.
    pub fn refresh(&mut self, path: &Path, force: bool) -> Result<Option<(Hash, Option<Vec<u8>>)>> {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(path, e)),
        };
        let (len, modified) = (meta.len(), meta.modified().ok());
        if let Some(s) = self.stamps.get(path)
            && !force
            && s.len == len
            && s.modified == modified
            && modified.is_some()
        {
            return Ok(Some((s.hash, None)));
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(path, e)),
        };
        let hash = blake3::hash(&bytes);
        self.stamps.insert(
            path.to_path_buf(),
            Stamp {
                len,
                modified,
                hash,
            },
        );
        Ok(Some((hash, Some(bytes))))
    }

    /// Forgets files no longer present.
    pub fn retain(&mut self, keep: &HashSet<PathBuf>) {
        self.stamps.retain(|p, _| keep.contains(p));
    }
}

/// One content file's ingest result, valid for the bytes with `hash`.
#[derive(Debug, Clone)]
struct Ingested {
    hash: Hash,
    result: (Vec<Warning>, Loaded),
}

/// The content stage, cached per file.
#[derive(Debug, Default)]
pub struct SourceCache {
    hashes: FileHashes,
    /// By path relative to `content/`.
    items: BTreeMap<String, Ingested>,
    /// Discovery order of the last refresh.
    order: Vec<String>,
    /// Files ingested by the last refresh (for the terminal and tests).
    pub last_ingested: Vec<String>,
}

impl SourceCache {
    /// Brings the cache up to date with `content/`; returns whether anything (a file's bytes, or
    /// the set of files) changed since the previous refresh. `hinted` are the paths the watcher
    /// named (empty: not known). When they name only files the last refresh found, just those are
    /// re-read (`refresh_named`); otherwise the folder is rescanned (a stat per file) and
    /// only files whose bytes changed are re-ingested.
    pub fn refresh(&mut self, content_dir: &Path, hinted: &HashSet<PathBuf>) -> Result<bool> {
        if let Some(changed) = self.refresh_named(content_dir, hinted)? {
            return Ok(changed);
        }
        let mut sources = content::discover::discover(content_dir)?;
        let mut todo: Vec<(Source, Hash, Vec<u8>)> = Vec::new();
        let mut present = Vec::with_capacity(sources.len());
        for src in sources.drain(..) {
            let Some((hash, bytes)) = self.hashes.refresh(&src.path, hinted.contains(&src.path))?
            else {
                continue;
            };
            present.push(src.clone());
            if self.items.get(&src.rel).is_some_and(|i| i.hash == hash) {
                continue;
            }
            let bytes = match bytes {
                Some(b) => b,
                None => std::fs::read(&src.path).map_err(|e| Error::io(&src.path, e))?,
            };
            todo.push((src, hash, bytes));
        }
        let sources = present;
        let changed = !todo.is_empty()
            || sources.len() != self.order.len()
            || sources.iter().zip(&self.order).any(|(s, o)| &s.rel != o);
        self.ingest(todo)?;
        self.order = sources.iter().map(|s| s.rel.clone()).collect();
        let present: HashSet<&String> = self.order.iter().collect();
        self.items.retain(|rel, _| present.contains(rel));
        self.hashes
            .retain(&sources.iter().map(|s| s.path.clone()).collect());
        Ok(changed)
    }

    /// The refresh without walking the folder, when the watcher named what changed (`hinted`)
    /// and every path it named under `content_dir` is a file the last refresh found, still a
    /// plain file: those files are re-read, and re-ingested if their bytes changed. The set of
    /// files is the same, since the watcher names a file created, deleted or renamed too (and
    /// that makes this give way to a rescan). `None` when it does not hold: nothing named, no
    /// refresh yet, or a path named that is new, gone, a folder or a link.
    fn refresh_named(
        &mut self,
        content_dir: &Path,
        hinted: &HashSet<PathBuf>,
    ) -> Result<Option<bool>> {
        if hinted.is_empty() || self.order.is_empty() {
            return Ok(None);
        }
        let mut named: Vec<&PathBuf> = (hinted.iter())
            .filter(|p| p.starts_with(content_dir))
            .collect();
        named.sort();
        let mut todo = Vec::new();
        for path in named {
            let src = Source::at(content_dir, path);
            let plain_file = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
            let Some(known) = self.items.get(&src.rel).filter(|_| plain_file) else {
                return Ok(None);
            };
            let Some((hash, bytes)) = self.hashes.refresh(path, true)? else {
                return Ok(None); // gone meanwhile
            };
            if known.hash != hash {
                todo.push((src, hash, bytes.unwrap_or_default()));
            }
        }
        let changed = !todo.is_empty();
        self.ingest(todo)?;
        Ok(Some(changed))
    }

    /// Ingests the files of `todo` (in parallel) into the cache and notes them as the last
    /// ingested.
    fn ingest(&mut self, todo: Vec<(Source, Hash, Vec<u8>)>) -> Result<()> {
        let done: Vec<(String, Ingested)> = todo
            .par_iter()
            .map(|(src, hash, bytes)| {
                let result = content::load_source(src, bytes)?;
                Ok((
                    src.rel.clone(),
                    Ingested {
                        hash: *hash,
                        result,
                    },
                ))
            })
            .collect::<Result<_>>()?;
        self.last_ingested = done.iter().map(|(rel, _)| rel.clone()).collect();
        self.items.extend(done);
        Ok(())
    }

    /// The corpus from the cached results, in discovery order.
    pub fn corpus(&self) -> Result<Corpus> {
        content::assemble(
            self.order
                .iter()
                .filter_map(|rel| self.items.get(rel))
                .map(|i| i.result.clone()),
        )
    }

    /// A hash over every file's path and content hash.
    pub fn fingerprint(&self) -> Hash {
        let mut h = blake3::Hasher::new();
        for rel in &self.order {
            if let Some(i) = self.items.get(rel) {
                h.update(rel.as_bytes());
                h.update(i.hash.as_bytes());
            }
        }
        h.finalize()
    }
}

/// The cross-reference pass's per-article work (claim extraction), keyed by file and content hash.
#[derive(Debug, Default)]
pub struct ClaimCache {
    by_key: HashMap<(String, String), ArticleClaims>,
    /// Articles extracted by the last call (for tests and the terminal).
    pub last_extracted: usize,
}

impl ClaimCache {
    /// One article's claims, extracted unless seen before.
    pub fn claims_of(&mut self, a: &content::Article) -> ArticleClaims {
        self.by_key
            .entry((a.file.clone(), a.hash.clone()))
            .or_insert_with(|| claims::extract(a))
            .clone()
    }

    /// Every article's claims in corpus order, extracting only articles not seen before.
    /// They are lent: the pass copies them beside its other work.
    pub fn claims_for(&mut self, corpus: &Corpus) -> Vec<Cow<'_, ArticleClaims>> {
        let key = |a: &Arc<content::Article>| (a.file.clone(), a.hash.clone());
        let missing: Vec<&Arc<content::Article>> = corpus
            .articles
            .iter()
            .filter(|a| !self.by_key.contains_key(&key(a)))
            .collect();
        self.last_extracted = missing.len();
        let fresh: Vec<_> = missing
            .par_iter()
            .map(|a| (key(a), claims::extract(a)))
            .collect();
        self.by_key.extend(fresh);
        let keys: HashSet<(String, String)> = corpus.articles.iter().map(key).collect();
        self.by_key.retain(|k, _| keys.contains(k));
        let by_key = &self.by_key;
        (corpus.articles.iter())
            .map(|a| {
                by_key
                    .get(&key(a))
                    .map_or_else(Default::default, Cow::Borrowed)
            })
            .collect()
    }
}

/// Hashes of every file under `dir` (relative `/`-separated path → hash), skipping editor leftovers.
pub fn hash_tree(
    hashes: &mut FileHashes,
    dir: &Path,
    hinted: &HashSet<PathBuf>,
) -> Result<BTreeMap<String, Hash>> {
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !content::discover::is_ignored(&e.file_name().to_string_lossy())
        });
    for entry in walker {
        let entry = entry.map_err(|e| Error::io(dir, e.into()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let Some((hash, _)) = hashes.refresh(path, hinted.contains(path))? else {
            continue;
        };
        let rel = path.strip_prefix(dir).unwrap_or(path);
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        out.insert(rel, hash);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, title: &str) {
        let text = format!(
            "{title}\n2023-05-19\nThe minister said on Tuesday that 600 million dollars were pledged to {title}.\n"
        );
        std::fs::write(dir.join(name), text).unwrap();
    }

    #[test]
    fn one_edit_reingests_and_reextracts_one_article() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        for (n, t) in [("a.txt", "Alpha"), ("b.txt", "Beta"), ("c.txt", "Gamma")] {
            write(&content, n, t);
        }
        let (mut sources, mut claims) = (SourceCache::default(), ClaimCache::default());
        assert!(sources.refresh(&content, &HashSet::new()).unwrap());
        assert_eq!(sources.last_ingested.len(), 3);
        let corpus = sources.corpus().unwrap();
        assert_eq!(claims.claims_for(&corpus).len(), 3);
        assert_eq!(claims.last_extracted, 3);

        assert!(!sources.refresh(&content, &HashSet::new()).unwrap());
        let hinted: HashSet<PathBuf> = [content.join("a.txt")].into();
        assert!(!sources.refresh(&content, &hinted).unwrap(), "same bytes");

        write(&content, "b.txt", "Beta edited");
        assert!(
            sources
                .refresh(&content, &[content.join("b.txt")].into())
                .unwrap()
        );
        assert_eq!(sources.last_ingested, ["b.txt"]);
        let corpus = sources.corpus().unwrap();
        claims.claims_for(&corpus);
        assert_eq!(claims.last_extracted, 1);
        assert_eq!(corpus.articles.len(), 3);

        std::fs::remove_file(content.join("c.txt")).unwrap();
        assert!(sources.refresh(&content, &HashSet::new()).unwrap());
        assert_eq!(sources.corpus().unwrap().articles.len(), 2);
    }

    #[test]
    fn named_known_files_are_reread_without_a_rescan_and_anything_else_rescans() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        write(&content, "a.txt", "Alpha");
        write(&content, "b.txt", "Beta");
        let mut sources = SourceCache::default();
        let named = |names: &[&str]| -> HashSet<PathBuf> {
            names.iter().map(|n| content.join(n)).collect()
        };
        assert!(sources.refresh(&content, &named(&["a.txt"])).unwrap());
        // Each article's last word ("… pledged to Alpha.").
        let titles = |s: &SourceCache| -> Vec<String> {
            let corpus = s.corpus().unwrap();
            let last = |t: &str| {
                t.trim_end_matches('.')
                    .rsplit(' ')
                    .next()
                    .unwrap()
                    .to_string()
            };
            corpus
                .articles
                .iter()
                .map(|a| last(&a.title.value))
                .collect()
        };
        // A file the watcher did not name is not seen while it names only known files: the
        // named one is re-read even though its size and time may look the same.
        write(&content, "c.txt", "Gamma");
        write(&content, "b.txt", "Bets");
        assert!(sources.refresh(&content, &named(&["b.txt"])).unwrap());
        assert_eq!(sources.last_ingested, ["b.txt"]);
        assert_eq!(titles(&sources), ["Alpha", "Bets"]);
        // Named but unchanged, or only other inputs named: nothing changed.
        assert!(!sources.refresh(&content, &named(&["a.txt"])).unwrap());
        let template: HashSet<PathBuf> = [dir.path().join("templates/page.html")].into();
        assert!(!sources.refresh(&content, &template).unwrap());
        // A new file, a deleted one or a folder named: the folder is rescanned.
        assert!(sources.refresh(&content, &named(&["c.txt"])).unwrap());
        assert_eq!(titles(&sources), ["Alpha", "Bets", "Gamma"]);
        std::fs::remove_file(content.join("b.txt")).unwrap();
        assert!(
            sources
                .refresh(&content, &named(&["a.txt", "b.txt"]))
                .unwrap()
        );
        assert_eq!(titles(&sources), ["Alpha", "Gamma"]);
        std::fs::create_dir(content.join("sub")).unwrap();
        write(&content.join("sub"), "d.txt", "Delta");
        assert!(sources.refresh(&content, &named(&["sub"])).unwrap());
        assert_eq!(titles(&sources), ["Alpha", "Gamma", "Delta"]);
    }
}
