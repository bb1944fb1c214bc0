//! `gleaner train --dataset F [--dataset F2 …] [--out heads.json]`: trains
//! the semantic tier's heads (see `gleaner_semantic::train`) on labelled
//! sets in the `gleaner eval` format and writes them as JSON.
//!
//! Each item becomes one training example: its turns joined by newlines,
//! embedded once. The printed metrics are the validation split's; no text is
//! printed.

use std::fs::File;
use std::io::BufReader;

use anyhow::Context as _;
use gleaner_classify::eval::read_dataset;
use gleaner_core::TopicId;
use gleaner_semantic::{train_heads, HeadsFile, SemanticEncoder, TrainConfig, TrainingExample};
use gleaner_taxonomy::Taxonomy;

use crate::args::TrainArgs;
use crate::context::Context;
use crate::model_cache::{installed_model, resolve_models_dir, MODEL_FOLDER};
use crate::output::print_json;
use crate::UsageError;

/// Texts embedded per call (progress is reported between calls).
const EMBED_BATCH: usize = 256;

pub(crate) fn run(args: &TrainArgs, context: &Context) -> anyhow::Result<()> {
    let models_dir = resolve_models_dir(None)?;
    let model = installed_model(&models_dir).map_err(|missing| {
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
    let texts: Vec<String> = items
        .iter()
        .map(|item| {
            item.turns
                .iter()
                .map(|turn| turn.text.expose())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    let mut embeddings = Vec::with_capacity(texts.len());
    for (batch_index, batch) in texts.chunks(EMBED_BATCH).enumerate() {
        let batch: Vec<&str> = batch.iter().map(String::as_str).collect();
        embeddings.extend(encoder.embed(&batch)?);
        eprint!(
            "\rembedded {}/{}",
            (batch_index * EMBED_BATCH + batch.len()).min(texts.len()),
            texts.len()
        );
    }
    eprintln!();
    let examples: Vec<TrainingExample> = items
        .iter()
        .zip(embeddings)
        .map(|(item, embedding)| TrainingExample {
            embedding,
            sensitive: item.sensitive.clone(),
            topics: item.topic_roots.clone(),
        })
        .collect();
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
    let heads = train_heads(&examples, &roots, &config, datasets, MODEL_FOLDER);
    let mut json = serde_json::to_string(&heads)?;
    json.push('\n');
    std::fs::write(&args.out, json).with_context(|| format!("writing {}", args.out.display()))?;
    if context.json {
        return print_json(&heads);
    }
    print_metrics(&heads, args);
    Ok(())
}

/// Prints the validation metrics of every head.
fn print_metrics(heads: &HeadsFile, args: &TrainArgs) {
    println!(
        "trained on {} items, thresholds from {} validation items (seed {}); wrote {}",
        heads.training.train_items,
        heads.training.validation_items,
        heads.training.seed,
        args.out.display()
    );
    println!(
        "{:<24} {:>6} {:>6} {:>9} {:>8} {:>8} {:>10} {:>9}",
        "head", "train+", "val+", "threshold", "recall", "fp", "fp(nonsens)", "precision"
    );
    for head in &heads.sensitive {
        let metrics = head.validation;
        println!(
            "{:<24} {:>6} {:>6} {:>9.4} {:>7.1}% {:>7.1}% {:>10.1}% {:>8.1}%",
            head.category.as_str(),
            metrics.train_positives,
            metrics.positives,
            head.head.threshold,
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
