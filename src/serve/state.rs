//! State shared between the build thread and the HTTP tasks: the build generation, the current
//! build error (if any), the reload channel, the shutdown signal and the pages open in browsers.

use crate::error::Error;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::{broadcast, watch};

/// A build failure as shown in the terminal and the browser overlay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BuildError {
    /// The full message (already names the file and, where known, the line).
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
}

impl BuildError {
    pub fn from_error(e: &Error) -> Self {
        let message = e.to_string();
        let (file, line) = match e {
            Error::Input { file, line, .. } => (Some(file.clone()), Some(*line)),
            Error::Config { file, .. } => (Some(file.clone()), None),
            Error::Template { template, message } => {
                (Some(format!("templates/{template}")), line_in(message))
            }
            Error::DuplicateSlug { second, .. } => (Some(second.clone()), None),
            Error::Io { path, .. } => (Some(path.display().to_string()), None),
            Error::Output(_) => (None, None),
        };
        BuildError {
            message,
            file,
            line,
        }
    }
}

/// Best effort: the first "line N" or "N:M" location in a template engine's message.
fn line_in(message: &str) -> Option<usize> {
    let re = regex::Regex::new(r"(?i)line (\d+)|(\d+):\d+").ok()?;
    let caps = re.captures(message)?;
    caps.get(1).or(caps.get(2))?.as_str().parse().ok()
}

/// What the browser is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Pages changed: reload those open on one of `pages` (output paths such as
    /// `articles/x/index.html`), or every page when `pages` is `None`.
    Reload {
        generation: u64,
        pages: Option<Vec<String>>,
        stage: Stage,
    },

    /// Only stylesheets changed: swap them without reloading.
    Css { generation: u64, paths: Vec<String> },
    /// The build failed: show the overlay.
    Failed(BuildError),
}

/// How far a rebuild is when it sends a [`Notice::Reload`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// The pages were written from a preview; the exact build follows (see
    /// [`crate::xref::preview`]).
    Preview,
    /// The pages open in a browser (`exact`, output paths) are now exact; the rest of the site
    /// follows.
    Open { exact: Vec<String> },
    /// The whole site is written.
    Site,
}

#[derive(Debug, Default, Clone)]
pub struct Status {
    /// Bumped after every successful build that changed the output.
    pub generation: u64,
    pub error: Option<BuildError>,
    /// Whether a build ever succeeded (otherwise every page is the error page).
    pub has_site: bool,
    /// Pages on disk written from a preview, until the exact build that follows it.
    pub provisional: Vec<String>,
}

pub struct Shared {
    /// The served folder, canonical.
    pub out_dir: PathBuf,
    /// Inject the live-reload script into HTML responses.
    pub live_reload: bool,
    status: RwLock<Status>,
    notices: broadcast::Sender<Notice>,
    shutdown: watch::Sender<bool>,
    open: Mutex<OpenPages>,
    /// Response bodies shared between requests.
    pub bodies: super::bodies::Bodies,
}

/// The pages open in browsers: output path → (tabs showing it, when it was last opened).
#[derive(Default)]
struct OpenPages {
    pages: BTreeMap<String, (usize, u64)>,
    seq: u64,
}

/// Keeps a page counted as open while it lives (see [`Shared::open_page`]).
pub struct OpenPage {
    shared: Arc<Shared>,
    page: String,
}

impl Drop for OpenPage {
    fn drop(&mut self) {
        let mut open = self.shared.lock_open();
        if let Some(e) = open.pages.get_mut(&self.page) {
            e.0 -= 1;
            if e.0 == 0 {
                open.pages.remove(&self.page);
            }
        }
    }
}

impl Shared {
    pub fn new(out_dir: PathBuf, live_reload: bool) -> Self {
        Shared {
            out_dir,
            live_reload,
            status: RwLock::new(Status::default()),
            notices: broadcast::channel(64).0,
            shutdown: watch::channel(false).0,
            open: Mutex::default(),
            bodies: super::bodies::Bodies::default(),
        }
    }

    /// Counts `page` (an output path) as open in a browser until the guard is dropped. Only a
    /// page the site has counts (`None` otherwise): made-up `?page=` values cannot crowd out
    /// the real ones.
    pub fn open_page(self: &Arc<Self>, page: &str) -> Option<OpenPage> {
        let exists = page.ends_with(".html")
            && matches!(
                super::safe_path::resolve(&self.out_dir, &format!("/{page}")),
                Ok(super::safe_path::Resolved::File(_))
            );
        if !exists {
            return None;
        }
        let mut open = self.lock_open();
        open.seq += 1;
        let seq = open.seq;
        let e = open.pages.entry(page.to_string()).or_default();
        e.0 += 1;
        e.1 = seq;
        Some(OpenPage {
            shared: self.clone(),
            page: page.to_string(),
        })
    }

    /// The pages open in a browser, at most `limit` of them (the most recently opened), sorted.
    pub fn open_pages(&self, limit: usize) -> Vec<String> {
        let open = self.lock_open();
        let mut pages: Vec<(&String, u64)> = open.pages.iter().map(|(p, e)| (p, e.1)).collect();
        pages.sort_by_key(|(_, seq)| std::cmp::Reverse(*seq));
        let mut kept: Vec<String> = pages
            .into_iter()
            .take(limit)
            .map(|(p, _)| p.clone())
            .collect();
        kept.sort();
        kept
    }

    fn lock_open(&self) -> std::sync::MutexGuard<'_, OpenPages> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn status(&self) -> Status {
        self.status.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// Records a build result and tells every connected browser.
    pub fn publish(&self, update: impl FnOnce(&mut Status) -> Option<Notice>) {
        let notice = match self.status.write() {
            Ok(mut s) => update(&mut s),
            Err(_) => None,
        };
        if let Some(n) = notice {
            let _ = self.notices.send(n);
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Notice> {
        self.notices.subscribe()
    }

    pub fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.shutdown.subscribe()
    }

    pub fn shut_down(&self) {
        let _ = self.shutdown.send(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A served folder holding `pages` (output paths).
    fn served(pages: &[&str]) -> (tempfile::TempDir, Arc<Shared>) {
        let dir = tempfile::tempdir().unwrap();
        for p in pages {
            let path = dir.path().join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "<p>x</p>").unwrap();
        }
        let out = dir.path().canonicalize().unwrap();
        (dir, Arc::new(Shared::new(out, true)))
    }

    #[test]
    fn a_page_is_open_while_a_guard_lives() {
        let (_dir, shared) = served(&["articles/x/index.html", "index.html"]);
        let a = shared.open_page("articles/x/index.html");
        let b = shared.open_page("articles/x/index.html");
        let c = shared.open_page("index.html");
        assert_eq!(
            shared.open_pages(16),
            ["articles/x/index.html", "index.html"]
        );
        drop(a);
        drop(c);
        assert_eq!(shared.open_pages(16), ["articles/x/index.html"]);
        drop(b);
        assert!(shared.open_pages(16).is_empty());
    }

    #[test]
    fn made_up_pages_do_not_count_and_the_most_recent_real_ones_win() {
        let real: Vec<String> = (0..20).map(|i| format!("a/{i}/index.html")).collect();
        let refs: Vec<&str> = real.iter().map(String::as_str).collect();
        let (_dir, shared) = served(&refs);
        let bogus: Vec<_> = (0..100)
            .map(|i| shared.open_page(&format!("bogus/{i}/index.html")))
            .collect();
        assert!(bogus.iter().all(Option::is_none));
        assert!(shared.open_page("../../etc/passwd").is_none());
        let guards: Vec<_> = refs.iter().map(|p| shared.open_page(p)).collect();
        let open = shared.open_pages(16);
        assert_eq!(open.len(), 16);
        assert!(
            !open.contains(&real[0]) && open.contains(&real[19]),
            "{open:?}"
        );
        drop(guards);
    }

    #[test]
    fn template_error_line() {
        let e = Error::Template {
            template: "article.html".into(),
            message: "  --> 12:5\n unexpected".into(),
        };
        let b = BuildError::from_error(&e);
        assert_eq!(b.file.as_deref(), Some("templates/article.html"));
        assert_eq!(b.line, Some(12));
    }
}
