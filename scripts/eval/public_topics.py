"""Converts CLINC150 and HWU64 (../shared/data) to `gleaner eval` JSON Lines:
topic items labelled with Gleaner root topics, and negatives (no topic).

Usage: python3 scripts/eval/public_topics.py OUT_DIR
Writes OUT_DIR/{clinc,hwu}_{train,test}.jsonl. Tune on train, measure on test.
The mapping follows ../shared/data/README.md; intents that touch a sensitive
category or have no clear root are left out (None).
"""
import csv, json, os, sys

D = os.environ.get("GLEANER_SHARED_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/data"))
OUT = sys.argv[1] if len(sys.argv) > 1 else "."
PF, FD, AU, TR, MU, SH = "Personal Finance", "Food & Drink", "Automotive", "Travel", "Music & Audio", "Shopping"

def clinc_label(intent, dom):
    if dom in ("banking", "credit_cards"):
        return [PF]
    if dom == "work":
        return [PF] if intent in ("taxes", "income", "rollover_401k", "w2") else None
    if dom == "kitchen_and_dining":
        return None if intent in ("calories", "nutrition_info") else [FD]
    if dom == "home":
        if intent in ("what_song", "play_music", "update_playlist", "next_song"):
            return [MU]
        if intent in ("order", "order_status"):
            return [SH]
        if intent in ("shopping_list", "shopping_list_update"):
            return None
        return []  # todo, reminder, calendar, smart_home
    if dom == "auto_and_commute":
        if intent in ("uber", "traffic", "directions", "distance", "current_location"):
            return None
        return [AU]
    if dom == "travel":
        return None if intent in ("vaccines", "translate", "timezone") else [TR]
    if dom in ("utility", "meta"):
        return []
    if dom == "small_talk":
        return None if intent == "meaning_of_life" else []
    return None

def hwu_label(scen, intent):
    if scen == "music":
        return [MU]
    if scen == "play":
        return {"music": [MU], "radio": [MU], "podcasts": [MU], "audiobook": ["Books & Literature"], "game": ["Video Gaming"]}[intent]
    if scen == "cooking" or scen == "takeaway":
        return [FD]
    if scen == "transport":
        return None if intent == "traffic" else [TR]
    if scen == "recommendation":
        return {"movies": ["Movies"], "events": ["Events & Attractions"]}.get(intent)
    if scen == "qa":
        return [PF] if intent in ("stock", "currency") else None
    if scen in ("alarm", "calendar", "weather", "datetime"):
        return []
    return None

def item(i, prefix, split, text, topics):
    return {"id": f"{prefix}-{split}-{i}", "lang": "en", "split": split,
            "kind": "topic" if topics else "negative",
            "turns": [{"role": "user", "text": text}], "sensitive": [], "topics": topics}

def main():
    doms = json.load(open(f"{D}/clinc150/domains.json"))
    dom_of = {i: d for d, v in doms.items() for i in v}
    full = json.load(open(f"{D}/clinc150/data_full.json"))
    for split in ("train", "test"):
        with open(os.path.join(OUT, f"clinc_{split}.jsonl"), "w") as out:
            n = 0
            for text, intent in full[split]:
                lab = clinc_label(intent, dom_of[intent])
                if lab is None:
                    continue
                n += 1
                out.write(json.dumps(item(n, "clinc", split, text, lab)) + "\n")
    for split, fn in (("train", "hwu64_kfold1_trainset.csv"), ("test", "hwu64_kfold1_testset.csv")):
        with open(os.path.join(OUT, f"hwu_{split}.jsonl"), "w") as out:
            n = 0
            for row in csv.DictReader(open(f"{D}/hwu64/{fn}"), delimiter=";"):
                lab = hwu_label(row["scenario"], row["intent"])
                if lab is None:
                    continue
                n += 1
                out.write(json.dumps(item(n, "hwu", split, row["answer_from_anno"], lab)) + "\n")

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    main()
