#!/usr/bin/env python3
"""Agreement between the first readers of tests/gold/*.jsonl and the blind second reader of
tests/gold/agreement/second_reader.jsonl: raw agreement and Cohen's kappa, overall and per type.
Items are matched by their type, kind, file and texts (the second reader got the same items,
labels removed). Give another gold folder to compare its readers instead:
    python3 scripts/gold_agreement.py tests/gold/corpus4"""
import collections
import glob
import json
import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tests", "gold")
def ident(j):
    return (j["type"], j["kind"], j["file"], j["text"], j.get("other", ""))


first = {}
for path in sorted(glob.glob(os.path.join(root, "*.jsonl"))):
    for line in open(path, encoding="utf-8"):
        if line.strip():
            j = json.loads(line)
            first[ident(j)] = j["label"]
second = []
for path in sorted(glob.glob(os.path.join(root, "agreement", "*.jsonl"))):
    second += [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]


def kappa(pairs):
    n = len(pairs)
    agree = sum(a == b for a, b in pairs) / n
    pa = collections.Counter(a for a, _ in pairs)
    pb = collections.Counter(b for _, b in pairs)
    chance = sum(pa[k] / n * pb[k] / n for k in set(pa) | set(pb))
    k = (agree - chance) / (1 - chance) if chance < 1 else 1.0
    return n, agree, k


by_type = collections.defaultdict(list)
for j in second:
    f = first.get(ident(j))
    if f is not None:
        by_type[j["type"]].append((f, j["label"]))
allp = [p for ps in by_type.values() for p in ps]
n, agree, k = kappa(allp)
print(f"| items | agreement | Cohen's kappa |\n|---|---|---|\n| all ({n}) | {agree:.2f} | {k:.2f} |")
for t, ps in sorted(by_type.items()):
    n, agree, k = kappa(ps)
    print(f"| {t} ({n}) | {agree:.2f} | {k:.2f} |")
