use gleaner_core::{Account, AiPersonalization, ReasonCode};

use super::Rule;
use crate::config::PolicyConfig;
use crate::facts::{EventFacts, UseFacts};
use crate::verdict::Verdict;

/// With `ai_personalization: off` (or unknown), AI interactions are not used;
/// engagement still is. At use time the setting is read as it is now, on the
/// source and on the serving account, so turning it off takes effect at once.
/// An operator may switch the opt-out off (`opt_out_enabled: false`).
pub struct OptOut;

fn ai_use_allowed(account: &Account) -> bool {
    account.ai_personalization == Some(AiPersonalization::On)
}

impl Rule for OptOut {
    fn name(&self) -> &'static str {
        "opt_out"
    }

    fn on_event(&self, facts: &EventFacts<'_>, config: &PolicyConfig) -> Verdict {
        if !config.opt_out_enabled || !facts.is_ai_interaction || ai_use_allowed(facts.account) {
            Verdict::allow()
        } else {
            Verdict::drop(ReasonCode::OptedOut)
        }
    }

    fn on_use(&self, facts: &UseFacts<'_>, config: &PolicyConfig) -> Verdict {
        if !config.opt_out_enabled || !facts.signal_is_ai_interaction {
            return Verdict::allow();
        }
        let source_allows = facts.source_account.is_some_and(ai_use_allowed);
        if source_allows && ai_use_allowed(facts.serving_account) {
            Verdict::allow()
        } else {
            Verdict::drop(ReasonCode::OptedOut)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{event_facts, good_account, use_facts};

    #[test]
    fn opted_out_ai_interactions_are_dropped_but_engagement_is_kept() {
        let config = PolicyConfig::default();
        let mut account = good_account("a");
        account.ai_personalization = Some(AiPersonalization::Off);
        let mut facts = event_facts(&account);
        assert_eq!(
            OptOut.on_event(&facts, &config),
            Verdict::drop(ReasonCode::OptedOut)
        );
        facts.is_ai_interaction = false;
        assert!(OptOut.on_event(&facts, &config).is_allow());
    }

    #[test]
    fn unknown_setting_counts_as_off_and_operator_can_disable_the_rule() {
        let mut account = good_account("a");
        account.ai_personalization = None;
        let facts = event_facts(&account);
        assert!(!OptOut.on_event(&facts, &PolicyConfig::default()).is_allow());
        let lax = PolicyConfig {
            opt_out_enabled: false,
            ..PolicyConfig::default()
        };
        assert!(OptOut.on_event(&facts, &lax).is_allow());
    }

    #[test]
    fn opting_out_later_stops_use_of_stored_ai_signals() {
        let config = PolicyConfig::default();
        let serving = good_account("a");
        let mut source = good_account("b");
        assert!(OptOut
            .on_use(&use_facts(&serving, &source), &config)
            .is_allow());
        source.ai_personalization = Some(AiPersonalization::Off);
        assert!(!OptOut
            .on_use(&use_facts(&serving, &source), &config)
            .is_allow());
        assert!(!OptOut
            .on_use(&use_facts(&source, &serving), &config)
            .is_allow());
        let mut engagement = use_facts(&serving, &source);
        engagement.signal_is_ai_interaction = false;
        assert!(OptOut.on_use(&engagement, &config).is_allow());
    }
}
