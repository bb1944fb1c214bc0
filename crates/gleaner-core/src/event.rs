//! Events as they arrive: AI interactions and engagements.

use serde::{Deserialize, Serialize};

use crate::conversation::Turn;
use crate::ids::{AccountId, EventId, ItemId};
use crate::Timestamp;

/// One incoming event. Its surface is its account's surface.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Idempotency key.
    pub event_id: EventId,
    /// Whose event it is.
    pub account_id: AccountId,
    /// When it happened.
    pub at: Timestamp,
    /// What happened.
    pub body: EventBody,
}

/// The kind-specific part of an [`Event`].
#[derive(Clone, Debug, PartialEq)]
pub enum EventBody {
    /// A conversation with an AI product.
    AiInteraction(AiInteraction),
    /// A like, follow, share, comment or join on a catalog item.
    Engagement(Engagement),
}

impl EventBody {
    /// Returns the stable name of the event kind.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Self::AiInteraction(_) => "ai_interaction",
            Self::Engagement(_) => "engagement",
        }
    }
}

/// How an AI interaction reached the assistant; it always arrives as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Typed chat.
    Text,
    /// Voice chat, as a transcript.
    Voice,
    /// A photo, as the assistant's description.
    Image,
    /// A video, as the assistant's description.
    Video,
}

/// A conversation with an AI product.
#[derive(Clone, Debug, PartialEq)]
pub struct AiInteraction {
    /// The AI product (`assistant`, `glasses`, `imagine`, `vibes`, …).
    pub product: String,
    /// How it was said.
    pub modality: Modality,
    /// End-to-end encrypted chats are never read; unknown counts as encrypted.
    pub encrypted: Option<bool>,
    /// The conversation this interaction belongs to.
    pub conversation_id: String,
    /// The words, held in memory only until classified.
    pub turns: Vec<Turn>,
}

/// The kind of engagement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EngagementAction {
    /// A like.
    Like,
    /// A follow.
    Follow,
    /// A share.
    Share,
    /// A comment (its text is not taken).
    Comment,
    /// Joining a group.
    Join,
}

impl EngagementAction {
    /// Returns how strongly this action signals interest, relative to a like.
    pub fn strength(self) -> f32 {
        match self {
            Self::Like => 1.0,
            Self::Comment => 1.2,
            Self::Share => 1.5,
            Self::Follow | Self::Join => 2.0,
        }
    }
}

/// A like, follow, share, comment or join.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Engagement {
    /// What was done.
    pub action: EngagementAction,
    /// On which catalog item.
    pub item_id: ItemId,
}
