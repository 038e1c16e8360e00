//! One timed run of the pass on a synthetic corpus: `cargo run --release --example xref_time -- 10000`.
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let t = std::time::Instant::now();
    let corpus = factsite::content::Corpus {
        articles: factsite::testgen::synthetic_corpus(n, 7)
            .into_iter()
            .map(Into::into)
            .collect(),
        ..Default::default()
    };
    let made = t.elapsed();
    let t = std::time::Instant::now();
    let x = factsite::xref::cross_reference(&corpus);
    println!(
        "{n} articles: generated in {made:?}, pass {:?}: {} claims, {} clusters, {} flags",
        t.elapsed(),
        x.claim_count(),
        x.clusters.len(),
        x.flags.len()
    );
}
