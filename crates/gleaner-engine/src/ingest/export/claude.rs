//! Claude's `conversations.json` (Anthropic data export: Settings → Privacy
//! → Export data; the zip holds `conversations.json`, `projects.json` and
//! `users.json`).
//!
//! The file is a list of conversations:
//!
//! ```json
//! [{"uuid": "…", "name": "…", "created_at": "2025-01-02T10:00:00.000000Z",
//!   "chat_messages": [
//!     {"uuid": "…", "sender": "human", "text": "…", "created_at": "…",
//!      "content": [{"type": "text", "text": "…"}], "attachments": [], "files": []},
//!     {"sender": "assistant", "…": "…"}]}]
//! ```
//!
//! A message's words are the `text` items of `content` joined by newlines;
//! older exports have no `content`, and then the flat `text` is used.
//! Skipped: other content items (`tool_use`, `tool_result`, `thinking`,
//! images), attachments and files (documents the person uploaded are not
//! conversation turns), and senders other than `human` and `assistant`.

use gleaner_core::{Conversation, ConversationText, Role, Turn};
use serde_json::Value;

use super::{
    conversation_id, parse_each, parse_json, title_text, ExportError, ExportFormat,
    ExportedConversation, FieldReader, ParsedExport,
};

/// Parses a Claude `conversations.json` (or one conversation object).
pub fn parse_claude(bytes: &[u8]) -> Result<ParsedExport, ExportError> {
    from_value(&parse_json(bytes)?)
}

pub(crate) fn from_value(root: &Value) -> Result<ParsedExport, ExportError> {
    parse_each(root, ExportFormat::Claude, conversation)
}

fn conversation(reader: FieldReader, value: &Value) -> Result<ExportedConversation, ExportError> {
    let object = reader.object(value, "(conversation)")?;
    let export_id = reader.optional_str(object, "uuid", "")?;
    let title = reader.optional_str(object, "name", "")?;
    let created_at = reader
        .optional_str(object, "created_at", "")?
        .map(|text| reader.rfc3339(text, "created_at"))
        .transpose()?;
    let messages = reader.required_array(object, "chat_messages", "")?;
    let mut turns = Vec::with_capacity(messages.len());
    for (position, message_value) in messages.iter().enumerate() {
        let message_path = format!("chat_messages[{position}]");
        let message = reader.object(message_value, &message_path)?;
        let role = match reader.optional_str(message, "sender", &message_path)? {
            Some("human") => Role::User,
            Some("assistant") => Role::Assistant,
            _ => continue,
        };
        // Read (and so validate) the message time even though turns carry none.
        if let Some(text) = reader.optional_str(message, "created_at", &message_path)? {
            reader.rfc3339(text, &format!("{message_path}.created_at"))?;
        }
        let content = reader.optional_array(message, "content", &message_path)?;
        let mut texts = Vec::new();
        for (item_position, item_value) in content.iter().enumerate() {
            let item_path = format!("{message_path}.content[{item_position}]");
            let item = reader.object(item_value, &item_path)?;
            if reader.optional_str(item, "type", &item_path)? == Some("text") {
                if let Some(text) = reader.optional_str(item, "text", &item_path)? {
                    texts.push(text);
                }
            }
        }
        let flat_text = reader.optional_str(message, "text", &message_path)?;
        if content.is_empty() {
            texts.extend(flat_text);
        }
        let texts: Vec<&str> = texts
            .into_iter()
            .filter(|text| !text.trim().is_empty())
            .collect();
        if texts.is_empty() {
            continue;
        }
        turns.push(Turn {
            role,
            text: ConversationText::new(texts.join("\n")),
        });
    }
    Ok(ExportedConversation {
        index: reader.index,
        created_at,
        title: title_text(title),
        conversation: Conversation {
            id: conversation_id(export_id, reader.index),
            turns,
        },
    })
}
