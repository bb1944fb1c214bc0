"""Converts the `real/` sources the detector never trains or tunes on into
`gleaner eval` files, one per source (out-of-domain evaluation).

Usage: python3 scripts/eval/real_sources.py OUT_DIR
Writes OUT_DIR/ood_<source>.jsonl for every source in OOD_SOURCES of
scripts/finetune/data.py (the one list of which real/ sources are held out)
and for every set in data/eval/ood (labelled twice; see its README). Rows
keep their language and natural label (`labels: []` -> kind `negative`);
sources over CAP rows are subsampled with a fixed seed, except sib200, kept
whole because it is the set that covers 30 languages.
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../finetune"))
from data import OOD_SOURCES, SHARED  # noqa: E402

CAP = 600
KEEP_WHOLE = {"sib200"}


ROOT = os.path.join(os.path.dirname(__file__), "../..")


def sources():
    """(name, path) of every out-of-domain source: the real/ ones held out of training,
    then the twice-labelled sets of data/eval/ood."""
    for name in OOD_SOURCES:
        yield name, f"{SHARED}/real/{name}.jsonl"
    folder = f"{ROOT}/data/eval/ood"
    for file in sorted(os.listdir(folder)):
        if file.endswith(".jsonl"):
            yield file[: -len(".jsonl")], f"{folder}/{file}"


def main(out):
    os.makedirs(out, exist_ok=True)
    for name, path in sources():
        rows = [json.loads(line) for line in open(path, encoding="utf-8")]
        indexed = list(enumerate(rows))
        if name not in KEEP_WHOLE and len(indexed) > CAP:
            indexed = sorted(random.Random(f"ood:{name}").sample(indexed, CAP))
        with open(f"{out}/ood_{name}.jsonl", "w", encoding="utf-8") as handle:
            for index, row in indexed:
                handle.write(json.dumps({
                    "id": f"{name}-{index}", "lang": row["lang"], "split": "ood",
                    "kind": "positive" if row["labels"] else "negative",
                    "turns": [{"role": "user", "text": row["text"]}],
                    "sensitive": row["labels"], "topics": []}, ensure_ascii=False) + "\n")
        print(f"{name}: {len(indexed)} rows")


if __name__ == "__main__":
    main(sys.argv[1])
