//! Writing the site: build into a fresh temporary folder beside the output, then swap it in only
//! when everything was written. Refuses output folders that would overwrite the site's sources.

use crate::error::{Error, Result};
use crate::render::OutFile;
use std::fs;
use std::path::{Path, PathBuf};

/// Refuses an output folder that is, or contains, the site root or one of its source folders.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<()> {
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
    refuse_foreign_folder(&out)
}

/// The output folder is replaced wholesale, so it must be empty or a previous factsite build
/// (recognised by the `.nojekyll` file every build writes).
fn refuse_foreign_folder(out: &Path) -> Result<()> {
    let Ok(mut entries) = fs::read_dir(out) else {
        return Ok(());
    };
    if entries.next().is_some() && !out.join(".nojekyll").exists() {
        return Err(Error::Output(format!(
            "refusing to replace {}: it is not empty and was not written by factsite; remove it or choose another --output",
            out.display()
        )));
    }
    Ok(())
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

/// Writes `files` into a temporary folder beside `out` and swaps it in.
pub fn write_site(out: &Path, files: &[OutFile]) -> Result<()> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.tmp-"))
        .tempdir_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    write_files(staging.path(), files)?;
    swap_in(staging.keep(), out)
}

/// Writes every file under `dir`, creating folders as needed.
pub fn write_files(dir: &Path, files: &[OutFile]) -> Result<()> {
    for f in files {
        let path = dir.join(&f.path);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(|e| Error::io(p, e))?;
        }
        fs::write(&path, &f.bytes).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// Replaces `out` by `staged`: the old folder is moved aside first, then removed.
fn swap_in(staged: PathBuf, out: &Path) -> Result<()> {
    if out.exists() {
        if !out.is_dir() {
            let _ = fs::remove_dir_all(&staged);
            return Err(Error::Output(format!(
                "{} exists and is not a folder; remove it or choose another --output",
                out.display()
            )));
        }
        let old = staged.with_extension("old");
        fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
        fs::rename(&staged, out).map_err(|e| Error::io(out, e))?;
        fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    } else {
        fs::rename(&staged, out).map_err(|e| Error::io(out, e))?;
    }
    Ok(())
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
    fn refuses_folders_not_written_by_factsite() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        fs::create_dir(&out).unwrap();
        assert!(
            check_output_dir(tmp.path(), &out).is_ok(),
            "empty folder is fine"
        );
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = check_output_dir(tmp.path(), &out).unwrap_err().to_string();
        assert!(err.contains("not written by factsite"), "{err}");
        fs::write(out.join(".nojekyll"), "").unwrap();
        assert!(check_output_dir(tmp.path(), &out).is_ok());
    }
}
