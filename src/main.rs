//! Command line: parse arguments, call the library, print the summary, map errors to exit codes
//! (0 success, 1 build error, 2 usage error).

mod init;

/// mimalloc instead of the system allocator: the pipeline allocates many small strings and
/// vectors from several threads, and glibc's malloc and free took over a third of a `serve`
/// rebuild's time (perf). Built without transparent huge pages (`no_thp`, and see
/// [`no_huge_pages`]): a build allocates and frees in small pieces, and the kernel zeroing and
/// compacting 2 MB pages for it took a third of a 100,000-article build's CPU time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "factsite",
    version,
    about = "Turn a folder of news articles into a fact-check microsite"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print errors only
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more detail (settings, every output file)
    #[arg(short, long, global = true)]
    verbose: bool,
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
        /// Skip the cross-reference pass: article and list pages only, no claims, flags or
        /// entities (for layout work, and for comparing speed with other generators)
        #[arg(long)]
        no_xref: bool,
    },
    /// Build into a folder of its own and serve it over HTTP; with --watch, rebuild and live-reload
    Serve {
        /// Site folder (holds site.toml and content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Rebuild on changes to content/, templates/, static/ and site.toml, and reload browsers
        #[arg(long)]
        watch: bool,
        /// Watch by polling (network mounts, containers, WSL, or when native events are missed)
        #[arg(long)]
        poll: bool,
        /// Port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but loopback exposes the site to the network
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Build into this folder instead of a temporary one (never the publishing site/)
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Create a new site in DIR (a new or empty folder) that builds at once
    Init {
        /// Folder to create the site in
        dir: PathBuf,
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

/// Turns transparent huge pages off for this process, also where the system enables them for
/// every mapping (`always`), not only for those that ask (see [`GLOBAL`]). Best effort: a kernel
/// that refuses leaves the build as it was, only slower.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

fn main() -> ExitCode {
    no_huge_pages();
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
    let (quiet, verbose) = (cli.quiet, cli.verbose);
    match cli.command {
        Command::Init { dir } => init(&dir, quiet, verbose),
        Command::Build {
            root,
            output,
            base_url,
            no_xref,
        } => build(
            factsite::BuildOptions {
                root,
                output,
                base_url,
                no_xref,
            },
            quiet,
            verbose,
        ),
        Command::Serve {
            root,
            watch,
            poll,
            port,
            bind,
            open,
            output,
        } => {
            factsite::serve::run(factsite::serve::ServeOptions {
                root,
                bind,
                port,
                watch: watch || poll,
                poll,
                open,
                output,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            root,
            format,
            fail_on,
        } => check(&root, &format, &fail_on),
    }
}

/// `factsite init DIR`: a new site with sample content.
fn init(dir: &std::path::Path, quiet: bool, verbose: bool) -> Result<ExitCode> {
    let files =
        init::init(dir).with_context(|| format!("cannot create a site in {}", dir.display()))?;
    if !quiet {
        for f in files.iter().filter(|_| verbose) {
            println!("  {}", f.display());
        }
        // Run from a cargo target folder: `factsite` is not on PATH, so say how to run it.
        let from_cargo = std::env::current_exe()
            .is_ok_and(|p| p.components().any(|c| c.as_os_str() == "target"));
        let how = if from_cargo {
            "cargo run -- build --root"
        } else {
            "factsite build --root"
        };
        println!(
            "created a site in {} ({} files); build it with: {how} {}\nto publish on GitHub Pages, see the top of {}",
            dir.display(),
            files.len(),
            dir.display(),
            dir.join(".github/workflows/pages.yml").display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `factsite build`: the site, with a progress bar on a terminal and a one-line summary.
fn build(opts: factsite::BuildOptions, quiet: bool, verbose: bool) -> Result<ExitCode> {
    if verbose {
        eprintln!(
            "building {} (base URL {})",
            opts.root.display(),
            opts.base_url.as_deref().unwrap_or("from site.toml")
        );
    }
    let progress = progress_bar(quiet);
    let start = std::time::Instant::now();
    let report = factsite::build_with(&opts, &|stage| {
        progress.set_position(stage.index());
        progress.set_message(stage.label());
        if verbose {
            // When each stage starts, for finding where a slow build spends its time.
            progress
                .suspend(|| eprintln!("{:>7} ms  {}", start.elapsed().as_millis(), stage.label()));
        }
    });
    progress.finish_and_clear();
    let report = report?;
    if quiet {
        return Ok(ExitCode::SUCCESS);
    }
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if verbose {
        println!(
            "wrote {} files under {}",
            report.files,
            report.output.display()
        );
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

/// `factsite check`: the flags report; exit status 1 when a flag reaches `fail_on`.
fn check(root: &std::path::Path, format: &str, fail_on: &str) -> Result<ExitCode> {
    use factsite::xref::{Severity, report};
    let format = if format == "json" {
        report::Format::Json
    } else {
        report::Format::Text
    };
    let fail_on = Severity::parse(fail_on).unwrap_or(Severity::Error);
    let outcome = report::check(root, format, fail_on)?;
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

/// A progress bar over the build's stages, with the elapsed time, on a terminal only (never in
/// logs or CI).
fn progress_bar(quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(factsite::Stage::COUNT);
    let template = "{spinner} [{bar:20}] {pos}/{len} {msg} {elapsed}";
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }

    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
