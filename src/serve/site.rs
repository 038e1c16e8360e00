//! The incremental builder behind `serve`: rescans inputs cheaply (stat, then hash), skips the
//! rebuild when no file's content changed, re-ingests only changed articles, copies a changed
//! stylesheet without a full rebuild, and writes only the output files whose bytes changed. On
//! the way it writes an edited article's page from a preview, then the pages open in a browser
//! from the exact pass, then the rest (see [`Progress`]).

use super::cache::{ClaimCache, FileHashes, Hash, SourceCache, hash_tree};
pub use super::progress::{OpenPages, Preview, Progress};
use crate::config::Config;
use crate::content::{Article, Check, Corpus};
use crate::error::{Error, Result};
use crate::render::{OutFile, Renderer};
use crate::xref::preview::Provisional;
use crate::xref::{self, CrossRef};
use crate::{BuildOptions, load_config};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The render stage as `serve` drives it (a trait so tests and benches could substitute one).
pub trait SiteRender: Send {
    fn render_files(
        &self,
        config: &Config,
        corpus: &Corpus,
        xref: &CrossRef,
    ) -> Result<Vec<OutFile>>;
    /// An article's page from provisional data (see [`crate::xref::preview`]).
    fn render_provisional(
        &self,
        config: &Config,
        corpus: &Corpus,
        xref: &CrossRef,
        article: &Article,
        provisional: &Provisional,
    ) -> Result<OutFile>;
    /// The HTML pages written to `files` (see [`Renderer::render_pages`]).
    fn render_pages(
        &self,
        config: &Config,
        corpus: &Corpus,
        xref: &CrossRef,
        files: &BTreeSet<String>,
    ) -> Result<Vec<OutFile>>;
    /// Re-reads `templates/` (keeping the rest, e.g. syntect's sets, loaded).
    fn reload_templates(&mut self) -> Result<()>;
}

impl SiteRender for Renderer {
    fn render_files(
        &self,
        config: &Config,
        corpus: &Corpus,
        xref: &CrossRef,
    ) -> Result<Vec<OutFile>> {
        self.render(config, corpus, xref)
    }

    fn render_provisional(
        &self,
        config: &Config,
        corpus: &Corpus,
        xref: &CrossRef,
        article: &Article,
        provisional: &Provisional,
    ) -> Result<OutFile> {
        Renderer::render_provisional(self, config, corpus, xref, article, provisional)
    }

    fn render_pages(
        &self,
        config: &Config,
        corpus: &Corpus,
        xref: &CrossRef,
        files: &BTreeSet<String>,
    ) -> Result<Vec<OutFile>> {
        Renderer::render_pages(self, config, corpus, xref, files)
    }

    fn reload_templates(&mut self) -> Result<()> {
        Renderer::reload_templates(self)
    }
}

/// Makes a renderer for a site root (templates are loaded here, so it is remade when they change).
pub type MakeRenderer = Arc<dyn Fn(&Path) -> Result<Box<dyn SiteRender>> + Send + Sync>;

/// The real renderer.
pub fn default_renderer() -> MakeRenderer {
    Arc::new(|root| Ok(Box::new(Renderer::new(root)?.with_memo()) as Box<dyn SiteRender>))
}

/// What a rebuild did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// No input's content changed: nothing was done.
    Unchanged,
    /// Only files from `static/` changed and were copied; `css_only` if all were stylesheets.
    Static { paths: Vec<String>, css_only: bool },
    /// The pipeline ran; `written` and `removed` are output paths.
    Built {
        written: Vec<String>,
        removed: Vec<String>,
        ingested: Vec<String>,
        elapsed: Duration,
        /// Where the time went: scan (stat/hash inputs, re-ingest), preview (of edited articles'
        /// pages, with loading the config and the corpus), xref (the exact cross-reference with
        /// cached claims), render, write (hash outputs, write changed files).
        phases: Vec<(&'static str, Duration)>,
        /// Whether the cross-reference pass ran: not when the articles and aliases are unchanged
        /// (after editing a page, a template, the config or a verdict: verdicts are linked to
        /// the last pass's claims again).
        cross_referenced: bool,
    },
}

/// More open pages than this are not written first (the whole site follows soon anyway).
pub const MAX_OPEN: usize = 16;

/// At most this many edited articles are previewed before the exact pass; more is a bulk change
/// (a checkout, a search-and-replace) where the exact site is what matters.
const MAX_PREVIEWED: usize = 4;

/// An output file as the manifest keeps it: the hash of its bytes, and the bytes.
type Written = (Hash, Arc<[u8]>);

/// Hashes of the non-content inputs.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Inputs {
    config: Option<Hash>,
    templates: BTreeMap<String, Hash>,
    statics: BTreeMap<String, Hash>,
}

pub struct SiteBuilder {
    opts: BuildOptions,
    out_dir: PathBuf,
    make: MakeRenderer,
    renderer: Option<Box<dyn SiteRender>>,
    /// The `templates/` the renderer holds: reloaded when they differ from what is on disk.
    renderer_templates: BTreeMap<String, Hash>,
    sources: SourceCache,
    claims: ClaimCache,
    hashes: FileHashes,
    inputs: Option<Inputs>,
    /// Fingerprint of all inputs at the last attempt, and whether it succeeded.
    last: Option<(Hash, bool)>,
    /// Output manifest: path → hash of the bytes on disk, and those bytes as the renderer gave
    /// them (a page it reused from its memo comes back as the same allocation: no need to hash it).
    written: BTreeMap<String, Written>,
    /// `static/` file → output paths holding a copy of it.
    static_map: BTreeMap<String, Vec<String>>,
    /// The last exact cross-reference pass, what it read, and the config and templates the site
    /// was rendered with then: what an edited article is previewed against.
    last_pass: Option<LastPass>,
}

/// The last exact cross-reference pass and what it was made from.
struct LastPass {
    session: xref::Session,
    inputs: XrefInputs,
    config: Option<Hash>,
    templates: BTreeMap<String, Hash>,
}

/// What the cross-reference pass reads of the corpus (articles, verdicts, the aliases file).
/// While the articles and aliases are equal, its last result still holds, with the verdicts
/// linked again if they changed.
struct XrefInputs {
    articles: Vec<Arc<Article>>,
    checks: Vec<Check>,
    aliases: Option<(String, String)>,
}

impl XrefInputs {
    fn of(corpus: Corpus) -> XrefInputs {
        XrefInputs {
            articles: corpus.articles,
            checks: corpus.checks,
            aliases: corpus.aliases,
        }
    }

    /// Whether the pass still holds for `corpus`, up to its verdicts (see [`LastPass::relink_verdicts`]).
    fn same_articles(&self, corpus: &Corpus) -> bool {
        // Unchanged articles are the very same (shared) values: most compare by address.
        let same = |(a, b): (&Arc<Article>, &Arc<Article>)| Arc::ptr_eq(a, b) || a == b;
        self.articles.len() == corpus.articles.len()
            && self.articles.iter().zip(&corpus.articles).all(same)
            && self.aliases == corpus.aliases
    }
}

impl LastPass {
    /// Links the verdicts again if they changed (the articles must be unchanged).
    fn relink_verdicts(&mut self, checks: &[Check]) {
        if self.inputs.checks != checks {
            self.session.relink_verdicts(checks);
            self.inputs.checks = checks.to_vec();
        }
    }
}

impl SiteBuilder {
    /// `opts.output` must be set: the folder served (never the publishing `site/`).
    pub fn new(opts: BuildOptions, out_dir: PathBuf, make: MakeRenderer) -> Self {
        SiteBuilder {
            opts,
            out_dir,
            make,
            renderer: None,
            renderer_templates: BTreeMap::new(),
            sources: SourceCache::default(),
            claims: ClaimCache::default(),
            hashes: FileHashes::default(),
            inputs: None,
            last: None,
            written: BTreeMap::new(),
            static_map: BTreeMap::new(),
            last_pass: None,
        }
    }

    pub fn out_dir(&self) -> &Path {
        &self.out_dir
    }

    /// Rebuilds what `hinted` (paths the watcher reported; may be empty) and the rescan say changed.
    pub fn rebuild(&mut self, hinted: &HashSet<PathBuf>) -> Result<Outcome> {
        self.rebuild_with(hinted, &mut |_: &Preview| {})
    }

    /// [`Self::rebuild`]; when only a few articles' text changed, first writes their pages from
    /// provisional cross-reference data and reports them, then runs the exact pass (whose output
    /// is what `build` gives; pages the preview got right are not rewritten), writes the pages
    /// open in a browser and reports them, then writes the rest of the site (see [`Progress`]).
    pub fn rebuild_with(
        &mut self,
        hinted: &HashSet<PathBuf>,
        progress: &mut dyn Progress,
    ) -> Result<Outcome> {
        let start = Instant::now();
        let root = self.opts.root.clone();
        let inputs = self.scan_inputs(&root, hinted)?;
        let content_changed = self.sources.refresh(&root.join("content"), hinted);
        let scanned = start.elapsed();
        let fingerprint = self.fingerprint(&inputs);
        let previous = self.inputs.replace(inputs.clone());
        let content_changed = match content_changed {
            Ok(c) => c,
            Err(e) => {
                // The cache kept the old results, so the fingerprint says nothing: retry next time.
                self.last = None;
                return Err(e);
            }
        };
        if self.last.is_some_and(|(f, _)| f == fingerprint) {
            return Ok(Outcome::Unchanged);
        }
        if let (Some(prev), Some((_, true)), false) = (&previous, self.last, content_changed)
            && let Some(outcome) = self.static_only(prev, &inputs)?
        {
            self.last = Some((fingerprint, true));
            return Ok(outcome);
        }
        let result = self.full(&root, &inputs, start, scanned, progress);
        self.last = Some((fingerprint, result.is_ok()));
        result
    }

    fn scan_inputs(&mut self, root: &Path, hinted: &HashSet<PathBuf>) -> Result<Inputs> {
        let toml = root.join("site.toml");
        let config = self
            .hashes
            .refresh(&toml, hinted.contains(&toml))?
            .map(|(h, _)| h);
        Ok(Inputs {
            config,
            templates: hash_tree(&mut self.hashes, &root.join("templates"), hinted)?,
            statics: hash_tree(&mut self.hashes, &root.join("static"), hinted)?,
        })
    }

    fn fingerprint(&self, inputs: &Inputs) -> Hash {
        let mut h = blake3::Hasher::new();
        h.update(format!("{inputs:?}").as_bytes());
        h.update(self.sources.fingerprint().as_bytes());
        h.finalize()
    }

    /// Copies changed `static/` files over their earlier copies when nothing else changed.
    fn static_only(&mut self, prev: &Inputs, now: &Inputs) -> Result<Option<Outcome>> {
        if prev.config != now.config || prev.templates != now.templates {
            return Ok(None);
        }
        let same_set = prev.statics.keys().eq(now.statics.keys());
        let changed: Vec<&String> = now
            .statics
            .iter()
            .filter(|(k, h)| prev.statics.get(*k) != Some(h))
            .map(|(k, _)| k)
            .collect();
        if !same_set || changed.iter().any(|k| !self.static_map.contains_key(*k)) {
            return Ok(None);
        }
        let dir = self.opts.root.join("static");
        let mut paths = Vec::new();
        for rel in &changed {
            let src = dir.join(rel.as_str());
            for out in self.static_map.get(*rel).into_iter().flatten() {
                copy_atomic(&self.out_dir, out, &src)?;
                let hash = content_hash(&OutFile::copy(out.clone(), src.clone()))?;
                self.written
                    .insert(out.clone(), (hash, Arc::from(Vec::new())));
                paths.push(out.clone());
            }
        }
        let css_only = changed.iter().all(|k| k.ends_with(".css"));
        Ok(Some(Outcome::Static { paths, css_only }))
    }

    fn full(
        &mut self,
        root: &Path,
        inputs: &Inputs,
        start: Instant,
        scanned: Duration,
        progress: &mut dyn Progress,
    ) -> Result<Outcome> {
        let config = load_config(&self.opts)?;
        self.prepare_renderer(root, &inputs.templates)?;
        let mut corpus = self.sources.corpus()?;
        crate::content::apply_site_rules(&mut corpus, &config)?;
        let reuse = (self.last_pass.as_ref()).is_some_and(|p| p.inputs.same_articles(&corpus));
        // A preview that fails is skipped: the exact pass reports whatever is wrong.
        if !reuse && let Ok(Some(pages)) = self.preview(&config, &corpus, inputs) {
            progress.previewed(&Preview {
                pages,
                elapsed: start.elapsed(),
            });
        }
        let previewed = start.elapsed();
        let fresh = match &mut self.last_pass {
            Some(last) if reuse => {
                last.relink_verdicts(&corpus.checks);
                None
            }
            last => {
                let claims = self.claims.claims_for(&corpus);
                // The last pass's term ids and items: only changed articles are interned again.
                let last = last.as_mut().map(|p| &mut p.session);
                Some(xref::Session::run(&corpus, claims, last))
            }
        };
        let crossed = start.elapsed();
        let made = self.write_site(&config, &corpus, fresh.as_ref(), inputs, start, progress);
        // A fresh pass is kept even when rendering failed: the last one handed it its term state.
        if made.is_ok() || fresh.is_some() {
            self.keep_pass(fresh, corpus, inputs);
        }
        let (written, removed, [open_done, rendered]) = made?;
        Ok(Outcome::Built {
            written,
            removed,
            ingested: self.sources.last_ingested.clone(),
            elapsed: start.elapsed(),
            phases: vec![
                ("scan", scanned),
                ("preview", previewed - scanned),
                ("xref", crossed - previewed),
                ("open pages", open_done - crossed),
                ("render", rendered - open_done),
                ("write", start.elapsed() - rendered),
            ],
            cross_referenced: !reuse,
        })
    }

    /// Writes the open pages (see [`Self::write_open`]), then renders the whole site and writes
    /// what changed; returns the written and removed paths and when the two steps ended.
    fn write_site(
        &mut self,
        config: &Config,
        corpus: &Corpus,
        fresh: Option<&xref::Session>,
        inputs: &Inputs,
        start: Instant,
        progress: &mut dyn Progress,
    ) -> Result<(Vec<String>, Vec<String>, [Duration; 2])> {
        let opened = progress.open_pages();
        if let Some(open) = self.write_open(config, corpus, fresh, &opened, start)? {
            progress.opened(&open);
        }
        let open_done = start.elapsed();
        let files = self.render(config, corpus, fresh)?;
        let rendered = start.elapsed();
        let (written, removed) = self.write_changed(&files)?;
        self.static_map = map_statics(&inputs.statics, &self.written);
        Ok((written, removed, [open_done, rendered]))
    }

    /// Renders every output from `fresh`, or from the last pass when there is no fresh one.
    fn render(
        &self,
        config: &Config,
        corpus: &Corpus,
        fresh: Option<&xref::Session>,
    ) -> Result<Vec<OutFile>> {
        let (renderer, xref) = self.render_with(fresh)?;
        renderer.render_files(config, corpus, xref)
    }

    /// The renderer, and the cross-reference data to render: `fresh`, or the last pass's.
    fn render_with<'s>(
        &'s self,
        fresh: Option<&'s xref::Session>,
    ) -> Result<(&'s dyn SiteRender, &'s CrossRef)> {
        let internal = |what: &str| Error::Output(format!("internal: no {what} to render with"));
        let last = self.last_pass.as_ref().map(|p| &p.session);
        let session = fresh
            .or(last)
            .ok_or_else(|| internal("cross-reference pass"))?;
        let renderer = self
            .renderer
            .as_deref()
            .ok_or_else(|| internal("renderer"))?;
        Ok((renderer, session.xref()))
    }

    /// Renders the pages open in a browser (`open`) from the exact pass and writes those that
    /// changed, before the rest of the site is rendered. Skipped (`None`) when no page is open,
    /// when too many are, or when the last build failed (every page then reloads anyway). A render
    /// error here is left for the whole render to report.
    fn write_open(
        &mut self,
        config: &Config,
        corpus: &Corpus,
        fresh: Option<&xref::Session>,
        open: &[String],
        start: Instant,
    ) -> Result<Option<OpenPages>> {
        let last_ok = self.last.is_some_and(|(_, ok)| ok);
        if open.is_empty() || open.len() > MAX_OPEN || !last_ok {
            return Ok(None);
        }
        let open: BTreeSet<String> = open.iter().cloned().collect();
        let (renderer, xref) = self.render_with(fresh)?;
        let Ok(mut pages) = renderer.render_pages(config, corpus, xref, &open) else {
            return Ok(None);
        };
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        let (mut rendered, mut written) = (Vec::new(), Vec::new());
        for f in pages {
            check_rel(&f.path)?;
            let hash = blake3::hash(&f.bytes);
            if self.written.get(&f.path).is_none_or(|(h, _)| *h != hash) {
                write_atomic(&self.out_dir, &f.path, &f.bytes)?;
                self.written.insert(f.path.clone(), (hash, f.bytes));
                written.push(f.path.clone());
            }
            rendered.push(f.path);
        }
        Ok(Some(OpenPages {
            rendered,
            written,
            elapsed: start.elapsed(),
        }))
    }

    /// Keeps a new pass (with what it read) for previews and reuse, or notes the config and
    /// templates the reused one was rendered with this time.
    fn keep_pass(&mut self, fresh: Option<xref::Session>, corpus: Corpus, inputs: &Inputs) {
        let (config, templates) = (inputs.config, inputs.templates.clone());
        match (fresh, &mut self.last_pass) {
            (None, Some(last)) => {
                last.config = config;
                last.templates = templates;
            }
            (fresh, _) => {
                let kept = fresh.map(|session| LastPass {
                    session,
                    inputs: XrefInputs::of(corpus),
                    config,
                    templates,
                });
                if let Some(old) = std::mem::replace(&mut self.last_pass, kept) {
                    // Freeing a large pass takes tens of milliseconds: not on the way to the browser.
                    std::thread::spawn(move || drop(old));
                }
            }
        }
    }

    /// Writes the pages of the edited articles from provisional data (see
    /// [`crate::xref::preview`]) when only article text changed since the last exact pass, and
    /// returns their paths; `None` when there is nothing to preview.
    fn preview(
        &mut self,
        config: &Config,
        corpus: &Corpus,
        inputs: &Inputs,
    ) -> Result<Option<Vec<String>>> {
        let (Some(last), Some(renderer)) = (&self.last_pass, &self.renderer) else {
            return Ok(None);
        };
        let (base, conf, templates) = (&last.session, &last.config, &last.templates);
        let edited = &self.sources.last_ingested;
        let same_site = *conf == inputs.config
            && *templates == inputs.templates
            && corpus.articles.len() == base.xref().articles.len()
            && corpus
                .articles
                .iter()
                .zip(&base.xref().articles)
                .all(|(a, b)| a.slug == b.slug && a.file == b.file);
        if !same_site || edited.is_empty() || edited.len() > MAX_PREVIEWED {
            return Ok(None);
        }
        let mut pages = Vec::new();
        for rel in edited {
            let Some(a) = corpus.articles.iter().find(|a| &a.file == rel) else {
                return Ok(None); // a page, check or aliases file changed: no preview
            };
            if let Some(p) = base.preview(a, self.claims.claims_of(a)) {
                pages.push(renderer.render_provisional(config, corpus, base.xref(), a, &p)?);
            }
        }
        let mut paths = Vec::new();
        for f in pages {
            check_rel(&f.path)?;
            write_atomic(&self.out_dir, &f.path, &f.bytes)?;
            self.written
                .insert(f.path.clone(), (blake3::hash(&f.bytes), f.bytes));
            paths.push(f.path);
        }
        Ok(Some(paths).filter(|p| !p.is_empty()))
    }

    /// The renderer, made on first use and given fresh templates whenever they changed on disk.
    fn prepare_renderer(&mut self, root: &Path, templates: &BTreeMap<String, Hash>) -> Result<()> {
        let renderer = match self.renderer.take() {
            None => (self.make)(root)?,
            Some(mut r) if &self.renderer_templates != templates => match r.reload_templates() {
                Ok(()) => r,
                Err(e) => {
                    // Keep the loaded renderer (syntect's sets are costly), but not as current.
                    self.renderer = Some(r);
                    self.renderer_templates.clear();
                    return Err(e);
                }
            },
            Some(r) => r,
        };
        self.renderer_templates = templates.clone();
        self.renderer = Some(renderer);
        Ok(())
    }

    /// Writes files whose bytes changed and removes files the build no longer makes. The renderer
    /// returns files sorted by path, as the manifest is, so the two are walked side by side
    /// (thousands of string-keyed lookups cost more than the writes of a one-article edit).
    /// Writes the output folder's manifest (see `output::MANIFEST`).
    fn save_manifest<'a>(&self, paths: impl Iterator<Item = &'a str>) -> Result<()> {
        crate::output::write_manifest(&self.out_dir, paths)
            .map_err(|e| Error::io(self.out_dir.join(crate::output::MANIFEST), e))
    }

    fn write_changed(&mut self, files: &[OutFile]) -> Result<(Vec<String>, Vec<String>)> {
        use rayon::prelude::*;
        let mut order: Vec<&OutFile> = files.iter().collect();
        if !order.is_sorted_by(|a, b| a.path <= b.path) {
            order.sort_by(|a, b| a.path.cmp(&b.path));
        }
        // The manifest is only replaced at the end: a failed write leaves it describing the folder.
        let (old, removed) = match_manifest(&self.written, &order);
        // On disk, the folder's manifest lists every file before it is written (a superset until
        // the writes end), so a later `serve --output` or `build --output` knows all are ours.
        let before = order.iter().map(|f| f.path.as_str());
        self.save_manifest(before.chain(self.written.keys().map(String::as_str)))?;
        let hashes: Vec<Hash> = order
            .par_iter()
            .zip(&old)
            .map(|(f, old)| match old {
                Some((h, bytes)) if f.copy_of.is_none() && Arc::ptr_eq(bytes, &f.bytes) => Ok(*h),
                _ => content_hash(f),
            })
            .collect::<Result<_>>()?;
        let mut written = Vec::new();
        for ((f, hash), old) in order.iter().zip(&hashes).zip(&old) {
            check_rel(&f.path)?;
            match old {
                Some((h, _)) if h == hash => continue,
                Some(_) => write_out_atomic(&self.out_dir, f)?,
                None => write_new(&self.out_dir, f)?,
            }
            written.push(f.path.clone());
        }
        for rel in &removed {
            remove_with_empty_parents(&self.out_dir, rel);
        }
        self.written = order
            .iter()
            .zip(hashes)
            .map(|(f, h)| (f.path.clone(), (h, f.bytes.clone())))
            .collect();
        self.save_manifest(order.iter().map(|f| f.path.as_str()))?;
        Ok((written, removed))
    }
}

/// Manifest entry of each file in `sorted` (same order; `None` if new) and the manifest's paths
/// the files no longer include.
fn match_manifest(
    manifest: &BTreeMap<String, Written>,
    sorted: &[&OutFile],
) -> (Vec<Option<Written>>, Vec<String>) {
    let mut old = manifest.iter().peekable();
    let mut removed = Vec::new();
    let matched = sorted
        .iter()
        .map(|f| {
            while let Some((p, _)) = old.next_if(|(p, _)| p.as_str() < f.path.as_str()) {
                removed.push(p.clone());
            }
            old.next_if(|(p, _)| **p == f.path)
                .map(|(_, entry)| entry.clone())
        })
        .collect();
    removed.extend(old.map(|(p, _)| p.clone()));
    (matched, removed)
}

/// For each static file, the output paths whose bytes equal it and whose path ends with it.
fn map_statics(
    statics: &BTreeMap<String, Hash>,
    written: &BTreeMap<String, Written>,
) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let suffixes: Vec<(&String, &Hash, String)> = statics
        .iter()
        .map(|(rel, h)| (rel, h, format!("/{rel}")))
        .collect();
    for (out, (hash, _)) in written {
        for (rel, h, suffix) in &suffixes {
            if *h == hash && (out == *rel || out.ends_with(suffix.as_str())) {
                map.entry((*rel).clone()).or_default().push(out.clone());
            }
        }
    }
    map
}

/// Output paths come from our own renderer, but a bad one must still not write outside the folder.
fn check_rel(rel: &str) -> Result<()> {
    let bad = rel.is_empty()
        || rel.starts_with('/')
        || rel.contains('\\')
        || rel.split('/').any(|s| s == ".." || s.is_empty());
    if bad {
        return Err(Error::Output(format!(
            "internal: the renderer produced an unsafe output path `{rel}`"
        )));
    }
    Ok(())
}

/// Writes a file the site did not have before (no reader can depend on its old bytes).
fn write_new(dir: &Path, f: &OutFile) -> Result<()> {
    crate::output::write_file(dir, f).map_err(|e| Error::io(dir.join(&f.path), e))
}

/// The hash of a file's bytes; a copied file is hashed by streaming its source.
fn content_hash(f: &OutFile) -> Result<Hash> {
    let Some(src) = &f.copy_of else {
        return Ok(blake3::hash(&f.bytes));
    };
    let file = std::fs::File::open(src).map_err(|e| Error::io(src, e))?;
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(file).map_err(|e| Error::io(src, e))?;
    Ok(hasher.finalize())
}

/// [`write_atomic`] for an output file: its bytes, or a streamed copy of its source.
fn write_out_atomic(dir: &Path, f: &OutFile) -> Result<()> {
    match &f.copy_of {
        None => write_atomic(dir, &f.path, &f.bytes),
        Some(src) => copy_atomic(dir, &f.path, src),
    }
}

/// Copies `src` to `rel` under `dir` through a temporary file and a rename, streaming.
fn copy_atomic(dir: &Path, rel: &str, src: &Path) -> Result<()> {
    let path = dir.join(rel);
    let parent = path.parent().unwrap_or(dir);
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".factsite-write-")
        .tempfile_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    crate::output::copy_file(src, tmp.path()).map_err(|e| Error::io(src, e))?;
    tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
    Ok(())
}

/// Writes through a hidden temporary file and a rename, so a request never sees half a file.
pub fn write_atomic(dir: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(rel);
    let parent = path.parent().unwrap_or(dir);
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".factsite-write-")
        .tempfile_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(|e| Error::io(&path, e))?;
    tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
    Ok(())
}

fn remove_with_empty_parents(dir: &Path, rel: &str) {
    let path = dir.join(rel);
    let _ = std::fs::remove_file(&path);
    let mut p = path.parent();
    while let Some(parent) = p {
        if parent == dir || std::fs::remove_dir(parent).is_err() {
            break;
        }
        p = parent.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_is_matched_to_sorted_files() {
        let entry = |s: &str| (blake3::hash(s.as_bytes()), Arc::from(s.as_bytes()));
        let manifest: BTreeMap<String, Written> = ["a", "b/index.html", "c", "e"]
            .into_iter()
            .map(|p| (p.to_string(), entry(p)))
            .collect();
        let files: Vec<OutFile> = ["a", "b/x.html", "c", "d"]
            .into_iter()
            .map(|p| OutFile::new(p, p))
            .collect();
        let sorted: Vec<&OutFile> = files.iter().collect();
        let (old, removed) = match_manifest(&manifest, &sorted);
        let found: Vec<bool> = old.iter().map(Option::is_some).collect();
        assert_eq!(found, [true, false, true, false]);
        assert_eq!(old[2].as_ref().map(|(h, _)| *h), Some(blake3::hash(b"c")));
        assert_eq!(removed, ["b/index.html", "e"]);
    }
}
