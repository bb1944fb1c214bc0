//! The facts each moment of evaluation sees.
//!
//! Facts borrow from the caller; rules never fetch anything themselves.

use gleaner_core::{Account, SensitiveCategory, Timestamp, TopicId};

/// An event before its text is read.
#[derive(Clone, Copy, Debug)]
pub struct EventFacts<'a> {
    /// The run's clock.
    pub now: Timestamp,
    /// When the event happened.
    pub event_at: Timestamp,
    /// The account the event belongs to.
    pub account: &'a Account,
    /// True for AI interactions, false for engagements.
    pub is_ai_interaction: bool,
    /// For AI interactions: the `encrypted` flag; `None` when absent.
    pub encrypted: Option<bool>,
}

/// A classified conversation (or the catalog item an engagement was on).
#[derive(Clone, Copy, Debug)]
pub struct ContentFacts<'a> {
    /// The sensitive categories found; `None` when nothing was classified.
    pub sensitive_categories: Option<&'a [SensitiveCategory]>,
}

/// A stored signal about to be used for a serving account.
#[derive(Clone, Copy, Debug)]
pub struct UseFacts<'a> {
    /// The run's clock.
    pub now: Timestamp,
    /// The account being personalized for.
    pub serving_account: &'a Account,
    /// The account that produced the signal; `None` when it is gone.
    pub source_account: Option<&'a Account>,
    /// When the signal's event happened.
    pub signal_at: Timestamp,
    /// True when the signal came from an AI interaction.
    pub signal_is_ai_interaction: bool,
    /// The signal's topic followed by its ancestors; `None` when the topic
    /// is not in the taxonomy.
    pub topic_lineage: Option<&'a [TopicId]>,
    /// Topics the person hid on any account linked to the serving one (the
    /// serving and source accounts' own hidden topics count as well).
    pub linked_hidden_topics: &'a [TopicId],
}
