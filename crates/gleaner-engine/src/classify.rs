//! The wire format of `gleaner classify` and `POST /v1/classify` (SPEC §5,
//! §6), shared so the CLI and the server cannot drift apart.
//!
//! A request line is `{"id":..,"turns":[{"role","text"}..]}` or
//! `{"id":..,"text":".."}`; the id is any JSON value and is echoed back.
//! A result line is `{"id","sensitive":[{"category","score","tier"}],
//! "topics":[{"id","path","score"}],"ad_eligible"}`. A bad line becomes a
//! [`Rejected`] naming its line number; the message never quotes input text
//! (the text is read by the classifier and by nothing else).

use gleaner_classify::{Cancel, Cancelled, Classifier};
use gleaner_core::{Conversation, ConversationText, Role, Turn};
use gleaner_taxonomy::Taxonomy;
use serde::{Deserialize, Serialize};

use crate::ingest::jsonl::{redact_quoted, ParseLimits};
use crate::{RejectReason, Rejected};

/// Conversations classified together (the semantic tier embeds a batch in
/// one pass).
pub const CLASSIFY_BATCH: usize = 64;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassifyLine {
    id: serde_json::Value,
    #[serde(default)]
    turns: Option<Vec<Turn>>,
    #[serde(default)]
    text: Option<ConversationText>,
}

/// One parsed request: the caller's id and the conversation.
#[derive(Debug)]
pub struct ClassifyRequest {
    /// The id as the caller sent it, echoed back in the result.
    pub id: serde_json::Value,
    /// What the classifier reads.
    pub conversation: Conversation,
}

/// A sensitive category found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SensitiveOutput {
    /// The category's stable name (`health`, ...).
    pub category: &'static str,
    /// Confidence in `[0, 1]`.
    pub score: f32,
    /// The tier that decided (`lexicon` or `semantic`).
    pub tier: &'static str,
}

/// A topic found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopicOutput {
    /// The taxonomy id.
    pub id: u32,
    /// The topic's path (`Sports > Running`).
    pub path: String,
    /// Confidence in `[0, 1]`.
    pub score: f32,
}

/// One result line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassifyOutput {
    /// The request's id.
    pub id: serde_json::Value,
    /// Sensitive categories, highest score first.
    pub sensitive: Vec<SensitiveOutput>,
    /// Topics, highest score first.
    pub topics: Vec<TopicOutput>,
    /// Whether the conversation may inform ads (no sensitive category).
    pub ad_eligible: bool,
}

/// Parses one request line (`line` is its 1-based number). A
/// conversation whose text (summed over turns) is over
/// `limits.max_text_bytes` is rejected naming its field, as an event's is
/// on ingest: the same limit bounds the work of one request.
pub fn parse_classify_line(
    line: usize,
    text: &str,
    limits: ParseLimits,
) -> Result<ClassifyRequest, Rejected> {
    let parsed: ClassifyLine = serde_json::from_str(text).map_err(|error| Rejected {
        line,
        reason: RejectReason::Malformed(redact_quoted(&error.to_string())),
    })?;
    let (turns, field) = match (parsed.turns, parsed.text) {
        (Some(turns), None) => (turns, "turns"),
        (None, Some(text)) => (
            vec![Turn {
                role: Role::User,
                text,
            }],
            "text",
        ),
        _ => {
            return Err(Rejected {
                line,
                reason: RejectReason::InvalidField {
                    field: "turns".to_owned(),
                    problem: "give exactly one of `turns` or `text`".to_owned(),
                },
            })
        }
    };
    let text_bytes: usize = turns.iter().map(|turn| turn.text.len()).sum();
    if text_bytes > limits.max_text_bytes {
        return Err(Rejected {
            line,
            reason: RejectReason::TextTooLarge {
                field,
                bytes: text_bytes,
                limit: limits.max_text_bytes,
            },
        });
    }
    let conversation = Conversation {
        id: parsed.id.to_string(),
        turns,
    };
    Ok(ClassifyRequest {
        id: parsed.id,
        conversation,
    })
}

/// Classifies `requests` in one batch; the output is in input order.
pub fn classify_requests(
    classifier: &dyn Classifier,
    taxonomy: &Taxonomy,
    requests: Vec<ClassifyRequest>,
) -> Vec<ClassifyOutput> {
    let conversations: Vec<&Conversation> = requests
        .iter()
        .map(|request| &request.conversation)
        .collect();
    let classifications = classifier.classify_batch(&conversations);
    outputs(taxonomy, requests, classifications)
}

/// As [`classify_requests`], in batches of [`CLASSIFY_BATCH`], stopping
/// with [`Cancelled`] once `cancel` is set (checked between batches and,
/// inside one, as often as the classifier checks it).
pub fn classify_requests_until(
    classifier: &dyn Classifier,
    taxonomy: &Taxonomy,
    requests: Vec<ClassifyRequest>,
    cancel: &Cancel,
) -> Result<Vec<ClassifyOutput>, Cancelled> {
    let mut classifications = Vec::with_capacity(requests.len());
    for batch in requests.chunks(CLASSIFY_BATCH) {
        cancel.check()?;
        let conversations: Vec<&Conversation> =
            batch.iter().map(|request| &request.conversation).collect();
        classifications.extend(classifier.classify_batch_until(&conversations, cancel)?);
    }
    Ok(outputs(taxonomy, requests, classifications))
}

fn outputs(
    taxonomy: &Taxonomy,
    requests: Vec<ClassifyRequest>,
    classifications: Vec<gleaner_classify::Classification>,
) -> Vec<ClassifyOutput> {
    debug_assert_eq!(classifications.len(), requests.len());
    requests
        .into_iter()
        .zip(classifications)
        .map(|(request, classification)| ClassifyOutput {
            id: request.id,
            ad_eligible: classification.ad_eligible(),
            sensitive: classification
                .sensitive
                .iter()
                .map(|hit| SensitiveOutput {
                    category: hit.category.as_str(),
                    score: hit.score,
                    tier: hit.tier.as_str(),
                })
                .collect(),
            topics: classification
                .topics
                .iter()
                .map(|scored| TopicOutput {
                    id: scored.topic.0,
                    path: taxonomy.path(scored.topic).unwrap_or_default(),
                    score: scored.score,
                })
                .collect(),
        })
        .collect()
}

/// Parses JSON Lines (blank lines skipped) into requests and rejections,
/// each in input order.
pub fn parse_classify_lines(
    body: &str,
    limits: ParseLimits,
) -> (Vec<ClassifyRequest>, Vec<Rejected>) {
    let mut requests = Vec::new();
    let mut rejected = Vec::new();
    for (index, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match parse_classify_line(index + 1, line, limits) {
            Ok(request) => requests.push(request),
            Err(rejection) => rejected.push(rejection),
        }
    }
    (requests, rejected)
}

/// The policy's decision on the sensitive categories found in one
/// conversation (SPEC
/// §4's sensitive rule): the one place ingest and `gleaner audit` turn
/// what a classifier found into used or dropped. A conversation a tier
/// could not read (`unclassified`) reaches the policy without categories,
/// and the policy drops it under every category (fail closed).
pub fn content_decision(
    policy: &gleaner_policy::Policy,
    categories: &[gleaner_core::SensitiveCategory],
    unclassified: bool,
) -> gleaner_policy::Decision {
    policy.evaluate_content(&gleaner_policy::ContentFacts {
        sensitive_categories: (!unclassified).then_some(categories),
    })
}

#[cfg(test)]
mod tests {
    use gleaner_classify::LexiconClassifier;

    use super::*;

    #[test]
    fn text_and_turns_forms_classify_alike_and_echo_the_id() {
        let (requests, rejected) = parse_classify_lines(
            concat!(
                r#"{"id":7,"text":"training plan for my first marathon, trail running shoes"}"#,
                "\n\n",
                r#"{"id":"b","turns":[{"role":"user","text":"training plan for my first marathon, trail running shoes"}]}"#,
                "\n"
            ),
            ParseLimits::default(),
        );
        assert!(rejected.is_empty(), "{rejected:?}");
        let outputs = classify_requests(
            LexiconClassifier::embedded(),
            Taxonomy::embedded(),
            requests,
        );
        assert_eq!(outputs.len(), 2);
        assert_eq!(outputs[0].id, serde_json::json!(7));
        assert_eq!(outputs[1].id, serde_json::json!("b"));
        assert_eq!(outputs[0].topics, outputs[1].topics);
        assert!(!outputs[0].topics.is_empty());
        assert!(outputs[0].ad_eligible);
        assert!(outputs[0].topics[0].path.contains("Sports"));
    }

    #[test]
    fn bad_lines_name_their_number_and_never_quote_the_text() {
        let (requests, rejected) = parse_classify_lines(
            concat!(
                r#"{"id":1,"text":"fine"}"#,
                "\n",
                r#"{"id":2,"text":"secret words","turns":[]}"#,
                "\n",
                r#"{"id":3,"txt":"secret words"}"#,
                "\n",
                "not json\n",
            ),
            ParseLimits::default(),
        );
        assert_eq!(requests.len(), 1);
        let lines: Vec<usize> = rejected.iter().map(|rejection| rejection.line).collect();
        assert_eq!(lines, vec![2, 3, 4]);
        for rejection in &rejected {
            assert!(!rejection.reason.to_string().contains("secret"));
        }
        assert!(rejected[1].reason.to_string().contains("txt"));
    }

    #[test]
    fn text_over_the_limit_is_rejected_naming_its_field() {
        let limits = ParseLimits { max_text_bytes: 10 };
        let (requests, rejected) = parse_classify_lines(
            concat!(
                r#"{"id":1,"text":"short"}"#,
                "\n",
                r#"{"id":2,"text":"eleven byte"}"#,
                "\n",
                r#"{"id":3,"turns":[{"role":"user","text":"six by"},{"role":"assistant","text":"six by"}]}"#,
                "\n",
            ),
            limits,
        );
        assert_eq!(requests.len(), 1);
        let reasons: Vec<(usize, &RejectReason)> = rejected
            .iter()
            .map(|rejection| (rejection.line, &rejection.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                (
                    2,
                    &RejectReason::TextTooLarge {
                        field: "text",
                        bytes: 11,
                        limit: 10
                    }
                ),
                (
                    3,
                    &RejectReason::TextTooLarge {
                        field: "turns",
                        bytes: 12,
                        limit: 10
                    }
                ),
            ]
        );
    }

    #[test]
    fn a_set_flag_stops_classification_before_any_batch() {
        let (requests, _) =
            parse_classify_lines(r#"{"id":1,"text":"running shoes"}"#, ParseLimits::default());
        let cancel = Cancel::new();
        cancel.cancel();
        let result = classify_requests_until(
            LexiconClassifier::embedded(),
            Taxonomy::embedded(),
            requests,
            &cancel,
        );
        assert_eq!(result, Err(Cancelled));
    }
}
