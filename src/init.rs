//! `factsite init DIR`: scaffolds a new site that builds at once — `site.toml`, one sample
//! article, one verdict under `content/checks/` on a claim of that article, an about page, a
//! `.gitignore` and a GitHub Pages workflow. Refuses a
//! folder that exists and is not empty, so nothing is ever overwritten. Uses only `std` so it can
//! live in the binary or the library.

use std::io;
use std::path::{Path, PathBuf};

/// The scaffold: path relative to DIR, contents.
pub const FILES: &[(&str, &str)] = &[
    ("site.toml", SITE_TOML),
    (".gitignore", "/site/\n/.site.*\n"),
    ("content/2024-03-01-sample-article.md", ARTICLE),
    ("content/checks/sample-verdict.md", VERDICT),
    ("content/pages/about.md", ABOUT),
    (".github/workflows/pages.yml", PAGES_WORKFLOW),
];

/// Creates the scaffold in `dir` (created if missing). Returns the files written.
pub fn init(dir: &Path) -> io::Result<Vec<PathBuf>> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists and is not a folder", dir.display()),
            ));
        }
        if std::fs::read_dir(dir)?.next().is_some() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} is not empty; give a new or empty folder (nothing was written)",
                    dir.display()
                ),
            ));
        }
    }
    let mut written = vec![];
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}

const SITE_TOML: &str = r#"# factsite configuration. Every key is optional; unknown keys are an error.
title = "My fact-check desk"
description = "News articles cross-referenced: repeated claims linked, inconsistencies flagged, verdicts explained."
# Where the site is published, with a trailing slash. `factsite build --base-url URL` overrides it
# (the GitHub Pages workflow does). Internal links are relative and work at any address.
base_url = "http://localhost:1111/"
language = "en"
# The fact-checking organisation: author of verdicts (ClaimReview) and publisher in structured data.
publisher = "My fact-check desk"
output_dir = "site"
# Custom domain for GitHub Pages (writes a CNAME file):
# cname = "factcheck.example.org"
# Rating scale for verdicts, best first.
ratings = ["True", "Mostly true", "Misleading", "Mostly false", "False"]
"#;

const ARTICLE: &str = r#"+++
title = "City council approves new bridge over the river"
date = 2024-03-01
source_url = "https://news.example.org/2024/03/01/bridge"
outlet = "Example News"
author = "Jane Reporter"
tags = ["sample"]
+++

The city council voted 7 to 2 on Thursday to build a new pedestrian bridge over the river.

The bridge will cost $12 million and open in 2026, Mayor Alex Smith said after the vote.

"This bridge connects two neighbourhoods that have been apart for too long," Smith said.

Replace this file with real articles: `.md` files with front matter like this one, or plain `.txt`
files pasted from the web (factsite finds the title, date, outlet and byline in their first lines).
"#;

const VERDICT: &str = r#"+++
claim = "The bridge will cost $12 million and open in 2026."
rating = "Mostly true"
reviewed = 2024-03-04
sources = ["https://council.example.org/minutes/2024-02-29"]
author = "Sam Checker"
+++

The council's budget approves $11.6 million for construction; the $12 million figure rounds it up
and leaves out the $0.9 million set aside for design. See the minutes linked above.
"#;

const ABOUT: &str = r#"+++
title = "About this site"
description = "Who runs this fact-check site and how it works."
+++

This site is built with factsite from a folder of news articles. Each article page shows where its
metadata came from; verdicts are written by the desk's fact-checkers.
"#;

/// Publishes the site on GitHub Pages on every push to `main`. factsite is installed from the
/// git repository named by the `FACTSITE_GIT` repository variable (Settings → Secrets and
/// variables → Actions → Variables), so the workflow works whatever copy of factsite you use.
const PAGES_WORKFLOW: &str = r#"# Builds the site with factsite and publishes it on GitHub Pages.
# One-time setup in the repository settings:
#   1. Pages → Build and deployment → Source: "GitHub Actions".
#   2. Secrets and variables → Actions → Variables → New variable FACTSITE_GIT: the git URL of the
#      factsite repository to install from (e.g. https://github.com/OWNER/factsite).
name: Publish to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: pages
        uses: actions/configure-pages@v5
      - uses: dtolnay/rust-toolchain@stable
      - name: Install factsite
        env:
          FACTSITE_GIT: ${{ vars.FACTSITE_GIT }}
        run: |
          if [ -z "$FACTSITE_GIT" ]; then
            echo "::error::Set the repository variable FACTSITE_GIT to the git URL of factsite (see the top of this file)"
            exit 1
          fi
          cargo install --locked --git "$FACTSITE_GIT" factsite
      # base_url comes from Pages: https://USER.github.io/REPO (or the custom domain), no trailing slash.
      - name: Build the site
        run: factsite build --base-url "${{ steps.pages.outputs.base_url }}/" --output site
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;
