//! Cross-reference pass on synthetic corpora of 1,000 and 10,000 generated articles (about one
//! in ten a reworded copy): the pass should grow near-linearly. And a whole build of one very
//! long article (1, 2 and 4 MB): time must grow linearly with the article's size.

/// The allocator the `factsite` binary uses (see `src/main.rs`), so the figures are the shipped ones.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, criterion_group, criterion_main};
use factsite::content::Corpus;
use std::hint::black_box;
use std::time::Duration;

fn corpus(n: usize) -> Corpus {
    Corpus {
        articles: factsite::testgen::synthetic_corpus(n, 7)
            .into_iter()
            .map(Into::into)
            .collect(),
        ..Default::default()
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("cross_reference");
    g.sample_size(10);
    for n in [1_000, 10_000] {
        let corpus = corpus(n);
        if n > 1_000 {
            g.measurement_time(Duration::from_secs(30));
        }
        g.bench_function(format!("{n}_articles"), |b| {
            b.iter(|| black_box(factsite::xref::cross_reference(black_box(&corpus))))
        });
    }
    g.finish();
}

/// One plain-text article of about `bytes` bytes: paragraphs of sentences with names, places
/// and figures, from a fixed seed.
fn long_article(bytes: usize) -> String {
    let mut rng = factsite::testgen::Rng::new(11);
    let names = ["Maria Keller", "John Osei", "Ana Lima", "Wei Chen"];
    let places = ["Lisbon", "Nairobi", "Toronto", "Osaka"];
    let mut text = String::from("A very long report\n2024-01-02\n\n");
    while text.len() < bytes {
        let n = rng.below(9_000) + 10;
        let who = names[rng.below(4)];
        let place = places[rng.below(4)];
        text.push_str(&format!(
            "{who} said in {place} that {n} people were affected on Monday, officials said. "
        ));
        if rng.below(5) == 0 {
            text.push_str("\n\n");
        }
    }
    text
}

fn bench_long_article(c: &mut Criterion) {
    let mut g = c.benchmark_group("one_long_article_build");
    g.sample_size(10);
    for mb in [1, 2, 4] {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("content")).expect("mkdir");
        std::fs::write(root.join("content/long.txt"), long_article(mb << 20)).expect("write");
        let opts = factsite::BuildOptions {
            root: root.clone(),
            output: Some(dir.path().join("out")),
            base_url: None,
            no_xref: false,
        };
        g.bench_function(format!("{mb}_MB"), |b| {
            b.iter(|| black_box(factsite::build(&opts).expect("build")))
        });
    }
    g.finish();
}

criterion_group!(benches, bench, bench_long_article);
criterion_main!(benches);
