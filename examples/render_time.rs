//! Times the render stage on a site root, as `serve` runs it (with the page memo): the first
//! render makes every page, later ones reuse them all, so the difference is what the memo saves
//! and the rest is the floor of a rebuild's render. `cargo run --release --example render_time -- ROOT [ROUNDS]`.
use std::time::Instant;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let opts = factsite::BuildOptions::new(&root);
    let config = factsite::load_config(&opts).expect("config");
    let corpus = factsite::content::load(&root.join("content")).expect("load");
    let xref = factsite::xref::cross_reference(&corpus);
    let r = factsite::render::Renderer::new(&root)
        .expect("renderer")
        .with_memo();
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(6);
    for round in 0..rounds {
        let t = Instant::now();
        let files = r.render(&config, &corpus, &xref).expect("render");
        let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
        println!(
            "render {round}: {} files, {} MB in {:?}",
            files.len(),
            bytes / 1_000_000,
            t.elapsed()
        );
    }
}
