//! `gleaner classify`: conversations in, one classification line each out.

use std::io::Write;

use gleaner_classify::Classifier;
use gleaner_core::{Conversation, Turn};
use gleaner_taxonomy::Taxonomy;
use serde::{Deserialize, Serialize};

use super::open_input;
use crate::args::ClassifyArgs;
use crate::context::Context;
use crate::InputRejected;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassifyInput {
    id: serde_json::Value,
    #[serde(default)]
    turns: Option<Vec<Turn>>,
    #[serde(default)]
    text: Option<gleaner_core::ConversationText>,
}

#[derive(Serialize)]
struct SensitiveOut {
    category: &'static str,
    score: f32,
    /// The tier that decided (`lexicon` or `semantic`).
    tier: &'static str,
}

#[derive(Serialize)]
struct TopicOut {
    id: u32,
    path: String,
    score: f32,
}

#[derive(Serialize)]
struct ClassifyOutput {
    id: serde_json::Value,
    sensitive: Vec<SensitiveOut>,
    topics: Vec<TopicOut>,
    ad_eligible: bool,
}

/// Conversations classified together (the semantic tier embeds a batch in
/// one pass); output order is input order.
const BATCH: usize = 64;

/// Classifies the pending conversations in one batch and writes one line
/// each, in order.
fn write_batch(
    stdout: &mut impl Write,
    classifier: &dyn Classifier,
    taxonomy: &Taxonomy,
    pending: &mut Vec<(serde_json::Value, Conversation)>,
) -> anyhow::Result<()> {
    let conversations: Vec<&Conversation> = pending.iter().map(|(_, c)| c).collect();
    let classifications = classifier.classify_batch(&conversations);
    for ((id, _), classification) in pending.drain(..).zip(classifications) {
        let output = ClassifyOutput {
            id,
            ad_eligible: classification.ad_eligible(),
            sensitive: classification
                .sensitive
                .iter()
                .map(|hit| SensitiveOut {
                    category: hit.category.as_str(),
                    score: hit.score,
                    tier: hit.tier.as_str(),
                })
                .collect(),
            topics: classification
                .topics
                .iter()
                .map(|scored| TopicOut {
                    id: scored.topic.0,
                    path: taxonomy.path(scored.topic).unwrap_or_default(),
                    score: scored.score,
                })
                .collect(),
        };
        serde_json::to_writer(&mut *stdout, &output)?;
        writeln!(stdout)?;
    }
    Ok(())
}

pub(crate) fn run(args: &ClassifyArgs, context: &Context) -> anyhow::Result<()> {
    let classifier = context.classifier()?;
    let taxonomy = Taxonomy::embedded();
    let (reader, _) = open_input(&args.input)?;
    let mut stdout = std::io::stdout().lock();
    let mut pending: Vec<(serde_json::Value, Conversation)> = Vec::with_capacity(BATCH);
    let mut rejected = 0usize;
    for (index, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        let parsed: ClassifyInput = match serde_json::from_str(&line) {
            Ok(parsed) => parsed,
            Err(error) => {
                rejected += 1;
                eprintln!(
                    "{}:{number}: rejected: malformed: {}",
                    args.input,
                    gleaner_engine::ingest::jsonl::redact_quoted(&error.to_string())
                );
                continue;
            }
        };
        let turns = match (parsed.turns, parsed.text) {
            (Some(turns), None) => turns,
            (None, Some(text)) => vec![Turn {
                role: gleaner_core::Role::User,
                text,
            }],
            _ => {
                rejected += 1;
                eprintln!(
                    "{}:{number}: rejected: give exactly one of `turns` or `text`",
                    args.input
                );
                continue;
            }
        };
        pending.push((
            parsed.id.clone(),
            Conversation {
                id: parsed.id.to_string(),
                turns,
            },
        ));
        if pending.len() >= BATCH {
            write_batch(&mut stdout, classifier.as_ref(), taxonomy, &mut pending)?;
        }
    }
    write_batch(&mut stdout, classifier.as_ref(), taxonomy, &mut pending)?;
    if rejected > 0 {
        return Err(InputRejected(rejected).into());
    }
    Ok(())
}

use std::io::BufRead as _;
