//! `factsite init DIR` scaffolds a site that builds at once, and never writes into a folder that
//! holds anything.

mod common;

use common::*;

#[test]
fn init_scaffolds_a_site_that_builds() {
    let tmp = tempdir();
    let dir = tmp.path().join("desk");
    let o = cli(&["init", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("created a site in"), "{}", stdout(&o));
    for f in [
        "site.toml",
        ".gitignore",
        "content/checks/sample-verdict.md",
        "content/pages/about.md",
    ] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    let out = tmp.path().join("out");
    let o = cli_build(&dir, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).trim().is_empty(),
        "warnings on a fresh site: {}",
        stderr(&o)
    );
    let report = build_ok(&dir, &out);
    assert_eq!((report.articles, report.pages, report.checks), (1, 1, 1));
    assert!(
        out.join("articles/2024-03-01-sample-article/index.html")
            .is_file()
    );
    assert!(out.join("about/index.html").is_file());
    assert!(out.join("checks/sample-verdict/index.html").is_file());
    // The sample verdict is found in the sample article, and the site has a Pages workflow.
    let check = read(&out.join("checks/sample-verdict/index.html"));
    assert!(
        check.contains("articles/2024-03-01-sample-article/"),
        "{check}"
    );
    assert!(!check.contains("was not found"));
    let workflow = read(&dir.join(".github/workflows/pages.yml"));
    assert!(workflow.contains("actions/deploy-pages") && workflow.contains("FACTSITE_GIT"));
    // The rating is on the scale of the scaffolded site.toml.
    let verdict = read(&dir.join("content/checks/sample-verdict.md"));
    let config = factsite::Config::load(&dir).unwrap();
    assert!(
        config
            .ratings
            .iter()
            .any(|r| verdict.contains(&format!("rating = \"{r}\"")))
    );
}

#[test]
fn init_into_an_empty_folder_works() {
    let tmp = tempdir();
    let o = cli(&["init", tmp.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(tmp.path().join("site.toml").is_file());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempdir();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let o = cli(&["init", tmp.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
    assert!(!tmp.path().join("site.toml").exists(), "wrote into it");
    assert_eq!(read(&tmp.path().join("notes.txt")), "mine");
}

#[test]
fn init_refuses_a_file() {
    let tmp = tempdir();
    let file = tmp.path().join("x");
    std::fs::write(&file, "").unwrap();
    let o = cli(&["init", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn quiet_prints_nothing_and_verbose_more() {
    let tmp = tempdir();
    let dir = tmp.path().join("s");
    let o = cli(&["init", "--quiet", dir.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(stdout(&o).is_empty() && stderr(&o).is_empty());
    let out = tmp.path().join("out");
    let args = |extra: &str| {
        let mut a = vec!["build", "--root", dir.to_str().unwrap()];
        a.extend(["--output", out.to_str().unwrap()]);
        if !extra.is_empty() {
            a.push(extra);
        }
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run = |extra: &str| {
        let a = args(extra);
        cli(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let quiet = run("-q");
    assert!(quiet.status.success());
    assert!(stdout(&quiet).is_empty(), "{}", stdout(&quiet));
    let normal = run("");
    assert!(
        stdout(&normal).starts_with("built 1 articles"),
        "{}",
        stdout(&normal)
    );
    let verbose = run("--verbose");
    assert!(stdout(&verbose).contains("wrote "), "{}", stdout(&verbose));
    assert!(stdout(&verbose).contains("built 1 articles"));
    let both = run_both(&args("-q"));
    assert_eq!(
        both.status.code(),
        Some(2),
        "--quiet with --verbose is a usage error"
    );
}

fn run_both(args: &[String]) -> std::process::Output {
    let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
    a.push("--verbose");
    cli(&a)
}
