//! The HTTP side (axum): files from the served folder through [`safe_path`], folders to their
//! `index.html`, the site's `404.html` with status 404, `no-cache` + ETag revalidation, HEAD, and
//! the live-reload script injected into HTML responses only.

use super::livereload::{self, EVENTS_PATH, SCRIPT_PATH};
use super::safe_path::{self, Refused, Resolved};
use super::state::Shared;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
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
    match tokio::fs::read(&found).await {
        Ok(bytes) => file_response(&shared, &method, &headers, &found, bytes, StatusCode::OK),
        Err(_) => not_found(&shared, &method).await,
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
    match tokio::fs::read(&page).await {
        Ok(bytes) => file_response(
            shared,
            method,
            &HeaderMap::new(),
            &page,
            bytes,
            StatusCode::NOT_FOUND,
        ),
        Err(_) => plain(StatusCode::NOT_FOUND, "404 not found"),
    }
}

fn file_response(
    shared: &Shared,
    method: &Method,
    req: &HeaderMap,
    path: &Path,
    bytes: Vec<u8>,
    status: StatusCode,
) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let bytes = if is_html && shared.live_reload {
        with_live_reload(shared, path, bytes, status)
    } else {
        bytes
    };
    let etag = format!("\"{}\"", &blake3::hash(&bytes).to_hex()[..16]);
    let content_type = content_type(&mime);
    let not_modified = status == StatusCode::OK
        && req
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut builder = Response::builder()
        .status(if not_modified {
            StatusCode::NOT_MODIFIED
        } else {
            status
        })
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-cache")
        .header(header::ETAG, etag)
        .header("x-content-type-options", "nosniff");
    if not_modified {
        return builder.body(Body::empty()).unwrap_or_default();
    }
    builder = builder.header(header::CONTENT_LENGTH, bytes.len());
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(bytes)
    };
    builder.body(body).unwrap_or_default()
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
