//! Starting and stopping `serve`: binds the port, builds once, runs the HTTP server on a tokio
//! runtime and, with `--watch`, a build thread fed by the watcher. [`Server`] is what the CLI and
//! the integration tests hold.

use super::ServeOptions;
use super::http::router;
use super::site::{
    MakeRenderer, OpenPages, Outcome, Preview, Progress, SiteBuilder, default_renderer,
};
use super::state::{BuildError, Notice, Shared, Stage};
use super::watch::{Message, Watcher};
use crate::BuildOptions;
use crate::error::{Error, Result};
use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// A running server. Dropping it without [`Server::stop`] leaves the threads to die with the process.
pub struct Server {
    url: String,
    addr: SocketAddr,
    shared: Arc<Shared>,
    runtime: tokio::runtime::Runtime,
    http: tokio::task::JoinHandle<()>,
    builds: Option<(Sender<Message>, JoinHandle<()>)>,
    _temp: Option<TempSite>,
}

impl Server {
    /// Starts with the real renderer.
    pub fn start(opts: ServeOptions) -> Result<Server> {
        Self::start_with(opts, default_renderer())
    }

    /// Starts with a given renderer factory (tests and benchmarks).
    pub fn start_with(opts: ServeOptions, make: MakeRenderer) -> Result<Server> {
        crate::check_root(&opts.root)?;
        let root = opts
            .root
            .canonicalize()
            .map_err(|e| Error::io(&opts.root, e))?;
        let listener = bind(opts.bind, opts.port)?;
        let addr = listener.local_addr().map_err(|e| Error::io("socket", e))?;
        let url = site_url(addr);
        let (out_dir, temp) = output_folder(&root, opts.output.as_deref())?;
        let build_opts = BuildOptions {
            root: root.clone(),
            output: Some(out_dir.clone()),
            base_url: Some(url.clone()),
            no_xref: false,
        };
        let mut builder = SiteBuilder::new(build_opts, out_dir.clone(), make);
        let shared = Arc::new(Shared::new(out_dir.clone(), opts.watch));
        let first = report(&shared, builder.rebuild(&HashSet::new()));
        if let (false, Err(e)) = (opts.watch, first) {
            return Err(e);
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| Error::io("tokio runtime", e))?;
        let http = spawn_http(&runtime, listener, shared.clone())?;
        let builds = if opts.watch {
            Some(start_watching(
                &root,
                &out_dir,
                opts.poll,
                builder,
                shared.clone(),
            )?)
        } else {
            None
        };
        print_banner(&url, opts.bind, &out_dir, opts.watch, opts.poll);
        Ok(Server {
            url,
            addr,
            shared,
            runtime,
            http,
            builds,
            _temp: temp,
        })
    }

    /// `http://BIND:PORT/`
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The folder being served.
    pub fn out_dir(&self) -> &Path {
        &self.shared.out_dir
    }

    /// Blocks until Ctrl-C (or SIGTERM on Unix).
    pub fn wait_for_ctrl_c(&self) {
        self.runtime.block_on(async {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{SignalKind, signal};
                if let Ok(mut term) = signal(SignalKind::terminate()) {
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = term.recv() => {}
                    }
                    return;
                }
            }
            let _ = tokio::signal::ctrl_c().await;
        });
    }

    /// Stops watching, closes live-reload streams, lets requests in flight finish (2 s at most).
    pub fn stop(self) {
        if let Some((tx, thread)) = self.builds {
            let _ = tx.send(Message::Stop);
            let _ = thread.join();
        }
        self.shared.shut_down();
        let http = self.http;
        let _ = self
            .runtime
            .block_on(async { tokio::time::timeout(Duration::from_secs(2), http).await });
        self.runtime.shutdown_timeout(Duration::from_millis(500));
    }
}

fn bind(ip: IpAddr, port: u16) -> Result<std::net::TcpListener> {
    let l = std::net::TcpListener::bind((ip, port)).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
            format!("port {port} is in use; pass --port with another number (0 picks a free one)")
        } else {
            e.to_string()
        };
        Error::Output(format!("cannot listen on {ip}:{port}: {hint}"))
    })?;
    l.set_nonblocking(true)
        .map_err(|e| Error::io("socket", e))?;
    Ok(l)
}

/// The address people type: IPv6 in brackets, an unspecified address shown as localhost.
fn site_url(addr: SocketAddr) -> String {
    match addr.ip() {
        ip if ip.is_unspecified() => format!("http://localhost:{}/", addr.port()),
        IpAddr::V6(ip) => format!("http://[{ip}]:{}/", addr.port()),
        IpAddr::V4(ip) => format!("http://{ip}:{}/", addr.port()),
    }
}

/// `--output`, checked like `build` checks it, or a fresh temporary folder.
fn output_folder(root: &Path, asked: Option<&Path>) -> Result<(PathBuf, Option<TempSite>)> {
    match asked {
        Some(dir) => {
            crate::output::check_not_sources(root, dir)?;
            claim_folder(dir)?;
            let dir = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
            Ok((dir, None))
        }
        None => {
            let t = TempSite::new()?;
            let dir = t.dir.path();
            let dir = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
            Ok((dir, Some(t)))
        }
    }
}

/// The temporary folder `serve` writes its site to when given no `--output`, removed when serve
/// stops. Serve holds a lock file in it while it runs, so the next serve can tell the folders of
/// a killed serve (unlocked) from those of a running one, and removes the former.
struct TempSite {
    dir: tempfile::TempDir,
    _lock: std::fs::File,
}

const TEMP_PREFIX: &str = "factsite-serve-";
const TEMP_LOCK: &str = ".factsite-serve.lock";
/// Age past which an unlocked temporary site is a killed serve's, not one starting.
const LOCK_SETTLED: std::time::Duration = std::time::Duration::from_secs(60);

impl TempSite {
    fn new() -> Result<TempSite> {
        let tmp = std::env::temp_dir();
        remove_stale_temp_sites(&tmp);
        let dir = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempdir_in(&tmp)
            .map_err(|e| Error::io(&tmp, e))?;
        let path = dir.path().join(TEMP_LOCK);
        let lock = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        // Another serve starting at the same time may be probing this lock (see
        // `remove_stale_temp_sites`) for a moment: try again rather than run unlocked, which
        // would let a later serve take the folder for a killed one's. Where locks are
        // unsupported the folder is only removed on a clean stop.
        for _ in 0..200 {
            match lock.try_lock() {
                Err(std::fs::TryLockError::WouldBlock) => {
                    std::thread::sleep(std::time::Duration::from_millis(1))
                }
                _ => break,
            }
        }
        Ok(TempSite { dir, _lock: lock })
    }
}

/// Removes the temporary sites of serves that were killed: folders whose lock file no running
/// serve holds and is over a minute old (a serve starting now has made it and not locked it
/// yet). A folder without one is left alone unless it is over a day old (a serve may have just
/// made it, or an older factsite made it).
fn remove_stale_temp_sites(tmp: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    let day = std::time::Duration::from_secs(24 * 3600);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir || !name.to_string_lossy().starts_with(TEMP_PREFIX) {
            continue;
        }
        let dir = entry.path();
        let old = |m: std::io::Result<std::fs::Metadata>, age: std::time::Duration| {
            m.and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|a| a > age))
        };
        let stale = match std::fs::File::open(dir.join(TEMP_LOCK)) {
            Ok(f) => old(f.metadata(), LOCK_SETTLED) && f.try_lock().is_ok(),
            Err(_) => old(entry.metadata(), day),
        };
        if stale {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

/// Marks a folder as serve's own, so a later run may empty it (stale pages would be served).
const MARKER: &str = ".factsite-serve";

/// Uses `dir` for serving: creates it, or empties it if a factsite build or serve wrote all of
/// it (its manifest lists everything in it: see `output::refuse_foreign_folder`); refuses a
/// folder holding anything else, so `--output` can never wipe files that are not ours.
fn claim_folder(dir: &Path) -> Result<()> {
    crate::output::refuse_foreign_folder(dir)?;
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    std::fs::write(
        dir.join(MARKER),
        "made by factsite serve; emptied on its next start\n",
    )
    .map_err(|e| Error::io(dir, e))
}

fn spawn_http(
    runtime: &tokio::runtime::Runtime,
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
) -> Result<tokio::task::JoinHandle<()>> {
    let _guard = runtime.enter();
    let listener =
        tokio::net::TcpListener::from_std(listener).map_err(|e| Error::io("socket", e))?;
    let stop = shared.shutdown_signal();
    let app = router(shared);
    Ok(runtime.spawn(super::listen::serve(listener, app, stop)))
}

fn start_watching(
    root: &Path,
    out_dir: &Path,
    poll: bool,
    builder: SiteBuilder,
    shared: Arc<Shared>,
) -> Result<(Sender<Message>, JoinHandle<()>)> {
    let (tx, rx) = mpsc::channel();
    let watcher = Watcher::start(root, out_dir, poll, tx.clone()).map_err(Error::Output)?;
    let thread = std::thread::Builder::new()
        .name("factsite-build".into())
        .spawn(move || build_loop(rx, watcher, builder, shared))
        .map_err(|e| Error::io("build thread", e))?;
    Ok((tx, thread))
}

/// How long to keep collecting events after a message, so a burst makes one rebuild: more than
/// the debouncer's check interval (a quarter of [`super::watch::DEBOUNCE`], 2.5 ms), with room
/// for the scheduler. One save comes in one message, or two when its events straddle a check.
const SETTLE: Duration = Duration::from_millis(6);

/// The same once a third message came: a burst (a checkout, a copy of many files), which on a
/// loaded machine may pause longer between files. A burst that outlasts even this gives another
/// rebuild, never a missed change: every changed path is in some message, and a rebuild re-reads
/// every path named (a new, deleted or renamed file makes it rescan `content/`).
const SETTLE_BURST: Duration = Duration::from_millis(50);

fn build_loop(
    rx: Receiver<Message>,
    mut watcher: Watcher,
    mut builder: SiteBuilder,
    shared: Arc<Shared>,
) {
    while let Ok(first) = rx.recv() {
        let mut hinted = HashSet::new();
        let mut rewatch = false;
        let mut next = Some(first);
        let mut messages = 0;
        while let Some(msg) = next {
            messages += 1;
            match msg {
                Message::Stop => return,
                Message::Error(e) => eprintln!("warning: {e}"),
                Message::Changed { paths, rewatch: r } => {
                    rewatch |= r;
                    hinted.extend(paths);
                }
            }
            let settle = if messages >= 3 { SETTLE_BURST } else { SETTLE };
            next = rx.recv_timeout(settle).ok();
        }
        if hinted.is_empty() {
            continue;
        }
        if rewatch && let Err(e) = watcher.rewatch() {
            eprintln!("warning: {e}");
        }
        let result = builder.rebuild_with(&hinted, &mut Reporter(&shared));
        let _ = report(&shared, result);
    }
}

/// Tells the browsers how a rebuild goes, and the rebuild which pages they show.
struct Reporter<'a>(&'a Shared);

impl Progress for Reporter<'_> {
    fn open_pages(&self) -> Vec<String> {
        self.0.open_pages(super::site::MAX_OPEN)
    }

    fn previewed(&mut self, p: &Preview) {
        report_preview(self.0, p)
    }

    fn opened(&mut self, p: &OpenPages) {
        report_open(self.0, p)
    }
}

/// Prints a preview and tells the browsers showing its pages to reload.
fn report_preview(shared: &Shared, p: &Preview) {
    eprintln!(
        "previewed {} in {} ms (exact build follows)",
        p.pages.join(", "),
        p.elapsed.as_millis()
    );
    shared.publish(|s| {
        s.generation += 1;
        s.provisional = p.pages.clone();
        Some(Notice::Reload {
            generation: s.generation,
            pages: Some(p.pages.clone()),
            stage: Stage::Preview,
        })
    });
}

/// Prints the open pages written from the exact pass and tells their browsers.
fn report_open(shared: &Shared, p: &OpenPages) {
    eprintln!(
        "open page(s) exact in {} ms ({} rewritten); writing the rest of the site",
        p.elapsed.as_millis(),
        p.written.len()
    );
    shared.publish(|s| {
        s.generation += 1;
        s.provisional.retain(|q| !p.rendered.contains(q));
        Some(Notice::Reload {
            generation: s.generation,
            pages: Some(p.written.clone()),
            stage: Stage::Open {
                exact: p.rendered.clone(),
            },
        })
    });
}

/// Prints a build result, records it, and tells the browsers.
fn report(shared: &Shared, result: Result<Outcome>) -> Result<()> {
    match result {
        Ok(outcome) => {
            print_outcome(&outcome);
            shared.publish(|s| {
                let recovered = s.error.take().is_some();
                s.provisional.clear();
                let notice = match &outcome {
                    Outcome::Unchanged if !recovered => return None,
                    Outcome::Static {
                        paths,
                        css_only: true,
                    } if !recovered => Notice::Css {
                        generation: s.generation + 1,
                        paths: paths.clone(),
                    },
                    // After an error every page carries the overlay: reload them all.
                    Outcome::Built {
                        written, removed, ..
                    } if !recovered => Notice::Reload {
                        generation: s.generation + 1,
                        pages: changed_pages(written, removed),
                        stage: Stage::Site,
                    },
                    _ => Notice::Reload {
                        generation: s.generation + 1,
                        pages: None,
                        stage: Stage::Site,
                    },
                };
                s.generation += 1;
                s.has_site = true;
                Some(notice)
            });
            Ok(())
        }
        Err(e) => {
            eprintln!("error: {e}\n(the server keeps the last good site; fix the file and save)");
            let err = BuildError::from_error(&e);
            shared.publish(|s| {
                s.error = Some(err.clone());
                Some(Notice::Failed(err))
            });
            Err(e)
        }
    }
}

/// The HTML pages a build changed or removed, for open pages to know whether to reload; `None`
/// (reload everything) when so many changed that the list would cost more than it saves.
fn changed_pages(written: &[String], removed: &[String]) -> Option<Vec<String>> {
    const MAX_LISTED: usize = 2000;
    let pages: Vec<String> = written
        .iter()
        .chain(removed)
        .filter(|p| p.ends_with(".html"))
        .cloned()
        .collect();
    (pages.len() <= MAX_LISTED).then_some(pages)
}

fn print_outcome(outcome: &Outcome) {
    match outcome {
        Outcome::Unchanged => eprintln!("no file's content changed; nothing to rebuild"),
        Outcome::Static { paths, .. } => eprintln!("copied {}", paths.join(", ")),
        Outcome::Built {
            written,
            removed,
            ingested,
            elapsed,
            phases,
            cross_referenced,
        } => {
            let phases: Vec<String> = phases
                .iter()
                .map(|(name, d)| format!("{name} {} ms", d.as_millis()))
                .collect();
            eprintln!(
                "built in {} ms ({}): {} input(s) re-read, {} file(s) written, {} removed{}",
                elapsed.as_millis(),
                phases.join(", "),
                ingested.len(),
                written.len(),
                removed.len(),
                if *cross_referenced {
                    ""
                } else {
                    " (articles unchanged: cross-references reused)"
                }
            )
        }
    }
}

fn print_banner(url: &str, bind: IpAddr, out_dir: &Path, watch: bool, poll: bool) {
    if !bind.is_loopback() {
        eprintln!(
            "\n!!! WARNING: listening on {bind}, not on loopback: anyone who can reach this machine \
over the network can read the site being served. Use --bind 127.0.0.1 unless you mean it. !!!\n"
        );
    }
    let mode = match (watch, poll) {
        (false, _) => "not watching (add --watch to rebuild on change)",
        (true, false) => "watching content/, templates/, static/ and site.toml",
        (true, true) => "polling content/, templates/, static/ and site.toml",
    };
    eprintln!("serving {} — {mode}", out_dir.display());
    println!("factsite serve: {url}  (Ctrl-C to stop)");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_killed_serves_temporary_site_is_removed_a_running_ones_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let make = |name: &str| {
            let d = tmp.path().join(name);
            std::fs::create_dir(&d).unwrap();
            std::fs::write(d.join("index.html"), "x").unwrap();
            d
        };
        let killed = make("factsite-serve-killed");
        let lock = std::fs::File::create(killed.join(TEMP_LOCK)).unwrap();
        let past = std::time::SystemTime::now() - 2 * LOCK_SETTLED;
        lock.set_modified(past).unwrap();
        drop(lock);
        // A serve starting now: its lock file is made, not yet locked.
        let starting = make("factsite-serve-starting");
        std::fs::write(starting.join(TEMP_LOCK), "").unwrap();
        let running = make("factsite-serve-running");
        let held = std::fs::File::create(running.join(TEMP_LOCK)).unwrap();
        held.try_lock().unwrap();
        let just_made = make("factsite-serve-new");
        let other = make("other-tool-dir");
        remove_stale_temp_sites(tmp.path());
        assert!(!killed.exists());
        assert!(running.exists() && just_made.exists() && other.exists());
        assert!(starting.exists());
    }
}
