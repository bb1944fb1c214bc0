"""Builds the fine-tuning rows and the out-of-domain evaluation sets.

Usage: python3 scripts/finetune/data.py OUT_DIR

Writes:
- OUT_DIR/train.jsonl, OUT_DIR/val.jsonl: rows {"text","sens":[7 ints],"topics":[25 ints]|null,
  "source","lang","item"} for the sources the detector learns from, split by item
  (15% of the items of every source go to validation: thresholds and calibration).

Which sources train and which are held out is fixed here, by source, never by row:
- trained on: data/eval/dev.jsonl, data/eval/ordinary.jsonl, the train halves of the
  public sets (scripts/eval/public_sensitive.py odd lines, CLINC150 and HWU64 train),
  the real/ sources in TRAIN_REAL and the training-only sources in data/train/;
- never trained or tuned on: data/eval/heldout.jsonl, data/sample, the CLINC150 and HWU64
  test splits, the even lines of public_sensitive.py, and the real/ sources in OOD_SOURCES.
Everything is seeded; the same inputs give the same files.
"""
import glob
import json
import os
import random
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(__file__), "../..")
SHARED = os.environ.get("GLEANER_SHARED_DATA", os.path.join(ROOT, "../shared/data"))
CATEGORIES = ["religion", "sexual_orientation", "politics", "health", "ethnicity",
              "philosophy", "trade_union"]
ROOTS = ["Automotive", "Books & Literature", "Business & Finance", "Careers", "Education",
         "Events & Attractions", "Family & Parenting", "Fine Art", "Food & Drink",
         "Hobbies & Interests", "Home & Garden", "Movies", "Music & Audio", "Personal Finance",
         "Pets", "Pop Culture", "Real Estate", "Science", "Shopping", "Sports",
         "Style & Fashion", "Technology & Computing", "Television", "Travel", "Video Gaming"]
# real/ sources the detector learns from (and at most this many rows of each).
TRAIN_REAL = {"masakhanews": 1800, "mlma_hate": 900, "hatecheck_identity": 900,
              "sgd_dialogue": 1200, "tweet_topicxl": 1200, "indonlu_reviews": 800}
# real/ sources never trained or tuned on: every number on them is out-of-domain
# (scripts/eval/real_sources.py turns them into `gleaner eval` files).
OOD_SOURCES = ["sib200", "skeptics_se", "kdconv_dialogue", "topicalchat_dialogue",
               "collective_action_tech", "jcommonsenseqa"]
# data/train/*.jsonl: human-written rows gathered for training only (data/train/README.md),
# at most this many rows of each file.
TRAIN_ONLY_LIMIT = 600
VAL_SHARE = 0.15
SEED = 20261207


def sens_vector(labels):
    return [1 if c in labels else 0 for c in CATEGORIES]


def topic_vector(topics):
    return [1 if r in topics else 0 for r in ROOTS]


def eval_rows(path, source, topics_known=True):
    """Rows from a `gleaner eval` file: single turns, joined multi-turn conversations, and
    every turn of a non-sensitive multi-turn conversation (labels that certainly hold)."""
    for line in open(path, encoding="utf-8"):
        item = json.loads(line)
        turns = [t["text"] for t in item["turns"]]
        sens = sens_vector(item["sensitive"])
        topics = topic_vector(item["topics"]) if topics_known else None
        base = {"source": source, "lang": item.get("lang", "en"), "item": f"{source}:{item['id']}"}
        yield dict(base, text="\n".join(turns), sens=sens, topics=topics)
        if len(turns) > 1 and not item["sensitive"]:
            for turn in turns:
                yield dict(base, text=turn, sens=[0] * 7, topics=None)


def real_rows(name, limit, rng, path=None, prefix="real"):
    path = path or f"{SHARED}/real/{name}.jsonl"
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    rng.shuffle(rows)
    for index, row in enumerate(rows[:limit]):
        yield {"source": f"{prefix}:{name}", "lang": row["lang"], "item": f"{name}:{index}" if prefix == "real" else f"{prefix}:{name}:{index}",
               "text": row["text"], "sens": sens_vector(row["labels"]), "topics": None}


def main(out):
    os.makedirs(out, exist_ok=True)
    work = os.path.join(out, "public")
    os.makedirs(work, exist_ok=True)
    subprocess.run([sys.executable, f"{ROOT}/scripts/eval/public_sensitive.py", work],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, f"{ROOT}/scripts/eval/public_topics.py", work], check=True)
    with open(f"{work}/pos_shared.jsonl", encoding="utf-8") as handle:
        lines = handle.readlines()
    with open(f"{work}/pos_train.jsonl", "w", encoding="utf-8") as handle:
        handle.writelines(lines[0::2])  # even lines (0-based odd) are the test half
    rng = random.Random(SEED)
    rows = []
    rows += eval_rows(f"{ROOT}/data/eval/dev.jsonl", "dev")
    rows += eval_rows(f"{ROOT}/data/eval/ordinary.jsonl", "ordinary")
    rows += eval_rows(f"{work}/pos_train.jsonl", "public_pos", topics_known=False)
    clinc = list(eval_rows(f"{work}/clinc_train.jsonl", "clinc"))
    hwu = list(eval_rows(f"{work}/hwu_train.jsonl", "hwu"))
    rng.shuffle(clinc)
    rng.shuffle(hwu)
    rows += clinc[:2500] + hwu[:2000]
    for name, limit in TRAIN_REAL.items():
        rows += real_rows(name, limit, rng)
    for path in sorted(glob.glob(f"{ROOT}/data/train/*.jsonl")):
        name = os.path.basename(path)[: -len(".jsonl")]
        rows += real_rows(name, TRAIN_ONLY_LIMIT, rng, path=path, prefix="train")
    items = sorted({row["item"] for row in rows})
    val_items = {item for item in items if random.Random(f"{SEED}:{item}").random() < VAL_SHARE}
    with open(f"{out}/train.jsonl", "w", encoding="utf-8") as train, \
            open(f"{out}/val.jsonl", "w", encoding="utf-8") as val:
        for row in rows:
            (val if row["item"] in val_items else train).write(json.dumps(row, ensure_ascii=False) + "\n")
    counts = {}
    for row in rows:
        key = (row["source"], row["item"] in val_items)
        counts[key] = counts.get(key, 0) + 1
    for (source, is_val), count in sorted(counts.items()):
        print(f"{source:28} {'val' if is_val else 'train':5} {count}")


if __name__ == "__main__":
    main(sys.argv[1])
