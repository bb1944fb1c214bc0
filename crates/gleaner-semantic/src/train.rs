//! Deterministic training of the [`crate::heads`]: one logistic regression
//! per sensitive category and per taxonomy root, on embeddings of labelled
//! items.
//!
//! - **Split.** A validation share is carved from the examples with a seeded
//!   shuffle, stratified by each item's first sensitive category (or none),
//!   so rare categories land on both sides.
//! - **Fit.** Features are standardized (training mean and deviation), then
//!   each head runs full-batch Adam on the weighted log loss with an L2
//!   penalty; positives are weighted `negatives / positives` (capped) so
//!   rare categories count. The standardization is folded back into the
//!   weights, so a head is a plain `w · e + b` on the raw embedding.
//! - **Thresholds.** Sensitive heads: the highest threshold whose recall on
//!   the validation split is at least [`TrainConfig::recall_target`], raised
//!   where that would flag more than [`TrainConfig::max_false_positive_rate`]
//!   of the validation items with no sensitive label (the union with the
//!   lexicon tier must stay under the project's false-positive bar).
//!   Topic heads: the threshold with the best F1 on the validation split.
//!
//! Everything is sequential per head in a fixed order and heads are
//! independent, so the same examples and configuration give bit-identical
//! heads on any machine and thread count. Nothing here reads files or the
//! clock.

use gleaner_core::{SensitiveCategory, TopicId};

use crate::heads::{
    sigmoid, Head, HeadValidation, HeadsFile, SensitiveHead, TopicHead, TrainingInfo, HEADS_FORMAT,
};
use crate::EMBEDDING_DIM;

/// One labelled embedding.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingExample {
    /// The item's embedding.
    pub embedding: [f32; EMBEDDING_DIM],
    /// The sensitive categories it touches (empty: none).
    pub sensitive: Vec<SensitiveCategory>,
    /// The taxonomy roots it shows.
    pub topics: Vec<TopicId>,
}

/// Training settings. [`TrainConfig::default`] is what `gleaner train` uses.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Seed of the validation split.
    pub seed: u64,
    /// Share of the examples held out to choose thresholds.
    pub validation_fraction: f64,
    /// Full-batch Adam steps per head.
    pub steps: usize,
    /// Adam learning rate.
    pub learning_rate: f64,
    /// L2 penalty on the (standardized) weights.
    pub l2: f64,
    /// Largest weight a positive example gets relative to a negative one.
    pub max_positive_weight: f64,
    /// Recall the sensitive thresholds must reach on the validation split.
    pub recall_target: f64,
    /// Most validation items with no sensitive label one sensitive head may
    /// flag. Where the recall target would flag more, the threshold is
    /// raised to this budget and the head's validation recall says what it
    /// gives up (the lexicon tier covers the same categories in the cascade).
    pub max_false_positive_rate: f64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            seed: 0x5EED_6C65_616E,
            validation_fraction: 0.2,
            steps: 300,
            learning_rate: 0.05,
            l2: 1e-3,
            max_positive_weight: 50.0,
            recall_target: 0.97,
            max_false_positive_rate: 0.01,
        }
    }
}

/// `SplitMix64`: a tiny seeded generator, enough for shuffling.
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut value = self.0;
        value = (value ^ (value >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        value = (value ^ (value >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        value ^ (value >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

/// Splits example indices into (train, validation), seeded and stratified
/// by first sensitive category.
pub fn split_indices(
    examples: &[TrainingExample],
    config: &TrainConfig,
) -> (Vec<usize>, Vec<usize>) {
    let mut groups: Vec<(Option<SensitiveCategory>, Vec<usize>)> = Vec::new();
    for (index, example) in examples.iter().enumerate() {
        let key = example.sensitive.first().copied();
        match groups.iter_mut().find(|(group, _)| *group == key) {
            Some((_, members)) => members.push(index),
            None => groups.push((key, vec![index])),
        }
    }
    groups.sort_by_key(|(key, _)| *key);
    let mut generator = SplitMix64(config.seed);
    let mut train = Vec::new();
    let mut validation = Vec::new();
    for (_, mut members) in groups {
        for position in (1..members.len()).rev() {
            let other = generator.below(position + 1);
            members.swap(position, other);
        }
        let held = (members.len() as f64 * config.validation_fraction).round() as usize;
        let held = held.min(members.len().saturating_sub(1));
        validation.extend_from_slice(&members[..held]);
        train.extend_from_slice(&members[held..]);
    }
    train.sort_unstable();
    validation.sort_unstable();
    (train, validation)
}

/// Per-dimension mean and deviation of the training embeddings.
struct Standardizer {
    mean: Vec<f64>,
    scale: Vec<f64>,
}

impl Standardizer {
    fn fit(examples: &[&TrainingExample]) -> Self {
        let count = examples.len().max(1) as f64;
        let mut mean = vec![0.0f64; EMBEDDING_DIM];
        for example in examples {
            for (sum, value) in mean.iter_mut().zip(&example.embedding) {
                *sum += f64::from(*value);
            }
        }
        for value in &mut mean {
            *value /= count;
        }
        let mut scale = vec![0.0f64; EMBEDDING_DIM];
        for example in examples {
            for ((sum, value), center) in scale.iter_mut().zip(&example.embedding).zip(&mean) {
                let difference = f64::from(*value) - center;
                *sum += difference * difference;
            }
        }
        for value in &mut scale {
            *value = (*value / count).sqrt().max(1e-6);
        }
        Self { mean, scale }
    }

    fn apply(&self, embedding: &[f32; EMBEDDING_DIM]) -> Vec<f32> {
        embedding
            .iter()
            .zip(&self.mean)
            .zip(&self.scale)
            .map(|((value, mean), scale)| ((f64::from(*value) - mean) / scale) as f32)
            .collect()
    }

    /// Turns standardized-space weights into raw-embedding weights and bias.
    fn fold(&self, weights: &[f64], bias: f64) -> (Vec<f32>, f32) {
        let mut folded_bias = bias;
        let folded = weights
            .iter()
            .zip(&self.mean)
            .zip(&self.scale)
            .map(|((weight, mean), scale)| {
                folded_bias -= weight * mean / scale;
                (weight / scale) as f32
            })
            .collect();
        (folded, folded_bias as f32)
    }
}

/// Fits one weighted, L2-penalized logistic regression by full-batch Adam on
/// standardized rows. Returns (weights, bias) in standardized space.
fn fit_logistic(rows: &[Vec<f32>], labels: &[bool], config: &TrainConfig) -> (Vec<f64>, f64) {
    let positives = labels.iter().filter(|label| **label).count();
    let negatives = labels.len() - positives;
    let positive_weight = if positives == 0 {
        1.0
    } else {
        (negatives as f64 / positives as f64).clamp(1.0, config.max_positive_weight)
    };
    let total_weight = positives as f64 * positive_weight + negatives as f64;
    let mut weights = vec![0.0f64; EMBEDDING_DIM];
    let mut bias = 0.0f64;
    let mut first_moment = vec![0.0f64; EMBEDDING_DIM + 1];
    let mut second_moment = vec![0.0f64; EMBEDDING_DIM + 1];
    let (beta1, beta2, epsilon) = (0.9f64, 0.999f64, 1e-8f64);
    let mut gradient = vec![0.0f64; EMBEDDING_DIM + 1];
    let mut weights_f32 = vec![0.0f32; EMBEDDING_DIM];
    for step in 1..=config.steps {
        for (narrow, wide) in weights_f32.iter_mut().zip(&weights) {
            *narrow = *wide as f32;
        }
        gradient.fill(0.0);
        for (row, &label) in rows.iter().zip(labels) {
            let logit: f32 = row
                .iter()
                .zip(&weights_f32)
                .map(|(value, weight)| value * weight)
                .sum::<f32>();
            let probability = f64::from(sigmoid(logit + bias as f32));
            let (target, weight) = if label {
                (1.0, positive_weight)
            } else {
                (0.0, 1.0)
            };
            let error = (probability - target) * weight / total_weight;
            for (slot, value) in gradient.iter_mut().zip(row) {
                *slot += error * f64::from(*value);
            }
            gradient[EMBEDDING_DIM] += error;
        }
        for (slot, weight) in gradient.iter_mut().zip(&weights) {
            *slot += config.l2 * weight;
        }
        let correction1 = 1.0 - beta1.powi(step as i32);
        let correction2 = 1.0 - beta2.powi(step as i32);
        for index in 0..=EMBEDDING_DIM {
            first_moment[index] = beta1 * first_moment[index] + (1.0 - beta1) * gradient[index];
            second_moment[index] =
                beta2 * second_moment[index] + (1.0 - beta2) * gradient[index] * gradient[index];
            let update = config.learning_rate * (first_moment[index] / correction1)
                / ((second_moment[index] / correction2).sqrt() + epsilon);
            if index == EMBEDDING_DIM {
                bias -= update;
            } else {
                weights[index] -= update;
            }
        }
    }
    (weights, bias)
}

/// Metrics of `probabilities` against `labels` at `threshold`.
fn validation_at(
    probabilities: &[f32],
    labels: &[bool],
    threshold: f32,
    train_positives: usize,
) -> HeadValidation {
    let mut counts = [0usize; 4]; // tp, fp, fn, tn
    for (&probability, &label) in probabilities.iter().zip(labels) {
        let fired = probability >= threshold;
        let cell = match (label, fired) {
            (true, true) => 0,
            (false, true) => 1,
            (true, false) => 2,
            (false, false) => 3,
        };
        counts[cell] += 1;
    }
    let [true_positives, false_positives, false_negatives, true_negatives] = counts;
    let ratio = |numerator: usize, denominator: usize| {
        if denominator == 0 {
            0.0
        } else {
            numerator as f64 / denominator as f64
        }
    };
    let recall = ratio(true_positives, true_positives + false_negatives);
    let precision = ratio(true_positives, true_positives + false_positives);
    let f1 = if recall + precision > 0.0 {
        2.0 * recall * precision / (recall + precision)
    } else {
        0.0
    };
    HeadValidation {
        train_positives,
        positives: true_positives + false_negatives,
        negatives: false_positives + true_negatives,
        recall,
        false_positive_rate: ratio(false_positives, false_positives + true_negatives),
        non_sensitive_false_positive_rate: 0.0,
        precision,
        f1,
    }
}

/// The highest threshold that keeps recall on `labels` at least `target`.
fn recall_threshold(probabilities: &[f32], labels: &[bool], target: f64) -> f32 {
    let mut positives: Vec<f32> = probabilities
        .iter()
        .zip(labels)
        .filter(|(_, label)| **label)
        .map(|(probability, _)| *probability)
        .collect();
    if positives.is_empty() {
        return 0.5;
    }
    positives.sort_by(f32::total_cmp);
    let allowed_misses = ((1.0 - target) * positives.len() as f64 + 1e-9).floor() as usize;
    positives[allowed_misses.min(positives.len() - 1)]
}

/// The lowest threshold that flags at most `budget` of `negatives`.
fn budget_threshold(negatives: &[f32], budget: f64) -> f32 {
    let mut sorted = negatives.to_vec();
    if sorted.is_empty() {
        return 0.0;
    }
    sorted.sort_by(|left, right| right.total_cmp(left));
    let allowed = (budget * sorted.len() as f64 + 1e-9).floor() as usize;
    match sorted.get(allowed) {
        // Just above the first negative that must not be flagged.
        Some(&probability) => f32::from_bits(probability.max(0.0).to_bits() + 1),
        None => 0.0,
    }
}

/// The threshold with the best F1 on `labels` (ties: the higher threshold).
fn f1_threshold(probabilities: &[f32], labels: &[bool]) -> f32 {
    let mut scored: Vec<(f32, bool)> = probabilities
        .iter()
        .copied()
        .zip(labels.iter().copied())
        .collect();
    let positives = scored.iter().filter(|(_, label)| *label).count();
    if positives == 0 {
        return 0.5;
    }
    scored.sort_by(|left, right| right.0.total_cmp(&left.0));
    let (mut best_f1, mut best_threshold) = (-1.0f64, 0.5f32);
    let (mut true_positives, mut flagged) = (0usize, 0usize);
    let mut index = 0;
    while index < scored.len() {
        let threshold = scored[index].0;
        while index < scored.len() && scored[index].0.to_bits() == threshold.to_bits() {
            flagged += 1;
            true_positives += usize::from(scored[index].1);
            index += 1;
        }
        let f1 = 2.0 * true_positives as f64 / (flagged + positives) as f64;
        if f1 > best_f1 {
            best_f1 = f1;
            best_threshold = threshold;
        }
    }
    best_threshold
}

/// What one head is trained to recognize.
#[derive(Clone, Copy)]
enum Target {
    Sensitive(SensitiveCategory),
    Topic(TopicId),
}

impl Target {
    fn matches(self, example: &TrainingExample) -> bool {
        match self {
            Self::Sensitive(category) => example.sensitive.contains(&category),
            Self::Topic(topic) => example.topics.contains(&topic),
        }
    }
}

/// Fits one head per target, spread over threads (each head is fitted by
/// one thread in a fixed order, so the result does not depend on how many).
fn fit_all(
    targets: &[Target],
    train: &[&TrainingExample],
    train_rows: &[Vec<f32>],
    standardizer: &Standardizer,
    config: &TrainConfig,
) -> Vec<(Vec<f32>, f32)> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(targets.len())
        .max(1);
    let chunk = targets.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = targets
            .chunks(chunk)
            .map(|chunk_targets| {
                scope.spawn(move || {
                    chunk_targets
                        .iter()
                        .map(|target| {
                            let labels: Vec<bool> = train
                                .iter()
                                .map(|example| target.matches(example))
                                .collect();
                            let (weights, bias) = fit_logistic(train_rows, &labels, config);
                            standardizer.fold(&weights, bias)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().expect("a training thread panicked"))
            .collect()
    })
}

/// Trains every head. `roots` are the taxonomy roots with their names, in
/// the order the topic heads are written; `datasets` is recorded in the
/// file as given.
pub fn train_heads(
    examples: &[TrainingExample],
    roots: &[(TopicId, String)],
    config: &TrainConfig,
    datasets: Vec<String>,
    model: &str,
) -> HeadsFile {
    let (train_indices, validation_indices) = split_indices(examples, config);
    let train: Vec<&TrainingExample> = train_indices.iter().map(|&i| &examples[i]).collect();
    let validation: Vec<&TrainingExample> =
        validation_indices.iter().map(|&i| &examples[i]).collect();
    let standardizer = Standardizer::fit(&train);
    let train_rows: Vec<Vec<f32>> = train
        .iter()
        .map(|example| standardizer.apply(&example.embedding))
        .collect();
    let targets: Vec<Target> = SensitiveCategory::ALL
        .into_iter()
        .map(Target::Sensitive)
        .chain(roots.iter().map(|(topic, _)| Target::Topic(*topic)))
        .collect();
    let fitted = fit_all(&targets, &train, &train_rows, &standardizer, config);
    let mut sensitive = Vec::new();
    let mut topics = Vec::new();
    for (target, head) in targets.iter().zip(fitted) {
        let (weights, bias) = head;
        let mut head = Head {
            weights,
            bias,
            threshold: 0.5,
        };
        let probabilities: Vec<f32> = validation
            .iter()
            .map(|example| head.probability(&example.embedding))
            .collect();
        let labels: Vec<bool> = validation
            .iter()
            .map(|example| target.matches(example))
            .collect();
        let train_positives = train
            .iter()
            .filter(|example| target.matches(example))
            .count();
        match *target {
            Target::Sensitive(category) => {
                let non_sensitive: Vec<f32> = validation
                    .iter()
                    .zip(&probabilities)
                    .filter(|(example, _)| example.sensitive.is_empty())
                    .map(|(_, probability)| *probability)
                    .collect();
                head.threshold =
                    recall_threshold(&probabilities, &labels, config.recall_target).max(
                        budget_threshold(&non_sensitive, config.max_false_positive_rate),
                    );
                let mut metrics =
                    validation_at(&probabilities, &labels, head.threshold, train_positives);
                let flagged = non_sensitive
                    .iter()
                    .filter(|probability| head.fires(**probability))
                    .count();
                metrics.non_sensitive_false_positive_rate = if non_sensitive.is_empty() {
                    0.0
                } else {
                    flagged as f64 / non_sensitive.len() as f64
                };
                sensitive.push(SensitiveHead {
                    category,
                    head,
                    validation: metrics,
                });
            }
            Target::Topic(topic) => {
                head.threshold = f1_threshold(&probabilities, &labels);
                let metrics =
                    validation_at(&probabilities, &labels, head.threshold, train_positives);
                let name = roots
                    .iter()
                    .find(|(root, _)| *root == topic)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default();
                topics.push(TopicHead {
                    topic,
                    name,
                    head,
                    validation: metrics,
                });
            }
        }
    }
    HeadsFile {
        format: HEADS_FORMAT.to_owned(),
        model: model.to_owned(),
        training: TrainingInfo {
            seed: config.seed,
            train_items: train.len(),
            validation_items: validation.len(),
            datasets,
            steps: config.steps,
            l2: config.l2,
            recall_target: config.recall_target,
            max_false_positive_rate: config.max_false_positive_rate,
        },
        sensitive,
        topics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small synthetic set: religion where dimension 0 is high, health
    /// where dimension 1 is high, topic 24 where dimension 2 is high.
    fn synthetic(count: usize) -> Vec<TrainingExample> {
        let mut generator = SplitMix64(42);
        (0..count)
            .map(|_| {
                let mut embedding = [0.0f32; EMBEDDING_DIM];
                for (dimension, value) in embedding.iter_mut().enumerate() {
                    let noise = (generator.next() % 1000) as f32 / 1000.0 - 0.5;
                    // Three informative dimensions, the rest constant (a
                    // few hundred examples cannot pin 384 noisy weights).
                    *value = if dimension < 3 { noise } else { 0.1 };
                }
                let mut sensitive = Vec::new();
                if embedding[0] > 0.3 {
                    sensitive.push(SensitiveCategory::Religion);
                }
                if embedding[1] > 0.3 {
                    sensitive.push(SensitiveCategory::Health);
                }
                let topics = if embedding[2] > 0.0 {
                    vec![TopicId(24)]
                } else {
                    vec![]
                };
                TrainingExample {
                    embedding,
                    sensitive,
                    topics,
                }
            })
            .collect()
    }

    fn small_config() -> TrainConfig {
        TrainConfig {
            steps: 100,
            learning_rate: 0.05,
            max_false_positive_rate: 1.0,
            ..TrainConfig::default()
        }
    }

    #[test]
    fn training_is_bit_identical_twice() {
        let examples = synthetic(300);
        let roots = vec![(TopicId(24), "Travel".to_owned())];
        let first = train_heads(&examples, &roots, &small_config(), vec![], "test");
        let second = train_heads(&examples, &roots, &small_config(), vec![], "test");
        assert_eq!(
            serde_json::to_string(&first).unwrap(),
            serde_json::to_string(&second).unwrap()
        );
    }

    #[test]
    fn training_learns_the_synthetic_rules_with_recall_first_thresholds() {
        let examples = synthetic(600);
        let roots = vec![(TopicId(24), "Travel".to_owned())];
        let file = train_heads(&examples, &roots, &small_config(), vec![], "test");
        assert_eq!(file.sensitive.len(), SensitiveCategory::ALL.len());
        let religion = file
            .sensitive
            .iter()
            .find(|head| head.category == SensitiveCategory::Religion)
            .unwrap();
        assert!(
            religion.validation.recall >= 0.97,
            "{:?}",
            religion.validation
        );
        assert!(
            religion.validation.false_positive_rate < 0.2,
            "{:?}",
            religion.validation
        );
        let travel = &file.topics[0];
        assert!(travel.validation.f1 > 0.8, "{:?}", travel.validation);
        // Heads load back through the public checks.
        let heads = crate::heads::SemanticHeads::from_file(file).unwrap();
        assert_eq!(heads.score(&examples[0].embedding).1.len(), 1);
    }

    #[test]
    fn split_is_seeded_stratified_and_disjoint() {
        let examples = synthetic(200);
        let config = TrainConfig::default();
        let (train, validation) = split_indices(&examples, &config);
        assert_eq!(train.len() + validation.len(), 200);
        assert!(train.iter().all(|index| !validation.contains(index)));
        assert_eq!(
            split_indices(&examples, &config),
            (train, validation.clone())
        );
        let other = TrainConfig { seed: 1, ..config };
        assert_ne!(split_indices(&examples, &other).1, validation);
    }

    #[test]
    fn budget_threshold_flags_at_most_the_budget() {
        let negatives: Vec<f32> = (0..200).map(|i| i as f32 / 200.0).collect();
        let threshold = budget_threshold(&negatives, 0.01);
        let flagged = negatives.iter().filter(|p| **p >= threshold).count();
        assert_eq!(flagged, 2);
    }

    #[test]
    fn recall_threshold_keeps_the_target() {
        let probabilities: Vec<f32> = (0..100).map(|i| i as f32 / 100.0).collect();
        let labels: Vec<bool> = (0..100).map(|i| i >= 50).collect();
        let threshold = recall_threshold(&probabilities, &labels, 0.97);
        let metrics = validation_at(&probabilities, &labels, threshold, 0);
        assert!(metrics.recall >= 0.97);
        assert!((threshold - 0.51).abs() < 1e-6, "{threshold}");
    }
}
