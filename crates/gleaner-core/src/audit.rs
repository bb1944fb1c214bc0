//! Audit records: the proof that the guardrails held.

use serde::{Deserialize, Serialize};

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
