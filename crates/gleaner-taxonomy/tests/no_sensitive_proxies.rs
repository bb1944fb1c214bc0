//! SPEC §3: the taxonomy holds no proxy for a sensitive category, and it has
//! the shape the rest of Gleaner relies on.
//!
//! Every topic name and full path is normalised (lower case, diacritics
//! folded, split into words on anything that is not a letter or digit) and
//! matched against a deny-list of words and stems for each of the seven
//! categories. A pattern is a sequence of words; a word ending in `*` matches
//! any word starting with it (`politic*` matches "politics" and "political"),
//! any other word must match exactly, so `union` flags "Rugby union" but not
//! "reunion", and `hospital` does not flag "Hospitality industry".
//!
//! Decisions:
//! - `vegan*` and `vegetarian*` are denied as **philosophy**: ethical veganism
//!   has been held to be a protected philosophical belief, and vegetarianism
//!   is often religious. The taxonomy has no plant-based topic at all.
//! - `party` alone is **not** denied: it would flag birthday parties and party
//!   supplies; political parties are caught by `politic*`.
//! - `race` alone is not denied (car racing, races); `racial*`/`racism` are.
//! - `genealog*`, `ancestry`, `dna` and `genetic*` are denied (ethnic origin
//!   and genetic data), so neither Genealogy nor Genetics is a topic.
//! - Astrology, tarot and meditation count as spirituality, i.e. religion.
//! - A few Spanish, Portuguese and French stems are included, so the same
//!   list can vet the multilingual keyword lexicon of `gleaner-classify`.
//! - A few Spanish, Portuguese and French stems are included, so the same
//!   list can vet the multilingual keyword lexicon of `gleaner-classify`.

use std::collections::{HashMap, HashSet};

use gleaner_core::SensitiveCategory;
use gleaner_taxonomy::{Taxonomy, TopicId, MAX_TIER};

/// Words and stems whose presence in a topic name makes it a proxy.
const DENY_LIST: &[(SensitiveCategory, &[&str])] = &[
    (
        SensitiveCategory::Religion,
        &[
            "religio*",
            "bible*",
            "biblical",
            "church*",
            "chapel*",
            "christian*",
            "catholic*",
            "protestant*",
            "evangelic*",
            "mormon*",
            "islam*",
            "muslim*",
            "mosque*",
            "quran",
            "koran",
            "ramadan",
            "jewish",
            "judaism",
            "synagogue*",
            "torah",
            "hindu*",
            "buddhis*",
            "buddha",
            "sikh*",
            "jainism",
            "spiritual*",
            "prayer*",
            "pray",
            "praying",
            "worship*",
            "faith*",
            "halal",
            "kosher",
            "clergy",
            "rosary",
            "psalm*",
            "gospel*",
            "sermon*",
            "pilgrimage*",
            "astrolog*",
            "horoscope*",
            "tarot",
            "zodiac",
            "occult*",
            "witchcraft",
            "meditat*",
            "theolog*",
            "iglesia*",
            "igreja*",
            "eglise*",
            "oracion*",
            "oracao*",
            "priere*",
        ],
    ),
    (
        SensitiveCategory::SexualOrientation,
        &[
            "lgbt*",
            "gay",
            "gays",
            "lesbian*",
            "queer*",
            "transgender*",
            "transsexual*",
            "nonbinary",
            "non binary",
            "bisexual*",
            "homosexual*",
            "pride",
            "drag queen*",
            "same sex",
            "coming out",
            "sexual*",
            "sex",
            "erotic*",
            "dating",
            "gender identit*",
        ],
    ),
    (
        SensitiveCategory::Politics,
        &[
            "politic*",
            "politiq*",
            "eleccion*",
            "eleicao*",
            "eleicoes",
            "election*",
            "elector*",
            "campaign*",
            "conservative*",
            "liberal*",
            "activis*",
            "protest*",
            "partisan*",
            "democrat*",
            "republican*",
            "government*",
            "parliament*",
            "congress*",
            "senate*",
            "ballot*",
            "vote",
            "votes",
            "voting",
            "voter*",
            "referendum*",
            "lobbying",
            "immigration",
            "abortion*",
            "gun control",
            "nationalis*",
            "socialis*",
            "communis*",
            "feminis*",
            "left wing",
            "right wing",
        ],
    ),
    (
        SensitiveCategory::Health,
        &[
            "health*",
            "medical*",
            "medicine*",
            "disease*",
            "diabet*",
            "cancer*",
            "pregnan*",
            "fertility",
            "infertil*",
            "ivf",
            "therap*",
            "mental*",
            "psychiatr*",
            "psycholog*",
            "anxiety",
            "depression",
            "addict*",
            "rehab*",
            "sobriety",
            "alcoholism",
            "disabilit*",
            "disabled",
            "wheelchair*",
            "weight loss",
            "diet",
            "diets",
            "dieting",
            "dietary",
            "obes*",
            "clinic*",
            "hospital",
            "hospitals",
            "pharma*",
            "prescription*",
            "symptom*",
            "illness*",
            "diagnos*",
            "surgery",
            "surgical",
            "vaccin*",
            "allerg*",
            "gluten",
            "autis*",
            "adhd",
            "dementia",
            "alzheimer*",
            "hiv",
            "menopaus*",
            "contracept*",
            "birth control",
            "genetic*",
            "dna",
            "nutrition*",
            "supplement*",
            "wellness",
            "injur*",
            "eldercare",
            "caregiv*",
            "nursing",
            "hearing aid*",
            "dental",
            "dentist*",
            "special needs",
            "chronic",
            "blood pressure",
            "cholesterol",
            "eating disorder*",
            "insulin",
            "smoking cessation",
            "quit smoking",
            "salud",
            "saude",
            "sante",
            "embaraz*",
            "gravidez",
            "grossesse*",
        ],
    ),
    (
        SensitiveCategory::Ethnicity,
        &[
            "ethnic*",
            "african american*",
            "afro american*",
            "latino*",
            "latina*",
            "latinx",
            "hispanic*",
            "asian american*",
            "black owned",
            "indigenous",
            "native american*",
            "aboriginal*",
            "racial*",
            "racism",
            "racist*",
            "diaspora*",
            "people of color",
            "genealog*",
            "ancestry",
        ],
    ),
    (
        SensitiveCategory::Philosophy,
        &[
            "philosoph*",
            "atheis*",
            "agnostic*",
            "humanis*",
            "vegan*",
            "vegetarian*",
            "stoicism",
            "existentialis*",
            "nihilis*",
            "ideolog*",
        ],
    ),
    (
        SensitiveCategory::TradeUnion,
        &[
            "union",
            "unions",
            "unionis*",
            "trade union*",
            "labor",
            "labour",
            "strike",
            "strikes",
            "collective bargaining",
            "picket*",
            "shop steward*",
            "syndicat*",
            "sindica*",
            "teamsters",
        ],
    ),
];

/// Lower-cases and strips the diacritics of the Latin letters our four
/// languages use, so that "Religión" and "religion" compare equal.
fn fold_char(character: char) -> char {
    match character {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// Splits text into normalised words.
fn words_of(text: &str) -> Vec<String> {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(fold_char)
        .collect::<String>()
        .split(|character: char| !character.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

fn word_matches(pattern_word: &str, word: &str) -> bool {
    match pattern_word.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word == pattern_word,
    }
}

/// Returns the categories and patterns that `text` hits.
fn sensitive_hits(text: &str) -> Vec<(SensitiveCategory, &'static str)> {
    let words = words_of(text);
    let mut hits = Vec::new();
    for &(category, patterns) in DENY_LIST {
        for &pattern in patterns {
            let pattern_words: Vec<&str> = pattern.split(' ').collect();
            let found = words.windows(pattern_words.len()).any(|window| {
                window
                    .iter()
                    .zip(&pattern_words)
                    .all(|(word, pattern_word)| word_matches(pattern_word, word))
            });
            if found {
                hits.push((category, pattern));
            }
        }
    }
    hits
}

/// Returns every topic of `taxonomy` whose name or path hits the deny-list.
fn proxies_in(taxonomy: &Taxonomy) -> Vec<(String, Vec<(SensitiveCategory, &'static str)>)> {
    taxonomy
        .iter()
        .filter_map(|topic| {
            let path = taxonomy.path(topic.id).unwrap_or_default();
            let mut hits = sensitive_hits(&topic.name);
            hits.extend(sensitive_hits(&path));
            hits.dedup();
            (!hits.is_empty()).then_some((path, hits))
        })
        .collect()
}

#[test]
fn embedded_taxonomy_has_no_sensitive_proxy() {
    let proxies = proxies_in(Taxonomy::embedded());
    assert!(
        proxies.is_empty(),
        "sensitive proxies in taxonomy.tsv: {proxies:#?}"
    );
}

#[test]
fn deny_list_flags_the_spec_examples() {
    let synthetic = Taxonomy::parse(
        "id\tparent_id\tname\tiab_id\n\
         1\t\tBooks\t\n\
         2\t\tTravel\t\n\
         3\t\tFood\t\n\
         4\t\tPodcasts\t\n\
         10\t1\tBible study\t\n\
         20\t2\tLGBTQ travel\t\n\
         30\t3\tDiabetic recipes\t\n\
         40\t4\tPolitical podcasts\t\n",
    )
    .unwrap();
    let flagged: HashSet<String> = proxies_in(&synthetic)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    let expected: HashSet<String> = [
        "Books > Bible study",
        "Travel > LGBTQ travel",
        "Food > Diabetic recipes",
        "Podcasts > Political podcasts",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(flagged, expected);
}

#[test]
fn deny_list_covers_all_seven_categories() {
    let examples = [
        (SensitiveCategory::Religion, "Kosher cooking"),
        (SensitiveCategory::Religion, "Misas de la Iglesia y oración"),
        (SensitiveCategory::Religion, "Daily horoscopes"),
        (SensitiveCategory::SexualOrientation, "Gay nightlife"),
        (SensitiveCategory::SexualOrientation, "Pride parades"),
        (SensitiveCategory::Politics, "Election night"),
        (SensitiveCategory::Politics, "Conservative talk radio"),
        (SensitiveCategory::Health, "Cancer support"),
        (SensitiveCategory::Health, "Weight loss plans"),
        (SensitiveCategory::Health, "Pregnancy week by week"),
        (SensitiveCategory::Health, "Mental health apps"),
        (SensitiveCategory::Ethnicity, "Hispanic heritage"),
        (SensitiveCategory::Ethnicity, "Black-owned brands"),
        (SensitiveCategory::Philosophy, "Vegan recipes"),
        (SensitiveCategory::Philosophy, "Philosophy podcasts"),
        (SensitiveCategory::TradeUnion, "Trade union news"),
        (SensitiveCategory::TradeUnion, "Labor strikes"),
    ];
    for (category, text) in examples {
        let hits = sensitive_hits(text);
        assert!(
            hits.iter()
                .any(|(hit_category, _)| *hit_category == category),
            "`{text}` should be flagged as {category}, got {hits:?}"
        );
    }
    for category in SensitiveCategory::ALL {
        assert!(
            examples
                .iter()
                .any(|(example_category, _)| *example_category == category),
            "no example for {category}"
        );
    }
}

#[test]
fn deny_list_respects_word_boundaries() {
    let benign = [
        "Hospitality industry",
        "Alcoholic beverages",
        "Party supplies & decorations",
        "Ballroom & Latin dance",
        "Family reunions",
        "Transportation & shipping",
        "Sports > Motorsports > Formula 1",
        "Angel investors",
        "Gaming hardware",
        "Sextant navigation",
    ];
    for text in benign {
        let hits = sensitive_hits(text);
        assert!(hits.is_empty(), "`{text}` wrongly flagged: {hits:?}");
    }
}

#[test]
fn has_enough_topics_and_at_most_three_tiers() {
    let taxonomy = Taxonomy::embedded();
    assert!(taxonomy.len() >= 380, "only {} topics", taxonomy.len());
    for topic in taxonomy {
        assert!((1..=MAX_TIER).contains(&topic.tier), "{topic:?}");
        assert_eq!(
            usize::from(topic.tier),
            taxonomy.ancestors(topic.id).len() + 1,
            "{topic:?}"
        );
    }
    assert!(taxonomy.iter().any(|topic| topic.tier == 3));
}

#[test]
fn has_exactly_the_twenty_five_fixed_roots() {
    let taxonomy = Taxonomy::embedded();
    let expected_roots = [
        "Automotive",
        "Books & Literature",
        "Business & Finance",
        "Careers",
        "Education",
        "Events & Attractions",
        "Family & Parenting",
        "Fine Art",
        "Food & Drink",
        "Hobbies & Interests",
        "Home & Garden",
        "Movies",
        "Music & Audio",
        "Personal Finance",
        "Pets",
        "Pop Culture",
        "Real Estate",
        "Science",
        "Shopping",
        "Sports",
        "Style & Fashion",
        "Technology & Computing",
        "Television",
        "Travel",
        "Video Gaming",
    ];
    let roots = taxonomy.roots();
    assert_eq!(roots.len(), 25);
    for (index, (&root, expected_name)) in roots.iter().zip(expected_roots).enumerate() {
        assert_eq!(root, TopicId(u32::try_from(index).unwrap() + 1));
        assert_eq!(taxonomy.get(root).unwrap().name, expected_name);
    }
    for topic in taxonomy {
        if topic.parent.is_some() {
            assert!(topic.id.0 >= 100, "child with a root-range id: {topic:?}");
        }
    }
}

#[test]
fn every_non_root_has_an_existing_parent_and_ids_are_unique() {
    let taxonomy = Taxonomy::embedded();
    let mut seen_ids = HashSet::new();
    for topic in taxonomy {
        assert!(seen_ids.insert(topic.id), "duplicate id {}", topic.id);
        if let Some(parent) = topic.parent {
            assert!(taxonomy.get(parent).is_some(), "{topic:?}");
            assert!(taxonomy.children(parent).contains(&topic.id));
        }
        assert_eq!(
            taxonomy.root_of(topic.id).map(|root| root.0 <= 25),
            Some(true)
        );
    }
}

#[test]
fn names_are_unique_so_find_by_name_is_unambiguous() {
    let taxonomy = Taxonomy::embedded();
    for topic in taxonomy {
        assert_eq!(
            taxonomy.find_all_by_name(&topic.name),
            &[topic.id],
            "{topic:?}"
        );
    }
}

#[test]
fn iab_ids_are_unique_and_non_empty() {
    let taxonomy = Taxonomy::embedded();
    let mut topic_by_iab_id: HashMap<&str, TopicId> = HashMap::new();
    let mut mapped = 0;
    for topic in taxonomy {
        let Some(iab_id) = topic.iab_id.as_deref() else {
            continue;
        };
        mapped += 1;
        assert!(!iab_id.trim().is_empty(), "{topic:?}");
        assert!(
            iab_id.chars().all(|c| c.is_ascii_alphanumeric()),
            "{topic:?}"
        );
        if let Some(previous) = topic_by_iab_id.insert(iab_id, topic.id) {
            panic!("IAB id {iab_id} used by topics {previous} and {}", topic.id);
        }
    }
    assert!(
        mapped * 2 >= taxonomy.len(),
        "only {mapped} topics mapped to IAB"
    );
}

#[test]
fn queries_on_the_embedded_taxonomy() {
    let taxonomy = Taxonomy::embedded();
    let trail_running = taxonomy
        .find_by_path("Sports > Running > Trail running")
        .unwrap();
    let running = taxonomy.find_by_path("sports>running").unwrap();
    let sports = TopicId(20);
    assert_eq!(
        taxonomy.path(trail_running).as_deref(),
        Some("Sports > Running > Trail running")
    );
    assert_eq!(taxonomy.ancestors(trail_running), vec![running, sports]);
    assert!(taxonomy.is_self_or_descendant_of(trail_running, sports));
    assert!(taxonomy.is_self_or_descendant_of(trail_running, running));
    assert!(!taxonomy.is_self_or_descendant_of(sports, trail_running));
    assert!(!taxonomy.is_self_or_descendant_of(trail_running, TopicId(24)));
    assert_eq!(taxonomy.root_of(trail_running), Some(sports));
    assert_eq!(taxonomy.find_by_name("TRAIL  running"), Some(trail_running));
    assert!(taxonomy.descendants(sports).contains(&trail_running));
    // The hiking boots of the SPEC's catalog example.
    assert_eq!(
        taxonomy.path(TopicId(412)).as_deref(),
        Some("Sports > Hiking & trekking > Hiking & trekking gear")
    );
    assert!(std::ptr::eq(taxonomy, Taxonomy::embedded()));
}
