//! `gleaner train --dataset F [--dataset F2 …] [--out heads.json]`: trains
//! the semantic tier's heads (see `gleaner_semantic::train`) on labelled
//! sets in the `gleaner eval` format and writes them as JSON.
//!
//! Each item gives one row per turn (what the classifier scores; the
//! validation split reads these) plus, when it has several turns, one for
//! the turns joined by newlines; each head learns from the rows where the
//! item's labels hold for the text (see `plan_rows`). Every row is encoded
//! once, pooled after each of `--layers`. The printed metrics are the
//! validation split's (per item); no text is printed.

use std::fs::File;
use std::io::BufReader;

use anyhow::Context as _;
use gleaner_classify::eval::{read_dataset, LabelledConversation};
use gleaner_core::TopicId;
use gleaner_semantic::{
    train_heads, Fit, HeadsFile, SemanticEncoder, TrainConfig, TrainingExample, MODEL_MANIFEST,
};
use gleaner_taxonomy::Taxonomy;

use crate::args::TrainArgs;
use crate::context::{locate_models_dir, Context};
use crate::output::print_json;
use crate::UsageError;

/// Texts embedded per call (progress is reported between calls).
const EMBED_BATCH: usize = 256;

pub(crate) fn run(args: &TrainArgs, context: &Context) -> anyhow::Result<()> {
    let models_dir = locate_models_dir(None)?;
    let model = MODEL_MANIFEST.installed(&models_dir).map_err(|missing| {
        UsageError::new(format!("`gleaner train` needs the model: {missing}"))
    })?;
    let taxonomy = Taxonomy::embedded();
    let mut items = Vec::new();
    for path in &args.datasets {
        let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
        let read = read_dataset(BufReader::new(file), taxonomy)
            .map_err(|error| UsageError::new(format!("{}: {error}", path.display())))?;
        eprintln!("{}: {} items", path.display(), read.len());
        items.extend(read);
    }
    if items.is_empty() {
        return Err(UsageError::new("the data sets hold no items").into());
    }
    let encoder = SemanticEncoder::load(&model.model_dir)
        .with_context(|| format!("loading the model from {}", model.model_dir.display()))?;
    let layer_count = encoder.config().layer_count;
    if args.layers.is_empty()
        || args.layers.windows(2).any(|pair| pair[0] >= pair[1])
        || args.layers.first() == Some(&0)
        || args.layers.last() != Some(&layer_count)
    {
        return Err(UsageError::new(format!(
            "--layers must be increasing 1-based layer numbers ending with the model's last layer ({layer_count}), got {:?}",
            args.layers
        ))
        .into());
    }
    let examples = encode_rows(&encoder, &items, &args.layers)?;
    let roots: Vec<(TopicId, String)> = taxonomy
        .roots()
        .iter()
        .map(|&root| {
            let name = taxonomy
                .get(root)
                .map(|topic| topic.name.clone())
                .unwrap_or_default();
            (root, name)
        })
        .collect();
    let mut config = TrainConfig::default();
    if let Some(seed) = args.seed {
        config.seed = seed;
    }
    if let Some(epochs) = args.epochs {
        config.net_epochs = epochs;
    }
    if let Some(target) = args.recall_target {
        config.recall_target = target;
    }
    if let Some(budget) = args.budget {
        config.max_false_positive_rate = budget;
    }
    let datasets = args
        .datasets
        .iter()
        .map(|path| {
            path.file_name().map_or_else(
                || path.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            )
        })
        .collect();
    eprintln!(
        "training the sensitive net ({} members of {} hidden units, {} epochs) and {} topic heads",
        config.net_members,
        config.net_hidden,
        config.net_epochs,
        roots.len()
    );
    let heads = train_heads(
        &examples,
        &roots,
        &args.layers,
        &config,
        datasets,
        MODEL_MANIFEST.model,
    )?;
    let mut json = serde_json::to_string(&heads)?;
    json.push('\n');
    std::fs::write(&args.out, json).with_context(|| format!("writing {}", args.out.display()))?;
    if context.json {
        return print_json(&heads);
    }
    print_metrics(&heads, args);
    Ok(())
}

/// One row to encode: its item, whether validation scores it, which heads
/// learn from it, and its text.
type PlannedRow = (usize, bool, Fit, String);

/// Each turn, then the joined turns of multi-turn items (fitted, never
/// scored: the classifier scores turn by turn). A single turn carries its
/// item's labels; one turn of several carries them only when they say
/// "nothing sensitive" (every turn of such a conversation is harmless),
/// and never its topics ("thanks, and for two?" is about nothing).
fn plan_rows(items: &[LabelledConversation]) -> Vec<PlannedRow> {
    let mut rows = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let turns: Vec<&str> = item.turns.iter().map(|turn| turn.text.expose()).collect();
        let turn_fit = match (turns.len(), item.sensitive.is_empty()) {
            (1, _) => Fit::All,
            (_, true) => Fit::Sensitive,
            (_, false) => Fit::Nothing,
        };
        rows.extend(
            turns
                .iter()
                .map(|turn| (index, true, turn_fit, (*turn).to_owned())),
        );
        if turns.len() > 1 {
            rows.push((index, false, Fit::All, turns.join("\n")));
        }
    }
    rows
}

/// One training row per turn, plus the joined turns of multi-turn items,
/// encoded and pooled after each of `layers`, with a progress bar.
fn encode_rows(
    encoder: &SemanticEncoder,
    items: &[LabelledConversation],
    layers: &[usize],
) -> anyhow::Result<Vec<TrainingExample>> {
    let rows = plan_rows(items);
    let progress = indicatif::ProgressBar::new(rows.len() as u64).with_style(
        indicatif::ProgressStyle::with_template("encoding {pos}/{len} rows [{bar:40}] {eta} left")
            .expect("valid template"),
    );
    let mut features = Vec::with_capacity(rows.len());
    for batch in rows.chunks(EMBED_BATCH) {
        let texts: Vec<&str> = batch.iter().map(|(_, _, _, text)| text.as_str()).collect();
        features.extend(encoder.embed_layers(&texts, layers)?);
        progress.inc(batch.len() as u64);
    }
    progress.finish_and_clear();
    eprintln!("encoded {} rows of {} items", rows.len(), items.len());
    let examples: Vec<TrainingExample> = rows
        .iter()
        .zip(features)
        .map(|((index, scored, fitted, _), features)| {
            let item = &items[*index];
            TrainingExample {
                features,
                item: *index,
                scored: *scored,
                fitted: *fitted,
                hard_negative: item.kind == "hard_negative",
                sensitive: item.sensitive.clone(),
                topics: item.topic_roots.clone(),
            }
        })
        .collect();
    Ok(examples)
}

/// Prints the validation metrics of every head.
fn print_metrics(heads: &HeadsFile, args: &TrainArgs) {
    println!(
        "trained on {} items ({} rows, layers {:?}), thresholds from {} validation items (seed {}); wrote {}",
        heads.training.train_items,
        heads.training.train_rows,
        heads.layers,
        heads.training.validation_items,
        heads.training.seed,
        args.out.display()
    );
    println!(
        "{:<24} {:>6} {:>6} {:>9} {:>8} {:>8} {:>10} {:>9}",
        "head", "train+", "val+", "threshold", "recall", "fp", "fp(nonsens)", "precision"
    );
    for output in &heads.sensitive.outputs {
        let metrics = output.validation;
        println!(
            "{:<24} {:>6} {:>6} {:>9.4} {:>7.1}% {:>7.1}% {:>10.1}% {:>8.1}%",
            output
                .category
                .map_or("any sensitive category", |category| category.as_str()),
            metrics.train_positives,
            metrics.positives,
            output.threshold,
            metrics.recall * 100.0,
            metrics.false_positive_rate * 100.0,
            metrics.non_sensitive_false_positive_rate * 100.0,
            metrics.precision * 100.0
        );
    }
    println!(
        "{:<24} {:>6} {:>6} {:>9} {:>8} {:>8} {:>10} {:>9}",
        "topic head", "train+", "val+", "threshold", "recall", "fp", "f1", "precision"
    );
    for head in &heads.topics {
        let metrics = head.validation;
        println!(
            "{:<24} {:>6} {:>6} {:>9.4} {:>7.1}% {:>7.1}% {:>9.1}% {:>8.1}%",
            head.name,
            metrics.train_positives,
            metrics.positives,
            head.head.threshold,
            metrics.recall * 100.0,
            metrics.false_positive_rate * 100.0,
            metrics.f1 * 100.0,
            metrics.precision * 100.0
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(lines: &str) -> Vec<LabelledConversation> {
        read_dataset(lines.as_bytes(), Taxonomy::embedded()).expect("valid items")
    }

    #[test]
    fn rows_fit_only_the_heads_whose_labels_hold_for_their_text() {
        let rows = plan_rows(&items(concat!(
            r#"{"id":"a","lang":"en","split":"dev","kind":"positive","turns":[{"role":"user","text":"one turn"}],"sensitive":["health"],"topics":[]}"#,
            "\n",
            r#"{"id":"b","lang":"en","split":"dev","kind":"positive","turns":[{"role":"user","text":"a hike"},{"role":"user","text":"after chemo"}],"sensitive":["health"],"topics":["Travel"]}"#,
            "\n",
            r#"{"id":"c","lang":"en","split":"dev","kind":"topic","turns":[{"role":"user","text":"boots?"},{"role":"assistant","text":"Sure."}],"sensitive":[],"topics":["Shopping"]}"#,
            "\n",
        )));
        let plan: Vec<(usize, bool, Fit, &str)> = rows
            .iter()
            .map(|(item, scored, fit, text)| (*item, *scored, *fit, text.as_str()))
            .collect();
        assert_eq!(
            plan,
            vec![
                (0, true, Fit::All, "one turn"),
                // One turn of a sensitive conversation need not be
                // sensitive: no head learns from it alone.
                (1, true, Fit::Nothing, "a hike"),
                (1, true, Fit::Nothing, "after chemo"),
                (1, false, Fit::All, "a hike\nafter chemo"),
                // Every turn of a harmless conversation is harmless, but
                // "Sure." is not about shopping.
                (2, true, Fit::Sensitive, "boots?"),
                (2, true, Fit::Sensitive, "Sure."),
                (2, false, Fit::All, "boots?\nSure."),
            ]
        );
    }
}
