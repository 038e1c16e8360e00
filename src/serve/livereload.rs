//! Live reload: the Server-Sent Events endpoint, the small browser script, and the injection of
//! that script (and of the build-error overlay) into served HTML. Nothing here touches the built
//! files: `factsite build` output never contains the script.

use super::state::{BuildError, Notice, Shared, Stage};
use axum::extract::{Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

pub const EVENTS_PATH: &str = "/__factsite/events";
pub const SCRIPT_PATH: &str = "/__factsite/livereload.js";

const SCRIPT: &str = r#"// factsite serve: live reload (injected while serving only)
(function () {
  var me = document.currentScript;
  var generation = me ? me.getAttribute("data-generation") : null;
  var page = me ? me.getAttribute("data-page") : null;
  var badge = null;
  // A page written from a preview says so until the exact build has run.
  if (me && me.hasAttribute("data-provisional")) {
    badge = document.createElement("div");
    badge.id = "factsite-provisional";
    badge.setAttribute("role", "status");
    badge.setAttribute("style", "position:fixed;right:1em;bottom:1em;z-index:2147483647;padding:.3em .7em;background:#fffbe6;color:#5c4400;border:1px solid #c9a400;border-radius:4px;font:13px/1.4 sans-serif");
    badge.textContent = "factsite: preview \u2014 cross-references updating\u2026";
    document.body.appendChild(badge);
  }

  function overlay(d) {
    var box = document.getElementById("factsite-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "factsite-error";
      document.body.appendChild(box);
    }
    box.setAttribute("style", "position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em;background:#fff3f3;color:#600;border-bottom:3px solid #c00;font:14px/1.4 monospace;white-space:pre-wrap");
    box.textContent = "factsite: build failed — the last good version is shown.\n\n" + d.message;
  }
  function reloadCss() {
    document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (l) {
      var u = new URL(l.href, location.href);
      u.searchParams.set("factsite-reload", Date.now());
      l.href = u.toString();
    });
  }
  // The server writes the pages open in a browser first: say which one this is.
  var es = new EventSource("/__factsite/events" + (page ? "?page=" + encodeURIComponent(page) : ""));
  es.addEventListener("hello", function (e) {
    var d = JSON.parse(e.data);
    if (generation !== null && String(d.generation) !== generation) location.reload();
  });
  // A build lists the pages it changed: reload if this is one of them (or if none are listed).
  // The badge goes once this page is exact: the whole site is written, or this open page is.
  es.addEventListener("reload", function (e) {
    var d = e.data ? JSON.parse(e.data) : {};
    if (!d.pages || !page || d.pages.indexOf(page) >= 0) location.reload();
    else generation = String(d.generation);
    var exact = d.stage === "site" || (d.exact && d.exact.indexOf(page) >= 0);
    if (badge && exact) { badge.remove(); badge = null; }
  });
  es.addEventListener("css", function (e) {
    generation = String(JSON.parse(e.data).generation);
    reloadCss();
  });
  es.addEventListener("build-error", function (e) { overlay(JSON.parse(e.data)); });
})();
"#;

/// `GET /__factsite/livereload.js`.
pub async fn script() -> Response {
    (
        [
            ("content-type", "text/javascript; charset=utf-8"),
            ("cache-control", "no-store"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// The query of the events endpoint: the output path of the page the script runs on.
#[derive(serde::Deserialize)]
pub struct Viewer {
    page: Option<String>,
}

/// Longest page path counted as open (a longer one is no page factsite writes).
const MAX_PAGE_LEN: usize = 512;

/// `GET /__factsite/events[?page=articles/x/index.html]`: a `hello` with the current generation,
/// then one event per notice. The page counts as open while the stream lives. Ends when the
/// server shuts down, so graceful shutdown does not wait on open tabs.
pub async fn events(
    State(shared): State<Arc<Shared>>,
    Query(viewer): Query<Viewer>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let status = shared.status();
    let mut first = vec![hello(status.generation)];
    if let Some(err) = &status.error {
        first.push(failed(err));
    }
    let open = viewer
        .page
        .filter(|p| !p.is_empty() && p.len() <= MAX_PAGE_LEN && !p.contains(char::is_control))
        .and_then(|p| shared.open_page(&p));
    let rx = shared.subscribe();
    let stop = shared.shutdown_signal();
    let rest = stream::unfold((rx, stop, open), |(mut rx, mut stop, open)| async move {
        if *stop.borrow() {
            return None;
        }
        let event = tokio::select! {
            msg = rx.recv() => match msg {
                Ok(n) => to_event(&n),
                Err(RecvError::Lagged(_)) => reload_all(0),
                Err(RecvError::Closed) => return None,
            },
            _ = stop.changed() => return None,
        };
        Some((Ok(event), (rx, stop, open)))
    });
    let head = stream::iter(first.into_iter().map(Ok));
    Sse::new(futures_util::StreamExt::chain(head, rest))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn to_event(n: &Notice) -> Event {
    match n {
        Notice::Reload {
            generation,
            pages,
            stage,
        } => {
            let (name, exact) = match stage {
                Stage::Preview => ("preview", None),
                Stage::Open { exact } => ("open", Some(exact)),
                Stage::Site => ("site", None),
            };
            Event::default().event("reload").data(
                serde_json::json!({
                    "generation": generation,
                    "pages": pages,
                    "stage": name,
                    "provisional": *stage == Stage::Preview,
                    "exact": exact,
                })
                .to_string(),
            )
        }
        Notice::Css { generation, paths } => Event::default()
            .event("css")
            .data(serde_json::json!({ "generation": generation, "paths": paths }).to_string()),
        Notice::Failed(e) => failed(e),
    }
}

fn hello(generation: u64) -> Event {
    Event::default()
        .event("hello")
        .data(format!("{{\"generation\":{generation}}}"))
}

/// Reload every page (a client missed notices).
fn reload_all(generation: u64) -> Event {
    to_event(&Notice::Reload {
        generation,
        pages: None,
        stage: Stage::Site,
    })
}

fn failed(e: &BuildError) -> Event {
    Event::default()
        .event("build-error")
        .data(serde_json::to_string(e).unwrap_or_default())
}

/// Adds the script tag (and the overlay when the last build failed) before `</body>`. `page` is
/// the output file served (`articles/x/index.html`), so the script knows when it changed;
/// `provisional` marks a page written from a preview (the script says the exact build follows).
pub fn inject(
    html: &[u8],
    generation: u64,
    page: Option<&str>,
    provisional: bool,
    error: Option<&BuildError>,
) -> Vec<u8> {
    let mut tag = String::new();
    if let Some(e) = error {
        tag.push_str(&overlay_html(e));
    }
    tag.push_str(&format!(
        "<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\" data-page=\"{}\"{}></script>",
        escape(page.unwrap_or("")),
        if provisional { " data-provisional" } else { "" }
    ));
    let at = find_body_end(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Byte offset of the last `</body` (any case).
fn find_body_end(html: &[u8]) -> Option<usize> {
    let needle = b"</body";
    html.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

fn overlay_html(e: &BuildError) -> String {
    format!(
        "<div id=\"factsite-error\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em;background:#fff3f3;color:#600;border-bottom:3px solid #c00;font:14px/1.4 monospace;white-space:pre-wrap\">factsite: build failed — the last good version is shown.\n\n{}</div>",
        escape(&e.message)
    )
}

/// The page shown when no build has succeeded yet.
pub fn error_page(e: &BuildError, live_reload: bool) -> Vec<u8> {
    let where_ = match (&e.file, e.line) {
        (Some(f), Some(l)) => format!("{f}, line {l}"),
        (Some(f), None) => f.clone(),
        _ => "the site".into(),
    };
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed — factsite</title></head><body><h1>Build failed in {}</h1><pre>{}</pre><p>Fix the file and save: this page reloads by itself.</p></body></html>",
        escape(&where_),
        escape(&e.message)
    );
    if live_reload {
        inject(html.as_bytes(), 0, None, false, None)
    } else {
        html.into_bytes()
    }
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_last_body_end() {
        let out = inject(
            b"<html><BODY>x</Body></html>",
            3,
            Some("a/index.html"),
            false,
            None,
        );
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.contains(
                "x<script src=\"/__factsite/livereload.js\" data-generation=\"3\" data-page=\"a/index.html\"></script></Body>"

            ),
            "{s}"
        );
        let out = inject(b"<body></body>", 2, Some("a/index.html"), true, None);
        assert!(
            String::from_utf8(out)
                .unwrap()
                .contains(" data-provisional>")
        );
        let out = inject(b"no body", 1, None, false, None);
        assert!(
            String::from_utf8(out)
                .unwrap()
                .starts_with("no body<script")
        );
    }

    #[test]
    fn overlay_escapes_message() {
        let e = BuildError {
            message: "templates/a.html:3: <oops>".into(),
            file: Some("templates/a.html".into()),
            line: Some(3),
        };
        let s = String::from_utf8(inject(b"<body></body>", 1, None, false, Some(&e))).unwrap();
        assert!(s.contains("&lt;oops&gt;") && s.contains("factsite-error"));
        let page = String::from_utf8(error_page(&e, false)).unwrap();
        assert!(page.contains("templates/a.html, line 3"));
    }
}
