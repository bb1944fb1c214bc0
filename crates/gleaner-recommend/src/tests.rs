use std::collections::BTreeSet;

use chrono::{Duration, TimeZone, Utc};
use gleaner_core::{
    Account, AccountId, AccountsCenterId, AiPersonalization, CatalogItem, ItemId, ItemKind,
    Modality, Purposes, Signal, SourceKind, Surface, Timestamp, TopicId,
};
use gleaner_policy::Policy;
use gleaner_profile::{build_profile, Profile, ProfileConfig, SignalsOfAccount};
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
    assert_eq!(ranked[3].because[0].relation, "same_root");
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
