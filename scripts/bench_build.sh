#!/usr/bin/env bash
# Whole-build speed at archive scale, side by side with Hugo. Writes N generated articles
# (scripts/gen_articles.py, fixed seed) as plain text for factsite and as Markdown for Hugo (the
# same text, a minimal layout), then times, alternating, RUNS times each:
#   factsite build (with cross-references), factsite build --no-xref, hugo.
# Each tool first builds once into an empty folder (reported apart), then the timed runs rebuild
# over its last output, as in use (Hugo overwrites public/ in place; factsite overwrites the site
# before last, kept as .site.spare, and swaps it in).
# Prints medians (wall, user and system time), ratios to Hugo, peak RSS and output size (bytes of the files, as a Pages upload
# counts them, not disk blocks). Hugo comes from Debian's `hugo`
# package, installed when missing (as root).
#
#   bash scripts/bench_build.sh [N] [RUNS]      (defaults: 2000 articles, 3 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-2000}"
runs="${2:-3}"
if ! command -v hugo >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null
  else
    echo "hugo is missing: sudo apt-get install hugo" >&2
    exit 1
  fi
fi
cargo build --release --locked -q
bin="$PWD/target/release/factsite"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 scripts/gen_articles.py "$work/fs/content" "$n" 42
python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
src, dst = f"{work}/fs/content", f"{work}/hugo/content/posts"
os.makedirs(dst)
for name in sorted(os.listdir(src)):
    title, date, byline, _, body = open(f"{src}/{name}", encoding="utf-8").read().split("\n", 4)
    fm = f'---\ntitle: "{title}"\ndate: {date}\nauthor: "{byline[3:]}"\n---\n\n'
    open(f"{dst}/{name[:-4]}.md", "w", encoding="utf-8").write(fm + body)
os.makedirs(f"{work}/hugo/layouts/_default")
open(f"{work}/hugo/config.toml", "w").write('baseURL = "http://localhost/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term"]\n')
page = "<!doctype html><html lang=en><head><meta charset=utf-8><title>{{ .Title }}</title></head><body>"
open(f"{work}/hugo/layouts/_default/single.html", "w").write(page + "<h1>{{ .Title }}</h1><p>{{ .Date.Format \"2006-01-02\" }}</p>{{ .Content }}</body></html>\n")
open(f"{work}/hugo/layouts/_default/list.html", "w").write(page + "<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n")
PY

time_one() { # label, then the command; appends "seconds kilobytes" to $work/<label>
  local label="$1"; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$@" >/dev/null 2>&1
  cat "$work/t" >> "$work/t-$label"
}
# One build of each into an empty folder first (timed apart: a first build creates every file).
# factsite builds once more untimed: its second build still creates every file (the first
# site becomes the spare that later builds overwrite). The timed runs then rebuild over the
# last output, as in use.
time_one full-first "$bin" build -q --root "$work/fs" --output "$work/fs/site"
time_one noxref-first "$bin" build -q --no-xref --root "$work/fs" --output "$work/fs/site-noxref"
time_one hugo-first hugo --quiet --source "$work/hugo" --destination "$work/hugo/public"
"$bin" build -q --root "$work/fs" --output "$work/fs/site"
"$bin" build -q --no-xref --root "$work/fs" --output "$work/fs/site-noxref"
for i in $(seq 1 "$runs"); do
  time_one full "$bin" build -q --root "$work/fs" --output "$work/fs/site"
  time_one noxref "$bin" build -q --no-xref --root "$work/fs" --output "$work/fs/site-noxref"
  time_one hugo hugo --quiet --source "$work/hugo" --destination "$work/hugo/public"
done
python3 - "$work" "$n" "$runs" <<'PY'
import os, statistics, sys
work, n, runs = sys.argv[1], sys.argv[2], sys.argv[3]
def read(label):
    rows = [l.split() for l in open(f"{work}/t-{label}") if l.strip()]
    return statistics.median(float(r[0]) for r in rows), max(int(r[1]) for r in rows) / 1024

def cpu(label):
    # Median user and system seconds: user time is the steadiest figure on a shared machine;
    # system time grows when the disk is still writing back the last round.
    rows = [l.split() for l in open(f"{work}/t-{label}") if l.strip()]
    return statistics.median(float(r[2]) for r in rows), statistics.median(float(r[3]) for r in rows)
def size(path):
    # Bytes of the files, as a Pages upload counts them (du rounds every file up to a block).
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)
    return f"{total / 1e6:.0f}"
hugo = read("hugo")[0]
print(f"{n} generated articles, {runs} runs each, alternating (medians):")
for label, name, out in [("full", "factsite build", "fs/site"), ("noxref", "factsite build --no-xref", "fs/site-noxref"), ("hugo", "hugo", "hugo/public")]:
    t, rss = read(label)
    user, sys_ = cpu(label)
    print(f"  {name:26} {t:6.2f} s  ×{t / hugo:4.2f} Hugo  user {user:6.2f} s  sys {sys_:5.2f} s  peak {rss:5.0f} MB  output {size(f'{work}/{out}')} MB")
first = {label: read(f"{label}-first") for label in ("full", "noxref", "hugo")}
print("first build into an empty folder (one run each): " + ", ".join(
    f"{name} {first[label][0]:.2f} s" for label, name in [("full", "factsite build"), ("noxref", "--no-xref"), ("hugo", "hugo")]))
PY
