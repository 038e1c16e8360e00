//! Render stage: turns the corpus and the cross-reference data into the site's files. Tera
//! templates are fed plain serde structs ([`context`]); Markdown goes through pulldown-cmark and
//! syntect; data files are JSON. Nothing is written to disk here (that is `output`'s job).

mod annotate;
pub mod context;
mod copy_note;
pub mod data;
pub mod feeds;
pub mod highlight;
pub mod jsonld;
pub mod labels;
mod listing_pages;
pub mod listings;
pub mod markdown;
pub mod memo;
mod page_list;
mod pages;
pub mod paginate;
pub mod publish;
pub mod search;
pub mod search_terms;
pub mod sitemap;
mod svg;
mod template_blocks;
pub mod templates;
pub mod text;
mod xref_pages;

use crate::config::Config;
use crate::content::Corpus;
use crate::error::{Error, Result};
use crate::xref::CrossRef;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One file of the built site: path relative to the output folder, `/`-separated. The bytes are
/// shared so that a page reused from the [`memo`] is not copied. A file published as it is (a
/// `static/` file or a content asset) is not read here: `copy_of` names it, `bytes` is empty, and
/// `output` streams it, so a 2 GB asset never sits in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Arc<[u8]>,
    pub copy_of: Option<PathBuf>,
}

impl OutFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutFile {
            path: path.into(),
            bytes: Arc::from(bytes.into()),
            copy_of: None,
        }
    }

    /// The file at `path` in the site is `source`, copied as it is when written.
    pub fn copy(path: impl Into<String>, source: impl Into<PathBuf>) -> Self {
        OutFile {
            path: path.into(),
            bytes: Arc::from(Vec::new()),
            copy_of: Some(source.into()),
        }
    }

    /// The bytes as text (every file factsite renders is UTF-8; others are shown lossily).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }
}

/// Where rendered files go as they are made (see [`Renderer::render_into`]); called from
/// several threads at once.
pub type Sink<'s> = &'s (dyn Fn(OutFile) -> Result<()> + Sync);

/// The value behind `m`, also after a thread panicked holding it (the data is only ever pushed
/// to, so it is whole).
pub(crate) fn locked<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The default stylesheet and script, compiled in; a site's `static/` files of the same name win.
const DEFAULT_STATIC: &[(&str, &str)] = &[
    ("static/style.css", include_str!("../../static/style.css")),
    ("static/search.js", include_str!("../../static/search.js")),
    (
        "static/favicon.svg",
        include_str!("../../static/favicon.svg"),
    ),
];

/// Holds what is expensive to load (templates, syntax sets) so it is loaded once per process.
pub struct Renderer {
    tera: tera::Tera,
    highlighter: highlight::Highlighter,
    root: PathBuf,
    /// Pages of the last build, reused when their inputs are unchanged (`serve`); `None` for a
    /// one-off build.
    memo: Option<memo::PageMemo>,
}

impl Renderer {
    pub fn new(root: &Path) -> Result<Renderer> {
        Ok(Renderer {
            tera: templates::load(root)?,
            highlighter: highlight::Highlighter::new(),
            root: root.to_path_buf(),
            memo: None,
        })
    }

    /// A renderer that remembers its pages between builds and re-renders only those whose inputs
    /// changed (see [`memo`]).
    pub fn with_memo(mut self) -> Renderer {
        self.memo = Some(memo::PageMemo::default());
        self
    }

    /// Reloads the templates only (after an edit under `templates/`).
    pub fn reload_templates(&mut self) -> Result<()> {
        if let Some(m) = &self.memo {
            m.clear();
        }
        self.tera = templates::load(&self.root)?;
        Ok(())
    }

    /// Every file of the site, sorted by path.
    pub fn render(
        &self,
        config: &Config,
        corpus: &Corpus,
        xref: &CrossRef,
    ) -> Result<Vec<OutFile>> {
        let files = std::sync::Mutex::new(Vec::new());
        self.render_into(config, corpus, xref, &|f| {
            locked(&files).push(f);
            Ok(())
        })?;
        let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Renders every file of the site and hands each to `sink` as soon as it is made, from
    /// several threads and in no fixed order (a build writes it out at once, so the whole site
    /// never sits in memory). Returns the paths handed over, sorted. Two files for one path are
    /// an error.
    pub fn render_into(
        &self,
        config: &Config,
        corpus: &Corpus,
        xref: &CrossRef,
        sink: Sink<'_>,
    ) -> Result<Vec<String>> {
        let targets = pages::link_targets(corpus);
        // What every page depends on besides its own inputs (templates: see `reload_templates`).
        let round = self
            .memo
            .as_ref()
            .and_then(|m| Some(m.begin(memo::hash_of(&(config, &targets))?)));
        let seen = std::sync::Mutex::new(std::collections::BTreeSet::new());
        let checked = |f: OutFile| {
            if !locked(&seen).insert(f.path.clone()) {
                return Err(Error::Output(format!(
                    "two outputs would be written to {}; rename the page or file that produces it",
                    f.path
                )));
            }
            sink(f)
        };
        let r = self.page_renderer(config, corpus, xref, targets, round.as_ref());
        let made = self.all_files(r, round.as_ref(), &checked);
        if let (Some(m), Some(round)) = (&self.memo, round) {
            m.finish(round);
        }
        made?;
        checked(OutFile::new(".nojekyll", ""))?;
        if let Some(cname) = config.cname.as_deref().filter(|c| !c.trim().is_empty()) {
            checked(OutFile::new("CNAME", format!("{}\n", cname.trim())))?;
        }
        let paths = seen.into_inner().unwrap_or_else(|e| e.into_inner());
        Ok(paths.into_iter().collect())
    }

    /// The HTML pages written to `files` (output paths such as `articles/x/index.html`; paths
    /// that are no page are skipped), rendered without the memo: `serve` writes the pages open in
    /// a browser before the rest of the site.
    pub fn render_pages(
        &self,
        config: &Config,
        corpus: &Corpus,
        xref: &CrossRef,
        files: &std::collections::BTreeSet<String>,
    ) -> Result<Vec<OutFile>> {
        let r = self.page_renderer(config, corpus, xref, pages::link_targets(corpus), None);
        r.only(files)
    }

    /// The page of `article` from its provisional cross-reference data (see
    /// [`crate::xref::preview`]); `xref` (the last exact pass) supplies everything else the page
    /// links to. Not memoized.
    pub fn render_provisional(
        &self,
        config: &Config,
        corpus: &Corpus,
        xref: &CrossRef,
        article: &crate::content::Article,
        provisional: &crate::xref::preview::Provisional,
    ) -> Result<OutFile> {
        let r = self.page_renderer(config, corpus, xref, pages::link_targets(corpus), None);
        r.provisional_article(article, &provisional.xref, &provisional.flags)
    }

    fn page_renderer<'a>(
        &'a self,
        config: &'a Config,
        corpus: &'a Corpus,
        xref: &'a CrossRef,
        targets: std::collections::BTreeMap<String, String>,
        memo: Option<&'a memo::Round>,
    ) -> pages::PageRenderer<'a> {
        pages::PageRenderer {
            tera: &self.tera,
            hl: &self.highlighter,
            config,
            corpus,
            xref,
            targets,
            memo,
            lookup: pages::Lookup::new(corpus, xref),
            listings: listings::Listings::new(config, corpus, xref),
        }
    }

    /// The pages, data files, static files and publishing files (search, feeds, sitemap). The
    /// publishing files need only the pages' paths, so all three kinds are made side by side.
    fn all_files(
        &self,
        r: pages::PageRenderer,
        round: Option<&memo::Round>,
        sink: Sink<'_>,
    ) -> Result<()> {
        let (config, corpus, xref) = (r.config, r.corpus, r.xref);
        let statics = self.static_files(corpus)?;
        let page_paths = r.paths();
        let html: Vec<&str> = (page_paths.iter().map(String::as_str))
            .chain(statics.iter().map(|f| f.path.as_str()))
            .filter(|p| p.ends_with(".html"))
            .collect();
        let each = |files: Result<Vec<OutFile>>| files?.into_iter().try_for_each(sink);
        let ((pages, data), publish) = rayon::join(
            || {
                rayon::join(
                    || r.all_into(sink),
                    || each(data::files(config, corpus, xref, round)),
                )
            },
            || {
                each(publish::files(
                    &self.tera, config, corpus, xref, &html, round,
                ))
            },
        );
        pages?;
        r.term_feeds().into_iter().try_for_each(sink)?;
        data?;
        statics.into_iter().try_for_each(sink)?;
        publish
    }

    /// Default static files, the site's `static/` folder, the syntax stylesheet and content assets.
    fn static_files(&self, corpus: &Corpus) -> Result<Vec<OutFile>> {
        let mut files: std::collections::BTreeMap<String, OutFile> = DEFAULT_STATIC
            .iter()
            .map(|(p, s)| (p.to_string(), OutFile::new(*p, *s)))
            .collect();
        let css = OutFile::new("static/syntax.css", self.highlighter.css());
        files.insert(css.path.clone(), css);
        let copies = files_under(&self.root.join("static"))?
            .into_iter()
            .map(|(rel, path)| OutFile::copy(format!("static/{rel}"), path))
            .chain(
                corpus
                    .assets
                    .iter()
                    .map(|a| OutFile::copy(format!("files/{}", a.file), a.path.clone())),
            );
        for f in copies {
            files.insert(f.path.clone(), f);
        }
        Ok(files.into_values().collect())
    }
}

/// Files under `dir` (none if it does not exist), as (`/`-separated relative path, full path),
/// sorted, skipping hidden files and editor leftovers.
pub(crate) fn files_under(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    // Hidden folders (`.git`, `.secrets`) are skipped whole, like hidden files.
    let walk = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|e| Error::io(dir, e.into()))?;
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || crate::content::discover::is_ignored(&name) {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        out.push((
            rel.to_string_lossy().replace('\\', "/"),
            entry.path().to_path_buf(),
        ));
    }
    Ok(out)
}
