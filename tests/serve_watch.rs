//! `serve --watch`: edits, creations, deletions, renames, editors' safe writes, bursts, swap
//! files, `content/` replaced wholesale, stylesheet-only changes, errors and recovery — each seen
//! through the rebuilt page and the live-reload event stream.

mod serve_support;
use serve_support::*;
use std::time::Duration;

const QUIET: Duration = Duration::from_millis(800);

fn page(server: &factsite::serve::Server, path: &str) -> (u16, String) {
    let r = get(server.addr(), path);
    (r.status, r.text())
}

#[test]
fn edit_rebuilds_page_and_sends_reload() {
    let site = TestSite::new();
    let server = site.serve(true);
    let events = Events::connect(server.addr());
    site.write(
        "content/grain.txt",
        &article("Grain deal collapses", "Talks failed."),
    );
    // First a preview of the edited page, then the exact build.
    let preview = events.expect_preview(SECS);
    assert!(
        preview.contains("\"pages\":[\"articles/grain/index.html\"]"),
        "{preview}"
    );
    // The notice lists the pages that changed, so a browser on another page does not reload.
    // The article's page is not among them when the preview already had it right.
    let notice = events.expect("reload", SECS);
    let pages: serde_json::Value = serde_json::from_str(&notice).unwrap();
    let pages: Vec<&str> = pages["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(pages.contains(&"index.html"), "{notice}");
    assert!(!pages.contains(&"articles/aid/index.html"), "{notice}");
    let (status, html) = page(&server, "/articles/grain/");
    assert_eq!(status, 200);
    assert!(html.contains("Grain deal collapses"));
    assert!(html.contains("data-page=\"articles/grain/index.html\""));
    assert!(page(&server, "/").1.contains("Grain deal collapses"));
    // A 404 page lists no page of its own: it reloads on every build.
    assert!(
        page(&server, "/articles/none/")
            .1
            .contains("data-page=\"\"")
    );
    server.stop();
}

/// The `reload` events up to the one for the whole site, parsed.
fn reloads_until_site(events: &Events) -> Vec<serde_json::Value> {
    let mut seen = Vec::new();
    loop {
        let d = events.expect_where("reload", SECS, |_| true);
        let d: serde_json::Value = serde_json::from_str(&d).unwrap();
        let site = d["stage"] == "site";
        seen.push(d);
        if site {
            return seen;
        }
    }
}

fn listed(v: &serde_json::Value, page: &str) -> bool {
    v.as_array().is_some_and(|a| a.iter().any(|p| p == page))
}

#[test]
fn open_pages_are_written_before_the_rest_of_the_site() {
    let site = TestSite::new();
    let server = site.serve(true);
    // A browser shows the home page, which lists every article's title.
    let viewer = Events::connect_viewing(server.addr(), "index.html");
    site.write(
        "content/aid.txt",
        &article("Aid package doubled", "The package is large."),
    );
    let seen = reloads_until_site(&viewer);
    let stages: Vec<&str> = seen.iter().map(|d| d["stage"].as_str().unwrap()).collect();
    assert_eq!(stages, ["preview", "open", "site"], "{seen:?}");
    // The home page was rendered from the exact pass and written before the rest of the site,
    // so the site's own notice no longer lists it.
    let (open, done) = (&seen[1], &seen[2]);
    assert!(listed(&open["exact"], "index.html"), "{open}");
    assert!(listed(&open["pages"], "index.html"), "{open}");
    assert!(!listed(&done["pages"], "index.html"), "{done}");
    assert!(page(&server, "/").1.contains("Aid package doubled"));
    server.stop();
}

#[test]
fn create_delete_and_rename_articles() {
    let site = TestSite::new();
    let server = site.serve(true);
    let events = Events::connect(server.addr());
    site.write(
        "content/new.txt",
        &article("Fresh report on exports", "Exports rose."),
    );
    events.expect("reload", SECS);
    assert!(
        page(&server, "/articles/new/")
            .1
            .contains("Fresh report on exports")
    );

    site.remove("content/aid.txt");
    events.expect("reload", SECS);
    assert_eq!(page(&server, "/articles/aid/").0, 404);
    assert!(!server.out_dir().join("articles/aid").exists());

    site.rename("content/new.txt", "content/renamed.txt");
    events.expect("reload", SECS);
    assert_eq!(page(&server, "/articles/new/").0, 404);
    assert!(
        page(&server, "/articles/renamed/")
            .1
            .contains("Fresh report on exports")
    );
    server.stop();
}

#[test]
fn editors_safe_write_by_rename() {
    let site = TestSite::new();
    let server = site.serve(true);
    let events = Events::connect(server.addr());
    site.write_and_rename(
        "content/grain.txt",
        &article("Saved the safe way", "Atomic."),
    );
    events.expect("reload", SECS);
    assert!(
        page(&server, "/articles/grain/")
            .1
            .contains("Saved the safe way")
    );
    // vim-style: move the original to a backup, write a new file, delete the backup.
    site.rename("content/grain.txt", "content/grain.txt~");
    site.write(
        "content/grain.txt",
        &article("Saved the vim way", "Backup dance."),
    );
    site.remove("content/grain.txt~");
    events.expect("reload", SECS);
    assert!(
        page(&server, "/articles/grain/")
            .1
            .contains("Saved the vim way")
    );
    server.stop();
}

#[test]
fn same_bytes_swap_files_and_backups_do_not_rebuild() {
    let site = TestSite::new();
    let server = site.serve(true);
    let events = Events::connect(server.addr());
    let same = std::fs::read_to_string(site.path("content/grain.txt")).unwrap();
    site.write("content/grain.txt", &same);
    site.write("content/.grain.txt.swp", "swap");
    site.write("content/grain.txt~", "backup");
    site.write("content/#grain.txt#", "emacs");
    site.write("README.md", "not an input");
    let seen = events.collect(QUIET);
    assert!(seen.is_empty(), "unexpected events: {seen:?}");
    server.stop();
}

#[test]
fn own_output_inside_root_never_triggers_a_rebuild() {
    let site = TestSite::new();
    let mut o = site.options(true);
    o.output = Some(site.path("serve-out"));
    let server = factsite::serve::Server::start(o).unwrap();
    let events = Events::connect(server.addr());
    // Rewrite the output as a build would; nothing may happen.
    std::fs::write(site.path("serve-out/index.html"), "x").unwrap();
    assert!(events.collect(QUIET).is_empty());
    site.write("content/grain.txt", &article("One rebuild only", "Once."));
    events.expect("reload", SECS);
    assert!(events.collect(QUIET).is_empty(), "rebuild loop");
    server.stop();
}

#[test]
fn burst_of_changes_coalesces() {
    let site = TestSite::new();
    let server = site.serve(true);
    let events = Events::connect(server.addr());
    for i in 0..300 {
        site.write(
            &format!("content/batch/{i:03}.txt"),
            &article(&format!("Batch article number {i}"), "Bulk."),
        );
    }
    events.expect("reload", SECS);
    let more = events.collect(Duration::from_secs(1));
    assert!(
        more.len() <= 1,
        "a burst made {} extra rebuilds",
        more.len()
    );
    assert!(wait_until(SECS, || page(&server, "/articles/batch-299/").0 == 200));
    server.stop();
}

#[test]
fn content_folder_replaced_wholesale() {
    let site = TestSite::new();
    let server = site.serve(true);
    let events = Events::connect(server.addr());
    site.write(
        "content-next/other.txt",
        &article("A different branch", "Checked out."),
    );
    site.rename("content", "content-old");
    site.rename("content-next", "content");
    events.expect("reload", SECS);
    assert!(wait_until(SECS, || page(&server, "/articles/other/").0 == 200));
    assert_eq!(page(&server, "/articles/grain/").0, 404);
    // The new folder is watched, not the old one.
    site.write(
        "content/other.txt",
        &article("Edited after the swap", "Still watched."),
    );
    events.expect("reload", SECS);
    assert!(
        page(&server, "/articles/other/")
            .1
            .contains("Edited after the swap")
    );
    site.write(
        "content-old/grain.txt",
        &article("Nobody watches this", "Gone."),
    );
    assert!(events.collect(QUIET).is_empty());
    server.stop();
}

#[test]
fn stylesheet_change_swaps_css_without_rebuild() {
    let site = TestSite::new();
    site.write("static/style.css", "body { color: black }\n");
    let server = site.serve(true);
    let events = Events::connect(server.addr());
    let before = std::fs::metadata(server.out_dir().join("index.html"))
        .unwrap()
        .modified()
        .unwrap();
    site.write("static/style.css", "body { color: teal }\n");
    let data = events.expect("css", SECS);
    assert!(data.contains("static/style.css"), "{data}");
    assert!(page(&server, "/static/style.css").1.contains("teal"));
    let after = std::fs::metadata(server.out_dir().join("index.html"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "pages were rewritten for a CSS change");
    // A new static file (not yet in the site) takes the full path and reloads.
    site.write("static/extra.js", "console.log(1)");
    events.expect("reload", SECS);
    assert_eq!(page(&server, "/static/extra.js").0, 200);
    server.stop();
}

#[test]
fn template_error_shows_overlay_keeps_site_and_recovers() {
    let site = TestSite::new();
    let server = site.serve(true);
    let events = Events::connect(server.addr());
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ article.title.value }</h1>\n{% endblock %}\n",
    );
    let data = events.expect("build-error", SECS);
    assert!(data.contains("templates/article.html"), "{data}");
    assert!(data.contains("\"line\":3"), "{data}");
    let (status, html) = page(&server, "/articles/grain/");
    assert_eq!(status, 200, "last good site kept");
    assert!(html.contains("Ministers agree on grain deal"));
    assert!(html.contains("id=\"factsite-error\""));
    assert!(html.contains("article.html"));
    std::fs::remove_file(site.path("templates/article.html")).unwrap();
    events.expect("reload", SECS);
    let (_, html) = page(&server, "/articles/grain/");
    assert!(!html.contains("factsite-error"));
    server.stop();
}

#[test]
fn bad_front_matter_and_bad_config_recover() {
    let site = TestSite::new();
    let server = site.serve(true);
    let events = Events::connect(server.addr());
    site.write(
        "content/broken.md",
        "---\ntitle: [unclosed\ndate: 2023-01-01\n---\nBody.\n",
    );
    let data = events.expect("build-error", SECS);
    assert!(data.contains("broken.md"), "{data}");
    assert!(data.contains("\"line\":"), "{data}");
    site.write(
        "content/broken.md",
        "---\ntitle: Fixed now\ndate: 2023-01-01\n---\nBody.\n",
    );
    events.expect("reload", SECS);
    assert!(page(&server, "/articles/broken/").1.contains("Fixed now"));

    site.write("site.toml", "title = \"Test desk\"\ncolour = \"red\"\n");
    let data = events.expect("build-error", SECS);
    assert!(
        data.contains("colour") && data.contains("site.toml"),
        "{data}"
    );
    site.write("site.toml", "title = \"Renamed desk\"\n");
    events.expect("reload", SECS);
    assert!(page(&server, "/").1.contains("Renamed desk"));
    server.stop();
}

#[test]
fn first_build_failing_serves_error_page_until_fixed() {
    let site = TestSite::new();
    site.write("site.toml", "title = \"x\"\nbogus_key = 1\n");
    let server = site.serve(true);
    let (status, html) = page(&server, "/");
    assert_eq!(status, 500);
    assert!(html.contains("site.toml, line 2"), "{html}");
    assert!(html.contains("bogus_key"));
    let events = Events::connect(server.addr());
    site.write("site.toml", "title = \"Works again\"\n");
    events.expect("reload", SECS);
    let (status, html) = page(&server, "/");
    assert_eq!(status, 200);
    assert!(html.contains("Works again"));
    server.stop();
}

#[test]
fn first_build_failing_without_watch_is_an_error() {
    let site = TestSite::new();
    site.write("site.toml", "bogus_key = 1\n");
    assert!(factsite::serve::Server::start(site.options(false)).is_err());
}

#[test]
fn polling_watcher_sees_edits() {
    let site = TestSite::new();
    let mut o = site.options(true);
    o.poll = true;
    let server = factsite::serve::Server::start(o).unwrap();
    let events = Events::connect(server.addr());
    site.write("content/grain.txt", &article("Seen by polling", "Polled."));
    events.expect("reload", SECS);
    assert!(
        page(&server, "/articles/grain/")
            .1
            .contains("Seen by polling")
    );
    server.stop();
}
