//! Small builders of store inputs, for the suite and for other crates' tests.

use chrono::{Duration, TimeZone, Utc};
use gleaner_core::{
    Account, AccountId, AccountsCenterId, AiPersonalization, AuditOutcome, AuditRecord,
    CatalogItem, Engagement, EngagementAction, Event, EventBody, EventDigest, EventId, IdHasher,
    ItemId, ItemKind, Modality, Purposes, ReasonCode, Signal, SourceKind, Surface, Timestamp,
    TopicId,
};

use crate::store::EventOutcome;

/// Returns midnight UTC of day `day` after 2025-12-16 (the default effective date).
pub fn day(day: u32) -> Timestamp {
    Utc.with_ymd_and_hms(2025, 12, 16, 0, 0, 0).unwrap() + Duration::days(i64::from(day))
}

/// Returns an account on `facebook`, optionally linked to `center`.
pub fn account(account_id: &str, center_opt: Option<&str>) -> Account {
    Account {
        account_id: AccountId::new(account_id),
        surface: Surface::new("facebook"),
        accounts_center_id: center_opt.map(AccountsCenterId::new),
        country: Some("US".parse().expect("valid country")),
        birth_year: Some(1991),
        notified_at: Some(day(0)),
        ai_personalization: Some(AiPersonalization::On),
        hidden_topics: Vec::new(),
    }
}

/// Returns a catalog item.
pub fn catalog_item(item_id: &str, kind: ItemKind, topics: &[u32]) -> CatalogItem {
    CatalogItem {
        item_id: ItemId::new(item_id),
        kind,
        title: format!("title of {item_id}"),
        text: String::new(),
        topics: topics.iter().copied().map(TopicId).collect(),
        advertiser: kind.is_ad().then(|| "adv:test".to_owned()),
    }
}

/// Returns a content digest for a fixture event (keyed with `hasher`, the
/// store's): that of an engagement
/// `event_id` of `account_id` at `at` on an item named `content`, so that
/// outcomes built from the same arguments have the same digest and any
/// other argument changes it.
pub fn fixture_digest(
    hasher: &IdHasher,
    account_id: &str,
    event_id: &str,
    content: &str,
    at: Timestamp,
) -> EventDigest {
    Event {
        event_id: EventId::new(event_id),
        account_id: AccountId::new(account_id),
        at,
        body: EventBody::Engagement(Engagement {
            action: EngagementAction::Like,
            item_id: ItemId::new(content),
        }),
    }
    .content_digest(hasher)
}

/// Returns the outcome of a used AI interaction `event_id` of `account_id` at
/// `at`, with one signal per topic (weights 0.5, 0.6, …) and a matching audit
/// record decided at `at`; ids are hashed with `hasher` (the store's).
pub fn used_outcome(
    hasher: &IdHasher,
    account_id: &str,
    event_id: &str,
    topics: &[u32],
    at: Timestamp,
) -> EventOutcome {
    let owner = AccountId::new(account_id);
    let event = hasher.hash(event_id);
    let signals = topics
        .iter()
        .enumerate()
        .map(|(index, topic)| Signal {
            account_id: owner.clone(),
            event,
            topic: TopicId(*topic),
            weight: 0.5 + 0.1 * index as f32,
            source: SourceKind::AiInteraction {
                product: "assistant".to_owned(),
                modality: Modality::Text,
            },
            surface: Surface::new("facebook"),
            at,
            purposes: Purposes::ALL,
        })
        .collect();
    EventOutcome {
        event,
        digest: fixture_digest(
            hasher,
            account_id,
            event_id,
            &format!("used {topics:?}"),
            at,
        ),
        audit: AuditRecord {
            decided_at: at,
            event_at: at,
            account: owner.hashed(hasher),
            event,
            event_kind: "ai_interaction".to_owned(),
            outcome: AuditOutcome::Used,
            purposes: Purposes::ALL,
            reasons: Vec::new(),
            topics: topics.iter().copied().map(TopicId).collect(),
            sensitive: Vec::new(),
        },
        account_id: owner,
        signals,
    }
}

/// Returns the outcome of a dropped engagement: no signal, one audit record.
pub fn dropped_outcome(
    hasher: &IdHasher,
    account_id: &str,
    event_id: &str,
    at: Timestamp,
) -> EventOutcome {
    let owner = AccountId::new(account_id);
    let event = hasher.hash(event_id);
    EventOutcome {
        event,
        digest: fixture_digest(hasher, account_id, event_id, "dropped", at),
        audit: AuditRecord {
            decided_at: at,
            event_at: at,
            account: owner.hashed(hasher),
            event,
            event_kind: "engagement".to_owned(),
            outcome: AuditOutcome::Dropped,
            purposes: Purposes::NONE,
            reasons: vec![ReasonCode::Jurisdiction],
            topics: Vec::new(),
            sensitive: Vec::new(),
        },
        account_id: owner,
        signals: Vec::new(),
    }
}
