use chrono::{Duration, TimeZone, Utc};
use gleaner_core::{
    Account, AccountId, AccountsCenterId, AiPersonalization, EngagementAction, ItemId, Modality,
    Purposes, Signal, SourceKind, Surface, Timestamp, TopicId,
};
use gleaner_policy::Policy;
use gleaner_taxonomy::Taxonomy;
use proptest::prelude::*;

use crate::*;

const TSV: &str = "id\tparent_id\tname\tiab_id\n\
9\t\tFood & Drink\t210\n\
20\t\tSports\t483\n\
412\t20\tHiking\t\n\
413\t412\tTrekking poles\t\n";

fn taxonomy() -> Taxonomy {
    Taxonomy::parse(TSV).unwrap()
}

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap()
}

fn account(id: &str, center: Option<&str>) -> Account {
    Account {
        account_id: AccountId::new(id),
        surface: Surface::new(if id.starts_with("ig") {
            "instagram"
        } else {
            "facebook"
        }),
        accounts_center_id: center.map(AccountsCenterId::new),
        country: Some("US".parse().unwrap()),
        birth_year: Some(1980),
        notified_at: Some(Utc.with_ymd_and_hms(2025, 10, 1, 0, 0, 0).unwrap()),
        ai_personalization: Some(AiPersonalization::On),
        hidden_topics: Vec::new(),
    }
}

fn ai_signal(owner: &Account, topic: u32, days_ago: i64) -> Signal {
    Signal {
        account_id: owner.account_id.clone(),
        event: gleaner_core::IdHasher::new(&[0; gleaner_core::ID_SECRET_LEN])
            .hash(&format!("{}-{topic}-{days_ago}", owner.account_id)),
        topic: TopicId(topic),
        weight: 1.0,
        source: SourceKind::AiInteraction {
            product: "assistant".into(),
            modality: Modality::Text,
        },
        surface: owner.surface.clone(),
        at: now() - Duration::days(days_ago),
        purposes: Purposes::ALL,
    }
}

fn like_signal(owner: &Account, topic: u32, days_ago: i64) -> Signal {
    Signal {
        source: SourceKind::Engagement {
            action: EngagementAction::Like,
            item_id: ItemId::new("post:1"),
        },
        ..ai_signal(owner, topic, days_ago)
    }
}

fn build(serving: &Account, sources: &[SignalsOfAccount<'_>]) -> Profile {
    build_profile(
        serving,
        sources,
        &Policy::default(),
        &taxonomy(),
        &ProfileConfig::default(),
        now(),
    )
}

#[test]
fn weights_decay_with_the_half_life_and_sum_per_topic() {
    let me = account("fb:1", None);
    let signals = [ai_signal(&me, 412, 0), ai_signal(&me, 412, 30)];
    let profile = build(
        &me,
        &[SignalsOfAccount {
            account: Some(&me),
            signals: &signals,
        }],
    );
    let hiking = profile.interest(TopicId(412)).unwrap();
    assert!((hiking.weight - 1.5).abs() < 1e-6, "{}", hiking.weight);
    assert_eq!(hiking.path, "Sports > Hiking");
    assert_eq!(hiking.sources.len(), 1);
    assert_eq!(hiking.sources[0].signals, 2);
}

#[test]
fn ai_and_engagement_sources_are_kept_apart() {
    let me = account("fb:1", None);
    let signals = [ai_signal(&me, 412, 1), like_signal(&me, 412, 1)];
    let profile = build(
        &me,
        &[SignalsOfAccount {
            account: Some(&me),
            signals: &signals,
        }],
    );
    let kinds: Vec<&str> = profile
        .interest(TopicId(412))
        .unwrap()
        .sources
        .iter()
        .map(|source| source.kind)
        .collect();
    assert_eq!(kinds.len(), 2);
    assert!(kinds.contains(&"ai_interaction") && kinds.contains(&"engagement"));
}

#[test]
fn linked_accounts_merge_and_unlinked_ones_never_do() {
    let me = account("fb:1", Some("ac:7"));
    let my_instagram = account("ig:1", Some("ac:7"));
    let stranger = account("ig:2", Some("ac:8"));
    let mine = [ai_signal(&me, 412, 1)];
    let linked = [
        ai_signal(&my_instagram, 412, 2),
        ai_signal(&my_instagram, 9, 2),
    ];
    let foreign = [ai_signal(&stranger, 20, 1)];
    let profile = build(
        &me,
        &[
            SignalsOfAccount {
                account: Some(&me),
                signals: &mine,
            },
            SignalsOfAccount {
                account: Some(&my_instagram),
                signals: &linked,
            },
            SignalsOfAccount {
                account: Some(&stranger),
                signals: &foreign,
            },
        ],
    );
    let hiking = profile.interest(TopicId(412)).unwrap();
    assert_eq!(
        hiking.contributing_accounts,
        vec![AccountId::new("fb:1"), AccountId::new("ig:1")]
    );
    assert!(profile.interest(TopicId(9)).is_some());
    assert!(
        profile.interest(TopicId(20)).is_none(),
        "a stranger's signal leaked"
    );
    assert_eq!(profile.withheld.get("not_linked"), Some(&1));
}

#[test]
fn hidden_topics_and_their_descendants_are_left_out() {
    let mut me = account("fb:1", None);
    me.hidden_topics = vec![TopicId(412)];
    let signals = [
        ai_signal(&me, 412, 1),
        ai_signal(&me, 413, 1),
        ai_signal(&me, 20, 1),
        ai_signal(&me, 9, 1),
    ];
    let profile = build(
        &me,
        &[SignalsOfAccount {
            account: Some(&me),
            signals: &signals,
        }],
    );
    let topics: Vec<TopicId> = profile
        .interests
        .iter()
        .map(|interest| interest.topic)
        .collect();
    assert_eq!(topics, vec![TopicId(9), TopicId(20)]);
    assert_eq!(profile.withheld.get("hidden_by_user"), Some(&2));
}

#[test]
fn minors_get_no_ad_weight_and_expired_signals_count_for_nothing() {
    let mut child = account("fb:1", None);
    child.birth_year = Some(2012);
    let signals = [ai_signal(&child, 412, 1), ai_signal(&child, 9, 400)];
    let profile = build(
        &child,
        &[SignalsOfAccount {
            account: Some(&child),
            signals: &signals,
        }],
    );
    // Default policy: no content for minors either.
    assert!(profile.interests.is_empty());
    assert_eq!(profile.withheld.get("minor"), Some(&2));
    assert_eq!(profile.withheld.get("expired"), Some(&1));
    let content_allowed = Policy::new(gleaner_policy::PolicyConfig {
        minors_content_allowed: true,
        ..gleaner_policy::PolicyConfig::default()
    });
    let profile = build_profile(
        &child,
        &[SignalsOfAccount {
            account: Some(&child),
            signals: &signals,
        }],
        &content_allowed,
        &taxonomy(),
        &ProfileConfig::default(),
        now(),
    );
    let hiking = profile.interest(TopicId(412)).unwrap();
    assert!(hiking.ads_weight.abs() < f64::EPSILON);
    assert!(hiking.content_weight > 0.9);
}

#[test]
fn ingest_time_purposes_still_bind() {
    let me = account("fb:1", None);
    let mut content_only = ai_signal(&me, 412, 1);
    content_only.purposes = Purposes::CONTENT_ONLY;
    let signals = [content_only];
    let profile = build(
        &me,
        &[SignalsOfAccount {
            account: Some(&me),
            signals: &signals,
        }],
    );
    let hiking = profile.interest(TopicId(412)).unwrap();
    assert!(hiking.ads_weight.abs() < f64::EPSILON);
}

proptest! {
    #[test]
    fn a_hidden_topic_or_descendant_never_appears(
        hidden in prop::sample::select(vec![9u32, 20, 412, 413]),
        topics in prop::collection::vec(prop::sample::select(vec![9u32, 20, 412, 413]), 0..12),
        linked_hidden in prop::bool::ANY,
    ) {
        let taxonomy = taxonomy();
        let mut me = account("fb:1", Some("ac:1"));
        let mut other = account("ig:1", Some("ac:1"));
        if linked_hidden { other.hidden_topics = vec![TopicId(hidden)]; } else { me.hidden_topics = vec![TopicId(hidden)]; }
        let mine: Vec<Signal> = topics.iter().enumerate().map(|(index, topic)| ai_signal(&me, *topic, index as i64)).collect();
        let theirs: Vec<Signal> = topics.iter().enumerate().map(|(index, topic)| like_signal(&other, *topic, index as i64)).collect();
        let profile = build(&me, &[
            SignalsOfAccount { account: Some(&me), signals: &mine },
            SignalsOfAccount { account: Some(&other), signals: &theirs },
        ]);
        for interest in &profile.interests {
            prop_assert!(!taxonomy.is_self_or_descendant_of(interest.topic, TopicId(hidden)));
        }
    }
}
