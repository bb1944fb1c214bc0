use gleaner_core::ReasonCode;

use super::Rule;
use crate::config::PolicyConfig;
use crate::facts::EventFacts;
use crate::verdict::Verdict;

/// End-to-end encrypted chats are dropped unread. An AI interaction whose
/// `encrypted` flag is absent counts as encrypted.
pub struct Encrypted;

impl Rule for Encrypted {
    fn name(&self) -> &'static str {
        "encrypted"
    }

    fn on_event(&self, facts: &EventFacts<'_>, _config: &PolicyConfig) -> Verdict {
        if !facts.is_ai_interaction {
            return Verdict::allow();
        }
        match facts.encrypted {
            Some(false) => Verdict::allow(),
            Some(true) | None => Verdict::drop(ReasonCode::Encrypted),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{event_facts, good_account};

    #[test]
    fn encrypted_or_unknown_ai_interaction_is_dropped() {
        let account = good_account("a");
        let config = PolicyConfig::default();
        let mut facts = event_facts(&account);
        assert!(Encrypted.on_event(&facts, &config).is_allow());
        facts.encrypted = Some(true);
        assert_eq!(
            Encrypted.on_event(&facts, &config),
            Verdict::drop(ReasonCode::Encrypted)
        );
        facts.encrypted = None;
        assert_eq!(
            Encrypted.on_event(&facts, &config),
            Verdict::drop(ReasonCode::Encrypted)
        );
    }

    #[test]
    fn engagements_have_no_encryption_flag() {
        let account = good_account("a");
        let mut facts = event_facts(&account);
        facts.is_ai_interaction = false;
        facts.encrypted = None;
        assert!(Encrypted
            .on_event(&facts, &PolicyConfig::default())
            .is_allow());
    }
}
