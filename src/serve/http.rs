//! The HTTP side (axum): files from the served folder through [`safe_path`], folders to their
//! `index.html`, the site's `404.html` with status 404, `no-cache` + ETag revalidation, HEAD, and
//! the live-reload script injected into HTML responses only. Bodies are shared between
//! requests ([`bodies`]) or streamed, so memory stays bounded under many clients.

use super::bodies::{self, Key};
use super::livereload::{self, EVENTS_PATH, SCRIPT_PATH};
use super::safe_path::{self, Refused, Resolved};
use super::state::Shared;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bytes::Bytes;
use std::path::Path;
use std::sync::Arc;

/// The whole app: live-reload endpoints, then every other path as a file.
pub fn router(shared: Arc<Shared>) -> Router {
    let mut app = Router::new();
    if shared.live_reload {
        app = app
            .route(EVENTS_PATH, get(livereload::events))
            .route(SCRIPT_PATH, get(livereload::script));
    }
    app.fallback(serve_file).with_state(shared)
}

async fn serve_file(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let raw = uri.path();
    let found = match safe_path::resolve(&shared.out_dir, raw) {
        Ok(Resolved::File(p)) => p,
        Ok(Resolved::AddSlash) => return add_slash(&uri),
        Err(Refused::BadRequest) => return plain(StatusCode::BAD_REQUEST, "400 bad request"),
        Err(Refused::NotFound) => return not_found(&shared, &method).await,
    };
    match respond(&shared, &method, &headers, &found, StatusCode::OK).await {
        Some(r) => r,
        None => not_found(&shared, &method).await,
    }
}

/// `/articles/x` → `/articles/x/` (keeps the query), so relative links resolve.
fn add_slash(uri: &Uri) -> Response {
    let target = match uri.query() {
        Some(q) => format!("{}/?{q}", uri.path()),
        None => format!("{}/", uri.path()),
    };
    match HeaderValue::from_str(&target) {
        Ok(v) => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, v)]).into_response(),
        Err(_) => plain(StatusCode::BAD_REQUEST, "400 bad request"),
    }
}

/// The site's own `404.html` with status 404; the build error page if no build succeeded yet.
async fn not_found(shared: &Shared, method: &Method) -> Response {
    let status = shared.status();
    if let (false, Some(err)) = (status.has_site, &status.error) {
        let page = livereload::error_page(err, shared.live_reload);
        return html(StatusCode::INTERNAL_SERVER_ERROR, method, page);
    }
    let page = shared.out_dir.join("404.html");
    let empty = HeaderMap::new();
    match respond(shared, method, &empty, &page, StatusCode::NOT_FOUND).await {
        Some(r) => r,
        None => plain(StatusCode::NOT_FOUND, "404 not found"),
    }
}

/// The response for the file at `path` (`None` if it cannot be read): from the shared bodies
/// ([`bodies`]) when it is small, streamed from disk when it is large and needs no script.
async fn respond(
    shared: &Shared,
    method: &Method,
    req: &HeaderMap,
    path: &Path,
    status: StatusCode,
) -> Option<Response> {
    let meta = tokio::fs::metadata(path).await.ok()?;
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let inject = mime.essence_str() == "text/html" && shared.live_reload;
    if !inject && meta.len() > bodies::MAX_ENTRY {
        return stream_file(method, req, path, &meta, &mime, status).await;
    }
    let key = Key {
        modified: meta.modified().ok(),
        len: meta.len(),
        view: if inject { view_of(shared, status) } else { 0 },
    };
    let body = match shared.bodies.get(path, &key) {
        Some(b) => b,
        None => {
            let _turn = shared.bodies.read_turn().await;
            let bytes = tokio::fs::read(path).await.ok()?;
            let bytes = if inject {
                with_live_reload(shared, path, bytes, status)
            } else {
                bytes
            };
            let etag = format!("\"{}\"", &blake3::hash(&bytes).to_hex()[..16]);
            let body = bodies::Body {
                bytes: Bytes::from(bytes),
                etag,
            };
            shared.bodies.put(path, key, body.clone());
            body
        }
    };
    Some(finish(method, req, &mime, status, body.bytes, body.etag))
}

/// What the injected script of a page depends on besides the page: the build status.
fn view_of(shared: &Shared, status: StatusCode) -> u64 {
    let s = shared.status();
    let mut h = blake3::Hasher::new();
    h.update(&s.generation.to_le_bytes());
    h.update(&[u8::from(status == StatusCode::NOT_FOUND)]);
    if let Some(e) = &s.error {
        h.update(e.message.as_bytes());
    }
    for p in &s.provisional {
        h.update(p.as_bytes());
        h.update(b"\n");
    }
    let hash = h.finalize();
    u64::from_le_bytes(hash.as_bytes()[..8].try_into().unwrap_or_default())
}

/// A large file streamed from disk in chunks (never whole in memory), with a weak ETag from its
/// size and time.
async fn stream_file(
    method: &Method,
    req: &HeaderMap,
    path: &Path,
    meta: &std::fs::Metadata,
    mime: &mime_guess::Mime,
    status: StatusCode,
) -> Option<Response> {
    let file = tokio::fs::File::open(path).await.ok()?;
    let nanos = (meta.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let etag = format!("W/\"{:x}-{nanos:x}\"", meta.len());
    if let Some(r) = not_modified(req, &etag, mime, status) {
        return Some(r);
    }
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from_stream(tokio_util::io::ReaderStream::new(file))
    };
    let r = headers(Response::builder().status(status), mime, &etag)
        .header(header::CONTENT_LENGTH, meta.len())
        .body(body);
    Some(r.unwrap_or_default())
}

/// The common headers of a file response.
fn headers(
    b: axum::http::response::Builder,
    mime: &mime_guess::Mime,
    etag: &str,
) -> axum::http::response::Builder {
    b.header(header::CONTENT_TYPE, content_type(mime))
        .header(header::CACHE_CONTROL, "no-cache")
        .header(header::ETAG, etag)
        .header("x-content-type-options", "nosniff")
}

/// `304 Not Modified` when the request's `If-None-Match` names `etag`.
fn not_modified(
    req: &HeaderMap,
    etag: &str,
    mime: &mime_guess::Mime,
    status: StatusCode,
) -> Option<Response> {
    let matches = status == StatusCode::OK
        && req
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let b = headers(
        Response::builder().status(StatusCode::NOT_MODIFIED),
        mime,
        etag,
    );
    matches.then(|| b.body(Body::empty()).unwrap_or_default())
}

fn finish(
    method: &Method,
    req: &HeaderMap,
    mime: &mime_guess::Mime,
    status: StatusCode,
    bytes: Bytes,
    etag: String,
) -> Response {
    if let Some(r) = not_modified(req, &etag, mime, status) {
        return r;
    }
    let len = bytes.len();
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(bytes)
    };
    headers(Response::builder().status(status), mime, &etag)
        .header(header::CONTENT_LENGTH, len)
        .body(body)
        .unwrap_or_default()
}

/// An HTML page with the live-reload script (and the error overlay, if the last build failed).
fn with_live_reload(shared: &Shared, path: &Path, bytes: Vec<u8>, status: StatusCode) -> Vec<u8> {
    let s = shared.status();
    // A 404 page reloads on every build: the missing page may just have been made.
    let page = path
        .strip_prefix(&shared.out_dir)
        .ok()
        .filter(|_| status != StatusCode::NOT_FOUND)
        .map(|p| p.to_string_lossy().replace('\\', "/"));
    let provisional = page
        .as_deref()
        .is_some_and(|p| s.provisional.iter().any(|q| q == p));
    livereload::inject(
        &bytes,
        s.generation,
        page.as_deref(),
        provisional,
        s.error.as_ref(),
    )
}

/// The Content-Type header for a file type: text in UTF-8, JavaScript as `text/javascript`.
fn content_type(mime: &mime_guess::Mime) -> String {
    match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if mime.essence_str() == "application/javascript" => {
            "text/javascript; charset=utf-8".into()
        }
        _ => mime.essence_str().to_string(),
    }
}

fn html(status: StatusCode, method: &Method, page: Vec<u8>) -> Response {
    let len = page.len();
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(page)
    };
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string()),
            (header::CACHE_CONTROL, "no-store".to_string()),
            (header::CONTENT_LENGTH, len.to_string()),
        ],
        body,
    )
        .into_response()
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        text,
    )
        .into_response()
}
