//! The classifier of Gleaner: which sensitive categories (SPEC §4) a
//! conversation touches, and which interest topics it shows.
//!
//! The contract is the [`Classifier`] trait: `classify` is sync, pure and
//! side-effect free, so it can run anywhere (a `spawn_blocking` task, a
//! benchmark, a test) and two calls on the same conversation give the same
//! [`Classification`]. This crate ships the **lexicon tier**,
//! [`LexiconClassifier`]; a model-based tier (embeddings) can be added as a
//! second implementation and combined with it, each result carrying its
//! [`Tier`].
//!
//! **Recall first.** A conversation that touches a sensitive category must
//! never reach a profile, so the sensitive detector flags on any single clear
//! mention in any turn (an incidental `since my MS diagnosis`, an identity
//! statement `as a Sikh man`, a practice `keeping kosher`), and near misses
//! (`Union Station`, `pain au chocolat`) are handled by explicit blockers
//! rather than by raising thresholds. See [`sensitive`].
//!
//! **No text out.** Results hold categories, topic ids and scores only:
//! never a matched phrase, which could reveal what was said. For debugging,
//! [`SensitiveDetector::rule_matches`] gives rule numbers.
//!
//! **Built once.** Building a [`LexiconClassifier`] compiles a few thousand
//! sensitive phrases and ten thousand topic keywords into Aho-Corasick
//! automata (tens of milliseconds); [`LexiconClassifier::embedded`] does it
//! once per process, and clones share the automata.
//!
//! # Layout
//!
//! - [`normalize`]: NFKD, accent and case folding, token boundaries.
//! - `phrase`: phrase markers (weak, case-sensitive, prefix) and the
//!   automata that report every match.
//! - [`sensitive`]: [`SensitiveDetector`], one phrase file per category plus
//!   blockers.
//! - [`topics`]: [`LexiconTopicModel`], keyword evidence spread to ancestors.
//! - [`eval`]: labelled data sets and quality metrics ([`eval::evaluate`]).
//! - [`error`]: the crate's error type, [`ClassifyError`].
#![warn(missing_docs)]

mod cancel;
pub mod error;
pub mod eval;
pub mod normalize;
mod phrase;
pub mod sensitive;
pub mod topics;

use std::sync::OnceLock;

use gleaner_core::{Conversation, SensitiveCategory, TopicId};
use gleaner_taxonomy::Taxonomy;
use serde::{Deserialize, Serialize};

pub use cancel::{Cancel, CancelOnDrop, Cancelled};
pub use error::ClassifyError;
pub use sensitive::{RuleMatch, SensitiveDetector};
pub use topics::{LexiconTopicModel, EMBEDDED_TOPIC_KEYWORDS};

/// Which tier of classifier produced a result (defined in `gleaner-core`
/// because audit records keep it).
pub use gleaner_core::Tier;

/// One sensitive category a conversation touches.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SensitiveHit {
    /// The category.
    pub category: SensitiveCategory,
    /// Confidence in `[0, 1]`.
    pub score: f32,
    /// Which tier found it.
    pub tier: Tier,
}

/// One interest topic a conversation shows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TopicScore {
    /// The topic.
    pub topic: TopicId,
    /// Strength in `[0, 1]`.
    pub score: f32,
    /// Which tier found it.
    pub tier: Tier,
}

/// What a classifier says about one conversation. Holds no text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The sensitive categories touched, highest score first.
    pub sensitive: Vec<SensitiveHit>,
    /// The topics shown, highest score first.
    pub topics: Vec<TopicScore>,
    /// The classifier could not read the conversation (a tier failed on
    /// it): nothing is known to be safe, so it counts as sensitive and the
    /// policy drops it as it drops a conversation that was never
    /// classified (fail closed).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unclassified: bool,
}

impl Classification {
    /// What a tier says when it could not read a conversation: no
    /// findings, and [`Classification::unclassified`] set.
    pub fn unclassified() -> Self {
        Self {
            unclassified: true,
            ..Self::default()
        }
    }

    /// Returns true when any sensitive category was found, or when the
    /// conversation could not be classified.
    pub fn is_sensitive(&self) -> bool {
        self.unclassified || !self.sensitive.is_empty()
    }

    /// Returns true when the conversation may be used for ads: it was
    /// classified and touches no sensitive category. (The other guardrails
    /// of SPEC §4 are the policy's.)
    pub fn ad_eligible(&self) -> bool {
        !self.is_sensitive()
    }

    /// Returns the categories found, in [`SensitiveCategory::ALL`] order.
    pub fn sensitive_categories(&self) -> Vec<SensitiveCategory> {
        let mut categories: Vec<SensitiveCategory> =
            self.sensitive.iter().map(|hit| hit.category).collect();
        categories.sort();
        categories.dedup();
        categories
    }
}

/// Classifies conversations. Implementations are sync and side-effect free.
pub trait Classifier: Send + Sync {
    /// A short stable name (`lexicon`), for metrics and reports.
    fn name(&self) -> &'static str;

    /// Classifies every turn of a conversation.
    fn classify(&self, conversation: &Conversation) -> Classification;

    /// Classifies many conversations at once: the same results as
    /// [`Classifier::classify`] on each, in input order. Tiers that gain
    /// from batching override it (the semantic tier embeds every turn of
    /// the batch in one padded, length-sorted pass).
    fn classify_batch(&self, conversations: &[&Conversation]) -> Vec<Classification> {
        conversations
            .iter()
            .map(|conversation| self.classify(conversation))
            .collect()
    }

    /// Classifies catalog texts (titles and descriptions a business wrote
    /// for an ad, post, reel or group; never a person's conversation). The
    /// same results as [`Classifier::classify_batch`]; a tier may keep what
    /// it derives from them between runs (the semantic tier caches their
    /// embeddings), which it must never do for conversations.
    fn classify_catalog(&self, items: &[&Conversation]) -> Vec<Classification> {
        self.classify_batch(items)
    }

    /// As [`Classifier::classify_batch`], but stops with [`Cancelled`] once
    /// `cancel` is set: checked before each conversation here, and between
    /// smaller units by tiers that override it (the semantic tier checks
    /// between encoder layers), so a request whose client went away or
    /// whose deadline passed stops using CPU within one unit of work.
    fn classify_batch_until(
        &self,
        conversations: &[&Conversation],
        cancel: &Cancel,
    ) -> Result<Vec<Classification>, Cancelled> {
        conversations
            .iter()
            .map(|conversation| {
                cancel.check()?;
                Ok(self.classify(conversation))
            })
            .collect()
    }
}

/// The lexicon tier: [`SensitiveDetector`] plus [`LexiconTopicModel`].
/// Cheap to clone (the automata are shared).
#[derive(Debug, Clone)]
pub struct LexiconClassifier {
    sensitive: SensitiveDetector,
    topics: LexiconTopicModel,
}

impl LexiconClassifier {
    /// Builds a classifier over a taxonomy with the bundled topic keywords.
    /// This compiles the automata: build it once and share it.
    pub fn new(taxonomy: &Taxonomy) -> Result<Self, ClassifyError> {
        Self::with_topic_keywords(taxonomy, EMBEDDED_TOPIC_KEYWORDS)
    }

    /// Builds a classifier over a taxonomy with another keyword file.
    pub fn with_topic_keywords(
        taxonomy: &Taxonomy,
        keywords_tsv: &str,
    ) -> Result<Self, ClassifyError> {
        Ok(Self {
            sensitive: SensitiveDetector::new(),
            topics: LexiconTopicModel::new(taxonomy, keywords_tsv)?,
        })
    }

    /// Returns the classifier over the embedded taxonomy and keywords, built
    /// on first use and kept for the life of the process.
    ///
    /// # Panics
    ///
    /// Panics if the bundled keyword file does not fit the bundled taxonomy,
    /// which this crate's tests rule out.
    pub fn embedded() -> &'static LexiconClassifier {
        static EMBEDDED: OnceLock<LexiconClassifier> = OnceLock::new();
        EMBEDDED.get_or_init(|| match LexiconClassifier::new(Taxonomy::embedded()) {
            Ok(classifier) => classifier,
            Err(error) => panic!("bundled topic_keywords.tsv is invalid: {error}"),
        })
    }

    /// Returns the sensitive detector.
    pub fn sensitive_detector(&self) -> &SensitiveDetector {
        &self.sensitive
    }

    /// Returns the topic model.
    pub fn topic_model(&self) -> &LexiconTopicModel {
        &self.topics
    }
}

impl Classifier for LexiconClassifier {
    fn name(&self) -> &'static str {
        "lexicon"
    }

    fn classify(&self, conversation: &Conversation) -> Classification {
        Classification {
            sensitive: self.sensitive.detect(conversation),
            topics: self.topics.infer(conversation),
            unclassified: false,
        }
    }
}

#[cfg(test)]
mod tests;
