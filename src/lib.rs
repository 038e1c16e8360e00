//! factsite: turns a folder of news articles into a fact-check microsite.
//!
//! The pipeline reads top to bottom, each stage taking plain data and returning plain data:
//! [`content`] (discover, ingest, clean) → [`xref`] (claims, matching, flags) → [`render`] (Tera,
//! Markdown, feeds) → [`output`] (atomic write). `serve` sits beside them and only calls the stages.

pub mod config;
pub mod content;
pub mod error;
pub mod output;
pub mod render;
pub mod serve;
pub mod testgen;
pub mod xref;

pub use config::Config;
pub use error::{Error, Result};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to build and where.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Site root: holds `site.toml`, `content/`, optional `templates/` and `static/`.
    pub root: PathBuf,
    /// Output folder; defaults to `output_dir` from `site.toml`, relative to the root.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Skips the cross-reference pass (no claims, links, flags or entities): the content
    /// pipeline and rendering only, for layout work and for comparing with other generators.
    pub no_xref: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            ..Default::default()
        }
    }
}

/// What a build did, for the summary line and for tests.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub articles: usize,
    pub pages: usize,
    pub checks: usize,
    pub claims: usize,
    pub flags: usize,
    pub files: usize,
    pub warnings: Vec<content::Warning>,
    pub output: PathBuf,
    pub elapsed: Duration,
}

/// Refuses a site root that does not exist or is not a folder, in plain words (instead of "no
/// content folder" or an OS error).
pub fn check_root(root: &Path) -> Result<()> {
    let why = match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(_) => "is not a folder",
        Err(_) => "does not exist",
    };
    Err(Error::Output(format!(
        "the site folder {} {why}; pass --root with the folder that holds content/ and site.toml",
        root.display()
    )))
}

/// Reads `site.toml` and applies command-line overrides.
pub fn load_config(opts: &BuildOptions) -> Result<Config> {
    let mut config = Config::load(&opts.root)?;
    if let Some(url) = &opts.base_url {
        config.base_url = config::normalise_base_url(url)
            .map_err(|why| Error::Output(format!("--base-url {url:?}: {why}")))?;
    }
    Ok(config)
}

/// The output folder for these options.
pub fn output_dir(opts: &BuildOptions, config: &Config) -> PathBuf {
    opts.output
        .clone()
        .unwrap_or_else(|| opts.root.join(&config.output_dir))
}

/// Everything the pipeline computes before writing: the input to `output`.
pub struct Built {
    pub config: Config,
    pub corpus: content::Corpus,
    pub xref: xref::CrossRef,
    pub files: Vec<render::OutFile>,
}

/// Runs content → xref → render in memory without writing anything.
pub fn run_pipeline(root: &Path, config: Config, renderer: &render::Renderer) -> Result<Built> {
    run_pipeline_with(root, config, renderer, &|_| {})
}

/// The stages of a build, reported to a progress callback as each one starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Loading,
    Reading,
    CrossReferencing,
    Rendering,
    Writing,
}

impl Stage {
    /// Position of the stage in the build (0-based) and the number of stages.
    pub const COUNT: u64 = 5;

    pub fn index(self) -> u64 {
        self as u64
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Loading => "loading templates",
            Stage::Reading => "reading content",
            Stage::CrossReferencing => "cross-referencing claims",
            Stage::Rendering => "rendering pages",
            Stage::Writing => "writing the site",
        }
    }
}

/// [`run_pipeline`], telling `progress` when each stage starts.
pub fn run_pipeline_with(
    root: &Path,
    config: Config,
    renderer: &render::Renderer,
    progress: &dyn Fn(Stage),
) -> Result<Built> {
    pipeline(root, config, renderer, progress, true)
}

/// The stages, with or without the cross-reference pass (`--no-xref`: an empty [`xref::CrossRef`],
/// so the site has its article and list pages and no claims, flags or entities).
fn pipeline(
    root: &Path,
    config: Config,
    renderer: &render::Renderer,
    progress: &dyn Fn(Stage),
    cross_reference: bool,
) -> Result<Built> {
    let (corpus, xref) = read_and_cross_reference(root, &config, progress, cross_reference)?;
    progress(Stage::Rendering);
    let files = renderer.render(&config, &corpus, &xref)?;
    Ok(Built {
        config,
        corpus,
        xref,
        files,
    })
}

/// The content and cross-reference stages.
fn read_and_cross_reference(
    root: &Path,
    config: &Config,
    progress: &dyn Fn(Stage),
    cross_reference: bool,
) -> Result<(content::Corpus, xref::CrossRef)> {
    progress(Stage::Reading);
    let mut corpus = content::load(&root.join("content"))?;
    content::apply_site_rules(&mut corpus, config)?;
    progress(Stage::CrossReferencing);
    let xref = if cross_reference {
        xref::cross_reference(&corpus)
    } else {
        xref::CrossRef::default()
    };
    Ok((corpus, xref))
}

/// Builds the site: the whole pipeline, then an atomic swap of the output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_with(opts, &|_| {})
}

/// [`build`], telling `progress` when each stage starts (the CLI draws a progress bar from it).
pub fn build_with(opts: &BuildOptions, progress: &dyn Fn(Stage)) -> Result<BuildReport> {
    let start = Instant::now();
    check_root(&opts.root)?;
    let config = load_config(opts)?;
    let out = output_dir(opts, &config);
    output::check_output_dir(&opts.root, &out)?;
    let lock = output::lock(&out)?;
    progress(Stage::Loading);
    let renderer = render::Renderer::new(&opts.root)?;
    // The staging folder (the site before last, checked file by file) is made ready while the
    // content is read and cross-referenced.
    let (staging, read) = std::thread::scope(|s| {
        let staging = s.spawn(|| lock.staging());
        let read = read_and_cross_reference(&opts.root, &config, progress, !opts.no_xref);
        let staging = staging
            .join()
            .unwrap_or_else(|_| Err(Error::Output("preparing the staging folder failed".into())));
        (staging, read)
    });
    let staging = staging?;
    let (corpus, xref) = read.inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&staging);
    })?;
    // Pages are written as they are rendered: the two stages run together.
    progress(Stage::Rendering);
    let files = output::write_site(&out, &lock, staging, |sink| {
        let paths = renderer.render_into(&config, &corpus, &xref, sink);
        progress(Stage::Writing);
        paths
    })?;

    Ok(BuildReport {
        articles: corpus.articles.len(),
        pages: corpus.pages.len(),
        checks: corpus.checks.len(),
        claims: xref.claim_count(),
        flags: xref.flags.len(),
        files,
        warnings: corpus.warnings.into_iter().chain(xref.warnings).collect(),

        output: out,
        elapsed: start.elapsed(),
    })
}
