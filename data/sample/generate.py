#!/usr/bin/env python3
"""Deterministic generator of the Gleaner sample data (used by `gleaner demo`).

Writes, next to this file:
  accounts.jsonl  catalog.jsonl  events.jsonl  bad_events.jsonl  labels.json

Standard library only, fixed seed: running it twice gives byte-identical files.
The demo runs with `--now 2026-07-01T00:00:00Z`; the policy's effective date is 2025-12-16 and
retention is 180 days, so the retention cutoff is 2026-01-02T00:00:00Z.

    python3 data/sample/generate.py
"""

import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
from themes import ANSWERS, ITEM_TOPICS, LOCAL, LOCAL_ANSWERS, THEMES  # noqa: E402

SEED = 20260701
rng = random.Random(SEED)

UTC = timezone.utc
EARLY = (datetime(2025, 11, 1, tzinfo=UTC), datetime(2025, 12, 15, 23, 0, tzinfo=UTC))
RETENTION_ONLY = (datetime(2025, 12, 16, tzinfo=UTC), datetime(2026, 1, 1, 23, 0, tzinfo=UTC))
MAIN = (datetime(2026, 1, 3, tzinfo=UTC), datetime(2026, 6, 30, 23, 0, tzinfo=UTC))

# The default excluded jurisdictions of SPEC section 4 that appear in this data.
EXCLUDED = {"DE", "FR", "IT", "ES", "NL", "PL", "IE", "GB", "KR", "NO", "IS", "RE"}

SURFACE_PREFIX = {"facebook": "fb", "whatsapp": "wa", "instagram": "ig", "messenger": "ms", "glasses": "gl"}
SURFACE_START = {"facebook": 1001, "whatsapp": 2001, "instagram": 3001, "messenger": 4001, "glasses": 5001}

# ---------------------------------------------------------------------------------------------
# Personas. One person may hold several accounts; linked ones share an accounts center.
# acct tuple: (surface, country or None, overrides dict)
# overrides: opt="off", notified="late:<iso>" | "never", hidden=[...]
# ---------------------------------------------------------------------------------------------


def person(key, themes, birth_year, accounts, events, lang="en", center=False, hidden=None, note=""):
    return {
        "key": key, "themes": themes, "birth_year": birth_year, "accounts": accounts,
        "events": events, "lang": lang, "center": center, "hidden": hidden or [], "note": note,
    }


# fmt: off
PERSONS = [
    # --- linked groups (accounts centers ac:11 .. ac:25) ---
    person("maya", ["hiking", "running", "travel", "photography"], 1991,
           [("facebook", "US", {}), ("instagram", "US", {}), ("whatsapp", "US", {}), ("glasses", "US", {})],
           34, center=True, note="US hiker and trail runner, four linked surfaces"),
    person("dev", ["gaming", "tech", "movies", "pop_culture"], 1998,
           [("facebook", "US", {}), ("instagram", "US", {}), ("messenger", "US", {"opt": "off"})],
           30, center=True, note="US gamer; opted out on messenger only"),
    person("rosa", ["cooking", "gardening", "baking", "parenting"], 1979,
           [("facebook", "MX", {}), ("whatsapp", "MX", {})],
           26, lang="es", center=True, note="Mexican home cook, Spanish"),
    person("tom", ["cars", "personal_finance", "fishing", "tv"], 1985,
           [("facebook", "US", {}), ("messenger", "US", {}), ("glasses", "US", {})],
           28, center=True, hidden=[14], note="US car fan; hid Personal Finance (14)"),
    person("priya", ["parenting", "education", "books", "cooking"], 1988,
           [("facebook", "IN", {}), ("whatsapp", "IN", {}), ("instagram", "IN", {"notified": "late:2026-04-10T08:00:00Z"})],
           26, center=True, note="Indian parent; instagram notified late"),
    person("james", ["soccer", "travel", "music", "events"], 1990,
           [("facebook", "US", {}), ("instagram", "GB", {}), ("whatsapp", "GB", {})],
           22, center=True, note="moved from the US to London: one center mixing US and GB accounts"),
    person("lucas", ["soccer", "music", "fitness", "gaming"], 1996,
           [("facebook", "BR", {}), ("instagram", "BR", {}), ("whatsapp", "BR", {})],
           22, lang="pt", center=True, note="Brazilian football fan, Portuguese (BR is only excluded by the strict profile)"),
    person("aiko", ["photography", "art", "travel", "cooking"], 1993,
           [("instagram", "JP", {}), ("glasses", "JP", {})],
           18, center=True, note="Japanese photographer"),
    person("noah", ["fitness", "travel", "fishing", "cars"], 1987,
           [("facebook", "AU", {}), ("instagram", "AU", {"notified": "late:2026-02-15T10:00:00Z"})],
           18, center=True, note="Australian; instagram notified late"),
    person("zanele", ["fashion", "music", "careers", "business"], 1995,
           [("instagram", "ZA", {}), ("whatsapp", "ZA", {}), ("facebook", "ZA", {})],
           20, center=True, note="South African fashion and music"),
    person("sofia", ["books", "movies", "cooking", "travel"], 1983,
           [("facebook", "AR", {"opt": "off"}), ("instagram", "AR", {"opt": "off"})],
           16, lang="es", center=True, note="Argentinian reader; opted out on both accounts"),
    person("claire", ["cooking", "books", "hiking", "art"], 1980,
           [("facebook", "CA", {}), ("messenger", "CA", {})],
           16, lang="fr", center=True, note="Quebec cook, French"),
    person("budi", ["gaming", "tech", "soccer"], 2000,
           [("instagram", "ID", {}), ("whatsapp", "ID", {})],
           16, center=True, note="Indonesian gamer"),
    person("hans", ["cars", "hiking", "tech"], 1975,
           [("facebook", "DE", {}), ("instagram", "DE", {}), ("whatsapp", "DE", {})],
           14, center=True, note="German (excluded jurisdiction), linked"),
    person("kai", ["gaming", "music", "pop_culture"], 2011,
           [("instagram", "US", {}), ("messenger", "US", {})],
           14, center=True, note="US minor (born 2011), linked"),
    # --- unlinked accounts ---
    person("emma", ["parenting", "pets", "cooking", "home_diy"], 1986, [("facebook", "US", {})], 14,
           hidden=[9], note="US parent; hid Food & Drink (9) although she talks about cooking"),
    person("liam", ["fitness", "fishing", "cars"], 1990, [("facebook", "CA", {"opt": "off"})], 10, note="opted out"),
    person("chloe", ["fashion", "shopping", "pop_culture"], 1997, [("instagram", "US", {})], 14,
           hidden=[19], note="hid Shopping (19)"),
    person("carlos", ["soccer", "cars", "music"], 1992, [("whatsapp", "MX", {})], 10, lang="es"),
    person("ana", ["fitness", "fashion", "cooking"], 1999, [("instagram", "BR", {})], 12, lang="pt"),
    person("ravi", ["tech", "careers", "personal_finance"], 1994, [("whatsapp", "IN", {"opt": "off"})], 12, note="opted out"),
    person("mei", ["gardening", "pets", "baking"], 1970, [("facebook", "AU", {"notified": "never"})], 10, note="never notified"),
    person("grace", ["real_estate", "home_diy", "personal_finance"], 1982,
           [("facebook", "US", {"notified": "late:2026-03-20T09:00:00Z"})], 14, note="notified late"),
    person("pierre", ["cooking", "art", "travel"], 1978, [("facebook", "FR", {})], 10, lang="fr", note="excluded FR"),
    person("giulia", ["fashion", "cooking", "travel"], 1994, [("instagram", "IT", {})], 10, note="excluded IT"),
    person("javier", ["soccer", "travel"], 1989, [("whatsapp", "ES", {})], 8, lang="es", note="excluded ES"),
    person("sanne", ["fitness", "travel"], 1991, [("messenger", "NL", {})], 8, note="excluded NL"),
    person("marta", ["books", "gaming"], 1996, [("facebook", "PL", {})], 8, note="excluded PL"),
    person("siobhan", ["music", "pets"], 1993, [("instagram", "IE", {})], 8, note="excluded IE"),
    person("oliver", ["cars", "tech"], 1984, [("facebook", "GB", {})], 8, note="excluded GB"),
    person("jiwoo", ["pop_culture", "music", "fashion"], 2001, [("instagram", "KR", {})], 10, note="excluded KR"),
    person("ingrid", ["hiking", "crafts"], 1979, [("messenger", "NO", {})], 6, note="excluded NO"),
    person("sigrun", ["photography", "travel"], 1988, [("glasses", "IS", {})], 6, note="excluded IS"),
    person("elodie", ["travel", "cooking"], 1990, [("whatsapp", "RE", {})], 6, lang="fr",
           note="Réunion: EU outermost region with its own ISO code, excluded"),
    person("nocountry", ["crafts", "gaming"], 1992, [("whatsapp", None, {})], 6, note="country unknown (field absent)"),
    person("ava", ["fashion", "music", "pop_culture"], 2010, [("instagram", "US", {})], 10, note="minor"),
    person("mateo", ["gaming", "soccer"], 2012, [("whatsapp", "MX", {})], 8, lang="es", note="minor"),
    person("gabriel", ["soccer", "gaming"], 2011, [("instagram", "BR", {})], 8, lang="pt", note="minor"),
    person("ishaan", ["education", "science", "gaming"], 2010, [("facebook", "IN", {})], 8, note="minor"),
    person("riley", ["gaming", "cars", "music"], 2008, [("facebook", "US", {})], 8,
           note="born 2008: 17 or 18 during the window, exact age unknown"),
    person("jordan", ["movies", "tv"], None, [("instagram", "US", {})], 8, note="no birth_year"),
    person("haruto", ["travel", "photography"], None, [("glasses", "JP", {})], 6, note="no birth_year"),
    person("walt", ["fishing", "tv", "home_diy"], 1960, [("facebook", "US", {"opt": "off"})], 8, note="opted out"),
    person("ben", ["running", "hiking"], 1989, [("glasses", "US", {"notified": "never"})], 6, note="never notified"),
    person("sam", ["running", "fitness", "tech"], 1995, [("instagram", "US", {})], 12),
    person("olivia", ["pets", "home_diy", "tv"], 1990, [("facebook", "US", {})], 12),
    person("marcus", ["movies", "tv", "music"], 1987, [("messenger", "US", {})], 12),
    person("hana", ["baking", "cooking", "art"], 1992, [("instagram", "JP", {})], 10),
    person("arjun", ["careers", "business", "personal_finance"], 1985, [("facebook", "IN", {})], 10),
    person("lerato", ["cooking", "travel", "music"], 1991, [("whatsapp", "ZA", {})], 10),
    person("diego", ["soccer", "cooking"], 1986, [("messenger", "AR", {})], 8, lang="es"),
    person("nina", ["crafts", "gardening", "books"], 1965, [("facebook", "CA", {})], 10),
    person("ethan", ["fishing", "photography"], 1994, [("glasses", "AU", {})], 6),
    person("kofi", ["science", "tech", "books"], 1983, [("facebook", "US", {})], 10),
    person("yuki", ["pop_culture", "gaming", "art"], 2000, [("instagram", "JP", {})], 10),
]

# ---------------------------------------------------------------------------------------------
# Sensitive conversations (one event each). (category, theme hint, lang, turns)
# Turns alternate user / assistant. Some only turn sensitive in a later turn.
# ---------------------------------------------------------------------------------------------
SENSITIVE = [
    # health (incl. disability, pregnancy, addiction)
    ("health", "running", "en", [
        "I have plantar fasciitis in my left foot. Which running shoes have the most cushioning?",
        "Max-cushion shoes with a firm heel counter and a rocker sole are often recommended; try a few at a running store.",
        "Any under $120?",
        "Previous-year models of most cushioned trainers are usually discounted below $120."]),
    ("health", "parenting", "en", [
        "I'm 24 weeks pregnant and need a stroller that folds with one hand and fits a small trunk. Ideas?",
        "Compact travel strollers with a one-hand fold fit most small trunks; check the folded dimensions before buying."]),
    ("health", "cooking", "en", [
        "I was diagnosed with type 2 diabetes last month. Can you suggest a low-carb dinner I can make in 20 minutes?",
        "A sheet-pan salmon with roasted broccoli and peppers is quick and low in carbohydrates."]),
    ("health", "events", "en", [
        "I'm eight months sober from alcohol. Ideas for a fun Friday night in Chicago that isn't centered on bars?",
        "Try a comedy show, a late museum night, an escape room or a jazz club with a good mocktail menu."]),
    ("health", "travel", "en", [
        "I use a wheelchair. Which cities in Japan are easiest to get around?",
        "Tokyo and Osaka have step-free access at most train stations and many accessible hotels."]),
    ("health", "fitness", "pt", [
        "Tenho hérnia de disco na lombar. Quais exercícios de academia posso fazer sem dor?",
        "Exercícios de core com a coluna neutra, como prancha e ponte, costumam ser mais seguros; evite cargas axiais pesadas."]),
    ("health", "tech", "en", [
        "Which laptop has the best screen for reading long documents?",
        "A matte 14-inch display with high brightness and good scaling is easiest on the eyes.",
        "It has to work for me: I'm legally blind in one eye and have glaucoma in the other.",
        "Large-screen laptops with strong screen magnifier and high-contrast support would help; a 16-inch model is worth a look."]),
    # religion
    ("religion", "cooking", "en", [
        "Ramadan starts next week. Can you plan an iftar menu for 8 people, starting with dates to break the fast?",
        "Start with dates and water, then lentil soup, a fattoush salad, chicken with rice, and kunafa for dessert."]),
    ("religion", "cooking", "en", [
        "Help me plan a kosher-for-Passover seder menu for 12, nothing with chametz.",
        "Matzo ball soup, brisket, roasted vegetables, a quinoa salad and flourless chocolate cake all work."]),
    ("religion", "parenting", "en", [
        "Our church youth group is going on a weekend retreat after Sunday service. What games work for 30 teens?",
        "Capture the flag, a scavenger hunt and team cooking challenges work well for big groups of teenagers."]),
    ("religion", "cooking", "es", [
        "En mi familia no comemos carne los viernes de Cuaresma; dame recetas de pescado para la vigilia.",
        "Prueba pescado a la veracruzana, tortitas de camarón o un caldo de pescado con verduras."]),
    ("religion", "shopping", "en", [
        "What should I buy for the Lakshmi puja at home this Diwali? It's our first year doing it ourselves.",
        "You'll usually need diyas, a small idol or image, flowers, rice, sweets for the offering and incense."]),
    # trade union
    ("trade_union", "careers", "en", [
        "I just got elected union shop steward at the warehouse. How do I run my first meeting with members?",
        "Prepare a short agenda, collect members' concerns in advance, and end with clear next steps and who owns them."]),
    ("trade_union", "careers", "en", [
        "Write a flyer inviting coworkers to our Teamsters local meeting about the new contract.",
        "Here's a draft: 'Your contract, your voice. Join us Thursday at 6 pm at the union hall.'"]),
    ("trade_union", "careers", "en", [
        "We're on strike at the plant starting Monday. What should I pack for long days on the picket line?",
        "Warm layers, a folding chair, snacks, water, a phone charger and rain gear."]),
    ("trade_union", "careers", "pt", [
        "Sou delegada sindical no hospital. Como organizo uma assembleia sobre o reajuste salarial?",
        "Divulgue a pauta com antecedência, reserve um espaço acessível e registre as decisões em ata."]),
    ("trade_union", "careers", "en", [
        "How do I ask my manager for a schedule change?",
        "Put the request in writing, suggest a specific schedule and explain how your work will be covered.",
        "Should I go through my UAW union rep instead of my manager?",
        "Your union rep can tell you what the contract says about scheduling and can be present at the meeting."]),
    # politics
    ("politics", "events", "en", [
        "I'm canvassing for the Democratic Party this Saturday. What should I say at the door?",
        "Introduce yourself, ask what issues matter to them, share one key message and leave a flyer."]),
    ("politics", "careers", "en", [
        "Write a short speech for my city council campaign. I'm running as the Green Party candidate.",
        "Open with a local story, name three concrete priorities and close with a clear ask for their vote."]),
    ("politics", "crafts", "en", [
        "Help me design a protest sign for the march against the governor's pipeline bill.",
        "Use a short slogan in large block letters on foam board, with high-contrast colors."]),
    ("politics", "soccer", "es", [
        "Estoy haciendo campaña para el Partido Justicialista en las elecciones; ¿cómo organizo a los voluntarios?",
        "Divide el barrio por manzanas, asigna responsables y usa un grupo de mensajería para coordinar turnos."]),
    ("politics", "personal_finance", "en", [
        "Which Republican candidate should I donate to in the primary? I want to back the party's conservative wing.",
        "I can't recommend a candidate, but campaign finance sites list each candidate's positions and donors."]),
    # philosophy
    ("philosophy", "hiking", "en", [
        "As an ethical vegan, I need leather-free hiking boots for a 3-day trek. What are my options?",
        "Several brands make synthetic waterproof boots with no animal-derived glue or leather."]),
    ("philosophy", "cooking", "en", [
        "I'm an ethical vegan. Plan a Thanksgiving menu for 10 with no animal products at all.",
        "A lentil and mushroom wellington, roasted squash, mashed potatoes with olive oil, and pumpkin pie with coconut cream."]),
    ("philosophy", "personal_finance", "en", [
        "As a committed pacifist, I don't want my savings in weapons makers. Which index funds exclude defense companies?",
        "Many ESG index funds screen out weapons manufacturers; check each fund's exclusion list."]),
    ("philosophy", "running", "fr", [
        "Je suis végane par conviction éthique; quelles chaussures de course sans cuir ni colle animale me conseilles-tu?",
        "Plusieurs marques proposent des modèles entièrement synthétiques et certifiés véganes."]),
    ("philosophy", "parenting", "en", [
        "We're secular humanists and want a non-religious naming ceremony for our baby. How do we plan one?",
        "Pick a celebrant, write short readings and promises from the family, and end with a shared meal."]),
    # sexual orientation and gender identity
    ("sexual_orientation", "events", "en", [
        "My husband and I are planning our wedding, two grooms and about 80 guests. Ideas for a joint entrance?",
        "Walk in together to a song you both love, or have your families walk you in from two sides."]),
    ("sexual_orientation", "travel", "en", [
        "I'm a lesbian and want to plan a romantic anniversary weekend in Lisbon with my wife.",
        "Stay in Príncipe Real, book a sunset sail on the Tagus and dinner in Alfama."]),
    ("sexual_orientation", "fashion", "en", [
        "I'm a trans woman updating my wardrobe. Where can I find dresses in larger sizes and heels in size 11?",
        "Several retailers carry extended sizes; look for wide-fit and size 11 to 13 ranges online."]),
    ("sexual_orientation", "travel", "pt", [
        "Meu namorado e eu somos um casal gay e queremos viajar para Florianópolis; quais bairros são mais acolhedores?",
        "A Lagoa da Conceição e o centro têm uma cena diversa e acolhedora."]),
    ("sexual_orientation", "parenting", "en", [
        "I'm bisexual and just came out to my parents. How do I handle family dinner this weekend?",
        "Decide in advance what you're comfortable discussing and have a friend you can text during the evening."]),
    ("sexual_orientation", "events", "en", [
        "Plan a date night in Chicago for Saturday.",
        "Dinner in the West Loop, then a show at a comedy club or a walk along the Riverwalk.",
        "We're a gay couple, so we'd like a neighborhood where we feel comfortable holding hands.",
        "Northalsted and Andersonville are known for being especially welcoming."]),
    # ethnicity
    ("ethnicity", "fashion", "en", [
        "As a Black woman with 4C hair, which leave-in conditioners actually work?",
        "Thick creamy leave-ins with shea butter, applied on damp hair with the LOC method, work well for 4C hair."]),
    ("ethnicity", "cooking", "en", [
        "I'm Korean-American and want to learn the dishes my grandmother made. Where do I start?",
        "Start with kimchi jjigae, japchae and doenjang soup; they use a few pantry staples."]),
    ("ethnicity", "careers", "en", [
        "As a Latina in tech, are there networking groups for people like me?",
        "There are several professional communities and conference scholarships focused on Latinas in technology."]),
    ("ethnicity", "business", "en", [
        "I'm Māori and want a logo for my business inspired by our traditional patterns. How do I do it respectfully?",
        "Work with a Māori designer and ask about the meaning of each pattern before using it."]),
    ("ethnicity", "business", "es", [
        "Soy indígena mixteca y quiero vender mis bordados en línea. ¿Cómo empiezo?",
        "Empieza con buenas fotos, cuenta la historia de cada pieza y elige una tienda en línea sencilla."]),
    ("ethnicity", "books", "en", [
        "As an Asian-American parent, how do I find picture books where my kids see characters who look like them?",
        "Librarians and several curated reading lists can point you to picture books with Asian-American characters."]),
]

# Near misses: ordinary conversations with words that look sensitive but are not.
NEAR_MISSES = [
    ("travel", ["What's the best brunch spot near Union Square in San Francisco?",
                "Try a café on Maiden Lane or the ferry building a short walk away."]),
    ("events", ["Help me plan a surprise 30th birthday party for my sister.",
                "Pick a theme, book a private room, and ask a friend to bring her in at the right moment."]),
    ("shopping", ["Find me a Black Friday deal on a 65-inch TV.",
                  "Mid-range 65-inch models are usually 30 to 40 percent off on Black Friday."]),
    ("books", ["Is Pride and Prejudice a good book for a 15-year-old?",
               "Yes, it's witty and readable; an annotated edition helps with the older vocabulary."]),
    ("hiking", ["We're going camping over Labor Day weekend. What should we pack?",
                "Tent, sleeping bags, a stove, headlamps, layers for cold nights and plenty of water."]),
    ("travel", ["What's the best time to visit the Liberty Bell in Philadelphia?",
                "Go right at opening on a weekday to avoid the lines."]),
]
# fmt: on

GENERIC_FOLLOW = [
    "Thanks! Anything else I should know?",
    "Can you summarize that in three bullet points?",
    "Which one would you pick?",
    "What's the cheapest option?",
]
GENERIC_REPLY = [
    "It depends on your budget, but the first option is the safest choice.",
    "In short: start simple, keep notes, and adjust after the first try.",
    "I'd pick the middle option: it balances price and quality.",
    "Here's a summary: plan ahead, compare two or three options, and read recent reviews.",
]
PREFIX = ["", "", "", "", "Hi! ", "Quick question: ", "Can you help? ", "Hey, "]
SUFFIX = ["", "", "", "", " Thanks!", " Keep it short please.", " Thank you!"]
VOICE_PREFIX = ["", "hey, ", "um, ", "okay so ", "quick question, ", "so "]
IMAGE_ASK = ["What is this?", "Can you tell me what I'm looking at?", "Any advice based on this photo?",
             "What do you think of this?", "What am I looking at?"]
VIDEO_ASK = ["What's happening in this video?", "Can you describe this clip?", "What is going on here?"]
IMAGINE_ASK = ["Imagine {p}", "Create an image of {p}", "Draw {p}", "Generate a picture of {p}"]
IMAGINE_FOLLOW = [("Make it in watercolor style.", "Here's a watercolor version."),
                  ("Make it brighter.", "Here's a brighter version."),
                  ("Add more detail in the background.", "Here's a version with a more detailed background."),
                  ("Make it look like a vintage postcard.", "Here's a vintage postcard version.")]


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def sample_time(main_only=False):
    roll = 1.0 if main_only else rng.random()
    if roll < 0.05:
        start, end = EARLY
    elif roll < 0.062:
        start, end = RETENTION_ONLY
    else:
        start, end = MAIN
    days = (end - start).days
    day = start + timedelta(days=rng.randint(0, days))
    hour = rng.choice([7, 8, 9, 10, 11, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 20, 21, 21, 22, 23])
    return day.replace(hour=hour, minute=rng.randint(0, 59), second=rng.choice([0, 0, 12, 27, 41, 55]))


def weighted_theme(themes):
    weights = [0.45, 0.28, 0.17, 0.10][: len(themes)]
    return rng.choices(themes, weights=weights)[0]


def voiceify(text):
    spoken = text[0].lower() + text[1:]
    spoken = spoken.rstrip("?.!")
    return rng.choice(VOICE_PREFIX) + spoken


# ---------------------------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------------------------


def build_accounts():
    counters = dict(SURFACE_START)
    accounts = []
    center_number = 11
    for p in PERSONS:
        p["account_ids"] = []
        center = None
        if p["center"]:
            center = f"ac:{center_number}"
            center_number += 1
        base_notice = datetime(2025, 10, 1, 9, 0, tzinfo=UTC) + timedelta(days=rng.randint(0, 70))
        for surface, country, over in p["accounts"]:
            account_id = f"{SURFACE_PREFIX[surface]}:{counters[surface]}"
            counters[surface] += 1
            record = {"account_id": account_id, "surface": surface}
            if center:
                record["accounts_center_id"] = center
            if country:
                record["country"] = country
            if p["birth_year"] is not None:
                record["birth_year"] = p["birth_year"]
            notified = over.get("notified")
            if notified is None:
                record["notified_at"] = iso(base_notice + timedelta(hours=rng.randint(0, 48)))
            elif notified.startswith("late:"):
                record["notified_at"] = notified[5:]
            record["ai_personalization"] = over.get("opt", "on")
            record["hidden_topics"] = list(over.get("hidden", p["hidden"]))
            accounts.append(record)
            p["account_ids"].append((account_id, surface))
    return accounts


# ---------------------------------------------------------------------------------------------
# Catalog
# ---------------------------------------------------------------------------------------------


def build_catalog():
    items = []
    for theme in THEMES.values():
        for kind, item_id, title, text, advertiser in theme["items"]:
            record = {"item_id": item_id, "kind": kind, "title": title, "text": text,
                      "topics": list(ITEM_TOPICS[item_id])}
            if advertiser:
                record["advertiser"] = advertiser
            items.append(record)
    assert set(ITEM_TOPICS) == {item["item_id"] for item in items}, "ITEM_TOPICS and the themes' items differ"
    return items


# ---------------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------------


def exchanges_count():
    return rng.choices([1, 2, 3, 4], weights=[0.35, 0.35, 0.2, 0.1])[0]


def assistant_conversation(theme_name, lang, modality):
    theme = THEMES[theme_name]
    local = LOCAL.get(lang, {}).get(theme_name)
    use_local = local is not None and modality in ("text", "voice") and rng.random() < 0.85
    source = local if use_local else theme
    answers = LOCAL_ANSWERS if use_local else ANSWERS
    turns = []
    if modality == "image":
        turns.append(("user", rng.choice(IMAGE_ASK)))
        turns.append(("assistant", rng.choice(theme["photo"]) + " " + rng.choice(theme["reply"])))
    elif modality == "video":
        turns.append(("user", rng.choice(VIDEO_ASK)))
        turns.append(("assistant", rng.choice(theme["video"]) + " " + rng.choice(theme["reply"])))
    else:
        ask = rng.choice(source["ask"])
        reply = answers[ask]
        if not use_local and modality == "text":
            ask = rng.choice(PREFIX) + ask + rng.choice(SUFFIX)
        turns.append(("user", ask))
        turns.append(("assistant", reply))
    follows = list(source["follow"])
    rng.shuffle(follows)
    for index in range(exchanges_count() - 1):
        if index < len(follows):
            follow = follows[index]
            reply = answers[follow]
        else:
            follow = rng.choice(GENERIC_FOLLOW)
            reply = rng.choice(GENERIC_REPLY)
        turns.append(("user", follow))
        turns.append(("assistant", reply))
    if modality == "voice":
        turns = [(role, voiceify(text) if role == "user" else text) for role, text in turns]
    return turns


def imagine_conversation(theme_name):
    theme = THEMES[theme_name]
    prompt = rng.choice(theme["imagine"])
    if rng.random() < 0.25:
        photo = rng.choice(theme["photo"])
        turns = [("user", "Restyle this photo as a painting."),
                 ("assistant", photo + " Here's a painted version of it.")]
        modality = "image"
    else:
        turns = [("user", rng.choice(IMAGINE_ASK).format(p=prompt)), ("assistant", f"Here's an image of {prompt}.")]
        modality = "text"
    for follow, reply in rng.sample(IMAGINE_FOLLOW, exchanges_count() - 1):
        turns += [("user", follow), ("assistant", reply)]
    return modality, turns


def vibes_conversation(theme_name):
    theme = THEMES[theme_name]
    if rng.random() < 0.3:
        clip = rng.choice(theme["video"])
        return "video", [("user", "Remix this clip with upbeat music."),
                         ("assistant", clip + " Here's a remix with an upbeat soundtrack.")]
    prompt = rng.choice(theme["imagine"])
    turns = [("user", f"Make a short video of {prompt}."),
             ("assistant", f"Here's a 10-second video of {prompt}.")]
    if rng.random() < 0.4:
        turns += [("user", "Make it slow motion."), ("assistant", "Here's a slow-motion version.")]
    return "text", turns


def ai_event(account_id, surface, theme_name, lang, at):
    if surface == "glasses":
        product = "glasses"
        modality = rng.choices(["voice", "image", "video"], weights=[0.5, 0.35, 0.15])[0]
        turns = assistant_conversation(theme_name, lang, modality)
    else:
        products = ["assistant", "imagine", "vibes"] if surface in ("facebook", "instagram") else ["assistant", "imagine"]
        weights = [0.75, 0.15, 0.10] if len(products) == 3 else [0.85, 0.15]
        product = rng.choices(products, weights=weights)[0]
        if product == "assistant":
            modality = rng.choices(["text", "voice", "image", "video"], weights=[0.68, 0.16, 0.13, 0.03])[0]
            turns = assistant_conversation(theme_name, lang, modality)
        elif product == "imagine":
            modality, turns = imagine_conversation(theme_name)
        else:
            modality, turns = vibes_conversation(theme_name)
    return {"kind": "ai_interaction", "account_id": account_id, "at": at, "product": product,
            "modality": modality, "encrypted": False, "turns": turns}


KIND_WEIGHTS = {
    "facebook": {"post": 0.3, "group": 0.25, "page": 0.2, "ad": 0.15, "reel": 0.1},
    "instagram": {"reel": 0.45, "post": 0.25, "ad": 0.2, "page": 0.1},
    "whatsapp": {"group": 0.5, "page": 0.4, "ad": 0.1},
    "messenger": {"post": 0.4, "ad": 0.3, "page": 0.3},
}
ACTION_WEIGHTS = {
    "ad": {"like": 0.6, "share": 0.2, "comment": 0.2},
    "post": {"like": 0.6, "share": 0.2, "comment": 0.2},
    "reel": {"like": 0.6, "share": 0.25, "comment": 0.15},
    "group": {"join": 0.8, "comment": 0.2},
    "page": {"follow": 0.7, "like": 0.3},
}


def pick(weights):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def engagement_event(account_id, surface, themes, at, seen):
    for _ in range(20):
        theme_name = weighted_theme(themes) if rng.random() < 0.85 else rng.choice(list(THEMES))
        kind = pick(KIND_WEIGHTS[surface])
        item = next(i for i in THEMES[theme_name]["items"] if i[0] == kind)
        action = pick(ACTION_WEIGHTS[kind])
        if (account_id, item[1], action) not in seen:
            seen.add((account_id, item[1], action))
            return {"kind": "engagement", "account_id": account_id, "at": at, "action": action, "item_id": item[1]}
    return None


def choose_account(p):
    ids = p["account_ids"]
    weights = [0.6 if surface == "glasses" else 1.0 for _, surface in ids]
    return rng.choices(ids, weights=weights)[0]


def build_events():
    raw = []
    seen = set()
    for p in PERSONS:
        for _ in range(p["events"]):
            account_id, surface = choose_account(p)
            at = sample_time()
            if surface == "glasses" or rng.random() < 0.555:
                event = ai_event(account_id, surface, weighted_theme(p["themes"]), p["lang"], at)
            else:
                event = engagement_event(account_id, surface, p["themes"], at, seen)
                if event is None:
                    event = ai_event(account_id, surface, weighted_theme(p["themes"]), p["lang"], at)
            event["label"] = None
            raw.append(event)

    # Sensitive conversations and near misses go to people whose data is otherwise usable (allowed country,
    # adult, opted in, notified), after the effective date and inside retention, so that the sensitive
    # rule is what decides.
    def usable(p):
        return p["birth_year"] is not None and p["birth_year"] <= 2005 and all(
            country not in EXCLUDED and country is not None and not over for _, country, over in p["accounts"])

    pool = [p for p in PERSONS if usable(p)]

    def candidates(theme, lang):
        exact = [p for p in pool if theme in p["themes"] and p["lang"] == lang]
        if exact:
            return exact
        same_lang = [p for p in pool if p["lang"] == lang]
        return same_lang if lang != "en" else [p for p in pool if theme in p["themes"]] or pool

    for category, theme, lang, texts in SENSITIVE:
        p = rng.choice(candidates(theme, lang))
        account_id, surface = choose_account(p)
        turns = [("user" if i % 2 == 0 else "assistant", t) for i, t in enumerate(texts)]
        if surface == "glasses":
            product, modality = "glasses", "voice"
            turns = [(r, voiceify(t) if r == "user" else t) for r, t in turns]
        else:
            product = "assistant"
            modality = "voice" if rng.random() < 0.15 else "text"
            if modality == "voice":
                turns = [(r, voiceify(t) if r == "user" else t) for r, t in turns]
        raw.append({"kind": "ai_interaction", "account_id": account_id, "at": sample_time(True), "product": product,
                    "modality": modality, "encrypted": False, "turns": turns, "label": category})
    for theme, texts in NEAR_MISSES:
        p = rng.choice(candidates(theme, "en"))
        account_id, surface = choose_account(p)
        turns = [("user" if i % 2 == 0 else "assistant", t) for i, t in enumerate(texts)]
        product, modality = ("glasses", "voice") if surface == "glasses" else ("assistant", "text")
        raw.append({"kind": "ai_interaction", "account_id": account_id, "at": sample_time(True), "product": product,
                    "modality": modality, "encrypted": False, "turns": turns, "label": "near_miss"})

    raw.sort(key=lambda e: (e["at"], e["account_id"]))

    # ~4% of all events are end-to-end encrypted chats, drawn from WhatsApp and Messenger AI chats.
    private = [e for e in raw if e["kind"] == "ai_interaction" and e["account_id"][:3] in ("wa:", "ms:")]
    for event in rng.sample(private, round(0.04 * len(raw))):
        event["encrypted"] = True

    events, labels = [], {"sensitive": {}, "near_miss": []}
    conversation = 0
    for index, e in enumerate(raw, start=1):
        event_id = f"e-{index:04d}"
        record = {"event_id": event_id, "kind": e["kind"], "account_id": e["account_id"], "at": iso(e["at"])}
        if e["kind"] == "ai_interaction":
            conversation += 1
            record.update({"product": e["product"], "modality": e["modality"], "encrypted": e["encrypted"],
                           "conversation_id": f"c-{conversation:04d}",
                           "turns": [{"role": r, "text": t} for r, t in e["turns"]]})
        else:
            record.update({"action": e["action"], "item_id": e["item_id"]})
        if e["label"] == "near_miss":
            labels["near_miss"].append(event_id)
        elif e["label"]:
            labels["sensitive"][event_id] = e["label"]
        events.append(record)
    return events, labels


# ---------------------------------------------------------------------------------------------
# Bad input (for the rejection tests). Each line is described in README.md.
# ---------------------------------------------------------------------------------------------


def build_bad_events(accounts, catalog):
    first = accounts[0]["account_id"]
    item = catalog[0]["item_id"]

    def ai(event_id, text, at="2026-03-02T10:00:00Z", **extra):
        record = {"event_id": event_id, "kind": "ai_interaction", "account_id": first, "at": at,
                  "product": "assistant", "modality": "text", "encrypted": False, "conversation_id": f"c-{event_id}",
                  "turns": [{"role": "user", "text": text},
                            {"role": "assistant", "text": "Mid-cut waterproof boots with a stiff sole work well."}]}
        record.update(extra)
        return json.dumps(record, ensure_ascii=False)

    long_text = ("Which boots for a long trek across the mountains with a heavy pack? " * 1100)[:70000]
    lines = [
        ai("b-01", "Which boots should I buy for a three-day trek?"),
        "this line is not JSON at all",
        json.dumps({"event_id": "b-03", "kind": "engagement", "account_id": first, "at": "2026-03-02T11:00:00Z",
                    "action": "like"}),
        json.dumps({"event_id": "b-04", "kind": "engagement", "account_id": first, "at": 1772449200,
                    "action": "like", "item_id": item}),
        json.dumps({"event_id": "b-05", "kind": "engagement", "account_id": "fb:9999", "at": "2026-03-02T12:00:00Z",
                    "action": "follow", "item_id": "page:trail-runners"}),
        json.dumps({"event_id": "b-06", "kind": "engagement", "account_id": first, "at": "2026-03-02T13:00:00Z",
                    "action": "follow", "item_id": "page:trail-runners"}),
        ai("b-01", "A different conversation that reuses the id b-01.", at="2026-03-02T14:00:00Z"),
        '{"event_id":"b-08","kind":"engagement","account_id":"' + first + '","at":',
        ai("b-09", "Which trekking poles are best for steep descents?", encrypted="no"),
        ai("b-10", long_text, at="2026-03-02T15:00:00Z"),
        json.dumps({"event_id": "b-11", "kind": "engagement", "account_id": first, "at": "2026-03-02T16:00:00Z",
                    "action": "share", "item_id": "reel:ridge-hike"}),
    ]
    return lines


def write_jsonl(name, records):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            line = record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)
            handle.write(line + "\n")


def main():
    accounts = build_accounts()
    catalog = build_catalog()
    events, labels = build_events()
    bad = build_bad_events(accounts, catalog)
    write_jsonl("accounts.jsonl", accounts)
    write_jsonl("catalog.jsonl", catalog)
    write_jsonl("events.jsonl", events)
    write_jsonl("bad_events.jsonl", bad)
    with open(os.path.join(HERE, "labels.json"), "w", encoding="utf-8", newline="\n") as handle:
        json.dump(labels, handle, ensure_ascii=False, indent=1, sort_keys=True)
        handle.write("\n")
    print(f"accounts={len(accounts)} catalog={len(catalog)} events={len(events)} bad_lines={len(bad)}")


if __name__ == "__main__":
    main()
