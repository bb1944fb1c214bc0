//! Issue 13: an operator may override a person's own settings only
//! explicitly, with a reason and an audit record that the person's export
//! shows and `forget` erases; a sync still keeps the settings.

mod common;

use std::io::Cursor;

use common::{ai_event, harness, ingest, now, some_topic};
use gleaner_core::{AccountId, AiPersonalization, OverrideReason, SettingChange, TopicId};
use gleaner_engine::{EngineError, SettingsOverride};

const FB2_RESYNC: &str = r#"{"account_id":"fb:2","surface":"facebook","country":"US","birth_year":1975,"notified_at":"2025-10-01T00:00:00Z","ai_personalization":"on","hidden_topics":[]}"#;

fn reason(text: &str) -> OverrideReason {
    OverrideReason::new(text).unwrap()
}

#[test]
fn an_override_of_the_opt_out_is_audited_exported_and_survives_a_sync() {
    let harness = harness();
    let engine = &harness.engine;
    let fb2 = AccountId::new("fb:2");
    let (topic, _) = some_topic();
    let event = ai_event(
        "e1",
        "fb:2",
        "2026-01-10T10:00:00Z",
        &format!("boots #topic={}", topic.0),
        false,
    );
    assert_eq!(ingest(engine, &[event]).used, 1);
    assert!(engine
        .profile(&fb2, None, now())
        .unwrap()
        .interest(topic)
        .is_some());

    let done = engine
        .override_settings(
            &fb2,
            &SettingsOverride {
                ai_personalization: Some(AiPersonalization::Off),
                hidden_topics: None,
            },
            reason("SUP-12 regulator request"),
            "token op-1",
            now(),
        )
        .unwrap();
    let record = done.record.expect("a change is recorded");
    assert_eq!(record.at, now(), "the time is the caller's `now`");
    assert_eq!(record.account, fb2.hashed(engine.store().id_hasher()));
    assert_eq!(record.by, "token op-1");
    assert_eq!(record.reason.as_str(), "SUP-12 regulator request");
    assert_eq!(
        record.ai_personalization,
        Some(SettingChange {
            from: Some(AiPersonalization::On),
            to: Some(AiPersonalization::Off),
        })
    );
    assert_eq!(
        record.hidden_topics, None,
        "an unchanged setting is not named"
    );
    assert_eq!(
        engine.store().settings_overrides().unwrap(),
        std::slice::from_ref(&record)
    );
    assert_eq!(
        done.account.ai_personalization,
        Some(AiPersonalization::Off)
    );
    assert!(
        engine
            .profile(&fb2, None, now())
            .unwrap()
            .interest(topic)
            .is_none(),
        "the override did not reach the profile"
    );
    let export = engine.export(&fb2, now()).unwrap();
    assert_eq!(export.settings_overrides, std::slice::from_ref(&record));
    let export_json = serde_json::to_string(&export).unwrap();
    assert!(
        !export_json.contains("boots"),
        "the export carries conversation text"
    );

    // The same override again changes nothing and records nothing.
    let again = engine
        .override_settings(
            &fb2,
            &SettingsOverride {
                ai_personalization: Some(AiPersonalization::Off),
                hidden_topics: None,
            },
            reason("SUP-12 again"),
            "cli",
            now(),
        )
        .unwrap();
    assert!(again.record.is_none());
    assert_eq!(engine.store().settings_overrides().unwrap().len(), 1);

    // A sync does not undo it.
    engine.ingest_accounts(Cursor::new(FB2_RESYNC)).unwrap();
    assert_eq!(
        engine.require_account(&fb2).unwrap().ai_personalization,
        Some(AiPersonalization::Off)
    );

    // Another account's export does not show it; forget erases it.
    assert!(engine
        .export(&AccountId::new("fb:1"), now())
        .unwrap()
        .settings_overrides
        .is_empty());
    engine.forget(&fb2).unwrap();
    assert!(engine.store().settings_overrides().unwrap().is_empty());
}

#[test]
fn an_override_of_hidden_topics_sets_the_list_and_records_before_and_after() {
    let harness = harness();
    let engine = &harness.engine;
    let fb1 = AccountId::new("fb:1");
    let (topic, root) = some_topic();
    engine.hide_topic(&fb1, root).unwrap();

    let done = engine
        .override_settings(
            &fb1,
            &SettingsOverride {
                ai_personalization: None,
                hidden_topics: Some(vec![topic, topic]),
            },
            reason("SUP-40"),
            "cli",
            now(),
        )
        .unwrap();
    assert_eq!(done.account.hidden_topics, [topic], "sorted, no repeats");
    let record = done.record.unwrap();
    assert_eq!(
        record.hidden_topics,
        Some(SettingChange {
            from: vec![root],
            to: vec![topic],
        })
    );
    assert_eq!(record.ai_personalization, None);
    assert_eq!(engine.require_account(&fb1).unwrap().hidden_topics, [topic]);
}

#[test]
fn an_override_with_an_unknown_topic_or_account_changes_and_records_nothing() {
    let harness = harness();
    let engine = &harness.engine;
    let fb1 = AccountId::new("fb:1");
    let before = engine.require_account(&fb1).unwrap();
    let unknown_topic = engine.override_settings(
        &fb1,
        &SettingsOverride {
            ai_personalization: Some(AiPersonalization::Off),
            hidden_topics: Some(vec![TopicId(999_999)]),
        },
        reason("SUP-1"),
        "cli",
        now(),
    );
    assert!(
        matches!(unknown_topic, Err(EngineError::UnknownTopic(999_999))),
        "{unknown_topic:?}"
    );
    let unknown_account = engine.override_settings(
        &AccountId::new("fb:nobody"),
        &SettingsOverride {
            ai_personalization: Some(AiPersonalization::Off),
            hidden_topics: None,
        },
        reason("SUP-1"),
        "cli",
        now(),
    );
    assert!(
        matches!(unknown_account, Err(EngineError::UnknownAccount(_))),
        "{unknown_account:?}"
    );
    assert_eq!(engine.require_account(&fb1).unwrap(), before);
    assert!(engine.store().settings_overrides().unwrap().is_empty());
}
