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
# Samples of other years than the clusters': every article of a window that no story cluster
# holds, each drawn once (the commit it was drawn at is in tests/gold/<name>/SOURCE.md).
window() { # name from to
  local out="${FACTSITE_GOLD_DIR:-target/gold}/$1"
  rm -rf "$out/as"
  mkdir -p "$out"
  python3 scripts/corpus3_prepare.py "$abp_src" "$neus_src" --window "$2" "$3" --cap 3000 --out "$out/as" --clusters "$out/clusters.tsv"
}
window corpus4 2013-03-01 2013-08-31 # 2,255 articles, drawn after the fixes it measures
window corpus5 2014-08-01 2015-01-31 # 2,204, drawn at d3eec51
window corpus6 2013-09-01 2014-02-28 # 1,926, drawn at a1f9fdd
window corpus7 2015-02-01 2015-07-31 # 1,769, drawn at 16389ec
window corpus8 2012-01-01 2013-02-28 # 2,773, drawn at f0b4795
window corpus9 2015-08-01 2015-12-31 # 1,165, drawn at d48c12e
window corpus10 2014-03-01 2014-07-31 # 707, drawn at bd77024
window corpus11 2016-07-01 2016-12-31 # 1,832, drawn at 2abe697 (corpus3's years, outside its clusters)
window corpus12 2017-01-01 2017-06-30 # 1,873, drawn at 4d69d3c (the same, 2017)
window corpus13 2017-07-01 2017-12-31 # 1,600, drawn at fe26dd8
window corpus14 2018-01-01 2018-06-30 # 1,715, drawn at 965c320
window corpus15 2018-07-01 2018-12-31 # 1,627, drawn at 1e998de
window corpus16 2019-01-01 2019-06-30 # 1,688, drawn at fcbbcb3
window corpus17 2019-07-01 2019-12-31 # 2,177, drawn at d6486f1
echo "corpus3 ready in $dir/as and $later/as; corpus4 … corpus17 beside them"
