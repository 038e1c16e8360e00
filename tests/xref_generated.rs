//! Generated republished copies of the fixture articles (tests/fixtures/xref) and the seeds:
//! the planted copies, anachronisms, altered quotes and changed figures must be found, and no
//! `republished` flag may link unrelated originals.

use factsite::testgen::eval::{evaluate, sources_from_dir};
use std::path::Path;

fn sources() -> Vec<(String, factsite::testgen::Source)> {
    let mut s = sources_from_dir(Path::new("tests/fixtures/xref")).expect("fixtures");
    let seeds = sources_from_dir(Path::new("content")).expect("seeds");
    // 001 is itself a copy of 000; keep the other dated seeds as originals.
    s.extend(seeds.into_iter().filter(|(n, _)| !n.starts_with("001")));
    assert!(s.len() >= 10);
    s
}

#[test]
fn planted_flags_are_found_at_every_strength() {
    let src = sources();
    for strength in 1..=3 {
        let e = evaluate(&src, strength, 42).expect("evaluation");
        eprintln!("strength {strength}: {e:?}");
        assert!(e.republished.recall() >= 0.95, "strength {strength}: {e:?}");
        assert_eq!(e.republished.fp, 0, "strength {strength}: {e:?}");
        assert!(e.anachronism.recall() >= 0.9, "strength {strength}: {e:?}");
        assert!(
            e.altered_quote.recall() >= 0.7,
            "strength {strength}: {e:?}"
        );
        assert!(
            e.figure_mismatch.recall() >= 0.7,
            "strength {strength}: {e:?}"
        );
        assert!(
            e.figure_mismatch.precision() >= 0.7,
            "strength {strength}: {e:?}"
        );
    }
}
