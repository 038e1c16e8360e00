//! `factsite serve`: build the site into a folder of its own, serve it over HTTP (loopback by
//! default) and, with `--watch`, rebuild incrementally on change and tell browsers to reload.
//!
//! Layout: [`safe_path`] maps URL paths to files without ever leaving the served folder;
//! [`http`] is the axum app (files, 404, headers, script injection); [`livereload`] holds the SSE
//! endpoint and the browser script; [`cache`] keeps per-file hashes and ingest results;
//! [`site`] is the incremental builder and [`progress`] what it reports; [`watch`] wraps the notify debouncer; [`listen`] is
//! the accept loop (connection cap, header timeout); [`server`] ties them together and owns the
//! threads.

pub mod bodies;
pub mod cache;
pub mod http;
pub mod listen;
pub mod livereload;
pub mod progress;
pub mod safe_path;
pub mod server;
pub mod site;
pub mod state;
pub mod watch;

pub use server::Server;
pub use site::{MakeRenderer, Outcome, SiteBuilder, SiteRender};

use std::net::IpAddr;
use std::path::PathBuf;

/// What `factsite serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site root (holds `site.toml` and `content/`).
    pub root: PathBuf,
    /// Address to bind; loopback unless the user says otherwise.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Rebuild on change and live-reload browsers.
    pub watch: bool,
    /// Poll the file system instead of native events (network mounts, containers, WSL).
    pub poll: bool,
    /// Open the site in the default browser once it is up.
    pub open: bool,
    /// Where to build; `None` builds into a temporary folder removed on exit.
    pub output: Option<PathBuf>,
}

impl ServeOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        ServeOptions {
            root: root.into(),
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 1111,
            watch: false,
            poll: false,
            open: false,
            output: None,
        }
    }
}

/// Runs the server until Ctrl-C: the whole of `factsite serve`.
pub fn run(opts: ServeOptions) -> crate::Result<()> {
    let open = opts.open;
    let server = Server::start(opts)?;
    if open {
        open_browser(server.url());
    }
    server.wait_for_ctrl_c();
    eprintln!("stopping…");
    server.stop();
    Ok(())
}

/// Best effort: asks the desktop to open `url`; says so when it cannot.
fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(cmd).arg(url).spawn() {
        eprintln!("could not open a browser ({cmd}: {e}); open {url} yourself");
    }
}
