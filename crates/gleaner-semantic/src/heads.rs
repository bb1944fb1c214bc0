//! [`SemanticHeads`]: what the semantic tier computes on top of the encoder.
//!
//! - **Features.** Per chunk, the mean-pooled, L2-normalized hidden states
//!   after a few encoder layers ([`HeadsFile::layers`], 1-based, the model's
//!   last layer last), concatenated: `384 × layers` floats. The last 384
//!   are the plain sentence embedding.
//! - **Sensitive net.** One small multi-label network on the whole feature
//!   vector: a hidden `ReLU` layer, then one sigmoid output per sensitive
//!   category plus one "any sensitive category" output. A chunk is flagged
//!   when the any-output or a category output crosses its threshold; the
//!   categories named are those over their own thresholds, or the
//!   best-scoring one when only the any-output fired (the policy drops a
//!   conversation under every category, so which one is named changes the
//!   explanation, never the decision).
//! - **Topic heads.** One logistic regression per taxonomy root, on the
//!   plain embedding (384 weights) or on the whole feature vector (one
//!   weight per feature). With a fine-tuned encoder ([`EncoderDelta`]),
//!   `scripts/finetune` pools layer 8, which its delta leaves as the base
//!   model computes it, beside the tuned layer 12: the tuning sharpens the
//!   sensitive categories and blurs topics, and the two together classify
//!   topics better than either alone.
//! - **Encoder delta.** Optional low-rank changes to the top layers, merged
//!   into the encoder's weights at load (`scripts/finetune` trains them).
//!
//! Thresholds are chosen at training time ([`crate::train`] for heads on the
//! frozen encoder, `scripts/finetune/train.py` for the fine-tuned one). The trained
//! heads live in `data/heads.json` (the net's first layer as base64
//! little-endian f32), are compiled into the binary and parsed once
//! ([`SemanticHeads::embedded`]).

use std::sync::OnceLock;

use base64::Engine as _;
use gleaner_core::{SensitiveCategory, TopicId};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::EMBEDDING_DIM;

/// The format tag heads files are written with; files with a tag outside
/// [`ACCEPTED_HEADS_FORMATS`] are refused.
pub const HEADS_FORMAT: &str = "gleaner-heads-3";

/// The tags a heads file may carry: `gleaner-heads-2` (heads on the frozen
/// encoder) and `gleaner-heads-3` (the same, plus an optional
/// [`EncoderDelta`] the encoder is fine-tuned with).
pub const ACCEPTED_HEADS_FORMATS: &[&str] = &["gleaner-heads-2", HEADS_FORMAT];

/// The trained heads shipped with the crate (`data/heads.json`).
pub const EMBEDDED_HEADS_JSON: &str = include_str!("../data/heads.json");

/// Why a heads file could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HeadsError {
    /// The file is not valid JSON for the heads format.
    #[error("heads file is not valid: {0}")]
    Parse(#[from] serde_json::Error),
    /// The file has another format tag.
    #[error("heads file has format `{found}`, expected `{HEADS_FORMAT}`")]
    Format {
        /// The tag found.
        found: String,
    },
    /// A weight array has the wrong length.
    #[error("`{field}` has {found} values, expected {expected}")]
    Dimension {
        /// The array's name.
        field: String,
        /// How many values it has.
        found: usize,
        /// How many it should have.
        expected: usize,
    },
    /// The first layer's weights are not valid base64.
    #[error("`sensitive.hidden_weights` is not valid base64: {0}")]
    Encoding(#[from] base64::DecodeError),
    /// The layer list is empty, not increasing or starts at 0.
    #[error("`layers` must be increasing 1-based layer numbers, found {0:?}")]
    Layers(Vec<usize>),
    /// The net names no category output (not trained yet).
    #[error("heads file holds no trained sensitive net; run `gleaner train`")]
    Untrained,
    /// The encoder delta names a layer twice, out of order, or below its
    /// `first_layer`.
    #[error("`encoder_delta` layer {0} is out of order or below `first_layer`")]
    DeltaLayer(usize),
}

/// One binary logistic-regression head on the plain embedding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Head {
    /// One weight per embedding dimension.
    pub weights: Vec<f32>,
    /// The bias.
    pub bias: f32,
    /// Flag when the probability is at least this.
    pub threshold: f32,
}

impl Head {
    /// The head's probability for one embedding.
    pub fn probability(&self, embedding: &[f32]) -> f32 {
        sigmoid(dot(&self.weights, embedding) + self.bias)
    }

    /// Whether `probability` crosses the threshold.
    pub fn fires(&self, probability: f32) -> bool {
        probability >= self.threshold
    }
}

fn dot(left: &[f32], right: &[f32]) -> f32 {
    left.iter().zip(right).map(|(a, b)| a * b).sum()
}

/// The logistic function.
pub fn sigmoid(logit: f32) -> f32 {
    1.0 / (1.0 + (-logit).exp())
}

/// One output of the sensitive net: its threshold and validation numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetOutput {
    /// The category it detects; `None` for the any-category output.
    pub category: Option<SensitiveCategory>,
    /// Flag when the probability is at least this.
    pub threshold: f32,
    /// Validation metrics recorded at training time.
    #[serde(default)]
    pub validation: HeadValidation,
}

/// The multi-label sensitive net as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitiveNet {
    /// Hidden units.
    pub hidden: usize,
    /// First layer, `hidden × features` row-major, base64 of little-endian
    /// f32.
    pub hidden_weights: String,
    /// First layer bias, one per hidden unit.
    pub hidden_bias: Vec<f32>,
    /// Output layer, `outputs × hidden` row-major.
    pub output_weights: Vec<f32>,
    /// Output bias, one per output.
    pub output_bias: Vec<f32>,
    /// The outputs in order: one per category, then the any-category one.
    pub outputs: Vec<NetOutput>,
}

impl SensitiveNet {
    /// Encodes first-layer weights for [`Self::hidden_weights`].
    pub fn encode_weights(weights: &[f32]) -> String {
        let bytes: Vec<u8> = weights
            .iter()
            .flat_map(|value| value.to_le_bytes())
            .collect();
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    /// Decodes [`Self::hidden_weights`].
    pub fn decode_weights(&self) -> Result<Vec<f32>, HeadsError> {
        decode_f32("sensitive.hidden_weights", &self.hidden_weights)
    }
}

/// A taxonomy-root head with its validation numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicHead {
    /// The root topic it scores.
    pub topic: TopicId,
    /// The root's name, for readers of the file.
    #[serde(default)]
    pub name: String,
    /// The head.
    #[serde(flatten)]
    pub head: Head,
    /// Validation metrics recorded at training time.
    #[serde(default)]
    pub validation: HeadValidation,
}

/// What a head achieved on the validation split at its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct HeadValidation {
    /// Training positives (items).
    pub train_positives: usize,
    /// Validation positives (items).
    pub positives: usize,
    /// Validation negatives (items).
    pub negatives: usize,
    /// Recall at the threshold.
    pub recall: f64,
    /// Share of validation negatives flagged at the threshold.
    pub false_positive_rate: f64,
    /// Share of ordinary validation items (no sensitive label, not a hard
    /// negative) flagged (sensitive outputs only).
    #[serde(default)]
    pub non_sensitive_false_positive_rate: f64,
    /// Precision at the threshold.
    pub precision: f64,
    /// F1 at the threshold.
    pub f1: f64,
}

/// How the heads were trained, for readers of the file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TrainingInfo {
    /// The seed of the validation split, initialization and batch order.
    pub seed: u64,
    /// Training items used (after the validation split).
    pub train_items: usize,
    /// Training rows the sensitive net learned from (a single-turn item's
    /// turn, a multi-turn item's joined turns, each turn of a non-sensitive
    /// multi-turn item; the topic heads use the first two).
    #[serde(default)]
    pub train_rows: usize,
    /// Validation items.
    pub validation_items: usize,
    /// Data set files, as given to `gleaner train`.
    pub datasets: Vec<String>,
    /// Full-batch Adam steps per topic head.
    pub steps: usize,
    /// L2 penalty of the topic heads.
    pub l2: f64,
    /// Epochs of the sensitive net.
    #[serde(default)]
    pub net_epochs: usize,
    /// L2 penalty of the sensitive net.
    #[serde(default)]
    pub net_l2: f64,
    /// Independently seeded nets averaged (by logit) into the sensitive
    /// net; its hidden layer is theirs side by side.
    #[serde(default)]
    pub net_members: usize,
    /// Recall target of the sensitive thresholds.
    pub recall_target: f64,
    /// Budget of ordinary validation items one sensitive output may flag.
    #[serde(default)]
    pub max_false_positive_rate: f64,
}

/// The on-disk form of the heads (`data/heads.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadsFile {
    /// Always [`HEADS_FORMAT`].
    pub format: String,
    /// The encoder the heads were trained on.
    pub model: String,
    /// The encoder layers (1-based) whose pooled states make the features,
    /// the model's last layer last.
    pub layers: Vec<usize>,
    /// How they were trained.
    #[serde(default)]
    pub training: TrainingInfo,
    /// The sensitive net.
    pub sensitive: SensitiveNet,
    /// One head per taxonomy root.
    pub topics: Vec<TopicHead>,
    /// Low-rank changes to the encoder's top layers learned with the heads
    /// (`scripts/finetune`); the encoder adds them to its weights at load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoder_delta: Option<EncoderDelta>,
}

/// One adapted matrix: `ΔW = B · A · scale`, with `A` `rank × in` and `B`
/// `out × rank`, each base64 of little-endian f32, row-major.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LowRankDelta {
    /// `A`, `rank × in`.
    pub a: String,
    /// `B`, `out × rank`.
    pub b: String,
}

/// The changes to one encoder layer (0-based `layer`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayerDelta {
    /// The layer, 0-based.
    pub layer: usize,
    /// Query projection.
    pub q: LowRankDelta,
    /// Key projection.
    pub k: LowRankDelta,
    /// Value projection.
    pub v: LowRankDelta,
    /// Attention output projection.
    pub ao: LowRankDelta,
    /// Feed-forward input (`inner × hidden`, 1536 × 384 for e5-small).
    pub fi: LowRankDelta,
    /// Feed-forward output (`hidden × inner`).
    pub fo: LowRankDelta,
    /// The attention layer norm's new weight and bias (replace the model's).
    pub aln_w: Vec<f32>,
    /// See `aln_w`.
    pub aln_b: Vec<f32>,
    /// The output layer norm's new weight and bias (replace the model's).
    pub oln_w: Vec<f32>,
    /// See `oln_w`.
    pub oln_b: Vec<f32>,
}

/// Fine-tuned changes to the encoder's top layers (`LoRA` adapters and layer
/// norms), merged into the weights when the classifier is built so
/// inference costs no more than with the plain model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EncoderDelta {
    /// The lowest adapted layer, 0-based; layers below run unchanged.
    pub first_layer: usize,
    /// The adapters' rank.
    pub rank: usize,
    /// The adapters' scale (`alpha / rank`).
    pub scale: f32,
    /// One entry per adapted layer, in increasing order.
    pub layers: Vec<LayerDelta>,
}

/// One decoded matrix change, ready to add: `out × in` row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedMatrix {
    /// `A`, `rank × in`.
    pub a: Vec<f32>,
    /// `B`, `out × rank`.
    pub b: Vec<f32>,
    /// Rows of `ΔW`.
    pub out_features: usize,
    /// Columns of `ΔW`.
    pub in_features: usize,
}

/// One decoded layer change.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedLayerDelta {
    /// The layer, 0-based.
    pub layer: usize,
    /// `q k v ao fi fo`, in that order.
    pub matrices: [DecodedMatrix; 6],
    /// Attention layer norm (weight, bias).
    pub attention_norm: (Vec<f32>, Vec<f32>),
    /// Output layer norm (weight, bias).
    pub output_norm: (Vec<f32>, Vec<f32>),
}

/// A decoded [`EncoderDelta`].
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedDelta {
    /// The adapters' rank.
    pub rank: usize,
    /// The adapters' scale.
    pub scale: f32,
    /// The layers.
    pub layers: Vec<DecodedLayerDelta>,
    /// A short digest of the delta, so caches keyed by it never mix models.
    pub digest: String,
}

fn decode_f32(field: &str, text: &str) -> Result<Vec<f32>, HeadsError> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(text)?;
    if bytes.len() % 4 != 0 {
        return Err(HeadsError::Dimension {
            field: format!("{field} (bytes)"),
            found: bytes.len(),
            expected: bytes.len() / 4 * 4,
        });
    }
    Ok(bytes
        .chunks_exact(4)
        .map(|raw| f32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]))
        .collect())
}

fn check_dimension(field: String, found: usize, expected: usize) -> Result<(), HeadsError> {
    if found == expected {
        Ok(())
    } else {
        Err(HeadsError::Dimension {
            field,
            found,
            expected,
        })
    }
}

impl EncoderDelta {
    /// Decodes and checks every array: `q k v ao` are `hidden × hidden`,
    /// `fi` is `inner × hidden` and `fo` `hidden × inner` for one `inner`
    /// (the encoder checks `inner` against its own shape when it applies
    /// the delta).
    pub fn decode(&self, hidden: usize) -> Result<DecodedDelta, HeadsError> {
        let mut previous: Option<usize> = None;
        let mut layers = Vec::with_capacity(self.layers.len());
        let rank = self.rank.max(1);
        for layer in &self.layers {
            if layer.layer < self.first_layer || previous.is_some_and(|p| p >= layer.layer) {
                return Err(HeadsError::DeltaLayer(layer.layer));
            }
            previous = Some(layer.layer);
            let field = |name: &str, part: &str| {
                format!("encoder_delta.layers[{}].{name}.{part}", layer.layer)
            };
            let fi_b = decode_f32(&field("fi", "b"), &layer.fi.b)?;
            let inner = fi_b.len() / rank;
            let shapes = [
                ("q", &layer.q, hidden, hidden),
                ("k", &layer.k, hidden, hidden),
                ("v", &layer.v, hidden, hidden),
                ("ao", &layer.ao, hidden, hidden),
                ("fi", &layer.fi, inner, hidden),
                ("fo", &layer.fo, hidden, inner),
            ];
            let mut matrices = Vec::with_capacity(6);
            for (name, delta, out_features, in_features) in shapes {
                let a = decode_f32(&field(name, "a"), &delta.a)?;
                let b = decode_f32(&field(name, "b"), &delta.b)?;
                check_dimension(field(name, "a"), a.len(), self.rank * in_features)?;
                check_dimension(field(name, "b"), b.len(), out_features * self.rank)?;
                matrices.push(DecodedMatrix {
                    a,
                    b,
                    out_features,
                    in_features,
                });
            }
            for (name, values) in [
                ("aln_w", &layer.aln_w),
                ("aln_b", &layer.aln_b),
                ("oln_w", &layer.oln_w),
                ("oln_b", &layer.oln_b),
            ] {
                check_dimension(
                    format!("encoder_delta.layers[{}].{name}", layer.layer),
                    values.len(),
                    hidden,
                )?;
            }
            let matrices: [DecodedMatrix; 6] = matrices
                .try_into()
                .expect("six matrices per layer, pushed above");
            layers.push(DecodedLayerDelta {
                layer: layer.layer,
                matrices,
                attention_norm: (layer.aln_w.clone(), layer.aln_b.clone()),
                output_norm: (layer.oln_w.clone(), layer.oln_b.clone()),
            });
        }
        let serialized = serde_json::to_vec(self)?;
        let digest = Sha256::digest(&serialized);
        let digest = digest[..6]
            .iter()
            .fold(String::with_capacity(12), |mut text, byte| {
                use std::fmt::Write as _;
                let _infallible = write!(text, "{byte:02x}");
                text
            });
        Ok(DecodedDelta {
            rank: self.rank,
            scale: self.scale,
            layers,
            digest,
        })
    }
}

/// What the sensitive net found in one chunk.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitiveScores {
    /// The any-category probability.
    pub any: f32,
    /// Each category's probability, in file order.
    pub categories: Vec<(SensitiveCategory, f32)>,
}

/// Trained heads, ready to score feature vectors.
#[derive(Debug, Clone, PartialEq)]
pub struct SemanticHeads {
    file: HeadsFile,
    /// The decoded encoder delta, when the file has one.
    delta: Option<DecodedDelta>,
    /// The decoded first layer, `hidden × features`.
    hidden_weights: Vec<f32>,
    /// Index of the any-category output.
    any_output: usize,
}

impl SemanticHeads {
    /// Parses and checks a heads file.
    pub fn from_json(text: &str) -> Result<Self, HeadsError> {
        let file: HeadsFile = serde_json::from_str(text)?;
        Self::from_file(file)
    }

    /// Checks a parsed heads file.
    pub fn from_file(file: HeadsFile) -> Result<Self, HeadsError> {
        if !ACCEPTED_HEADS_FORMATS.contains(&file.format.as_str()) {
            return Err(HeadsError::Format {
                found: file.format.clone(),
            });
        }
        let layers = &file.layers;
        if layers.is_empty() || layers[0] == 0 || layers.windows(2).any(|pair| pair[0] >= pair[1]) {
            return Err(HeadsError::Layers(layers.clone()));
        }
        let net = &file.sensitive;
        let categories = net
            .outputs
            .iter()
            .filter(|output| output.category.is_some())
            .count();
        let any_output = net
            .outputs
            .iter()
            .position(|output| output.category.is_none());
        let Some(any_output) = any_output.filter(|_| categories > 0) else {
            return Err(HeadsError::Untrained);
        };
        let features = EMBEDDING_DIM * layers.len();
        let hidden_weights = net.decode_weights()?;
        let outputs = net.outputs.len();
        let checks = [
            (
                "sensitive.hidden_weights",
                hidden_weights.len(),
                net.hidden * features,
            ),
            ("sensitive.hidden_bias", net.hidden_bias.len(), net.hidden),
            (
                "sensitive.output_weights",
                net.output_weights.len(),
                outputs * net.hidden,
            ),
            ("sensitive.output_bias", net.output_bias.len(), outputs),
        ];
        let topic_checks = file.topics.iter().map(|head| {
            let found = head.head.weights.len();
            // A topic head reads the last layer's embedding or every feature.
            let expected = if found == features {
                features
            } else {
                EMBEDDING_DIM
            };
            ("topic weights", found, expected)
        });
        for (field, found, expected) in checks.into_iter().chain(topic_checks) {
            if found != expected {
                return Err(HeadsError::Dimension {
                    field: field.to_owned(),
                    found,
                    expected,
                });
            }
        }
        let delta = file
            .encoder_delta
            .as_ref()
            .map(|delta| delta.decode(EMBEDDING_DIM))
            .transpose()?;
        Ok(Self {
            file,
            delta,
            hidden_weights,
            any_output,
        })
    }

    /// The heads compiled into the crate, parsed on first use.
    pub fn embedded() -> Result<&'static SemanticHeads, &'static HeadsError> {
        static EMBEDDED: OnceLock<Result<SemanticHeads, HeadsError>> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| SemanticHeads::from_json(EMBEDDED_HEADS_JSON))
            .as_ref()
    }

    /// The parsed file.
    pub fn file(&self) -> &HeadsFile {
        &self.file
    }

    /// The encoder layers the features are pooled after (1-based).
    pub fn layers(&self) -> &[usize] {
        &self.file.layers
    }

    /// Floats in one feature vector.
    pub fn feature_len(&self) -> usize {
        EMBEDDING_DIM * self.file.layers.len()
    }

    /// The fine-tuned encoder delta, when the heads carry one.
    pub fn encoder_delta(&self) -> Option<&DecodedDelta> {
        self.delta.as_ref()
    }

    /// A short name of the feature layout (`layers-8-10-12`, with
    /// `+delta-<digest>` when the encoder is fine-tuned), for cache keys.
    pub fn feature_layout(&self) -> String {
        let layers: Vec<String> = self.file.layers.iter().map(usize::to_string).collect();
        match &self.delta {
            Some(delta) => format!("layers-{}+delta-{}", layers.join("-"), delta.digest),
            None => format!("layers-{}", layers.join("-")),
        }
    }

    /// The sensitive net's outputs.
    pub fn sensitive_outputs(&self) -> &[NetOutput] {
        &self.file.sensitive.outputs
    }

    /// The any-category output.
    pub fn any_output(&self) -> &NetOutput {
        &self.file.sensitive.outputs[self.any_output]
    }

    /// The topic heads.
    pub fn topic_heads(&self) -> &[TopicHead] {
        &self.file.topics
    }

    /// The plain embedding inside a feature vector (its last 384 floats).
    pub fn embedding_of<'f>(&self, features: &'f [f32]) -> &'f [f32] {
        &features[features.len().saturating_sub(EMBEDDING_DIM)..]
    }

    /// The sensitive net's probabilities for one feature vector.
    pub fn sensitive_scores(&self, features: &[f32]) -> SensitiveScores {
        let net = &self.file.sensitive;
        let width = self.feature_len();
        let hidden: Vec<f32> = self
            .hidden_weights
            .chunks_exact(width)
            .zip(&net.hidden_bias)
            .map(|(row, bias)| (dot(row, features) + bias).max(0.0))
            .collect();
        let mut any = 0.0;
        let mut categories = Vec::with_capacity(net.outputs.len());
        for ((output, row), bias) in net
            .outputs
            .iter()
            .zip(net.output_weights.chunks_exact(net.hidden))
            .zip(&net.output_bias)
        {
            let probability = sigmoid(dot(row, &hidden) + bias);
            match output.category {
                Some(category) => categories.push((category, probability)),
                None => any = probability,
            }
        }
        SensitiveScores { any, categories }
    }

    /// The categories one chunk is flagged under, with their scores: those
    /// over their own thresholds, or, when only the any-output fired, the
    /// best-scoring category (scored with the any-probability). Empty when
    /// nothing fired.
    pub fn flagged(&self, scores: &SensitiveScores) -> Vec<(SensitiveCategory, f32)> {
        let thresholds = self
            .file
            .sensitive
            .outputs
            .iter()
            .filter_map(|output| output.category.map(|c| (c, output.threshold)));
        let mut flagged: Vec<(SensitiveCategory, f32)> = scores
            .categories
            .iter()
            .zip(thresholds)
            .filter(|((_, probability), (_, threshold))| probability >= threshold)
            .map(|(scored, _)| *scored)
            .collect();
        if flagged.is_empty() && scores.any >= self.any_output().threshold {
            if let Some(&(category, _)) = scores
                .categories
                .iter()
                .max_by(|left, right| left.1.total_cmp(&right.1))
            {
                flagged.push((category, scores.any));
            }
        }
        flagged
    }

    /// Every topic head's probability for one feature vector, in file order.
    pub fn topic_scores(&self, features: &[f32]) -> Vec<(TopicId, f32)> {
        let embedding = self.embedding_of(features);
        self.file
            .topics
            .iter()
            .map(|head| {
                let input = if head.head.weights.len() == features.len() {
                    features
                } else {
                    embedding
                };
                (head.topic, head.head.probability(input))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(dimension: usize, length: usize) -> Vec<f32> {
        let mut vector = vec![0.0; length];
        vector[dimension] = 1.0;
        vector
    }

    #[test]
    fn embedded_heads_load_and_score_every_category_and_root() {
        let heads = SemanticHeads::embedded().expect("data/heads.json loads");
        assert!(ACCEPTED_HEADS_FORMATS.contains(&heads.file().format.as_str()));
        assert_eq!(heads.layers().last(), Some(&12));
        let features = unit(0, heads.feature_len());
        let scores = heads.sensitive_scores(&features);
        assert_eq!(scores.categories.len(), SensitiveCategory::ALL.len());
        for category in SensitiveCategory::ALL {
            assert!(scores
                .categories
                .iter()
                .any(|(found, _)| *found == category));
        }
        let topics = heads.topic_scores(&features);
        assert_eq!(topics.len(), 25);
        let mut roots: Vec<u32> = topics.iter().map(|(topic, _)| topic.0).collect();
        roots.sort_unstable();
        assert_eq!(roots, (1..=25).collect::<Vec<u32>>());
        let probabilities = scores
            .categories
            .iter()
            .map(|(_, p)| p)
            .chain([&scores.any])
            .chain(topics.iter().map(|(_, p)| p));
        for probability in probabilities {
            assert!((0.0..=1.0).contains(probability));
        }
    }

    #[test]
    fn wrong_format_layers_and_dimensions_are_refused() {
        let good = SemanticHeads::embedded().unwrap().file().clone();
        let mut file = good.clone();
        file.format = "gleaner-heads-1".to_owned();
        assert!(matches!(
            SemanticHeads::from_file(file),
            Err(HeadsError::Format { .. })
        ));
        let mut file = good.clone();
        file.layers = vec![10, 8, 12];
        assert!(matches!(
            SemanticHeads::from_file(file),
            Err(HeadsError::Layers(_))
        ));
        let mut file = good.clone();
        file.layers.pop();
        assert!(matches!(
            SemanticHeads::from_file(file),
            Err(HeadsError::Dimension { .. })
        ));
        let mut file = good.clone();
        file.topics[0].head.weights.pop();
        assert!(matches!(
            SemanticHeads::from_file(file),
            Err(HeadsError::Dimension { .. })
        ));
        let mut file = good.clone();
        file.sensitive.hidden_weights.push('!');
        assert!(matches!(
            SemanticHeads::from_file(file),
            Err(HeadsError::Encoding(_))
        ));
        let mut file = good;
        file.sensitive
            .outputs
            .retain(|output| output.category.is_none());
        assert!(matches!(
            SemanticHeads::from_file(file),
            Err(HeadsError::Untrained)
        ));
    }

    /// A net over one 384-float layer whose hidden unit `i` copies feature
    /// `i`, and whose output `j` reads hidden unit `j`.
    fn copy_net(any_threshold: f32) -> SemanticHeads {
        let categories = [SensitiveCategory::Religion, SensitiveCategory::Health];
        let hidden = 3;
        let mut weights = vec![0.0f32; hidden * EMBEDDING_DIM];
        for unit in 0..hidden {
            weights[unit * EMBEDDING_DIM + unit] = 10.0;
        }
        let mut outputs: Vec<NetOutput> = categories
            .iter()
            .map(|category| NetOutput {
                category: Some(*category),
                threshold: 0.9,
                validation: HeadValidation::default(),
            })
            .collect();
        outputs.push(NetOutput {
            category: None,
            threshold: any_threshold,
            validation: HeadValidation::default(),
        });
        let mut output_weights = vec![0.0f32; outputs.len() * hidden];
        for output in 0..outputs.len() {
            output_weights[output * hidden + output] = 1.0;
        }
        SemanticHeads::from_file(HeadsFile {
            format: HEADS_FORMAT.to_owned(),
            model: "test".to_owned(),
            layers: vec![1],
            training: TrainingInfo::default(),
            sensitive: SensitiveNet {
                hidden,
                hidden_weights: SensitiveNet::encode_weights(&weights),
                hidden_bias: vec![0.0; hidden],
                output_weights,
                output_bias: vec![-2.0; 3],
                outputs,
            },
            topics: Vec::new(),
            encoder_delta: None,
        })
        .expect("valid net")
    }

    fn low_rank(rank: usize, out_features: usize, in_features: usize) -> LowRankDelta {
        LowRankDelta {
            a: SensitiveNet::encode_weights(&vec![0.5; rank * in_features]),
            b: SensitiveNet::encode_weights(&vec![0.25; out_features * rank]),
        }
    }

    fn small_delta(layers: &[usize]) -> EncoderDelta {
        let (hidden, inner, rank) = (EMBEDDING_DIM, 8, 2);
        EncoderDelta {
            first_layer: 2,
            rank,
            scale: 1.0,
            layers: layers
                .iter()
                .map(|&layer| LayerDelta {
                    layer,
                    q: low_rank(rank, hidden, hidden),
                    k: low_rank(rank, hidden, hidden),
                    v: low_rank(rank, hidden, hidden),
                    ao: low_rank(rank, hidden, hidden),
                    fi: low_rank(rank, inner, hidden),
                    fo: low_rank(rank, hidden, inner),
                    aln_w: vec![1.0; hidden],
                    aln_b: vec![0.0; hidden],
                    oln_w: vec![1.0; hidden],
                    oln_b: vec![0.0; hidden],
                })
                .collect(),
        }
    }

    #[test]
    fn an_encoder_delta_is_decoded_checked_and_keys_the_feature_layout() {
        let mut file = SemanticHeads::embedded()
            .expect("heads load")
            .file()
            .clone();
        file.encoder_delta = None;
        let plain = SemanticHeads::from_file(file.clone()).expect("heads without a delta");
        file.encoder_delta = Some(small_delta(&[2, 3]));
        let tuned = SemanticHeads::from_file(file.clone()).expect("valid delta");
        let delta = tuned.encoder_delta().expect("decoded");
        assert_eq!(delta.layers.len(), 2);
        assert_eq!(delta.layers[0].matrices[4].out_features, 8);
        assert_eq!(delta.layers[0].matrices[5].in_features, 8);
        assert!(plain.encoder_delta().is_none());
        assert_ne!(tuned.feature_layout(), plain.feature_layout());
        assert!(tuned.feature_layout().starts_with(&plain.feature_layout()));
        let mut other = file.clone();
        if let Some(delta) = other.encoder_delta.as_mut() {
            delta.scale = 2.0;
        }
        let other = SemanticHeads::from_file(other).expect("valid delta");
        assert_ne!(
            other.feature_layout(),
            tuned.feature_layout(),
            "digest covers the values"
        );

        for layers in [&[3, 2][..], &[1][..], &[2, 2][..]] {
            let mut bad = file.clone();
            bad.encoder_delta = Some(small_delta(layers));
            assert!(
                matches!(
                    SemanticHeads::from_file(bad),
                    Err(HeadsError::DeltaLayer(_))
                ),
                "{layers:?}"
            );
        }
        let mut bad = file.clone();
        if let Some(delta) = bad.encoder_delta.as_mut() {
            delta.layers[1].k.a = SensitiveNet::encode_weights(&[0.5; 7]);
        }
        match SemanticHeads::from_file(bad) {
            Err(HeadsError::Dimension { field, found, .. }) => {
                assert_eq!(field, "encoder_delta.layers[3].k.a");
                assert_eq!(found, 7);
            }
            other => panic!("expected a dimension error, got {other:?}"),
        }
        let mut bad = file;
        if let Some(delta) = bad.encoder_delta.as_mut() {
            delta.layers[0].oln_b.pop();
        }
        assert!(matches!(
            SemanticHeads::from_file(bad),
            Err(HeadsError::Dimension { .. })
        ));
    }

    #[test]
    fn the_net_is_relu_then_sigmoid_and_weights_round_trip_base64() {
        let heads = copy_net(0.5);
        let mut features = vec![0.0f32; EMBEDDING_DIM];
        features[1] = 0.5; // health: hidden 5, logit 3
        features[2] = -1.0; // any: relu cuts it to 0, logit -2
        let scores = heads.sensitive_scores(&features);
        assert!((scores.categories[0].1 - sigmoid(-2.0)).abs() < 1e-6);
        assert!((scores.categories[1].1 - sigmoid(3.0)).abs() < 1e-6);
        assert!((scores.any - sigmoid(-2.0)).abs() < 1e-6);
        assert_eq!(
            heads.flagged(&scores),
            vec![(SensitiveCategory::Health, sigmoid(3.0))]
        );
        let weights = [1.5f32, -0.25, f32::MIN_POSITIVE];
        let net = SensitiveNet {
            hidden_weights: SensitiveNet::encode_weights(&weights),
            ..heads.file().sensitive.clone()
        };
        assert_eq!(net.decode_weights().unwrap(), weights);
    }

    #[test]
    fn the_any_output_alone_names_the_best_scoring_category() {
        let heads = copy_net(0.6);
        let mut features = vec![0.0f32; EMBEDDING_DIM];
        features[0] = 0.25; // religion: logit 0.5, under its 0.9
        features[2] = 0.3; // any: logit 1.0 -> 0.73, over 0.6
        let scores = heads.sensitive_scores(&features);
        assert_eq!(
            heads.flagged(&scores),
            vec![(SensitiveCategory::Religion, scores.any)]
        );
        features[2] = 0.0; // any: logit -2 -> nothing fires
        assert!(heads.flagged(&heads.sensitive_scores(&features)).is_empty());
    }

    #[test]
    fn topic_heads_read_the_last_layer_or_every_feature() {
        let mut file = SemanticHeads::embedded().unwrap().file().clone();
        file.encoder_delta = None;
        let width = EMBEDDING_DIM * file.layers.len();
        assert!(
            width > EMBEDDING_DIM,
            "the shipped heads pool more than one layer"
        );
        file.topics[0].head.weights = (0..width).map(|i| i as f32 * 1e-3).collect();
        file.topics[1].head.weights = (0..EMBEDDING_DIM).map(|i| i as f32 * 1e-3).collect();
        let heads = SemanticHeads::from_file(file).expect("both widths are valid");
        let mut features = vec![0.0f32; width];
        features[3] = 1.0; // first pooled layer
        features[width - EMBEDDING_DIM + 5] = 1.0; // last pooled layer
        let scores = heads.topic_scores(&features);
        let wide = &heads.topic_heads()[0].head;
        let narrow = &heads.topic_heads()[1].head;
        let expected_wide =
            sigmoid(wide.weights[3] + wide.weights[width - EMBEDDING_DIM + 5] + wide.bias);
        let expected_narrow = sigmoid(narrow.weights[5] + narrow.bias);
        assert!(
            (scores[0].1 - expected_wide).abs() < 1e-6,
            "a full-width head reads every feature"
        );
        assert!(
            (scores[1].1 - expected_narrow).abs() < 1e-6,
            "a 384-wide head reads the last layer"
        );
        let layers: Vec<String> = heads.layers().iter().map(usize::to_string).collect();
        assert_eq!(
            heads.feature_layout(),
            format!("layers-{}", layers.join("-"))
        );
    }
}
