//! The output folder across builds: a build overwrites the site before last in place (kept
//! beside the output as `.site.spare`) instead of deleting and creating every file, and the
//! result is byte for byte what a build into a fresh folder gives, whatever the old folder held.

mod common;

use common::*;
use std::path::Path;

fn article(root: &Path, file: &str, title: &str, body: &str) {
    let path = root.join("content").join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, format!("{title}\n2023-05-19\n\n{body}\n")).unwrap();
}

#[test]
fn a_recycled_folder_gives_the_same_site_as_a_fresh_one() {
    let tmp = tempdir();
    let root = tmp.path().join("root");
    let out = tmp.path().join("site");
    // Build 1 and 2: the spare after build 2 holds build 1's site.
    article(
        &root,
        "a.txt",
        "Dam opens",
        "The dam on the Mary River opened on Monday, officials said.",
    );
    article(
        &root,
        "b.txt",
        "Port reopens",
        "The port of Osaka reopened on Tuesday after 3 days.",
    );
    build_ok(&root, &out);
    build_ok(&root, &out);
    let spare = tmp.path().join(".site.spare");
    assert!(
        spare.join(".factsite-manifest").is_file(),
        "the old site is kept aside"
    );
    // Build 3 changes the site: an article goes, one comes, and a file of build 1 stands where
    // a folder goes now (the spare is build 1's site, overwritten in place).
    std::fs::remove_file(root.join("content/b.txt")).unwrap();
    article(
        &root,
        "c.txt",
        "Bridge closes",
        "The bridge in Lisbon closed on Friday for 2 weeks.",
    );
    std::fs::write(spare.join("articles/c"), "a file where a folder goes").unwrap();
    let mut manifest = read(&spare.join(".factsite-manifest"));
    manifest.push_str("\"articles/c\"\n");
    std::fs::write(spare.join(".factsite-manifest"), manifest).unwrap();
    build_ok(&root, &out);
    let fresh = tmp.path().join("fresh");
    build_ok(&root, &fresh);
    let (got, want) = (tree(&out), tree(&fresh));
    let extra: Vec<&String> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    let missing: Vec<&String> = want.keys().filter(|k| !got.contains_key(*k)).collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "extra {extra:?}, missing {missing:?}"
    );
    assert!(got == want, "same bytes as a fresh build");
    assert!(
        !out.join("articles/b").exists(),
        "the removed article's page is gone"
    );
    let beside: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".old"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

#[test]
fn a_spare_folder_holding_anything_else_is_left_alone() {
    let tmp = tempdir();
    let root = tmp.path().join("root");
    let out = tmp.path().join("site");
    article(
        &root,
        "a.txt",
        "Dam opens",
        "The dam on the Mary River opened on Monday, officials said.",
    );
    build_ok(&root, &out);
    build_ok(&root, &out);
    // Someone's file in the spare, not in its manifest: the spare is not factsite's to reuse.
    let spare = tmp.path().join(".site.spare");
    std::fs::write(spare.join("notes.txt"), "mine").unwrap();
    build_ok(&root, &out);
    assert_eq!(read(&spare.join("notes.txt")), "mine");
    assert!(
        tree(&out)
            == tree(&{
                let fresh = tmp.path().join("fresh");
                build_ok(&root, &fresh);
                fresh
            })
    );
}
