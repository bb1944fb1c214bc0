//! Issue 13: the reach index lives in the engine and goes stale with the
//! store's writes, whoever makes them (stream workers, the CLI's ingest,
//! HTTP handlers), not with HTTP methods.

mod common;

use std::sync::Arc;

use common::{ai_event, harness, now, some_topic};
use gleaner_core::{AccountId, TopicId};
use gleaner_engine::query::reach::{count_reach, ReachPrivacy, ReachQuery};
use gleaner_engine::Engine;

/// Exact people reached on `topic` (before any noise).
fn people_reached(engine: &Engine, topic: TopicId) -> usize {
    let index = engine.audience_index(now()).unwrap();
    let query = ReachQuery::new(vec![topic], None, None);
    count_reach(
        engine.taxonomy(),
        index.members(),
        &query,
        &ReachPrivacy::default(),
    )
    .total
}

#[test]
fn issue_13_the_audience_index_sees_every_store_write_at_once() {
    let harness = harness();
    let engine = &harness.engine;
    let (topic, root) = some_topic();
    assert_eq!(people_reached(engine, root), 0);
    let kept = engine.audience_index(now()).unwrap();
    assert!(
        Arc::ptr_eq(&kept, &engine.audience_index(now()).unwrap()),
        "kept while nothing is written"
    );

    // The stream workers' path (a clone of the engine, as `gleaner serve
    // --source` shares it).
    let worker_engine = engine.clone();
    let message = ai_event(
        "s-1",
        "fb:2",
        "2026-01-10T10:00:00Z",
        &format!("boots #topic={topic}"),
        false,
    );
    worker_engine
        .ingest_event_batch(&[message.as_bytes()], now())
        .unwrap();
    assert_eq!(
        people_reached(engine, root),
        1,
        "a streamed event counts at once"
    );

    engine.hide_topic(&AccountId::new("fb:2"), root).unwrap();
    assert_eq!(
        people_reached(engine, root),
        0,
        "a hidden topic counts at once"
    );
    engine.unhide_topic(&AccountId::new("fb:2"), root).unwrap();
    assert_eq!(people_reached(engine, root), 1);

    // A write straight through the store handle counts too.
    engine
        .store()
        .forget_account(&AccountId::new("fb:2"))
        .unwrap();
    assert_eq!(people_reached(engine, root), 0, "an erasure counts at once");
}

#[test]
fn an_index_older_than_the_max_age_is_rebuilt() {
    let harness = harness();
    let engine = &harness.engine;
    let first = engine.audience_index(now()).unwrap();
    let later = now()
        + chrono::Duration::seconds(
            gleaner_engine::query::audience_index::AUDIENCE_INDEX_MAX_AGE_SECONDS,
        );
    let rebuilt = engine.audience_index(later).unwrap();
    assert!(!Arc::ptr_eq(&first, &rebuilt));
    assert_ne!(first.build(), rebuilt.build());
}
