//! Property tests of the policy's invariants over a narrow input space.

use chrono::{Duration, TimeZone, Utc};
use gleaner_core::{
    Account, AccountId, AccountsCenterId, AiPersonalization, Purposes, ReasonCode,
    SensitiveCategory, Surface, Timestamp, TopicId,
};
use gleaner_policy::{ContentFacts, EventFacts, Policy, UseFacts};
use proptest::prelude::*;

fn base_time() -> Timestamp {
    Utc.with_ymd_and_hms(2025, 11, 1, 0, 0, 0).unwrap()
}

prop_compose! {
    fn any_account(id: &'static str)(
        center in prop::option::of(prop::sample::select(vec!["ac:1", "ac:2"])),
        country in prop::option::of(prop::sample::select(vec!["US", "DE", "GB", "BR", "KR", "JP"])),
        birth_year in prop::option::of(1950i32..2015),
        notified_days in prop::option::of(0i64..400),
        ai in prop::option::of(prop::bool::ANY),
        hidden in prop::collection::vec(prop::sample::select(vec![20u32, 412, 9]), 0..2),
    ) -> Account {
        Account {
            account_id: AccountId::new(id),
            surface: Surface::new("facebook"),
            accounts_center_id: center.map(AccountsCenterId::new),
            country: country.map(|code| code.parse().unwrap()),
            birth_year,
            notified_at: notified_days.map(|days| base_time() + Duration::days(days)),
            ai_personalization: ai.map(|on| if on { AiPersonalization::On } else { AiPersonalization::Off }),
            hidden_topics: hidden.into_iter().map(TopicId).collect(),
        }
    }
}

const LINEAGE: [TopicId; 2] = [TopicId(412), TopicId(20)];

proptest! {
    /// Whatever the facts, an event that is allowed at all has a known,
    /// non-excluded country, a known adult-or-limited age, a notice before it,
    /// and is not encrypted.
    #[test]
    fn allowed_events_satisfy_every_precondition(
        account in any_account("a"),
        event_days in 0i64..400,
        now_days in 0i64..600,
        encrypted in prop::option::of(prop::bool::ANY),
        is_ai in prop::bool::ANY,
    ) {
        let policy = Policy::default();
        let event_at = base_time() + Duration::days(event_days);
        let decision = policy.evaluate_event(&EventFacts {
            now: base_time() + Duration::days(now_days),
            event_at,
            account: &account,
            is_ai_interaction: is_ai,
            encrypted,
        });
        if !decision.is_dropped() {
            let country = account.country.expect("allowed implies a known country");
            prop_assert!(!policy.config().excluded_countries.contains(&country));
            prop_assert!(account.notified_at.is_some_and(|notified| notified <= event_at));
            prop_assert!(event_at >= policy.config().effective_date);
            if is_ai {
                prop_assert_eq!(encrypted, Some(false));
                prop_assert_eq!(account.ai_personalization, Some(AiPersonalization::On));
            }
        }
        if decision.allows_ads() {
            prop_assert!(account.birth_year.is_some());
        }
        // A refusal always says why.
        prop_assert_eq!(decision.allowed == Purposes::ALL, decision.reasons.is_empty());
    }

    /// A signal is only ever used between linked accounts, never on a hidden
    /// topic or descendant, and never after retention.
    #[test]
    fn used_signals_are_linked_unhidden_and_fresh(
        serving in any_account("a"),
        source in any_account("b"),
        signal_days in 0i64..400,
        now_days in 0i64..600,
        is_ai in prop::bool::ANY,
    ) {
        let policy = Policy::default();
        let now = base_time() + Duration::days(now_days);
        let signal_at = base_time() + Duration::days(signal_days);
        let decision = policy.evaluate_use(&UseFacts {
            now,
            serving_account: &serving,
            source_account: Some(&source),
            signal_at,
            signal_is_ai_interaction: is_ai,
            topic_lineage: Some(&LINEAGE),
            linked_hidden_topics: &[],
        });
        if decision.is_dropped() {
            prop_assert!(!decision.reasons.is_empty());
        } else {
            prop_assert!(serving.is_linked_to(&source));
            prop_assert!(!LINEAGE.iter().any(|topic| serving.hidden_topics.contains(topic) || source.hidden_topics.contains(topic)));
            prop_assert!(signal_at >= policy.retention_cutoff(now));
        }
    }

    /// Any sensitive category drops the conversation for every purpose.
    #[test]
    fn sensitive_content_is_never_used(categories in prop::collection::vec(prop::sample::select(SensitiveCategory::ALL.to_vec()), 1..4)) {
        let decision = Policy::default().evaluate_content(&ContentFacts { sensitive_categories: Some(&categories) });
        prop_assert!(decision.is_dropped());
        for category in categories {
            prop_assert!(decision.reasons.contains(&ReasonCode::Sensitive(category)));
        }
    }
}
