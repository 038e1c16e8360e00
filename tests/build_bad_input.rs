//! Bad input: every case either builds with a warning naming the file (and loses no text) or
//! fails with exit code 1 and an error naming the file (and line), leaving the previous output
//! untouched. Fixtures live in `tests/fixtures/build/<case>/`; each is copied to a temporary
//! folder before it is built, so no build can touch the repository.

mod common;

use common::*;
use std::path::PathBuf;

/// Builds fixture `name` through the library; panics on failure.
fn build_fixture(name: &str) -> (tempfile::TempDir, PathBuf, factsite::BuildReport) {
    let (tmp, root) = copy_fixture(name);
    let out = tmp.path().join("out");
    let report = build_ok(&root, &out);
    (tmp, out, report)
}

/// Runs the CLI on fixture `name` whose output folder already holds a previous build (a marker
/// file and a manifest listing it, as every factsite build writes); asserts exit code 1, that stderr contains every one of `needles`, and that the previous
/// output is untouched. Returns stderr.
fn assert_build_fails(name: &str, needles: &[&str]) -> String {
    let (tmp, root) = copy_fixture(name);
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join("articles")).unwrap();
    std::fs::write(out.join("MARKER"), "previous build").unwrap();
    std::fs::write(out.join(".nojekyll"), "").unwrap();
    std::fs::write(out.join("articles/old.html"), "old page").unwrap();
    std::fs::write(
        out.join(".factsite-manifest"),
        "# factsite\n\"MARKER\"\n\".nojekyll\"\n\"articles/old.html\"\n",
    )
    .unwrap();
    let before = tree(&out);
    let o = cli_build(&root, &out);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{name}: exit code; stderr:\n{err}"
    );
    for n in needles {
        assert!(
            err.contains(n),
            "{name}: stderr does not mention {n:?}:\n{err}"
        );
    }
    assert!(
        !stdout(&o).contains("built "),
        "{name}: no summary on failure"
    );
    assert!(tree(&out) == before, "{name}: previous output changed");
    let beside: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "out" && n != "site-root")
        .collect();
    assert!(beside.is_empty(), "{name}: left behind {beside:?}");
    err
}

fn warnings_for<'a>(report: &'a factsite::BuildReport, file: &str) -> Vec<&'a str> {
    report
        .warnings
        .iter()
        .filter(|w| w.file == file)
        .map(|w| w.message.as_str())
        .collect()
}

// ---------------------------------------------------------------- encodings

#[test]
fn latin1_is_decoded_with_a_warning() {
    let (_tmp, out, report) = build_fixture("latin1");
    let w = warnings_for(&report, "cafe.txt");
    assert!(
        w.iter().any(|m| m.contains("UTF-8")),
        "warning naming cafe.txt: {:?}",
        report.warnings
    );
    let a = &articles_json(&out)["cafe.txt"];
    assert_eq!(a["title"], "Café owners in Kyiv reopen after the winter");
    assert_eq!(a["date"], "2023-05-19");
    assert_eq!(a["date_source"], "line 2");
    let page = text(&article_html(&out, "cafe"));
    assert!(
        page.contains("Les propriétaires de cafés de Kyiv ont rouvert leurs portes après un hiver très difficile, a déclaré le maire."),
        "{page}"
    );
    assert!(!page.contains('\u{fffd}'), "no replacement characters");
    // The CLI prints the warning with the file name.
    let (tmp, root) = copy_fixture("latin1");
    let o = cli_build(&root, &tmp.path().join("out"));
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("warning: cafe.txt"), "{}", stderr(&o));
}

#[test]
fn utf8_bom_is_stripped() {
    let (_tmp, out, report) = build_fixture("bom");
    assert!(
        warnings_for(&report, "bom.txt").is_empty(),
        "{:?}",
        report.warnings
    );
    let a = &articles_json(&out)["bom.txt"];
    assert_eq!(a["title"], "Japan sends generators to Ukraine");
    assert_eq!(a["title_source"], "line 1");
    assert_eq!(a["date_source"], "line 2");
    for (path, bytes) in tree(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains('\u{feff}'),
            "BOM in {path}"
        );
    }
}

#[test]
fn crlf_line_ends() {
    let (_tmp, out, _) = build_fixture("crlf");
    let a = &articles_json(&out)["crlf.txt"];
    assert_eq!(a["title"], "Japan sends generators to Ukraine");
    assert_eq!(a["date"], "2023-05-19");
    assert_eq!(a["date_source"], "line 2");
    assert_eq!(a["source_url"], "https://example.org/news/generators");
    assert_eq!(a["outlet"], "example.org");
    for (path, bytes) in tree(&out) {
        if path.ends_with(".html") || path.ends_with(".json") {
            assert!(!bytes.contains(&b'\r'), "carriage return in {path}");
        }
    }
    // Line anchors count CRLF lines like any other.
    let html = article_html(&out, "crlf");
    let (_, inner) = element_by_id(&html, "L4").expect("#L4");
    assert!(text(inner).contains("Japan's prime minister announced"));
}

#[test]
fn utf16_with_bom() {
    let (_tmp, out, report) = build_fixture("utf16");
    let a = &articles_json(&out)["utf16.txt"];
    assert_eq!(a["title"], "Zelensky arrives in Hiroshima");
    assert_eq!(a["date"], "2023-05-19");
    assert_eq!(a["date_source"], "line 2");
    assert!(
        warnings_for(&report, "utf16.txt")
            .iter()
            .any(|m| m.contains("UTF-16")),
        "{:?}",
        report.warnings
    );
    assert!(text(&article_html(&out, "utf16")).contains("mine-clearing equipment"));
}

// ---------------------------------------------------------------- skipped files and assets

#[test]
fn empty_files_are_skipped_with_a_warning() {
    let (_tmp, out, report) = build_fixture("empty");
    assert_eq!(report.articles, 1);
    for f in ["empty.txt", "blank.md"] {
        let w = warnings_for(&report, f);
        assert!(
            w.iter().any(|m| m.contains("empty")),
            "{f}: {:?}",
            report.warnings
        );
    }
    assert!(!out.join("articles/empty").exists());
    assert!(!out.join("articles/blank").exists());
    assert_eq!(articles_json(&out).len(), 1);
}

#[test]
fn binary_txt_is_skipped_with_a_warning() {
    let (_tmp, out, report) = build_fixture("binary");
    assert_eq!(report.articles, 1);
    let w = warnings_for(&report, "blob.txt");
    assert!(
        w.iter().any(|m| m.contains("binary")),
        "{:?}",
        report.warnings
    );
    assert!(!out.join("articles/blob").exists());
    let (tmp, root) = copy_fixture("binary");
    let o = cli_build(&root, &tmp.path().join("out"));
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("blob.txt"), "{}", stderr(&o));
}

#[test]
fn assets_are_copied_and_linked() {
    let (_tmp, out, report) = build_fixture("assets");
    assert_eq!(report.articles, 1);
    for f in ["report/photo.png", "report/statement.pdf"] {
        let src = std::fs::read(fixture("assets").join("content").join(f)).unwrap();
        let copied = std::fs::read(out.join("files").join(f))
            .unwrap_or_else(|e| panic!("files/{f} not copied: {e}"));
        assert!(src == copied, "{f} copied byte for byte");
    }
    let html = article_html(&out, "report-article");
    assert!(
        attrs(&html, "src")
            .iter()
            .any(|s| s.ends_with("files/report/photo.png")),
        "image points at the copied asset"
    );
    assert!(
        attrs(&html, "href")
            .iter()
            .any(|s| s.ends_with("files/report/statement.pdf")),
        "link points at the copied asset"
    );
    let problems = check_links(&out, "/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn hidden_files_and_editor_leftovers_are_ignored() {
    let (tmp, root) = copy_fixture("leftovers");
    let content = root.join("content");
    let article = std::fs::read(content.join("ok.txt")).unwrap();
    for name in [
        ".ok.txt.swp",
        "ok.txt.swp",
        "ok.txt~",
        "#ok.txt#",
        ".#ok.txt",
        ".DS_Store",
        ".hidden.txt",
        "notes.md~",
    ] {
        std::fs::write(content.join(name), &article).unwrap();
    }
    std::fs::create_dir(content.join(".git")).unwrap();
    std::fs::write(content.join(".git/HEAD.txt"), &article).unwrap();
    let out = tmp.path().join("out");
    let report = build_ok(&root, &out);
    assert_eq!(report.articles, 1, "only ok.txt");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let files: Vec<String> = tree(&out).into_keys().collect();
    assert!(
        !files.iter().any(|f| f.starts_with("files/")),
        "leftovers copied as assets: {files:?}"
    );
}

// ---------------------------------------------------------------- errors

#[test]
fn malformed_toml_front_matter() {
    // broken.md line 4 holds the unclosed string.
    assert_build_fails("bad_toml", &["broken.md:4:", "TOML"]);
}

#[test]
fn malformed_yaml_front_matter() {
    // The unclosed `[` is on line 4; the YAML parser notices it on line 5.
    let err = assert_build_fails("bad_yaml", &["broken.md:", "YAML"]);
    assert!(
        err.contains("broken.md:4:") || err.contains("broken.md:5:"),
        "line of the error: {err}"
    );
}

#[test]
fn non_http_source_url_in_front_matter() {
    assert_build_fails("bad_source_url", &["link.md:4:", "source_url"]);
}

#[test]
fn duplicate_slugs_name_both_files() {
    assert_build_fails(
        "dup_slug",
        &[
            "2023/zelensky-visit.txt",
            "2023/Zelensky Visit.md",
            "2023-zelensky-visit",
        ],
    );
    assert_build_fails("dup_slug_frontmatter", &["first.txt", "second.md"]);
}

#[test]
fn template_syntax_error_names_template_and_line() {
    // The `{% if %}` on line 4 is never closed; Tera would notice at `{% endblock %}` on line
    // 5, but the error names line 4, where the fix goes.
    assert_build_fails(
        "template_syntax",
        &[
            "templates/article.html",
            "line 4:",
            "{% if %}` is never closed",
        ],
    );
}

#[test]
fn template_missing_variable_names_template_and_line() {
    assert_build_fails(
        "template_missing_var",
        &["article.html:5:", "no_such_field"],
    );
}

#[test]
fn unknown_config_key() {
    assert_build_fails("unknown_key", &["site.toml", "colour_scheme"]);
}

#[test]
fn missing_content_folder() {
    let err = assert_build_fails("no_content", &["content"]);
    assert!(err.to_lowercase().contains("no content folder"), "{err}");
}

#[test]
fn output_over_sources_is_refused() {
    let (tmp, root) = copy_fixture("output_guard");
    std::fs::create_dir(root.join("templates")).unwrap();
    std::fs::write(root.join("templates/keep.txt"), "keep").unwrap();
    std::fs::create_dir(root.join("static")).unwrap();
    std::fs::write(root.join("static/keep.css"), "p{}").unwrap();
    let before = tree(tmp.path());
    let refused: Vec<PathBuf> = vec![
        root.join("content"),
        root.join("content/sub"),
        root.join("templates"),
        root.join("static"),
        root.clone(),
        tmp.path().to_path_buf(),
        root.join("content/../."),
    ];
    for out in refused {
        let o = cli_build(&root, &out);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}: {}",
            out.display(),
            stderr(&o)
        );
        assert!(stderr(&o).contains("refusing"), "{}", stderr(&o));
        assert!(
            tree(tmp.path()) == before,
            "{}: files changed",
            out.display()
        );
    }
    // output_dir in site.toml pointing at the sources is refused the same way.
    for dir in [".", "content", "./static"] {
        std::fs::write(
            root.join("site.toml"),
            format!("title = \"Guarded\"\noutput_dir = \"{dir}\"\n"),
        )
        .unwrap();
        let before = tree(tmp.path());
        let o = cli(&["build", "--root", root.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "output_dir {dir}: {}", stderr(&o));
        assert!(
            tree(tmp.path()) == before,
            "output_dir {dir}: files changed"
        );
    }
    // A sibling folder is fine.
    let ok = cli_build(&root, &root.join("site"));
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
}

/// A gh-pages clone holds a `.nojekyll` too: only a folder whose every entry the last factsite
/// build listed in its manifest is replaced; anything else is refused, naming the entry.
#[test]
fn output_holding_anything_factsite_did_not_write_is_refused() {
    let (tmp, root) = copy_fixture("output_guard");
    let out = tmp.path().join("gh-pages");
    std::fs::create_dir_all(out.join(".git")).unwrap();
    std::fs::write(out.join(".git/config"), "[core]").unwrap();
    std::fs::write(out.join(".nojekyll"), "").unwrap();
    std::fs::write(out.join("notes.md"), "mine").unwrap();
    let before = tree(tmp.path());
    let o = cli_build(&root, &out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(".git"),
        "names the entry: {}",
        stderr(&o)
    );
    assert!(tree(tmp.path()) == before, "nothing touched");

    // A folder factsite wrote is replaced; a file added to it afterwards makes it foreign.
    let site = tmp.path().join("site");
    assert_eq!(cli_build(&root, &site).status.code(), Some(0));
    assert_eq!(cli_build(&root, &site).status.code(), Some(0));
    std::fs::write(site.join("articles/draft.txt"), "my notes").unwrap();
    let o = cli_build(&root, &site);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("draft.txt"), "{}", stderr(&o));
    assert_eq!(read(&site.join("articles/draft.txt")), "my notes");
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".old"))
        .collect();
    assert!(left.is_empty(), "staging folders left: {left:?}");
}

/// Deep folders and long names flatten into long slugs; they are cut to fit any file system,
/// so the build never fails on a path that is too long.
#[test]
fn very_long_article_paths_build() {
    let (tmp, root) = copy_fixture("output_guard");
    let deep = root
        .join("content")
        .join(["a-rather-long-folder-name"; 12].join("/"));
    std::fs::create_dir_all(&deep).unwrap();
    let name = format!("{}.txt", "word-".repeat(50));
    std::fs::write(deep.join(&name), "A title\n2024-01-02\n\nSome text here.\n").unwrap();
    let report = build_ok(&root, &tmp.path().join("out"));
    assert_eq!(report.articles, 2);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["build", "--frobnicate"][..],
        &["build", "--root"][..],
        &["deploy"][..],
        &[][..],
    ] {
        let o = cli(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).is_empty());
    }
    assert_eq!(cli(&["--help"]).status.code(), Some(0));
}

// ---------------------------------------------------------------- injection

/// No tag in `html` carries script: no `<script>` with inline code, no event handler attribute,
/// no `javascript:` URL, no `<iframe>`/`<object>`/`<embed>`.
fn assert_no_live_markup(path: &str, html: &str) {
    let tag = regex::Regex::new(r"(?s)<[a-zA-Z][^>]*>").unwrap();
    let script = regex::Regex::new(r"(?is)<script\b([^>]*)>(.*?)</script>").unwrap();
    let quoted = regex::Regex::new(r#"="[^"]*""#).unwrap();
    let handler = regex::Regex::new(r"\son[a-z]+\s*=").unwrap();
    for t in tag.find_iter(html) {
        let t = t.as_str();
        // Escaped text inside a quoted attribute value is inert; look at the rest of the tag.
        let lower = quoted.replace_all(t, "=\"\"").to_ascii_lowercase();
        assert!(!lower.contains("alert("), "{path}: live markup {t}");
        assert!(!handler.is_match(&lower), "{path}: event handler in {t}");
        for bad in ["<iframe", "<object", "<embed"] {
            assert!(!lower.starts_with(bad), "{path}: {t}");
        }
    }
    for u in attrs(html, "href").into_iter().chain(attrs(html, "src")) {
        let u = u.trim().to_ascii_lowercase();
        assert!(
            !u.starts_with("javascript:") && !u.starts_with("data:text/html"),
            "{path}: {u}"
        );
    }
    for s in script.captures_iter(html) {
        if s[1].contains("type=\"application/ld+json\"") {
            // Structured data is not executed; it must be JSON with no `<` that could end it.
            assert!(!s[2].contains('<'), "{path}: JSON-LD holds <: {:?}", &s[2]);
            serde_json::from_str::<serde_json::Value>(&s[2]).expect("JSON-LD parses");
            continue;
        }
        assert!(s[2].trim().is_empty(), "{path}: inline script {:?}", &s[2]);
    }
}

#[test]
fn html_in_articles_is_never_live() {
    let (_tmp, out, _) = build_fixture("injection");
    for (path, bytes) in tree(&out) {
        if path.ends_with(".html") {
            assert_no_live_markup(&path, &String::from_utf8_lossy(&bytes));
        }
    }
    // The text is still there, shown as text.
    let plain = text(&article_html(&out, "plain"));
    assert!(
        plain.contains(r#"Officials said <script>alert("body")</script> that the <b>aid</b> &"#)
    );
    let md = text(&article_html(&out, "md"));
    assert!(
        md.contains(r#"<script>alert("fm")</script> Markdown"#),
        "{md}"
    );
}

#[test]
fn injection_checker_catches_live_markup() {
    for bad in [
        r#"<p>ok</p><script>alert(1)</script>"#,
        r#"<img src=x onerror="x()">"#,
        r#"<a href="javascript:void(0)">x</a>"#,
        r#"<iframe src="a.html"></iframe>"#,
        r#"<div onclick=alert(1)>x</div>"#,
    ] {
        let caught = std::panic::catch_unwind(|| assert_no_live_markup("t.html", bad)).is_err();
        assert!(caught, "not caught: {bad}");
    }
    assert_no_live_markup("t.html", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
}
