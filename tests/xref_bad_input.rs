//! Bad input never panics the cross-reference pass: no sentences, a 5 MB paragraph, unbalanced
//! quotation marks, odd numbers and impossible dates. (An invalid aliases file is an error when
//! content is read: see `tests/build_hostile.rs`.)

use factsite::xref::cross_reference;

fn site(files: &[(&str, String)]) -> factsite::xref::CrossRef {
    let dir = tempfile::tempdir().expect("tempdir");
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).expect("mkdir");
    for (name, text) in files {
        std::fs::write(content.join(name), text).expect("write");
    }
    let corpus = factsite::content::load(&content).expect("load");
    cross_reference(&corpus)
}

#[test]
fn hostile_articles_do_not_panic() {
    let huge = format!(
        "2023-01-02\n\n{}\n",
        "word “quote and $1,000,000,000 or 1.5bn on 31 February ".repeat(90_000)
    );
    assert!(huge.len() > 5_000_000);
    let x = site(&[
        ("empty.txt", "2023-01-01\n\n...\n".into()),
        ("huge.txt", huge),
        ("quotes.txt", "2023-01-03\n\nHe said “this never closes. And ‘this neither. \"Nor this.\n\nShe said 'ok' ' ' \" \" “ ” and left on 31 February.\n".into()),
        ("numbers.txt", "2023-01-04\n\nThe fund holds 1,000,000,000 dollars, 1.5bn euros, 99999999999999999999999 units and 29 of 30 votes.\n".into()),
    ]);
    assert!(x.articles.len() >= 3);
    let numbers = x
        .articles
        .iter()
        .find(|a| a.slug == "numbers")
        .expect("numbers");
    let values: Vec<f64> = numbers
        .claims
        .iter()
        .flat_map(|c| c.figures.iter().map(|f| f.value))
        .collect();
    assert!(
        values.contains(&1e9) && values.contains(&1.5e9),
        "{values:?}"
    );
}
