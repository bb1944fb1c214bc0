use gleaner_core::ReasonCode;

use super::Rule;
use crate::config::PolicyConfig;
use crate::facts::ContentFacts;
use crate::verdict::Verdict;

/// A conversation any turn of which touches a sensitive category is unused,
/// for ads and for content. A conversation that was not classified is
/// treated as sensitive.
pub struct Sensitive;

impl Rule for Sensitive {
    fn name(&self) -> &'static str {
        "sensitive"
    }

    fn on_content(&self, facts: &ContentFacts<'_>, _config: &PolicyConfig) -> Verdict {
        let Some(categories) = facts.sensitive_categories else {
            // Fail closed: without a classification nothing is known to be safe.
            return Verdict::drop(ReasonCode::Sensitive(
                gleaner_core::SensitiveCategory::Health,
            ))
            .with_all_categories();
        };
        if categories.is_empty() {
            return Verdict::allow();
        }
        let mut verdict = Verdict::drop(ReasonCode::Sensitive(categories[0]));
        for category in &categories[1..] {
            let reason = ReasonCode::Sensitive(*category);
            if !verdict.reasons.contains(&reason) {
                verdict.reasons.push(reason);
            }
        }
        verdict
    }
}

impl Verdict {
    /// Widens a sensitive drop to name every category (used when nothing was classified).
    fn with_all_categories(mut self) -> Self {
        self.reasons = gleaner_core::SensitiveCategory::ALL
            .into_iter()
            .map(ReasonCode::Sensitive)
            .collect();
        self
    }
}

#[cfg(test)]
mod tests {
    use gleaner_core::{Purposes, SensitiveCategory};

    use super::*;

    #[test]
    fn any_category_drops_the_whole_conversation_with_every_reason() {
        let config = PolicyConfig::default();
        let none: [SensitiveCategory; 0] = [];
        assert!(Sensitive
            .on_content(
                &ContentFacts {
                    sensitive_categories: Some(&none)
                },
                &config
            )
            .is_allow());
        let found = [SensitiveCategory::Health, SensitiveCategory::TradeUnion];
        let verdict = Sensitive.on_content(
            &ContentFacts {
                sensitive_categories: Some(&found),
            },
            &config,
        );
        assert_eq!(verdict.allowed, Purposes::NONE);
        assert_eq!(
            verdict.reasons,
            vec![
                ReasonCode::Sensitive(SensitiveCategory::Health),
                ReasonCode::Sensitive(SensitiveCategory::TradeUnion)
            ]
        );
    }

    #[test]
    fn unclassified_content_is_dropped() {
        let verdict = Sensitive.on_content(
            &ContentFacts {
                sensitive_categories: None,
            },
            &PolicyConfig::default(),
        );
        assert_eq!(verdict.allowed, Purposes::NONE);
        assert_eq!(verdict.reasons.len(), 7);
    }
}
