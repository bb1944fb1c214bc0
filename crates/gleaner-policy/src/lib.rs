//! The guardrails of SPEC §4, in one place.
//!
//! Every rule is a pure function of (facts, policy config); the clock comes
//! in as `now` inside the facts. Rules are unit structs implementing [`Rule`]
//! and are listed once, in [`rules::RULES`]: that slice *is* the list of
//! guardrails, and [`Policy`] evaluates every entry of it, never a subset.
//!
//! # Three moments of evaluation
//!
//! A piece of data meets the rules three times, and each rule says what it
//! checks at each moment (a rule that has nothing to check keeps the default
//! [`Verdict::allow`]):
//!
//! 1. [`Policy::evaluate_event`] — an event arrives, **before its text is
//!    read**. When this drops the event, ingest never hands the text to the
//!    classifier (this is how `encrypted` chats stay unread).
//! 2. [`Policy::evaluate_content`] — after classification: the `sensitive`
//!    rule drops the whole conversation when any turn touches a sensitive
//!    category.
//! 3. [`Policy::evaluate_use`] — a stored signal is about to personalize
//!    something for a serving account: linking, hidden topics, retention,
//!    and the account settings as they are *now* (opt-out, jurisdiction,
//!    age) are checked again, so a change of setting takes effect at once.
//!
//! # Fail closed
//!
//! Facts a rule needs are `Option`s. `None` ("unknown") never means "fine":
//! an unknown country is an excluded country, an unknown age is a minor, an
//! unknown `encrypted` flag is encrypted, an unclassified conversation is a
//! sensitive one. Verdicts only ever narrow [`Purposes`](gleaner_core::Purposes); no rule can widen
//! what another rule took away.
//!
//! # Layout
//!
//! - [`config`]: [`PolicyConfig`] and its validating builder.
//! - [`facts`]: [`EventFacts`], [`ContentFacts`], [`UseFacts`].
//! - [`verdict`]: [`Verdict`] and [`Decision`].
//! - [`rules`]: the [`Rule`] trait, one file per rule, and the `RULES` list.
#![warn(missing_docs)]

pub mod config;
pub mod facts;
pub mod rules;
pub mod verdict;

pub use config::{JurisdictionProfile, PolicyConfig, PolicyConfigBuilder, PolicyConfigError};
pub use facts::{ContentFacts, EventFacts, UseFacts};
use gleaner_core::Timestamp;
pub use rules::{Rule, RULES};
pub use verdict::{Decision, Verdict};

/// The guardrails with one configuration. Cheap to share by reference.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    config: PolicyConfig,
}

impl Policy {
    /// Builds a policy from a validated configuration.
    pub fn new(config: PolicyConfig) -> Self {
        Self { config }
    }

    /// Returns the configuration.
    pub fn config(&self) -> &PolicyConfig {
        &self.config
    }

    /// Decides on an event before its text is read.
    pub fn evaluate_event(&self, facts: &EventFacts<'_>) -> Decision {
        Self::combine(RULES.iter().map(|rule| rule.on_event(facts, &self.config)))
    }

    /// Decides on a classified conversation.
    pub fn evaluate_content(&self, facts: &ContentFacts<'_>) -> Decision {
        Self::combine(
            RULES
                .iter()
                .map(|rule| rule.on_content(facts, &self.config)),
        )
    }

    /// Decides whether a stored signal may personalize for the serving account.
    pub fn evaluate_use(&self, facts: &UseFacts<'_>) -> Decision {
        Self::combine(RULES.iter().map(|rule| rule.on_use(facts, &self.config)))
    }

    /// Returns the instant before which signals are expired at `now`.
    pub fn retention_cutoff(&self, now: Timestamp) -> Timestamp {
        now - chrono::Duration::days(i64::from(self.config.retention_days))
    }

    fn combine(verdicts: impl Iterator<Item = Verdict>) -> Decision {
        let mut decision = Decision::allow_all();
        for verdict in verdicts {
            decision.apply(verdict);
        }
        decision
    }
}
