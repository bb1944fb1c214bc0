//! The resolved run context: store, engine, clock and output mode, built
//! once from the raw arguments.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use gleaner_classify::Classifier;
use gleaner_core::Timestamp;
use gleaner_engine::ingest::jsonl::ParseLimits;
use gleaner_engine::{Engine, EngineConfig};
use gleaner_policy::{Policy, PolicyConfig, PolicyConfigBuilder};
use gleaner_semantic::manifest::{FETCH_COMMAND, MODELS_DIR_VARIABLE};
use gleaner_semantic::{
    build_classifier, resolve_models_dir, ModelsDirError, SelectedClassifier, SemanticUnavailable,
    TierSelection, TierUnavailable,
};
use gleaner_store::{redact_store_url, StoreResolver};
use gleaner_taxonomy::Taxonomy;

use crate::args::Cli;
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
    /// The classifier tier (`--tier`).
    pub tier: TierSelection,
    /// The engine configuration every command uses (`--max-text-bytes`, …).
    pub engine_config: EngineConfig,
    /// The classifier of `tier`, built on first use.
    classifier: OnceLock<Result<SelectedClassifier, TierUnavailable>>,
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
                max_future_skew: chrono::Duration::seconds(i64::from(cli.max_future_skew)),
                ..EngineConfig::default()
            },
            classifier: OnceLock::new(),
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
    /// The classifier of this run's `--tier`, built once per run (see
    /// [`gleaner_semantic::tier`]). `auto` without the model: the lexicon
    /// tier with a note on stderr naming the command that installs the
    /// model. `semantic` or `cascade` without the model: an error naming
    /// the fix.
    pub fn classifier(&self) -> anyhow::Result<Arc<dyn Classifier>> {
        let selected = self.classifier.get_or_init(|| {
            let selected = build_classifier(self.tier, locate_models_dir(None));
            if let Ok(SelectedClassifier {
                lexicon_fallback: Some(reason),
                ..
            }) = &selected
            {
                note_lexicon_only(reason);
            }
            selected
        });
        match selected {
            Ok(selected) => Ok(Arc::clone(&selected.classifier)),
            Err(TierUnavailable { selection, reason }) => {
                Err(UsageError::new(format!("--tier {selection}: {reason}")).into())
            }
        }
    }
}

/// Says that the semantic tier is missing and what that costs (once per
/// run: the classifier is built once).
fn note_lexicon_only(reason: &SemanticUnavailable) {
    eprintln!(
        "note: the semantic tier is not available ({reason}); using the lexicon tier \
         alone, which misses sensitive conversations worded in ways its lists do not \
         know. `{FETCH_COMMAND}` installs the model (`--tier lexicon` silences this note)."
    );
}

/// The models directory: `explicit` (`--dir`), else `$GLEANER_MODELS`
/// (when set and not empty), else `<platform cache dir>/gleaner/models`.
pub fn locate_models_dir(explicit: Option<&Path>) -> Result<PathBuf, ModelsDirError> {
    resolve_models_dir(
        explicit,
        std::env::var_os(MODELS_DIR_VARIABLE),
        dirs::cache_dir(),
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

#[cfg(test)]
mod resolved_configuration_tests {
    use clap::Parser;

    use super::Context;
    use crate::args::Cli;

    fn context_of(args: &[&str]) -> Context {
        let cli = Cli::try_parse_from(args).expect("arguments parse");
        Context::from_cli(&cli, "2026-07-01T00:00:00Z".parse().unwrap()).unwrap()
    }

    /// One resolved configuration: `serve` (its API and stream workers) and
    /// `ingest` get the same text limit and future skew, from the same
    /// global flags.
    #[test]
    fn serve_and_ingest_resolve_the_same_engine_configuration() {
        let flags = ["--max-text-bytes", "1000", "--max-future-skew", "7"];
        let serve = context_of(&[&["gleaner", "serve"][..], &flags].concat());
        let ingest = context_of(&[&["gleaner", "ingest", "--events", "-"][..], &flags].concat());
        for context in [&serve, &ingest] {
            assert_eq!(context.engine_config.parse_limits.max_text_bytes, 1000);
            assert_eq!(
                context.engine_config.max_future_skew,
                chrono::Duration::seconds(7)
            );
        }
        let defaults = context_of(&["gleaner", "serve"]);
        assert_eq!(
            defaults.engine_config.max_future_skew,
            chrono::Duration::seconds(300)
        );
    }
}
