//! Watching the site's inputs with notify through notify-debouncer-full: `content/`, `templates/`
//! and `static/` recursively, the root itself non-recursively (for `site.toml` and for those
//! folders being created, deleted or replaced wholesale). Events outside the inputs — including
//! our own output — are dropped here. `--poll` swaps in notify's polling watcher.

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, FileIdMap, new_debouncer_opt};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// The folders watched recursively.
pub const INPUT_DIRS: [&str; 3] = ["content", "templates", "static"];

/// What the watcher tells the build loop.
#[derive(Debug)]
pub enum Message {
    /// Input files changed; `rewatch` when an input folder itself appeared, vanished or moved.
    Changed { paths: Vec<PathBuf>, rewatch: bool },
    /// The watcher failed (e.g. the inotify limit); the text is meant for people.
    Error(String),
    /// Stop the build loop.
    Stop,
}

enum Inner {
    Native(Debouncer<RecommendedWatcher, FileIdMap>),
    Poll(Debouncer<PollWatcher, FileIdMap>),
}

pub struct Watcher {
    inner: Inner,
    root: PathBuf,
}

/// How long the debouncer holds an event before handing it on, merging what happens to the same
/// path meanwhile (a rename's two halves, a write and its close). An editor's save, even a safe
/// write (temp file, rename, backup removed), is over in well under a millisecond. The debouncer
/// checks every quarter of this (2.5 ms), so a burst that goes on arrives in messages at most
/// about that far apart (see `SETTLE` in `server.rs`). Every millisecond here is one more before
/// the browser sees an edit.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

impl Watcher {
    /// Starts watching `root` (canonical); events go to `tx`, except those for `ignore` (output).
    pub fn start(
        root: &Path,
        ignore: &Path,
        poll: bool,
        tx: Sender<Message>,
    ) -> Result<Watcher, String> {
        let (root_c, ignore) = (root.to_path_buf(), ignore.to_path_buf());
        let handler = move |res: DebounceEventResult| {
            let msg = match res {
                Ok(events) => {
                    // Reads (ours included: every rebuild opens the inputs) are not changes.
                    let paths = events
                        .iter()
                        .filter(|e| is_change(&e.kind))
                        .flat_map(|e| e.paths.iter());
                    relevant(&root_c, &ignore, paths)
                }
                Err(errors) => Some(Message::Error(explain_all(&errors))),
            };
            if let Some(m) = msg {
                let _ = tx.send(m);
            }
        };
        let inner = if poll {
            // notify's poller compares whole-second mtimes; contents catch edits within a second.
            let config = notify::Config::default()
                .with_poll_interval(Duration::from_millis(400))
                .with_compare_contents(true);
            let d = new_debouncer_opt(DEBOUNCE, None, handler, FileIdMap::new(), config);
            Inner::Poll(d.map_err(|e| explain(&e))?)
        } else {
            let config = notify::Config::default();
            let d = new_debouncer_opt(DEBOUNCE, None, handler, FileIdMap::new(), config);
            Inner::Native(d.map_err(|e| explain(&e))?)
        };
        let mut w = Watcher {
            inner,
            root: root.to_path_buf(),
        };
        w.watch(root, RecursiveMode::NonRecursive)?;
        w.rewatch()?;
        Ok(w)
    }

    /// (Re-)watches each input folder that exists now: after one was replaced, the old watch
    /// points at the old folder.
    pub fn rewatch(&mut self) -> Result<(), String> {
        for d in INPUT_DIRS {
            let dir = self.root.join(d);
            let _ = match &mut self.inner {
                Inner::Native(w) => w.unwatch(&dir),
                Inner::Poll(w) => w.unwatch(&dir),
            };
            if dir.is_dir() {
                self.watch(&dir, RecursiveMode::Recursive)?;
            }
        }
        Ok(())
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> Result<(), String> {
        let r = match &mut self.inner {
            Inner::Native(w) => w.watch(path, mode),
            Inner::Poll(w) => w.watch(path, mode),
        };
        r.map_err(|e| explain(&e))
    }
}

fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Keeps only paths that are inputs; says whether an input folder itself was touched.
fn relevant<'a>(
    root: &Path,
    ignore: &Path,
    paths: impl Iterator<Item = &'a PathBuf>,
) -> Option<Message> {
    let mut keep = Vec::new();
    let mut rewatch = false;
    for p in paths {
        let leftover = p
            .file_name()
            .is_some_and(|n| crate::content::discover::is_ignored(&n.to_string_lossy()));
        if p.starts_with(ignore) || leftover {
            continue;
        }
        let Ok(rel) = p.strip_prefix(root) else {
            continue;
        };
        let mut comps = rel.components();
        let first = comps.next().map(|c| c.as_os_str().to_string_lossy());
        let Some(first) = first else { continue };
        let is_dir_itself = comps.next().is_none();
        if INPUT_DIRS.contains(&first.as_ref()) {
            rewatch |= is_dir_itself;
            keep.push(p.clone());
        } else if first == "site.toml" && is_dir_itself {
            keep.push(p.clone());
        }
    }
    (!keep.is_empty()).then_some(Message::Changed {
        paths: keep,
        rewatch,
    })
}

fn explain_all(errors: &[notify::Error]) -> String {
    let mut msgs: Vec<String> = errors.iter().map(explain).collect();
    msgs.dedup();
    msgs.join("\n")
}

/// Watcher errors in plain words; the inotify limit ("no space left on device") above all.
pub fn explain(e: &notify::Error) -> String {
    let enospc = matches!(&e.kind, notify::ErrorKind::Io(io) if io.raw_os_error() == Some(28));
    if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) || enospc {
        return "cannot watch for changes: the system's limit on watched folders is used up \
(Linux inotify: fs.inotify.max_user_watches; this is not about disk space). Close other \
programs that watch files (editors, other dev servers), raise the limit with \
`sudo sysctl fs.inotify.max_user_watches=524288`, or run `factsite serve --watch --poll`."
            .into();
    }
    format!("file watching failed: {e}; if changes are missed, try `--poll`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_inputs_only() {
        let root = Path::new("/s");
        let out = Path::new("/s/target/serve");
        let paths: Vec<PathBuf> = [
            "/s/content/a.txt",
            "/s/site.toml",
            "/s/site/index.html",
            "/s/target/serve/index.html",
            "/s/README.md",
            "/s/templates",
            "/s/content/.a.txt.swp",
            "/s/content/a.txt~",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        match relevant(root, out, paths.iter()) {
            Some(Message::Changed { paths, rewatch }) => {
                assert_eq!(paths.len(), 3, "{paths:?}");
                assert!(rewatch);
            }
            other => panic!("{other:?}"),
        }
        let none: Vec<PathBuf> = vec!["/s/site/x.html".into()];
        assert!(relevant(root, out, none.iter()).is_none());
    }

    #[test]
    fn inotify_limit_in_plain_words() {
        let e = notify::Error::new(notify::ErrorKind::MaxFilesWatch);
        assert!(explain(&e).contains("max_user_watches"));
        let e = notify::Error::io(std::io::Error::from_raw_os_error(28));
        assert!(explain(&e).contains("not about disk space"));
    }
}
