//! A fact-checker's verdict links to every appearance of its claim, reworded ones too.

use factsite::xref::cross_reference;

#[test]
fn verdict_links_reworded_appearances() {
    let dir = tempfile::tempdir().expect("tempdir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("checks")).expect("mkdir");
    for f in [
        "000_32d3fc73349f1f9f.txt",
        "001_4cc8e1661ea535da.txt",
        "004_7204d99159a54cb4.txt",
    ] {
        std::fs::copy(format!("content/{f}"), content.join(f)).expect("copy seed");
    }
    std::fs::write(
        content.join("checks/zelensky-arms.md"),
        "---\nclaim: Zelensky asked South Korea to provide weapons to force Russia to give up territorial gains\nrating: True\nreviewed: 2022-05-20\nsources: []\n---\nHe did, in April 2022.\n",
    )
    .expect("write check");
    let corpus = factsite::content::load(&content).expect("load");
    assert_eq!(corpus.checks.len(), 1, "{:?}", corpus.warnings);
    let x = cross_reference(&corpus);
    let v = &x.verdicts[0];
    assert_eq!(v.rating, "True");
    assert!(!v.clusters.is_empty());
    let arts: Vec<&str> = v.appearances.iter().map(|a| &a.article[..3]).collect();
    assert!(arts.contains(&"000") && arts.contains(&"001"), "{v:#?}");
    assert!(!arts.contains(&"004"), "{v:#?}");
}
