//! Writes fixture originals and generated copies into a folder (for inspection):
//! `cargo run --example xref_gen -- tests/fixtures/xref OUT STRENGTH`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (src, out) = (
        args.get(1).cloned().unwrap_or_default(),
        args.get(2).cloned().unwrap_or_default(),
    );
    let strength: u8 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2);
    let sources =
        factsite::testgen::eval::sources_from_dir(std::path::Path::new(&src)).unwrap_or_default();
    for (i, (name, s)) in sources.iter().enumerate() {
        let (text, truth) = factsite::testgen::republish(s, strength, 42 + i as u64);
        let _ = std::fs::write(format!("{out}/{name}.txt"), s.to_text());
        let _ = std::fs::write(format!("{out}/{name}-copy.txt"), text);
        eprintln!("{name}: {truth:?}");
    }
}
