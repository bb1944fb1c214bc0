#!/usr/bin/env python3
"""Checks the Gleaner sample data and prints its counts. Standard library only.

    python3 data/sample/validate.py        # exit 1 on any problem

Checks: every line parses; fields and types follow SPEC section 2; ids are unique; every event's
account exists; every engagement's item exists; hidden topics are tier-1 roots 1..=25; every catalog
item's topics exist in the taxonomy and include one below the root; labels.json points at real events;
bad_events.jsonl holds exactly the intended mix of good and bad lines.
"""

import collections
import json
import os
import re
import sys
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = datetime(2026, 7, 1, tzinfo=timezone.utc)
EFFECTIVE = datetime(2025, 12, 16, tzinfo=timezone.utc)


def read_taxonomy():
    """Topic id -> parent id (None for a root), from the taxonomy the engine embeds."""
    path = os.path.join(HERE, "..", "..", "crates", "gleaner-taxonomy", "data", "taxonomy.tsv")
    with open(path, encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle][1:]
    return {int(row[0]): int(row[1]) if row[1] else None for row in rows if row and row[0]}


TAXONOMY = read_taxonomy()
RETENTION_CUTOFF = NOW - timedelta(days=180)
EXCLUDED = set(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
    "GF GP MQ RE YT MF AX IS LI NO GB KR".split())
SURFACES = {"facebook": "fb", "instagram": "ig", "whatsapp": "wa", "messenger": "ms", "glasses": "gl"}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
ACCOUNT_KEYS = {"account_id", "surface", "accounts_center_id", "country", "birth_year", "notified_at",
                "ai_personalization", "hidden_topics"}
CATALOG_KEYS = {"item_id", "kind", "title", "text", "topics", "advertiser"}
AI_KEYS = {"event_id", "kind", "account_id", "at", "product", "modality", "encrypted", "conversation_id", "turns"}
ENGAGEMENT_KEYS = {"event_id", "kind", "account_id", "at", "action", "item_id"}
ACTIONS = {"like", "follow", "share", "comment", "join"}

problems = []


def problem(message):
    problems.append(message)


def parse_time(value):
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def read_jsonl(name):
    records = []
    with open(os.path.join(HERE, name), encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                problem(f"{name}:{number}: not JSON ({error})")
    return records


def check_accounts(accounts):
    by_id = {}
    for a in accounts:
        account_id = a.get("account_id")
        if account_id in by_id:
            problem(f"duplicate account {account_id}")
        by_id[account_id] = a
        if set(a) - ACCOUNT_KEYS:
            problem(f"{account_id}: unknown keys {set(a) - ACCOUNT_KEYS}")
        if a.get("surface") not in SURFACES or not account_id.startswith(SURFACES[a["surface"]] + ":"):
            problem(f"{account_id}: surface {a.get('surface')}")
        if "country" in a and not re.fullmatch(r"[A-Z]{2}", a["country"]):
            problem(f"{account_id}: country {a['country']}")
        if "birth_year" in a and not isinstance(a["birth_year"], int):
            problem(f"{account_id}: birth_year")
        if "notified_at" in a and not TIMESTAMP.match(a["notified_at"]):
            problem(f"{account_id}: notified_at")
        if a.get("ai_personalization") not in ("on", "off"):
            problem(f"{account_id}: ai_personalization")
        if not all(isinstance(t, int) and 1 <= t <= 25 for t in a.get("hidden_topics", [])):
            problem(f"{account_id}: hidden_topics")
    return by_id


def check_catalog(catalog):
    by_id = {}
    for item in catalog:
        item_id = item.get("item_id")
        if item_id in by_id:
            problem(f"duplicate item {item_id}")
        by_id[item_id] = item
        if set(item) - CATALOG_KEYS or not {"item_id", "kind", "title", "text", "topics"} <= set(item):
            problem(f"{item_id}: keys {sorted(item)}")
        if item.get("kind") not in ("ad", "post", "reel", "group", "page") or not item_id.startswith(item["kind"] + ":"):
            problem(f"{item_id}: kind {item.get('kind')}")
        topics = item.get("topics", [])
        if not all(isinstance(t, int) and t in TAXONOMY for t in topics):
            problem(f"{item_id}: topics {topics} not all in the taxonomy")
        elif not any(TAXONOMY[t] for t in topics):
            problem(f"{item_id}: topics {topics} name no topic below the root")
        if (item.get("kind") == "ad") != ("advertiser" in item):
            problem(f"{item_id}: advertiser only and always on ads")
    return by_id


def check_events(events, accounts, catalog):
    seen, conversations = set(), set()
    for e in events:
        event_id = e.get("event_id")
        if event_id in seen:
            problem(f"duplicate event {event_id}")
        seen.add(event_id)
        if e.get("account_id") not in accounts:
            problem(f"{event_id}: unknown account {e.get('account_id')}")
        if not TIMESTAMP.match(str(e.get("at"))):
            problem(f"{event_id}: at {e.get('at')}")
        elif not datetime(2025, 11, 1, tzinfo=timezone.utc) <= parse_time(e["at"]) < NOW:
            problem(f"{event_id}: at {e['at']} outside the window")
        if e.get("kind") == "engagement":
            if set(e) != ENGAGEMENT_KEYS:
                problem(f"{event_id}: keys {sorted(e)}")
            if e.get("action") not in ACTIONS:
                problem(f"{event_id}: action {e.get('action')}")
            if e.get("item_id") not in catalog:
                problem(f"{event_id}: unknown item {e.get('item_id')}")
        elif e.get("kind") == "ai_interaction":
            if set(e) != AI_KEYS:
                problem(f"{event_id}: keys {sorted(e)}")
            if e.get("modality") not in ("text", "voice", "image", "video"):
                problem(f"{event_id}: modality")
            if not isinstance(e.get("encrypted"), bool):
                problem(f"{event_id}: encrypted")
            if e.get("conversation_id") in conversations:
                problem(f"{event_id}: conversation_id reused")
            conversations.add(e.get("conversation_id"))
            turns = e.get("turns", [])
            roles = [t.get("role") for t in turns]
            if not turns or len(turns) > 8 or roles != ["user", "assistant"] * (len(turns) // 2):
                problem(f"{event_id}: turns {roles}")
            if not all(isinstance(t.get("text"), str) and t["text"] for t in turns):
                problem(f"{event_id}: empty turn text")
        else:
            problem(f"{event_id}: kind {e.get('kind')}")


def check_bad_events(accounts, catalog):
    """Classifies each line of bad_events.jsonl and compares with the intended verdicts."""
    expected = ["ok", "not_json", "missing_field", "mistyped_field", "unknown_account", "ok",
                "duplicate_event_id", "not_json", "mistyped_field", "oversized_text", "ok"]
    verdicts, seen = [], set()
    path = os.path.join(HERE, "bad_events.jsonl")
    size = os.path.getsize(path)
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")[:-1]
    for line in lines:
        try:
            e = json.loads(line)
        except json.JSONDecodeError:
            verdicts.append("not_json")
            continue
        keys = AI_KEYS if e.get("kind") == "ai_interaction" else ENGAGEMENT_KEYS
        if not keys <= set(e):
            verdicts.append("missing_field")
        elif not isinstance(e["at"], str) or not isinstance(e.get("encrypted", False), bool):
            verdicts.append("mistyped_field")
        elif e["account_id"] not in accounts or ("item_id" in e and e["item_id"] not in catalog):
            verdicts.append("unknown_account")
        elif e["event_id"] in seen:
            verdicts.append("duplicate_event_id")
        elif any(len(t["text"].encode()) > 64 * 1024 for t in e.get("turns", [])):
            verdicts.append("oversized_text")
        else:
            verdicts.append("ok")
        seen.add(e.get("event_id"))
    if verdicts != expected:
        problem(f"bad_events verdicts {verdicts} != {expected}")
    if size >= 100_000:
        problem(f"bad_events.jsonl is {size} bytes")
    return verdicts, size


def age_unknown_or_minor(account, at):
    year = account.get("birth_year")
    return year is None or at.year - year - 1 < 18


def main():
    accounts_list = read_jsonl("accounts.jsonl")
    catalog_list = read_jsonl("catalog.jsonl")
    events = read_jsonl("events.jsonl")
    accounts = check_accounts(accounts_list)
    catalog = check_catalog(catalog_list)
    check_events(events, accounts, catalog)
    with open(os.path.join(HERE, "labels.json"), encoding="utf-8") as handle:
        labels = json.load(handle)
    event_ids = {e["event_id"] for e in events}
    for event_id in list(labels["sensitive"]) + labels["near_miss"]:
        if event_id not in event_ids:
            problem(f"labels.json: unknown event {event_id}")
    verdicts, bad_size = check_bad_events(accounts, catalog)

    count = collections.Counter
    ai = [e for e in events if e["kind"] == "ai_interaction"]
    engagements = [e for e in events if e["kind"] == "engagement"]
    centers = collections.defaultdict(list)
    for a in accounts_list:
        if "accounts_center_id" in a:
            centers[a["accounts_center_id"]].append(a["account_id"])
    print(f"accounts: {len(accounts_list)}  by surface {dict(count(a['surface'] for a in accounts_list))}")
    print(f"  by country {dict(sorted(count(a.get('country', '??') for a in accounts_list).items()))}")
    print(f"  accounts centers: {len(centers)} linking {sum(len(v) for v in centers.values())} accounts; "
          f"unlinked {len(accounts_list) - sum(len(v) for v in centers.values())}")
    print(f"  excluded-country {sum(a.get('country') in EXCLUDED for a in accounts_list)}, "
          f"unknown country {sum('country' not in a for a in accounts_list)}, "
          f"minors (2010-2012) {sum(2010 <= a.get('birth_year', 0) <= 2012 for a in accounts_list)}, "
          f"no birth_year {sum('birth_year' not in a for a in accounts_list)}, "
          f"opted out {sum(a['ai_personalization'] == 'off' for a in accounts_list)}, "
          f"never notified {sum('notified_at' not in a for a in accounts_list)}, "
          f"notified after 2026-01-01 {sum(a.get('notified_at', '') > '2026-01' for a in accounts_list)}, "
          f"hidden topics {sum(bool(a['hidden_topics']) for a in accounts_list)}")
    print(f"catalog: {len(catalog_list)}  by kind {dict(count(i['kind'] for i in catalog_list))}; "
          f"topics given {sum(bool(i['topics']) for i in catalog_list)}, to infer {sum(not i['topics'] for i in catalog_list)}, "
          f"topic ids {sum(len(i['topics']) for i in catalog_list)} (roots {sum(TAXONOMY.get(t, 0) is None for i in catalog_list for t in i['topics'])})")
    print(f"events: {len(events)}  ai {len(ai)} ({100 * len(ai) / len(events):.0f}%), engagement {len(engagements)}")
    print(f"  by surface {dict(count(accounts[e['account_id']]['surface'] for e in events))}")
    print(f"  products {dict(count(e['product'] for e in ai))}")
    print(f"  modalities {dict(count(e['modality'] for e in ai))}")
    print(f"  exchanges {dict(sorted(count(len(e['turns']) // 2 for e in ai).items()))}")
    print(f"  actions {dict(count(e['action'] for e in engagements))}; "
          f"distinct items engaged {len({e['item_id'] for e in engagements})}")
    times = [parse_time(e["at"]) for e in events]
    print(f"  from {min(times):%Y-%m-%d} to {max(times):%Y-%m-%d}; "
          f"before effective date {sum(t < EFFECTIVE for t in times)} ({100 * sum(t < EFFECTIVE for t in times) / len(events):.1f}%), "
          f"on/after it but older than 180 days {sum(EFFECTIVE <= t < RETENTION_CUTOFF for t in times)}")
    print(f"  encrypted {sum(e['encrypted'] for e in ai)} ({100 * sum(e['encrypted'] for e in ai) / len(events):.1f}% of events)")
    print(f"  sensitive {len(labels['sensitive'])} ({100 * len(labels['sensitive']) / len(ai):.1f}% of AI) "
          f"{dict(sorted(count(labels['sensitive'].values()).items()))}; near misses {len(labels['near_miss'])}")

    def account(e):
        return accounts[e["account_id"]]

    print(f"  events of excluded or unknown-country accounts "
          f"{sum(account(e).get('country') in EXCLUDED or 'country' not in account(e) for e in events)}")
    print(f"  events of minors or unknown-age accounts {sum(age_unknown_or_minor(account(e), parse_time(e['at'])) for e in events)}")
    print(f"  AI events of opted-out accounts {sum(account(e)['ai_personalization'] == 'off' for e in ai)}, "
          f"engagements of opted-out accounts {sum(account(e)['ai_personalization'] == 'off' for e in engagements)}")
    print(f"  events before notice or never notified "
          f"{sum(e['at'] < account(e).get('notified_at', '9999') for e in events)}")
    print(f"bad_events.jsonl: {len(verdicts)} lines, {bad_size} bytes: {verdicts}")
    if problems:
        print(f"\n{len(problems)} PROBLEMS:")
        for message in problems[:50]:
            print("  " + message)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
