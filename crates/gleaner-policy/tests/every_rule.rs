//! Each guardrail, seen through `Policy` (and so through the `RULES` list):
//! a scenario that breaks exactly one rule must be refused with that rule's
//! reason code. Removing any line of `RULES` makes one of these fail.

use chrono::{TimeZone, Utc};
use gleaner_core::{
    Account, AccountId, AccountsCenterId, AiPersonalization, Purposes, ReasonCode,
    SensitiveCategory, Surface, Timestamp, TopicId,
};
use gleaner_policy::{ContentFacts, EventFacts, Policy, PolicyConfig, UseFacts, RULES};

fn at(year: i32, month: u32, day: u32) -> Timestamp {
    Utc.with_ymd_and_hms(year, month, day, 12, 0, 0).unwrap()
}

fn good_account(id: &str) -> Account {
    Account {
        account_id: AccountId::new(id),
        surface: Surface::new("instagram"),
        accounts_center_id: Some(AccountsCenterId::new("ac:1")),
        country: Some("US".parse().unwrap()),
        birth_year: Some(1985),
        notified_at: Some(at(2025, 10, 1)),
        ai_personalization: Some(AiPersonalization::On),
        hidden_topics: Vec::new(),
    }
}

fn event_decision(
    account: &Account,
    event_at: Timestamp,
    encrypted: Option<bool>,
) -> gleaner_policy::Decision {
    Policy::default().evaluate_event(&EventFacts {
        now: at(2026, 3, 1),
        event_at,
        account,
        is_ai_interaction: true,
        encrypted,
    })
}

const LINEAGE: [TopicId; 2] = [TopicId(412), TopicId(20)];

fn use_decision(serving: &Account, source: &Account, now: Timestamp) -> gleaner_policy::Decision {
    Policy::default().evaluate_use(&UseFacts {
        now,
        serving_account: serving,
        source_account: Some(source),
        signal_at: at(2026, 1, 10),
        signal_is_ai_interaction: true,
        topic_lineage: Some(&LINEAGE),
        linked_hidden_topics: &[],
    })
}

#[test]
fn rules_list_is_the_spec_table() {
    let names: Vec<&str> = RULES.iter().map(|rule| rule.name()).collect();
    assert_eq!(
        names,
        [
            "encrypted",
            "jurisdiction",
            "minor",
            "effective_date",
            "notice",
            "opt_out",
            "sensitive",
            "hidden_topic",
            "linking",
            "retention"
        ]
    );
}

#[test]
fn the_baseline_scenario_passes_every_rule() {
    let account = good_account("a");
    let decision = event_decision(&account, at(2026, 1, 10), Some(false));
    assert_eq!(decision.allowed, Purposes::ALL, "{:?}", decision.reasons);
    let linked = good_account("b");
    let decision = use_decision(&account, &linked, at(2026, 3, 1));
    assert_eq!(decision.allowed, Purposes::ALL, "{:?}", decision.reasons);
    let none: [SensitiveCategory; 0] = [];
    let decision = Policy::default().evaluate_content(&ContentFacts {
        sensitive_categories: Some(&none),
    });
    assert_eq!(decision.allowed, Purposes::ALL);
}

#[test]
fn encrypted_through_policy() {
    let decision = event_decision(&good_account("a"), at(2026, 1, 10), Some(true));
    assert!(decision.is_dropped());
    assert_eq!(decision.reasons, vec![ReasonCode::Encrypted]);
}

#[test]
fn jurisdiction_through_policy() {
    let mut account = good_account("a");
    account.country = Some("IT".parse().unwrap());
    let decision = event_decision(&account, at(2026, 1, 10), Some(false));
    assert!(decision.is_dropped());
    assert_eq!(decision.reasons, vec![ReasonCode::Jurisdiction]);
}

#[test]
fn minor_through_policy() {
    let mut account = good_account("a");
    account.birth_year = Some(2011);
    let decision = event_decision(&account, at(2026, 1, 10), Some(false));
    assert!(!decision.allows_ads());
    assert_eq!(decision.reasons, vec![ReasonCode::Minor]);
    let adult = good_account("b");
    let decision = use_decision(&account, &adult, at(2026, 3, 1));
    assert!(!decision.allows_ads());
    assert_eq!(decision.reasons, vec![ReasonCode::Minor]);
}

#[test]
fn effective_date_through_policy() {
    let decision = event_decision(&good_account("a"), at(2025, 12, 1), Some(false));
    assert!(decision.is_dropped());
    assert_eq!(decision.reasons, vec![ReasonCode::BeforeEffectiveDate]);
}

#[test]
fn notice_through_policy() {
    let mut account = good_account("a");
    account.notified_at = Some(at(2026, 2, 1));
    let decision = event_decision(&account, at(2026, 1, 10), Some(false));
    assert!(decision.is_dropped());
    assert_eq!(decision.reasons, vec![ReasonCode::NotNotified]);
}

#[test]
fn opt_out_through_policy() {
    let mut account = good_account("a");
    account.ai_personalization = Some(AiPersonalization::Off);
    let decision = event_decision(&account, at(2026, 1, 10), Some(false));
    assert!(decision.is_dropped());
    assert_eq!(decision.reasons, vec![ReasonCode::OptedOut]);
}

#[test]
fn sensitive_through_policy() {
    let found = [SensitiveCategory::Religion];
    let decision = Policy::default().evaluate_content(&ContentFacts {
        sensitive_categories: Some(&found),
    });
    assert!(decision.is_dropped());
    assert_eq!(
        decision.reasons,
        vec![ReasonCode::Sensitive(SensitiveCategory::Religion)]
    );
}

#[test]
fn hidden_topic_through_policy() {
    let mut serving = good_account("a");
    serving.hidden_topics = vec![TopicId(20)];
    let decision = use_decision(&serving, &good_account("b"), at(2026, 3, 1));
    assert!(decision.is_dropped());
    assert_eq!(decision.reasons, vec![ReasonCode::HiddenByUser]);
}

#[test]
fn linking_through_policy() {
    let serving = good_account("a");
    let mut stranger = good_account("b");
    stranger.accounts_center_id = Some(AccountsCenterId::new("ac:2"));
    let decision = use_decision(&serving, &stranger, at(2026, 3, 1));
    assert!(decision.is_dropped());
    assert_eq!(decision.reasons, vec![ReasonCode::NotLinked]);
}

#[test]
fn retention_through_policy() {
    let account = good_account("a");
    let decision = use_decision(&account, &account, at(2026, 12, 1));
    assert!(decision.is_dropped());
    assert_eq!(decision.reasons, vec![ReasonCode::Expired]);
}

#[test]
fn stricter_config_is_honoured() {
    let mut account = good_account("a");
    account.country = Some("BR".parse().unwrap());
    let strict: PolicyConfig = serde_json::from_str::<gleaner_policy::PolicyConfigBuilder>(
        r#"{"version":1,"jurisdiction_profile":"strict"}"#,
    )
    .unwrap()
    .build_and_validate()
    .unwrap();
    let facts = EventFacts {
        now: at(2026, 3, 1),
        event_at: at(2026, 1, 10),
        account: &account,
        is_ai_interaction: false,
        encrypted: None,
    };
    assert!(!Policy::default().evaluate_event(&facts).is_dropped());
    assert!(Policy::new(strict).evaluate_event(&facts).is_dropped());
}
