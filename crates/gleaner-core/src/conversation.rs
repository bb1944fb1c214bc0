//! What a person said to an AI product, held only in memory.

use std::fmt;

use serde::Deserialize;

/// Raw conversation text: a user's words, a voice transcript, or an
/// assistant's description of a photo or video.
///
/// Gleaner never stores, logs or audits this text, and the type makes that
/// hard to get wrong: `Debug` prints only the length, there is no `Display`
/// and no `Serialize`, so it cannot be written by `serde`, `format!("{}")` or
/// a `tracing` field. Only the classifier reads it, through [`Self::expose`].
#[derive(Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(transparent)]
pub struct ConversationText(String);

impl ConversationText {
    /// Wraps text that came in.
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// Gives read access to the words, for classification only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Returns the length in bytes (safe to log).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Returns true when there is no text.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for ConversationText {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "ConversationText(<redacted {} bytes>)",
            self.0.len()
        )
    }
}

/// Who spoke a turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The person.
    User,
    /// The AI product (including its descriptions of photos and video).
    Assistant,
    /// A system or tool message.
    System,
}

/// One turn of a conversation.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    /// Who spoke.
    pub role: Role,
    /// What was said.
    pub text: ConversationText,
}

/// A conversation as the classifier sees it: an id and its turns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversation {
    /// A caller-chosen id, echoed back in results.
    pub id: String,
    /// Every turn; the sensitive rule looks at all of them.
    pub turns: Vec<Turn>,
}

impl Conversation {
    /// Builds a one-turn user conversation.
    pub fn from_user_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            turns: vec![Turn {
                role: Role::User,
                text: ConversationText::new(text),
            }],
        }
    }

    /// Returns the total text length in bytes.
    pub fn text_len(&self) -> usize {
        self.turns.iter().map(|turn| turn.text.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_words() {
        let text = ConversationText::new("my secret diagnosis");
        let debug = format!("{text:?}");
        assert!(!debug.contains("secret"));
        assert!(debug.contains("19 bytes"));
        let turn = Turn {
            role: Role::User,
            text,
        };
        assert!(!format!("{turn:?}").contains("diagnosis"));
    }
}
