//! `factsite check`: runs content + cross-reference without writing the site and prints the flags
//! like a linter (`content/001_x.txt:33: dateline_anachronism: …`) or as JSON; the exit code says
//! whether a flag at or above the `--fail-on` severity exists.

use super::model::{CrossRef, Flag, Severity};
use crate::content::{self, Warning};
use crate::error::Result;
use std::fmt::Write;
use std::path::Path;

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// What `check` found.
pub struct CheckOutcome {
    /// Text to print on standard output.
    pub output: String,
    /// Content-stage warnings (for standard error).
    pub warnings: Vec<Warning>,
    /// True when a flag at or above the threshold exists (exit 1).
    pub failed: bool,
}

/// Loads `root/content`, cross-references it and formats the flags.
pub fn check(root: &Path, format: Format, fail_on: Severity) -> Result<CheckOutcome> {
    crate::check_root(root)?;
    let mut corpus = content::load(&root.join("content"))?;
    content::apply_site_rules(&mut corpus, &crate::config::Config::load(root)?)?;
    let xref = super::cross_reference(&corpus);
    let mut warnings = corpus.warnings.clone();
    warnings.extend(xref.warnings.iter().cloned());
    let output = match format {
        Format::Text => text(&xref, corpus.articles.len()),
        Format::Json => serde_json::to_string_pretty(&xref.flags_json()).unwrap_or_default() + "\n",
    };
    Ok(CheckOutcome {
        output,
        warnings,
        failed: fails(&xref.flags, fail_on),
    })
}

/// True when any flag is at or above `threshold`.
pub fn fails(flags: &[Flag], threshold: Severity) -> bool {
    flags.iter().any(|f| f.severity >= threshold)
}

/// Linter-style lines, then a summary line.
pub fn text(xref: &CrossRef, articles: usize) -> String {
    let mut s = String::new();
    for f in &xref.flags {
        let _ = writeln!(
            s,
            "content/{}:{}: {}: {}: {}",
            f.file,
            f.line,
            f.severity.as_str(),
            f.kind.as_str(),
            f.message
        );
        for e in f.evidence.iter().take(4) {
            let at = e
                .sentence
                .map_or(String::new(), |n| format!(" (sentence {n})"));
            let _ = writeln!(
                s,
                "    content/{}:{}{at}: {}",
                e.file,
                e.line,
                clip(&e.text, 120)
            );
        }
    }
    let count = |sev| xref.flags.iter().filter(|f| f.severity == sev).count();
    let _ = writeln!(
        s,
        "{} articles, {} claims, {} clusters: {} errors, {} warnings, {} info",
        articles,
        xref.claim_count(),
        xref.clusters.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    s
}

fn clip(t: &str, n: usize) -> String {
    if t.chars().count() <= n {
        return t.to_string();
    }
    let mut c: String = t.chars().take(n).collect();
    c.push('…');
    c
}
