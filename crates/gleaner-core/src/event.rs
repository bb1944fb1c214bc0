//! Events as they arrive: AI interactions and engagements.

use std::fmt;

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::conversation::{Role, Turn};
use crate::ids::{AccountId, EventId, IdHasher, ItemId};
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

/// The keyed digest of an event's content (see [`Event::content_digest`]):
/// what the store keeps beside an event id to tell an exact redelivery from
/// the same id reused for other content. One-way, and keyed with the
/// store's id secret, so nobody without the secret can confirm a guessed
/// text against it; it is never the text.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventDigest([u8; 32]);

impl EventDigest {
    /// The digest's length in bytes.
    pub const LEN: usize = 32;

    /// Returns the raw bytes, e.g. to store them.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Rebuilds a digest from stored bytes; `None` unless there are 32.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        <[u8; 32]>::try_from(bytes).ok().map(Self)
    }
}

impl fmt::Debug for EventDigest {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "EventDigest(")?;
        for byte in &self.0[..8] {
            write!(formatter, "{byte:02x}")?;
        }
        write!(formatter, "…)")
    }
}

impl Event {
    /// The HMAC-SHA256, under the store's id secret (`hasher`, the
    /// store's [`IdHasher`]), of the event's canonical JSON: every field of SPEC §2,
    /// keys in a fixed order, no whitespace, `at` in RFC 3339 UTC with
    /// nanoseconds, absent optional fields as `null`. Two lines that parse
    /// to the same event (whatever their key order or spacing) have the
    /// same digest; any other difference (account, time, text, item…)
    /// changes it. The canonical JSON lives in memory only while hashed.
    pub fn content_digest(&self, hasher: &IdHasher) -> EventDigest {
        let mut canonical = serde_json::Map::new();
        let mut put = |key: &str, value: serde_json::Value| {
            canonical.insert(key.to_owned(), value);
        };
        put("event_id", self.event_id.as_str().into());
        put("account_id", self.account_id.as_str().into());
        put(
            "at",
            self.at
                .to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
                .into(),
        );
        put("kind", self.body.kind_name().into());
        match &self.body {
            EventBody::AiInteraction(interaction) => {
                put("product", interaction.product.as_str().into());
                put(
                    "modality",
                    serde_json::to_value(interaction.modality).unwrap_or_default(),
                );
                put("encrypted", interaction.encrypted.into());
                put(
                    "conversation_id",
                    interaction.conversation_id.as_str().into(),
                );
                let turns: Vec<serde_json::Value> = interaction
                    .turns
                    .iter()
                    .map(|turn| {
                        let role = match turn.role {
                            Role::User => "user",
                            Role::Assistant => "assistant",
                            Role::System => "system",
                        };
                        serde_json::json!({ "role": role, "text": turn.text.expose() })
                    })
                    .collect();
                put("turns", turns.into());
            }
            EventBody::Engagement(engagement) => {
                put(
                    "action",
                    serde_json::to_value(engagement.action).unwrap_or_default(),
                );
                put("item_id", engagement.item_id.as_str().into());
            }
        }
        let mut mac = hasher.keyed_mac();
        // Apart from id hashes under the same key.
        mac.update(EVENT_DIGEST_DOMAIN);
        // Writing JSON into a MAC cannot fail.
        let _infallible = serde_json::to_writer(&mut HashWriter(&mut mac), &canonical);
        EventDigest(mac.finalize().into_bytes().into())
    }
}

/// Feeds `serde_json` output straight into a hasher (no buffer holds the text).
struct HashWriter<'a>(&'a mut Hmac<Sha256>);

/// Prefixed to the canonical JSON before it is hashed, so that an event
/// digest never equals an id hash made with the same key.
const EVENT_DIGEST_DOMAIN: &[u8] = b"gleaner event content digest\0";

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::ConversationText;

    fn interaction(account: &str, text: &str) -> Event {
        Event {
            event_id: EventId::new("e-1"),
            account_id: AccountId::new(account),
            at: "2025-12-20T10:00:00Z".parse().unwrap(),
            body: EventBody::AiInteraction(AiInteraction {
                product: "assistant".into(),
                modality: Modality::Text,
                encrypted: Some(false),
                conversation_id: "c-1".into(),
                turns: vec![Turn {
                    role: Role::User,
                    text: ConversationText::new(text),
                }],
            }),
        }
    }

    #[test]
    fn the_digest_is_stable_and_changes_with_any_field() {
        let hasher = IdHasher::new(&[3; crate::ID_SECRET_LEN]);
        let event = interaction("wa:1", "boots for a trek");
        assert_eq!(
            event.content_digest(&hasher),
            event.clone().content_digest(&hasher)
        );
        assert_ne!(
            event.content_digest(&hasher),
            interaction("wa:2", "boots for a trek").content_digest(&hasher)
        );
        assert_ne!(
            event.content_digest(&hasher),
            interaction("wa:1", "boots for a hike").content_digest(&hasher)
        );
        let mut later = event.clone();
        later.at += chrono::Duration::nanoseconds(1);
        assert_ne!(event.content_digest(&hasher), later.content_digest(&hasher));
        let mut unknown = event.clone();
        if let EventBody::AiInteraction(inner) = &mut unknown.body {
            inner.encrypted = None;
        }
        assert_ne!(
            event.content_digest(&hasher),
            unknown.content_digest(&hasher)
        );
    }

    #[test]
    fn the_digest_is_keyed_with_the_store_secret() {
        let event = interaction("wa:1", "boots for a trek");
        let first = IdHasher::new(&[1; crate::ID_SECRET_LEN]);
        let second = IdHasher::new(&[2; crate::ID_SECRET_LEN]);
        assert_ne!(event.content_digest(&first), event.content_digest(&second));
        // Not the id hash of anything under the same key (domain prefix).
        let digest = event.content_digest(&first);
        assert_ne!(
            &digest.as_bytes()[..16],
            first.hash("wa:1").as_bytes().as_slice()
        );
    }

    #[test]
    fn the_digest_debug_form_is_short() {
        let hasher = IdHasher::new(&[3; crate::ID_SECRET_LEN]);
        let shown = format!("{:?}", interaction("wa:1", "x").content_digest(&hasher));
        assert!(
            shown.starts_with("EventDigest(") && shown.ends_with("…)"),
            "{shown}"
        );
        assert_eq!(
            shown.chars().count(),
            "EventDigest(".len() + 16 + 2,
            "{shown}"
        );
    }
}
