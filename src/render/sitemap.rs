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
    let mut files = sitemaps(config, paths);
    files.push(robots(config));
    files
}

/// The most URLs one sitemap file may list (sitemaps.org).
pub const MAX_URLS: usize = 50_000;

/// `sitemap.xml` for the pages among `paths`, when they fit one file (see [`sitemaps`]).
pub fn sitemap<'a>(config: &Config, paths: impl IntoIterator<Item = &'a str>) -> OutFile {
    let urls = page_urls(paths);
    OutFile::new("sitemap.xml", urlset(config, &urls))
}

/// The sitemap files for the pages among `paths`: `sitemap.xml` alone up to [`MAX_URLS`] pages;
/// past that, `sitemap.xml` is an index of `sitemap-1.xml`, `sitemap-2.xml`, … of that many each.
pub fn sitemaps<'a>(config: &Config, paths: impl IntoIterator<Item = &'a str>) -> Vec<OutFile> {
    let urls = page_urls(paths);
    if urls.len() <= MAX_URLS {
        return vec![OutFile::new("sitemap.xml", urlset(config, &urls))];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::new();
    for (i, part) in urls.chunks(MAX_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape(&format!("{}{name}", config.base_url))
        ));
        files.push(OutFile::new(name, urlset(config, part)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutFile::new("sitemap.xml", index));
    files
}

/// The page URLs among `paths`, sorted, once each.
pub fn page_urls<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut urls: Vec<String> = paths.into_iter().filter_map(page_url).collect();
    urls.sort();
    urls.dedup();
    urls
}

fn urlset(config: &Config, urls: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape(&format!("{}{}", config.base_url, encode_path(u)))
        ));
    }
    xml.push_str("</urlset>\n");
    xml
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

    #[test]
    fn large_sites_get_a_sitemap_index() {
        let config = Config::default();
        let paths: Vec<String> = (0..MAX_URLS + 3)
            .map(|i| format!("articles/a{i}/index.html"))
            .collect();
        let files = sitemaps(&config, paths.iter().map(String::as_str));
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
        let index = files[2].text();
        assert!(index.contains("<sitemapindex") && index.contains("sitemap-2.xml</loc>"));
        assert_eq!(files[1].text().matches("<url>").count(), 3);
    }
}
