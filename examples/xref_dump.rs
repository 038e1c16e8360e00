//! Prints the cross-reference of a content folder as JSON (for inspection):
//! `cargo run --example xref_dump -- content`.
fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "content".into());
    let corpus = match factsite::content::load(std::path::Path::new(&dir)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let x = factsite::xref::cross_reference(&corpus);
    println!("{}", serde_json::to_string_pretty(&x).unwrap_or_default());
}
