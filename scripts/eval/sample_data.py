#!/usr/bin/env python3
"""Converts the bundled sample data (data/sample) into `gleaner eval` sets,
so the classifier's behaviour on what `gleaner demo` ingests is measured
with everything else.

- sample_ai.jsonl: every AI interaction with turns; `sensitive` from
  labels.json, near misses as `hard_negative`, the rest `negative`.
- sample_catalog.jsonl: every catalog item as the engine classifies it
  (one text, "title. description"), all `negative` (the catalog holds no
  sensitive items by design; a flag drops the item's inferred topics).

Usage: sample_data.py OUT_DIR
"""
import json
import os
import sys


def main(out):
    root = os.path.join(os.path.dirname(__file__), "..", "..", "data", "sample")
    with open(os.path.join(root, "labels.json")) as handle:
        labels = json.load(handle)
    sensitive = labels["sensitive"]
    near_miss = set(labels["near_miss"])
    with open(os.path.join(root, "events.jsonl")) as events, open(
        os.path.join(out, "sample_ai.jsonl"), "w"
    ) as ai:
        for line in events:
            event = json.loads(line)
            if event.get("kind") != "ai_interaction" or not event.get("turns"):
                continue
            category = sensitive.get(event["event_id"])
            categories = [category] if isinstance(category, str) else (category or [])
            kind = "positive" if categories else (
                "hard_negative" if event["event_id"] in near_miss else "negative")
            turns = [{"role": t["role"], "text": t["text"]} for t in event["turns"]]
            ai.write(json.dumps({"id": event["event_id"], "lang": "en", "split": "sample",
                                 "kind": kind, "turns": turns, "sensitive": categories,
                                 "topics": []}) + "\n")
    with open(os.path.join(root, "catalog.jsonl")) as catalog, open(
        os.path.join(out, "sample_catalog.jsonl"), "w"
    ) as items:
        for line in catalog:
            item = json.loads(line)
            text = f"{item['title']}. {item['text']}"
            items.write(json.dumps({"id": item["item_id"], "lang": "en", "split": "sample",
                                    "kind": "negative",
                                    "turns": [{"role": "user", "text": text}],
                                    "sensitive": [], "topics": []}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
