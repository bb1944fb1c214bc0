use gleaner_core::{ReasonCode, TopicId};

use super::Rule;
use crate::config::PolicyConfig;
use crate::facts::UseFacts;
use crate::verdict::Verdict;

/// A topic the person hid, and every descendant of it, is never used for
/// them. Hidden topics of the serving and of the source account both count
/// (they are the same person when linked). A topic outside the taxonomy has
/// no known lineage and is not used.
pub struct HiddenTopic;

impl Rule for HiddenTopic {
    fn name(&self) -> &'static str {
        "hidden_topic"
    }

    fn on_use(&self, facts: &UseFacts<'_>, _config: &PolicyConfig) -> Verdict {
        let Some(lineage) = facts.topic_lineage else {
            return Verdict::drop(ReasonCode::HiddenByUser);
        };
        let hidden_by = |hidden: &[TopicId]| lineage.iter().any(|topic| hidden.contains(topic));
        let hidden_on_source = facts
            .source_account
            .is_some_and(|source| hidden_by(&source.hidden_topics));
        if hidden_by(&facts.serving_account.hidden_topics)
            || hidden_on_source
            || hidden_by(facts.linked_hidden_topics)
        {
            Verdict::drop(ReasonCode::HiddenByUser)
        } else {
            Verdict::allow()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{good_account, use_facts};

    #[test]
    fn hiding_a_topic_or_an_ancestor_drops_the_signal() {
        let config = PolicyConfig::default();
        let source = good_account("b");
        // The fixture lineage is [412, 20]: topic 412 under root 20.
        for (hidden, allowed) in [
            (vec![], true),
            (vec![TopicId(412)], false),
            (vec![TopicId(20)], false),
            (vec![TopicId(9)], true),
        ] {
            let mut serving = good_account("a");
            serving.hidden_topics = hidden.clone();
            let verdict = HiddenTopic.on_use(&use_facts(&serving, &source), &config);
            assert_eq!(verdict.is_allow(), allowed, "{hidden:?}");
        }
    }

    #[test]
    fn hidden_on_the_linked_source_account_counts_too() {
        let serving = good_account("a");
        let mut source = good_account("b");
        source.hidden_topics = vec![TopicId(20)];
        assert!(!HiddenTopic
            .on_use(&use_facts(&serving, &source), &PolicyConfig::default())
            .is_allow());
    }

    #[test]
    fn hidden_on_any_linked_account_counts() {
        let serving = good_account("a");
        let hidden = [TopicId(412)];
        let mut facts = use_facts(&serving, &serving);
        facts.linked_hidden_topics = &hidden;
        assert!(!HiddenTopic
            .on_use(&facts, &PolicyConfig::default())
            .is_allow());
    }

    #[test]
    fn unknown_lineage_is_not_used() {
        let serving = good_account("a");
        let mut facts = use_facts(&serving, &serving);
        facts.topic_lineage = None;
        assert!(!HiddenTopic
            .on_use(&facts, &PolicyConfig::default())
            .is_allow());
    }
}
