use gleaner_core::{Account, ReasonCode};

use super::Rule;
use crate::config::PolicyConfig;
use crate::facts::{EventFacts, UseFacts};
use crate::verdict::Verdict;

/// Accounts in excluded jurisdictions, or whose country is unknown, are never
/// processed; at use time both the serving and the source account must be
/// outside them.
pub struct Jurisdiction;

fn is_processable(account: &Account, config: &PolicyConfig) -> bool {
    account
        .country
        .is_some_and(|country| !config.excluded_countries.contains(&country))
}

impl Rule for Jurisdiction {
    fn name(&self) -> &'static str {
        "jurisdiction"
    }

    fn on_event(&self, facts: &EventFacts<'_>, config: &PolicyConfig) -> Verdict {
        if is_processable(facts.account, config) {
            Verdict::allow()
        } else {
            Verdict::drop(ReasonCode::Jurisdiction)
        }
    }

    fn on_use(&self, facts: &UseFacts<'_>, config: &PolicyConfig) -> Verdict {
        let source_processable = facts
            .source_account
            .is_some_and(|source| is_processable(source, config));
        if is_processable(facts.serving_account, config) && source_processable {
            Verdict::allow()
        } else {
            Verdict::drop(ReasonCode::Jurisdiction)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{event_facts, good_account, use_facts};

    #[test]
    fn excluded_or_unknown_country_is_dropped() {
        let config = PolicyConfig::default();
        for (country, allowed) in [
            (Some("US"), true),
            (Some("DE"), false),
            (Some("GB"), false),
            (Some("KR"), false),
            (Some("RE"), false),
            (None, false),
        ] {
            let mut account = good_account("a");
            account.country = country.map(|code| code.parse().unwrap());
            let verdict = Jurisdiction.on_event(&event_facts(&account), &config);
            assert_eq!(verdict.is_allow(), allowed, "{country:?}");
            if !allowed {
                assert_eq!(verdict.reasons, vec![ReasonCode::Jurisdiction]);
            }
        }
    }

    #[test]
    fn use_needs_both_accounts_processable() {
        let config = PolicyConfig::default();
        let serving = good_account("a");
        let mut source = good_account("b");
        assert!(Jurisdiction
            .on_use(&use_facts(&serving, &source), &config)
            .is_allow());
        source.country = Some("FR".parse().unwrap());
        assert!(!Jurisdiction
            .on_use(&use_facts(&serving, &source), &config)
            .is_allow());
        assert!(!Jurisdiction
            .on_use(&use_facts(&source, &serving), &config)
            .is_allow());
        let mut gone = use_facts(&serving, &serving);
        gone.source_account = None;
        assert!(!Jurisdiction.on_use(&gone, &config).is_allow());
    }
}
