//! Quality metrics on a labelled data set (`gleaner eval --dataset F`).
//!
//! A data set is JSON Lines, one conversation a line:
//!
//! ```json
//! {"id":"dev-0001","lang":"es","split":"dev","turns":[{"role":"user","text":"..."}],
//!  "sensitive":["health"],"topics":["Sports","Travel"],"kind":"positive"}
//! ```
//!
//! `topics` are tier-1 root names (resolved with
//! [`Taxonomy::find_by_path`]); `kind` is `positive`, `hard_negative`, `topic`
//! or `negative`. [`evaluate`] runs a classifier over every item and reports:
//!
//! - per sensitive category: true/false positives, false negatives, recall
//!   and precision;
//! - conversation level: recall of "flagged at all" on sensitive items (what
//!   the guardrail needs), and the false-positive rate on items with no
//!   sensitive label, overall and on `hard_negative` items;
//! - per language: the same recall and false-positive rate;
//! - topics at the root level: predicted topics mapped to their root and
//!   compared with `topics`, on non-sensitive items that have topic labels.
//!
//! The report holds ids and numbers only, never conversation text.

use std::collections::BTreeMap;
use std::io::BufRead;

use gleaner_core::{Conversation, SensitiveCategory, TopicId, Turn};
use gleaner_taxonomy::Taxonomy;
use serde::{Deserialize, Serialize};

use crate::error::ClassifyError;
use crate::Classifier;

/// One labelled conversation.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledConversation {
    /// The item id, e.g. `dev-0001`.
    pub id: String,
    /// Language code (`en`, `es`, `pt`, `fr`).
    pub lang: String,
    /// The turns.
    pub turns: Vec<Turn>,
    /// The sensitive categories it touches (empty: none).
    pub sensitive: Vec<SensitiveCategory>,
    /// The tier-1 topics it shows.
    pub topic_roots: Vec<TopicId>,
    /// Which split it belongs to (`dev`, `heldout`).
    pub split: String,
    /// `positive`, `hard_negative`, `topic` or `negative`.
    pub kind: String,
}

impl LabelledConversation {
    /// Returns the conversation to classify.
    pub fn conversation(&self) -> Conversation {
        Conversation {
            id: self.id.clone(),
            turns: self.turns.clone(),
        }
    }
}

#[derive(Deserialize)]
struct RawItem {
    id: String,
    lang: String,
    #[serde(default)]
    split: String,
    turns: Vec<Turn>,
    #[serde(default)]
    sensitive: Vec<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    kind: String,
}

/// Parses a data set from text; the first bad line is an error naming it.
pub fn parse_dataset(
    text: &str,
    taxonomy: &Taxonomy,
) -> Result<Vec<LabelledConversation>, ClassifyError> {
    read_dataset(text.as_bytes(), taxonomy)
}

/// Reads a data set line by line; the first bad line is an error naming it.
/// Empty lines are skipped.
pub fn read_dataset(
    reader: impl BufRead,
    taxonomy: &Taxonomy,
) -> Result<Vec<LabelledConversation>, ClassifyError> {
    let mut items = Vec::new();
    for (index, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        items.push(parse_line(&line, index + 1, taxonomy)?);
    }
    Ok(items)
}

fn parse_line(
    line: &str,
    line_number: usize,
    taxonomy: &Taxonomy,
) -> Result<LabelledConversation, ClassifyError> {
    let bad = |reason: String| ClassifyError::BadDatasetLine {
        line: line_number,
        reason,
    };
    let raw: RawItem = serde_json::from_str(line).map_err(|error| bad(error.to_string()))?;
    let mut sensitive = Vec::new();
    for name in &raw.sensitive {
        let category = name
            .parse::<SensitiveCategory>()
            .map_err(|error| bad(error.to_string()))?;
        if !sensitive.contains(&category) {
            sensitive.push(category);
        }
    }
    sensitive.sort();
    let mut topic_roots = Vec::new();
    for name in &raw.topics {
        let topic = taxonomy
            .find_by_path(name)
            .or_else(|| taxonomy.find_by_name(name))
            .ok_or_else(|| bad(format!("unknown topic `{name}`")))?;
        let root = taxonomy.root_of(topic).unwrap_or(topic);
        if !topic_roots.contains(&root) {
            topic_roots.push(root);
        }
    }
    topic_roots.sort();
    Ok(LabelledConversation {
        id: raw.id,
        lang: raw.lang,
        turns: raw.turns,
        sensitive,
        topic_roots,
        split: raw.split,
        kind: raw.kind,
    })
}

/// A count over a total, with its rate (`None` when the total is 0).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Rate {
    /// How many.
    pub count: usize,
    /// Out of how many.
    pub total: usize,
    /// `count / total`.
    pub rate: Option<f64>,
}

impl Rate {
    fn new(count: usize, total: usize) -> Self {
        Self {
            count,
            total,
            rate: ratio(count, total),
        }
    }
}

/// Detection quality for one sensitive category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryMetrics {
    /// The category.
    pub category: SensitiveCategory,
    /// Items labelled with it.
    pub support: usize,
    /// Labelled and found.
    pub true_positives: usize,
    /// Found but not labelled.
    pub false_positives: usize,
    /// Labelled but not found.
    pub false_negatives: usize,
    /// `tp / (tp + fn)`.
    pub recall: Option<f64>,
    /// `tp / (tp + fp)`.
    pub precision: Option<f64>,
    /// Items labelled with it that were flagged under any category: the
    /// share the guardrail drops (SPEC §4 drops a conversation whichever
    /// category is found).
    pub blocked: Option<f64>,
}

/// Conversation-level sensitive quality for one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LanguageMetrics {
    /// Language code.
    pub lang: String,
    /// Sensitive items flagged with any category, over sensitive items.
    pub recall: Rate,
    /// Non-sensitive items flagged, over non-sensitive items.
    pub false_positive_rate: Rate,
}

/// Topic quality at the root level.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct TopicMetrics {
    /// Items scored (non-sensitive, with topic labels).
    pub items: usize,
    /// Predicted roots that were labelled.
    pub true_positives: usize,
    /// Predicted roots that were not labelled.
    pub false_positives: usize,
    /// Labelled roots not predicted.
    pub false_negatives: usize,
    /// `tp / (tp + fp)`.
    pub precision: Option<f64>,
    /// `tp / (tp + fn)`.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall.
    pub f1: Option<f64>,
    /// Items with no topic predicted at all.
    pub items_without_prediction: usize,
}

/// One missed or wrongly flagged item, by id only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalError {
    /// Item id.
    pub id: String,
    /// Item kind.
    pub kind: String,
    /// Labelled categories.
    pub expected: Vec<SensitiveCategory>,
    /// Predicted categories.
    pub predicted: Vec<SensitiveCategory>,
}

/// Everything [`evaluate`] measures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    /// The classifier's name.
    pub classifier: String,
    /// Items evaluated.
    pub items: usize,
    /// Items per kind.
    pub items_by_kind: BTreeMap<String, usize>,
    /// Items per language.
    pub items_by_lang: BTreeMap<String, usize>,
    /// Per category, in [`SensitiveCategory::ALL`] order.
    pub categories: Vec<CategoryMetrics>,
    /// Sensitive items flagged with any category (what the guardrail needs).
    pub sensitive_recall: Rate,
    /// Flagged items that are labelled sensitive.
    pub sensitive_precision: Rate,
    /// Items with no sensitive label that were flagged.
    pub false_positive_rate: Rate,
    /// The same, on `hard_negative` items only.
    pub hard_negative_false_positive_rate: Rate,
    /// Per language.
    pub languages: Vec<LanguageMetrics>,
    /// Topics at the root level.
    pub topics: TopicMetrics,
    /// Sensitive items not flagged at all.
    pub missed: Vec<EvalError>,
    /// Non-sensitive items flagged.
    pub false_alarms: Vec<EvalError>,
}

fn ratio(numerator: usize, denominator: usize) -> Option<f64> {
    (denominator > 0).then(|| numerator as f64 / denominator as f64)
}

/// Running counts while [`evaluate`] walks the items.
#[derive(Default)]
struct Tally {
    /// Per category: true positives, false positives, false negatives, support.
    confusion: BTreeMap<SensitiveCategory, [usize; 4]>,
    /// Per category: labelled items flagged under any category.
    blocked: BTreeMap<SensitiveCategory, usize>,
    items_by_kind: BTreeMap<String, usize>,
    items_by_lang: BTreeMap<String, usize>,
    /// Per language: sensitive items, caught, negatives, false positives.
    by_lang: BTreeMap<String, [usize; 4]>,
    sensitive_items: usize,
    caught: usize,
    flagged: usize,
    negatives: usize,
    negative_flagged: usize,
    hard_negatives: usize,
    hard_negative_flagged: usize,
    topics: TopicMetrics,
    missed: Vec<EvalError>,
    false_alarms: Vec<EvalError>,
}

impl Tally {
    fn count_categories(
        &mut self,
        expected: &[SensitiveCategory],
        predicted: &[SensitiveCategory],
    ) {
        for category in SensitiveCategory::ALL {
            let cell = self.confusion.entry(category).or_insert([0; 4]);
            match (expected.contains(&category), predicted.contains(&category)) {
                (true, true) => cell[0] += 1,
                (false, true) => cell[1] += 1,
                (true, false) => cell[2] += 1,
                (false, false) => {}
            }
            if expected.contains(&category) {
                cell[3] += 1;
            }
        }
    }

    fn count_item(
        &mut self,
        taxonomy: &Taxonomy,
        item: &LabelledConversation,
        classification: &crate::Classification,
    ) {
        *self.items_by_kind.entry(item.kind.clone()).or_insert(0) += 1;
        *self.items_by_lang.entry(item.lang.clone()).or_insert(0) += 1;
        let predicted = classification.sensitive_categories();
        self.count_categories(&item.sensitive, &predicted);
        let is_flagged = !predicted.is_empty();
        if is_flagged {
            for category in &item.sensitive {
                *self.blocked.entry(*category).or_insert(0) += 1;
            }
        }
        self.flagged += usize::from(is_flagged);
        let error = EvalError {
            id: item.id.clone(),
            kind: item.kind.clone(),
            expected: item.sensitive.clone(),
            predicted,
        };
        let language = self.by_lang.entry(item.lang.clone()).or_insert([0; 4]);
        if item.sensitive.is_empty() {
            self.negatives += 1;
            language[2] += 1;
            if item.kind == "hard_negative" {
                self.hard_negatives += 1;
                self.hard_negative_flagged += usize::from(is_flagged);
            }
            if is_flagged {
                self.negative_flagged += 1;
                language[3] += 1;
                self.false_alarms.push(error);
            }
            if !item.topic_roots.is_empty() {
                score_topics(&mut self.topics, taxonomy, item, &classification.topics);
            }
        } else {
            self.sensitive_items += 1;
            language[0] += 1;
            if is_flagged {
                self.caught += 1;
                language[1] += 1;
            } else {
                self.missed.push(error);
            }
        }
    }

    fn into_report(self, classifier: &dyn Classifier, items: usize) -> EvalReport {
        let mut topics = self.topics;
        topics.precision = ratio(
            topics.true_positives,
            topics.true_positives + topics.false_positives,
        );
        topics.recall = ratio(
            topics.true_positives,
            topics.true_positives + topics.false_negatives,
        );
        topics.f1 = match (topics.precision, topics.recall) {
            (Some(precision), Some(recall)) if precision + recall > 0.0 => {
                Some(2.0 * precision * recall / (precision + recall))
            }
            _ => None,
        };
        EvalReport {
            classifier: classifier.name().to_owned(),
            items,
            items_by_kind: self.items_by_kind,
            items_by_lang: self.items_by_lang,
            categories: self
                .confusion
                .into_iter()
                .map(|(category, [tp, fp, fn_, support])| CategoryMetrics {
                    category,
                    support,
                    true_positives: tp,
                    false_positives: fp,
                    false_negatives: fn_,
                    recall: ratio(tp, tp + fn_),
                    precision: ratio(tp, tp + fp),
                    blocked: ratio(self.blocked.get(&category).copied().unwrap_or(0), support),
                })
                .collect(),
            sensitive_recall: Rate::new(self.caught, self.sensitive_items),
            sensitive_precision: Rate::new(self.caught, self.flagged),
            false_positive_rate: Rate::new(self.negative_flagged, self.negatives),
            hard_negative_false_positive_rate: Rate::new(
                self.hard_negative_flagged,
                self.hard_negatives,
            ),
            languages: self
                .by_lang
                .into_iter()
                .map(
                    |(lang, [sensitive, caught, negatives, flagged])| LanguageMetrics {
                        lang,
                        recall: Rate::new(caught, sensitive),
                        false_positive_rate: Rate::new(flagged, negatives),
                    },
                )
                .collect(),
            topics,
            missed: self.missed,
            false_alarms: self.false_alarms,
        }
    }
}

/// Runs a classifier over labelled items and measures it.
pub fn evaluate(
    classifier: &dyn Classifier,
    taxonomy: &Taxonomy,
    items: &[LabelledConversation],
) -> EvalReport {
    let mut tally = Tally::default();
    for item in items {
        let classification = classifier.classify(&item.conversation());
        tally.count_item(taxonomy, item, &classification);
    }
    tally.into_report(classifier, items.len())
}

fn score_topics(
    topics: &mut TopicMetrics,
    taxonomy: &Taxonomy,
    item: &LabelledConversation,
    predicted: &[crate::TopicScore],
) {
    topics.items += 1;
    let mut predicted_roots: Vec<TopicId> = predicted
        .iter()
        .filter_map(|scored| taxonomy.root_of(scored.topic))
        .collect();
    predicted_roots.sort();
    predicted_roots.dedup();
    if predicted_roots.is_empty() {
        topics.items_without_prediction += 1;
    }
    for root in &predicted_roots {
        if item.topic_roots.contains(root) {
            topics.true_positives += 1;
        } else {
            topics.false_positives += 1;
        }
    }
    topics.false_negatives += item
        .topic_roots
        .iter()
        .filter(|root| !predicted_roots.contains(root))
        .count();
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "-".to_owned(), |value| format!("{:.1}%", value * 100.0))
}

fn rate_line(label: &str, rate: &Rate) -> String {
    format!(
        "{label:<42} {:>7}  ({}/{})",
        percent(rate.rate),
        rate.count,
        rate.total
    )
}

impl EvalReport {
    /// Renders the report as plain-text tables for a terminal.
    pub fn render_table(&self) -> String {
        let mut lines = Vec::new();
        let kinds: Vec<String> = self
            .items_by_kind
            .iter()
            .map(|(kind, count)| format!("{kind} {count}"))
            .collect();
        lines.push(format!(
            "classifier: {}   items: {} ({})",
            self.classifier,
            self.items,
            kinds.join(", ")
        ));
        lines.push(String::new());
        lines.push(format!(
            "{:<20} {:>7} {:>5} {:>5} {:>5} {:>9} {:>9} {:>9}",
            "category", "support", "tp", "fp", "fn", "recall", "precision", "blocked"
        ));
        for metrics in &self.categories {
            lines.push(format!(
                "{:<20} {:>7} {:>5} {:>5} {:>5} {:>9} {:>9} {:>9}",
                metrics.category.as_str(),
                metrics.support,
                metrics.true_positives,
                metrics.false_positives,
                metrics.false_negatives,
                percent(metrics.recall),
                percent(metrics.precision),
                percent(metrics.blocked)
            ));
        }
        lines.push(String::new());
        lines.push(rate_line(
            "sensitive recall (flagged at all)",
            &self.sensitive_recall,
        ));
        lines.push(rate_line(
            "sensitive precision (flagged at all)",
            &self.sensitive_precision,
        ));
        lines.push(rate_line(
            "false-positive rate (no sensitive label)",
            &self.false_positive_rate,
        ));
        lines.push(rate_line(
            "false-positive rate (hard negatives)",
            &self.hard_negative_false_positive_rate,
        ));
        lines.push(String::new());
        lines.push(format!(
            "{:<6} {:>20} {:>22}",
            "lang", "sensitive recall", "false-positive rate"
        ));
        for language in &self.languages {
            lines.push(format!(
                "{:<6} {:>9} ({:>3}/{:<3}) {:>11} ({:>3}/{:<3})",
                language.lang,
                percent(language.recall.rate),
                language.recall.count,
                language.recall.total,
                percent(language.false_positive_rate.rate),
                language.false_positive_rate.count,
                language.false_positive_rate.total
            ));
        }
        lines.push(String::new());
        let topics = &self.topics;
        lines.push(format!(
            "topics (root level, {} items): precision {}  recall {}  f1 {}  (tp {}, fp {}, fn {}, no prediction {})",
            topics.items,
            percent(topics.precision),
            percent(topics.recall),
            percent(topics.f1),
            topics.true_positives,
            topics.false_positives,
            topics.false_negatives,
            topics.items_without_prediction
        ));
        for (label, errors) in [
            ("missed", &self.missed),
            ("false alarms", &self.false_alarms),
        ] {
            if !errors.is_empty() {
                let ids: Vec<&str> = errors.iter().map(|error| error.id.as_str()).collect();
                lines.push(format!("{label}: {}", ids.join(" ")));
            }
        }
        let mut out = lines.join("\n");
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LexiconClassifier;

    const SAMPLE: &str = r#"{"id":"t-1","lang":"en","split":"dev","turns":[{"role":"user","text":"since my MS diagnosis I need boots with ankle support"}],"sensitive":["health"],"topics":[],"kind":"positive"}

{"id":"t-2","lang":"en","split":"dev","turns":[{"role":"user","text":"How do I get from Union Station to the airport?"}],"sensitive":[],"topics":["Travel"],"kind":"hard_negative"}
{"id":"t-3","lang":"fr","split":"dev","turns":[{"role":"user","text":"Quelles chaussures de trail pour un ultra-trail ?"}],"sensitive":[],"topics":["Sports"],"kind":"topic"}
"#;

    #[test]
    fn parses_items_and_resolves_root_names() {
        let taxonomy = Taxonomy::embedded();
        let items = parse_dataset(SAMPLE, taxonomy).unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].sensitive, vec![SensitiveCategory::Health]);
        assert_eq!(items[1].topic_roots, vec![TopicId(24)]);
        assert_eq!(items[2].kind, "topic");
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let taxonomy = Taxonomy::embedded();
        let text = format!("{}\n{{\"id\":1}}\n", SAMPLE.lines().next().unwrap());
        let error = parse_dataset(&text, taxonomy).unwrap_err();
        assert!(error.to_string().starts_with("line 2:"), "{error}");
        let unknown = SAMPLE
            .lines()
            .next()
            .unwrap()
            .replace("health", "astrology");
        let error = parse_dataset(&unknown, taxonomy).unwrap_err();
        assert!(error.to_string().contains("astrology"), "{error}");
        let unknown_topic = SAMPLE.lines().nth(2).unwrap().replace("Travel", "Nowhere");
        assert!(parse_dataset(&unknown_topic, taxonomy).is_err());
    }

    /// Tuning aid: `cargo test -p gleaner-classify dev_set -- --ignored --nocapture`
    /// prints the dev-set report and, for each error, the ids and the list
    /// entries that fired (never the conversation text).
    #[test]
    #[ignore = "reads data/eval/dev.jsonl; a tuning aid"]
    fn dev_set_report() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/eval/dev.jsonl");
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        let taxonomy = Taxonomy::embedded();
        let items = parse_dataset(&text, taxonomy).unwrap();
        let classifier = LexiconClassifier::embedded();
        let report = evaluate(classifier, taxonomy, &items);
        println!("{}", report.render_table());
        let detector = classifier.sensitive_detector();
        for item in &items {
            let predicted = classifier
                .classify(&item.conversation())
                .sensitive_categories();
            if predicted == item.sensitive {
                continue;
            }
            let fired: Vec<String> = detector
                .rule_matches(&item.conversation())
                .iter()
                .map(|found| {
                    format!(
                        "{}{}:{}",
                        if found.blocked { "x" } else { "" },
                        found.category.map_or("block", SensitiveCategory::as_str),
                        detector.rule_source(found.rule)
                    )
                })
                .collect();
            println!(
                "DIFF {} {} {:?} -> {:?} | {}",
                item.id,
                item.kind,
                item.sensitive,
                predicted,
                fired.join(" ; ")
            );
        }
    }

    /// Check on data the lists were not tuned on: the bundled sample events
    /// and their `labels.json`. Prints mismatches by event id.
    #[test]
    #[ignore = "reads data/sample; a tuning aid"]
    fn sample_events_report() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample/");
        let (Ok(events), Ok(labels)) = (
            std::fs::read_to_string(format!("{root}events.jsonl")),
            std::fs::read_to_string(format!("{root}labels.json")),
        ) else {
            return;
        };
        let labels: serde_json::Value = serde_json::from_str(&labels).unwrap();
        let classifier = LexiconClassifier::embedded();
        let detector = classifier.sensitive_detector();
        let (mut conversations, mut wrong) = (0, 0);
        for line in events.lines() {
            let event: serde_json::Value = serde_json::from_str(line).unwrap();
            if event["kind"] != "ai_interaction" {
                continue;
            }
            conversations += 1;
            let id = event["event_id"].as_str().unwrap();
            let turns: Vec<Turn> = serde_json::from_value(event["turns"].clone()).unwrap();
            let conversation = Conversation {
                id: id.to_owned(),
                turns,
            };
            let predicted = classifier.classify(&conversation).sensitive_categories();
            let expected: Vec<SensitiveCategory> = labels["sensitive"][id]
                .as_str()
                .map(|name| vec![name.parse().unwrap()])
                .unwrap_or_default();
            if predicted != expected {
                wrong += 1;
                let fired: Vec<String> = detector
                    .rule_matches(&conversation)
                    .iter()
                    .map(|found| {
                        format!(
                            "{}{}",
                            if found.blocked { "x:" } else { "" },
                            detector.rule_source(found.rule)
                        )
                    })
                    .collect();
                println!(
                    "SAMPLE {id} {expected:?} -> {predicted:?} | {}",
                    fired.join(" ; ")
                );
            }
        }
        println!("sample: {wrong} of {conversations} conversations differ");
    }

    /// Tuning aid for topics: ids, labelled roots and predicted paths.
    #[test]
    #[ignore = "reads data/eval/dev.jsonl; a tuning aid"]
    fn dev_set_topics() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/eval/dev.jsonl");
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        let taxonomy = Taxonomy::embedded();
        let items = parse_dataset(&text, taxonomy).unwrap();
        let classifier = LexiconClassifier::embedded();
        for item in items
            .iter()
            .filter(|item| item.sensitive.is_empty() && !item.topic_roots.is_empty())
        {
            let predicted = classifier.classify(&item.conversation()).topics;
            let expected: Vec<String> = item
                .topic_roots
                .iter()
                .filter_map(|root| taxonomy.path(*root))
                .collect();
            let got: Vec<String> = predicted
                .iter()
                .map(|scored| {
                    format!(
                        "{}={:.2}",
                        taxonomy.path(scored.topic).unwrap_or_default(),
                        scored.score
                    )
                })
                .collect();
            println!("TOPIC {} {:?} -> {}", item.id, expected, got.join(" | "));
        }
    }

    #[test]
    fn evaluate_counts_and_renders() {
        let taxonomy = Taxonomy::embedded();
        let items = parse_dataset(SAMPLE, taxonomy).unwrap();
        let report = evaluate(LexiconClassifier::embedded(), taxonomy, &items);
        assert_eq!(report.items, 3);
        assert_eq!(report.sensitive_recall.count, 1);
        assert_eq!(report.false_positive_rate.count, 0);
        assert_eq!(report.hard_negative_false_positive_rate.total, 1);
        let health = &report.categories[3];
        assert_eq!(health.category, SensitiveCategory::Health);
        assert_eq!(health.true_positives, 1);
        let table = report.render_table();
        assert!(table.contains("health"));
        assert!(!table.contains("Union Station"));
        let json = serde_json::to_string(&report).unwrap();
        assert!(!json.contains("diagnosis"));
    }

    #[test]
    fn blocked_counts_a_labelled_item_flagged_under_another_category() {
        let taxonomy = Taxonomy::embedded();
        let mislabelled = r#"{"id":"t-9","lang":"en","split":"dev","turns":[{"role":"user","text":"since my MS diagnosis I need boots with ankle support"}],"sensitive":["religion"],"topics":[],"kind":"positive"}"#;
        let items = parse_dataset(mislabelled, taxonomy).unwrap();
        let report = evaluate(LexiconClassifier::embedded(), taxonomy, &items);
        let religion = &report.categories[0];
        assert_eq!(religion.category, SensitiveCategory::Religion);
        assert_eq!(religion.true_positives, 0);
        assert_eq!(religion.recall, Some(0.0));
        assert_eq!(religion.blocked, Some(1.0));
        assert_eq!(
            report.categories[3].blocked, None,
            "health has no labelled item"
        );
        assert!(report.render_table().contains("blocked"));
    }
}
