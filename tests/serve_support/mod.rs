//! Shared helpers for the `serve` integration tests: a temporary site, a server on an ephemeral
//! port, a raw HTTP/1.1 client (raw so traversal paths reach the server unnormalised) and a
//! Server-Sent Events reader.
#![allow(dead_code)]

use factsite::serve::{ServeOptions, Server};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

pub struct TestSite {
    pub dir: tempfile::TempDir,
    pub root: PathBuf,
}

/// A plain-text article: title line, date line, URL line, body.
pub fn article(title: &str, body: &str) -> String {
    format!(
        "{title}\n2023-05-19\nhttps://example.com/{}\n{body}\n",
        title.len()
    )
}

impl TestSite {
    /// A site with `site.toml` and two articles, `grain` and `aid`.
    pub fn new() -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site-root");
        let site = TestSite { dir, root };
        site.write("site.toml", "title = \"Test desk\"\n");
        site.write(
            "content/grain.txt",
            &article("Ministers agree on grain deal", "The deal covers grain."),
        );
        site.write(
            "content/aid.txt",
            &article("Aid package announced", "The package is large."),
        );
        site
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Editors' safe write: a temporary file beside the target, then a rename over it.
    pub fn write_and_rename(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        let tmp = p.with_file_name(format!(
            ".{}.tmp-save",
            p.file_name().unwrap().to_string_lossy()
        ));
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &p).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    pub fn rename(&self, from: &str, to: &str) {
        std::fs::rename(self.path(from), self.path(to)).unwrap();
    }

    /// Serve options for this site on an ephemeral loopback port.
    pub fn options(&self, watch: bool) -> ServeOptions {
        let mut o = ServeOptions::new(&self.root);
        o.port = 0;
        o.watch = watch;
        o
    }

    pub fn serve(&self, watch: bool) -> Server {
        Server::start(self.options(watch)).expect("server starts")
    }
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `METHOD target HTTP/1.1` exactly as given and reads the whole response.
pub fn request(addr: SocketAddr, method: &str, target: &str, extra: &[(&str, &str)]) -> Resp {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in extra {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read response");
    parse(&raw)
}

pub fn get(addr: SocketAddr, path: &str) -> Resp {
    request(addr, "GET", path, &[])
}

fn parse(raw: &[u8]) -> Resp {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Resp {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(nl) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..nl]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + size]);
        b = &b[nl + 4 + size..];
    }
    out
}

/// An open `/__factsite/events` stream; events arrive as (name, data) on a channel.
pub struct Events {
    rx: Receiver<(String, String)>,
    _stream: TcpStream,
}

impl Events {
    pub fn connect(addr: SocketAddr) -> Events {
        Self::open("/__factsite/events", addr)
    }

    /// The stream a browser showing `page` (an output path) opens: the server writes that page
    /// first after an edit.
    pub fn connect_viewing(addr: SocketAddr, page: &str) -> Events {
        Self::open(&format!("/__factsite/events?page={page}"), addr)
    }

    fn open(path: &str, addr: SocketAddr) -> Events {
        let mut s = TcpStream::connect(addr).expect("connect");
        let req =
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let reader = BufReader::new(s.try_clone().unwrap());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in reader.lines() {
                let Ok(line) = line else { return };
                if let Some(n) = line.strip_prefix("event:") {
                    name = n.trim().to_string();
                } else if let Some(d) = line.strip_prefix("data:")
                    && tx
                        .send((std::mem::take(&mut name), d.trim().to_string()))
                        .is_err()
                {
                    return;
                }
            }
        });
        let ev = Events { rx, _stream: s };
        let (name, _) = ev.next(Duration::from_secs(5)).expect("hello event");
        assert_eq!(name, "hello");
        ev
    }

    pub fn next(&self, timeout: Duration) -> Option<(String, String)> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// Waits for an event called `name`, skipping others (and the provisional `reload` of a
    /// preview: the exact build's follows it); panics after `timeout`.
    pub fn expect(&self, name: &str, timeout: Duration) -> String {
        self.expect_where(name, timeout, |d| !is_provisional(d))
    }

    /// Waits for the provisional `reload` of a preview (see `xref::preview`).
    pub fn expect_preview(&self, timeout: Duration) -> String {
        self.expect_where("reload", timeout, is_provisional)
    }

    pub fn expect_where(&self, name: &str, timeout: Duration, ok: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + timeout;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.next(left) {
                Some((n, d)) if n == name && ok(&d) => return d,
                Some(_) => continue,
                None => break,
            }
        }
        panic!("no `{name}` event within {timeout:?}");
    }

    /// Every event arriving within `window`.
    pub fn collect(&self, window: Duration) -> Vec<(String, String)> {
        let end = Instant::now() + window;
        let mut out = Vec::new();
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.next(left) {
                Some(e) => out.push(e),
                None => break,
            }
        }
        out
    }
}

/// Whether a `reload` event's data says it comes from a preview.
pub fn is_provisional(data: &str) -> bool {
    data.contains("\"provisional\":true")
}

/// Polls `f` until it is true or `timeout` passes.
pub fn wait_until(timeout: Duration, mut f: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + timeout;
    while Instant::now() < end {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    f()
}

pub const SECS: Duration = Duration::from_secs(10);

/// Whether any file under `dir` contains `needle`.
pub fn tree_contains(dir: &Path, needle: &str) -> bool {
    walk(dir).iter().any(|p| {
        std::fs::read(p)
            .map(|b| String::from_utf8_lossy(&b).contains(needle))
            .unwrap_or(false)
    })
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}
