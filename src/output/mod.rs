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
use std::path::Path;

/// Builds the site into a staging folder beside `out` and swaps it in. `render` hands each file
/// to the sink it is given as soon as the file is made (it is written at once, so a large site
/// never sits in memory whole) and returns every path it handed over. `lock` is the lock on
/// `out` taken before the build (see [`lock`]); stale staging folders were cleared with it. If
/// rendering or writing fails, the staging folder is removed and `out` is left as it was.
/// Returns the number of files written.
pub fn write_site(
    out: &Path,
    lock: &OutputLock,
    render: impl FnOnce(Sink<'_>) -> Result<Vec<String>>,
) -> Result<usize> {
    let staging = lock.staging()?;
    let write = |f: OutFile| write_file(&staging, &f).map_err(|e| write_error(&f, e));
    let written = render(&write).and_then(|paths| {
        let manifest = guard::write_manifest(&staging, paths.iter().map(String::as_str));
        manifest
            .map(|()| paths.len())
            .map_err(|e| Error::io(staging.join(MANIFEST), e))
    });
    // The folder may have changed while the site was rendered: check it again, under the lock.
    let swapped = written.and_then(|n| {
        guard::refuse_foreign_folder(out)?;
        lock.swap_in(&staging)?;
        Ok(n)
    });
    if swapped.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    swapped
}

/// Writes every file under `dir`, creating folders as needed. An error names the file's place in
/// the site and, for a copied file, the input it comes from.
pub fn write_files(dir: &Path, files: &[OutFile]) -> Result<()> {
    for f in files {
        write_file(dir, f).map_err(|e| write_error(f, e))?;
    }
    Ok(())
}

/// Writes one file under `dir`: its bytes, or a streamed copy of its source.
pub fn write_file(dir: &Path, f: &OutFile) -> io::Result<()> {
    let path = dir.join(&f.path);
    if let Some(p) = path.parent().filter(|p| !p.is_dir()) {
        fs::create_dir_all(p)?;
    }
    match &f.copy_of {
        Some(src) => copy_file(src, &path),
        None => fs::write(&path, &f.bytes),
    }
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
