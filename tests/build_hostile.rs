//! Hostile input, as an attacker would write it: every byte under `content/`, `static/` and
//! `site.toml` is untrusted. Each case builds a small site in a temporary folder and checks that
//! nothing runs on the site's origin, nothing private is published, and every mistake is an
//! error naming the file and line.

mod common;

use common::*;
use std::path::Path;

/// A site root in a temporary folder with one ordinary article, `site.toml` and the given files.
fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempdir();
    let root = tmp.path().join("root");
    let mut all = vec![
        ("site.toml", "title = \"Hostile\"\n"),
        (
            "content/a.txt",
            "Council approves bridge\n2024-03-02\n\nThe council approved the bridge on Monday.\n",
        ),
    ];
    all.extend_from_slice(files);
    for (rel, text) in all {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    (tmp, root)
}

/// Builds through the CLI; asserts exit 1 and returns stderr.
fn fails(root: &Path) -> String {
    let o = cli_build(root, &root.join("site"));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!root.join("site").exists(), "no site written");
    stderr(&o)
}

fn verdict(extra: &str) -> String {
    format!(
        "+++\nclaim = \"The council approved the bridge\"\nrating = \"True\"\n{extra}+++\nChecked.\n"
    )
}

#[test]
fn verdict_sources_must_be_http_links() {
    for bad in [
        "javascript:alert(1)",
        " javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/x",
    ] {
        let v = verdict(&format!(
            "sources = [\n  \"https://ok.example/a\",\n  {bad:?},\n]\n"
        ));
        let (_tmp, root) = site(&[("content/checks/v.md", &v)]);
        let err = fails(&root);
        assert!(err.contains("content/checks/v.md:6:"), "{bad}: {err}");
        assert!(err.contains("not an http(s) URL"), "{err}");
    }
}

#[test]
fn verdict_rating_reviewed_and_aliases_mistakes_are_errors_with_lines() {
    let cases: [(&str, &str, &str); 4] = [
        (
            "content/checks/v.md",
            "+++\nclaim = \"The council approved the bridge\"\nrating = \"Ture\"\n+++\nx\n",
            "content/checks/v.md:3: rating \"Ture\" is not on the site's scale",
        ),
        (
            "content/checks/v.md",
            &verdict("reviewed = \"9999-99-99\"\n"),
            "content/checks/v.md:4:",
        ),
        (
            "content/aliases.toml",
            "[merge]\n\"Kyiv\" = [\"Kiev\"]\nx = 1\n",
            "content/aliases.toml:3:",
        ),
        (
            "content/aliases.toml",
            "[merj]\na = [\"b\"]\n",
            "content/aliases.toml:1: unknown section",
        ),
    ];
    for (file, text, needle) in cases {
        let (_tmp, root) = site(&[(file, text)]);
        let err = fails(&root);
        assert!(err.contains(needle), "{needle}: {err}");
    }
    // A rating differing only in case takes the scale's spelling.
    let (tmp, root) = site(&[(
        "content/checks/v.md",
        &verdict("").replace("True", "mostly TRUE"),
    )]);
    build_ok(&root, &tmp.path().join("out"));
    let page = read(&tmp.path().join("out/checks/v/index.html"));
    assert!(page.contains("Mostly true"), "{page}");
}

#[test]
fn hidden_static_folders_are_not_published() {
    let (tmp, root) = site(&[
        ("static/.git/config", "[remote] url = secret"),
        ("static/.secrets/token", "hunter2"),
        ("static/css/.env", "KEY=1"),
        ("static/css/site.css", "p{}"),
    ]);
    let out = tmp.path().join("out");
    build_ok(&root, &out);
    let files = tree(&out);
    assert!(files.contains_key("static/css/site.css"));
    let leaked: Vec<&String> = files
        .keys()
        .filter(|p| {
            p.contains("/.")
                || p.starts_with('.') && *p != ".nojekyll" && !p.starts_with(".factsite")
        })
        .collect();
    assert!(leaked.is_empty(), "{leaked:?}");
}

#[test]
fn active_content_files_are_published_only_when_allowed() {
    let evil = [
        ("content/evil.html", "<script>alert(1)</script>"),
        (
            "content/img/evil.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
        ),
        ("content/img/photo.jpg", "jpeg bytes"),
    ];
    let (tmp, root) = site(&evil);
    let out = tmp.path().join("out");
    let report = build_ok(&root, &out);
    let files = tree(&out);
    assert!(files.contains_key("files/img/photo.jpg"));
    assert!(!files.contains_key("files/evil.html") && !files.contains_key("files/img/evil.svg"));
    for f in ["evil.html", "img/evil.svg"] {
        let w = report.warnings.iter().find(|w| w.file == f);
        assert!(
            w.is_some_and(|w| w.message.contains("publish_active_files")),
            "{f}: {:?}",
            report.warnings
        );
    }
    assert!(!read(&out.join("sitemap.xml")).contains("evil"));

    // Allowed: published as they are, but never listed in the sitemap as the site's pages.
    std::fs::write(
        root.join("site.toml"),
        "title = \"H\"\npublish_active_files = true\n",
    )
    .unwrap();
    let out2 = tmp.path().join("out2");
    build_ok(&root, &out2);
    assert!(out2.join("files/evil.html").is_file() && out2.join("files/img/evil.svg").is_file());
    assert!(!read(&out2.join("sitemap.xml")).contains("evil"));
}

#[test]
fn base_url_cannot_point_pages_at_another_host() {
    let (tmp, root) = site(&[(
        "site.toml",
        "title = \"H\"\nbase_url = \"https://u.github.io//attacker.example/\"\n",
    )]);
    let out = tmp.path().join("out");
    build_ok(&root, &out);
    for (path, bytes) in tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("//attacker.example"), "{path}");
    }
    assert!(read(&out.join("404.html")).contains("https://u.github.io/attacker.example/"));
    for bad in ["javascript:alert(1)", "https:///x", "//attacker.example/"] {
        let (_t, root) = site(&[("site.toml", &format!("base_url = {bad:?}\n"))]);
        let err = fails(&root);
        assert!(
            err.contains("site.toml:1:") && err.contains("base_url"),
            "{err}"
        );
    }
}

#[test]
fn json_files_carry_no_markup_characters() {
    let (tmp, root) = site(&[(
        "content/b.md",
        "+++\ntitle = \"<script>alert('t')</script> & more\"\ndate = 2024-03-03\n+++\nThe mayor said <script>alert(1)</script> that 5 > 3 & 2 < 4 on Monday.\n",
    )]);
    let out = tmp.path().join("out");
    build_ok(&root, &out);
    let mut seen = 0;
    for (path, bytes) in tree(&out) {
        if !path.ends_with(".json") {
            continue;
        }
        seen += 1;
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            !text.contains(['<', '>', '&']),
            "{path} holds a raw < > or &"
        );
        serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    assert!(seen >= 4, "data/*.json and search-index.json");
    // The words are indexed ("mayor"); the body's tags are not: "script" counts only its two
    // uses in the title (weight 10 each), none from the body's <script>…</script>.
    let terms = |shard: &str| -> serde_json::Value {
        serde_json::from_str(&read(&out.join(format!("search/terms/{shard}.json")))).unwrap()
    };
    assert!(terms("ma")["mayor"].is_array(), "the text is indexed");
    let script = terms("sc")["script"].clone();
    let weights: Vec<u64> = (script.as_array().unwrap().chunks(2))
        .map(|p| p[1].as_u64().unwrap())
        .collect();
    assert_eq!(weights, [20], "tags are not words: {script}");
}

#[cfg(unix)]
#[test]
fn symlinked_articles_are_skipped_with_a_warning() {
    let (tmp, root) = site(&[]);
    let outside = tmp.path().join("secret.txt");
    std::fs::write(&outside, "Secret\n2024-01-01\n\nPrivate notes.\n").unwrap();
    std::os::unix::fs::symlink(&outside, root.join("content/link.txt")).unwrap();
    let out = tmp.path().join("out");
    let report = build_ok(&root, &out);
    assert_eq!(report.articles, 1);
    let w = report.warnings.iter().find(|w| w.file == "link.txt");
    assert!(
        w.is_some_and(|w| w.message.contains("symbolic link")),
        "{:?}",
        report.warnings
    );
    assert!(
        !tree(&out)
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("Private notes"))
    );
}

/// Files published as they are (content assets, `static/` files) are streamed when written, never
/// read whole into memory: the pipeline hands them over as copies of their source, and the
/// written file is byte-identical.
#[test]
fn assets_are_copied_by_streaming() {
    let big = "0123456789".repeat(100_000);
    let (tmp, root) = site(&[("content/img/data.bin", &big), ("static/app.css", "p{}")]);
    let renderer = factsite::render::Renderer::new(&root).unwrap();
    let config = factsite::Config::load(&root).unwrap();
    let built = factsite::run_pipeline_with(&root, config, &renderer, &|_| {}).unwrap();
    for path in ["files/img/data.bin", "static/app.css"] {
        let f = built.files.iter().find(|f| f.path == path).expect(path);
        assert!(
            f.copy_of.is_some() && f.bytes.is_empty(),
            "{path} is not held in memory"
        );
    }
    let out = tmp.path().join("out");
    build_ok(&root, &out);
    assert_eq!(read(&out.join("files/img/data.bin")), big);
}
