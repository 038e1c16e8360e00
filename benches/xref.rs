//! Cross-reference pass on synthetic corpora of 1,000 and 10,000 generated articles (about one
//! in ten a reworded copy): the pass should grow near-linearly.

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

criterion_group!(benches, bench);
criterion_main!(benches);
