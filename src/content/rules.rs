//! The rules on content that depend on `site.toml`, applied once the corpus is read (by `build`
//! and by `serve` alike): a verdict's rating must be on the site's scale, and files that would
//! run script on the site's origin are published only when the site allows it.

use super::{Corpus, Warning};
use crate::config::Config;
use crate::error::{Error, Result};

/// Checks verdict ratings against `config.ratings` (a rating differing only in case takes the
/// scale's spelling) and drops active assets unless `config.publish_active_files`, with a
/// warning for each.
pub fn apply_site_rules(corpus: &mut Corpus, config: &Config) -> Result<()> {
    for check in &mut corpus.checks {
        let wanted = check.rating.trim();
        let Some(on_scale) = config
            .ratings
            .iter()
            .find(|r| r.trim().eq_ignore_ascii_case(wanted))
        else {
            return Err(Error::Input {
                file: format!("content/{}", check.file),
                line: check.rating_line,
                message: format!(
                    "rating {:?} is not on the site's scale ({}); fix it, or add it to `ratings` in site.toml",
                    check.rating,
                    config.ratings.join(", ")
                ),
            });
        };
        check.rating = on_scale.clone();
    }
    if !config.publish_active_files {
        let (active, kept) = std::mem::take(&mut corpus.assets)
            .into_iter()
            .partition(|a| a.active);
        corpus.assets = kept;
        corpus.warnings.extend(active.into_iter().map(|a: super::Asset| Warning {
            file: a.file,
            line: None,
            message: "not published: an HTML, SVG, XML or script file would run on the site's origin, and content is untrusted; set publish_active_files = true in site.toml to publish such files".into(),
        }));
    }
    Ok(())
}
