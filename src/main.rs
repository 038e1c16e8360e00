//! Command line: parse arguments, call the library, print the summary, map errors to exit codes
//! (0 success, 1 build error, 2 usage error).

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "factsite",
    version,
    about = "Turn a folder of news articles into a fact-check microsite"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site: content/ → site/
    Build {
        /// Site folder (holds site.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: output_dir from site.toml, inside the root)
        #[arg(long)]
        output: Option<PathBuf>,
        /// Absolute URL the site is published at (overrides base_url in site.toml)
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Cross-reference the articles without writing the site; print the flags like a linter
    Check {
        /// Site folder (holds content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format
        #[arg(long, value_parser = ["text", "json"], default_value = "text")]
        format: String,
        /// Exit with status 1 when a flag at or above this severity exists
        #[arg(long, value_parser = ["info", "warning", "error"], default_value = "error")]
        fail_on: String,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
        } => {
            let opts = factsite::BuildOptions {
                root,
                output,
                base_url,
            };
            let report = factsite::build(&opts)?;
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            println!(
                "built {} articles, {} pages, {} verdicts, {} claims, {} flags ({} files) in {} ms → {}",
                report.articles,
                report.pages,
                report.checks,
                report.claims,
                report.flags,
                report.files,
                report.elapsed.as_millis(),
                report.output.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            root,
            format,
            fail_on,
        } => {
            use factsite::xref::{Severity, report};
            let format = if format == "json" {
                report::Format::Json
            } else {
                report::Format::Text
            };
            let fail_on = Severity::parse(&fail_on).unwrap_or(Severity::Error);
            let outcome = report::check(&root, format, fail_on)?;
            for w in &outcome.warnings {
                eprintln!("warning: {w}");
            }
            print!("{}", outcome.output);
            Ok(if outcome.failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
