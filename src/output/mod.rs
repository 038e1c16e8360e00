//! Writing the site. The output folder is replaced whole and only when every file was written:
//! a build takes a lock beside the folder ([`swap::lock`]), writes into a fresh staging folder,
//! adds a manifest of what it wrote, and exchanges the two folders in one step. A folder is
//! replaced only when the last build's manifest lists everything in it ([`guard`]), so `--output`
//! can never wipe a folder factsite did not write.

mod guard;
mod swap;

pub use guard::{
    MANIFEST, check_not_sources, check_output_dir, refuse_foreign_folder, write_manifest,
};
pub use swap::{OutputLock, lock};

use crate::error::{Error, Result};
use crate::render::{OutFile, Sink};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Builds the site into `staging` (from [`OutputLock::staging`]) and swaps it in for `out`.
/// `render` hands each file to the sink it is given as soon as the file is made (it is written
/// at once, so a large site never sits in memory whole) and returns every path it handed over.
/// `lock` is the lock on `out` taken before the build (see [`lock`]); stale staging folders
/// were cleared with it. If rendering or writing fails, the staging folder is removed and `out`
/// is left as it was. Returns the number of files written.
pub fn write_site(
    out: &Path,
    lock: &OutputLock,
    staging: PathBuf,
    render: impl FnOnce(Sink<'_>) -> Result<Vec<String>>,
) -> Result<usize> {
    let write = |f: OutFile| write_file(&staging, &f).map_err(|e| write_error(&f, e));
    let paths = render(&write);
    // The output folder may have changed while the site was rendered: it is checked file by
    // file, under the lock, while the staging folder is cleared of the site before last.
    let swapped = paths.and_then(|paths| {
        let (cleared, ours) = std::thread::scope(|s| {
            let ours = s.spawn(|| guard::refuse_foreign_folder(out));
            let cleared = finish_staging(&staging, &paths);
            let ours = ours
                .join()
                .unwrap_or_else(|_| Err(Error::Output("checking the output folder failed".into())));
            (cleared, ours)
        });
        ours?;
        cleared?;
        lock.swap_in(&staging)?;
        Ok(paths.len())
    });
    if swapped.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    swapped
}

/// Removes what the site before last left in `staging` and writes the manifest of `paths`.
fn finish_staging(staging: &Path, paths: &[String]) -> Result<()> {
    remove_others(staging, paths).map_err(|e| Error::io(staging, e))?;
    guard::write_manifest(staging, paths.iter().map(String::as_str))
        .map_err(|e| Error::io(staging.join(MANIFEST), e))
}

/// Writes every file under `dir`, creating folders as needed. An error names the file's place in
/// the site and, for a copied file, the input it comes from.
pub fn write_files(dir: &Path, files: &[OutFile]) -> Result<()> {
    for f in files {
        write_file(dir, f).map_err(|e| write_error(f, e))?;
    }
    Ok(())
}

/// Writes one file under `dir`: its bytes, or a streamed copy of its source. An existing file
/// is overwritten; in a recycled staging folder a file standing where a folder goes now (or a
/// folder where a file goes) is removed first.
pub fn write_file(dir: &Path, f: &OutFile) -> io::Result<()> {
    let path = dir.join(&f.path);
    write_at(&path, f).or_else(|_| {
        clear_way(dir, &path)?;
        write_at(&path, f)
    })
}

fn write_at(path: &Path, f: &OutFile) -> io::Result<()> {
    if let Some(p) = path.parent().filter(|p| !p.is_dir()) {
        fs::create_dir_all(p)?;
    }
    match &f.copy_of {
        Some(src) => copy_file(src, path),
        None => overwrite(path, &f.bytes),
    }
}

/// Writes `bytes` as the whole of the file at `path`, over what it held before without first
/// cutting it to nothing. On ext4 a file cut to zero length and written again is flushed to
/// disk when it is closed (`auto_da_alloc`, a guard for programs that replace files in place),
/// and a build overwrites the thousands of files of the site before last: that flush made
/// rendering wait on the disk. A crash leaves nothing half-written that matters: the folder
/// is not swapped in until every file is written.
fn overwrite(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = (fs::OpenOptions::new().write(true).create(true))
        .truncate(false)
        .open(path)?;
    file.write_all(bytes)?;
    let len = bytes.len() as u64;
    if file.metadata()?.len() != len {
        file.set_len(len)?;
    }
    Ok(())
}

/// Removes what stands in the way of writing `path` under `dir`: files where its folders go,
/// a folder where it goes.
fn clear_way(dir: &Path, path: &Path) -> io::Result<()> {
    let rel = path.strip_prefix(dir).map_err(io::Error::other)?;
    let parts: Vec<_> = rel.components().collect();
    let mut at = dir.to_path_buf();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let last = i + 1 == parts.len();
        match fs::symlink_metadata(&at) {
            Ok(m) if last && m.is_dir() => fs::remove_dir_all(&at)?,
            Ok(m) if !last && !m.is_dir() => fs::remove_file(&at)?,
            _ => {}
        }
    }
    Ok(())
}

/// Removes from a staging folder every file this build did not write (a recycled folder holds
/// the site before last) and the folders left empty.
fn remove_others(dir: &Path, written: &[String]) -> io::Result<()> {
    let keep: std::collections::HashSet<&str> = written.iter().map(String::as_str).collect();
    let walk = walkdir::WalkDir::new(dir).min_depth(1).contents_first(true);
    for entry in walk {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_dir() {
            // Not empty: it holds files this build wrote.
            let _ = fs::remove_dir(entry.path());
        } else if !keep.contains(rel.as_str()) {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Copies `src` to `dest` by streaming (never the whole file in memory) and without carrying
/// over the source's permissions (a site file is never executable).
pub fn copy_file(src: &Path, dest: &Path) -> io::Result<()> {
    let mut from = fs::File::open(src)?;
    let mut to = fs::File::create(dest)?;
    io::copy(&mut from, &mut to)?;
    Ok(())
}

fn write_error(f: &OutFile, e: io::Error) -> Error {
    let too_long = e.raw_os_error() == Some(36) || e.kind() == io::ErrorKind::InvalidFilename;
    let from = match &f.copy_of {
        Some(src) => format!(" (a copy of {})", src.display()),
        None => String::new(),
    };
    let hint = if too_long {
        "; the path is too long for this file system: rename the input to a shorter name"
    } else {
        ""
    };
    Error::Output(format!(
        "cannot write {}{from} into the site: {e}{hint}",
        f.path
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overwritten_file_holds_exactly_the_new_bytes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("page.html");
        for text in [
            "a long first version of the page",
            "short",
            "",
            "longer again: 12345",
        ] {
            overwrite(&path, text.as_bytes()).expect("write");
            assert_eq!(fs::read_to_string(&path).expect("read"), text);
        }
    }
}
