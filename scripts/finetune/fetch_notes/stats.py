#!/usr/bin/env python3
"""Print rows / labels / langs per file of data/train (for the README table)."""
import collections, glob, json, os
HERE = os.path.dirname(os.path.abspath(__file__))
for fn in sorted(glob.glob(os.path.join(HERE, "..", "..", "..", "data", "train", "*.jsonl"))):
    rows = [json.loads(l) for l in open(fn, encoding="utf-8")]
    lab = collections.Counter(",".join(r["labels"]) or "none" for r in rows)
    lang = collections.Counter(r["lang"] for r in rows)
    print(os.path.basename(fn), len(rows), dict(lab), dict(lang))
