//! Signals: derived interests, the only thing kept from an event.

use serde::{Deserialize, Serialize};

use crate::event::{EngagementAction, Modality};
use crate::ids::{AccountId, HashedId, ItemId, Surface, TopicId};
use crate::purpose::Purposes;
use crate::Timestamp;

/// Where a signal came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SourceKind {
    /// A conversation with an AI product.
    AiInteraction {
        /// The AI product.
        product: String,
        /// How it was said.
        modality: Modality,
    },
    /// A like, follow, share, comment or join.
    Engagement {
        /// What was done.
        action: EngagementAction,
        /// On which item.
        item_id: ItemId,
    },
}

impl SourceKind {
    /// Returns `"ai_interaction"` or `"engagement"`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Self::AiInteraction { .. } => "ai_interaction",
            Self::Engagement { .. } => "engagement",
        }
    }

    /// Returns true for AI interactions (the opt-out applies to them).
    pub fn is_ai_interaction(&self) -> bool {
        matches!(self, Self::AiInteraction { .. })
    }
}

/// One derived interest of one account, from one event: a topic id, a
/// weight, a time and where it came from. Never any text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// The account whose event produced it.
    pub account_id: AccountId,
    /// The hashed event id (the idempotency key, one-way).
    pub event: HashedId,
    /// The inferred topic.
    pub topic: TopicId,
    /// The classifier's confidence times the action's strength, before decay.
    pub weight: f32,
    /// Where it came from.
    pub source: SourceKind,
    /// The surface of the account that produced it.
    pub surface: Surface,
    /// When the event happened.
    pub at: Timestamp,
    /// What the guardrails allowed it to be used for at ingest.
    pub purposes: Purposes,
}
