//! The domain vocabulary of Gleaner, shared by every other crate.
//!
//! Nothing here does IO, reads the clock or knows a storage backend. The types
//! encode the privacy rules wherever a type can:
//!
//! - [`ConversationText`] is the only type that holds what a person said. It has
//!   a redacting `Debug`, no `Display` and no `Serialize`, so it cannot reach a
//!   log line, a store or an audit record by accident.
//! - [`AuditRecord`] has no field that could hold text: hashed ids, times,
//!   topic ids and [`ReasonCode`]s only.
//! - Facts the guardrails need are `Option`s (`country`, `birth_year`,
//!   `notified_at`, `encrypted`, …): a missing fact is visible in the type and
//!   the policy treats `None` as "do not use".
//!
//! # Layout
//!
//! - [`ids`]: typed identifiers and the one-way [`HashedId`].
//! - [`account`]: [`Account`], the person's settings and facts.
//! - [`event`]: [`Event`], AI interactions and engagements as they arrive.
//! - [`conversation`]: [`ConversationText`], [`Turn`], [`Conversation`].
//! - [`catalog`]: [`CatalogItem`], things that can be shown.
//! - [`sensitive`]: the seven [`SensitiveCategory`]s of SPEC §4.
//! - [`reason`]: [`ReasonCode`] with its stable string form.
//! - [`purpose`]: [`Purposes`], what a signal may be used for (ads, content).
//! - [`signal`]: [`Signal`], one derived interest of one account.
//! - [`audit`]: the [`AuditRecord`] of a guardrail decision, and the records
//!   of operator actions ([`AccountMoveRecord`], [`SettingsOverrideRecord`]).
#![warn(missing_docs)]

pub mod account;
pub mod audit;
pub mod catalog;
pub mod conversation;
pub mod event;
pub mod ids;
pub mod purpose;
pub mod reason;
pub mod sensitive;
pub mod signal;

pub use account::{Account, AiPersonalization, SyncRefusal, SyncedAccount};
pub use audit::{
    AccountMoveRecord, AuditOutcome, AuditRecord, OverrideReason, OverrideReasonError,
    SettingChange, SettingsOverrideRecord,
};
pub use catalog::{CatalogItem, ItemKind};
pub use conversation::{Conversation, ConversationText, Role, Turn};
pub use event::{
    AiInteraction, Engagement, EngagementAction, Event, EventBody, EventDigest, Modality,
};
pub use ids::{
    AccountId, AccountsCenterId, CountryCode, EventId, HashedId, IdHasher, ItemId, Surface,
    TopicId, ID_SECRET_LEN,
};
pub use purpose::Purposes;
pub use reason::ReasonCode;
pub use sensitive::{SensitiveCategory, SensitiveFinding, Tier};
pub use signal::{Signal, SourceKind};

/// A point in time, always UTC.
pub type Timestamp = chrono::DateTime<chrono::Utc>;
