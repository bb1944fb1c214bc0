//! Orchestration: the one place where parsing, guardrails, classification
//! and storage meet.
//!
//! [`Engine`] is a cheap-clone handle (an `Arc` inside) over a
//! [`Store`](gleaner_store::Store), a
//! [`Classifier`](gleaner_classify::Classifier), a
//! [`Policy`](gleaner_policy::Policy) and the taxonomy. The CLI and the
//! server both drive Gleaner through it, so every rule has exactly one code
//! path.
//!
//! # Ingest
//!
//! Events are read line by line. Each line is parsed and validated; a bad
//! line becomes a [`Rejected`] value with its line number and reason (it is
//! not an error: the rest of the input is still taken, SPEC §2). A valid
//! event is checked by the event-moment rules **before its text is read**;
//! only when something is still allowed does the classifier see the text,
//! and only the derived topic ids, weights and times are kept. Outcomes are
//! committed in batches, each batch one store transaction, so a killed run
//! leaves whole batches behind and a re-run skips what is already stored
//! (idempotency by hashed event id).
//!
//! # Queries
//!
//! Profiles are computed on demand from the signals of the serving account
//! and of the accounts linked to it; recommendations and explanations rank
//! the catalog against that profile.
//!
//! # Layout
//!
//! - [`classify`]: the request and result lines of `gleaner classify` and
//!   `POST /v1/classify` (one format for both).
//! - [`engine`]: [`Engine`] and its configuration.
//! - [`ingest`]: JSONL parsing ([`ingest::jsonl`]), the pipeline and its reports.
//! - [`query`]: profile, recommend, explain, export, forget, settings, and
//!   advertiser reach ([`query::reach`]: counts, noise, threshold;
//!   [`query::audience_index`]: the kept index, stale after any store write).
//! - [`error`]: the [`EngineError`] type.
#![warn(missing_docs)]

pub mod classify;
pub mod engine;
pub mod error;
pub mod ingest;
pub mod query;

pub use engine::{Engine, EngineConfig, DEFAULT_MAX_FUTURE_SKEW};
pub use error::EngineError;
pub use gleaner_classify::{Cancel, Cancelled};
pub use ingest::report::{
    AccountsReport, CatalogReport, EventsReport, MessageOutcome, RejectReason, Rejected,
};
pub use ingest::Progress;
pub use query::export::AccountExport;
pub use query::{AccountMove, AccountOverride, SettingsOverride};
