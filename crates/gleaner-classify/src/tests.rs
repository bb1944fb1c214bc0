use gleaner_core::{Conversation, ConversationText, Role, SensitiveCategory, Turn};
use proptest::prelude::*;

use crate::{Classification, Classifier, LexiconClassifier, Tier};

fn conversation(turns: &[(Role, &str)]) -> Conversation {
    Conversation {
        id: "c".to_owned(),
        turns: turns
            .iter()
            .map(|(role, text)| Turn {
                role: *role,
                text: ConversationText::new(*text),
            })
            .collect(),
    }
}

#[test]
fn a_sensitive_conversation_is_not_ad_eligible() {
    let classifier = LexiconClassifier::embedded();
    let classification = classifier.classify(&Conversation::from_user_text(
        "c",
        "since my MS diagnosis I need hiking boots with ankle support",
    ));
    assert!(classification.is_sensitive());
    assert!(!classification.ad_eligible());
    assert_eq!(
        classification.sensitive_categories(),
        vec![SensitiveCategory::Health]
    );
    assert!(classification
        .sensitive
        .iter()
        .all(|hit| hit.tier == Tier::Lexicon));
    // The request is still about boots: topics are reported, the consumer drops them.
    assert!(!classification.topics.is_empty());
}

#[test]
fn a_plain_request_is_ad_eligible_with_topics() {
    let classification = LexiconClassifier::embedded().classify(&Conversation::from_user_text(
        "c",
        "Which waterproof hiking boots for a 3-day trek?",
    ));
    assert!(classification.ad_eligible());
    assert!(!classification.topics.is_empty());
}

#[test]
fn only_the_third_turn_is_sensitive_and_flags_everything() {
    let classification = LexiconClassifier::embedded().classify(&conversation(&[
        (Role::User, "Plan a dinner menu for eight people"),
        (
            Role::Assistant,
            "Sure: a tomato tart, roast chicken and a lemon tart.",
        ),
        (
            Role::User,
            "Great, but my in-laws keep kosher, so no chicken with dairy",
        ),
    ]));
    assert_eq!(
        classification.sensitive_categories(),
        vec![SensitiveCategory::Religion]
    );
    assert!(!classification.ad_eligible());
}

#[test]
fn classification_is_deterministic() {
    let classifier = LexiconClassifier::embedded();
    let input = conversation(&[
        (
            Role::User,
            "tips for a trail running race in the Alps, and a new GPS watch",
        ),
        (
            Role::Assistant,
            "Train on hills, and look at Garmin or Coros watches.",
        ),
    ]);
    let first = classifier.classify(&input);
    let rebuilt = LexiconClassifier::new(gleaner_taxonomy::Taxonomy::embedded()).unwrap();
    assert_eq!(rebuilt.classify(&input), first);
    assert_eq!(classifier.clone().classify(&input), first);
}

#[test]
fn results_serialize_without_any_text() {
    let classification = LexiconClassifier::embedded().classify(&Conversation::from_user_text(
        "c",
        "as a Sikh man I need a helmet for my trail running race",
    ));
    let json = serde_json::to_string(&classification).unwrap();
    for word in ["Sikh", "sikh", "helmet", "trail", "running"] {
        assert!(!json.contains(word), "{json}");
    }
    assert!(json.contains("\"tier\":\"lexicon\""));
    let back: Classification = serde_json::from_str(&json).unwrap();
    assert_eq!(back, classification);
}

#[test]
fn empty_conversations_are_clean() {
    let classifier = LexiconClassifier::embedded();
    assert_eq!(
        classifier.classify(&conversation(&[])),
        Classification::default()
    );
    assert_eq!(classifier.name(), "lexicon");
}

#[test]
fn the_classifier_is_usable_as_a_trait_object() {
    let boxed: Box<dyn Classifier> = Box::new(LexiconClassifier::embedded().clone());
    assert!(boxed
        .classify(&Conversation::from_user_text("c", "I'm on strike tomorrow"))
        .is_sensitive());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn classify_never_panics(texts in prop::collection::vec(any::<String>(), 0..4)) {
        let classifier = LexiconClassifier::embedded();
        let turns: Vec<(Role, &str)> = texts.iter().map(|text| (Role::User, text.as_str())).collect();
        let classification = classifier.classify(&conversation(&turns));
        for hit in &classification.sensitive {
            prop_assert!((0.0..=1.0).contains(&hit.score));
        }
        for topic in &classification.topics {
            prop_assert!((0.0..=1.0).contains(&topic.score));
        }
    }

    #[test]
    fn normalization_is_idempotent_on_its_output(text in any::<String>()) {
        let once = crate::normalize::normalize(&text);
        let folded = once.rendering(crate::normalize::Rendering::Folded).to_owned();
        let twice = crate::normalize::normalize(&folded);
        prop_assert_eq!(twice.rendering(crate::normalize::Rendering::Folded), folded.as_str());
    }
}

#[test]
fn batches_and_catalog_batches_equal_one_by_one_results() {
    let classifier = LexiconClassifier::embedded();
    let conversations = [
        conversation(&[(Role::User, "since my MS diagnosis I need hiking boots")]),
        conversation(&[(Role::User, "best trail running shoes under 100 dollars")]),
        conversation(&[]),
    ];
    let refs: Vec<&Conversation> = conversations.iter().collect();
    let one_by_one: Vec<Classification> = conversations
        .iter()
        .map(|conversation| classifier.classify(conversation))
        .collect();
    assert!(one_by_one[0].is_sensitive() && !one_by_one[1].is_sensitive());
    assert_eq!(classifier.classify_batch(&refs), one_by_one);
    assert_eq!(classifier.classify_catalog(&refs), one_by_one);
}

#[test]
fn an_unclassified_conversation_counts_as_sensitive_and_says_so_only_when_true() {
    let unclassified = Classification::unclassified();
    assert!(unclassified.is_sensitive());
    assert!(!unclassified.ad_eligible());
    assert!(unclassified.sensitive_categories().is_empty());
    let json = serde_json::to_string(&unclassified).unwrap();
    assert!(json.contains("\"unclassified\":true"), "{json}");
    let read = Classification::default();
    assert!(!serde_json::to_string(&read)
        .unwrap()
        .contains("unclassified"));
    let back: Classification = serde_json::from_str(r#"{"sensitive":[],"topics":[]}"#).unwrap();
    assert!(!back.unclassified && back.ad_eligible());
}
