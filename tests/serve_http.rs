//! `serve` over HTTP: pages, headers, folders, the site's 404 page, HEAD, ETags, concurrency,
//! the live-reload script only in served HTML (never in build output), and clean shutdown.

mod serve_support;
use serve_support::*;
use std::time::{Duration, Instant};

#[test]
fn serves_pages_with_types_and_no_cache() {
    let site = TestSite::new();
    let server = site.serve(false);
    let addr = server.addr();
    let home = get(addr, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-cache"));
    assert!(home.text().contains("Ministers agree on grain deal"));
    let page = get(addr, "/articles/grain/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("The deal covers grain."));
    let css = get(addr, "/static/style.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    let json = get(addr, "/data/articles.json");
    assert_eq!(json.header("content-type"), Some("application/json"));
    assert!(json.text().contains("grain"));
    server.stop();
}

#[test]
fn links_point_at_the_server() {
    let site = TestSite::new();
    let server = site.serve(false);
    let page = get(server.addr(), "/articles/grain/").text();
    let canonical = format!("href=\"{}articles/grain/\"", server.url());
    assert!(page.contains(&canonical), "{canonical} not in page");
    server.stop();
}

#[test]
fn folders_redirect_then_serve_index() {
    let site = TestSite::new();
    let server = site.serve(false);
    let r = get(server.addr(), "/articles/grain?x=1");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/articles/grain/?x=1"));
    let r = get(server.addr(), "/articles/grain/index.html");
    assert_eq!(r.status, 200);
    server.stop();
}

#[test]
fn missing_page_gets_site_404_with_status_404() {
    let site = TestSite::new();
    let server = site.serve(false);
    let r = get(server.addr(), "/no/such/page/");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let own_404 = std::fs::read_to_string(server.out_dir().join("404.html")).unwrap();
    assert_eq!(r.text(), own_404);
    server.stop();
}

#[test]
fn head_has_headers_and_no_body() {
    let site = TestSite::new();
    let server = site.serve(false);
    let full = get(server.addr(), "/");
    let head = request(server.addr(), "HEAD", "/", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length"),
        Some(full.body.len().to_string().as_str())
    );
    assert_eq!(head.header("etag"), full.header("etag"));
    let r = request(server.addr(), "POST", "/", &[]);
    assert_eq!(r.status, 405);
    server.stop();
}

#[test]
fn etag_revalidation_gives_304() {
    let site = TestSite::new();
    let server = site.serve(false);
    let first = get(server.addr(), "/static/style.css");
    let etag = first.header("etag").unwrap().to_string();
    let again = request(
        server.addr(),
        "GET",
        "/static/style.css",
        &[("If-None-Match", &etag)],
    );
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    server.stop();
}

#[test]
fn many_concurrent_clients() {
    let site = TestSite::new();
    let server = site.serve(true);
    let addr = server.addr();
    let _streams: Vec<Events> = (0..8).map(|_| Events::connect(addr)).collect();
    let workers: Vec<_> = (0..16)
        .map(|i| {
            std::thread::spawn(move || {
                let path = ["/", "/articles/grain/", "/static/style.css", "/nope"][i % 4];
                (0..20).map(|_| get(addr, path).status).collect::<Vec<_>>()
            })
        })
        .collect();
    for (i, w) in workers.into_iter().enumerate() {
        let want = if i % 4 == 3 { 404 } else { 200 };
        assert!(w.join().unwrap().iter().all(|s| *s == want));
    }
    server.stop();
}

#[test]
fn script_only_in_served_html_never_in_build_output() {
    let site = TestSite::new();
    let server = site.serve(true);
    let html = get(server.addr(), "/articles/grain/").text();
    assert!(html.contains("<script src=\"/__factsite/livereload.js\""));
    let not_found = get(server.addr(), "/missing").text();
    assert!(not_found.contains("/__factsite/livereload.js"));
    let css = get(server.addr(), "/static/style.css").text();
    assert!(!css.contains("__factsite"));
    let js = get(server.addr(), "/__factsite/livereload.js");
    assert_eq!(js.status, 200);
    assert!(js.text().contains("EventSource"));
    // The files on disk are plain build output; injection happens per response.
    assert!(!tree_contains(server.out_dir(), "__factsite"));
    server.stop();
    // `factsite build` output never carries it either.
    let out = site.dir.path().join("published");
    let mut opts = factsite::BuildOptions::new(&site.root);
    opts.output = Some(out.clone());
    factsite::build(&opts).unwrap();
    assert!(!tree_contains(&out, "__factsite"));
    // Without --watch there is no live reload at all.
    let server = site.serve(false);
    assert!(!get(server.addr(), "/").text().contains("__factsite"));
    assert_eq!(get(server.addr(), "/__factsite/livereload.js").status, 404);
    server.stop();
}

#[test]
fn stops_quickly_with_open_streams_and_removes_its_folder() {
    let site = TestSite::new();
    let server = site.serve(true);
    let addr = server.addr();
    let events = Events::connect(addr);
    let out = server.out_dir().to_path_buf();
    assert!(out.join("index.html").is_file());
    let t = Instant::now();
    server.stop();
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    assert!(events.next(Duration::from_secs(2)).is_none());
    assert!(!out.exists(), "temporary output folder left behind");
    assert!(std::net::TcpStream::connect(addr).is_err());
    assert!(!site.path("site").exists(), "serve must not touch site/");
}

#[test]
fn refuses_output_inside_content() {
    let site = TestSite::new();
    let mut o = site.options(false);
    o.output = Some(site.path("content/out"));
    assert!(factsite::serve::Server::start(o).is_err());
}

#[test]
fn output_folder_is_emptied_only_when_serve_made_it() {
    let site = TestSite::new();
    let out = site.dir.path().join("serve-out");
    let mut o = site.options(false);
    o.output = Some(out.clone());
    let server = factsite::serve::Server::start(o.clone()).unwrap();
    server.stop();
    // A page the last serve wrote (its manifest lists it) that no longer exists in the site.
    std::fs::write(out.join("stale.html"), "old page").unwrap();
    let manifest = out.join(".factsite-manifest");
    let listed = std::fs::read_to_string(&manifest).unwrap() + "\"stale.html\"\n";
    std::fs::write(&manifest, listed).unwrap();
    let server = factsite::serve::Server::start(o.clone()).unwrap();
    assert_eq!(get(server.addr(), "/stale.html").status, 404);
    server.stop();
    let foreign = site.dir.path().join("precious");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.txt"), "keep me").unwrap();
    o.output = Some(foreign.clone());
    assert!(factsite::serve::Server::start(o).is_err());
    assert!(foreign.join("thesis.txt").is_file());
}
