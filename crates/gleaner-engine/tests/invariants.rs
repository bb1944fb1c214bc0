//! Property tests of the guardrail invariants, end to end through the
//! engine: random event sequences over a narrow space of accounts, topics,
//! dates and flags, with a spy classifier that records what it reads.

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Cursor;
use std::sync::Arc;

use common::{ai_event, now, SpyClassifier, ACCOUNTS};
use gleaner_core::{AccountId, TopicId};
use gleaner_engine::ingest::NoProgress;
use gleaner_engine::{Engine, EngineConfig};
use gleaner_policy::Policy;
use gleaner_store::ModelStore;
use gleaner_taxonomy::Taxonomy;
use proptest::prelude::*;

const ACCOUNT_IDS: [&str; 6] = ["fb:1", "ig:1", "fb:2", "fb:de", "fb:kid", "fb:off"];

#[derive(Clone, Debug)]
struct RandomEvent {
    account: usize,
    day: u32,
    topic: usize,
    encrypted: bool,
    sensitive: bool,
}

fn topics() -> Vec<TopicId> {
    let taxonomy = Taxonomy::embedded();
    // A root, one of its children and a grandchild, and an unrelated root.
    let root = taxonomy.roots()[19];
    let child = taxonomy.children(root)[0];
    let grandchild_opt = taxonomy.children(child).first().copied();
    let other_root = taxonomy.roots()[8];
    let mut topics = vec![root, child, other_root];
    topics.extend(grandchild_opt);
    topics
}

fn random_event() -> impl Strategy<Value = RandomEvent> {
    (
        0..ACCOUNT_IDS.len(),
        1u32..28,
        0usize..4,
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(account, day, topic, encrypted, sensitive)| RandomEvent {
            account,
            day,
            topic,
            encrypted,
            sensitive,
        })
}

fn lines_of(events: &[RandomEvent]) -> Vec<String> {
    let topics = topics();
    events
        .iter()
        .enumerate()
        .map(|(index, event)| {
            let topic = topics[event.topic % topics.len()];
            let mut text = format!("#topic={topic}");
            if event.encrypted {
                write!(text, " ENCRYPTED-CANARY-{index}").unwrap();
            }
            if event.sensitive {
                text.push_str(" #sensitive=politics");
            }
            ai_event(
                &format!("p-{index}"),
                ACCOUNT_IDS[event.account],
                &format!("2026-01-{:02}T10:00:00Z", event.day),
                &text,
                event.encrypted,
            )
        })
        .collect()
}

fn engine() -> (Engine, Arc<SpyClassifier>) {
    let spy = Arc::new(SpyClassifier::default());
    let engine = Engine::new(
        Arc::new(ModelStore::new()),
        spy.clone(),
        Policy::default(),
        Taxonomy::embedded(),
        EngineConfig {
            batch_size: 3,
            ..EngineConfig::default()
        },
    );
    engine.ingest_accounts(Cursor::new(ACCOUNTS)).unwrap();
    let catalog: Vec<String> = topics()
        .iter()
        .flat_map(|topic| {
            ["ad", "post"].map(|kind| {
                serde_json::json!({"item_id": format!("{kind}:{topic}"), "kind": kind, "title": "item", "topics": [topic.0]})
                    .to_string()
            })
        })
        .collect();
    let report = engine
        .ingest_catalog(Cursor::new(catalog.join("\n")))
        .unwrap();
    assert_eq!(report.loaded, catalog.len());
    (engine, spy)
}

fn ingest(engine: &Engine, lines: &[String]) -> gleaner_engine::EventsReport {
    engine
        .ingest_events(Cursor::new(lines.join("\n")), now(), &NoProgress)
        .unwrap()
}

fn snapshot(engine: &Engine) -> Vec<serde_json::Value> {
    ACCOUNT_IDS
        .iter()
        .map(|id| {
            serde_json::to_value(engine.export(&AccountId::new(*id), now()).unwrap()).unwrap()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn ingesting_twice_changes_nothing(events in prop::collection::vec(random_event(), 0..16)) {
        let (engine, _) = engine();
        let lines = lines_of(&events);
        ingest(&engine, &lines);
        let before = (engine.store().stats().unwrap(), snapshot(&engine));
        let again = ingest(&engine, &lines);
        prop_assert_eq!(again.already_present, events.len());
        prop_assert_eq!(again.signals_written, 0);
        prop_assert_eq!((engine.store().stats().unwrap(), snapshot(&engine)), before);
    }

    #[test]
    fn encrypted_text_never_reaches_the_classifier(events in prop::collection::vec(random_event(), 0..16)) {
        let (engine, spy) = engine();
        ingest(&engine, &lines_of(&events));
        let seen = spy.seen.lock().unwrap();
        prop_assert!(seen.iter().all(|text| !text.contains("ENCRYPTED-CANARY")));
    }

    #[test]
    fn sensitive_conversations_contribute_nothing(events in prop::collection::vec(random_event(), 1..16)) {
        let (engine, _) = engine();
        ingest(&engine, &lines_of(&events));
        for (index, event) in events.iter().enumerate() {
            if !event.sensitive {
                continue;
            }
            let event_hash = gleaner_core::EventId::new(format!("p-{index}")).hashed(engine.store().id_hasher());
            let signals = engine.store().signals_of(&AccountId::new(ACCOUNT_IDS[event.account])).unwrap();
            prop_assert!(signals.iter().all(|signal| signal.event != event_hash));
        }
    }

    #[test]
    fn hidden_topics_and_descendants_never_appear(
        events in prop::collection::vec(random_event(), 1..16),
        hidden_index in 0usize..4,
        hide_on in 0usize..2,
    ) {
        let (engine, _) = engine();
        ingest(&engine, &lines_of(&events));
        let hidden = topics()[hidden_index % topics().len()];
        let shown_before: usize = ["fb:1", "ig:1"]
            .iter()
            .map(|serving| engine.recommend(&AccountId::new(*serving), gleaner_core::ItemKind::Ad, 50, now()).unwrap().len())
            .sum();
        // fb:1 and ig:1 are linked: hiding on either hides for both.
        engine.hide_topic(&AccountId::new(["fb:1", "ig:1"][hide_on]), hidden).unwrap();
        let taxonomy = Taxonomy::embedded();
        for serving in ["fb:1", "ig:1"] {
            let profile = engine.profile(&AccountId::new(serving), None, now()).unwrap();
            for interest in &profile.interests {
                prop_assert!(!taxonomy.is_self_or_descendant_of(interest.topic, hidden));
            }
            for kind in [gleaner_core::ItemKind::Ad, gleaner_core::ItemKind::Post] {
                for recommendation in engine.recommend(&AccountId::new(serving), kind, 50, now()).unwrap() {
                    let item = engine.store().catalog_item(&recommendation.item_id).unwrap().unwrap();
                    prop_assert!(item.topics.iter().all(|topic| !taxonomy.is_self_or_descendant_of(*topic, hidden)));
                }
            }
        }
        // The property is not vacuous: recommendations existed before hiding
        // whenever the linked pair had any usable signal.
        let had_usable_signal = events.iter().any(|event| event.account < 2 && !event.encrypted && !event.sensitive);
        prop_assert!(!had_usable_signal || shown_before > 0);
    }

    #[test]
    fn after_forget_nothing_is_found_by_the_account_id(
        events in prop::collection::vec(random_event(), 0..16),
        forgotten in 0usize..ACCOUNT_IDS.len(),
    ) {
        let (engine, _) = engine();
        ingest(&engine, &lines_of(&events));
        let account_id = AccountId::new(ACCOUNT_IDS[forgotten]);
        let others_before: BTreeSet<usize> = (0..ACCOUNT_IDS.len())
            .filter(|index| *index != forgotten)
            .map(|index| engine.store().signals_of(&AccountId::new(ACCOUNT_IDS[index])).unwrap().len())
            .collect();
        engine.forget(&account_id).unwrap();
        prop_assert!(engine.store().account(&account_id).unwrap().is_none());
        prop_assert!(engine.store().signals_of(&account_id).unwrap().is_empty());
        prop_assert!(engine.store().audit_of(&account_id).unwrap().is_empty());
        let mut leaked = false;
        engine.store().for_each_audit_record(&mut |record| leaked |= record.account == account_id.hashed(engine.store().id_hasher())).unwrap();
        prop_assert!(!leaked);
        let others_after: BTreeSet<usize> = (0..ACCOUNT_IDS.len())
            .filter(|index| *index != forgotten)
            .map(|index| engine.store().signals_of(&AccountId::new(ACCOUNT_IDS[index])).unwrap().len())
            .collect();
        prop_assert_eq!(others_before, others_after);
    }
}
