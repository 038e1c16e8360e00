//! Which folders a build may replace. Never the site's sources, and never a folder holding
//! anything the last factsite build did not write: every build leaves a manifest
//! ([`MANIFEST`]) listing its files, and a folder is replaced only when it holds nothing else.

use crate::error::{Error, Result};
use std::collections::BTreeSet;
use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

/// The list of files the last build wrote, one JSON string per line after a header line.
pub const MANIFEST: &str = ".factsite-manifest";

const HEADER: &str = "# factsite: the files the last build wrote here. factsite replaces this folder only while it holds nothing else.";

/// Refuses an output folder that is, or contains, the site root or one of its source folders,
/// and a folder holding files the last factsite build did not write.
/// Only the folder's top level is looked at here, so that pointing `--output` at a wrong folder
/// fails at once; the whole folder is checked again, file by file, just before it is replaced
/// ([`refuse_foreign_folder`] in `write_site`).
pub fn check_output_dir(root: &Path, out: &Path) -> Result<()> {
    check_not_sources(root, out)?;
    refuse_foreign(&absolute(out), 1)
}

/// Refuses an output folder that is, or contains, the site root or one of its source folders.
pub fn check_not_sources(root: &Path, out: &Path) -> Result<()> {
    let root = absolute(root);
    let out = absolute(out);
    let protected = ["content", "templates", "static"]
        .iter()
        .map(|d| root.join(d))
        .chain(std::iter::once(root.clone()));
    for p in protected {
        if p.starts_with(&out) || out.starts_with(&p) && p != root {
            return Err(Error::Output(format!(
                "refusing to write the site to {}: it is or contains the source folder {}; choose another --output",
                out.display(),
                p.display()
            )));
        }
    }
    Ok(())
}

/// The output folder is replaced wholesale, so it must be missing, empty, or hold only what the
/// last build's manifest lists; otherwise the first entry that is not ours is named.
pub fn refuse_foreign_folder(out: &Path) -> Result<()> {
    refuse_foreign(out, usize::MAX)
}

/// [`refuse_foreign_folder`], looking at most `depth` levels down.
fn refuse_foreign(out: &Path, depth: usize) -> Result<()> {
    let meta = match fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(out, e)),
        Ok(m) => m,
    };
    if !meta.is_dir() {
        let what = if meta.is_symlink() {
            "a symbolic link"
        } else {
            "not a folder"
        };
        return Err(Error::Output(format!(
            "refusing to replace {}: it is {what}; remove it or choose another --output",
            out.display()
        )));
    }
    let listed = read_manifest(out).map_err(|e| Error::io(out.join(MANIFEST), e))?;
    if let Some(foreign) = first_foreign(out, listed.as_ref(), depth)? {
        let older = listed.is_none() && out.join("data/articles.json").is_file();
        let why = match listed {
            Some(_) => "the last factsite build did not write it",
            // A site an older factsite wrote, before manifests: only the user can tell.
            None if older => {
                "the folder has no .factsite-manifest (an older factsite wrote sites without one; if this is such a site, delete the folder once and build again)"
            }
            None => "the folder has no .factsite-manifest, so factsite did not write it",
        };
        return Err(Error::Output(format!(
            "refusing to replace {}: it holds {} and {why}; move that away, or choose another --output",
            out.display(),
            foreign.display()
        )));
    }
    Ok(())
}

/// The first entry under `out` (in name order) that `listed` does not account for: a file not
/// listed, or a folder no listed file is in. With no manifest, any entry is foreign.
fn first_foreign(
    out: &Path,
    listed: Option<&BTreeSet<String>>,
    depth: usize,
) -> Result<Option<PathBuf>> {
    let folders: BTreeSet<&str> = listed
        .into_iter()
        .flatten()
        .flat_map(|p| p.match_indices('/').map(|(i, _)| &p[..i]))
        .collect();
    let walk = walkdir::WalkDir::new(out)
        .min_depth(1)
        .max_depth(depth)
        .sort_by_file_name();
    for entry in walk {
        let entry = entry.map_err(|e| Error::io(out, e.into()))?;
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
        let Some(rel_str) = rel.to_str().map(|r| r.replace('\\', "/")) else {
            return Ok(Some(entry.path().to_path_buf()));
        };
        let ours = match listed {
            None => false,
            // The manifest, serve's marker and its half-written files of a killed serve.
            Some(_) if rel_str.starts_with(".factsite-") && !rel_str.contains('/') => true,
            Some(_) if entry.file_type().is_dir() => folders.contains(rel_str.as_str()),
            Some(set) => set.contains(&rel_str),
        };
        if !ours {
            return Ok(Some(entry.path().to_path_buf()));
        }
    }
    Ok(None)
}

/// The manifest's paths, or `None` when the folder has none.
fn read_manifest(dir: &Path) -> io::Result<Option<BTreeSet<String>>> {
    let file = match fs::File::open(dir.join(MANIFEST)) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        other => other?,
    };
    let mut set = BTreeSet::new();
    for line in io::BufReader::new(file).lines() {
        let line = line?;
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let path: String = serde_json::from_str(&line)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        set.insert(path);
    }
    Ok(Some(set))
}

/// Writes the manifest of `paths` into `dir`.
pub fn write_manifest<'a>(dir: &Path, paths: impl Iterator<Item = &'a str>) -> io::Result<()> {
    let mut sorted: Vec<&str> = paths.collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut w = io::BufWriter::new(fs::File::create(dir.join(MANIFEST))?);
    writeln!(w, "{HEADER}")?;
    for p in sorted {
        writeln!(w, "{}", serde_json::Value::from(p))?;
    }
    w.flush()
}

/// Lexically absolute path (the output folder may not exist yet, so no canonicalize on it).
fn absolute(p: &Path) -> PathBuf {
    let base = if p.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().unwrap_or_default()
    };
    let mut out = base;
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_source_folders() {
        let root = Path::new("/tmp/x");
        assert!(check_output_dir(root, Path::new("/tmp/x")).is_err());
        assert!(check_output_dir(root, Path::new("/tmp/x/content")).is_err());
        assert!(check_output_dir(root, Path::new("/tmp/x/content/out")).is_err());
        assert!(check_output_dir(root, Path::new("/tmp")).is_err());
        assert!(check_output_dir(root, Path::new("/tmp/x/site-does-not-exist")).is_ok());
        assert!(check_output_dir(root, Path::new("/tmp/elsewhere-does-not-exist")).is_ok());
    }

    #[test]
    fn replaces_only_what_the_manifest_lists() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        fs::create_dir(&out).unwrap();
        assert!(refuse_foreign_folder(&out).is_ok(), "empty folder is fine");

        // A gh-pages clone that happens to hold a .nojekyll is not ours.
        fs::write(out.join(".nojekyll"), "").unwrap();
        fs::create_dir(out.join(".git")).unwrap();
        fs::write(out.join(".git/config"), "[core]").unwrap();
        let err = refuse_foreign_folder(&out).unwrap_err().to_string();
        assert!(
            err.contains(".git") && err.contains("no .factsite-manifest"),
            "{err}"
        );

        fs::remove_dir_all(out.join(".git")).unwrap();
        fs::create_dir(out.join("a")).unwrap();
        fs::write(out.join("a/index.html"), "x").unwrap();
        let paths = [".nojekyll", "a/index.html"];
        write_manifest(&out, paths.into_iter()).unwrap();
        assert!(refuse_foreign_folder(&out).is_ok(), "only listed files");

        fs::write(out.join("a/notes.txt"), "mine").unwrap();
        let err = refuse_foreign_folder(&out).unwrap_err().to_string();
        assert!(
            err.contains("notes.txt") && err.contains("did not write it"),
            "{err}"
        );
        fs::remove_file(out.join("a/notes.txt")).unwrap();

        fs::create_dir(out.join("b")).unwrap();
        let err = refuse_foreign_folder(&out).unwrap_err().to_string();
        assert!(
            err.contains("/b"),
            "an unlisted empty folder is foreign too: {err}"
        );
    }

    #[test]
    fn refuses_a_file_or_a_link_in_place_of_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("file");
        fs::write(&file, "x").unwrap();
        let err = refuse_foreign_folder(&file).unwrap_err().to_string();
        assert!(err.contains("not a folder"), "{err}");
        #[cfg(unix)]
        {
            let link = tmp.path().join("link");
            std::os::unix::fs::symlink(tmp.path(), &link).unwrap();
            let err = refuse_foreign_folder(&link).unwrap_err().to_string();
            assert!(err.contains("symbolic link"), "{err}");
        }
    }
}
