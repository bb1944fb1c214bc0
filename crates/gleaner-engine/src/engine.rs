//! The [`Engine`] handle.

use std::sync::Arc;

use gleaner_classify::Classifier;
use gleaner_policy::Policy;
use gleaner_profile::ProfileConfig;
use gleaner_store::Store;
use gleaner_taxonomy::Taxonomy;

use crate::ingest::jsonl::ParseLimits;
use crate::query::audience_index::{AudienceIndexCache, WriteCountingStore};

/// The default [`EngineConfig::max_future_skew`]: five minutes.
pub const DEFAULT_MAX_FUTURE_SKEW: chrono::Duration = chrono::Duration::minutes(5);

/// Everything configurable about the engine besides its parts.
#[derive(Clone, Debug, PartialEq)]
pub struct EngineConfig {
    /// Input limits.
    pub parse_limits: ParseLimits,
    /// Events per store transaction during ingest.
    pub batch_size: usize,
    /// Profile math.
    pub profile: ProfileConfig,
    /// Classifier topic scores below this are not kept as signals.
    pub min_topic_score: f32,
    /// An event dated more than this after `now` is rejected (field `at`):
    /// producers' clocks drift a little, but a date years ahead would
    /// otherwise count at full weight until then.
    pub max_future_skew: chrono::Duration,
}

impl Default for EngineConfig {
    fn default() -> Self {
        Self {
            parse_limits: ParseLimits::default(),
            batch_size: 256,
            profile: ProfileConfig::default(),
            min_topic_score: 0.0,
            max_future_skew: DEFAULT_MAX_FUTURE_SKEW,
        }
    }
}

pub(crate) struct EngineParts {
    /// The store as given, wrapped so that its writes are counted.
    pub(crate) store: Arc<dyn Store>,
    /// The same store as `store`, typed: its write count.
    pub(crate) counted_store: Arc<WriteCountingStore>,
    /// The reach index, stale after any write to `counted_store`.
    pub(crate) audience_index: AudienceIndexCache,
    pub(crate) classifier: Arc<dyn Classifier>,
    pub(crate) policy: Policy,
    pub(crate) taxonomy: &'static Taxonomy,
    pub(crate) config: EngineConfig,
}

/// A cheap-clone handle over the store, classifier, policy and taxonomy.
/// Cloning is shallow: clones share the same parts.
#[derive(Clone)]
pub struct Engine {
    pub(crate) parts: Arc<EngineParts>,
}

impl Engine {
    /// Assembles an engine.
    pub fn new(
        store: Arc<dyn Store>,
        classifier: Arc<dyn Classifier>,
        policy: Policy,
        taxonomy: &'static Taxonomy,
        config: EngineConfig,
    ) -> Self {
        let counted_store = Arc::new(WriteCountingStore::new(store));
        Self {
            parts: Arc::new(EngineParts {
                store: Arc::clone(&counted_store) as Arc<dyn Store>,
                counted_store,
                audience_index: AudienceIndexCache::default(),
                classifier,
                policy,
                taxonomy,
                config,
            }),
        }
    }

    /// Returns the store. Writes through it mark the reach index stale
    /// ([`Engine::audience_index`]).
    pub fn store(&self) -> &dyn Store {
        self.parts.store.as_ref()
    }

    /// Returns the classifier.
    pub fn classifier(&self) -> &dyn Classifier {
        self.parts.classifier.as_ref()
    }

    /// Returns the policy.
    pub fn policy(&self) -> &Policy {
        &self.parts.policy
    }

    /// Returns the taxonomy.
    pub fn taxonomy(&self) -> &'static Taxonomy {
        self.parts.taxonomy
    }

    /// Returns the configuration.
    pub fn config(&self) -> &EngineConfig {
        &self.parts.config
    }
}
