#!/usr/bin/env bash
# Real-browser test of `factsite serve --watch` (see reload.mjs). Installs what it needs:
# Debian's chromium (apt, when root and missing) and playwright-core (npm ci; it never downloads
# a browser). Usage: tests/browser/run.sh   (from anywhere; builds the debug binary first)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
command -v node >/dev/null 2>&1 || { echo "node is missing (apt-get install nodejs npm)" >&2; exit 1; }

(cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)
(cd "$repo" && cargo build --locked --quiet --bin factsite)
FACTSITE_BIN="$repo/target/debug/factsite" CHROMIUM="$(command -v chromium)" node "$here/reload.mjs"
FACTSITE_BIN="$repo/target/debug/factsite" CHROMIUM="$(command -v chromium)" node "$here/reader.mjs"
