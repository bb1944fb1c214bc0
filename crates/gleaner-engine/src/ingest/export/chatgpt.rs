//! ChatGPT's `conversations.json` (OpenAI data export: Settings → Data
//! controls → Export data; the zip holds `conversations.json`).
//!
//! The file is a list of conversations:
//!
//! ```json
//! [{"title": "…", "create_time": 1700000000.5, "id": "…", "current_node": "n3",
//!   "mapping": {
//!     "n1": {"id": "n1", "message": null, "parent": null, "children": ["n2"]},
//!     "n2": {"id": "n2", "parent": "n1", "children": ["n3"],
//!            "message": {"author": {"role": "user"}, "create_time": 1700000001.0,
//!                        "content": {"content_type": "text", "parts": ["…"]}}},
//!     "n3": {"…": "…"}}}]
//! ```
//!
//! Messages form a tree because a person can edit a message or regenerate an
//! answer; `current_node` is the leaf of the branch shown in the product.
//! When it is present the parser walks from it back to the root through
//! `parent` and keeps that branch only (what the person last saw). Without
//! it, every message is taken in `create_time` order.
//!
//! Kept: `user` and `assistant` messages whose `content_type` is `text` or
//! `multimodal_text`, string parts only, joined by newlines. Skipped: system
//! and tool messages, hidden context messages
//! (`metadata.is_visually_hidden_from_conversation`), other content types
//! (code, execution output, browsing results, reasoning) and non-string
//! parts (images, audio, files).

use gleaner_core::{Conversation, ConversationText, Role, Turn};
use serde_json::{Map, Value};

use super::{
    conversation_id, parse_each, parse_json, title_text, ExportError, ExportFormat,
    ExportedConversation, FieldReader, ParsedExport,
};

/// Parses a ChatGPT `conversations.json` (or one conversation object).
pub fn parse_chatgpt(bytes: &[u8]) -> Result<ParsedExport, ExportError> {
    from_value(&parse_json(bytes)?)
}

pub(crate) fn from_value(root: &Value) -> Result<ParsedExport, ExportError> {
    parse_each(root, ExportFormat::ChatGpt, conversation)
}

fn conversation(reader: FieldReader, value: &Value) -> Result<ExportedConversation, ExportError> {
    let object = reader.object(value, "(conversation)")?;
    let title = reader.optional_str(object, "title", "")?;
    let created_at = reader
        .optional_number(object, "create_time", "")?
        .map(|seconds| reader.unix_seconds(seconds, "create_time"))
        .transpose()?;
    let export_id = match reader.optional_str(object, "conversation_id", "")? {
        Some(id) => Some(id),
        None => reader.optional_str(object, "id", "")?,
    };
    let mapping_value = reader.required(object, "mapping", "")?;
    let mapping = reader.object(mapping_value, "mapping")?;
    let current_node = reader.optional_str(object, "current_node", "")?;

    let node_keys = match current_node.filter(|key| mapping.contains_key(*key)) {
        Some(leaf) => branch_to(reader, mapping, leaf)?,
        None => mapping.keys().map(String::as_str).collect(),
    };
    let mut timed_turns = Vec::new();
    for (position, key) in node_keys.iter().enumerate() {
        let node_path = node_label(key, position);
        let node = reader.object(&mapping[*key], &node_path)?;
        if let Some(timed_turn) = message_turn(reader, node, &node_path)? {
            timed_turns.push(timed_turn);
        }
    }
    if current_node.is_none_or(|key| !mapping.contains_key(key)) {
        // No branch to follow: order by creation time, untimed messages last.
        timed_turns.sort_by(|(left, _), (right, _)| {
            left.unwrap_or(f64::INFINITY)
                .total_cmp(&right.unwrap_or(f64::INFINITY))
        });
    }
    Ok(ExportedConversation {
        index: reader.index,
        created_at,
        title: title_text(title),
        conversation: Conversation {
            id: conversation_id(export_id, reader.index),
            turns: timed_turns.into_iter().map(|(_, turn)| turn).collect(),
        },
    })
}

/// The node keys from the root down to `leaf`, following `parent` links.
/// Stops at a missing parent or a cycle.
fn branch_to<'a>(
    reader: FieldReader,
    mapping: &'a Map<String, Value>,
    leaf: &'a str,
) -> Result<Vec<&'a str>, ExportError> {
    let mut branch = Vec::new();
    let mut visited = std::collections::HashSet::new();
    let mut current = Some(leaf);
    while let Some(key) = current {
        let Some((key, node_value)) = mapping.get_key_value(key) else {
            break;
        };
        if !visited.insert(key.as_str()) {
            break;
        }
        branch.push(key.as_str());
        let node_path = node_label(key, branch.len() - 1);
        let node = reader.object(node_value, &node_path)?;
        current = reader.optional_str(node, "parent", &node_path)?;
    }
    branch.reverse();
    Ok(branch)
}

/// Names a node in an error: its key when the key looks like an id, else
/// its position (a key is an id, but a damaged file could hold anything).
fn node_label(key: &str, position: usize) -> String {
    let looks_like_id = !key.is_empty()
        && key.len() <= 64
        && key
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_');
    if looks_like_id {
        format!("mapping[{key}]")
    } else {
        format!("mapping[node #{position}]")
    }
}

fn message_turn(
    reader: FieldReader,
    node: &Map<String, Value>,
    node_path: &str,
) -> Result<Option<(Option<f64>, Turn)>, ExportError> {
    let message_path = format!("{node_path}.message");
    let message = match node.get("message") {
        None | Some(Value::Null) => return Ok(None),
        Some(value) => reader.object(value, &message_path)?,
    };
    let author_value = reader.required(message, "author", &message_path)?;
    let author_path = format!("{message_path}.author");
    let author = reader.object(author_value, &author_path)?;
    let role = match reader.optional_str(author, "role", &author_path)? {
        Some("user") => Role::User,
        Some("assistant") => Role::Assistant,
        // system, tool, critic and roles this parser does not know.
        _ => return Ok(None),
    };
    let create_time = reader.optional_number(message, "create_time", &message_path)?;
    if let Some(Value::Object(metadata)) = message.get("metadata") {
        if metadata.get("is_visually_hidden_from_conversation") == Some(&Value::Bool(true)) {
            return Ok(None);
        }
    }
    let content = match message.get("content") {
        None | Some(Value::Null) => return Ok(None),
        Some(value) => reader.object(value, &format!("{message_path}.content"))?,
    };
    let content_path = format!("{message_path}.content");
    match reader.optional_str(content, "content_type", &content_path)? {
        Some("text" | "multimodal_text") | None => {}
        Some(_) => return Ok(None),
    }
    let parts = reader.optional_array(content, "parts", &content_path)?;
    let texts: Vec<&str> = parts
        .iter()
        .filter_map(Value::as_str)
        .filter(|part| !part.trim().is_empty())
        .collect();
    if texts.is_empty() {
        return Ok(None);
    }
    Ok(Some((
        create_time,
        Turn {
            role,
            text: ConversationText::new(texts.join("\n")),
        },
    )))
}
