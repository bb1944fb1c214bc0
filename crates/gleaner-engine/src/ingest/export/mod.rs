//! Reading a person's own AI-chat export, for `gleaner audit EXPORT`.
//!
//! A person downloads their data from an AI product, unzips it, and hands
//! Gleaner the conversations file. [`parse_export`] tells the format from the
//! JSON itself and returns every conversation as a
//! [`Conversation`]: the turns the person and the
//! assistant wrote, wrapped in [`ConversationText`]
//! so they cannot reach a log line. The parsers are pure: bytes in, values
//! out, no IO and no clock.
//!
//! # Formats
//!
//! - **ChatGPT** ([`chatgpt`]): the `conversations.json` of OpenAI's data
//!   export, a list of conversations whose messages form a tree (`mapping`).
//! - **Claude** ([`claude`]): the `conversations.json` of Anthropic's data
//!   export, a list of conversations with a flat `chat_messages` list.
//! - **Meta AI** ([`meta`]): the `ai_conversations.json` of Meta's "Download
//!   Your Information" (JSON format), and Messenger-style thread files. The
//!   module documentation of [`meta`] lists the sources and what is assumed.
//!
//! A file may also hold a single conversation object of any of these shapes
//! instead of a list.
//!
//! # Errors
//!
//! A malformed export is an [`ExportError`] that names the position: the
//! line and column for broken JSON, the conversation index (0-based, the
//! position in the top-level list) and the field path for a value of the
//! wrong type. Errors never carry message text: field values are never
//! quoted, and quoted spans of `serde_json` messages are redacted.
//!
//! What is skipped rather than rejected: system and tool messages, non-text
//! parts (images, files, code-interpreter output), messages of a role the
//! parser does not know, and fields it does not read. An export that parses
//! can still hold conversations with no turns at all; they are kept, so the
//! count matches what the person sees in the product.
//!
//! # Layout
//!
//! - [`chatgpt`] holds [`parse_chatgpt`].
//! - [`claude`] holds [`parse_claude`].
//! - [`meta`] holds [`parse_meta_ai`] and the text repair Meta's files need.
//! - This module holds the shared types, format detection and field helpers.
// Product names such as ChatGPT are prose here, not code.
#![allow(clippy::doc_markdown)]

pub mod chatgpt;
pub mod claude;
pub mod meta;

#[cfg(test)]
mod tests;

use std::fmt;

use chrono::{DateTime, Utc};
use gleaner_core::{Conversation, ConversationText, Timestamp};
use serde::Serialize;
use serde_json::{Map, Value};

pub use chatgpt::parse_chatgpt;
pub use claude::parse_claude;
pub use meta::parse_meta_ai;

/// Which product an export came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ExportFormat {
    /// OpenAI ChatGPT `conversations.json`.
    ChatGpt,
    /// Anthropic Claude `conversations.json`.
    Claude,
    /// Meta AI conversations from "Download Your Information".
    MetaAi,
    /// An empty list: there is nothing to tell the format by, and nothing
    /// to audit.
    Empty,
}

impl ExportFormat {
    /// Returns the stable name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ChatGpt => "chatgpt",
            Self::Claude => "claude",
            Self::MetaAi => "meta_ai",
            Self::Empty => "empty",
        }
    }

    /// Returns the name people know the product by.
    pub fn display_name(self) -> &'static str {
        match self {
            Self::ChatGpt => "ChatGPT",
            Self::Claude => "Claude",
            Self::MetaAi => "Meta AI",
            Self::Empty => "empty export",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// One conversation of an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportedConversation {
    /// The position in the export's top-level list, from 0.
    pub index: usize,
    /// When the conversation started, where the export says.
    pub created_at: Option<Timestamp>,
    /// The conversation's title. Products write it from the person's own
    /// words, so it is held as redacting text like the turns.
    pub title: Option<ConversationText>,
    /// The turns. `id` is the export's own conversation id where it has one,
    /// otherwise the index.
    pub conversation: Conversation,
}

/// A whole parsed export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedExport {
    /// The detected (or requested) format.
    pub format: ExportFormat,
    /// Every conversation, in the order of the file.
    pub conversations: Vec<ExportedConversation>,
}

/// Why an export could not be read. Never carries message text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The bytes are not JSON.
    #[error("the export is not valid JSON (line {line}, column {column}): {reason}")]
    Json {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong, with quoted input redacted.
        reason: String,
    },
    /// The JSON is not one of the supported export shapes.
    #[error("not a ChatGPT, Claude or Meta AI conversations export: {reason}")]
    UnknownFormat {
        /// What was found instead.
        reason: String,
    },
    /// A field of one conversation is missing or has the wrong type.
    #[error("conversation {index}: `{field}` {problem}")]
    Field {
        /// The conversation's position in the top-level list, from 0.
        index: usize,
        /// The path of the field inside that conversation.
        field: String,
        /// What is wrong with it (never its value).
        problem: String,
    },
}

impl ExportError {
    fn from_json(error: &serde_json::Error) -> Self {
        let message = error.to_string();
        // serde_json appends " at line L column C"; the position has its own fields.
        let without_position = match message.rfind(" at line ") {
            Some(cut) if error.line() > 0 => &message[..cut],
            _ => message.as_str(),
        };
        Self::Json {
            line: error.line(),
            column: error.column(),
            reason: super::jsonl::redact_quoted(without_position),
        }
    }
}

/// Parses an export of any supported format, telling the format from the
/// JSON itself (see [`detect_format`]).
pub fn parse_export(bytes: &[u8]) -> Result<ParsedExport, ExportError> {
    let root = parse_json(bytes)?;
    match detect_format(&root)? {
        ExportFormat::ChatGpt => chatgpt::from_value(&root),
        ExportFormat::Claude => claude::from_value(&root),
        ExportFormat::MetaAi => meta::from_value(&root),
        ExportFormat::Empty => Ok(ParsedExport {
            format: ExportFormat::Empty,
            conversations: Vec::new(),
        }),
    }
}

/// Tells the format of an export from its first conversation: a `mapping`
/// means ChatGPT, `chat_messages` Claude, `label_values` or `messages` Meta
/// AI. An empty list is [`ExportFormat::Empty`].
pub fn detect_format(root: &Value) -> Result<ExportFormat, ExportError> {
    let first = match root {
        Value::Array(elements) => match elements.first() {
            None => return Ok(ExportFormat::Empty),
            Some(first) => first,
        },
        Value::Object(_) => root,
        other => {
            return Err(ExportError::UnknownFormat {
                reason: format!(
                    "the top level is {}, not a list of conversations",
                    json_kind(other)
                ),
            })
        }
    };
    let Value::Object(object) = first else {
        return Err(ExportError::UnknownFormat {
            reason: format!(
                "the first conversation is {}, not an object",
                json_kind(first)
            ),
        });
    };
    if object.contains_key("mapping") {
        Ok(ExportFormat::ChatGpt)
    } else if object.contains_key("chat_messages") {
        Ok(ExportFormat::Claude)
    } else if object.contains_key("label_values") || object.contains_key("messages") {
        Ok(ExportFormat::MetaAi)
    } else {
        Err(ExportError::UnknownFormat {
            reason: "the first conversation has none of `mapping` (ChatGPT), `chat_messages` \
                     (Claude), `label_values` or `messages` (Meta AI)"
                .to_owned(),
        })
    }
}

pub(crate) fn parse_json(bytes: &[u8]) -> Result<Value, ExportError> {
    serde_json::from_slice(bytes).map_err(|error| ExportError::from_json(&error))
}

/// Parses every conversation of a root value with one format's parser.
pub(crate) fn parse_each(
    root: &Value,
    format: ExportFormat,
    parse_one: fn(FieldReader, &Value) -> Result<ExportedConversation, ExportError>,
) -> Result<ParsedExport, ExportError> {
    let conversations = conversation_values(root)?
        .iter()
        .enumerate()
        .map(|(index, value)| parse_one(FieldReader { index }, value))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ParsedExport {
        format,
        conversations,
    })
}

/// The conversations of a root value: the list's elements, or the root
/// itself when it is a single conversation object.
pub(crate) fn conversation_values(root: &Value) -> Result<&[Value], ExportError> {
    match root {
        Value::Array(elements) => Ok(elements.as_slice()),
        Value::Object(_) => Ok(std::slice::from_ref(root)),
        other => Err(ExportError::UnknownFormat {
            reason: format!(
                "the top level is {}, not a list of conversations",
                json_kind(other)
            ),
        }),
    }
}

/// Names a JSON value's type for error messages (never its content).
pub(crate) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Reads fields of one conversation and builds errors that name its index
/// and the field path.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FieldReader {
    pub(crate) index: usize,
}

impl FieldReader {
    pub(crate) fn error(self, field: impl Into<String>, problem: impl Into<String>) -> ExportError {
        ExportError::Field {
            index: self.index,
            field: field.into(),
            problem: problem.into(),
        }
    }

    pub(crate) fn wrong_type(
        self,
        field: impl Into<String>,
        expected: &str,
        found: &Value,
    ) -> ExportError {
        self.error(
            field,
            format!("should be {expected} but is {}", json_kind(found)),
        )
    }

    pub(crate) fn object<'a>(
        self,
        value: &'a Value,
        field: &str,
    ) -> Result<&'a Map<String, Value>, ExportError> {
        value
            .as_object()
            .ok_or_else(|| self.wrong_type(field, "an object", value))
    }

    /// A field that must be present (and not null).
    pub(crate) fn required<'a>(
        self,
        object: &'a Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<&'a Value, ExportError> {
        match object.get(key) {
            None | Some(Value::Null) => Err(self.error(join(path, key), "is missing")),
            Some(value) => Ok(value),
        }
    }

    pub(crate) fn required_array<'a>(
        self,
        object: &'a Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<&'a [Value], ExportError> {
        let value = self.required(object, key, path)?;
        value
            .as_array()
            .map(Vec::as_slice)
            .ok_or_else(|| self.wrong_type(join(path, key), "a list", value))
    }

    /// A list that may be absent or null (then empty).
    pub(crate) fn optional_array<'a>(
        self,
        object: &'a Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<&'a [Value], ExportError> {
        match object.get(key) {
            None | Some(Value::Null) => Ok(&[]),
            Some(Value::Array(elements)) => Ok(elements.as_slice()),
            Some(other) => Err(self.wrong_type(join(path, key), "a list", other)),
        }
    }

    pub(crate) fn optional_str<'a>(
        self,
        object: &'a Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<Option<&'a str>, ExportError> {
        match object.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.as_str())),
            Some(other) => Err(self.wrong_type(join(path, key), "a string", other)),
        }
    }

    pub(crate) fn optional_number(
        self,
        object: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<Option<f64>, ExportError> {
        match object.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(number)) => Ok(number.as_f64()),
            Some(other) => Err(self.wrong_type(join(path, key), "a number", other)),
        }
    }

    /// Unix seconds (possibly fractional) to a timestamp.
    pub(crate) fn unix_seconds(self, seconds: f64, field: &str) -> Result<Timestamp, ExportError> {
        timestamp_from_unix_seconds(seconds)
            .ok_or_else(|| self.error(field, "is not a time in range (unix seconds expected)"))
    }

    /// An RFC 3339 time (as written by Claude's export).
    pub(crate) fn rfc3339(self, text: &str, field: &str) -> Result<Timestamp, ExportError> {
        DateTime::parse_from_rfc3339(text)
            .map(|instant| instant.with_timezone(&Utc))
            .map_err(|_| self.error(field, "is not an RFC 3339 time"))
    }
}

/// Seconds since the epoch to a timestamp; `None` when outside chrono's
/// range (years ±262 143) or not finite.
pub(crate) fn timestamp_from_unix_seconds(seconds: f64) -> Option<Timestamp> {
    const LIMIT: f64 = 8.0e12;
    if !seconds.is_finite() || seconds.abs() > LIMIT {
        return None;
    }
    let whole = seconds.floor();
    let nanos = ((seconds - whole) * 1e9).round().clamp(0.0, 999_999_999.0) as u32;
    DateTime::from_timestamp(whole as i64, nanos)
}

/// Joins a path and a key: `join("a.b", "c")` is `a.b.c`.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// A conversation id from the export, or the index when it has none.
pub(crate) fn conversation_id(export_id: Option<&str>, index: usize) -> String {
    match export_id {
        Some(id) if !id.trim().is_empty() => id.to_owned(),
        _ => index.to_string(),
    }
}

/// A title, unless it is empty.
pub(crate) fn title_text(title: Option<&str>) -> Option<ConversationText> {
    title
        .map(str::trim)
        .filter(|title| !title.is_empty())
        .map(ConversationText::new)
}
