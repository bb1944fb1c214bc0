"""Builds the topic evaluation sets: text written by others, labelled with
taxonomy nodes through the mapping tables below (issue 15, "Evaluation").

Usage: python3 scripts/eval/topic_sets.py OUT_DIR

Writes OUT_DIR/topics_<set>.jsonl, one row per text:
  {"id", "text", "lang", "topics": ["Root > Tier 2 > Tier 3", ...], "source", "label_from", "trained"}
`topics` are taxonomy paths (crates/gleaner-taxonomy/data/taxonomy.tsv); a path
says how deep the label is known: "Travel" scores only the root, "Travel >
Flights & air travel" the root and tier 2. A row with several paths is a hit
when any of them is (a source label such as "entertainment" that covers several
roots, or a subject the taxonomy holds twice, like car rentals).
`trained` says whether the classifier learned from that source: the CLINC150
and HWU64 *train* halves train the topic heads (their test halves, used here,
do not); the real/ sources in TRAIN_REAL of scripts/finetune/data.py train the
sensitive net only, without topic labels, but their text was seen; the other
real/ sources were never trained or tuned on. Nothing here is tuned on.

Rows are sampled with a fixed seed, at most CAP rows per (source, source label)
so that long dialogue sources stay cheap to classify. Labels that do not name a
subject (small talk, alarms, "diaries & daily life", sensitive sections) are
left out; see docs/classifier.md ("Topic quality") for the tables in prose.
"""
import csv
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "../..")
SHARED = os.environ.get("GLEANER_SHARED_DATA", os.path.join(ROOT, "../shared/data"))
TAXONOMY = os.path.join(ROOT, "crates/gleaner-taxonomy/data/taxonomy.tsv")
SEED = 20261208
sys.path.insert(0, os.path.join(ROOT, "scripts/finetune"))
from data import OOD_SOURCES, TRAIN_REAL  # noqa: E402  (the one list of which real/ sources train)

OOD = set(OOD_SOURCES)

# Several roots where a source's label ("entertainment") spans them; known at the root only.
ENTERTAINMENT = ["Movies", "Television", "Music & Audio", "Pop Culture"]
SCI_TECH = ["Science", "Technology & Computing"]
CURRENCY = "Business & Finance > Economy > Currencies & exchange rates"
CAR_RENTAL = ["Travel > Car rentals for travel", "Automotive > Car rentals"]

# CLINC150 intent -> deepest node the intent clearly names. Intents not listed
# carry no subject (utility, meta, small talk, calendars, pto) or are ambiguous
# or sensitive (vaccines, calories, insurance, income, uber, directions).
PF, CARDS, BANKING = "Personal Finance", "Personal Finance > Credit & debt > Credit cards", "Personal Finance > Banking"
CLINC = {
    **{i: BANKING for i in ("freeze_account", "routing", "pin_change", "account_blocked", "balance",
                            "transactions", "spending_history", "order_checks", "report_fraud", "transfer")},
    **{i: PF for i in ("bill_due", "pay_bill", "bill_balance", "min_payment", "interest_rate")},
    **{i: CARDS for i in ("replacement_card_duration", "expiration_date", "damaged_card", "report_lost_card",
                          "card_declined", "credit_limit_change", "apr", "redeem_rewards", "credit_limit",
                          "rewards_balance", "application_status", "new_card", "international_fees")},
    "improve_credit_score": "Personal Finance > Credit & debt > Credit scores",
    "credit_score": "Personal Finance > Credit & debt > Credit scores",
    "taxes": "Personal Finance > Taxes", "w2": "Personal Finance > Taxes",
    "rollover_401k": "Personal Finance > Retirement planning",
    **{i: "Food & Drink > Cooking" for i in ("recipe", "ingredients_list", "ingredient_substitution", "cook_time")},
    "food_last": "Food & Drink", "meal_suggestion": "Food & Drink",
    **{i: "Food & Drink > Dining out > Restaurants" for i in (
        "restaurant_reviews", "restaurant_reservation", "restaurant_suggestion", "confirm_reservation",
        "cancel_reservation", "how_busy", "accept_reservations")},
    **{i: "Music & Audio" for i in ("what_song", "play_music", "update_playlist", "next_song")},
    "order": "Shopping", "order_status": "Shopping",
    **{i: "Automotive > Car maintenance & repair" for i in (
        "oil_change_when", "oil_change_how", "schedule_maintenance", "last_maintenance", "jump_start")},
    "tire_pressure": "Automotive > Car maintenance & repair > Tires & wheels",
    "tire_change": "Automotive > Car maintenance & repair > Tires & wheels",
    "gas": "Automotive", "gas_type": "Automotive", "mpg": "Automotive",
    "plug_type": "Travel > Travel planning & tips", "travel_alert": "Travel > Travel planning & tips",
    "international_visa": "Travel > Travel planning & tips > Passports & visas",
    "travel_notification": "Travel", "travel_suggestion": "Travel",
    "flight_status": "Travel > Flights & air travel", "book_flight": "Travel > Flights & air travel",
    "lost_luggage": "Travel > Flights & air travel", "carry_on": "Travel > Flights & air travel",
    "book_hotel": "Travel > Hotels & lodging", "car_rental": CAR_RENTAL,
    "exchange_rate": CURRENCY,
}

# HWU64 (scenario, intent) -> node. Left out: alarms, calendar, weather, datetime,
# iot, lists, email, general, news (item by item politics), taxi, recommendation
# of locations (restaurants or shops), qa factoid/definition/maths.
HWU = {
    ("music", "likeness"): "Music & Audio", ("music", "query"): "Music & Audio", ("music", "settings"): "Music & Audio",
    ("play", "music"): "Music & Audio", ("play", "radio"): "Music & Audio > Radio",
    ("play", "podcasts"): "Music & Audio > Podcasts", ("play", "audiobook"): "Books & Literature > Audiobooks",
    ("play", "game"): "Video Gaming",
    ("cooking", "recipe"): "Food & Drink > Cooking",
    ("takeaway", "order"): "Food & Drink > Dining out", ("takeaway", "query"): "Food & Drink > Dining out",
    ("transport", "query"): "Travel", ("transport", "ticket"): "Travel > Train travel",
    ("recommendation", "movies"): "Movies", ("recommendation", "events"): "Events & Attractions",
    ("qa", "stock"): "Personal Finance > Investing > Stocks & bonds", ("qa", "currency"): CURRENCY,
    ("social", "post"): "Technology & Computing > Internet > Social media",
    ("social", "query"): "Technology & Computing > Internet > Social media",
}

# real/ sources: the part of `label_from` after the source's prefix -> node(s).
REAL = {
    "sib200": {"science/technology": SCI_TECH, "travel": "Travel", "sports": "Sports",
               "entertainment": ENTERTAINMENT + ["Fine Art", "Events & Attractions"],
               "geography": ["Science > Geography", "Travel"]},
    "masakhanews": {"sports": "Sports", "entertainment": ENTERTAINMENT},
    "kdconv_dialogue": {"film": "Movies", "music": "Music & Audio", "travel": "Travel"},
    "topicalchat_dialogue": {"sports": "Sports", "movies": "Movies", "music": "Music & Audio",
                             "books": "Books & Literature", "fashion": "Style & Fashion", "sci_tech": SCI_TECH},
    "skeptics_se": {"physics": "Science > Physics"},
    "tweet_topicxl": {"sports": "Sports", "film_tv_&_video": ["Movies", "Television"], "music": "Music & Audio",
                      "gaming": "Video Gaming", "celebrity_&_pop_culture": "Pop Culture",
                      "food_&_dining": "Food & Drink", "travel_&_adventure": "Travel",
                      "fashion_&_style": "Style & Fashion", "science_&_technology": SCI_TECH,
                      "business_&_entrepreneurs": "Business & Finance", "learning_&_educational": "Education",
                      "family": "Family & Parenting"},
    "sgd_dialogue": {**{f"Restaurants_{n}": "Food & Drink > Dining out > Restaurants" for n in (1, 2)},
                     **{f"Flights_{n}": "Travel > Flights & air travel" for n in (1, 2, 3, 4)},
                     **{f"Hotels_{n}": "Travel > Hotels & lodging" for n in (1, 2, 3, 4)},
                     **{f"RentalCars_{n}": CAR_RENTAL for n in (1, 2, 3)},
                     **{f"Buses_{n}": "Travel" for n in (1, 2, 3)},
                     "Trains_1": "Travel > Train travel", "Travel_1": "Travel",
                     **{f"Movies_{n}": "Movies" for n in (1, 2, 3)}, **{f"Media_{n}": "Movies" for n in (1, 2, 3)},
                     **{f"Music_{n}": "Music & Audio" for n in (1, 2, 3)},
                     **{f"Events_{n}": "Events & Attractions" for n in (1, 2, 3)},
                     **{f"Homes_{n}": "Real Estate" for n in (1, 2)},
                     **{f"Banks_{n}": "Personal Finance > Banking" for n in (1, 2)}},
    "indonlu_reviews": {"hotel review (HoASA)": "Travel > Hotels & lodging", "car review (CASA)": "Automotive"},
}
# At most this many rows per (source, source label); None keeps all.
CAP = {"sib200": None, "masakhanews": 100, "kdconv_dialogue": 100, "topicalchat_dialogue": 40,
       "skeptics_se": None, "tweet_topicxl": 50, "sgd_dialogue": 25, "indonlu_reviews": 150}


def taxonomy():
    """Path string -> node id, and node id -> (parent id or None, depth)."""
    rows = list(csv.DictReader(open(TAXONOMY, encoding="utf-8"), delimiter="\t"))
    by_id = {r["id"]: r for r in rows}

    def path(r):
        return (path(by_id[r["parent_id"]]) + " > " if r["parent_id"] else "") + r["name"]

    return {path(r): int(r["id"]) for r in rows}


def as_list(label):
    return label if isinstance(label, list) else [label]


def check(paths, known):
    for p in paths:
        if p not in known:
            raise SystemExit(f"mapping names `{p}`, which is not a taxonomy path")
    return paths


def real_key(source, label_from):
    """The source's label(s) out of its `label_from` field."""
    value = label_from.split(":", 1)[1] if ":" in label_from else label_from
    if source in ("sib200", "masakhanews"):
        return [label_from.split("category=", 1)[1]]
    if source == "tweet_topicxl":
        return value.split("|")
    if source == "sgd_dialogue":
        # A row is an excerpt of a dialogue; with several services it may show only one of them.
        return [] if "|" in value else [value]
    if source == "kdconv_dialogue":
        return [label_from.split("domain:", 1)[1]]
    if source == "topicalchat_dialogue":
        return [label_from.split("topic:", 1)[1]]
    if source == "skeptics_se":
        return [label_from.split("category=", 1)[1]]
    return [label_from]


def build(out):
    known = taxonomy()
    sets = {}
    full = json.load(open(f"{SHARED}/clinc150/data_full.json", encoding="utf-8"))
    rows = []
    for n, (text, intent) in enumerate(full["test"]):
        if intent in CLINC:
            rows.append({"id": f"clinc-{n}", "text": text, "lang": "en", "topics": check(as_list(CLINC[intent]), known),
                         "source": "clinc150_test", "label_from": intent, "trained": False})
    sets["clinc150_test"] = rows
    rows = []
    for n, row in enumerate(csv.DictReader(open(f"{SHARED}/hwu64/hwu64_kfold1_testset.csv", encoding="utf-8"), delimiter=";")):
        key = (row["scenario"], row["intent"])
        if key in HWU:
            rows.append({"id": f"hwu-{n}", "text": row["answer_from_anno"], "lang": "en",
                         "topics": check(as_list(HWU[key]), known), "source": "hwu64_test",
                         "label_from": "_".join(key), "trained": False})
    sets["hwu64_test"] = rows
    for source, table in REAL.items():
        if source not in TRAIN_REAL and source not in OOD:
            raise SystemExit(f"{source} is in neither TRAIN_REAL nor OOD_SOURCES: say whether it is trained on")
        groups = {}
        for n, line in enumerate(open(f"{SHARED}/real/{source}.jsonl", encoding="utf-8")):
            row = json.loads(line)
            topics = []
            for key in real_key(source, row["label_from"]):
                for p in as_list(table.get(key, [])):
                    if p not in topics:
                        topics.append(p)
            if not topics:
                continue
            groups.setdefault(row["label_from"], []).append(
                {"id": f"{source}-{n}", "text": row["text"], "lang": row["lang"], "topics": check(topics, known),
                 "source": source, "label_from": row["label_from"], "trained": source in TRAIN_REAL})
        rows = []
        for label_from in sorted(groups):
            group = groups[label_from]
            random.Random(f"{SEED}:{source}:{label_from}").shuffle(group)
            rows += group[: CAP[source]] if CAP[source] else group
        rows.sort(key=lambda r: int(r["id"].rsplit("-", 1)[1]))
        sets[source] = rows
    os.makedirs(out, exist_ok=True)
    for name, rows in sets.items():
        with open(os.path.join(out, f"topics_{name}.jsonl"), "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return {name: len(rows) for name, rows in sets.items()}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for name, count in build(sys.argv[1]).items():
        print(f"{name}\t{count}")
