//! Replacing the output folder so that a build killed at any moment leaves either the old site
//! or the new one, never neither. One build at a time holds a lock file beside the folder
//! (`.site.lock` for `site/`); under it, what a killed build left (staging folders, an old site
//! moved aside) is cleared or put back, and the finished staging folder is exchanged with the
//! output in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`; two renames elsewhere, with
//! the old site put back by the next build if a kill falls between them).

use crate::error::{Error, Result};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The lock on one output folder, held for a whole build (dropped: released).
pub struct OutputLock {
    file: Option<fs::File>,
    path: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
}

/// Takes the lock on `out`, or says another build holds it; then clears what killed builds left.
pub fn lock(out: &Path) -> Result<OutputLock> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    let path = parent.join(format!(".{name}.lock"));
    let file = lock_file(&path).map_err(|e| match e {
        fs::TryLockError::WouldBlock => Error::Output(format!(
            "another factsite build is writing {} (it holds {}); wait for it to finish and build again",
            out.display(),
            path.display()
        )),
        fs::TryLockError::Error(e) => Error::io(&path, e),
    })?;
    let lock = OutputLock {
        file,
        path,
        out: out.to_path_buf(),
        parent,
        name,
    };
    lock.recover()?;
    Ok(lock)
}

/// Creates and locks the lock file at `path` (`None`: the file system has no locks, go on
/// unlocked rather than refuse to build). The holder removes the file when done, so a file
/// locked just as it was removed is not the lock: then try again with a fresh one.
fn lock_file(path: &Path) -> std::result::Result<Option<fs::File>, fs::TryLockError> {
    loop {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(fs::TryLockError::Error)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                return Ok(None);
            }
            Err(e) => return Err(e),
        }
        if same_file(&file, path) {
            return Ok(Some(file));
        }
    }
}

#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &fs::File, _: &Path) -> bool {
    true
}

impl Drop for OutputLock {
    /// Removes the lock file while still holding the lock (see [`lock_file`]).
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

impl OutputLock {
    /// A staging folder beside the output: the site before last (see [`Self::swap_in`]) when it
    /// is there and holds only what its manifest lists, so the build overwrites its files in
    /// place; else a fresh, empty folder. Creating and deleting every file on each build is
    /// what most of a build's system time went to (ext4 looks through recently deleted inodes
    /// for every new one); overwriting an existing file keeps its inode.
    pub fn staging(&self) -> Result<PathBuf> {
        let dir = tempfile::Builder::new()
            .prefix(&self.staging_prefix())
            .tempdir_in(&self.parent)
            .map_err(|e| Error::io(&self.parent, e))?
            .keep();
        let spare = self.spare();
        let ours = fs::symlink_metadata(&spare).is_ok_and(|m| m.is_dir())
            && spare.join(super::MANIFEST).is_file()
            && super::guard::refuse_foreign_folder(&spare).is_ok();
        if ours && fs::remove_dir(&dir).is_ok() && fs::rename(&spare, &dir).is_err() {
            fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        Ok(dir)
    }

    /// Puts `staged` in place of the output folder; the old site is kept aside as the next
    /// build's staging folder (`.site.spare` for `site/`).
    pub fn swap_in(&self, staged: &Path) -> Result<()> {
        let out = &self.out;
        if !out.exists() {
            return fs::rename(staged, out).map_err(|e| Error::io(out, e));
        }
        if exchange(staged, out).map_err(|e| Error::io(out, e))? {
            // `staged` now holds the old site. A kill here leaves it for the next build to clear.
            self.keep_spare(staged);
            return Ok(());
        }
        let old = self.parent.join(format!(
            "{}{}",
            self.old_prefix(),
            staged.to_string_lossy().rsplit('-').next().unwrap_or("x")
        ));
        fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
        if let Err(e) = fs::rename(staged, out) {
            let _ = fs::rename(&old, out);
            return Err(Error::io(out, e));
        }
        self.keep_spare(&old);
        Ok(())
    }

    /// Keeps the replaced site `old` as the spare, or removes it when that fails.
    fn keep_spare(&self, old: &Path) {
        let spare = self.spare();
        if fs::symlink_metadata(&spare).is_err() && fs::rename(old, &spare).is_ok() {
            return;
        }
        let _ = fs::remove_dir_all(old);
    }

    /// The site before last, kept for the next build to overwrite.
    fn spare(&self) -> PathBuf {
        self.parent.join(format!(".{}.spare", self.name))
    }

    fn staging_prefix(&self) -> String {
        format!(".{}.tmp-", self.name)
    }

    fn old_prefix(&self) -> String {
        format!(".{}.old-", self.name)
    }

    /// Under the lock every staging folder and moved-aside site is a killed build's: an old site
    /// goes back in place when the output is missing (the kill fell between two renames); the
    /// rest is removed.
    fn recover(&self) -> Result<()> {
        let legacy_old = format!(".{}.old", self.name);
        let mut stale = Vec::new();
        let entries = fs::read_dir(&self.parent).map_err(|e| Error::io(&self.parent, e))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let old = name.starts_with(&self.old_prefix()) || name == legacy_old;
            if old || name.starts_with(&self.staging_prefix()) {
                stale.push((old, entry.path()));
            }
        }
        stale.sort();
        for (old, path) in stale {
            if old && !self.out.exists() {
                fs::rename(&path, &self.out).map_err(|e| Error::io(&path, e))?;
            } else {
                fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
            }
        }
        Ok(())
    }
}

/// Exchanges two folders atomically; `false` when the OS or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP].contains(&e) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_build_is_told_another_one_runs() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let first = lock(&out).unwrap();
        let err = lock(&out).err().expect("second lock refused").to_string();
        assert!(err.contains("another factsite build"), "{err}");
        drop(first);
        assert!(lock(&out).is_ok(), "free again once the first is done");
    }

    #[test]
    fn what_a_killed_build_left_is_cleared_or_put_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        // Killed between the two renames: no site, the old one moved aside, a staging folder.
        fs::create_dir(tmp.path().join(".site.old-abc")).unwrap();
        fs::write(tmp.path().join(".site.old-abc/index.html"), "old").unwrap();
        fs::create_dir(tmp.path().join(".site.tmp-def")).unwrap();
        fs::create_dir(tmp.path().join(".other.tmp-1")).unwrap();
        let l = lock(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert!(!tmp.path().join(".site.tmp-def").exists());
        assert!(tmp.path().join(".other.tmp-1").exists(), "not ours");

        let staged = l.staging().unwrap();
        fs::write(staged.join("index.html"), "new").unwrap();
        l.swap_in(&staged).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
        let left: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".site.tmp") || n.starts_with(".site.old"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
