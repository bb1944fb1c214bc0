use std::collections::BTreeSet;

use chrono::{Duration, TimeZone, Utc};
use gleaner_core::{
    Account, AccountId, AccountsCenterId, AiPersonalization, CatalogItem, ItemId, ItemKind,
    Modality, Purposes, Signal, SourceKind, Surface, Timestamp, TopicId,
};
use gleaner_policy::Policy;
use gleaner_profile::{
    build_profile, Interest, Profile, ProfileConfig, SignalsOfAccount, SourceSummary,
};
use gleaner_taxonomy::Taxonomy;
use proptest::prelude::*;

use crate::explain::explain;
use crate::*;

const TSV: &str = "id\tparent_id\tname\tiab_id\n\
9\t\tFood & Drink\t210\n\
20\t\tSports\t483\n\
412\t20\tHiking\t\n\
413\t412\tTrekking poles\t\n\
414\t20\tRunning\t\n";

fn taxonomy() -> Taxonomy {
    Taxonomy::parse(TSV).unwrap()
}

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap()
}

fn account(id: &str) -> Account {
    Account {
        account_id: AccountId::new(id),
        surface: Surface::new("instagram"),
        accounts_center_id: Some(AccountsCenterId::new("ac:1")),
        country: Some("US".parse().unwrap()),
        birth_year: Some(1980),
        notified_at: Some(Utc.with_ymd_and_hms(2025, 10, 1, 0, 0, 0).unwrap()),
        ai_personalization: Some(AiPersonalization::On),
        hidden_topics: Vec::new(),
    }
}

fn signal(owner: &Account, topic: u32, weight: f32) -> Signal {
    Signal {
        account_id: owner.account_id.clone(),
        event: gleaner_core::IdHasher::new(&[0; gleaner_core::ID_SECRET_LEN])
            .hash(&format!("{topic}-{weight}")),
        topic: TopicId(topic),
        weight,
        source: SourceKind::AiInteraction {
            product: "assistant".into(),
            modality: Modality::Voice,
        },
        surface: owner.surface.clone(),
        at: now() - Duration::days(1),
        purposes: Purposes::ALL,
    }
}

fn item(id: &str, kind: ItemKind) -> CatalogItem {
    CatalogItem {
        item_id: ItemId::new(id),
        kind,
        title: id.to_owned(),
        text: String::new(),
        topics: Vec::new(),
        advertiser: None,
    }
}

fn profile_of(me: &Account, signals: &[Signal]) -> Profile {
    build_profile(
        me,
        &[SignalsOfAccount {
            account: Some(me),
            signals,
        }],
        &Policy::default(),
        &taxonomy(),
        &ProfileConfig::default(),
        now(),
    )
}

#[test]
fn items_rank_by_topic_match_with_a_because_chain() {
    let taxonomy = taxonomy();
    let me = account("ig:1");
    let profile = profile_of(&me, &[signal(&me, 412, 2.0), signal(&me, 9, 0.5)]);
    let boots = item("ad:boots", ItemKind::Ad);
    let poles = item("ad:poles", ItemKind::Ad);
    let pasta = item("ad:pasta", ItemKind::Ad);
    let shoes = item("ad:running-shoes", ItemKind::Ad);
    let reel = item("reel:hike", ItemKind::Reel);
    let candidates = [
        CandidateItem {
            item: &boots,
            topics: &[TopicId(412)],
        },
        CandidateItem {
            item: &poles,
            topics: &[TopicId(413)],
        },
        CandidateItem {
            item: &pasta,
            topics: &[TopicId(9)],
        },
        CandidateItem {
            item: &shoes,
            topics: &[TopicId(414)],
        },
        CandidateItem {
            item: &reel,
            topics: &[TopicId(412)],
        },
    ];
    let ranked = recommend(
        &taxonomy,
        &profile,
        &candidates,
        &BTreeSet::new(),
        ItemKind::Ad,
        10,
    );
    let ids: Vec<&str> = ranked.iter().map(|entry| entry.item_id.as_str()).collect();
    assert_eq!(
        ids,
        ["ad:boots", "ad:poles", "ad:pasta", "ad:running-shoes"]
    );
    let top = &ranked[0].because[0];
    assert_eq!(top.relation, "exact");
    assert_eq!(top.source_kind, "ai_interaction");
    assert_eq!(top.surface.as_str(), "instagram");
    assert_eq!(top.account_id.as_str(), "ig:1");
    assert_eq!(ranked[1].because[0].relation, "broader");
    assert_eq!(ranked[2].because[0].relation, "root");
    assert_eq!(ranked[3].because[0].relation, "root");
    let limited = recommend(
        &taxonomy,
        &profile,
        &candidates,
        &BTreeSet::new(),
        ItemKind::Ad,
        1,
    );
    assert_eq!(limited.len(), 1);
}

#[test]
fn items_on_hidden_topics_are_never_recommended() {
    let taxonomy = taxonomy();
    let me = account("ig:1");
    let profile = profile_of(&me, &[signal(&me, 9, 1.0)]);
    let poles = item("ad:poles", ItemKind::Ad);
    let mixed = item("ad:trail-snacks", ItemKind::Ad);
    let candidates = [
        CandidateItem {
            item: &poles,
            topics: &[TopicId(413)],
        },
        CandidateItem {
            item: &mixed,
            topics: &[TopicId(9), TopicId(413)],
        },
    ];
    let hidden: BTreeSet<TopicId> = [TopicId(412)].into();
    assert!(recommend(&taxonomy, &profile, &candidates, &hidden, ItemKind::Ad, 10).is_empty());
    let explanation = explain(
        &taxonomy,
        &Policy::default(),
        &profile,
        &me,
        &candidates,
        candidates[1],
        &hidden,
        now(),
    );
    assert!(!explanation.would_show);
    assert_eq!(explanation.blocked_by, vec!["hidden_by_user".to_owned()]);
}

#[test]
fn explain_names_the_guardrail() {
    let taxonomy = taxonomy();
    let mut child = account("ig:2");
    child.birth_year = Some(2012);
    let adult = account("ig:1");
    let profile = profile_of(&child, &[signal(&child, 412, 1.0)]);
    let boots = item("ad:boots", ItemKind::Ad);
    let candidates = [CandidateItem {
        item: &boots,
        topics: &[TopicId(412)],
    }];
    let explanation = explain(
        &taxonomy,
        &Policy::default(),
        &profile,
        &child,
        &candidates,
        candidates[0],
        &BTreeSet::new(),
        now(),
    );
    assert!(!explanation.would_show);
    assert!(explanation.blocked_by.contains(&"minor".to_owned()));
    assert!(
        explanation.summary.contains("minor"),
        "{}",
        explanation.summary
    );

    let mut german = adult.clone();
    german.country = Some("DE".parse().unwrap());
    let explanation = explain(
        &taxonomy,
        &Policy::default(),
        &profile_of(&german, &[]),
        &german,
        &candidates,
        candidates[0],
        &BTreeSet::new(),
        now(),
    );
    assert_eq!(explanation.blocked_by, vec!["jurisdiction".to_owned()]);

    let profile = profile_of(&adult, &[signal(&adult, 412, 1.0)]);
    let explanation = explain(
        &taxonomy,
        &Policy::default(),
        &profile,
        &adult,
        &candidates,
        candidates[0],
        &BTreeSet::new(),
        now(),
    );
    assert!(explanation.would_show, "{explanation:?}");
    assert_eq!(explanation.rank, Some(1));
    assert!(explanation.summary.contains("Sports > Hiking"));
}

#[test]
fn explain_reports_signals_held_back_on_related_topics() {
    let taxonomy = taxonomy();
    let me = account("ig:1");
    let mut stranger = account("fb:9");
    stranger.accounts_center_id = Some(AccountsCenterId::new("ac:other"));
    let foreign = [signal(&stranger, 412, 1.0)];
    let profile = build_profile(
        &me,
        &[SignalsOfAccount {
            account: Some(&stranger),
            signals: &foreign,
        }],
        &Policy::default(),
        &taxonomy,
        &ProfileConfig::default(),
        now(),
    );
    let boots = item("ad:boots", ItemKind::Ad);
    let candidates = [CandidateItem {
        item: &boots,
        topics: &[TopicId(412)],
    }];
    let explanation = explain(
        &taxonomy,
        &Policy::default(),
        &profile,
        &me,
        &candidates,
        candidates[0],
        &BTreeSet::new(),
        now(),
    );
    assert!(!explanation.would_show);
    assert_eq!(explanation.blocked_by, vec!["not_linked".to_owned()]);
}

proptest! {
    #[test]
    fn recommend_never_panics_and_never_exceeds_the_limit(
        weights in prop::collection::vec((prop::sample::select(vec![9u32, 20, 412, 413, 414, 999]), 0.0f32..5.0), 0..8),
        item_topics in prop::collection::vec(prop::collection::vec(prop::sample::select(vec![9u32, 20, 412, 413, 414, 999]), 0..3), 0..8),
        limit in 0usize..5,
    ) {
        let taxonomy = taxonomy();
        let me = account("ig:1");
        let signals: Vec<Signal> = weights.iter().map(|(topic, weight)| signal(&me, *topic, *weight)).collect();
        let profile = profile_of(&me, &signals);
        let items: Vec<CatalogItem> = (0..item_topics.len()).map(|index| item(&format!("ad:{index}"), ItemKind::Ad)).collect();
        let topic_lists: Vec<Vec<TopicId>> = item_topics.iter().map(|topics| topics.iter().copied().map(TopicId).collect()).collect();
        let candidates: Vec<CandidateItem<'_>> = items.iter().zip(&topic_lists).map(|(item, topics)| CandidateItem { item, topics }).collect();
        let ranked = recommend(&taxonomy, &profile, &candidates, &BTreeSet::new(), ItemKind::Ad, limit);
        prop_assert!(ranked.len() <= limit);
        for pair in ranked.windows(2) {
            prop_assert!(pair[0].score >= pair[1].score);
        }
    }

    /// `recommend` matches each distinct topic against the profile once;
    /// the ranking is the one scoring every item on its own gives.
    #[test]
    fn recommend_ranks_as_scoring_each_item_alone_does(
        weights in prop::collection::vec((prop::sample::select(vec![9u32, 20, 412, 413, 414, 999]), 0.0f32..5.0), 0..8),
        item_topics in prop::collection::vec(prop::collection::vec(prop::sample::select(vec![9u32, 20, 412, 413, 414, 999]), 0..3), 0..12),
    ) {
        let taxonomy = taxonomy();
        let me = account("ig:1");
        let signals: Vec<Signal> = weights.iter().map(|(topic, weight)| signal(&me, *topic, *weight)).collect();
        let profile = profile_of(&me, &signals);
        let items: Vec<CatalogItem> = (0..item_topics.len()).map(|index| item(&format!("ad:{index:02}"), ItemKind::Ad)).collect();
        let topic_lists: Vec<Vec<TopicId>> = item_topics.iter().map(|topics| topics.iter().copied().map(TopicId).collect()).collect();
        let candidates: Vec<CandidateItem<'_>> = items.iter().zip(&topic_lists).map(|(item, topics)| CandidateItem { item, topics }).collect();
        let ranked = recommend(&taxonomy, &profile, &candidates, &BTreeSet::new(), ItemKind::Ad, usize::MAX);
        let mut one_by_one: Vec<Recommendation> = candidates
            .iter()
            .filter_map(|candidate| crate::rank::score_item(&taxonomy, &profile, *candidate))
            .collect();
        one_by_one.sort_by(|left, right| right.score.total_cmp(&left.score).then_with(|| left.item_id.cmp(&right.item_id)));
        prop_assert_eq!(ranked, one_by_one);
    }
}

// ------------------------------------------------- specific evidence first
//
// Issue 15: root-level matches ("Sports" against "Sports") used to count as
// much as exact leaf matches, so a hiker saw golf, guitar and bread ads as
// equals of hiking boots. These run on the bundled taxonomy.

const SPORTS: u32 = 20;
const HIKING_AND_TREKKING: u32 = 410;
const DAY_HIKING: u32 = 411;
const HIKING_GEAR: u32 = 412;
const MULTI_DAY_TREKKING: u32 = 413;
const RUNNING: u32 = 414;
const TRAIL_RUNNING: u32 = 416;
const GOLF: u32 = 434;
const FISHING: u32 = 455;
const FOOD_AND_DRINK: u32 = 9;
const BAKING_AND_DESSERTS: u32 = 339;
const BREAD_BAKING: u32 = 340;
const CAKES: u32 = 341;
const HOBBIES: u32 = 10;
const MUSICAL_INSTRUMENTS: u32 = 490;
const GUITAR: u32 = 491;
const PIANO: u32 = 492;

/// Topics of every tier on three roots, for the properties.
const SAMPLE_TOPICS: [u32; 17] = [
    SPORTS,
    HIKING_AND_TREKKING,
    DAY_HIKING,
    HIKING_GEAR,
    MULTI_DAY_TREKKING,
    RUNNING,
    TRAIL_RUNNING,
    GOLF,
    FISHING,
    FOOD_AND_DRINK,
    BAKING_AND_DESSERTS,
    BREAD_BAKING,
    CAKES,
    HOBBIES,
    MUSICAL_INSTRUMENTS,
    GUITAR,
    PIANO,
];

/// A profile holding exactly these (topic, weight) interests, each from one
/// AI interaction on the serving account, on the bundled taxonomy.
fn profile_with(interests: &[(u32, f64)]) -> Profile {
    let taxonomy = Taxonomy::embedded();
    let me = account("ig:1");
    let mut interests: Vec<Interest> = interests
        .iter()
        .map(|(topic, weight)| Interest {
            topic: TopicId(*topic),
            path: taxonomy.path(TopicId(*topic)).unwrap(),
            weight: *weight,
            ads_weight: *weight,
            content_weight: *weight,
            sources: vec![SourceSummary {
                kind: "ai_interaction",
                surface: me.surface.clone(),
                account_id: me.account_id.clone(),
                signals: 1,
                weight: *weight,
                last_at: now(),
            }],
            contributing_accounts: vec![me.account_id.clone()],
        })
        .collect();
    interests.sort_by(|left, right| {
        right
            .weight
            .total_cmp(&left.weight)
            .then(left.topic.cmp(&right.topic))
    });
    Profile {
        account_id: me.account_id.clone(),
        surface: me.surface.clone(),
        computed_at: now(),
        interests,
        withheld: std::collections::BTreeMap::new(),
        withheld_by_topic: std::collections::BTreeMap::new(),
    }
}

/// Ranks ads with the given topics (`ad:<name>`) for a profile.
fn rank_ads(profile: &Profile, ads: &[(&str, Vec<u32>)]) -> Vec<Recommendation> {
    let items: Vec<CatalogItem> = ads
        .iter()
        .map(|(name, _)| item(&format!("ad:{name}"), ItemKind::Ad))
        .collect();
    let topic_lists: Vec<Vec<TopicId>> = ads
        .iter()
        .map(|(_, topics)| topics.iter().copied().map(TopicId).collect())
        .collect();
    let candidates: Vec<CandidateItem<'_>> = items
        .iter()
        .zip(&topic_lists)
        .map(|(item, topics)| CandidateItem { item, topics })
        .collect();
    recommend(
        Taxonomy::embedded(),
        profile,
        &candidates,
        &BTreeSet::new(),
        ItemKind::Ad,
        usize::MAX,
    )
}

fn ids(ranked: &[Recommendation]) -> Vec<&str> {
    ranked.iter().map(|entry| entry.item_id.as_str()).collect()
}

#[test]
fn match_kinds_name_where_the_topics_meet() {
    let taxonomy = Taxonomy::embedded();
    let relation = |interest: u32, item_topic: u32| {
        topic_match(taxonomy, TopicId(interest), TopicId(item_topic)).map(|found| {
            (
                found.relation,
                found.match_topic.0,
                found.match_tier,
                found.factor,
            )
        })
    };
    assert_eq!(
        relation(HIKING_GEAR, HIKING_GEAR),
        Some(("exact", HIKING_GEAR, 3, 1.0))
    );
    assert_eq!(
        relation(HIKING_AND_TREKKING, HIKING_AND_TREKKING),
        Some(("exact", HIKING_AND_TREKKING, 2, 0.6))
    );
    let (kind, topic, tier, factor) = relation(HIKING_AND_TREKKING, HIKING_GEAR).unwrap();
    assert_eq!((kind, topic, tier), ("broader", HIKING_AND_TREKKING, 2));
    assert!((factor - 0.36).abs() < 1e-12);
    assert_eq!(
        relation(HIKING_GEAR, HIKING_AND_TREKKING).unwrap().0,
        "narrower"
    );
    assert_eq!(relation(DAY_HIKING, HIKING_GEAR).unwrap().0, "sibling");
    // "exact" is never said of a root: Sports meeting Sports is a root match.
    assert_eq!(relation(SPORTS, SPORTS), Some(("root", SPORTS, 1, 0.1)));
    assert_eq!(relation(SPORTS, HIKING_GEAR).unwrap().0, "root");
    assert_eq!(relation(HIKING_GEAR, SPORTS).unwrap().0, "root");
    assert_eq!(relation(HIKING_GEAR, GOLF).unwrap().0, "root");
    assert_eq!(relation(HIKING_GEAR, BREAD_BAKING), None);
    assert_eq!(relation(HIKING_GEAR, 99_999), None);
}

/// Issue 15: a hiker is shown hiking boots first, golf far behind, and
/// never guitar or bread-making ads.
#[test]
fn issue_15_a_hiker_sees_hiking_boots_above_golf_guitar_and_bread() {
    let hiker = profile_with(&[(SPORTS, 2.0), (HIKING_AND_TREKKING, 1.5)]);
    let ranked = rank_ads(
        &hiker,
        &[
            ("boots", vec![SPORTS, HIKING_AND_TREKKING, HIKING_GEAR]),
            ("golf", vec![SPORTS, GOLF]),
            ("guitar", vec![HOBBIES, GUITAR]),
            ("bread", vec![FOOD_AND_DRINK, BREAD_BAKING]),
        ],
    );
    assert_eq!(ids(&ranked), ["ad:boots", "ad:golf"]);
    let boots = &ranked[0];
    let golf = &ranked[1];
    assert!(boots.score > 3.0 * golf.score, "{ranked:?}");
    // The chain names the most specific topic that matched, first.
    assert_eq!(boots.because[0].path, "Sports > Hiking & trekking");
    assert_eq!(boots.because[0].relation, "broader");
    assert_eq!(boots.because[0].item_topic, TopicId(HIKING_GEAR));
    assert!(golf.because.iter().all(|link| link.relation == "root"));
}

/// Issue 15: a person whose only interest is a root is not told of exact
/// matches, and a specific interest no heavier than it still leads.
#[test]
fn issue_15_a_root_only_interest_gives_root_matches_that_specific_ones_outrank() {
    let ads = [
        ("boots", vec![HIKING_GEAR]),
        ("golf", vec![GOLF]),
        ("sports-drink", vec![SPORTS]),
        ("reel", vec![SPORTS, FISHING]),
    ];
    let root_only = profile_with(&[(SPORTS, 3.0)]);
    let ranked = rank_ads(&root_only, &ads);
    assert_eq!(ranked.len(), 4);
    for entry in &ranked {
        assert_eq!(entry.because.len(), 1, "{entry:?}");
        assert_eq!(entry.because[0].relation, "root", "{entry:?}");
        assert!(entry.score <= SPECIFICITY_BY_TIER[0] * 3.0 + 1e-12);
    }
    // The item on the root topic itself fits a root interest best.
    assert_eq!(ranked[0].item_id.as_str(), "ad:sports-drink");

    let with_fishing = profile_with(&[(SPORTS, 3.0), (FISHING, 1.0)]);
    let ranked = rank_ads(&with_fishing, &ads);
    assert_eq!(ranked[0].item_id.as_str(), "ad:reel");
    assert_eq!(ranked[0].because[0].path, "Sports > Fishing");
    assert_eq!(ranked[0].because[0].relation, "exact");

    let with_light_gear = profile_with(&[(SPORTS, 3.0), (HIKING_GEAR, 3.0)]);
    let ranked = rank_ads(&with_light_gear, &ads);
    assert_eq!(ranked[0].item_id.as_str(), "ad:boots");
}

/// An item tagged with a topic and its ancestors counts the deepest tag
/// once, not every tag of the lineage.
#[test]
fn lineage_tags_count_once() {
    let profile = profile_with(&[(HIKING_GEAR, 1.0)]);
    let ranked = rank_ads(
        &profile,
        &[
            ("tagged-gear", vec![HIKING_GEAR]),
            (
                "tagged-lineage",
                vec![SPORTS, HIKING_AND_TREKKING, HIKING_GEAR],
            ),
        ],
    );
    assert_eq!(ranked.len(), 2);
    assert!((ranked[0].score - ranked[1].score).abs() < 1e-12);
    assert_eq!(ranked[1].because.len(), 1);
}

/// An interest that is the best match of several of an item's topics is
/// named once, carrying their summed share.
#[test]
fn the_chain_names_each_interest_once() {
    let profile = profile_with(&[(HIKING_AND_TREKKING, 1.0)]);
    let ranked = rank_ads(
        &profile,
        &[("two-hikes", vec![DAY_HIKING, MULTI_DAY_TREKKING, GOLF])],
    );
    let because = &ranked[0].because;
    assert_eq!(because.len(), 1, "{because:?}");
    assert_eq!(because[0].relation, "broader");
    assert!((because[0].contribution - (0.36 + 0.36 + 0.02)).abs() < 1e-12);
    assert!((ranked[0].score - because[0].contribution).abs() < 1e-12);
}

fn sample_ads(item_topics: &[Vec<u32>]) -> Vec<(String, Vec<u32>)> {
    item_topics
        .iter()
        .enumerate()
        .map(|(index, topics)| (format!("{index:02}"), topics.clone()))
        .collect()
}

fn rank_sample(profile: &Profile, ads: &[(String, Vec<u32>)]) -> Vec<Recommendation> {
    let borrowed: Vec<(&str, Vec<u32>)> = ads
        .iter()
        .map(|(name, topics)| (name.as_str(), topics.clone()))
        .collect();
    rank_ads(profile, &borrowed)
}

fn matches_any(interest: u32, item_topics: &[u32]) -> bool {
    item_topics.iter().any(|item_topic| {
        topic_match(
            Taxonomy::embedded(),
            TopicId(interest),
            TopicId(*item_topic),
        )
        .is_some()
    })
}

proptest! {
    /// Adding a more specific interest (one below an interest already
    /// held) never lowers the score of any item, and never lets an item
    /// it does not match pass one it matches: the items it matches only
    /// gain rank.
    #[test]
    fn adding_a_more_specific_interest_never_lowers_an_item_it_matches(
        held in prop::collection::vec((prop::sample::select(SAMPLE_TOPICS.to_vec()), 0.01f64..5.0), 0..6),
        added in (prop::sample::select(SAMPLE_TOPICS.to_vec()), 0.01f64..5.0),
        item_topics in prop::collection::vec(prop::collection::vec(prop::sample::select(SAMPLE_TOPICS.to_vec()), 1..4), 1..10),
    ) {
        let taxonomy = Taxonomy::embedded();
        let (added_topic, added_weight) = added;
        let parent_opt = taxonomy.get(TopicId(added_topic)).unwrap().parent;
        prop_assume!(parent_opt.is_some());
        let mut held: Vec<(u32, f64)> = held
            .into_iter()
            .filter(|(topic, _)| *topic != added_topic)
            .collect();
        held.sort_by_key(|(topic, _)| *topic);
        held.dedup_by_key(|(topic, _)| *topic);
        let parent = parent_opt.unwrap().0;
        if !held.iter().any(|(topic, _)| *topic == parent) {
            held.push((parent, 1.0));
        }
        let before_profile = profile_with(&held);
        let mut with_added = held.clone();
        with_added.push((added_topic, added_weight));
        let after_profile = profile_with(&with_added);

        let ads = sample_ads(&item_topics);
        let before = rank_sample(&before_profile, &ads);
        let after = rank_sample(&after_profile, &ads);
        let score_in = |ranked: &[Recommendation], id: &str| {
            ranked.iter().find(|entry| entry.item_id.as_str() == id).map_or(0.0, |entry| entry.score)
        };
        for (name, topics) in &ads {
            let id = format!("ad:{name}");
            let gained = score_in(&after, &id) - score_in(&before, &id);
            prop_assert!(gained >= -1e-9, "{id} lost {gained}");
            if !matches_any(added_topic, topics) {
                prop_assert!(gained.abs() <= 1e-9, "{id} not matched yet changed by {gained}");
            }
        }
        let position = |ranked: &[Recommendation], id: &str| {
            ranked.iter().position(|entry| entry.item_id.as_str() == id).unwrap_or(usize::MAX)
        };
        for (matched_name, matched_topics) in &ads {
            if !matches_any(added_topic, matched_topics) {
                continue;
            }
            let matched_id = format!("ad:{matched_name}");
            for (other_name, other_topics) in &ads {
                if matches_any(added_topic, other_topics) {
                    continue;
                }
                let other_id = format!("ad:{other_name}");
                let ahead_before = position(&before, &matched_id) < position(&before, &other_id);
                let ahead_after = position(&after, &matched_id) < position(&after, &other_id);
                prop_assert!(!ahead_before || ahead_after, "{other_id} passed {matched_id}");
            }
        }
    }

    /// An item that only a root interest matches never outranks an item
    /// matched below the root (tier 2 or 3) through an interest at least as
    /// heavy as that root interest.
    #[test]
    fn a_root_only_match_never_outranks_a_specific_one_of_comparable_weight(
        interests in prop::collection::vec((prop::sample::select(SAMPLE_TOPICS.to_vec()), 0.01f64..5.0), 1..6),
        item_topics in prop::collection::vec(prop::collection::vec(prop::sample::select(SAMPLE_TOPICS.to_vec()), 1..4), 2..10),
    ) {
        let taxonomy = Taxonomy::embedded();
        let mut interests = interests;
        interests.sort_by_key(|(topic, _)| *topic);
        interests.dedup_by_key(|(topic, _)| *topic);
        let profile = profile_with(&interests);
        let ads = sample_ads(&item_topics);
        let ranked = rank_sample(&profile, &ads);
        let position = |id: &str| {
            ranked.iter().position(|entry| entry.item_id.as_str() == id).unwrap_or(usize::MAX)
        };
        for (root_name, root_topics) in &ads {
            let matching: Vec<&(u32, f64)> = interests
                .iter()
                .filter(|(topic, _)| matches_any(*topic, root_topics))
                .collect();
            let [(root_interest, root_weight)] = matching.as_slice() else {
                continue;
            };
            if !taxonomy.get(TopicId(*root_interest)).unwrap().is_root() {
                continue;
            }
            for (specific_name, specific_topics) in &ads {
                let matched_below_root = interests.iter().any(|(interest, weight)| {
                    weight >= root_weight
                        && specific_topics.iter().any(|item_topic| {
                            topic_match(taxonomy, TopicId(*interest), TopicId(*item_topic))
                                .is_some_and(|found| found.match_tier >= 2)
                        })
                });
                if !matched_below_root {
                    continue;
                }
                let root_id = format!("ad:{root_name}");
                let specific_id = format!("ad:{specific_name}");
                prop_assert!(
                    position(&specific_id) < position(&root_id),
                    "{root_id} (root only) ranks above {specific_id}: {ranked:?}"
                );
            }
        }
    }
}
