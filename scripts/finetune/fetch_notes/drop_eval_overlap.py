#!/usr/bin/env python3
"""Drop training rows (data/train/) whose text also occurs in an evaluation set:
data/eval/ (held-out split, dev, ordinary, the out-of-domain sets) or shared/data/real/.

Prints counts only, never texts. A row matches when its normalised text (lower case,
@USER/URL and non-word characters removed) equals an evaluation text's, or when the two
share their first 48 normalised characters (the same tweet cut or cleaned differently).
`--dry-run` reports without rewriting.
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
SHARED = os.environ.get("GLEANER_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))


def norm(text):
    text = text.lower().replace("@user", " ").replace("url", " ")
    return re.sub(r"\W+", " ", text).strip()


def texts(row):
    if "text" in row:
        yield row["text"]
    for turn in row.get("turns", []):
        yield turn["text"]


full, prefixes = set(), set()
paths = glob.glob(os.path.join(ROOT, "data", "eval", "**", "*.jsonl"), recursive=True)
paths += glob.glob(os.path.join(SHARED, "real", "*.jsonl"))
for path in paths:
    for line in open(path, encoding="utf-8"):
        for text in texts(json.loads(line)):
            n = norm(text)
            full.add(n)
            if len(n) >= 48:
                prefixes.add(n[:48])
dry = "--dry-run" in sys.argv
for path in sorted(glob.glob(os.path.join(ROOT, "data", "train", "*.jsonl"))):
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    keep = [r for r in rows if norm(r["text"]) not in full and norm(r["text"])[:48] not in prefixes]
    print(os.path.basename(path), "rows", len(rows), "in eval", len(rows) - len(keep))
    if not dry and len(keep) != len(rows):
        with open(path, "w", encoding="utf-8") as handle:
            for row in keep:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
