//! The resolved run context: store, engine, clock and output mode, built
//! once from the raw arguments.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use gleaner_classify::LexiconClassifier;
use gleaner_core::Timestamp;
use gleaner_engine::{Engine, EngineConfig};
use gleaner_policy::{Policy, PolicyConfig, PolicyConfigBuilder};
use gleaner_store::StoreResolver;
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
            json: cli.json,
            store_location: cli
                .store
                .clone()
                .unwrap_or_else(|| DEFAULT_STORE.to_owned()),
            store_given: cli.store.is_some(),
            policy,
        })
    }

    /// Opens the store and assembles an engine over it.
    pub fn engine(&self) -> anyhow::Result<Engine> {
        self.engine_at(&self.store_location)
    }

    /// Assembles an engine over the store at `location`.
    pub fn engine_at(&self, location: &str) -> anyhow::Result<Engine> {
        self.engine_with(location, EngineConfig::default())
    }

    /// Assembles an engine over the store at `location` with a configuration.
    pub fn engine_with(&self, location: &str, config: EngineConfig) -> anyhow::Result<Engine> {
        let store = StoreResolver::default()
            .resolve(location)
            .with_context(|| format!("opening store `{location}`"))?;
        Ok(Engine::new(
            store,
            Arc::new(LexiconClassifier::embedded().clone()),
            self.policy.clone(),
            Taxonomy::embedded(),
            config,
        ))
    }
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
