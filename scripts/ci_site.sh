#!/usr/bin/env bash
# Builds the repository's site under a /REPO/ path prefix on a free local port and runs every
# publishing check on it (scripts/check_site.sh). Used by .ci/run:  bash scripts/ci_site.sh
# FACTSITE: command that runs factsite (default: cargo run --quiet --).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
base="http://127.0.0.1:$port/REPO/"
${FACTSITE:-cargo run --quiet --} build --base-url "$base" --output "$dir/REPO"
bash scripts/check_site.sh "$dir/REPO" "$base"
