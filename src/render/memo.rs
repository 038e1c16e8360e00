//! Page memo for repeated builds in one process (`serve`): each page is keyed by a hash of
//! everything it is made from — the values its template sees or, where building those costs more
//! than hashing their sources (article, claim, entity and timeline pages, the data files), those
//! sources — plus a salt for what every page shares (config, link targets). A page whose key is
//! unchanged reuses the bytes of the last build instead of being rendered again. Templates are
//! not in the key: reloading them empties the memo. `tests/serve_incremental.rs` checks that
//! rebuilds through the memo equal fresh builds.

mod keyhash;

use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A page's key: a hash of its inputs.
pub type Key = blake3::Hash;

/// Output path → (key, bytes) of the pages of one build.
type Pages = HashMap<String, (Key, Arc<[u8]>)>;

/// Rendered pages by output path, from the last build and the current one.
#[derive(Default)]
pub struct PageMemo {
    last: Mutex<Pages>,
}

impl PageMemo {
    /// Forgets every page (after a template change).
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// Starts a build: the pages of the last one become the ones to reuse.
    pub(super) fn begin(&self, salt: Key) -> Round {
        Round {
            salt,
            last: std::mem::take(&mut *self.lock()),
            next: Mutex::default(),
        }
    }

    /// Ends a build: the pages it made (rendered or reused) are kept for the next one.
    pub(super) fn finish(&self, round: Round) {
        *self.lock() = round
            .next
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Pages> {
        self.last
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// One build's view of the memo.
pub struct Round {
    salt: Key,
    last: Pages,
    next: Mutex<Pages>,
}

impl Round {
    /// The page at `path` for inputs `key`: the last build's bytes when the key is unchanged,
    /// otherwise what `make` renders.
    pub fn page<E>(
        &self,
        path: &str,
        key: &impl Serialize,
        make: impl FnOnce() -> Result<Arc<[u8]>, E>,
    ) -> Result<Arc<[u8]>, E> {
        let Some(key) = self.key(path, key) else {
            return make();
        };
        let bytes = match self.last.get(path) {
            Some((k, bytes)) if *k == key => bytes.clone(),
            _ => make()?,
        };
        let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
        next.insert(path.to_string(), (key, bytes.clone()));
        Ok(bytes)
    }

    /// `None` when the inputs do not serialise (the page is then always rendered).
    fn key(&self, path: &str, inputs: &impl Serialize) -> Option<Key> {
        // The salt has a fixed length, so the path after it is unambiguous.
        keyhash::hash(&[self.salt.as_bytes(), path.as_bytes()], inputs)
    }
}

/// A site file made by `make` from `key` (see [`Round::page`]); without a memo, just `make`.
pub fn file<E>(
    round: Option<&Round>,
    path: &str,
    key: &impl Serialize,
    make: impl FnOnce() -> Result<super::OutFile, E>,
) -> Result<super::OutFile, E> {
    let Some(round) = round else {
        return make();
    };
    let bytes = round.page(path, key, || make().map(|f| f.bytes))?;
    Ok(super::OutFile {
        path: path.to_string(),
        bytes,
        copy_of: None,
    })
}

/// Hash of a value (`None` if it does not serialise).
pub fn hash_of(value: &impl Serialize) -> Option<Key> {
    keyhash::hash(&[], value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(count: &std::cell::Cell<u32>, text: &str) -> Result<Arc<[u8]>, ()> {
        count.set(count.get() + 1);
        Ok(Arc::from(text.as_bytes()))
    }

    #[test]
    fn same_inputs_reuse_and_changed_inputs_render() {
        let memo = PageMemo::default();
        let made = std::cell::Cell::new(0);
        let salt = hash_of(&"config").unwrap();
        let r = memo.begin(salt);
        r.page("a", &("x", 1), || render(&made, "A1")).unwrap();
        r.page("b", &("y", 1), || render(&made, "B1")).unwrap();
        memo.finish(r);
        assert_eq!(made.get(), 2);

        let r = memo.begin(salt);
        let a = r.page("a", &("x", 1), || render(&made, "A2")).unwrap();
        let b = r.page("b", &("y", 2), || render(&made, "B2")).unwrap();
        memo.finish(r);
        assert_eq!((&*a, &*b), (&b"A1"[..], &b"B2"[..]));
        assert_eq!(
            made.get(),
            3,
            "only the page whose inputs changed is rendered"
        );

        // A new salt (another config) renders everything; a page not made is forgotten.
        let r = memo.begin(hash_of(&"other config").unwrap());
        r.page("a", &("x", 1), || render(&made, "A3")).unwrap();
        memo.finish(r);
        assert_eq!(made.get(), 4);
        let r = memo.begin(hash_of(&"other config").unwrap());
        r.page("b", &("y", 2), || render(&made, "B3")).unwrap();
        memo.finish(r);
        assert_eq!(made.get(), 5);
    }

    #[test]
    fn clear_forgets_everything() {
        let memo = PageMemo::default();
        let made = std::cell::Cell::new(0);
        let r = memo.begin(hash_of(&1).unwrap());
        r.page("a", &1, || render(&made, "A")).unwrap();
        memo.finish(r);
        memo.clear();
        let r = memo.begin(hash_of(&1).unwrap());
        r.page("a", &1, || render(&made, "A")).unwrap();
        assert_eq!(made.get(), 2);
    }
}
