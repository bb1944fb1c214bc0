//! End-to-end properties of the ingest pipeline and the queries, on the
//! embedded store, with a spy classifier that records what it is shown.

mod common;

use std::io::Cursor;

use common::{ai_event, harness, ingest, now, some_topic};
use gleaner_core::{AccountId, ItemKind, ReasonCode, TopicId};
use gleaner_engine::ingest::NoProgress;
use gleaner_engine::RejectReason;

#[test]
fn ingesting_twice_changes_nothing() {
    let harness = harness();
    let (topic, _) = some_topic();
    let lines = vec![
        ai_event(
            "e1",
            "fb:1",
            "2026-01-10T10:00:00Z",
            &format!("boots #topic={topic}"),
            false,
        ),
        ai_event(
            "e2",
            "ig:1",
            "2026-01-11T10:00:00Z",
            &format!("trail #topic={topic}"),
            false,
        ),
        ai_event(
            "e3",
            "fb:2",
            "2026-01-12T10:00:00Z",
            "secret #sensitive=health",
            false,
        ),
    ];
    let first = ingest(&harness.engine, &lines);
    assert_eq!(first.used, 2);
    assert_eq!(first.dropped, 1);
    let stats_before = harness.engine.store().stats().unwrap();
    let export_before = serde_json::to_value(
        harness
            .engine
            .export(&AccountId::new("fb:1"), now())
            .unwrap(),
    )
    .unwrap();
    let second = ingest(&harness.engine, &lines);
    assert_eq!(second.already_present, 3);
    assert_eq!(second.used + second.dropped + second.restricted, 0);
    assert_eq!(harness.engine.store().stats().unwrap(), stats_before);
    let export_after = serde_json::to_value(
        harness
            .engine
            .export(&AccountId::new("fb:1"), now())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(export_before, export_after);
}

#[test]
fn encrypted_text_never_reaches_the_classifier() {
    let harness = harness();
    let lines = vec![
        ai_event(
            "e1",
            "fb:1",
            "2026-01-10T10:00:00Z",
            "ENCRYPTED-CANARY #topic=1",
            true,
        ),
        // An absent `encrypted` flag counts as encrypted.
        ai_event(
            "e2",
            "fb:1",
            "2026-01-10T10:00:00Z",
            "ABSENT-FLAG-CANARY",
            false,
        )
        .replace(r#""encrypted":false,"#, ""),
        ai_event("e3", "fb:1", "2026-01-10T10:00:00Z", "plain words", false),
    ];
    let report = ingest(&harness.engine, &lines);
    assert_eq!(report.reasons.get("encrypted"), Some(&2));
    let seen = harness.spy.seen.lock().unwrap();
    assert!(seen.iter().all(|text| !text.contains("CANARY")), "{seen:?}");
    assert!(seen.iter().any(|text| text.contains("plain words")));
}

#[test]
fn dropped_before_reading_means_never_classified() {
    let harness = harness();
    let lines = vec![
        ai_event(
            "e1",
            "fb:de",
            "2026-01-10T10:00:00Z",
            "JURISDICTION-CANARY",
            false,
        ),
        ai_event(
            "e2",
            "fb:off",
            "2026-01-10T10:00:00Z",
            "OPTOUT-CANARY",
            false,
        ),
        ai_event(
            "e3",
            "fb:1",
            "2025-12-01T10:00:00Z",
            "EFFECTIVE-CANARY",
            false,
        ),
    ];
    let report = ingest(&harness.engine, &lines);
    assert_eq!(report.dropped, 3);
    for reason in ["jurisdiction", "opted_out", "before_effective_date"] {
        assert_eq!(report.reasons.get(reason), Some(&1), "{reason}");
    }
    assert!(harness.spy.seen.lock().unwrap().is_empty());
}

#[test]
fn a_sensitive_conversation_contributes_nothing() {
    let harness = harness();
    let (topic, _) = some_topic();
    let lines = vec![ai_event(
        "e1",
        "fb:1",
        "2026-01-10T10:00:00Z",
        &format!("boots #topic={topic} and later #sensitive=health"),
        false,
    )];
    let report = ingest(&harness.engine, &lines);
    assert_eq!(report.dropped, 1);
    assert_eq!(report.reasons.get("sensitive:health"), Some(&1));
    assert_eq!(report.signals_written, 0);
    let audit = harness
        .engine
        .store()
        .audit_of(&AccountId::new("fb:1"))
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(
        audit[0].reasons,
        vec![ReasonCode::Sensitive(
            gleaner_core::SensitiveCategory::Health
        )]
    );
    assert!(audit[0].topics.is_empty());
    assert!(harness
        .engine
        .profile(&AccountId::new("fb:1"), None, now())
        .unwrap()
        .interests
        .is_empty());
}

#[test]
fn what_the_classifier_cannot_read_is_dropped_as_sensitive_fail_closed() {
    let harness = harness();
    let (topic, _) = some_topic();
    let catalog = format!(
        "{}\n{}\n",
        serde_json::json!({"item_id": "ad:fine", "kind": "ad", "title": "Boots",
            "text": format!("boots #topic={topic}"), "topics": [topic.0], "advertiser": "adv:1"}),
        serde_json::json!({"item_id": "ad:unreadable", "kind": "ad", "title": "Boots",
            "text": format!("boots #topic={topic} #unreadable"), "topics": [topic.0], "advertiser": "adv:1"}),
    );
    harness
        .engine
        .ingest_catalog(std::io::Cursor::new(catalog))
        .unwrap();
    let engagement = |id: &str, item: &str| {
        serde_json::json!({"event_id": id, "kind": "engagement", "account_id": "fb:2",
            "at": "2026-01-10T10:00:00Z", "action": "like", "item_id": item})
        .to_string()
    };
    let lines = vec![
        ai_event(
            "e1",
            "fb:1",
            "2026-01-10T10:00:00Z",
            &format!("boots #topic={topic} #unreadable"),
            false,
        ),
        engagement("e2", "ad:unreadable"),
        engagement("e3", "ad:fine"),
    ];
    let report = ingest(&harness.engine, &lines);
    // The unreadable conversation and the engagement with the unreadable
    // item are dropped under every sensitive category (what the policy does
    // with content it was not told is safe); the readable item is used.
    assert_eq!(report.dropped, 2, "{report:?}");
    assert_eq!(report.used, 1, "{report:?}");
    for category in gleaner_core::SensitiveCategory::ALL {
        assert_eq!(
            report
                .reasons
                .get(&format!("sensitive:{}", category.as_str())),
            Some(&2),
            "{category:?}: {report:?}"
        );
    }
    assert!(harness
        .engine
        .profile(&AccountId::new("fb:1"), None, now())
        .unwrap()
        .interests
        .is_empty());
    let audit = harness
        .engine
        .store()
        .audit_of(&AccountId::new("fb:1"))
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert!(audit[0].topics.is_empty());
    assert_eq!(
        audit[0].reasons.len(),
        gleaner_core::SensitiveCategory::ALL.len()
    );
}

#[test]
fn minors_get_content_only_when_allowed_and_no_ads_ever() {
    let harness = harness();
    let (topic, _) = some_topic();
    let lines = vec![ai_event(
        "e1",
        "fb:kid",
        "2026-01-10T10:00:00Z",
        &format!("#topic={topic}"),
        false,
    )];
    let report = ingest(&harness.engine, &lines);
    assert_eq!(report.reasons.get("minor"), Some(&1));
    let profile = harness
        .engine
        .profile(&AccountId::new("fb:kid"), None, now())
        .unwrap();
    assert!(profile
        .interests
        .iter()
        .all(|interest| interest.ads_weight == 0.0));
    assert!(harness
        .engine
        .recommend(&AccountId::new("fb:kid"), ItemKind::Ad, 10, now())
        .unwrap()
        .is_empty());
}

#[test]
fn linked_accounts_share_and_strangers_do_not() {
    let harness = harness();
    let (topic, _) = some_topic();
    let lines = vec![
        ai_event(
            "e1",
            "ig:1",
            "2026-01-10T10:00:00Z",
            &format!("#topic={topic}"),
            false,
        ),
        ai_event("e2", "fb:2", "2026-01-10T10:00:00Z", "#topic=1", false),
    ];
    ingest(&harness.engine, &lines);
    let profile = harness
        .engine
        .profile(&AccountId::new("fb:1"), None, now())
        .unwrap();
    assert_eq!(profile.interests.len(), 1);
    assert_eq!(profile.interests[0].topic, topic);
    assert_eq!(
        profile.interests[0].contributing_accounts,
        vec![AccountId::new("ig:1")]
    );
    assert_eq!(
        profile.interests[0].sources[0].surface.as_str(),
        "instagram"
    );
    // Served on instagram through the linked account: same interests.
    let on_instagram = harness
        .engine
        .profile(
            &AccountId::new("fb:1"),
            Some(&gleaner_core::Surface::new("instagram")),
            now(),
        )
        .unwrap();
    assert_eq!(on_instagram.account_id.as_str(), "ig:1");
    assert!(harness
        .engine
        .profile(
            &AccountId::new("fb:2"),
            Some(&gleaner_core::Surface::new("instagram")),
            now()
        )
        .is_err());
}

#[test]
fn hidden_topics_and_descendants_never_appear() {
    let harness = harness();
    let (topic, root) = some_topic();
    let lines = vec![
        ai_event(
            "e1",
            "fb:1",
            "2026-01-10T10:00:00Z",
            &format!("#topic={topic}"),
            false,
        ),
        ai_event(
            "e2",
            "ig:1",
            "2026-01-10T10:00:00Z",
            &format!("#topic={root}"),
            false,
        ),
    ];
    ingest(&harness.engine, &lines);
    assert_eq!(
        harness
            .engine
            .profile(&AccountId::new("fb:1"), None, now())
            .unwrap()
            .interests
            .len(),
        2
    );
    // Hidden on the linked instagram account: holds for the facebook one too.
    harness
        .engine
        .hide_topic(&AccountId::new("ig:1"), root)
        .unwrap();
    let profile = harness
        .engine
        .profile(&AccountId::new("fb:1"), None, now())
        .unwrap();
    assert!(profile.interests.is_empty(), "{:?}", profile.interests);
    harness
        .engine
        .unhide_topic(&AccountId::new("ig:1"), root)
        .unwrap();
    assert_eq!(
        harness
            .engine
            .profile(&AccountId::new("fb:1"), None, now())
            .unwrap()
            .interests
            .len(),
        2
    );
    assert!(harness
        .engine
        .hide_topic(&AccountId::new("fb:1"), TopicId(999_999))
        .is_err());
}

#[test]
fn after_forget_nothing_is_found_by_the_account_id() {
    let harness = harness();
    let (topic, _) = some_topic();
    let lines = vec![
        ai_event(
            "e1",
            "fb:1",
            "2026-01-10T10:00:00Z",
            &format!("#topic={topic}"),
            false,
        ),
        ai_event(
            "e2",
            "fb:1",
            "2026-01-11T10:00:00Z",
            "#sensitive=religion",
            false,
        ),
        ai_event(
            "e3",
            "ig:1",
            "2026-01-11T10:00:00Z",
            &format!("#topic={topic}"),
            false,
        ),
    ];
    ingest(&harness.engine, &lines);
    let account_id = AccountId::new("fb:1");
    let report = harness.engine.forget(&account_id).unwrap();
    assert_eq!(report.signals_removed, 1);
    assert_eq!(report.audit_records_removed, 2);
    let store = harness.engine.store();
    assert!(store.account(&account_id).unwrap().is_none());
    assert!(store.signals_of(&account_id).unwrap().is_empty());
    assert!(store.audit_of(&account_id).unwrap().is_empty());
    let mut records_left = 0;
    store
        .for_each_audit_record(&mut |record| {
            assert_ne!(record.account, account_id.hashed(store.id_hasher()));
            records_left += 1;
        })
        .unwrap();
    assert_eq!(records_left, 1, "the linked account's record stays");
    assert!(harness.engine.profile(&account_id, None, now()).is_err());
    assert_eq!(store.stats().unwrap().tombstones, 1);
    // Not even in the bytes of the store's files (freed pages included).
    let quoted_id = b"\"fb:1\"";
    let hashed_hex = account_id.hashed(store.id_hasher()).to_string();
    for file in walk(harness.dir.path()) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !bytes
                .windows(quoted_id.len())
                .any(|window| window == quoted_id),
            "account id left in {}",
            file.display()
        );
        assert!(
            !bytes
                .windows(hashed_hex.len())
                .any(|window| window == hashed_hex.as_bytes()),
            "hashed account id left in {}",
            file.display()
        );
    }
    // Its events are unknown now: a replay is rejected, not silently re-stored.
    let replay = ingest(&harness.engine, &lines[..1]);
    assert!(matches!(
        replay.rejected[0].reason,
        RejectReason::UnknownAccount(_)
    ));
}

#[test]
fn bad_lines_are_reported_and_change_nothing() {
    let harness = harness();
    let (topic, _) = some_topic();
    let good = ai_event(
        "e1",
        "fb:1",
        "2026-01-10T10:00:00Z",
        &format!("#topic={topic}"),
        false,
    );
    ingest(&harness.engine, std::slice::from_ref(&good));
    let stats_before = harness.engine.store().stats().unwrap();
    let lines = vec![
        "this is not json".to_owned(),
        good.replace(r#""event_id":"e1""#, r#""event_id":"e2""#)
            .replace("fb:1", "fb:nobody"),
        good.replace(r#""event_id":"e1""#, r#""event_id":"e3""#)
            .replace(r#""at":"2026-01-10T10:00:00Z","#, ""),
        good.clone(),
        ai_event(
            "e4",
            "fb:1",
            "2026-01-12T10:00:00Z",
            &format!("#topic={topic}"),
            false,
        ),
        ai_event("e4", "fb:1", "2026-01-12T10:00:00Z", "again", false),
    ];
    let report = ingest(&harness.engine, &lines);
    let rejected_lines: Vec<usize> = report
        .rejected
        .iter()
        .map(|rejection| rejection.line)
        .collect();
    assert_eq!(rejected_lines, vec![1, 2, 3, 6]);
    assert!(report.rejected[2].reason.to_string().contains("`at`"));
    assert!(matches!(
        report.rejected[3].reason,
        RejectReason::DuplicateEventId { first_line: 5, .. }
    ));
    assert_eq!(report.already_present, 1);
    assert_eq!(report.used, 1);
    let stats_after = harness.engine.store().stats().unwrap();
    assert_eq!(stats_after.events, stats_before.events + 1);
    assert_eq!(stats_after.accounts, stats_before.accounts);
}

#[test]
fn raw_text_never_reaches_the_store_files() {
    let harness = harness();
    let (topic, _) = some_topic();
    let canary = "QX7-CANARY-TEXT-2931";
    let lines = vec![
        ai_event(
            "e1",
            "fb:1",
            "2026-01-10T10:00:00Z",
            &format!("{canary} boots #topic={topic}"),
            false,
        ),
        ai_event(
            "e2",
            "fb:2",
            "2026-01-10T10:00:00Z",
            &format!("{canary} #sensitive=health"),
            false,
        ),
        ai_event(
            "e3",
            "fb:kid",
            "2026-01-10T10:00:00Z",
            &format!("{canary} #topic={topic}"),
            false,
        ),
    ];
    let report = ingest(&harness.engine, &lines);
    assert_eq!(report.lines, 3);
    assert!(report.signals_written >= 1);
    let mut scanned = 0;
    for entry in walk(harness.dir.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        scanned += bytes.len();
        assert!(
            !bytes
                .windows(canary.len())
                .any(|window| window == canary.as_bytes()),
            "canary found in {}",
            entry.display()
        );
    }
    assert!(scanned > 0, "the store wrote nothing to scan");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn retention_expires_old_signals() {
    let harness = harness();
    let (topic, _) = some_topic();
    let lines = vec![ai_event(
        "e1",
        "fb:1",
        "2026-01-10T10:00:00Z",
        &format!("#topic={topic}"),
        false,
    )];
    ingest(&harness.engine, &lines);
    let later = now() + chrono::Duration::days(200);
    assert!(harness
        .engine
        .profile(&AccountId::new("fb:1"), None, later)
        .unwrap()
        .interests
        .is_empty());
    assert_eq!(harness.engine.expire(later).unwrap(), 1);
    assert!(harness
        .engine
        .store()
        .signals_of(&AccountId::new("fb:1"))
        .unwrap()
        .is_empty());
    // An event that is already expired when it arrives is dropped.
    let report = harness
        .engine
        .ingest_events(
            Cursor::new(ai_event("e9", "fb:1", "2026-01-10T10:00:00Z", "x", false)),
            later,
            &NoProgress,
        )
        .unwrap();
    assert_eq!(report.reasons.get("expired"), Some(&1));
}
