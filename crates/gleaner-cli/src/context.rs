//! The resolved run context: store, engine, clock and output mode, built
//! once from the raw arguments.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use gleaner_classify::{Classifier, LexiconClassifier};
use gleaner_core::Timestamp;
use gleaner_engine::ingest::jsonl::ParseLimits;
use gleaner_engine::{Engine, EngineConfig};
use gleaner_policy::{Policy, PolicyConfig, PolicyConfigBuilder};
use gleaner_semantic::{
    CascadeClassifier, CatalogEmbeddingCache, SemanticClassifier, SemanticEncoder, SemanticHeads,
};
use gleaner_store::{redact_store_url, StoreResolver};
use gleaner_taxonomy::Taxonomy;

use crate::args::{Cli, TierArg};
use crate::model_cache::{installed_model, resolve_models_dir, FETCH_COMMAND, WEIGHTS_FILE};
use crate::UsageError;

/// The default embedded store directory.
pub const DEFAULT_STORE: &str = "./gleaner-data";

/// Everything a command needs.
pub struct Context {
    /// The clock of this run.
    pub now: Timestamp,
    /// Whether `--now` was given.
    pub now_given: bool,
    /// Print JSON instead of text.
    pub json: bool,
    /// The store location as given (or the default).
    pub store_location: String,
    /// Whether `--store` was given.
    pub store_given: bool,
    /// The policy.
    pub policy: Policy,
    /// The classifier tier.
    pub tier: TierArg,
    /// The engine configuration every command uses (`--max-text-bytes`, …).
    pub engine_config: EngineConfig,
}

impl Context {
    /// Resolves the raw arguments. `wall_clock` is read by `main` only when
    /// `--now` is absent.
    pub fn from_cli(cli: &Cli, wall_clock: Timestamp) -> anyhow::Result<Self> {
        let now = match &cli.now {
            Some(raw) => parse_now(raw)?,
            None => wall_clock,
        };
        let policy = match &cli.policy {
            Some(path) => Policy::new(load_policy(path)?),
            None => Policy::default(),
        };
        Ok(Self {
            now,
            now_given: cli.now.is_some(),
            tier: cli.tier,
            json: cli.json,
            store_location: cli
                .store
                .clone()
                .unwrap_or_else(|| DEFAULT_STORE.to_owned()),
            store_given: cli.store.is_some(),
            policy,
            engine_config: EngineConfig {
                parse_limits: ParseLimits {
                    max_text_bytes: cli.max_text_bytes,
                },
                ..EngineConfig::default()
            },
        })
    }

    /// Opens the store and assembles an engine over it.
    pub fn engine(&self) -> anyhow::Result<Engine> {
        self.engine_at(&self.store_location)
    }

    /// Assembles an engine over the store at `location`.
    pub fn engine_at(&self, location: &str) -> anyhow::Result<Engine> {
        self.engine_with(location, self.engine_config.clone())
    }

    /// Assembles an engine over the store at `location` with a configuration.
    pub fn engine_with(&self, location: &str, config: EngineConfig) -> anyhow::Result<Engine> {
        let store = StoreResolver::default()
            .resolve(location)
            .with_context(|| format!("opening store `{}`", redact_store_url(location)))?;
        Ok(Engine::new(
            store,
            self.classifier()?,
            self.policy.clone(),
            Taxonomy::embedded(),
            config,
        ))
    }
}

impl Context {
    /// The classifier of this run's `--tier`. `auto`: the cascade when the
    /// model is installed, else the lexicon tier with a note on stderr
    /// naming the command that installs the model. `semantic` or `cascade`
    /// without the model: an error naming the fix.
    pub fn classifier(&self) -> anyhow::Result<Arc<dyn Classifier>> {
        match self.tier {
            TierArg::Lexicon => Ok(Arc::new(LexiconClassifier::embedded().clone())),
            TierArg::Auto => Ok(match semantic_tier() {
                Ok(semantic) => Arc::new(cascade(semantic)),
                Err(reason) => {
                    note_lexicon_only(&reason);
                    Arc::new(LexiconClassifier::embedded().clone())
                }
            }),
            TierArg::Semantic | TierArg::Cascade => {
                let semantic = semantic_tier().map_err(|reason| {
                    UsageError::new(format!("--tier {}: {reason}", self.tier.name()))
                })?;
                Ok(if self.tier == TierArg::Semantic {
                    semantic
                } else {
                    Arc::new(cascade(semantic))
                })
            }
        }
    }
}

/// Says once per process that the semantic tier is missing and what that
/// costs.
fn note_lexicon_only(reason: &str) {
    static NOTED: OnceLock<()> = OnceLock::new();
    NOTED.get_or_init(|| {
        eprintln!(
            "note: the semantic tier is not available ({reason}); using the lexicon tier \
             alone, which misses sensitive conversations worded in ways its lists do not \
             know. `{FETCH_COMMAND}` installs the model (`--tier lexicon` silences this note)."
        );
    });
}

/// Catalog-text embeddings kept next to the model (never conversations).
pub const CATALOG_CACHE_FILE: &str = "catalog-embeddings.redb";

/// Why the semantic tier cannot run, or the tier itself; loaded once per
/// process.
pub fn semantic_tier() -> Result<Arc<SemanticClassifier>, String> {
    static SEMANTIC: OnceLock<Result<Arc<SemanticClassifier>, String>> = OnceLock::new();
    SEMANTIC
        .get_or_init(|| {
            let models_dir = resolve_models_dir(None).map_err(|error| error.to_string())?;
            let model = installed_model(&models_dir).map_err(|missing| missing.to_string())?;
            let heads = SemanticHeads::embedded().map_err(|error| {
                format!("the semantic heads do not load ({error}); `gleaner train` writes them")
            })?;
            let encoder = SemanticEncoder::load(&model.model_dir).map_err(|error| {
                format!("the model does not load ({error}); `{FETCH_COMMAND}` reinstalls it")
            })?;
            let catalog_cache = CatalogEmbeddingCache::open(
                &model.model_dir.join(CATALOG_CACHE_FILE),
                WEIGHTS_FILE.sha256,
            );
            let classifier = SemanticClassifier::new(encoder, heads.clone())
                .map_err(|error| format!("the semantic heads do not fit the model ({error})"))?;
            Ok(Arc::new(classifier.with_catalog_cache(catalog_cache)))
        })
        .clone()
}

/// The cascade over the embedded lexicon tier and `semantic`.
pub fn cascade(semantic: Arc<SemanticClassifier>) -> CascadeClassifier {
    CascadeClassifier::new(
        Arc::new(LexiconClassifier::embedded().clone()),
        semantic,
        Taxonomy::embedded(),
    )
}

/// Parses `--now`.
pub fn parse_now(raw: &str) -> anyhow::Result<Timestamp> {
    DateTime::parse_from_rfc3339(raw)
        .map(|instant| instant.with_timezone(&Utc))
        .map_err(|error| {
            UsageError::new(format!("--now `{raw}` is not an RFC 3339 instant: {error}")).into()
        })
}

fn load_policy(path: &Path) -> anyhow::Result<PolicyConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading policy file {}", path.display()))?;
    let builder: PolicyConfigBuilder = serde_json::from_str(&text)
        .map_err(|error| UsageError::new(format!("policy file {}: {error}", path.display())))?;
    builder.build_and_validate().map_err(|errors| {
        let listed: Vec<String> = errors.iter().map(ToString::to_string).collect();
        UsageError::new(format!(
            "policy file {}: {}",
            path.display(),
            listed.join("; ")
        ))
        .into()
    })
}
