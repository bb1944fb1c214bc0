//! `gleaner audit EXPORT`: a person's own AI-chat export in, a report out of
//! what an ad system would infer from it and what it must not use.
//!
//! The person unzips the export of ChatGPT, Claude or Meta AI and passes the
//! conversations file (`conversations.json`, or Meta's
//! `ai_conversations.json`). Each conversation is classified with the tier
//! `--tier` picks (as every command), and SPEC §4's sensitive rule is applied: a
//! conversation touching a sensitive category is unused as a whole, so it
//! only shows up under "must not use"; the interests come from the rest.
//!
//! Nothing is stored and nothing is logged. The report never prints what was
//! said; titles (written from the person's own words) only with
//! `--show-titles`.

// Product names such as ChatGPT are prose here, not code.
#![allow(clippy::doc_markdown)]

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use gleaner_classify::Classifier;
use gleaner_core::{ReasonCode, SensitiveCategory, TopicId};
use gleaner_engine::classify::content_decision;
use gleaner_engine::ingest::export::{parse_export, ExportedConversation, ParsedExport};
use gleaner_policy::Policy;
use gleaner_taxonomy::Taxonomy;
use serde::Serialize;

use crate::args::AuditArgs;
use crate::context::Context;
use crate::output::print_json;
use crate::UsageError;

/// `writeln!` into a `String` (which cannot fail), without a `Result` to drop.
macro_rules! push_line {
    ($text:expr, $($argument:tt)*) => {{
        $text.push_str(&format!($($argument)*));
        $text.push('\n');
    }};
}

/// `write!` into a `String`.
macro_rules! push_text {
    ($text:expr, $($argument:tt)*) => {
        $text.push_str(&format!($($argument)*))
    };
}

/// Interests listed in the text report (the JSON report lists all).
const TEXT_INTEREST_LIMIT: usize = 15;
/// Topics shown per conversation line in the text report.
const TEXT_TOPICS_PER_CONVERSATION: usize = 3;
/// Characters of a title shown with `--show-titles`.
const TITLE_WIDTH: usize = 60;

#[derive(Serialize)]
struct AuditReport {
    format: &'static str,
    conversations: usize,
    conversations_with_text: usize,
    /// Conversations an ad system must not use (any sensitive category).
    sensitive_conversations: usize,
    /// Per category, how many conversations touch it.
    sensitive: Vec<SensitiveCount>,
    /// Conversations with text and no sensitive category.
    usable_conversations: usize,
    /// Topics inferred from the usable conversations, most frequent first.
    interests: Vec<InterestCount>,
    per_conversation: Vec<ConversationVerdict>,
}

#[derive(Serialize)]
struct SensitiveCount {
    category: &'static str,
    conversations: usize,
}

#[derive(Serialize)]
struct InterestCount {
    topic: u32,
    path: String,
    conversations: usize,
    score_sum: f32,
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Verdict {
    /// Touches a sensitive category: unused as a whole.
    Sensitive,
    /// Usable: these interests would be inferred.
    Interests,
    /// Usable, but no topic was found.
    NothingInferred,
    /// No text at all.
    Empty,
}

#[derive(Serialize)]
struct TopicOut {
    id: u32,
    path: String,
    score: f32,
}

#[derive(Serialize)]
struct ConversationVerdict {
    index: usize,
    created_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    turns: usize,
    verdict: Verdict,
    sensitive: Vec<&'static str>,
    topics: Vec<TopicOut>,
}

pub(crate) fn run(args: &AuditArgs, context: &Context) -> anyhow::Result<()> {
    let parsed = read_export(&args.export)?;
    let classifier = context.classifier()?;
    let report = build_report(
        &parsed,
        classifier.as_ref(),
        &context.policy,
        args.show_titles,
    );
    if context.json {
        print_json(&report)
    } else {
        print!("{}", render_report(&report, args.show_titles));
        Ok(())
    }
}

/// Reads and parses the export; a missing file or a malformed export is
/// the caller's (exit code 2).
fn read_export(path: &Path) -> anyhow::Result<ParsedExport> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(UsageError::new(format!(
                "{}: no such file (pass the conversations JSON file from the unzipped export)",
                path.display()
            ))
            .into())
        }
        Err(error) => {
            return Err(error).with_context(|| format!("reading {}", path.display()));
        }
    };
    parse_export(&bytes).map_err(|error| {
        UsageError::new(format!(
            "{}: {error} (expected the conversations JSON file of a ChatGPT, Claude or Meta AI export)",
            path.display()
        ))
        .into()
    })
}

fn build_report(
    parsed: &ParsedExport,
    classifier: &dyn Classifier,
    policy: &Policy,
    show_titles: bool,
) -> AuditReport {
    let taxonomy = Taxonomy::embedded();
    let mut sensitive_counts: BTreeMap<SensitiveCategory, usize> = BTreeMap::new();
    let mut interest_counts: BTreeMap<TopicId, (usize, f32)> = BTreeMap::new();
    let mut per_conversation = Vec::with_capacity(parsed.conversations.len());
    let (mut with_text, mut sensitive_conversations, mut usable) = (0, 0, 0);

    for exported in &parsed.conversations {
        let verdict_line = classify_one(exported, classifier, policy, taxonomy, show_titles);
        match verdict_line.verdict {
            Verdict::Empty => {}
            Verdict::Sensitive => {
                with_text += 1;
                sensitive_conversations += 1;
            }
            Verdict::Interests | Verdict::NothingInferred => {
                with_text += 1;
                usable += 1;
            }
        }
        for category in &verdict_line.sensitive {
            if let Ok(category) = category.parse::<SensitiveCategory>() {
                *sensitive_counts.entry(category).or_default() += 1;
            }
        }
        if verdict_line.verdict == Verdict::Interests {
            for topic in &verdict_line.topics {
                let entry = interest_counts.entry(TopicId(topic.id)).or_default();
                entry.0 += 1;
                entry.1 += topic.score;
            }
        }
        per_conversation.push(verdict_line);
    }

    let sensitive = SensitiveCategory::ALL
        .iter()
        .filter_map(|category| {
            sensitive_counts
                .get(category)
                .map(|&conversations| SensitiveCount {
                    category: category.as_str(),
                    conversations,
                })
        })
        .collect();
    let mut interests: Vec<InterestCount> = interest_counts
        .into_iter()
        .map(|(topic, (conversations, score_sum))| InterestCount {
            topic: topic.0,
            path: topic_path(taxonomy, topic),
            conversations,
            score_sum,
        })
        .collect();
    interests.sort_by(|left, right| {
        right
            .conversations
            .cmp(&left.conversations)
            .then(right.score_sum.total_cmp(&left.score_sum))
            .then(left.topic.cmp(&right.topic))
    });

    AuditReport {
        format: parsed.format.as_str(),
        conversations: parsed.conversations.len(),
        conversations_with_text: with_text,
        sensitive_conversations,
        sensitive,
        usable_conversations: usable,
        interests,
        per_conversation,
    }
}

fn classify_one(
    exported: &ExportedConversation,
    classifier: &dyn Classifier,
    policy: &Policy,
    taxonomy: &Taxonomy,
    show_titles: bool,
) -> ConversationVerdict {
    let title = if show_titles {
        exported
            .title
            .as_ref()
            .map(|title| printable_title(title.expose()))
    } else {
        None
    };
    let created_at = exported
        .created_at
        .map(|instant| instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let turns = exported.conversation.turns.len();
    let has_text = exported
        .conversation
        .turns
        .iter()
        .any(|turn| !turn.text.expose().trim().is_empty());
    if !has_text {
        return ConversationVerdict {
            index: exported.index,
            created_at,
            title,
            turns,
            verdict: Verdict::Empty,
            sensitive: Vec::new(),
            topics: Vec::new(),
        };
    }
    let classification = classifier.classify(&exported.conversation);
    // The same decision ingest makes (the policy's sensitive rule), so a
    // conversation the classifier could not read is unused here too.
    let categories: Vec<SensitiveCategory> = classification
        .sensitive
        .iter()
        .map(|hit| hit.category)
        .collect();
    let decision = content_decision(policy, &categories, classification.unclassified);
    let mut sensitive: Vec<&'static str> = decision
        .reasons
        .iter()
        .filter_map(|reason| match reason {
            ReasonCode::Sensitive(category) => Some(category.as_str()),
            _ => None,
        })
        .collect();
    sensitive.sort_unstable();
    sensitive.dedup();
    let (verdict, topics) = if decision.is_dropped() {
        // The whole conversation is unused (SPEC §4): no topic is reported.
        (Verdict::Sensitive, Vec::new())
    } else {
        let mut topics: Vec<TopicOut> = classification
            .topics
            .iter()
            .map(|scored| TopicOut {
                id: scored.topic.0,
                path: topic_path(taxonomy, scored.topic),
                score: scored.score,
            })
            .collect();
        topics.sort_by(|left, right| {
            right
                .score
                .total_cmp(&left.score)
                .then(left.id.cmp(&right.id))
        });
        let verdict = if topics.is_empty() {
            Verdict::NothingInferred
        } else {
            Verdict::Interests
        };
        (verdict, topics)
    };
    ConversationVerdict {
        index: exported.index,
        created_at,
        title,
        turns,
        verdict,
        sensitive,
        topics,
    }
}

fn topic_path(taxonomy: &Taxonomy, topic: TopicId) -> String {
    taxonomy
        .path(topic)
        .unwrap_or_else(|| format!("topic {}", topic.0))
}

/// One line, control characters made spaces, cut to [`TITLE_WIDTH`].
fn printable_title(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|character| {
            if character.is_control() {
                ' '
            } else {
                character
            }
        })
        .collect();
    let mut characters = cleaned.trim().chars();
    let mut shown: String = characters.by_ref().take(TITLE_WIDTH).collect();
    if characters.next().is_some() {
        shown.push('…');
    }
    shown
}

fn plural(count: usize, singular: &str) -> String {
    if count == 1 {
        format!("{count} {singular}")
    } else {
        format!("{count} {singular}s")
    }
}

fn render_report(report: &AuditReport, show_titles: bool) -> String {
    let mut text = String::new();
    let export_kind = match report.format {
        "chatgpt" => "a ChatGPT",
        "claude" => "a Claude",
        "meta_ai" => "a Meta AI",
        _ => "an empty",
    };
    push_line!(
        text,
        "Audit of {export_kind} export: {} ({} with text)\n",
        plural(report.conversations, "conversation"),
        report.conversations_with_text
    );

    push_line!(
        text,
        "What an ad system must not use: {} touching a sensitive category",
        plural(report.sensitive_conversations, "conversation")
    );
    push_line!(
        text,
        "  (such a conversation is unused as a whole, for ads and content alike)"
    );
    if report.sensitive.is_empty() {
        push_line!(text, "  none found");
    }
    for count in &report.sensitive {
        push_line!(
            text,
            "  {:<20} {}",
            count.category,
            plural(count.conversations, "conversation")
        );
    }

    push_line!(
        text,
        "\nWhat an ad system would infer from the other {}:",
        plural(report.usable_conversations, "conversation")
    );
    if report.interests.is_empty() {
        push_line!(text, "  no interest topic found");
    }
    for interest in report.interests.iter().take(TEXT_INTEREST_LIMIT) {
        push_line!(
            text,
            "  {:>5}  {:<50} {}",
            format!("[{}]", interest.topic),
            interest.path,
            plural(interest.conversations, "conversation")
        );
    }
    if report.interests.len() > TEXT_INTEREST_LIMIT {
        push_line!(
            text,
            "  … and {} more (--json lists all)",
            report.interests.len() - TEXT_INTEREST_LIMIT
        );
    }

    render_conversation_lines(&mut text, report, show_titles);
    text
}

/// The "Per conversation" section: index, date, turns and verdict; never words.
fn render_conversation_lines(text: &mut String, report: &AuditReport, show_titles: bool) {
    push_line!(
        *text,
        "\nPer conversation{}:",
        if show_titles {
            ""
        } else {
            " (titles hidden; --show-titles prints them)"
        }
    );
    for line in &report.per_conversation {
        let date = line
            .created_at
            .as_deref()
            .and_then(|instant| instant.get(..10))
            .unwrap_or("----------");
        let verdict = match line.verdict {
            Verdict::Sensitive => format!(
                "SENSITIVE: {} (must not be used)",
                line.sensitive.join(", ")
            ),
            Verdict::Interests => {
                let topics: Vec<&str> = line
                    .topics
                    .iter()
                    .take(TEXT_TOPICS_PER_CONVERSATION)
                    .map(|topic| topic.path.as_str())
                    .collect();
                format!("interests: {}", topics.join("; "))
            }
            Verdict::NothingInferred => "nothing inferred".to_owned(),
            Verdict::Empty => "no text".to_owned(),
        };
        push_text!(
            *text,
            "  #{:<4} {date}  {:>9}  {verdict}",
            line.index,
            plural(line.turns, "turn")
        );
        if let Some(title) = &line.title {
            push_text!(*text, "  \u{2014} {title}");
        }
        text.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(
        index: usize,
        verdict: Verdict,
        sensitive: Vec<&'static str>,
        topics: Vec<TopicOut>,
    ) -> ConversationVerdict {
        ConversationVerdict {
            index,
            created_at: Some("2026-01-02T03:04:05Z".to_owned()),
            title: None,
            turns: 2,
            verdict,
            sensitive,
            topics,
        }
    }

    /// A classifier whose tier could not read anything, but which still
    /// reports a topic: what the audit must never present as usable.
    struct Unreadable;

    impl Classifier for Unreadable {
        fn name(&self) -> &'static str {
            "unreadable"
        }

        fn classify(
            &self,
            _conversation: &gleaner_core::Conversation,
        ) -> gleaner_classify::Classification {
            let mut classification = gleaner_classify::Classification::unclassified();
            classification.topics.push(gleaner_classify::TopicScore {
                topic: TopicId(24),
                score: 0.9,
                tier: gleaner_core::Tier::Semantic,
            });
            classification
        }
    }

    #[test]
    fn a_conversation_the_classifier_could_not_read_is_unused_not_an_interest() {
        let parsed = ParsedExport {
            format: gleaner_engine::ingest::export::ExportFormat::ChatGpt,
            conversations: vec![ExportedConversation {
                index: 0,
                created_at: None,
                title: None,
                conversation: gleaner_core::Conversation::from_user_text("c0", "boots for a trek"),
            }],
        };
        let policy = Policy::new(gleaner_policy::PolicyConfig::default());
        let report = build_report(&parsed, &Unreadable, &policy, false);
        assert_eq!(report.usable_conversations, 0, "fail closed");
        assert_eq!(report.sensitive_conversations, 1);
        assert!(report.interests.is_empty());
        let line = &report.per_conversation[0];
        assert!(matches!(line.verdict, Verdict::Sensitive));
        assert!(line.topics.is_empty());
        assert_eq!(line.sensitive.len(), SensitiveCategory::ALL.len());
    }

    #[test]
    fn text_report_names_sensitive_categories_and_interests_but_no_words() {
        let report = AuditReport {
            format: "chatgpt",
            conversations: 3,
            conversations_with_text: 2,
            sensitive_conversations: 1,
            sensitive: vec![SensitiveCount {
                category: "health",
                conversations: 1,
            }],
            usable_conversations: 1,
            interests: vec![InterestCount {
                topic: 24,
                path: "Travel".to_owned(),
                conversations: 1,
                score_sum: 0.9,
            }],
            per_conversation: vec![
                verdict(
                    0,
                    Verdict::Interests,
                    vec![],
                    vec![TopicOut {
                        id: 24,
                        path: "Travel".to_owned(),
                        score: 0.9,
                    }],
                ),
                verdict(1, Verdict::Sensitive, vec!["health"], vec![]),
                verdict(2, Verdict::Empty, vec![], vec![]),
            ],
        };
        let text = render_report(&report, false);
        assert!(
            text.contains("Audit of a ChatGPT export: 3 conversations (2 with text)"),
            "{text}"
        );
        assert!(
            text.contains("health               1 conversation"),
            "{text}"
        );
        assert!(text.contains("[24]  Travel"), "{text}");
        assert!(
            text.contains("#1    2026-01-02    2 turns  SENSITIVE: health"),
            "{text}"
        );
        assert!(
            text.contains("#2    2026-01-02    2 turns  no text"),
            "{text}"
        );
        assert!(text.contains("titles hidden"), "{text}");
    }

    #[test]
    fn titles_are_one_line_and_cut() {
        assert_eq!(printable_title(" a\nb\tc "), "a b c");
        let long = "x".repeat(100);
        assert_eq!(printable_title(&long).chars().count(), TITLE_WIDTH + 1);
    }
}
