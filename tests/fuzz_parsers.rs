//! Property tests (fuzzing on stable Rust, with proptest) of the parsers that read untrusted
//! text: plain-text headers, front matter, date expressions, figures and the sentence splitter.
//! Each target checks what must hold for any input (no panic, nothing lost, ranges in bounds,
//! round trips), and replays its regression corpus first: `tests/fuzz/<target>/*` (hostile
//! inputs kept by hand) and `tests/fuzz/<target>.regressions` (cases proptest shrank from a
//! failure; committed so every `cargo test` runs them again).
//!
//! `cargo test` runs 256 generated cases per target. A long campaign:
//! `FACTSITE_FUZZ_SECS=1800 cargo test --release --test fuzz_parsers -- --test-threads 1`
//! (each target runs that long; see docs/safety.md for the last campaign).

use factsite::content::{dates, frontmatter, plaintext};
use factsite::xref::{figures, sentences};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use std::path::Path;
use std::time::{Duration, Instant};

/// Runs `test` on the target's corpus files, then on generated cases: 256, or batches until
/// `FACTSITE_FUZZ_SECS` have passed.
fn fuzz<S: Strategy>(
    target: &'static str,
    regressions: &'static str,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: From<String>,
{
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(target);
    let mut corpus: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    corpus.sort();
    for path in corpus {
        let bytes = std::fs::read(&path).expect("corpus file");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Err(e) = test(S::Value::from(text)) {
            panic!("{target}: corpus file {} fails: {e}", path.display());
        }
    }
    let secs: u64 = std::env::var("FACTSITE_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let config = |cases| Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(regressions))),
        ..Config::default()
    };
    let until = Instant::now() + Duration::from_secs(secs);
    let (mut batches, mut cases) = (0u64, 0u64);
    loop {
        let n = if secs == 0 { 256 } else { 2_000 };
        let mut runner = TestRunner::new(config(n));
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{target}: {e}");
        }
        batches += 1;
        cases += u64::from(n);
        if Instant::now() >= until {
            break;
        }
    }
    if secs > 0 {
        eprintln!("{target}: {cases} cases in {batches} batches, {secs} s, no failure");
    }
}

/// Text that looks like what the parsers meet: header-like lines, dates in many shapes,
/// figures, quotation marks, URLs, odd whitespace and any Unicode, mixed.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("By Jane Doe and John Roe\n".to_string()),
        Just("https://example.org/news/1?x=<script>\n".to_string()),
        Just("Published: 3 February 2023 10:04 GMT\n".to_string()),
        Just("Updated Feb. 3, 2023, 9:15 a.m. ET\n".to_string()),
        Just("2022-05-15\n".to_string()),
        Just("+++\n".to_string()),
        Just("---\n".to_string()),
        Just("title = \"x\"\n".to_string()),
        Just("KYIV, Ukraine (AP) — ".to_string()),
        Just("“Quote ‘inner’ never closed ".to_string()),
        Just("\"plain\" 'single' ".to_string()),
        Just("$4.5 billion, 1-1/4 pct, 124,000 to 128,000 head, 29 of 30 votes. ".to_string()),
        Just("Dr. Smith said U.S. officials (e.g. Mr. X) left at 5 p.m. ".to_string()),
        Just("See also: Foo | Bar | Baz\n".to_string()),
        Just("\u{feff}\r\n\t \u{2028}\u{00a0}".to_string()),
        "[0-9]{1,12}([.,][0-9]{1,4})?( ?(%|bn|m|pct|million|dollars))?".prop_map(|s| s + " "),
        "[A-Z][a-z]{1,10}( [A-Z][a-z]{1,10}){0,3}[.!?]? ".prop_map(|s| s),
        "\\PC{0,40}",
        any::<String>().prop_map(|s| s.chars().take(40).collect()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn plain_text_headers_lose_nothing() {
    fuzz(
        "plaintext",
        "tests/fuzz/plaintext.regressions",
        newsy(),
        |text: String| {
            let text = text.replace("\r\n", "\n");
            let a = plaintext::ingest(&text);
            let mut kept = String::new();
            let fields = [&a.title, &a.source_url, &a.outlet, &a.byline, &a.place];
            for f in fields.into_iter().flatten() {
                kept.push_str(&f.raw);
                kept.push('\n');
                kept.push_str(&f.value);
                kept.push('\n');
            }
            if let Some(d) = &a.date {
                kept.push_str(&d.raw);
                kept.push('\n');
            }
            for b in &a.blocks {
                prop_assert!(b.line >= 1, "line numbers start at 1");
                kept.push_str(&b.text);
                kept.push('\n');
            }
            let kept = words(&kept).join(" ");
            for w in words(&text) {
                prop_assert!(kept.contains(&w), "word {w:?} of the input is lost");
            }
            Ok(())
        },
    );
}

#[test]
fn front_matter_never_panics_and_plain_text_passes_through() {
    fuzz(
        "frontmatter",
        "tests/fuzz/frontmatter.regressions",
        newsy(),
        |text: String| {
            match frontmatter::split(&text, "a.md") {
                Ok((_, body, line)) => {
                    prop_assert!(line >= 1);
                    let t = text.trim_start_matches('\u{feff}');
                    let fenced = t.starts_with("+++") || t.starts_with("---");
                    if !fenced {
                        prop_assert_eq!(body.as_str(), t, "no front matter: the body is the text");
                    }
                }
                Err(e) => {
                    let msg = e.to_string();
                    prop_assert!(
                        msg.starts_with("a.md:"),
                        "error names the file and line: {msg}"
                    );
                }
            }
            Ok(())
        },
    );
}

#[test]
fn dates_round_trip_in_every_written_form() {
    let date = (1900i32..2100, 1u32..13, 1u32..29, 0usize..8);
    let strategy = (date, "\\PC{0,30}").prop_map(|((y, m, d, form), noise)| {
        let names = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let name = names[(m - 1) as usize];
        let text = match form {
            0 => format!("{y}-{m:02}-{d:02}"),
            1 => format!("{d} {name} {y}"),
            2 => format!("{name} {d}, {y}"),
            3 => format!("Published: {name} {d}, {y} 10:04 GMT"),
            4 => format!("Updated {}. {d}, {y}, 9:15 a.m. ET", &name[..3]),
            5 => format!("{y}/{m:02}/{d:02}"),
            6 => format!("{d} {} {y}", &name[..3]),
            _ => format!("Mon, {d} {name} {y}"),
        };
        format!("{y:04}{m:02}{d:02}|{text}|{noise}")
    });
    fuzz(
        "dates",
        "tests/fuzz/dates.regressions",
        strategy,
        |case: String| {
            let mut parts = case.splitn(3, '|');
            let (want, text, noise) = (
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
            );
            // Any text: never panics.
            let _ = dates::parse_date_line(noise);
            let _ = dates::find_dates(&format!("{noise} {text} {noise}"));
            if want.len() == 8 && want.bytes().all(|b| b.is_ascii_digit()) {
                let got = dates::parse_date_line(text).map(|d| d.format("%Y%m%d").to_string());
                prop_assert_eq!(got.as_deref(), Some(want), "{:?}", text);
            }
            Ok(())
        },
    );
}

#[test]
fn figures_read_written_numbers_and_never_overlap() {
    let strategy = (0u64..10_000_000_000, "\\PC{0,60}", 0usize..3).prop_map(|(n, noise, form)| {
        let grouped = {
            let s = n.to_string();
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if i > 0 && (s.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(c);
            }
            out
        };
        let text = match form {
            0 => format!("The fund paid {grouped} dollars last year."),
            1 => format!("Officials counted {grouped} people in the square."),
            _ => format!("Costs rose {n} percent."),
        };
        format!("{n}|{text}|{noise}")
    });
    fuzz(
        "figures",
        "tests/fuzz/figures.regressions",
        strategy,
        |case: String| {
            let mut parts = case.splitn(3, '|');
            let (n, text, noise) = (
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
            );
            for s in [noise, text, &format!("{noise}{text}{noise}")] {
                let found = figures::figures_in(s, &[]);
                let mut end = 0;
                for f in &found {
                    prop_assert!(
                        f.span.start >= end && f.span.end <= s.len(),
                        "in order, in bounds"
                    );
                    end = f.span.end;
                }
            }
            if let Ok(n) = n.parse::<f64>() {
                let found = figures::figures_in(text, &[]);
                prop_assert!(
                    found.iter().any(|f| f.value == n),
                    "{text:?}: {:?}",
                    found.iter().map(|f| f.value).collect::<Vec<_>>()
                );
            }
            Ok(())
        },
    );
}

#[test]
fn sentences_are_ordered_in_bounds_and_cover_the_words() {
    fuzz(
        "sentences",
        "tests/fuzz/sentences.regressions",
        newsy(),
        |text: String| {
            let ranges = sentences::split(&text);
            let mut end = 0;
            let mut covered = String::new();
            for r in &ranges {
                prop_assert!(r.start >= end && r.start <= r.end && r.end <= text.len());
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                end = r.end;
                covered.push_str(&text[r.clone()]);
                covered.push(' ');
            }
            let covered = words(&covered).join(" ");
            for w in words(&text) {
                prop_assert!(covered.contains(&w), "word {w:?} is in no sentence");
            }
            Ok(())
        },
    );
}
