//! Maps a request's URL path to a file inside the served folder, and nothing else: `..` segments,
//! percent-encoded separators and dots, backslashes, drive letters, NUL bytes and hidden files are
//! refused before the file system is touched; symlinks that lead out of the folder are refused after
//! resolving them.

use percent_encoding::percent_decode_str;
use std::path::{Path, PathBuf};

/// Why a path was refused: maps to the HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Malformed or hostile (`..`, `%2f`, `\`, NUL, bad UTF-8): 400.
    BadRequest,
    /// Not there, hidden, or outside the folder: 404.
    NotFound,
}

/// The outcome of resolving a URL path against the served folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A regular file inside the folder (for a folder: its `index.html`).
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect so relative links work.
    AddSlash,
}

/// Splits a raw (still percent-encoded) URL path into safe, decoded segments.
pub fn segments(raw_path: &str) -> Result<Vec<String>, Refused> {
    let mut out = Vec::new();
    for raw in raw_path.split('/') {
        let seg = percent_decode_str(raw)
            .decode_utf8()
            .map_err(|_| Refused::BadRequest)?;
        if seg.contains(['/', '\\', '\0', ':']) {
            return Err(Refused::BadRequest);
        }
        match seg.as_ref() {
            "" | "." => continue,
            ".." => return Err(Refused::BadRequest),
            s if s.starts_with('.') => return Err(Refused::NotFound),
            s => out.push(s.to_string()),
        }
    }
    Ok(out)
}

/// Resolves `raw_path` inside `root` (which must be canonical).
pub fn resolve(root: &Path, raw_path: &str) -> Result<Resolved, Refused> {
    let segs = segments(raw_path)?;
    let mut path = root.to_path_buf();
    path.extend(&segs);
    let real = path.canonicalize().map_err(|_| Refused::NotFound)?;
    if !real.starts_with(root) {
        return Err(Refused::NotFound);
    }
    if real.is_dir() {
        if !raw_path.ends_with('/') {
            return Ok(Resolved::AddSlash);
        }
        let index = real
            .join("index.html")
            .canonicalize()
            .map_err(|_| Refused::NotFound)?;
        if !index.starts_with(root) || !index.is_file() {
            return Err(Refused::NotFound);
        }
        return Ok(Resolved::File(index));
    }
    if real.is_file() {
        Ok(Resolved::File(real))
    } else {
        Err(Refused::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_traversal_forms() {
        use Refused::*;
        let cases = [
            ("/../etc/passwd", BadRequest),
            ("/a/../../etc/passwd", BadRequest),
            ("/%2e%2e/etc/passwd", BadRequest),
            ("/%2E%2E%2Fetc%2Fpasswd", BadRequest),
            ("/..%2f..%2fetc/passwd", BadRequest),
            ("/a%2fb", BadRequest),
            ("/..\\..\\etc\\passwd", BadRequest),
            ("/a%5c..%5cb", BadRequest),
            ("/index.html%00.txt", BadRequest),
            ("/C:/Windows/win.ini", BadRequest),
            ("/%ff", BadRequest),
            ("/.git/config", NotFound),
            ("/a/.hidden", NotFound),
        ];
        for (path, want) in cases {
            assert_eq!(segments(path), Err(want), "{path}");
        }
    }

    #[test]
    fn decodes_ordinary_paths() {
        assert_eq!(
            segments("//articles/caf%C3%A9/./index.html").unwrap(),
            ["articles", "café", "index.html"]
        );
        assert!(segments("/").unwrap().is_empty());
    }

    #[test]
    fn symlink_out_is_not_found() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "s").unwrap();
        let site = tempfile::tempdir().unwrap();
        let root = site.path().canonicalize().unwrap();
        std::fs::write(root.join("ok.txt"), "ok").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
        assert!(matches!(resolve(&root, "/ok.txt"), Ok(Resolved::File(_))));
        #[cfg(unix)]
        assert_eq!(resolve(&root, "/out/secret.txt"), Err(Refused::NotFound));
        assert_eq!(resolve(&root, "/missing"), Err(Refused::NotFound));
    }
}
