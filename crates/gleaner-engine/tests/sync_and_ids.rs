//! Issue 13: an accounts sync keeps the person's choices and cannot move an
//! account between accounts centers; a reused `event_id` with other content
//! is rejected on both ingest paths while an exact redelivery stays a
//! no-op; events from the future are refused.

mod common;

use std::io::Cursor;

use common::{ai_event, harness, ingest, now};
use gleaner_core::{AccountId, AccountsCenterId, AiPersonalization};
use gleaner_engine::{MessageOutcome, RejectReason};

const FB1_RESYNC: &str = r#"{"account_id":"fb:1","surface":"facebook","accounts_center_id":"ac:1","country":"CA","birth_year":1980,"notified_at":"2025-10-01T00:00:00Z","ai_personalization":"on","hidden_topics":[]}"#;

#[test]
fn a_resync_keeps_the_persons_opt_out_and_hidden_topics() {
    let harness = harness();
    let engine = &harness.engine;
    let fb1 = AccountId::new("fb:1");
    let (topic, _) = common::some_topic();
    engine
        .set_ai_personalization(&fb1, AiPersonalization::Off)
        .unwrap();
    engine.hide_topic(&fb1, topic).unwrap();

    let report = engine.ingest_accounts(Cursor::new(FB1_RESYNC)).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!((report.loaded, report.person_settings_kept), (1, 1));
    let stored = engine.require_account(&fb1).unwrap();
    assert_eq!(
        stored.ai_personalization,
        Some(AiPersonalization::Off),
        "the sync turned the opt-out back on"
    );
    assert_eq!(
        stored.hidden_topics,
        vec![topic],
        "the sync dropped a hidden topic"
    );
    assert_eq!(
        stored.country.unwrap().as_str(),
        "CA",
        "the operator's facts are synced"
    );
}

#[test]
fn a_sync_cannot_move_an_account_and_an_explicit_move_is_audited() {
    let harness = harness();
    let engine = &harness.engine;
    let fb2 = AccountId::new("fb:2");
    // fb:2 is linked to no center; fb:1 is in ac:1. Line 2 would link fb:2
    // to ac:1 (so fb:1's person token would read it), line 3 would move fb:1.
    let lines = [
        r#"{"account_id":"fb:new","surface":"facebook","accounts_center_id":"ac:9"}"#,
        r#"{"account_id":"fb:2","surface":"facebook","accounts_center_id":"ac:1","country":"US"}"#,
        &FB1_RESYNC.replace("ac:1", "ac:2"),
    ]
    .join("\n");
    let report = engine.ingest_accounts(Cursor::new(lines)).unwrap();
    assert_eq!(report.loaded, 1, "only the new account is taken");
    let rejected: Vec<(usize, String)> = report
        .rejected
        .iter()
        .map(|rejected| (rejected.line, rejected.reason.to_string()))
        .collect();
    assert_eq!(rejected.len(), 2, "{rejected:?}");
    assert_eq!((rejected[0].0, rejected[1].0), (2, 3));
    for (_, reason) in &rejected {
        assert!(
            reason.starts_with("field `accounts_center_id`: ")
                && reason.contains("gleaner accounts move"),
            "{reason}"
        );
    }
    assert_eq!(
        engine.require_account(&fb2).unwrap().accounts_center_id,
        None
    );
    assert_eq!(
        engine
            .require_account(&AccountId::new("fb:1"))
            .unwrap()
            .accounts_center_id,
        Some(AccountsCenterId::new("ac:1"))
    );
    assert!(engine.store().account_moves().unwrap().is_empty());

    let done = engine
        .move_account(&fb2, Some(AccountsCenterId::new("ac:1")), "cli", now())
        .unwrap();
    assert!(done.moved);
    assert_eq!(done.from, None);
    let moves = engine.store().account_moves().unwrap();
    assert_eq!(moves.len(), 1);
    let hasher = engine.store().id_hasher();
    assert_eq!(moves[0].account, fb2.hashed(hasher));
    assert_eq!(moves[0].from_center, None);
    assert_eq!(
        moves[0].to_center,
        Some(AccountsCenterId::new("ac:1").hashed(hasher))
    );
    assert_eq!((moves[0].at, moves[0].by.as_str()), (now(), "cli"));
    // Moving to where it is records nothing.
    let again = engine
        .move_account(&fb2, Some(AccountsCenterId::new("ac:1")), "cli", now())
        .unwrap();
    assert!(!again.moved);
    assert_eq!(engine.store().account_moves().unwrap().len(), 1);
    // Forget takes the move record with the account.
    engine.forget(&fb2).unwrap();
    assert!(engine.store().account_moves().unwrap().is_empty());
}

#[test]
fn a_reused_event_id_with_other_content_is_rejected_on_the_file_path() {
    let harness = harness();
    let original = ai_event("e1", "fb:1", "2026-01-10T10:00:00Z", "boots", false);
    assert_eq!(
        ingest(&harness.engine, std::slice::from_ref(&original)).used,
        1
    );
    let stats = harness.engine.store().stats().unwrap();

    let redelivery = ingest(&harness.engine, &[original]);
    assert_eq!(redelivery.already_present, 1);
    assert!(redelivery.rejected.is_empty());

    let other_account = ai_event("e1", "fb:2", "2026-01-10T10:00:00Z", "boots", false);
    let other_text = ai_event("e1", "fb:1", "2026-01-10T10:00:00Z", "a tent", false);
    let report = ingest(&harness.engine, &[other_account, other_text]);
    assert_eq!(
        report.already_present, 0,
        "a reused id was taken as already present"
    );
    assert_eq!(report.used + report.dropped + report.restricted, 0);
    // Line 1 is rejected as reused; line 2 repeats line 1's id in the same
    // input, which was already a duplicate.
    assert_eq!(report.rejected.len(), 2);
    assert_eq!(report.rejected[0].line, 1);
    assert_eq!(
        report.rejected[0].reason,
        RejectReason::ReusedEventId {
            event_id: "e1".into()
        }
    );
    let text = ai_event("e1", "fb:1", "2026-01-10T10:00:00Z", "a tent", false);
    let report = ingest(&harness.engine, &[text]);
    assert_eq!(
        report.rejected[0].reason,
        RejectReason::ReusedEventId {
            event_id: "e1".into()
        }
    );
    assert!(report.rejected[0]
        .reason
        .to_string()
        .contains("already stored with other content"));
    assert_eq!(harness.engine.store().stats().unwrap(), stats);
}

#[test]
fn a_reused_event_id_with_other_content_is_rejected_on_the_stream_path() {
    let harness = harness();
    let original = ai_event("s1", "fb:1", "2026-01-10T10:00:00Z", "boots", false);
    let other = ai_event("s1", "fb:2", "2026-01-10T10:00:00Z", "boots", false);
    let outcomes = harness
        .engine
        .ingest_event_batch(
            &[original.as_bytes(), original.as_bytes(), other.as_bytes()],
            now(),
        )
        .unwrap();
    assert!(matches!(outcomes[0], MessageOutcome::Committed(_)));
    assert_eq!(outcomes[1], MessageOutcome::AlreadyPresent);
    assert_eq!(
        outcomes[2],
        MessageOutcome::Rejected(RejectReason::ReusedEventId {
            event_id: "s1".into()
        })
    );
    let later = harness
        .engine
        .ingest_event_batch(&[other.as_bytes(), original.as_bytes()], now())
        .unwrap();
    assert!(
        matches!(
            &later[0],
            MessageOutcome::Rejected(RejectReason::ReusedEventId { .. })
        ),
        "{later:?}"
    );
    assert_eq!(later[1], MessageOutcome::AlreadyPresent);
    assert_eq!(harness.engine.store().stats().unwrap().events, 1);
}

#[test]
fn events_from_the_future_are_rejected_beyond_the_skew() {
    let harness = harness();
    // now() is 2026-03-01T00:00:00Z; the default skew is five minutes.
    let lines = vec![
        ai_event("f1", "fb:1", "2099-01-01T00:00:00Z", "boots", false),
        ai_event("f2", "fb:1", "2026-03-01T00:04:00Z", "boots", false),
        ai_event("f3", "fb:1", "2026-03-01T00:06:00Z", "boots", false),
    ];
    let report = ingest(&harness.engine, &lines);
    let rejected: Vec<(usize, String)> = report
        .rejected
        .iter()
        .map(|rejected| (rejected.line, rejected.reason.to_string()))
        .collect();
    assert_eq!(
        rejected.iter().map(|(line, _)| *line).collect::<Vec<_>>(),
        [1, 3]
    );
    assert!(
        rejected[0].1.starts_with("field `at`: 2099-01-01"),
        "{rejected:?}"
    );
    assert_eq!(report.used, 1, "within the skew is taken");
    let outcomes = harness
        .engine
        .ingest_event_batch(&[lines[0].as_bytes()], now())
        .unwrap();
    assert!(matches!(
        &outcomes[0],
        MessageOutcome::Rejected(RejectReason::InvalidField { field, .. }) if field == "at"
    ));
    let signals = harness
        .engine
        .store()
        .signals_of(&AccountId::new("fb:1"))
        .unwrap();
    assert!(signals
        .iter()
        .all(|signal| signal.at < now() + chrono::Duration::minutes(5)));
}
