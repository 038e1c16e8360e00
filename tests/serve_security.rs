//! `serve` never serves a file outside the served folder: every traversal form the issue lists is
//! sent raw (unnormalised) and must give 400 or 404 without the secret's bytes.

mod serve_support;
use serve_support::*;

const SECRET: &str = "TOP-SECRET-BYTES";

/// A server whose output folder sits beside a secret file (`../secret.txt` from the folder).
fn setup() -> (TestSite, factsite::serve::Server) {
    let site = TestSite::new();
    let outer = site.dir.path().join("outer");
    std::fs::create_dir_all(&outer).unwrap();
    std::fs::write(outer.join("secret.txt"), SECRET).unwrap();
    let mut o = site.options(false);
    o.output = Some(outer.join("out"));
    let server = factsite::serve::Server::start(o).unwrap();
    (site, server)
}

fn assert_refused(server: &factsite::serve::Server, target: &str) {
    let r = get(server.addr(), target);
    assert!(
        r.status == 400 || r.status == 404,
        "{target}: status {}",
        r.status
    );
    assert!(!r.text().contains(SECRET), "{target} leaked the secret");
}

#[test]
fn dot_dot_segments() {
    let (_site, server) = setup();
    for t in [
        "/../secret.txt",
        "/articles/../../secret.txt",
        "/static/../../secret.txt",
        "/./../secret.txt",
    ] {
        assert_refused(&server, t);
    }
    server.stop();
}

#[test]
fn percent_encoded_dots_and_slashes() {
    let (_site, server) = setup();
    for t in [
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/static%2f..%2f..%2fsecret.txt",
        "/%252e%252e/secret.txt",
    ] {
        assert_refused(&server, t);
    }
    server.stop();
}

#[test]
fn backslashes() {
    let (_site, server) = setup();
    for t in [
        "/..\\secret.txt",
        "/static\\..\\..\\secret.txt",
        "/..%5csecret.txt",
        "/%5c..%5csecret.txt",
    ] {
        assert_refused(&server, t);
    }
    server.stop();
}

#[test]
fn absolute_paths() {
    let (site, server) = setup();
    let secret = site.dir.path().join("outer/secret.txt");
    let abs = secret.to_string_lossy().to_string();
    for t in [
        format!("/{abs}"),
        format!("//{abs}"),
        format!("/%2f{}", abs.trim_start_matches('/')),
        "/etc/passwd".to_string(),
        "/C:/Windows/win.ini".to_string(),
        "/C:%5cWindows%5cwin.ini".to_string(),
        format!("http://{}/../secret.txt", server.addr()),
    ] {
        assert_refused(&server, &t);
    }
    server.stop();
}

#[test]
fn nul_bytes() {
    let (_site, server) = setup();
    for t in [
        "/index.html%00",
        "/%00/../secret.txt",
        "/secret.txt%00.html",
    ] {
        assert_refused(&server, t);
    }
    server.stop();
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_folder() {
    let (site, server) = setup();
    let outer = site.dir.path().join("outer");
    let out = server.out_dir().to_path_buf();
    std::os::unix::fs::symlink(&outer, out.join("escape")).unwrap();
    std::os::unix::fs::symlink(outer.join("secret.txt"), out.join("secret-link.txt")).unwrap();
    std::os::unix::fs::symlink("/etc", out.join("etc")).unwrap();
    for t in [
        "/escape/secret.txt",
        "/secret-link.txt",
        "/etc/passwd",
        "/escape/",
    ] {
        assert_refused(&server, t);
    }
    // A link that stays inside is fine.
    std::os::unix::fs::symlink(out.join("index.html"), out.join("home.html")).unwrap();
    assert_eq!(get(server.addr(), "/home.html").status, 200);
    server.stop();
}

#[test]
fn hidden_files_are_not_served() {
    let (_site, server) = setup();
    std::fs::write(server.out_dir().join(".env"), SECRET).unwrap();
    assert_refused(&server, "/.env");
    assert_refused(&server, "/%2eenv");
    server.stop();
}
