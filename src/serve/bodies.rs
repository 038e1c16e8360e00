//! Response bodies shared between requests. Under load every client asks for the same few
//! pages: each is read, given the live-reload script and hashed for its ETag once, and the
//! bytes are shared (not copied) by every response until the file or the build status changes.
//! The cache holds at most [`BUDGET`] bytes (least recently used out first); a file over
//! [`MAX_ENTRY`] is never cached, and one that needs no script is streamed from disk, so memory
//! stays bounded however many clients there are. Misses read at most [`READS`] files at once.

use bytes::Bytes;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;
use tokio::sync::{Semaphore, SemaphorePermit};

/// Largest file kept in memory.
pub const MAX_ENTRY: u64 = 4 * 1024 * 1024;
/// Bytes the cache holds at most.
pub const BUDGET: usize = 48 * 1024 * 1024;
/// Files read at once on a miss.
pub const READS: usize = 8;

/// What a cached body was made from: the file's size and time, and (for HTML with the
/// live-reload script) a fingerprint of the build status the script carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub modified: Option<SystemTime>,
    pub len: u64,
    pub view: u64,
}

#[derive(Debug, Clone)]
pub struct Body {
    pub bytes: Bytes,
    pub etag: String,
}

struct Entry {
    key: Key,
    body: Body,
    used: u64,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<PathBuf, Entry>,
    total: usize,
    tick: u64,
}

pub struct Bodies {
    inner: Mutex<Inner>,
    reads: Semaphore,
}

impl Default for Bodies {
    fn default() -> Self {
        Bodies {
            inner: Mutex::default(),
            reads: Semaphore::new(READS),
        }
    }
}

impl Bodies {
    /// The body cached for `path` if it was made from `key`.
    pub fn get(&self, path: &Path, key: &Key) -> Option<Body> {
        let mut inner = self.lock();
        inner.tick += 1;
        let tick = inner.tick;
        let e = inner.entries.get_mut(path).filter(|e| e.key == *key)?;
        e.used = tick;
        Some(e.body.clone())
    }

    /// Keeps `body` for `path`, dropping the least recently used bodies to stay in budget.
    pub fn put(&self, path: &Path, key: Key, body: Body) {
        let len = body.bytes.len();
        if len as u64 > MAX_ENTRY {
            return;
        }
        let mut inner = self.lock();
        if let Some(old) = inner.entries.remove(path) {
            inner.total -= old.body.bytes.len();
        }
        while inner.total + len > BUDGET {
            let Some(oldest) = (inner.entries.iter())
                .min_by_key(|(_, e)| e.used)
                .map(|(p, _)| p.clone())
            else {
                break;
            };
            if let Some(e) = inner.entries.remove(&oldest) {
                inner.total -= e.body.bytes.len();
            }
        }
        inner.tick += 1;
        let used = inner.tick;
        inner.total += len;
        inner
            .entries
            .insert(path.to_path_buf(), Entry { key, body, used });
    }

    /// A turn to read a file (a miss), so that many misses at once do not all hold a page.
    pub async fn read_turn(&self) -> Option<SemaphorePermit<'_>> {
        self.reads.acquire().await.ok()
    }

    /// Bytes held.
    pub fn total(&self) -> usize {
        self.lock().total
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(n: usize) -> Body {
        Body {
            bytes: Bytes::from(vec![b'x'; n]),
            etag: "\"e\"".into(),
        }
    }

    fn key(len: u64, view: u64) -> Key {
        Key {
            modified: None,
            len,
            view,
        }
    }

    #[test]
    fn stays_in_budget_and_drops_the_least_recently_used() {
        let c = Bodies::default();
        let big = MAX_ENTRY as usize;
        let n = BUDGET / big;
        for i in 0..n {
            c.put(Path::new(&format!("p{i}")), key(1, 0), body(big));
        }
        assert!(
            c.get(Path::new("p0"), &key(1, 0)).is_some(),
            "p0 used again"
        );
        c.put(Path::new("new"), key(1, 0), body(big));
        assert!(c.total() <= BUDGET);
        assert!(c.get(Path::new("p0"), &key(1, 0)).is_some());
        assert!(
            c.get(Path::new("p1"), &key(1, 0)).is_none(),
            "least recent went"
        );
        c.put(Path::new("huge"), key(1, 0), body(big + 1));
        assert!(
            c.get(Path::new("huge"), &key(1, 0)).is_none(),
            "never cached"
        );
    }

    #[test]
    fn a_changed_file_or_status_is_a_miss() {
        let c = Bodies::default();
        c.put(Path::new("a"), key(3, 1), body(3));
        assert!(c.get(Path::new("a"), &key(3, 1)).is_some());
        assert!(c.get(Path::new("a"), &key(4, 1)).is_none());
        assert!(c.get(Path::new("a"), &key(3, 2)).is_none());
    }
}
