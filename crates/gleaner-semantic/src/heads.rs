//! [`SemanticHeads`]: logistic-regression heads on top of the 384-float
//! embeddings, one per sensitive category and one per taxonomy root.
//!
//! A head is `sigmoid(w · e + b)` with a decision threshold chosen at
//! training time (recall-first for sensitive categories, F1 for topics; see
//! [`crate::train`]). The trained heads live in `data/heads.json`, are
//! compiled into the binary and parsed once ([`SemanticHeads::embedded`]).

use std::sync::OnceLock;

use gleaner_core::{SensitiveCategory, TopicId};
use serde::{Deserialize, Serialize};

use crate::EMBEDDING_DIM;

/// The format tag every heads file carries; files with another tag are refused.
pub const HEADS_FORMAT: &str = "gleaner-heads-1";

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
    /// A head has the wrong number of weights.
    #[error("head `{head}` has {found} weights, expected {EMBEDDING_DIM}")]
    Dimension {
        /// The head's name.
        head: String,
        /// How many weights it has.
        found: usize,
    },
    /// The file holds no sensitive head (not trained yet).
    #[error("heads file holds no trained sensitive head; run `gleaner train`")]
    Untrained,
}

/// One binary logistic-regression head.
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
    pub fn probability(&self, embedding: &[f32; EMBEDDING_DIM]) -> f32 {
        let logit: f32 = self
            .weights
            .iter()
            .zip(embedding)
            .map(|(weight, value)| weight * value)
            .sum::<f32>()
            + self.bias;
        sigmoid(logit)
    }

    /// Whether `probability` crosses the threshold.
    pub fn fires(&self, probability: f32) -> bool {
        probability >= self.threshold
    }
}

/// The logistic function.
pub fn sigmoid(logit: f32) -> f32 {
    1.0 / (1.0 + (-logit).exp())
}

/// A sensitive-category head with its validation numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitiveHead {
    /// The category it detects.
    pub category: SensitiveCategory,
    /// The head.
    #[serde(flatten)]
    pub head: Head,
    /// Validation metrics recorded at training time.
    #[serde(default)]
    pub validation: HeadValidation,
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
    /// Training positives.
    pub train_positives: usize,
    /// Validation positives.
    pub positives: usize,
    /// Validation negatives.
    pub negatives: usize,
    /// Recall at the threshold.
    pub recall: f64,
    /// Share of validation negatives flagged at the threshold.
    pub false_positive_rate: f64,
    /// Share of validation items with no sensitive label flagged (sensitive
    /// heads only).
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
    /// The seed of the validation split and of initialization.
    pub seed: u64,
    /// Training items used (after the validation split).
    pub train_items: usize,
    /// Validation items.
    pub validation_items: usize,
    /// Data set files, as given to `gleaner train`.
    pub datasets: Vec<String>,
    /// Optimizer steps per head.
    pub steps: usize,
    /// L2 penalty.
    pub l2: f64,
    /// Recall target of the sensitive thresholds.
    pub recall_target: f64,
    /// Budget of non-sensitive validation items one sensitive head may flag.
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
    /// How they were trained.
    #[serde(default)]
    pub training: TrainingInfo,
    /// One head per sensitive category.
    pub sensitive: Vec<SensitiveHead>,
    /// One head per taxonomy root.
    pub topics: Vec<TopicHead>,
}

/// Every head's probability: per sensitive category, then per root topic.
pub type HeadScores = (Vec<(SensitiveCategory, f32)>, Vec<(TopicId, f32)>);

/// Trained heads, ready to score embeddings.
#[derive(Debug, Clone, PartialEq)]
pub struct SemanticHeads {
    file: HeadsFile,
}

impl SemanticHeads {
    /// Parses and checks a heads file.
    pub fn from_json(text: &str) -> Result<Self, HeadsError> {
        let file: HeadsFile = serde_json::from_str(text)?;
        Self::from_file(file)
    }

    /// Checks a parsed heads file.
    pub fn from_file(file: HeadsFile) -> Result<Self, HeadsError> {
        if file.format != HEADS_FORMAT {
            return Err(HeadsError::Format {
                found: file.format.clone(),
            });
        }
        if file.sensitive.is_empty() {
            return Err(HeadsError::Untrained);
        }
        let heads = file
            .sensitive
            .iter()
            .map(|head| (head.category.as_str().to_owned(), &head.head))
            .chain(
                file.topics
                    .iter()
                    .map(|head| (format!("topic {}", head.topic.0), &head.head)),
            );
        for (name, head) in heads {
            if head.weights.len() != EMBEDDING_DIM {
                return Err(HeadsError::Dimension {
                    head: name,
                    found: head.weights.len(),
                });
            }
        }
        Ok(Self { file })
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

    /// The sensitive heads.
    pub fn sensitive_heads(&self) -> &[SensitiveHead] {
        &self.file.sensitive
    }

    /// The topic heads.
    pub fn topic_heads(&self) -> &[TopicHead] {
        &self.file.topics
    }

    /// Every head's probability for one embedding: sensitive categories in
    /// file order, then root topics in file order.
    pub fn score(&self, embedding: &[f32; EMBEDDING_DIM]) -> HeadScores {
        let sensitive = self
            .file
            .sensitive
            .iter()
            .map(|head| (head.category, head.head.probability(embedding)))
            .collect();
        let topics = self
            .file
            .topics
            .iter()
            .map(|head| (head.topic, head.head.probability(embedding)))
            .collect();
        (sensitive, topics)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(dimension: usize) -> [f32; EMBEDDING_DIM] {
        let mut vector = [0.0; EMBEDDING_DIM];
        vector[dimension] = 1.0;
        vector
    }

    #[test]
    fn embedded_heads_load_and_score_every_category_and_root() {
        let heads = SemanticHeads::embedded().expect("data/heads.json loads");
        let (sensitive, topics) = heads.score(&unit(0));
        assert_eq!(sensitive.len(), SensitiveCategory::ALL.len());
        for category in SensitiveCategory::ALL {
            assert!(sensitive.iter().any(|(found, _)| *found == category));
        }
        assert_eq!(topics.len(), 25);
        let mut roots: Vec<u32> = topics.iter().map(|(topic, _)| topic.0).collect();
        roots.sort_unstable();
        assert_eq!(roots, (1..=25).collect::<Vec<u32>>());
        let probabilities = sensitive
            .iter()
            .map(|(_, p)| p)
            .chain(topics.iter().map(|(_, p)| p));
        for probability in probabilities {
            assert!((0.0..=1.0).contains(probability));
        }
        assert_eq!(heads.file().format, HEADS_FORMAT);
    }

    #[test]
    fn wrong_format_and_dimension_are_refused() {
        let mut file = SemanticHeads::embedded().unwrap().file().clone();
        file.format = "other".to_owned();
        assert!(matches!(
            SemanticHeads::from_file(file.clone()),
            Err(HeadsError::Format { .. })
        ));
        file.format = HEADS_FORMAT.to_owned();
        file.sensitive[0].head.weights.pop();
        assert!(matches!(
            SemanticHeads::from_file(file.clone()),
            Err(HeadsError::Dimension { .. })
        ));
        file.sensitive.clear();
        assert!(matches!(
            SemanticHeads::from_file(file),
            Err(HeadsError::Untrained)
        ));
    }

    #[test]
    fn head_probability_is_the_logistic_of_the_dot_product() {
        let mut weights = vec![0.0; EMBEDDING_DIM];
        weights[3] = 2.0;
        let head = Head {
            weights,
            bias: -1.0,
            threshold: 0.5,
        };
        let probability = head.probability(&unit(3));
        assert!((probability - sigmoid(1.0)).abs() < 1e-6);
        assert!(head.fires(probability));
        assert!(!head.fires(head.probability(&unit(4))));
    }
}
