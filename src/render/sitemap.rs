//! `sitemap.xml` (every HTML page of the build except the 404 page, as absolute URLs from
//! `base_url`) and `robots.txt` pointing at it. Built from the list of rendered files, so pages
//! added later (claims, flags report, entities, verdicts) are listed without touching this file.
//!
//! Note: crawlers read `robots.txt` only at a domain's root. On a GitHub Pages project site
//! (`https://USER.github.io/REPO/`) the file is still written, and the sitemap can be submitted
//! to search engines directly.

use super::OutFile;
use super::text::escape;
use crate::config::Config;

/// The site-relative URL of an HTML output file: `a/index.html` → `a/`, `index.html` → ``;
/// `None` for files that are not pages or must not be listed (`404.html`, and HTML files copied
/// from `content/` under `files/`: content is not the site's own page even when published).
pub fn page_url(path: &str) -> Option<String> {
    if !path.ends_with(".html") || path == "404.html" || path.starts_with("files/") {
        return None;
    }
    if path == "index.html" {
        return Some(String::new());
    }
    Some(match path.strip_suffix("/index.html") {
        Some(dir) => format!("{dir}/"),
        None => path.to_string(),
    })
}

/// `sitemap.xml` and `robots.txt` for the pages among `paths` (output paths of every file).
pub fn files<'a>(config: &Config, paths: impl IntoIterator<Item = &'a str>) -> Vec<OutFile> {
    vec![sitemap(config, paths), robots(config)]
}

/// `sitemap.xml` for the pages among `paths`.
pub fn sitemap<'a>(config: &Config, paths: impl IntoIterator<Item = &'a str>) -> OutFile {
    let mut urls: Vec<String> = paths.into_iter().filter_map(page_url).collect();
    urls.sort();
    urls.dedup();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in &urls {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape(&format!("{}{}", config.base_url, encode_path(u)))
        ));
    }
    xml.push_str("</urlset>\n");
    OutFile::new("sitemap.xml", xml)
}

/// `robots.txt`, pointing at the sitemap.
pub fn robots(config: &Config) -> OutFile {
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        config.base_url
    );
    OutFile::new("robots.txt", robots)
}

/// Percent-encodes what may not appear in a URL path (slugs are ASCII, asset names may not be).
fn encode_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@%".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_pages_not_404_or_assets() {
        let paths = [
            "index.html",
            "404.html",
            "a/index.html",
            "x.css",
            "search/index.html",
        ];
        let out = super::files(&Config::default(), paths);
        let xml = out[0].text().into_owned();
        assert!(xml.contains("<loc>http://localhost:1111/</loc>"));
        assert!(xml.contains("<loc>http://localhost:1111/a/</loc>"));
        assert!(xml.contains("<loc>http://localhost:1111/search/</loc>"));
        assert!(!xml.contains("404"));
        assert!(!xml.contains("x.css"));
        let robots = out[1].text().into_owned();
        assert!(robots.contains("Sitemap: http://localhost:1111/sitemap.xml"));
    }

    #[test]
    fn encodes_non_ascii() {
        assert_eq!(encode_path("a b/é/"), "a%20b/%C3%A9/");
    }
}
