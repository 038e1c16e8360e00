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
    }
}
