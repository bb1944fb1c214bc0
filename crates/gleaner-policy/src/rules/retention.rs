use gleaner_core::{ReasonCode, Timestamp};

use super::Rule;
use crate::config::PolicyConfig;
use crate::facts::{EventFacts, UseFacts};
use crate::verdict::Verdict;

/// Signals older than `retention_days` are not used (and the store deletes
/// them); an event that is already that old when it arrives is not kept.
pub struct Retention;

fn check(at: Timestamp, now: Timestamp, config: &PolicyConfig) -> Verdict {
    let cutoff = now - chrono::Duration::days(i64::from(config.retention_days));
    if at >= cutoff {
        Verdict::allow()
    } else {
        Verdict::drop(ReasonCode::Expired)
    }
}

impl Rule for Retention {
    fn name(&self) -> &'static str {
        "retention"
    }

    fn on_event(&self, facts: &EventFacts<'_>, config: &PolicyConfig) -> Verdict {
        check(facts.event_at, facts.now, config)
    }

    fn on_use(&self, facts: &UseFacts<'_>, config: &PolicyConfig) -> Verdict {
        check(facts.signal_at, facts.now, config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{at, event_facts, good_account, use_facts};

    #[test]
    fn older_than_retention_is_expired() {
        let config = PolicyConfig::default();
        let account = good_account("a");
        let mut facts = use_facts(&account, &account);
        facts.now = at(2026, 12, 1);
        facts.signal_at = at(2026, 6, 1);
        assert_eq!(
            Retention.on_use(&facts, &config),
            Verdict::drop(ReasonCode::Expired)
        );
        facts.signal_at = at(2026, 6, 5);
        assert!(Retention.on_use(&facts, &config).is_allow());
        let mut event = event_facts(&account);
        event.now = at(2026, 12, 1);
        event.event_at = at(2026, 1, 1);
        assert_eq!(
            Retention.on_event(&event, &config),
            Verdict::drop(ReasonCode::Expired)
        );
    }
}
