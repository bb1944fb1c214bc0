//! What an ingest did: counts, and every rejected line.

use std::collections::BTreeMap;

use serde::Serialize;

/// Why a line was rejected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum RejectReason {
    /// Not JSON, or a missing, unknown or mistyped field (the detail names it;
    /// quoted input values are redacted).
    Malformed(String),
    /// A field has a value outside its domain.
    InvalidField {
        /// The field.
        field: String,
        /// What is wrong.
        problem: String,
    },
    /// The event's account is not known.
    UnknownAccount(String),
    /// The engagement's catalog item is not known.
    UnknownItem(String),
    /// The `event_id` appeared earlier in the same input.
    DuplicateEventId {
        /// The id.
        event_id: String,
        /// The line where it first appeared.
        first_line: usize,
    },
    /// The `event_id` is already stored (or came earlier in the same stream
    /// batch) with other content: a reused id, not a redelivery.
    ReusedEventId {
        /// The id.
        event_id: String,
    },
    /// The conversation text is longer than the configured limit.
    TextTooLarge {
        /// The field holding the text (`turns`, or `text` in a classify
        /// request's short form).
        field: &'static str,
        /// Bytes of text (summed over turns).
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

impl std::fmt::Display for RejectReason {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Malformed(detail) => write!(formatter, "malformed: {detail}"),
            Self::InvalidField { field, problem } => {
                write!(formatter, "field `{field}`: {problem}")
            }
            Self::UnknownAccount(id) => write!(formatter, "unknown account `{id}`"),
            Self::UnknownItem(id) => write!(formatter, "unknown catalog item `{id}`"),
            Self::DuplicateEventId {
                event_id,
                first_line,
            } => write!(
                formatter,
                "duplicate event_id `{event_id}` (first seen on line {first_line})"
            ),
            Self::ReusedEventId { event_id } => write!(
                formatter,
                "event_id `{event_id}` is already stored with other content (an exact \
                 redelivery is a no-op; a reused id is refused)"
            ),
            Self::TextTooLarge {
                field,
                bytes,
                limit,
            } => write!(
                formatter,
                "field `{field}`: text over the configured size ({bytes} bytes > {limit} bytes, \
                 see --max-text-bytes)"
            ),
        }
    }
}

/// One rejected input line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rejected {
    /// 1-based line number.
    pub line: usize,
    /// Why.
    pub reason: RejectReason,
}

/// What loading accounts did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AccountsReport {
    /// Lines applied (new accounts, and stored ones updated).
    pub loaded: usize,
    /// Lines whose `ai_personalization` or `hidden_topics` differed from a
    /// stored account's: the person's choices were kept (a sync never
    /// changes them).
    pub person_settings_kept: usize,
    /// Lines rejected.
    pub rejected: Vec<Rejected>,
}

/// What loading the catalog did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CatalogReport {
    /// Items written (new or replaced).
    pub loaded: usize,
    /// Items whose topics were inferred from their text.
    pub topics_inferred: usize,
    /// Items whose text touches a sensitive category: they get no topics.
    pub sensitive_items: usize,
    /// Lines rejected.
    pub rejected: Vec<Rejected>,
}

/// What became of one stream message (see
/// [`Engine::ingest_event_batch`](crate::Engine::ingest_event_batch)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageOutcome {
    /// Decided and committed: used, restricted or dropped by the guardrails.
    Committed(gleaner_core::AuditOutcome),
    /// The store already had this event (a redelivery or a repeat): nothing changed.
    AlreadyPresent,
    /// Bad input: it will never be taken, whatever the retry (the stream
    /// moves it to its dead-letter subject).
    Rejected(RejectReason),
}

/// What loading events did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EventsReport {
    /// Non-empty lines read.
    pub lines: usize,
    /// Events used for every purpose.
    pub used: usize,
    /// Events used for some purposes only (e.g. content only for a minor).
    pub restricted: usize,
    /// Events not used at all.
    pub dropped: usize,
    /// Events that were already stored with the same content (a re-run):
    /// nothing changed. A stored id with other content is a rejected line.
    pub already_present: usize,
    /// Signals written.
    pub signals_written: usize,
    /// For each reason code, how many events it applied to (an event can
    /// have several).
    pub reasons: BTreeMap<String, usize>,
    /// Lines rejected.
    pub rejected: Vec<Rejected>,
}

impl EventsReport {
    /// Returns true when some line was rejected.
    pub fn has_rejections(&self) -> bool {
        !self.rejected.is_empty()
    }
}
