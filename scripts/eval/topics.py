"""Topic quality: hit@1 and hit@3 at the root, tier 2 and tier 3 on text
written by others (the sets of scripts/eval/topic_sets.py), per classifier
tier, per source and per language. Never trains or tunes anything.

Usage: python3 scripts/eval/topics.py [--bin PATH] [--tiers lexicon,cascade] [--work DIR] [--limit N]

`--work DIR` keeps the sets and the classifier's outputs there (and reuses
outputs already there); `--limit N` keeps the first N rows of each set (for
development). Prints Markdown tables; docs/classifier.md ("Topic quality")
explains the method and the mapping.

Scoring. `gleaner classify --tier T --json` prints each text's topics with a
score; they are ranked by that score (ties keep the printed order). A
prediction counts at depth d (1 = root, 2 = tier 2, 3 = tier 3) when it is at
depth d or deeper and its ancestor at depth d is the label's node at depth d.
hit@k at depth d: one of the k best-ranked predictions counts. A label known
only down to depth d' < d (a root-only label) is not scored at d: each depth's
denominator is the rows with a label at least that deep. A row with several
labels is a hit when any is. A row with no predicted topic is a miss. Rows
flagged sensitive are scored like the others (classify still prints their
topics; the guardrail would drop them) and counted under `flagged`.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "../..")
sys.path.insert(0, HERE)
import topic_sets  # noqa: E402

DEPTHS = (1, 2, 3)
DEPTH_NAMES = {1: "root", 2: "tier 2", 3: "tier 3"}
# The two examples and what they should yield (issue 15).
EXAMPLES = [
    ("trekking chat", "I'm planning a three day trek in the mountains next month. "
                      "Which waterproof hiking boots and trekking poles should I get?",
     "top topic under Sports > Hiking & trekking"),
    ("sailboat description", "The photo shows a wooden sailboat with white sails moored in a marina at sunset.",
     "sailing or boating"),
]


NEVER_TRAINED = "pool: sources never trained on"
POOLS = {NEVER_TRAINED: None, "pool: CLINC150 + HWU64 test halves": None,
         "pool: real/ sources trained on (text seen, no topic labels)": None}
ALL = "all"


def pool_of(row):
    """Which of POOLS a row belongs to (how far its source is from what the classifier learned)."""
    if row["source"] in ("clinc150_test", "hwu64_test"):
        return "pool: CLINC150 + HWU64 test halves"
    return "pool: real/ sources trained on (text seen, no topic labels)" if row["trained"] else NEVER_TRAINED


class Taxonomy:
    """Node ids with their parents and depths, and paths to ids."""

    def __init__(self, rows):
        self.parent = {int(r["id"]): int(r["parent_id"]) if r["parent_id"] else None for r in rows}
        self.by_path = {}
        names = {int(r["id"]): r["name"] for r in rows}
        for node in self.parent:
            self.by_path[self.path(node, names)] = node

    @classmethod
    def load(cls, path=topic_sets.TAXONOMY):
        return cls(list(csv.DictReader(open(path, encoding="utf-8"), delimiter="\t")))

    def path(self, node, names):
        chain = self.chain(node)
        return " > ".join(names[n] for n in chain)

    def chain(self, node):
        """Root first, down to the node."""
        out = []
        while node is not None:
            out.append(node)
            node = self.parent[node]
        return out[::-1]

    def depth(self, node):
        return len(self.chain(node))

    def ancestor(self, node, depth):
        """The node's ancestor at `depth` (itself at its own depth), None when it is shallower."""
        chain = self.chain(node)
        return chain[depth - 1] if len(chain) >= depth else None


def rank(predictions):
    """Predicted topic ids, best score first; ties keep the printed order."""
    order = sorted(range(len(predictions)), key=lambda i: -predictions[i]["score"])
    return [predictions[i]["id"] for i in order]


def scored_at(taxonomy, labels, depth):
    """The label nodes at `depth` (empty: the row is not scored at that depth)."""
    return {a for a in (taxonomy.ancestor(label, depth) for label in labels) if a is not None}


def hit_at(taxonomy, ranked, labels, depth, k):
    """Whether one of the k best predictions counts at `depth`; None when the labels are not known that deep."""
    targets = scored_at(taxonomy, labels, depth)
    if not targets:
        return None
    return any(taxonomy.ancestor(node, depth) in targets for node in ranked[:k])


class Tally:
    """Counts for one group of rows (a set, a language, a pool of sets)."""

    def __init__(self):
        self.rows = 0
        self.no_topic = 0
        self.flagged = 0
        self.scored = {d: 0 for d in DEPTHS}
        self.hits = {(d, k): 0 for d in DEPTHS for k in (1, 3)}

    def add(self, taxonomy, ranked, labels, flagged):
        self.rows += 1
        self.no_topic += not ranked
        self.flagged += flagged
        for d in DEPTHS:
            for k in (1, 3):
                hit = hit_at(taxonomy, ranked, labels, d, k)
                if hit is None:
                    continue
                if k == 1:
                    self.scored[d] += 1
                self.hits[(d, k)] += hit

    def rate(self, d, k):
        return self.hits[(d, k)] / self.scored[d] if self.scored[d] else None


def pct(x):
    return "n/a" if x is None else f"{100 * x:.1f}"


def classify(binary, tier, rows, out_path):
    """Runs `gleaner classify` over the rows; returns {id: output line}."""
    if not os.path.exists(out_path):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps({"id": row["id"], "text": row["text"]}, ensure_ascii=False) + "\n")
            name = handle.name
        try:
            with open(out_path + ".part", "w", encoding="utf-8") as out:
                subprocess.run([binary, "classify", "--tier", tier, "--json", name], stdout=out, check=True)
            os.replace(out_path + ".part", out_path)
        finally:
            os.unlink(name)
    outputs = {}
    for line in open(out_path, encoding="utf-8"):
        output = json.loads(line)
        outputs[output["id"]] = output
    return outputs


def table(title, groups, tiers, tallies, label=lambda g: g):
    print(f"### {title}")
    print()
    print("| set | tier | rows | no topic | flagged | root hit@1 / @3 | tier 2 hit@1 / @3 (rows) | tier 3 hit@1 / @3 (rows) |")
    print("|---|---|---|---|---|---|---|---|")
    for group in groups:
        for tier in tiers:
            t = tallies[tier].get(group)
            if not t or not t.rows:
                continue
            cells = [f"{pct(t.rate(1, 1))} / {pct(t.rate(1, 3))}"]
            for d in (2, 3):
                cells.append(f"{pct(t.rate(d, 1))} / {pct(t.rate(d, 3))} ({t.scored[d]})" if t.scored[d] else "—")
            print(f"| {label(group)} | {tier} | {t.rows} | {pct(t.no_topic / t.rows)} | {pct(t.flagged / t.rows)} | "
                  + " | ".join(cells) + " |")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release/gleaner"))
    parser.add_argument("--tiers", default="lexicon,cascade")
    parser.add_argument("--work")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--sets", help="comma-separated set names (default: every set)")
    args = parser.parse_args()
    tiers = args.tiers.split(",")
    work = args.work or tempfile.mkdtemp(prefix="gleaner-topics-")
    os.makedirs(work, exist_ok=True)
    counts = topic_sets.build(work)
    taxonomy = Taxonomy.load()
    sets = args.sets.split(",") if args.sets else list(counts)
    tallies = {tier: {} for tier in tiers}
    suffix = f"-limit{args.limit}" if args.limit else ""
    for name in sets:
        rows = [json.loads(line) for line in open(os.path.join(work, f"topics_{name}.jsonl"), encoding="utf-8")]
        rows = rows[: args.limit] if args.limit else rows
        for tier in tiers:
            outputs = classify(args.bin, tier, rows, os.path.join(work, f"pred-{tier}-{name}{suffix}.jsonl"))
            for row in rows:
                output = outputs[row["id"]]
                labels = [taxonomy.by_path[p] for p in row["topics"]]
                ranked = rank(output["topics"])
                flagged = bool(output["sensitive"])
                for pool in (name, ("lang", row["lang"]), ("label", name, row["label_from"]), pool_of(row), ALL):
                    tallies[tier].setdefault(pool, Tally()).add(taxonomy, ranked, labels, flagged)
    print(f"Topic quality ({', '.join(tiers)}; hit@k in %; `no topic` = rows with no predicted topic, "
          "`flagged` = rows flagged sensitive, scored like the others)")
    print()
    table("Per source", sets + list(POOLS) + [ALL], tiers, tallies, label=lambda g: g if g in sets else f"**{g}**")
    langs = sorted({g[1] for g in tallies[tiers[0]] if isinstance(g, tuple) and g[0] == "lang"},
                   key=lambda code: -tallies[tiers[0]][("lang", code)].rows)
    table("Per language (all sets)", [("lang", code) for code in langs], tiers, tallies, label=lambda g: g[1])
    labels = sorted(g for g in tallies[tiers[0]] if isinstance(g, tuple) and g[0] == "label" and tallies[tiers[0]][g].rows >= 20)
    print("### Per source label (labels with at least 20 rows), root hit@1 / hit@3")
    print()
    print("| set | source label | rows | " + " | ".join(tiers) + " |")
    print("|---|---|---|" + "---|" * len(tiers))
    for g in labels:
        cells = [f"{pct(tallies[t][g].rate(1, 1))} / {pct(tallies[t][g].rate(1, 3))}" for t in tiers]
        short = g[2].rsplit(":", 1)[-1].rsplit("=", 1)[-1]
        print(f"| {g[1]} | {short} | {tallies[tiers[0]][g].rows} | " + " | ".join(cells) + " |")
    print()
    print("Bar (issue 15, text from sources not trained on: hit@3 >= 85% at the root, >= 70% at tier 2):")
    for tier in tiers:
        t = tallies[tier].get(NEVER_TRAINED)
        if t:
            ok = (t.rate(1, 3) or 0) >= 0.85 and (t.rate(2, 3) or 0) >= 0.70
            print(f"- {tier}: root {pct(t.rate(1, 3))}%, tier 2 {pct(t.rate(2, 3))}% -> {'met' if ok else 'not met'}")
    print()
    print("The issue's examples (top three topics by score):")
    print()
    for tier in tiers:
        rows = [{"id": f"example-{i}", "text": text} for i, (_, text, _) in enumerate(EXAMPLES)]
        outputs = classify(args.bin, tier, rows, os.path.join(work, f"pred-{tier}-examples.jsonl"))
        for i, (name, _, want) in enumerate(EXAMPLES):
            output = outputs[f"example-{i}"]
            ranked = sorted(output["topics"], key=lambda t: -t["score"])[:3]
            shown = "; ".join(f"{t['path']} {t['score']:.2f}" for t in ranked) or "no topic"
            print(f"- {tier}, {name} (want {want}): {shown}")
    print()
    print(f"Sets and outputs: {work}")


if __name__ == "__main__":
    main()
