use gleaner_core::ReasonCode;

use super::Rule;
use crate::config::PolicyConfig;
use crate::facts::UseFacts;
use crate::verdict::Verdict;

/// A signal of account A is used on account B only when A is B or both share
/// an `accounts_center_id`.
pub struct Linking;

impl Rule for Linking {
    fn name(&self) -> &'static str {
        "linking"
    }

    fn on_use(&self, facts: &UseFacts<'_>, _config: &PolicyConfig) -> Verdict {
        match facts.source_account {
            Some(source) if facts.serving_account.is_linked_to(source) => Verdict::allow(),
            _ => Verdict::drop(ReasonCode::NotLinked),
        }
    }
}

#[cfg(test)]
mod tests {
    use gleaner_core::AccountsCenterId;

    use super::*;
    use crate::rules::fixtures::{good_account, use_facts};

    #[test]
    fn only_same_or_linked_accounts_share_signals() {
        let config = PolicyConfig::default();
        let serving = good_account("a");
        let mut source = good_account("b");
        assert!(Linking
            .on_use(&use_facts(&serving, &source), &config)
            .is_allow());
        source.accounts_center_id = Some(AccountsCenterId::new("ac:other"));
        assert_eq!(
            Linking.on_use(&use_facts(&serving, &source), &config),
            Verdict::drop(ReasonCode::NotLinked)
        );
        source.accounts_center_id = None;
        assert!(!Linking
            .on_use(&use_facts(&serving, &source), &config)
            .is_allow());
        assert!(Linking
            .on_use(&use_facts(&source, &source), &config)
            .is_allow());
        let mut gone = use_facts(&serving, &serving);
        gone.source_account = None;
        assert!(!Linking.on_use(&gone, &config).is_allow());
    }
}
