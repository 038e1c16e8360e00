#!/usr/bin/env bash
# Crash safety of `factsite build`: kills builds at random moments (SIGKILL), runs two builds at
# once, and checks after each that the output folder is a whole site (the old or the new one,
# never missing or half-written), that no staging folder outlives the next build, and that a
# second build at the same time either succeeds or says another build is running.
#
#   bash scripts/kill_test.sh [KILLS] [ARTICLES]      (defaults: 20 kills, 1500 articles)
#   PROFILE=debug bash scripts/kill_test.sh 8 300      (CI: reuses the test build)
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-20}"
articles="${2:-1500}"
profile="${PROFILE:-release}"
if [ "$profile" = release ]; then cargo build --release --locked -q; else cargo build --locked -q; fi
bin="$PWD/target/$profile/factsite"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 scripts/gen_articles.py "$work/content" "$articles" 7
cd "$work"

whole_site() { # the folder holds a manifest, and every file it lists is there
  [ -f site/.factsite-manifest ] || { echo "FAIL: no whole site after $1"; exit 1; }
  python3 - "$1" <<'PY'
import json, os, sys
paths = [json.loads(l) for l in open("site/.factsite-manifest") if l.strip() and not l.startswith("#")]
missing = [p for p in paths if not os.path.isfile(os.path.join("site", p))]
if missing:
    sys.exit(f"FAIL after {sys.argv[1]}: {len(missing)} listed files missing, e.g. {missing[0]}")
PY
}

start=$(date +%s%N)
"$bin" build -q
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "one build: ${full_ms} ms; killing $kills builds at random moments"
whole_site "the first build"
for i in $(seq 1 "$kills"); do
  "$bin" build -q & pid=$!
  sleep "$(python3 -c "import random; print(random.uniform(0, $full_ms / 1000 * 1.2))")"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  whole_site "kill $i"
done
"$bin" build -q
whole_site "the build after the kills"
left=$(find . -maxdepth 1 -name '.site.tmp-*' -o -maxdepth 1 -name '.site.old*' | wc -l)
[ "$left" -eq 0 ] || { echo "FAIL: $left staging folder(s) left after a clean build"; exit 1; }

echo "two builds at once"
"$bin" build -q 2>"$work/a.err" & a=$!
"$bin" build -q 2>"$work/b.err" & b=$!
ra=0; rb=0; wait "$a" || ra=$?; wait "$b" || rb=$?
for r in "$ra:a" "$rb:b"; do
  code=${r%%:*}; name=${r##*:}
  if [ "$code" -ne 0 ] && ! grep -q "another factsite build" "$work/$name.err"; then
    echo "FAIL: concurrent build $name failed without saying why:"; cat "$work/$name.err"; exit 1
  fi
done
[ "$ra" -eq 0 ] || [ "$rb" -eq 0 ] || { echo "FAIL: both concurrent builds failed"; exit 1; }
whole_site "two builds at once"
echo "ok: $kills kills, site whole after each, nothing left behind, concurrent builds safe"
