//! Audit records: the proof that the guardrails held.

use serde::{Deserialize, Serialize};

use crate::account::AiPersonalization;
use crate::ids::{HashedId, TopicId};
use crate::purpose::Purposes;
use crate::reason::ReasonCode;
use crate::sensitive::SensitiveFinding;
use crate::Timestamp;

/// What happened to an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditOutcome {
    /// Used for every purpose.
    Used,
    /// Used for some purposes only (see `purposes` and `reasons`).
    Restricted,
    /// Not used at all.
    Dropped,
}

/// One guardrail decision on one event.
///
/// By construction it cannot hold text: ids are hashed, and the rest are
/// times, topic ids, purposes and reason codes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditRecord {
    /// When the decision was taken (the run's `--now`).
    pub decided_at: Timestamp,
    /// When the event happened.
    pub event_at: Timestamp,
    /// The hashed account id.
    pub account: HashedId,
    /// The hashed event id.
    pub event: HashedId,
    /// `ai_interaction` or `engagement`.
    pub event_kind: String,
    /// The outcome.
    pub outcome: AuditOutcome,
    /// What the data may be used for.
    pub purposes: Purposes,
    /// Every reason a rule gave; empty when used without restriction.
    pub reasons: Vec<ReasonCode>,
    /// The topics that were derived (empty when dropped).
    pub topics: Vec<TopicId>,
    /// The sensitive categories the classifier found in the event's text
    /// (or its item's), each with the tier that found it; empty when the
    /// text was not read or nothing was found.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sensitive: Vec<SensitiveFinding>,
}

/// The audit record of an operator moving an account to another accounts
/// center (or linking or unlinking it): the one change, besides the
/// person's own settings, that decides who may read an account. Ids are
/// hashed; `by` names the operator's channel (`cli`, or `token <id>`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountMoveRecord {
    /// When (the command's `--now`, the server's clock).
    pub at: Timestamp,
    /// The hashed account id.
    pub account: HashedId,
    /// The hashed accounts center it left (`None`: it was linked to none).
    pub from_center: Option<HashedId>,
    /// The hashed accounts center it joined (`None`: now linked to none).
    pub to_center: Option<HashedId>,
    /// Who did it: `cli`, or `token <id>` for an operator token.
    pub by: String,
}

/// The audit record of an operator overriding a person's own settings
/// (`ai_personalization`, `hidden_topics`), which otherwise change only
/// through the person's routes and never through a sync. It says who, when,
/// why, and each changed setting's value before and after; the account is
/// hashed, and nothing in it comes from a conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsOverrideRecord {
    /// When (the command's `--now`, the server's clock).
    pub at: Timestamp,
    /// The hashed account id.
    pub account: HashedId,
    /// Who did it: `cli`, or `token <id>` for an operator token.
    pub by: String,
    /// Why, in the operator's words (see [`OverrideReason`]).
    pub reason: OverrideReason,
    /// The AI-personalization setting before and after (`None`: unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_personalization: Option<SettingChange<Option<AiPersonalization>>>,
    /// The hidden topics before and after, sorted (`None`: unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_topics: Option<SettingChange<Vec<TopicId>>>,
}

/// One setting's value before and after a change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingChange<T> {
    /// The value before.
    pub from: T,
    /// The value after.
    pub to: T,
}

/// Why an operator overrode a person's settings: 1 to
/// [`OverrideReason::MAX_CHARS`] characters, no control characters, trimmed
/// (a ticket reference or a short sentence). It is the operator's text, kept
/// in the audit record and erased with the account; it must not quote the
/// person or their conversations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OverrideReason(String);

/// Why a text is not an [`OverrideReason`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OverrideReasonError {
    /// Empty or only whitespace.
    #[error("the reason is empty")]
    Empty,
    /// Longer than [`OverrideReason::MAX_CHARS`].
    #[error("the reason is longer than {max} characters", max = OverrideReason::MAX_CHARS)]
    TooLong,
    /// Holds a control character (a line break, a tab, an escape).
    #[error("the reason holds a control character")]
    ControlCharacter,
}

impl OverrideReason {
    /// The most characters a reason may have.
    pub const MAX_CHARS: usize = 280;

    /// Checks and trims a reason.
    ///
    /// # Errors
    ///
    /// When the trimmed text is empty, too long, or holds a control character.
    pub fn new(raw: &str) -> Result<Self, OverrideReasonError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(OverrideReasonError::Empty);
        }
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(OverrideReasonError::TooLong);
        }
        if trimmed.chars().any(char::is_control) {
            return Err(OverrideReasonError::ControlCharacter);
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// Returns the reason.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OverrideReason {
    type Error = OverrideReasonError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::new(&raw)
    }
}

impl From<OverrideReason> for String {
    fn from(reason: OverrideReason) -> Self {
        reason.0
    }
}

impl std::fmt::Display for OverrideReason {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl AuditOutcome {
    /// Derives the outcome from what is still allowed.
    pub fn from_purposes(purposes: Purposes) -> Self {
        if purposes.is_none() {
            Self::Dropped
        } else if purposes == Purposes::ALL {
            Self::Used
        } else {
            Self::Restricted
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_trimmed_bounded_and_on_one_line() {
        assert_eq!(
            OverrideReason::new("  ticket SUP-12  ").unwrap().as_str(),
            "ticket SUP-12"
        );
        assert_eq!(OverrideReason::new(" \t "), Err(OverrideReasonError::Empty));
        assert_eq!(
            OverrideReason::new("two\nlines"),
            Err(OverrideReasonError::ControlCharacter)
        );
        let longest = "é".repeat(OverrideReason::MAX_CHARS);
        assert!(OverrideReason::new(&longest).is_ok());
        assert_eq!(
            OverrideReason::new(&format!("{longest}x")),
            Err(OverrideReasonError::TooLong)
        );
        assert!(serde_json::from_str::<OverrideReason>("\"\"").is_err());
    }

    #[test]
    fn an_override_record_names_only_what_changed() {
        let record = SettingsOverrideRecord {
            at: chrono::DateTime::UNIX_EPOCH,
            account: HashedId::from_bytes([7; 16]),
            by: "cli".to_owned(),
            reason: OverrideReason::new("SUP-12").unwrap(),
            ai_personalization: Some(SettingChange {
                from: Some(AiPersonalization::On),
                to: Some(AiPersonalization::Off),
            }),
            hidden_topics: None,
        };
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(
            json["ai_personalization"],
            serde_json::json!({"from": "on", "to": "off"})
        );
        assert!(json.get("hidden_topics").is_none());
        let back: SettingsOverrideRecord = serde_json::from_value(json).unwrap();
        assert_eq!(back, record);
    }
}
