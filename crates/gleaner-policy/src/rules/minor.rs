use chrono::Datelike;
use gleaner_core::{Account, Purposes, ReasonCode, Timestamp};

use super::{certain_age, Rule};
use crate::config::PolicyConfig;
use crate::facts::{EventFacts, UseFacts};
use crate::verdict::Verdict;

/// Minors get no profiling-based ads; content only where the operator allows
/// it. An unknown age is a minor's age, and a birth year alone proves
/// adulthood only once the latest possible birthday has passed.
pub struct Minor;

fn is_certainly_adult(account: &Account, at: Timestamp, config: &PolicyConfig) -> bool {
    account
        .birth_year
        .is_some_and(|birth_year| certain_age(birth_year, at.year()) >= i32::from(config.adult_age))
}

fn minor_verdict(config: &PolicyConfig) -> Verdict {
    let allowed = if config.minors_content_allowed {
        Purposes::CONTENT_ONLY
    } else {
        Purposes::NONE
    };
    Verdict::limit(allowed, ReasonCode::Minor)
}

impl Rule for Minor {
    fn name(&self) -> &'static str {
        "minor"
    }

    fn on_event(&self, facts: &EventFacts<'_>, config: &PolicyConfig) -> Verdict {
        if is_certainly_adult(facts.account, facts.event_at, config) {
            Verdict::allow()
        } else {
            minor_verdict(config)
        }
    }

    fn on_use(&self, facts: &UseFacts<'_>, config: &PolicyConfig) -> Verdict {
        if is_certainly_adult(facts.serving_account, facts.now, config) {
            Verdict::allow()
        } else {
            minor_verdict(config)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{event_facts, good_account, use_facts};

    #[test]
    fn age_is_taken_at_event_time_and_unknown_is_minor() {
        let config = PolicyConfig::default();
        // The event fixture is in 2026.
        for (birth_year, adult) in [
            (Some(1990), true),
            (Some(2007), true),
            (Some(2008), false),
            (Some(2012), false),
            (None, false),
        ] {
            let mut account = good_account("a");
            account.birth_year = birth_year;
            let verdict = Minor.on_event(&event_facts(&account), &config);
            assert_eq!(verdict.is_allow(), adult, "{birth_year:?}");
            if !adult {
                assert_eq!(verdict, Verdict::limit(Purposes::NONE, ReasonCode::Minor));
            }
        }
    }

    #[test]
    fn operator_may_allow_content_for_minors_but_never_ads() {
        let config = PolicyConfig {
            minors_content_allowed: true,
            ..PolicyConfig::default()
        };
        let mut account = good_account("a");
        account.birth_year = Some(2011);
        let verdict = Minor.on_event(&event_facts(&account), &config);
        assert_eq!(verdict.allowed, Purposes::CONTENT_ONLY);
        let verdict = Minor.on_use(&use_facts(&account, &account), &config);
        assert!(!verdict.allowed.ads);
        assert!(verdict.allowed.content);
    }
}
