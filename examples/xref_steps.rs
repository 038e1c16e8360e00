//! Times the steps of the cross-reference pass on a content folder, with the claims extracted
//! beforehand (as `serve --watch` has them cached): `Work::with_claims`, clustering, reuse, the
//! whole `cross_reference_with_claims`, and the whole pass continued from the last one's term and
//! surface state as `serve` runs it (`baseline_with_claims` with `corpus::Carried`). Prints each
//! run, then the medians.
//!
//! With a second folder `EDITED` (a copy of `DIR` with one article changed), only the continued
//! pass is timed, alternating between the two folders, so each run follows a one-article edit as
//! in `serve`.
//!
//! `cargo run --release --example xref_steps -- DIR/content [RUNS] [EDITED/content]` (RUNS
//! defaults to 7). With EDITED, the CPU time per pass (all threads) is printed too.
/// The allocator the `factsite` binary uses (see `src/main.rs`), so the figures are the shipped ones.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use factsite::xref::{self, claims, clusters, corpus::Work, reuse};
use rayon::prelude::*;
use std::borrow::Cow;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "content".into());
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(7);
    let corpus = factsite::content::load(std::path::Path::new(&dir)).expect("load");
    let per: Vec<_> = corpus
        .articles
        .par_iter()
        .map(|a| claims::extract(a))
        .collect();
    let edited = args.next().map(|d| {
        let c = factsite::content::load(std::path::Path::new(&d)).expect("load edited");
        let per: Vec<_> = c.articles.par_iter().map(|a| claims::extract(a)).collect();
        (c, per)
    });
    let mut pass = xref::baseline_with_claims(&corpus, lent(&per), Default::default());
    if let Some((other, other_per)) = &edited {
        let mut times = Vec::new();
        let cpu = cpu_ms();
        for run in 0..runs {
            let (next, next_per) = match run % 2 {
                0 => (other, other_per),
                _ => (&corpus, &per),
            };
            let carried = pass.take_carried();
            pass = timed(&mut times, || {
                xref::baseline_with_claims(next, lent(next_per), carried)
            });
            println!("continued after an edit {:?}", last(&times));
        }
        // CPU time is steadier than wall time on a busy machine: a step made cheaper shows here
        // even when the two cores hide it from the wall clock.
        let cpu = cpu_ms().zip(cpu).map(|(b, a)| (b - a) / runs as f64);
        println!(
            "median of {runs}: continued after an edit {:.1} ms (CPU {} ms per pass)",
            median(times),
            cpu.map_or("unknown".into(), |c| format!("{c:.0}"))
        );
        return;
    }
    let mut times: [Vec<Duration>; 5] = Default::default();
    for _ in 0..runs {
        let w = timed(&mut times[0], || Work::with_claims(&corpus, per.clone()));
        let cl = timed(&mut times[1], || clusters::cluster(&w));
        let r = timed(&mut times[2], || reuse::reuse(&w));
        drop(w);
        let x = timed(&mut times[3], || {
            xref::cross_reference_with_claims(&corpus, per.clone())
        });
        let carried = pass.take_carried();
        pass = timed(&mut times[4], || {
            xref::baseline_with_claims(&corpus, lent(&per), carried)
        });
        println!(
            "work {:?} clusters {:?} ({}) reuse {:?} ({}) whole {:?} ({} flags) continued {:?}",
            last(&times[0]),
            last(&times[1]),
            cl.clusters.len(),
            last(&times[2]),
            r.len(),
            last(&times[3]),
            x.flags.len(),
            last(&times[4]),
        );
    }
    let [work, cl, reuse, whole, continued] = times.map(median);
    println!(
        "median of {runs}: work {work:.1} ms, clusters {cl:.1} ms, reuse {reuse:.1} ms, whole {whole:.1} ms, continued {continued:.1} ms"
    );
}

/// Runs `f`, recording how long it took (copying the claims included, as in `serve`).
fn timed<T>(into: &mut Vec<Duration>, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    into.push(t.elapsed());
    out
}

/// The claims lent to the pass, as `serve`'s cache lends them.
fn lent(per: &[claims::ArticleClaims]) -> Vec<Cow<'_, claims::ArticleClaims>> {
    per.iter().map(Cow::Borrowed).collect()
}

fn last(v: &[Duration]) -> Duration {
    v.last().copied().unwrap_or_default()
}

/// The process's CPU time so far (all threads, user and system) in milliseconds, from
/// `/proc/self/stat` (Linux; counted in ticks of usually 10 ms, so read it over many runs).
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (in parentheses, which may hold spaces): utime is the 12th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<f64> = (rest.split(' ').skip(11).take(2))
        .filter_map(|x| x.parse().ok())
        .collect();
    (f.len() == 2).then(|| (f[0] + f[1]) * 10.0)
}

/// Median in milliseconds.
fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v.get(v.len() / 2).map_or(0.0, |d| d.as_secs_f64() * 1e3)
}
