//! Interest profiles: what may be used to personalize for one account now.
//!
//! A profile is computed on demand from stored [`Signal`](gleaner_core::Signal)s; nothing about
//! it is stored. That is a deliberate choice: hiding a topic, opting out,
//! unlinking an account or the passing of time changes the next profile at
//! once, with no stale copy to invalidate, and `forget` has one thing less
//! to erase.
//!
//! Every signal passes [`Policy::evaluate_use`](gleaner_policy::Policy::evaluate_use) (linking, hidden topics,
//! retention, current settings) and is narrowed by the purposes it was
//! allowed at ingest. What survives is decayed with a half-life and summed
//! per topic, separately for ad use and content use. Signals that were held
//! back are counted by reason, so `explain` can say why.
//!
//! # Layout
//!
//! - [`config`]: [`ProfileConfig`] (half-life, cut-offs).
//! - [`build`]: [`build_profile`] and the [`Profile`] it returns.
#![warn(missing_docs)]

pub mod build;
pub mod config;

pub use build::{build_profile, Interest, Profile, SignalsOfAccount, SourceSummary};
pub use config::ProfileConfig;

#[cfg(test)]
mod tests;
