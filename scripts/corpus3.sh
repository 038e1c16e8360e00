#!/usr/bin/env bash
# Fetches the third evaluation corpus (AllSides same-story clusters, 2016–20) and writes it as
# articles to ${FACTSITE_GOLD_DIR:-target/gold}/corpus3/as/ for
# `cargo run --release --example xref_eval -- corpus3`. Nothing of it is committed: the
# articles are their publishers' text, used here for evaluation only (see
# tests/gold/corpus3/README.md).
#   text      ramybaly/Article-Bias-Prediction @ ced8111a (data/jsons; git tree ab85accd…,
#             checked by scripts/corpus3_prepare.py)
#   clusters  HLTCHKUST/framing-bias-metric @ 1586f55a (NeuS story lines: titles only)
# Without access to github.com, give the sources by hand: CORPUS3_ABP=<git archive of data/jsons
# at ced8111a, .tar or .tar.gz, or the data/jsons folder> CORPUS3_NEUS=<folder holding
# train/val/test.source> bash scripts/corpus3.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${FACTSITE_GOLD_DIR:-target/gold}/corpus3"
abp=ced8111a720948e6a410e52031ace99c4e53f096
neus=1586f55a9011853224ca4d0cee164c46f6137557
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

at_commit() { # repo commit dir
  git init -q "$3"
  git -C "$3" fetch -q --depth 1 "https://github.com/$1.git" "$2"
}
if [ -n "${CORPUS3_ABP:-}" ] && [ -n "${CORPUS3_NEUS:-}" ]; then
  abp_src="$CORPUS3_ABP"
  neus_src="$CORPUS3_NEUS"
else
  at_commit ramybaly/Article-Bias-Prediction "$abp" "$tmp/abp"
  at_commit HLTCHKUST/framing-bias-metric "$neus" "$tmp/neus"
  git -C "$tmp/abp" archive --format=tar "$abp" data/jsons > "$tmp/abp.tar"
  mkdir -p "$tmp/neus_src"
  for s in train val test; do
    git -C "$tmp/neus" show "$neus:data/naacl2022_lrc_roundup_random_order_probe/$s.source" > "$tmp/neus_src/$s.source"
  done
  abp_src="$tmp/abp.tar"
  neus_src="$tmp/neus_src"
fi
rm -rf "$dir/as"
mkdir -p "$dir"
python3 scripts/corpus3_prepare.py "$abp_src" "$neus_src" --out "$dir/as" --clusters "$dir/clusters.tsv"
# The clusters after those (431 articles, 2020-04-27 on): a later slice no rule was made on.
later="${dir}_later"
rm -rf "$later/as"
mkdir -p "$later"
python3 scripts/corpus3_prepare.py "$abp_src" "$neus_src" --after 3000 --cap 5000 --out "$later/as" --clusters "$later/clusters.tsv"
# A fourth sample: every article dated March–August 2013 that no story cluster holds (2,255
# articles; other years than the clusters', drawn 2026-12-06 after the fixes it measures).
c4="${FACTSITE_GOLD_DIR:-target/gold}/corpus4"
rm -rf "$c4/as"
mkdir -p "$c4"
python3 scripts/corpus3_prepare.py "$abp_src" "$neus_src" --window 2013-03-01 2013-08-31 --cap 3000 --out "$c4/as" --clusters "$c4/clusters.tsv"
# A fifth: every article dated August 2014 – January 2015 that no story cluster holds (drawn
# 2026-12-06 at d3eec51, before any change made for it).
c5="${FACTSITE_GOLD_DIR:-target/gold}/corpus5"
rm -rf "$c5/as"
mkdir -p "$c5"
python3 scripts/corpus3_prepare.py "$abp_src" "$neus_src" --window 2014-08-01 2015-01-31 --cap 3000 --out "$c5/as" --clusters "$c5/clusters.tsv"
# A sixth: September 2013 – February 2014, drawn 2026-12-06 at a1f9fdd after the fixes corpus5
# led to.
c6="${FACTSITE_GOLD_DIR:-target/gold}/corpus6"
rm -rf "$c6/as"
mkdir -p "$c6"
python3 scripts/corpus3_prepare.py "$abp_src" "$neus_src" --window 2013-09-01 2014-02-28 --cap 3000 --out "$c6/as" --clusters "$c6/clusters.tsv"
# A seventh: February – July 2015, drawn 2026-12-06 at 05954e3 after the fixes corpus6 led to.
c7="${FACTSITE_GOLD_DIR:-target/gold}/corpus7"
rm -rf "$c7/as"
mkdir -p "$c7"
python3 scripts/corpus3_prepare.py "$abp_src" "$neus_src" --window 2015-02-01 2015-07-31 --cap 3000 --out "$c7/as" --clusters "$c7/clusters.tsv"
# An eighth: January 2012 – February 2013, drawn 2026-12-06 at f0b4795 after the fixes corpus7
# led to.
c8="${FACTSITE_GOLD_DIR:-target/gold}/corpus8"
rm -rf "$c8/as"
mkdir -p "$c8"
python3 scripts/corpus3_prepare.py "$abp_src" "$neus_src" --window 2012-01-01 2013-02-28 --cap 3000 --out "$c8/as" --clusters "$c8/clusters.tsv"
echo "corpus3 ready in $dir/as, $later/as, $c4/as, $c5/as, $c6/as, $c7/as and $c8/as"
