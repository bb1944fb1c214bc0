use gleaner_core::{Account, ReasonCode, Timestamp};

use super::Rule;
use crate::config::PolicyConfig;
use crate::facts::{EventFacts, UseFacts};
use crate::verdict::Verdict;

/// Nothing is used from before the person was told: the account must have
/// been notified at or before the event.
pub struct Notice;

fn check(account: &Account, at: Timestamp) -> Verdict {
    match account.notified_at {
        Some(notified_at) if notified_at <= at => Verdict::allow(),
        _ => Verdict::drop(ReasonCode::NotNotified),
    }
}

impl Rule for Notice {
    fn name(&self) -> &'static str {
        "notice"
    }

    fn on_event(&self, facts: &EventFacts<'_>, _config: &PolicyConfig) -> Verdict {
        check(facts.account, facts.event_at)
    }

    fn on_use(&self, facts: &UseFacts<'_>, _config: &PolicyConfig) -> Verdict {
        match facts.source_account {
            Some(source) => check(source, facts.signal_at),
            None => Verdict::drop(ReasonCode::NotNotified),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{at, event_facts, good_account};

    #[test]
    fn not_notified_or_notified_after_the_event_is_dropped() {
        let config = PolicyConfig::default();
        let mut account = good_account("a");
        assert!(Notice.on_event(&event_facts(&account), &config).is_allow());
        account.notified_at = Some(at(2026, 2, 1));
        assert_eq!(
            Notice.on_event(&event_facts(&account), &config),
            Verdict::drop(ReasonCode::NotNotified)
        );
        account.notified_at = None;
        assert_eq!(
            Notice.on_event(&event_facts(&account), &config),
            Verdict::drop(ReasonCode::NotNotified)
        );
    }
}
