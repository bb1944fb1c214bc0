//! Deterministic training of the [`crate::heads`]: the multi-label
//! sensitive net and one logistic regression per taxonomy root, on feature
//! vectors of labelled items.
//!
//! - **Rows and items.** An item (one labelled conversation) gives one row
//!   per turn, plus one for its joined turns when it has several; every row
//!   carries the item's labels. The heads learn from the rows whose labels
//!   are known to hold ([`TrainingExample::fitted`]: a single-turn item's
//!   turn, a multi-turn item's joined text; one turn of a conversation
//!   about health need not be about health, but every turn of a
//!   conversation that touches no sensitive category touches none, so the
//!   sensitive net also learns from those turns). Validation is per item,
//!   as the classifier decides: the best score over the item's turn rows.
//! - **Split.** A validation share of the *items* is carved with a seeded
//!   shuffle, stratified by each item's first sensitive category (or none),
//!   so rare categories land on both sides and no item has rows on both.
//! - **Sensitive net.** Features are standardized (training mean and
//!   deviation), then a `features → hidden (ReLU) → categories + any`
//!   network is fitted by mini-batch Adam on the summed sigmoid log loss
//!   with an L2 penalty; batch order and initialization come from the seed.
//!   [`TrainConfig::net_members`] such nets, seeded apart, are averaged by
//!   logit into one wider net. The standardization is folded back into
//!   the first layer.
//! - **Topic heads.** Full-batch Adam on the weighted log loss of the plain
//!   embedding (the last 384 floats), positives weighted
//!   `negatives / positives` (capped), standardization folded back.
//! - **Thresholds.** Each sensitive output: the highest threshold whose
//!   item recall on the validation split is at least
//!   [`TrainConfig::recall_target`], raised where that would flag more than
//!   [`TrainConfig::max_false_positive_rate`] of the ordinary validation
//!   items (no sensitive label, not a hard negative). Topic heads: the
//!   threshold with the best F1.
//!
//! The same examples and configuration give the same heads twice on one
//! machine (every random choice is seeded, reductions run in a fixed
//! order). Nothing here reads files or the clock.

use candle_core::{DType, Device, Tensor, Var};
use gleaner_core::{SensitiveCategory, TopicId};

use crate::error::SemanticError;
use crate::heads::{
    sigmoid, Head, HeadValidation, HeadsFile, NetOutput, SensitiveNet, TopicHead, TrainingInfo,
    HEADS_FORMAT,
};
use crate::EMBEDDING_DIM;

/// One labelled row: the features of one turn (or of an item's joined
/// turns).
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingExample {
    /// The row's features (`384 × layers` floats).
    pub features: Vec<f32>,
    /// The item the row belongs to (rows of one item share it).
    pub item: usize,
    /// Whether the classifier would score this row (a turn; not the joined
    /// text of a multi-turn item). Validation reads only these.
    pub scored: bool,
    /// Which heads learn from this row: those whose labels hold for its
    /// text (see [`Fit`]).
    pub fitted: Fit,
    /// Whether the item is a hard negative (touches a sensitive subject
    /// without being sensitive); hard negatives are not in the
    /// false-positive budget.
    pub hard_negative: bool,
    /// The sensitive categories the item touches (empty: none).
    pub sensitive: Vec<SensitiveCategory>,
    /// The taxonomy roots the item shows.
    pub topics: Vec<TopicId>,
}

/// Which heads learn from a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// None: the row only scores validation (one turn of a conversation
    /// that touches a sensitive category: that turn alone need not).
    Nothing,
    /// The sensitive net only: one turn of a conversation that touches no
    /// sensitive category (no turn of it does), whose topics need not
    /// hold for the turn alone ("thanks, and for two people?").
    Sensitive,
    /// Every head: a single-turn item's turn, a multi-turn item's joined
    /// turns.
    All,
}

impl Fit {
    /// Whether the sensitive net learns from the row.
    #[must_use]
    pub fn sensitive(self) -> bool {
        self != Self::Nothing
    }

    /// Whether the topic heads learn from the row.
    #[must_use]
    pub fn topics(self) -> bool {
        self == Self::All
    }
}

/// Training settings. [`TrainConfig::default`] is what `gleaner train` uses.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Seed of the validation split, the net's initialization and batches.
    pub seed: u64,
    /// Share of the items held out to choose thresholds.
    pub validation_fraction: f64,
    /// Full-batch Adam steps per topic head.
    pub steps: usize,
    /// Adam learning rate of the topic heads.
    pub learning_rate: f64,
    /// L2 penalty on the (standardized) topic weights.
    pub l2: f64,
    /// Largest weight a positive example gets relative to a negative one
    /// (topic heads).
    pub max_positive_weight: f64,
    /// Hidden units of each member of the sensitive net.
    pub net_hidden: usize,
    /// Members of the sensitive net: nets fitted alike from different
    /// seeds whose logits are averaged (one net of `members × hidden`
    /// units). Averaging steadies the low tail of rare categories, where
    /// one net's scores swing with its initialization.
    pub net_members: usize,
    /// Passes over the training rows of the sensitive net.
    pub net_epochs: usize,
    /// Rows per Adam step of the sensitive net.
    pub net_batch: usize,
    /// Adam learning rate of the sensitive net.
    pub net_learning_rate: f64,
    /// L2 penalty of the sensitive net (per batch: `l2 / 2 · ‖W‖² / batch`).
    pub net_l2: f64,
    /// Recall the sensitive thresholds must reach on the validation split.
    pub recall_target: f64,
    /// Most ordinary validation items one sensitive output may flag. Where
    /// the recall target would flag more, the threshold is raised to this
    /// budget and the output's validation recall says what it gives up.
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
            net_hidden: 256,
            net_members: 3,
            net_epochs: 40,
            net_batch: 200,
            net_learning_rate: 1e-3,
            net_l2: 1e-3,
            recall_target: 0.99,
            max_false_positive_rate: 0.02,
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

/// Splits examples into (train, validation) row indices by item, seeded
/// and stratified by each item's first sensitive category.
pub fn split_indices(
    examples: &[TrainingExample],
    config: &TrainConfig,
) -> (Vec<usize>, Vec<usize>) {
    let mut items: Vec<usize> = examples.iter().map(|example| example.item).collect();
    items.sort_unstable();
    items.dedup();
    let mut first_category: std::collections::BTreeMap<usize, Option<SensitiveCategory>> =
        std::collections::BTreeMap::new();
    for example in examples {
        first_category
            .entry(example.item)
            .or_insert_with(|| example.sensitive.first().copied());
    }
    let mut groups: Vec<(Option<SensitiveCategory>, Vec<usize>)> = Vec::new();
    for item in items {
        let key = first_category[&item];
        match groups.iter_mut().find(|(group, _)| *group == key) {
            Some((_, members)) => members.push(item),
            None => groups.push((key, vec![item])),
        }
    }
    groups.sort_by_key(|(key, _)| *key);
    let mut generator = SplitMix64(config.seed);
    let mut held_items = std::collections::BTreeSet::new();
    for (_, mut members) in groups {
        for position in (1..members.len()).rev() {
            let other = generator.below(position + 1);
            members.swap(position, other);
        }
        let held = (members.len() as f64 * config.validation_fraction).round() as usize;
        let held = held.min(members.len().saturating_sub(1));
        held_items.extend(members[..held].iter().copied());
    }
    (0..examples.len()).partition(|&index| !held_items.contains(&examples[index].item))
}

/// Per-dimension mean and deviation of training rows.
struct Standardizer {
    mean: Vec<f64>,
    scale: Vec<f64>,
}

impl Standardizer {
    fn fit(rows: &[&[f32]]) -> Self {
        let width = rows.first().map_or(0, |row| row.len());
        let count = rows.len().max(1) as f64;
        let mut mean = vec![0.0f64; width];
        for row in rows {
            for (sum, value) in mean.iter_mut().zip(*row) {
                *sum += f64::from(*value);
            }
        }
        for value in &mut mean {
            *value /= count;
        }
        let mut scale = vec![0.0f64; width];
        for row in rows {
            for ((sum, value), center) in scale.iter_mut().zip(*row).zip(&mean) {
                let difference = f64::from(*value) - center;
                *sum += difference * difference;
            }
        }
        for value in &mut scale {
            *value = (*value / count).sqrt().max(1e-6);
        }
        Self { mean, scale }
    }

    fn apply(&self, row: &[f32]) -> Vec<f32> {
        row.iter()
            .zip(&self.mean)
            .zip(&self.scale)
            .map(|((value, mean), scale)| ((f64::from(*value) - mean) / scale) as f32)
            .collect()
    }

    /// Turns standardized-space weights into raw-row weights and bias.
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
    let width = rows.first().map_or(0, Vec::len);
    let positives = labels.iter().filter(|label| **label).count();
    let negatives = labels.len() - positives;
    let positive_weight = if positives == 0 {
        1.0
    } else {
        (negatives as f64 / positives as f64).clamp(1.0, config.max_positive_weight)
    };
    let total_weight = positives as f64 * positive_weight + negatives as f64;
    let mut weights = vec![0.0f64; width];
    let mut bias = 0.0f64;
    let mut first_moment = vec![0.0f64; width + 1];
    let mut second_moment = vec![0.0f64; width + 1];
    let (beta1, beta2, epsilon) = (0.9f64, 0.999f64, 1e-8f64);
    let mut gradient = vec![0.0f64; width + 1];
    let mut weights_f32 = vec![0.0f32; width];
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
            gradient[width] += error;
        }
        for (slot, weight) in gradient.iter_mut().zip(&weights) {
            *slot += config.l2 * weight;
        }
        let correction1 = 1.0 - beta1.powi(step as i32);
        let correction2 = 1.0 - beta2.powi(step as i32);
        for index in 0..=width {
            first_moment[index] = beta1 * first_moment[index] + (1.0 - beta1) * gradient[index];
            second_moment[index] =
                beta2 * second_moment[index] + (1.0 - beta2) * gradient[index] * gradient[index];
            let update = config.learning_rate * (first_moment[index] / correction1)
                / ((second_moment[index] / correction2).sqrt() + epsilon);
            if index == width {
                bias -= update;
            } else {
                weights[index] -= update;
            }
        }
    }
    (weights, bias)
}

/// The fitted sensitive net in raw-feature space.
struct FittedNet {
    hidden_weights: Vec<f32>,
    hidden_bias: Vec<f32>,
    output_weights: Vec<f32>,
    output_bias: Vec<f32>,
}

impl FittedNet {
    /// One net whose logits are the mean of `members`' logits: the hidden
    /// units side by side, each output's weights divided by the count,
    /// the output biases averaged.
    fn average(members: &[FittedNet]) -> FittedNet {
        let count = members.len().max(1) as f32;
        let outputs = members.first().map_or(0, |net| net.output_bias.len());
        let mut output_weights = Vec::new();
        for output in 0..outputs {
            for net in members {
                let hidden = net.hidden_bias.len();
                output_weights.extend(
                    net.output_weights[output * hidden..(output + 1) * hidden]
                        .iter()
                        .map(|weight| weight / count),
                );
            }
        }
        FittedNet {
            hidden_weights: members
                .iter()
                .flat_map(|net| net.hidden_weights.iter().copied())
                .collect(),
            hidden_bias: members
                .iter()
                .flat_map(|net| net.hidden_bias.iter().copied())
                .collect(),
            output_weights,
            output_bias: (0..outputs)
                .map(|output| {
                    members
                        .iter()
                        .map(|net| net.output_bias[output])
                        .sum::<f32>()
                        / count
                })
                .collect(),
        }
    }
}

/// Glorot-uniform values from the seeded generator.
fn glorot(generator: &mut SplitMix64, fan_in: usize, fan_out: usize, count: usize) -> Vec<f32> {
    let bound = (6.0 / (fan_in + fan_out) as f64).sqrt();
    (0..count)
        .map(|_| {
            let unit = (generator.next() >> 11) as f64 / (1u64 << 53) as f64;
            ((unit * 2.0 - 1.0) * bound) as f32
        })
        .collect()
}

/// Adam's moment estimates of one parameter.
struct Adam {
    first: Tensor,
    second: Tensor,
}

impl Adam {
    const BETA1: f64 = 0.9;
    const BETA2: f64 = 0.999;
    const EPSILON: f64 = 1e-8;

    fn new(parameter: &Var) -> Result<Self, SemanticError> {
        Ok(Self {
            first: parameter.zeros_like()?,
            second: parameter.zeros_like()?,
        })
    }

    /// One update of `parameter` by `gradient` at `step` (1-based). Every
    /// tensor kept is detached, so no step's graph is chained onto the next.
    fn step(
        &mut self,
        parameter: &Var,
        gradient: &Tensor,
        step: i32,
        learning_rate: f64,
    ) -> Result<(), SemanticError> {
        let gradient = gradient.detach();
        self.first = (self.first.affine(Self::BETA1, 0.0)?
            + gradient.affine(1.0 - Self::BETA1, 0.0)?)?
        .detach();
        self.second = (self.second.affine(Self::BETA2, 0.0)?
            + gradient.sqr()?.affine(1.0 - Self::BETA2, 0.0)?)?
        .detach();
        let correction1 = 1.0 - Self::BETA1.powi(step);
        let correction2 = 1.0 - Self::BETA2.powi(step);
        let denominator = self
            .second
            .affine(1.0 / correction2, 0.0)?
            .sqrt()?
            .affine(1.0, Self::EPSILON)?;
        let update = self
            .first
            .affine(learning_rate / correction1, 0.0)?
            .div(&denominator)?;
        parameter.set(&parameter.as_tensor().detach().sub(&update)?)?;
        Ok(())
    }
}

/// A `rows × columns` parameter, Glorot-initialized from the generator.
fn parameter(
    generator: &mut SplitMix64,
    shape: (usize, usize),
    fans: (usize, usize),
) -> Result<Var, SemanticError> {
    let values = glorot(generator, fans.0, fans.1, shape.0 * shape.1);
    let tensor = if shape.0 == 1 {
        Tensor::from_vec(values, shape.1, &Device::Cpu)?
    } else {
        Tensor::from_vec(values, shape, &Device::Cpu)?
    };
    Ok(Var::from_tensor(&tensor)?)
}

/// Fits the multi-label net on standardized rows (`targets`: one 0/1 row
/// of `outputs` per training row) by mini-batch Adam on the CPU.
fn fit_net(
    rows: &[Vec<f32>],
    targets: &[Vec<f32>],
    standardizer: &Standardizer,
    config: &TrainConfig,
    member: u64,
) -> Result<FittedNet, SemanticError> {
    let device = Device::Cpu;
    let width = rows.first().map_or(0, Vec::len);
    let outputs = targets.first().map_or(0, Vec::len);
    let hidden = config.net_hidden;
    let flat: Vec<f32> = rows.iter().flatten().copied().collect();
    let inputs = Tensor::from_vec(flat, (rows.len(), width), &device)?;
    let flat: Vec<f32> = targets.iter().flatten().copied().collect();
    let labels = Tensor::from_vec(flat, (rows.len(), outputs), &device)?;
    let mut generator = SplitMix64((config.seed ^ 0x4E45_5400).wrapping_add(member));
    // Weights stored input-major (width × hidden, hidden × outputs) so the
    // forward pass is two plain matmuls.
    let w1 = parameter(&mut generator, (width, hidden), (width, hidden))?;
    let b1 = parameter(&mut generator, (1, hidden), (width, hidden))?;
    let w2 = parameter(&mut generator, (hidden, outputs), (hidden, outputs))?;
    let b2 = parameter(&mut generator, (1, outputs), (hidden, outputs))?;
    let parameters = [&w1, &b1, &w2, &b2];
    let mut states: Vec<Adam> = parameters
        .iter()
        .map(|parameter| Adam::new(parameter))
        .collect::<Result<_, _>>()?;
    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
    let mut step = 0i32;
    for _ in 0..config.net_epochs {
        for position in (1..order.len()).rev() {
            let other = generator.below(position + 1);
            order.swap(position, other);
        }
        for batch in order.chunks(config.net_batch.max(1)) {
            step += 1;
            let size = batch.len() as f64;
            let index = Tensor::from_slice(batch, batch.len(), &device)?;
            let x = inputs.index_select(&index, 0)?;
            let y = labels.index_select(&index, 0)?;
            let h = x
                .matmul(w1.as_tensor())?
                .broadcast_add(b1.as_tensor())?
                .relu()?;
            let z = h.matmul(w2.as_tensor())?.broadcast_add(b2.as_tensor())?;
            // log(1 + e^z) - z·y, written to stay finite for any z.
            let softplus = (z.relu()? + z.abs()?.neg()?.exp()?.affine(1.0, 1.0)?.log()?)?;
            let log_loss = (softplus - (&z * &y)?)?
                .sum_all()?
                .affine(1.0 / size, 0.0)?;
            let penalty = (w1.as_tensor().sqr()?.sum_all()? + w2.as_tensor().sqr()?.sum_all()?)?
                .affine(0.5 * config.net_l2 / size, 0.0)?;
            let loss = (log_loss + penalty)?;
            let gradients = loss.backward()?;
            for (parameter, state) in parameters.iter().zip(states.iter_mut()) {
                if let Some(gradient) = gradients.get(parameter.as_tensor()) {
                    state.step(parameter, gradient, step, config.net_learning_rate)?;
                }
            }
        }
    }
    // Fold the standardization into the first layer: hidden row j of the
    // raw-space net is w1[:, j] / scale, bias b1[j] - Σ w1[i, j]·mean/scale.
    let w1 = w1.as_tensor().to_dtype(DType::F64)?.t()?.to_vec2::<f64>()?;
    let b1 = b1.as_tensor().to_dtype(DType::F64)?.to_vec1::<f64>()?;
    let mut hidden_weights = Vec::with_capacity(width * hidden);
    let mut hidden_bias = Vec::with_capacity(hidden);
    for (row, bias) in w1.iter().zip(b1) {
        let (weights, bias) = standardizer.fold(row, bias);
        hidden_weights.extend(weights);
        hidden_bias.push(bias);
    }
    let output_weights: Vec<f32> = w2.as_tensor().t()?.contiguous()?.flatten_all()?.to_vec1()?;
    let output_bias = b2.as_tensor().to_vec1::<f32>()?;
    Ok(FittedNet {
        hidden_weights,
        hidden_bias,
        output_weights,
        output_bias,
    })
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

/// Fits one topic head per root, spread over threads (each head is fitted
/// by one thread, so the result does not depend on how many).
fn fit_topics(
    roots: &[TopicId],
    train: &[&TrainingExample],
    rows: &[Vec<f32>],
    standardizer: &Standardizer,
    config: &TrainConfig,
) -> Vec<(Vec<f32>, f32)> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(roots.len())
        .max(1);
    let chunk = roots.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = roots
            .chunks(chunk)
            .map(|chunk_roots| {
                scope.spawn(move || {
                    chunk_roots
                        .iter()
                        .map(|root| {
                            let labels: Vec<bool> = train
                                .iter()
                                .map(|example| example.topics.contains(root))
                                .collect();
                            let (weights, bias) = fit_logistic(rows, &labels, config);
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

/// The validation items: per item, its labels and the best score of each
/// output over its turn rows.
struct ValidationItem<'a> {
    example: &'a TrainingExample,
    /// Best probability per sensitive output (categories, then any).
    sensitive: Vec<f32>,
    /// Best probability per topic head.
    topics: Vec<f32>,
}

/// Threshold and metrics of one sensitive output over the validation items.
fn sensitive_threshold(
    probabilities: &[f32],
    labels: &[bool],
    ordinary: &[bool],
    train_positives: usize,
    config: &TrainConfig,
) -> (f32, HeadValidation) {
    let ordinary_scores: Vec<f32> = probabilities
        .iter()
        .zip(ordinary)
        .filter(|(_, ordinary)| **ordinary)
        .map(|(probability, _)| *probability)
        .collect();
    let threshold = recall_threshold(probabilities, labels, config.recall_target).max(
        budget_threshold(&ordinary_scores, config.max_false_positive_rate),
    );
    let mut metrics = validation_at(probabilities, labels, threshold, train_positives);
    let flagged = ordinary_scores
        .iter()
        .filter(|probability| **probability >= threshold)
        .count();
    metrics.non_sensitive_false_positive_rate = if ordinary_scores.is_empty() {
        0.0
    } else {
        flagged as f64 / ordinary_scores.len() as f64
    };
    (threshold, metrics)
}

/// Trains the sensitive net and the topic heads. `layers` are the encoder
/// layers the features were pooled after (recorded in the file; the rows
/// must be `384 × layers.len()` floats); `roots` are the taxonomy roots
/// with their names, in the order the topic heads are written; `datasets`
/// is recorded as given.
pub fn train_heads(
    examples: &[TrainingExample],
    roots: &[(TopicId, String)],
    layers: &[usize],
    config: &TrainConfig,
    datasets: Vec<String>,
    model: &str,
) -> Result<HeadsFile, SemanticError> {
    let width = EMBEDDING_DIM * layers.len();
    if let Some((row, bad)) = examples
        .iter()
        .enumerate()
        .find(|(_, example)| example.features.len() != width)
    {
        return Err(SemanticError::TrainingRow {
            row,
            found: bad.features.len(),
            expected: width,
        });
    }
    let members = config.net_members.max(1);
    let (train_indices, validation_indices) = split_indices(examples, config);
    let train: Vec<&TrainingExample> = train_indices
        .iter()
        .map(|&i| &examples[i])
        .filter(|example| example.fitted.sensitive())
        .collect();
    let net = fit_sensitive(&train, config)?;
    let topic_train: Vec<&TrainingExample> = train
        .iter()
        .copied()
        .filter(|example| example.fitted.topics())
        .collect();
    let topics = fit_topic_heads(&topic_train, roots, width, config);
    let outputs: Vec<NetOutput> = SensitiveCategory::ALL
        .iter()
        .map(|category| Some(*category))
        .chain([None])
        .map(|category| NetOutput {
            category,
            threshold: 0.5,
            validation: HeadValidation::default(),
        })
        .collect();
    let mut file = HeadsFile {
        format: HEADS_FORMAT.to_owned(),
        model: model.to_owned(),
        layers: layers.to_vec(),
        training: TrainingInfo {
            seed: config.seed,
            train_items: count_items(train.iter().copied()),
            train_rows: train.len(),
            validation_items: count_items(validation_indices.iter().map(|&i| &examples[i])),
            datasets,
            steps: config.steps,
            l2: config.l2,
            net_epochs: config.net_epochs,
            net_l2: config.net_l2,
            net_members: members,
            recall_target: config.recall_target,
            max_false_positive_rate: config.max_false_positive_rate,
        },
        sensitive: SensitiveNet {
            hidden: config.net_hidden * members,
            hidden_weights: SensitiveNet::encode_weights(&net.hidden_weights),
            hidden_bias: net.hidden_bias,
            output_weights: net.output_weights,
            output_bias: net.output_bias,
            outputs,
        },
        topics,
        encoder_delta: None,
    };
    // Score the validation items through the same code the classifier runs.
    let scorer = crate::heads::SemanticHeads::from_file(file.clone())?;
    let validation = validation_items(examples, &validation_indices, &scorer);
    choose_thresholds(&mut file, &validation, &train, &topic_train, config);
    Ok(file)
}

/// The sensitive net on the whole feature vectors: standardized rows, one
/// target per category plus the any-category one.
fn fit_sensitive(
    train: &[&TrainingExample],
    config: &TrainConfig,
) -> Result<FittedNet, SemanticError> {
    let raw: Vec<&[f32]> = train
        .iter()
        .map(|example| example.features.as_slice())
        .collect();
    let standardizer = Standardizer::fit(&raw);
    let rows: Vec<Vec<f32>> = raw.iter().map(|row| standardizer.apply(row)).collect();
    let targets: Vec<Vec<f32>> = train
        .iter()
        .map(|example| {
            SensitiveCategory::ALL
                .iter()
                .map(|category| f32::from(u8::from(example.sensitive.contains(category))))
                .chain([f32::from(u8::from(!example.sensitive.is_empty()))])
                .collect()
        })
        .collect();
    let members = (0..config.net_members.max(1) as u64)
        .map(|member| fit_net(&rows, &targets, &standardizer, config, member))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(FittedNet::average(&members))
}

/// The topic heads on the plain embedding (the last 384 floats), with
/// placeholder thresholds.
fn fit_topic_heads(
    train: &[&TrainingExample],
    roots: &[(TopicId, String)],
    width: usize,
    config: &TrainConfig,
) -> Vec<TopicHead> {
    let raw: Vec<&[f32]> = train
        .iter()
        .map(|example| &example.features[width - EMBEDDING_DIM..])
        .collect();
    let standardizer = Standardizer::fit(&raw);
    let rows: Vec<Vec<f32>> = raw.iter().map(|row| standardizer.apply(row)).collect();
    let root_ids: Vec<TopicId> = roots.iter().map(|(topic, _)| *topic).collect();
    let fitted = fit_topics(&root_ids, train, &rows, &standardizer, config);
    roots
        .iter()
        .zip(fitted)
        .map(|((topic, name), (weights, bias))| TopicHead {
            topic: *topic,
            name: name.clone(),
            head: Head {
                weights,
                bias,
                threshold: 0.5,
            },
            validation: HeadValidation::default(),
        })
        .collect()
}

/// Per validation item, the best probability of each output over its turn
/// rows, in item order.
fn validation_items<'a>(
    examples: &'a [TrainingExample],
    validation_indices: &[usize],
    scorer: &crate::heads::SemanticHeads,
) -> Vec<ValidationItem<'a>> {
    let mut by_item: std::collections::BTreeMap<usize, ValidationItem<'a>> =
        std::collections::BTreeMap::new();
    for &index in validation_indices {
        let example = &examples[index];
        if !example.scored {
            continue;
        }
        let net_scores = scorer.sensitive_scores(&example.features);
        let sensitive: Vec<f32> = net_scores
            .categories
            .iter()
            .map(|(_, probability)| *probability)
            .chain([net_scores.any])
            .collect();
        let topics: Vec<f32> = scorer
            .topic_scores(&example.features)
            .into_iter()
            .map(|(_, probability)| probability)
            .collect();
        match by_item.entry(example.item) {
            std::collections::btree_map::Entry::Occupied(mut entry) => {
                let item = entry.get_mut();
                for (best, value) in item.sensitive.iter_mut().zip(sensitive) {
                    *best = best.max(value);
                }
                for (best, value) in item.topics.iter_mut().zip(topics) {
                    *best = best.max(value);
                }
            }
            std::collections::btree_map::Entry::Vacant(entry) => {
                entry.insert(ValidationItem {
                    example,
                    sensitive,
                    topics,
                });
            }
        }
    }
    by_item.into_values().collect()
}

/// Sets every output's and topic head's threshold and validation metrics.
fn choose_thresholds(
    file: &mut HeadsFile,
    validation: &[ValidationItem<'_>],
    train: &[&TrainingExample],
    topic_train: &[&TrainingExample],
    config: &TrainConfig,
) {
    let ordinary: Vec<bool> = validation
        .iter()
        .map(|item| item.example.sensitive.is_empty() && !item.example.hard_negative)
        .collect();
    let train_items = |rows: &[&TrainingExample], matches: &dyn Fn(&TrainingExample) -> bool| {
        count_items(rows.iter().copied().filter(|example| matches(example)))
    };
    for (index, output) in file.sensitive.outputs.iter_mut().enumerate() {
        let category = output.category;
        let matches = |example: &TrainingExample| match category {
            Some(category) => example.sensitive.contains(&category),
            None => !example.sensitive.is_empty(),
        };
        let probabilities: Vec<f32> = validation
            .iter()
            .map(|item| item.sensitive[index])
            .collect();
        let labels: Vec<bool> = validation
            .iter()
            .map(|item| matches(item.example))
            .collect();
        let (threshold, metrics) = sensitive_threshold(
            &probabilities,
            &labels,
            &ordinary,
            train_items(train, &matches),
            config,
        );
        output.threshold = threshold;
        output.validation = metrics;
    }
    for (index, head) in file.topics.iter_mut().enumerate() {
        let probabilities: Vec<f32> = validation.iter().map(|item| item.topics[index]).collect();
        let topic = head.topic;
        let labels: Vec<bool> = validation
            .iter()
            .map(|item| item.example.topics.contains(&topic))
            .collect();
        head.head.threshold = f1_threshold(&probabilities, &labels);
        head.validation = validation_at(
            &probabilities,
            &labels,
            head.head.threshold,
            train_items(topic_train, &|example| example.topics.contains(&topic)),
        );
    }
}

/// Distinct items among rows.
fn count_items<'a>(rows: impl Iterator<Item = &'a TrainingExample>) -> usize {
    let mut items: Vec<usize> = rows.map(|example| example.item).collect();
    items.sort_unstable();
    items.dedup();
    items.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small synthetic set: religion where dimension 0 is high, health
    /// where dimension 1 is high, topic 24 where dimension 2 is high. Every
    /// third item has two turn rows and a joined row.
    fn synthetic(count: usize) -> Vec<TrainingExample> {
        let mut generator = SplitMix64(42);
        let mut rows = Vec::new();
        for item in 0..count {
            let mut features = vec![0.0f32; EMBEDDING_DIM];
            for (dimension, value) in features.iter_mut().enumerate() {
                let noise = (generator.next() % 1000) as f32 / 1000.0 - 0.5;
                // Three informative dimensions, the rest constant (a few
                // hundred examples cannot pin 384 noisy weights).
                *value = if dimension < 3 { noise } else { 0.1 };
            }
            let mut sensitive = Vec::new();
            if features[0] > 0.3 {
                sensitive.push(SensitiveCategory::Religion);
            }
            if features[1] > 0.3 {
                sensitive.push(SensitiveCategory::Health);
            }
            let topics = if features[2] > 0.0 {
                vec![TopicId(24)]
            } else {
                vec![]
            };
            let row = TrainingExample {
                features,
                item,
                scored: true,
                fitted: Fit::All,
                hard_negative: false,
                sensitive,
                topics,
            };
            if item % 3 == 0 {
                // Two turns and the joined text; every head learns from
                // the joined row, the sensitive net also from the turns of
                // a non-sensitive item.
                let mut joined = row.clone();
                joined.scored = false;
                let turn = TrainingExample {
                    fitted: if row.sensitive.is_empty() {
                        Fit::Sensitive
                    } else {
                        Fit::Nothing
                    },
                    ..row.clone()
                };
                rows.push(turn.clone());
                rows.push(turn);
                rows.push(joined);
            } else {
                rows.push(row);
            }
        }
        rows
    }

    fn small_config() -> TrainConfig {
        TrainConfig {
            steps: 100,
            learning_rate: 0.05,
            net_hidden: 16,
            net_epochs: 60,
            net_batch: 32,
            net_learning_rate: 0.01,
            max_false_positive_rate: 1.0,
            ..TrainConfig::default()
        }
    }

    fn roots() -> Vec<(TopicId, String)> {
        vec![(TopicId(24), "Travel".to_owned())]
    }

    #[test]
    fn training_is_bit_identical_twice() {
        let examples = synthetic(300);
        let first =
            train_heads(&examples, &roots(), &[1], &small_config(), vec![], "test").unwrap();
        let second =
            train_heads(&examples, &roots(), &[1], &small_config(), vec![], "test").unwrap();
        assert_eq!(
            serde_json::to_string(&first).unwrap(),
            serde_json::to_string(&second).unwrap()
        );
        let other = TrainConfig {
            seed: 7,
            ..small_config()
        };
        let third = train_heads(&examples, &roots(), &[1], &other, vec![], "test").unwrap();
        assert_ne!(
            first.sensitive.hidden_weights,
            third.sensitive.hidden_weights
        );
    }

    #[test]
    fn training_learns_the_synthetic_rules_with_recall_first_thresholds() {
        let examples = synthetic(800);
        let file = train_heads(&examples, &roots(), &[1], &small_config(), vec![], "test").unwrap();
        assert_eq!(
            file.sensitive.outputs.len(),
            SensitiveCategory::ALL.len() + 1
        );
        assert_eq!(
            file.training.train_items + file.training.validation_items,
            800
        );
        for category in [
            Some(SensitiveCategory::Religion),
            Some(SensitiveCategory::Health),
            None,
        ] {
            let output = file
                .sensitive
                .outputs
                .iter()
                .find(|output| output.category == category)
                .unwrap();
            assert!(
                output.validation.recall >= 0.97,
                "{category:?} {:?}",
                output.validation
            );
            assert!(
                output.validation.false_positive_rate < 0.2,
                "{category:?} {:?}",
                output.validation
            );
        }
        let travel = &file.topics[0];
        assert!(travel.validation.f1 > 0.8, "{:?}", travel.validation);
        // The folded net scores raw rows as it scored standardized ones:
        // the file loads and flags a clearly religious row under religion.
        let heads = crate::heads::SemanticHeads::from_file(file).unwrap();
        let mut religious = vec![0.1f32; EMBEDDING_DIM];
        religious[0] = 0.5;
        religious[1] = -0.4;
        let flagged = heads.flagged(&heads.sensitive_scores(&religious));
        assert_eq!(
            flagged.first().map(|(category, _)| *category),
            Some(SensitiveCategory::Religion),
            "{flagged:?}"
        );
        let mut plain = religious.clone();
        plain[0] = -0.4;
        assert!(heads.flagged(&heads.sensitive_scores(&plain)).is_empty());
    }

    #[test]
    fn rows_of_one_item_stay_on_one_side_of_the_seeded_split() {
        let examples = synthetic(200);
        let config = TrainConfig::default();
        let (train, validation) = split_indices(&examples, &config);
        assert_eq!(train.len() + validation.len(), examples.len());
        let items = |rows: &[usize]| {
            rows.iter()
                .map(|&row| examples[row].item)
                .collect::<std::collections::BTreeSet<_>>()
        };
        assert!(items(&train).is_disjoint(&items(&validation)));
        assert_eq!(items(&train).len() + items(&validation).len(), 200);
        assert_eq!(
            split_indices(&examples, &config),
            (train, validation.clone())
        );
        let other = TrainConfig { seed: 1, ..config };
        assert_ne!(split_indices(&examples, &other).1, validation);
    }

    #[test]
    fn rows_of_the_wrong_length_are_refused_naming_the_row() {
        let mut examples = synthetic(10);
        examples[4].features.pop();
        let error =
            train_heads(&examples, &roots(), &[1], &small_config(), vec![], "test").unwrap_err();
        assert!(error.to_string().contains("row 4"), "{error}");
    }

    /// The logits of `net` for one row (the layout `SemanticHeads` reads).
    fn logits(net: &FittedNet, row: &[f32]) -> Vec<f32> {
        let width = row.len();
        let hidden: Vec<f32> = net
            .hidden_weights
            .chunks_exact(width)
            .zip(&net.hidden_bias)
            .map(|(weights, bias)| {
                (weights.iter().zip(row).map(|(w, x)| w * x).sum::<f32>() + bias).max(0.0)
            })
            .collect();
        net.output_weights
            .chunks_exact(hidden.len())
            .zip(&net.output_bias)
            .map(|(weights, bias)| {
                weights.iter().zip(&hidden).map(|(w, h)| w * h).sum::<f32>() + bias
            })
            .collect()
    }

    #[test]
    fn averaged_members_score_the_mean_of_their_logits() {
        let mut generator = SplitMix64(3);
        let mut values = |count: usize| -> Vec<f32> {
            (0..count)
                .map(|_| (generator.next() % 2000) as f32 / 1000.0 - 1.0)
                .collect()
        };
        // Two members of 3 inputs → 4 hidden → 2 outputs.
        let members: Vec<FittedNet> = (0..2)
            .map(|_| FittedNet {
                hidden_weights: values(12),
                hidden_bias: values(4),
                output_weights: values(8),
                output_bias: values(2),
            })
            .collect();
        let average = FittedNet::average(&members);
        assert_eq!(average.hidden_bias.len(), 8);
        for row in [[0.5f32, -0.2, 0.9], [-1.0, 0.3, 0.0], [0.1, 0.1, 0.1]] {
            let expected: Vec<f32> = logits(&members[0], &row)
                .iter()
                .zip(logits(&members[1], &row))
                .map(|(a, b)| (a + b) / 2.0)
                .collect();
            for (got, want) in logits(&average, &row).iter().zip(expected) {
                assert!((got - want).abs() < 1e-5, "{got} vs {want}");
            }
        }
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

    #[test]
    fn the_budget_counts_ordinary_items_only() {
        // Two hard negatives score high; the budget ignores them, so the
        // recall target decides and one hard negative is flagged.
        let probabilities = [0.9f32, 0.8, 0.1, 0.2, 0.3, 0.85];
        let labels = [false, false, false, false, false, true];
        let ordinary = [false, false, true, true, true, false];
        let config = TrainConfig {
            max_false_positive_rate: 0.0,
            ..TrainConfig::default()
        };
        let (threshold, metrics) =
            sensitive_threshold(&probabilities, &labels, &ordinary, 1, &config);
        assert!((threshold - 0.85).abs() < 1e-6, "{threshold}");
        assert!((metrics.recall - 1.0).abs() < 1e-12);
        assert!(metrics.non_sensitive_false_positive_rate.abs() < 1e-12);
        assert!(
            (metrics.false_positive_rate - 0.2).abs() < 1e-9,
            "{metrics:?}"
        );
    }
}
