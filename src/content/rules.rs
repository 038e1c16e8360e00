//! The rules on content that depend on `site.toml`, applied once the corpus is read (by `build`
//! and by `serve` alike): a verdict's rating must be on the site's scale, `content/tags.toml`
//! adds its tags, and files that would run script on the site's origin are published only when
//! the site allows it.

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
    apply_tags_file(corpus)?;
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

/// Adds the tags of `content/tags.toml` to the articles it names. An entry for a file that is no
/// article (a typo, or an article since deleted) is a warning naming the line, so the tags are
/// not dropped silently and the site still builds.
fn apply_tags_file(corpus: &mut Corpus) -> Result<()> {
    let Some((file, entries)) = corpus.tags_file.clone() else {
        return Ok(());
    };
    for (target, line, tags) in entries {
        let Some(a) = corpus.articles.iter_mut().find(|a| a.file == target) else {
            corpus.warnings.push(Warning {
                file: file.clone(),
                line: Some(line),
                message: format!(
                    "no article content/{target}: its tags are not used; write the file's path under content/, e.g. \"2023/story.txt\""
                ),
            });
            continue;
        };
        let a = std::sync::Arc::make_mut(a);
        for t in tags {
            if !a.tags.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
                a.tags.push(t);
            }
        }
    }
    Ok(())
}
