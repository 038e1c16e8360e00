//! Shared helpers for the `build_*` integration tests: building a site into a temporary folder,
//! running the binary, reading the output tree, and a small link checker for the generated HTML.

#![allow(dead_code)]

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::LazyLock;

/// The package root (the repository's own site: `site.toml`, `content/`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/build/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures/build").join(name)
}

/// A fresh temporary folder.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// Copies fixture `name` into a temporary folder (so a build can never touch the repository) and
/// returns the folder and the copied site root inside it.
pub fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempdir();
    let root = tmp.path().join("site-root");
    copy_dir(&fixture(name), &root);
    (tmp, root)
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Builds `root` into `out` through the library.
pub fn build(
    root: &Path,
    out: &Path,
    base_url: Option<&str>,
) -> factsite::Result<factsite::BuildReport> {
    factsite::build(&factsite::BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        base_url: base_url.map(String::from),
        no_xref: false,
    })
}

/// Builds and panics with the error message on failure.
pub fn build_ok(root: &Path, out: &Path) -> factsite::BuildReport {
    build(root, out, None).unwrap_or_else(|e| panic!("build of {} failed: {e}", root.display()))
}

/// Runs the `factsite` binary with `args`.
pub fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factsite"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("run factsite")
}

/// `factsite build --root ROOT --output OUT`.
pub fn cli_build(root: &Path, out: &Path) -> Output {
    cli(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ])
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every file under `dir`: `/`-separated relative path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk output");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap();
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `data/articles.json` of a built site, keyed by `file`.
pub fn articles_json(out: &Path) -> BTreeMap<String, serde_json::Value> {
    let v: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/articles.json"))).expect("articles.json");
    v.as_array()
        .expect("articles.json is an array")
        .iter()
        .map(|a| (a["file"].as_str().expect("file").to_string(), a.clone()))
        .collect()
}

/// The page of the article with `slug`.
pub fn article_html(out: &Path, slug: &str) -> String {
    read(&out.join("articles").join(slug).join("index.html"))
}

static ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\s(href|src|id)\s*=\s*"([^"]*)""#).unwrap());
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").unwrap());
static CSS_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]"#).unwrap()
});

/// Undoes the HTML escapes Tera and the renderer produce.
pub fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// Values of attribute `name` (`href`, `src`, `id`) in `html`, unescaped.
pub fn attrs(html: &str, name: &str) -> Vec<String> {
    ATTR.captures_iter(html)
        .filter(|c| &c[1] == name)
        .map(|c| unescape(&c[2]))
        .collect()
}

/// The text of `html` without tags, unescaped, whitespace collapsed.
pub fn text(html: &str) -> String {
    squash(&unescape(&TAG.replace_all(html, " ")))
}

/// Collapses every run of whitespace (including no-break spaces) to one space.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The element carrying `id="<id>"`: its opening tag and its inner HTML (no nesting of the same
/// tag is assumed, which holds for the line paragraphs of article pages).
pub fn element_by_id<'a>(html: &'a str, id: &str) -> Option<(&'a str, &'a str)> {
    let at = html.find(&format!(" id=\"{id}\""))?;
    let start = html[..at].rfind('<')?;
    let open_end = start + html[start..].find('>')? + 1;
    let name: String = html[start + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let close = open_end + html[open_end..].find(&format!("</{name}>"))?;
    Some((&html[start..open_end], &html[open_end..close]))
}

fn has_scheme(link: &str) -> bool {
    let scheme: String = link
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "+-.".contains(*c))
        .collect();
    !scheme.is_empty() && link[scheme.len()..].starts_with(':') || link.starts_with("//")
}

/// Checks every internal `href`/`src` of every HTML file (and every `url()` of every CSS file)
/// under `out`: the target file exists (a folder means its `index.html`) and a `#fragment` is an
/// `id` of the target page. Links with a scheme are external and skipped. Root-absolute links
/// (`/…`) are allowed only when they start with `abs_prefix` (the path of `base_url`, for
/// `404.html`) and are resolved from the site root. Returns one line per broken link.
pub fn check_links(out: &Path, abs_prefix: &str) -> Vec<String> {
    let files = tree(out);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            ids.insert(path.clone(), attrs(&html, "id").into_iter().collect());
        }
    }
    let mut problems = Vec::new();
    for (path, bytes) in &files {
        let content = String::from_utf8_lossy(bytes);
        let links: Vec<String> = if path.ends_with(".html") {
            let mut l = attrs(&content, "href");
            l.extend(attrs(&content, "src"));
            l
        } else if path.ends_with(".css") {
            CSS_URL
                .captures_iter(&content)
                .filter_map(|c| c.get(1).or(c.get(2)).map(|m| m.as_str().to_string()))
                .collect()
        } else {
            continue;
        };
        for link in links {
            if has_scheme(&link) {
                continue;
            }
            if let Err(why) = resolve(path, &link, abs_prefix, &files, &ids) {
                problems.push(format!("{path}: {link:?}: {why}"));
            }
        }
    }
    problems
}

fn resolve(
    from: &str,
    link: &str,
    abs_prefix: &str,
    files: &BTreeMap<String, Vec<u8>>,
    ids: &BTreeMap<String, BTreeSet<String>>,
) -> Result<(), String> {
    let (target, fragment) = match link.split_once('#') {
        Some((t, f)) => (t, Some(f)),
        None => (link, None),
    };
    let target = target.split('?').next().unwrap_or("");
    let mut parts: Vec<&str> = Vec::new();
    if let Some(abs) = target.strip_prefix('/') {
        let rest = format!("/{abs}");
        let Some(inside) = rest.strip_prefix(abs_prefix) else {
            return Err(format!("root-absolute link outside {abs_prefix}"));
        };
        let inside = inside.to_string();
        return finish(from, &inside, fragment, files, ids);
    }
    if !target.is_empty() {
        parts.extend(from.split('/'));
        parts.pop(); // the file name
        for seg in target.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Err("climbs above the site root".into());
                    }
                }
                s => parts.push(s),
            }
        }
        let mut joined = parts.join("/");
        if target.ends_with('/') && !joined.is_empty() {
            joined.push('/');
        }
        return finish(from, &joined, fragment, files, ids);
    }
    finish(from, from, fragment, files, ids)
}

fn finish(
    _from: &str,
    target: &str,
    fragment: Option<&str>,
    files: &BTreeMap<String, Vec<u8>>,
    ids: &BTreeMap<String, BTreeSet<String>>,
) -> Result<(), String> {
    let file = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else if files.contains_key(target) {
        target.to_string()
    } else if files.contains_key(&format!("{target}/index.html")) {
        format!("{target}/index.html")
    } else {
        target.to_string()
    };
    if !files.contains_key(&file) {
        return Err(format!("no file {file}"));
    }
    if let Some(f) = fragment.filter(|f| !f.is_empty()) {
        let known = ids
            .get(&file)
            .ok_or_else(|| format!("#{f} into non-HTML {file}"))?;
        if !known.contains(f) {
            return Err(format!("no id {f:?} in {file}"));
        }
    }
    Ok(())
}

/// External (`http://`, `https://`, `//`) references that the browser would fetch on load:
/// scripts, stylesheets, fonts, images, iframes, CSS `url()`/`@import`. Canonical and alternate
/// `<link>`s and ordinary `<a>` links are not fetched and are not reported.
pub fn external_requests(out: &Path) -> Vec<String> {
    static LOADING_TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*>")
            .unwrap()
    });
    static REL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"(?i)\srel\s*=\s*"([^"]*)""#).unwrap());
    let is_external = |u: &str| {
        let u = u.trim().to_ascii_lowercase();
        u.starts_with("http://") || u.starts_with("https://") || u.starts_with("//")
    };
    let mut found = Vec::new();
    for (path, bytes) in tree(out) {
        let content = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") {
            for tag in LOADING_TAG.find_iter(&content) {
                let tag = tag.as_str();
                let rel = REL
                    .captures(tag)
                    .map(|c| c[1].to_ascii_lowercase())
                    .unwrap_or_default();
                if tag[1..].to_ascii_lowercase().starts_with("link")
                    && rel
                        .split_whitespace()
                        .all(|r| ["canonical", "alternate", "license", "author", "me"].contains(&r))
                {
                    continue;
                }
                for url in attrs(tag, "href").into_iter().chain(attrs(tag, "src")) {
                    if is_external(&url) {
                        found.push(format!("{path}: {tag}"));
                    }
                }
            }
            if content.contains("@import") || content.contains("url(") {
                for c in CSS_URL.captures_iter(&content) {
                    let u = c.get(1).or(c.get(2)).unwrap().as_str();
                    if is_external(u) {
                        found.push(format!("{path}: css {u}"));
                    }
                }
            }
        } else if path.ends_with(".css") {
            for c in CSS_URL.captures_iter(&content) {
                let u = c.get(1).or(c.get(2)).unwrap().as_str();
                if is_external(u) {
                    found.push(format!("{path}: {u}"));
                }
            }
        }
    }
    found
}

/// The warnings of a report, rendered as the CLI prints them.
pub fn warning_lines(report: &factsite::BuildReport) -> Vec<String> {
    report.warnings.iter().map(|w| w.to_string()).collect()
}
