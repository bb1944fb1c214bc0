//! `Engine::ingest_event_batch`, the stream path: one outcome per message,
//! the same guardrails and store effect as the file path.

mod common;

use common::{ai_event, harness, ingest, now, some_topic};
use gleaner_core::AuditOutcome;
use gleaner_engine::{MessageOutcome, RejectReason};

#[test]
fn a_batch_gives_one_outcome_per_message_in_order() {
    let harness = harness();
    let (topic, _) = some_topic();
    let used = ai_event(
        "s1",
        "fb:1",
        "2026-01-10T10:00:00Z",
        &format!("boots #topic={topic}"),
        false,
    );
    let jurisdiction = ai_event("s2", "fb:de", "2026-01-10T10:00:00Z", "boots", false);
    let unknown_account = ai_event("s3", "fb:nobody", "2026-01-10T10:00:00Z", "boots", false);
    let messages: Vec<&[u8]> = vec![
        used.as_bytes(),
        b"not json",
        jurisdiction.as_bytes(),
        unknown_account.as_bytes(),
        b"\xff\xfe",
        // A repeat within the batch: expected on an at-least-once stream.
        used.as_bytes(),
    ];
    let outcomes = harness.engine.ingest_event_batch(&messages, now()).unwrap();
    assert_eq!(outcomes.len(), messages.len());
    assert_eq!(outcomes[0], MessageOutcome::Committed(AuditOutcome::Used));
    assert!(matches!(
        outcomes[1],
        MessageOutcome::Rejected(RejectReason::Malformed(_))
    ));
    assert_eq!(
        outcomes[2],
        MessageOutcome::Committed(AuditOutcome::Dropped)
    );
    assert!(matches!(
        outcomes[3],
        MessageOutcome::Rejected(RejectReason::UnknownAccount(_))
    ));
    assert!(matches!(
        &outcomes[4],
        MessageOutcome::Rejected(RejectReason::Malformed(detail)) if detail == "not UTF-8"
    ));
    assert_eq!(outcomes[5], MessageOutcome::AlreadyPresent);

    let stats = harness.engine.store().stats().unwrap();
    assert_eq!(stats.events, 2);
    // A redelivery of the whole batch changes nothing.
    let again = harness.engine.ingest_event_batch(&messages, now()).unwrap();
    assert_eq!(again[0], MessageOutcome::AlreadyPresent);
    assert_eq!(again[2], MessageOutcome::AlreadyPresent);
    assert_eq!(harness.engine.store().stats().unwrap(), stats);
}

#[test]
fn the_batch_path_stores_what_the_file_path_stores() {
    let (topic, _) = some_topic();
    let lines: Vec<String> = (0..40)
        .map(|index| {
            let account = ["fb:1", "ig:1", "fb:2", "fb:de", "fb:kid", "fb:off"][index % 6];
            let text = if index % 7 == 0 {
                "worried #sensitive=health".to_owned()
            } else {
                format!("trail #topic={topic}")
            };
            ai_event(
                &format!("p{index}"),
                account,
                "2026-01-10T10:00:00Z",
                &text,
                index % 11 == 0,
            )
        })
        .collect();
    let by_file = harness();
    ingest(&by_file.engine, &lines);
    let by_batch = harness();
    for chunk in lines.chunks(9) {
        let messages: Vec<&[u8]> = chunk.iter().map(String::as_bytes).collect();
        by_batch
            .engine
            .ingest_event_batch(&messages, now())
            .unwrap();
    }
    assert_eq!(
        by_file.engine.store().stats().unwrap(),
        by_batch.engine.store().stats().unwrap()
    );
    for account in ["fb:1", "ig:1", "fb:2", "fb:de", "fb:kid", "fb:off"] {
        let account = gleaner_core::AccountId::new(account);
        let signals = |harness: &common::Harness| {
            // Each store keys its event hashes with its own secret:
            // compare the signals without them.
            let mut signals: Vec<gleaner_core::Signal> = harness
                .engine
                .store()
                .signals_of(&account)
                .unwrap()
                .into_iter()
                .map(|mut signal| {
                    signal.event = gleaner_core::HashedId::from_bytes([0; 16]);
                    signal
                })
                .collect();
            signals.sort_by_cached_key(|signal| serde_json::to_string(signal).unwrap());
            signals
        };
        assert_eq!(signals(&by_file), signals(&by_batch), "{account}");
        assert_eq!(
            by_file.engine.store().audit_of(&account).unwrap().len(),
            by_batch.engine.store().audit_of(&account).unwrap().len()
        );
    }
}
