//! `build_with` reports every stage, in pipeline order, once each (the CLI's progress bar).

use factsite::{BuildOptions, Stage, build_with};
use std::sync::Mutex;

#[test]
fn stages_are_reported_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("content/a.txt"),
        "A title for a test\n2023-05-19\n\nJapan pledged $4.5 billion to Ukraine on Wednesday, officials said.\n",
    )
    .unwrap();
    let seen = Mutex::new(Vec::new());
    let opts = BuildOptions {
        output: Some(tmp.path().join("out")),
        ..BuildOptions::new(&root)
    };
    build_with(&opts, &|s| seen.lock().unwrap().push(s)).unwrap();
    let seen = seen.into_inner().unwrap();
    assert_eq!(
        seen,
        [
            Stage::Loading,
            Stage::Reading,
            Stage::CrossReferencing,
            Stage::Rendering,
            Stage::Writing
        ]
    );
    assert_eq!(
        seen.iter().map(|s| s.index()).collect::<Vec<_>>(),
        (0..Stage::COUNT).collect::<Vec<_>>()
    );
}
