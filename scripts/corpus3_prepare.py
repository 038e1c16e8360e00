#!/usr/bin/env python3
"""Regenerate the third gold corpus (AllSides story clusters) from the fetched sources
(Python 3 standard library only). Run through scripts/corpus3.sh.

Sources (see SOURCE.md):
  ABP   ramybaly/Article-Bias-Prediction @ ced8111a720948e6a410e52031ace99c4e53f096
        data/jsons/*.json  -- 37,554 AllSides-listed news articles with full body text.
        Pass either the archive made with
            git archive --format=tar ced8111a720948e6a410e52031ace99c4e53f096 data/jsons LICENSE README.md | gzip -n -9
        (a .tar or .tar.gz), or the data/jsons directory itself.
  NEUS  HLTCHKUST/framing-bias-metric @ 1586f55a9011853224ca4d0cee164c46f6137557
        data/naacl2022_lrc_roundup_random_order_probe/{train,val,test}.source
        -- one AllSides story per line, listing the titles of its left/center/right articles.
        Pass the directory holding the three .source files.

The NeuS story lines are used only to group ABP articles into same-story clusters (exact
title match after normalisation). All article text, titles, dates and URLs come from ABP.

Usage:
  python3 prepare.py ABP_ARCHIVE_OR_DIR NEUS_DIR [--out DIR] [--cap 3000] [--clusters FILE]

Writes DIR/NNNN.txt (default DIR = content/ next to this script) and a clusters.tsv
(article file -> story cluster, outlet, bias label, ABP id). Prints the sha256 of every
source file read, plus the git tree id of data/jsons (checkable with
`git rev-parse ced8111a720948e6a410e52031ace99c4e53f096:data/jsons`).
"""
import argparse
import datetime
import hashlib
import json
import os
import re
import sys
import tarfile

NEUS_SPLITS = ("train", "val", "test")
EXPECTED_TREE = "ab85accdcb7707b83ade37989fe8e9dcedfe05dd"


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_abp(path):
    """Return {filename: bytes} for every data/jsons/*.json in the archive or directory."""
    files = {}
    if os.path.isdir(path):
        for name in sorted(os.listdir(path)):
            if name.endswith(".json"):
                with open(os.path.join(path, name), "rb") as f:
                    files[name] = f.read()
    else:
        print("sha256 %s  %s" % (sha256_file(path), path))
        with tarfile.open(path, "r:*") as tar:
            for m in tar:
                if m.isfile() and m.name.startswith("data/jsons/") and m.name.endswith(".json"):
                    files[m.name[len("data/jsons/"):]] = tar.extractfile(m).read()
    return files


def git_tree_id(files):
    """git tree object id of a flat directory of regular (100644) files."""
    body = b""
    for name in sorted(files, key=lambda n: n.encode("utf-8")):
        data = files[name]
        blob = hashlib.sha1(b"blob %d\0" % len(data) + data).digest()
        body += b"100644 " + name.encode("utf-8") + b"\0" + blob
    return hashlib.sha1(b"tree %d\0" % len(body) + body).hexdigest()


def manifest_sha256(files):
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(("%s  %s\n" % (hashlib.sha256(files[name]).hexdigest(), name)).encode("utf-8"))
    return h.hexdigest()


def norm_title(t):
    t = t.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


def norm_date(s):
    """ABP dates are mostly YYYY-MM-DD; a few are M/D/YY; some are empty or bogus."""
    s = (s or "").strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2})", s)
        if not m:
            return None
        mo, d, y = int(m.group(1)), int(m.group(2)), 2000 + int(m.group(3))
    if not 1990 <= y <= 2021:
        return None
    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return None


# Runs of characters that UTF-8 text takes on when mis-decoded as Latin-1 / Windows-1252.
_CP1252_EXTRA = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014" \
                "\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJI_RUN = re.compile("[\u0080-\u00ff%s]{2,}" % _CP1252_EXTRA)


def _to_bytes(run):
    out = bytearray()
    for ch in run:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            out += ch.encode("latin-1")  # C1 controls / bytes cp1252 leaves undefined
    return bytes(out)


def _fix_run(m):
    run = m.group(0)
    if not re.search("[\u00c2\u00c3\u00e2]", run):
        return run
    cur = run
    for _ in range(3):
        try:
            nxt = _to_bytes(cur).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            break
        if nxt == cur:
            break
        cur = nxt
    return cur


def fix_mojibake(s):
    return _MOJI_RUN.sub(_fix_run, s)


def one_line(s):
    return re.sub(r"\s+", " ", s).strip()


def body_paragraphs(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paras = []
    for p in re.split(r"\n[ \t\u00a0]*\n+", text):
        p = "\n".join(line.rstrip() for line in p.strip("\n").split("\n")).strip()
        if p:
            paras.append(p)
    return paras


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("abp", help="Article-Bias-Prediction archive (.tar/.tar.gz) or data/jsons directory")
    ap.add_argument("neus", help="directory with NeuS train/val/test.source")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "content"))
    ap.add_argument("--clusters", default=os.path.join(here, "clusters.tsv"))
    ap.add_argument("--cap", type=int, default=3000)
    ap.add_argument("--after", type=int, default=0,
                    help="skip the run of clusters the first AFTER articles make (a later, disjoint slice)")
    ap.add_argument("--window", nargs=2, metavar=("FROM", "TO"),
                    help="instead of story clusters: every article dated FROM..TO (YYYY-MM-DD, "
                         "inclusive) that no story cluster holds, in date order, up to --cap")
    args = ap.parse_args()

    files = load_abp(args.abp)
    tree = git_tree_id(files)
    print("abp data/jsons: %d files, manifest sha256 %s, git tree %s%s" % (
        len(files), manifest_sha256(files), tree,
        "" if tree == EXPECTED_TREE else "  (WARNING: expected %s)" % EXPECTED_TREE))

    arts = {}
    for name in sorted(files):
        r = json.loads(files[name].decode("utf-8"))
        arts[r["ID"]] = r
    by_title = {}
    for aid in sorted(arts):
        by_title.setdefault(norm_title(arts[aid]["title"]), []).append(aid)

    stories = []  # (datekey, split_index, line_no, split, [ids])
    for si, split in enumerate(NEUS_SPLITS):
        path = os.path.join(args.neus, split + ".source")
        print("sha256 %s  %s" % (sha256_file(path), path))
        with open(path, encoding="utf-8") as f:
            for ln, line in enumerate(f, 1):
                ids = []
                for t in re.findall(r"TITLE=> (.*?)\. ARTICLE=>", line):
                    hit = by_title.get(norm_title(t), [])
                    if len(hit) == 1 and hit[0] not in ids:  # ambiguous titles are skipped
                        ids.append(hit[0])
                if len(ids) < 2:
                    continue
                dates = [d for d in (norm_date(arts[i]["date"]) for i in ids) if d]
                stories.append((min(dates) if dates else "9999-99-99", si, ln, split, ids))
    stories.sort(key=lambda s: s[:3])

    if args.window:
        clustered = {i for s in stories for i in s[4]}
        lo, hi = args.window
        dated = sorted((norm_date(arts[i]["date"]) or "", i) for i in arts if i not in clustered)
        window = [i for d, i in dated if d and lo <= d <= hi][: args.cap]
        # One pseudo-cluster per article: the clusters file then says which article is which.
        stories = [(norm_date(arts[i]["date"]), 0, n, "window", [i]) for n, i in enumerate(window)]
        args.after, min_ids = 0, 1
    else:
        min_ids = 2
    used, selected, skipped, skipping = set(), [], 0, args.after > 0
    for datekey, si, ln, split, ids in stories:
        ids = [i for i in ids if i not in used]
        if len(ids) < min_ids:
            continue
        if skipping:
            if skipped + len(ids) > args.after:
                skipping = False  # the first run ends here, as it did with --cap AFTER
            else:
                skipped += len(ids)
                used.update(ids)
                continue
        if sum(len(s[4]) for s in selected) + len(ids) > args.cap:
            break  # keep a contiguous, date-ordered run of whole clusters
        used.update(ids)
        selected.append((datekey, si, ln, split, ids))

    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):
        if re.fullmatch(r"\d{4}\.txt", name):
            os.remove(os.path.join(args.out, name))

    n = 0
    rows = ["file\tcluster\tneus_split\tneus_line\tabp_id\tsource\tbias\tdate\turl"]
    for ci, (datekey, si, ln, split, ids) in enumerate(selected, 1):
        for aid in ids:
            r = arts[aid]
            n += 1
            fname = "%04d.txt" % n
            title = one_line(fix_mojibake(r["title"]))
            date = norm_date(r["date"])
            url = one_line(r.get("url") or "")
            head = [title] + ([date] if date else []) + ([url] if url else [])
            body = "\n\n".join(body_paragraphs(fix_mojibake(r["content_original"])))
            with open(os.path.join(args.out, fname), "w", encoding="utf-8", newline="\n") as f:
                f.write("\n".join(head) + "\n\n" + body + "\n")
            rows.append("\t".join([fname, "C%04d" % ci, split, str(ln), aid, one_line(r["source"]),
                                   r["bias_text"], date or "", url]))
    with open(args.clusters, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(rows) + "\n")
    print("stories matched (>=2 articles): %d; clusters written: %d; articles written: %d -> %s" % (
        len(stories), len(selected), n, args.out))


if __name__ == "__main__":
    sys.exit(main())
