//! `gleaner classify`: conversations in, one classification line each out.

use std::io::Write;

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

pub(crate) fn run(args: &ClassifyArgs, context: &Context) -> anyhow::Result<()> {
    let classifier = context.classifier()?;
    let taxonomy = Taxonomy::embedded();
    let (reader, _) = open_input(&args.input)?;
    let mut stdout = std::io::stdout().lock();
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
        let conversation = Conversation {
            id: parsed.id.to_string(),
            turns,
        };
        let classification = classifier.classify(&conversation);
        let output = ClassifyOutput {
            id: parsed.id,
            ad_eligible: classification.ad_eligible(),
            sensitive: classification
                .sensitive
                .iter()
                .map(|hit| SensitiveOut {
                    category: hit.category.as_str(),
                    score: hit.score,
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
        serde_json::to_writer(&mut stdout, &output)?;
        writeln!(stdout)?;
    }
    if rejected > 0 {
        return Err(InputRejected(rejected).into());
    }
    Ok(())
}

use std::io::BufRead as _;
