use gleaner_core::{Conversation, ConversationText, Role, TopicId, Turn};
use gleaner_taxonomy::Taxonomy;

use super::{number_variant, LexiconTopicModel, EMBEDDED_TOPIC_KEYWORDS, MAX_TOPICS};
use crate::phrase::PhraseSpec;

const SAMPLE: &str = "topic_id\tlang\tphrase
416\ten\ttrail running
416\tfr\tcourse en montagne
414\ten\tjogging
24\ten\ttrip
372\tfr\tthé
";

fn sample_model() -> LexiconTopicModel {
    LexiconTopicModel::new(Taxonomy::embedded(), SAMPLE).unwrap()
}

fn topics(model: &LexiconTopicModel, text: &str) -> Vec<TopicId> {
    model
        .infer(&Conversation::from_user_text("t", text))
        .iter()
        .map(|scored| scored.topic)
        .collect()
}

#[test]
fn a_leaf_hit_supports_its_ancestors() {
    let model = sample_model();
    let scored = model.infer(&Conversation::from_user_text(
        "t",
        "Best shoes for Trail Running in the Alps?",
    ));
    assert_eq!(scored[0].topic, TopicId(416));
    // Running gets a share of the Trail running evidence on top of its own.
    let running = |text: &str| {
        model
            .infer(&Conversation::from_user_text("t", text))
            .iter()
            .find(|found| found.topic == TopicId(414))
            .map(|found| found.score)
    };
    let jogging_alone = running("jogging").unwrap();
    let with_trail = running("jogging and trail running").unwrap();
    assert!(with_trail > jogging_alone);
}

#[test]
fn keywords_of_every_language_match_accent_folded() {
    let model = sample_model();
    assert_eq!(topics(&model, "une course en montagne")[0], TopicId(416));
    assert_eq!(topics(&model, "une COURSE EN MONTAGNE")[0], TopicId(416));
}

#[test]
fn folded_keywords_that_become_function_words_are_skipped() {
    // French `thé` folds to `the`, which would match every English sentence.
    let model = sample_model();
    assert!(topics(&model, "the weather is nice").is_empty());
    assert_eq!(model.keyword_count(), 4);
}

#[test]
fn plural_and_singular_forms_both_match() {
    let model = sample_model();
    assert!(topics(&model, "two trips to Lisbon").contains(&TopicId(24)));
    let spec = PhraseSpec::parse("hiking boots").unwrap();
    assert_eq!(number_variant(&spec).unwrap().words, "hiking boot");
    assert!(number_variant(&PhraseSpec::parse("bus").unwrap()).is_none());
    assert!(number_variant(&PhraseSpec::parse("news").unwrap()).is_none());
}

#[test]
fn assistant_turns_count_less_than_user_turns() {
    let model = sample_model();
    let by_role = |role: Role| {
        model.infer(&Conversation {
            id: "t".to_owned(),
            turns: vec![Turn {
                role,
                text: ConversationText::new("trail running"),
            }],
        })[0]
            .score
    };
    assert!(by_role(Role::User) > by_role(Role::Assistant));
}

#[test]
fn results_are_deterministic_and_bounded() {
    let model = LexiconTopicModel::new(Taxonomy::embedded(), EMBEDDED_TOPIC_KEYWORDS).unwrap();
    let text =
        "trail running shoes, a camping trip, a new laptop, a jazz record, a sourdough recipe, \
                my cat, a mortgage and a football match";
    let first = model.infer(&Conversation::from_user_text("t", text));
    for _ in 0..5 {
        assert_eq!(model.infer(&Conversation::from_user_text("t", text)), first);
    }
    assert!(first.len() <= MAX_TOPICS);
    assert!(first.windows(2).all(|pair| pair[0].score >= pair[1].score));
}

#[test]
fn embedded_keywords_load_and_cover_every_root() {
    let taxonomy = Taxonomy::embedded();
    let model = LexiconTopicModel::new(taxonomy, EMBEDDED_TOPIC_KEYWORDS).unwrap();
    assert!(model.keyword_count() > 1000);
    let roots = topics(
        &model,
        "Which hiking boots for a 3-day trek in the mountains?",
    )
    .iter()
    .filter_map(|topic| taxonomy.root_of(*topic))
    .collect::<Vec<_>>();
    assert!(
        roots.contains(&TopicId(20)) || roots.contains(&TopicId(24)),
        "{roots:?}"
    );
}

#[test]
fn malformed_keyword_files_name_the_line() {
    let taxonomy = Taxonomy::embedded();
    let error = |tsv: &str| {
        LexiconTopicModel::new(taxonomy, tsv)
            .unwrap_err()
            .to_string()
    };
    assert!(error("id\tlang\tphrase\n").contains("header"));
    assert!(error("topic_id\tlang\tphrase\n414\ten\n").contains("line 2"));
    assert!(error("topic_id\tlang\tphrase\n414\ten\tok\nx\ten\tjog\n").contains("line 3"));
    assert!(error("topic_id\tlang\tphrase\n99999\ten\tjog\n").contains("not in the taxonomy"));
    assert!(error("topic_id\tlang\tphrase\n414\tEN!\tjog\n").contains("language"));
    assert!(error("topic_id\tlang\tphrase\n414\ten\t--\n").contains("no letter"));
    // Blank and comment lines are fine.
    assert!(
        LexiconTopicModel::new(taxonomy, "topic_id\tlang\tphrase\n\n# note\n414\ten\tjog\n")
            .is_ok()
    );
}
