use gleaner_core::{ReasonCode, Timestamp};

use super::Rule;
use crate::config::PolicyConfig;
use crate::facts::{EventFacts, UseFacts};
use crate::verdict::Verdict;

/// Nothing that happened before the policy's effective date is used.
pub struct EffectiveDate;

fn check(at: Timestamp, config: &PolicyConfig) -> Verdict {
    if at >= config.effective_date {
        Verdict::allow()
    } else {
        Verdict::drop(ReasonCode::BeforeEffectiveDate)
    }
}

impl Rule for EffectiveDate {
    fn name(&self) -> &'static str {
        "effective_date"
    }

    fn on_event(&self, facts: &EventFacts<'_>, config: &PolicyConfig) -> Verdict {
        check(facts.event_at, config)
    }

    fn on_use(&self, facts: &UseFacts<'_>, config: &PolicyConfig) -> Verdict {
        check(facts.signal_at, config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{at, event_facts, good_account, use_facts};

    #[test]
    fn events_before_the_effective_date_are_dropped() {
        let config = PolicyConfig::default();
        let account = good_account("a");
        let mut facts = event_facts(&account);
        facts.event_at = at(2025, 12, 15);
        assert_eq!(
            EffectiveDate.on_event(&facts, &config),
            Verdict::drop(ReasonCode::BeforeEffectiveDate)
        );
        facts.event_at = config.effective_date;
        assert!(EffectiveDate.on_event(&facts, &config).is_allow());
        let mut use_before = use_facts(&account, &account);
        use_before.signal_at = at(2025, 1, 1);
        assert!(!EffectiveDate.on_use(&use_before, &config).is_allow());
    }
}
