//! Loading Tera templates: the built-in defaults (the repository's `templates/`, compiled in) with
//! any file of the same name in the site's own `templates/` folder taking precedence. Errors name
//! the template, line and column (Tera 2 reports locations).

use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;
use tera::Tera;

/// The default templates, compiled into the binary so any site folder builds without its own.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("claims.html", include_str!("../../templates/claims.html")),
    ("claim.html", include_str!("../../templates/claim.html")),
    ("flags.html", include_str!("../../templates/flags.html")),
    (
        "entities.html",
        include_str!("../../templates/entities.html"),
    ),
    ("entity.html", include_str!("../../templates/entity.html")),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    ("check.html", include_str!("../../templates/check.html")),
    ("checks.html", include_str!("../../templates/checks.html")),
    (
        "flags_kind.html",
        include_str!("../../templates/flags_kind.html"),
    ),
    ("pager.html", include_str!("../../templates/pager.html")),
    (
        "article_table.html",
        include_str!("../../templates/article_table.html"),
    ),
    (
        "taxonomy_list.html",
        include_str!("../../templates/taxonomy_list.html"),
    ),
    (
        "taxonomy_single.html",
        include_str!("../../templates/taxonomy_single.html"),
    ),
    (
        "timeline_month.html",
        include_str!("../../templates/timeline_month.html"),
    ),
];

/// Builds the Tera instance for a site root.
pub fn load(root: &Path) -> Result<Tera> {
    let mut sources: BTreeMap<String, String> = DEFAULTS
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    for (key, path) in super::files_under(&root.join("templates"))? {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        sources.insert(key, text);
    }
    for (name, text) in &sources {
        super::template_blocks::check(name, text)?;
    }
    let mut tera = Tera::new();
    super::jsonld::register_filters(&mut tera); // before the templates: Tera checks filter names
    super::labels::register_filters(&mut tera);
    tera.add_raw_templates(sources.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(template_error)?;
    Ok(tera)
}

/// Maps a Tera error to ours, keeping Tera's located report (file:line:col with a caret).
pub fn template_error(e: tera::Error) -> Error {
    let (template, message) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            (r.filename().to_string(), e.to_string())
        }
        _ => ("?".to_string(), full_message(&e)),
    };
    Error::Template { template, message }
}

fn full_message(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    msg
}
