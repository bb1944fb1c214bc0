#!/usr/bin/env python3
"""Drop training rows whose normalised text also occurs in data/eval/.

Written for data/train/ (issue 14) but NOT run by the session that fetched
the rows: that session was not allowed to open the evaluation rows. Run it
once before training; it prints only counts, never texts.
Normalisation: lower case, @USER/URL tokens and non-word characters removed.
"""
import glob, json, os, re, sys
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")


def norm(t):
    t = t.lower().replace("@user", " ").replace("url", " ")
    return re.sub(r"\W+", " ", t).strip()


evals = set()
for fn in glob.glob(os.path.join(ROOT, "data", "eval", "**", "*.jsonl"), recursive=True):
    for line in open(fn, encoding="utf-8"):
        evals.add(norm(json.loads(line)["text"]))
dry = "--dry-run" in sys.argv
for fn in sorted(glob.glob(os.path.join(ROOT, "data", "train", "*.jsonl"))):
    rows = [json.loads(l) for l in open(fn, encoding="utf-8")]
    keep = [r for r in rows if norm(r["text"]) not in evals]
    print(os.path.basename(fn), "rows", len(rows), "in eval", len(rows) - len(keep))
    if not dry and len(keep) != len(rows):
        with open(fn, "w", encoding="utf-8") as f:
            for r in keep:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
