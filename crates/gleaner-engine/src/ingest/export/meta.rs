//! Meta AI conversations from Meta's "Download Your Information" (Accounts
//! Center → Your information and permissions → Download your information,
//! format **JSON**).
//!
//! Meta publishes no schema for these files, so this parser follows real
//! files seen in public, and says where it assumes:
//!
//! - **`ai_conversations.json`** (Instagram: `your_instagram_activity/messages/
//!   ai_conversations.json`; seen in a public repository,
//!   `munkh-hustle/muchi`, pointed to by the Meta AI request in
//!   `Superkikim/nexus-ai-chat-importer` issue #89). A list of threads in
//!   Meta's generic "label/value" layout:
//!
//!   ```json
//!   [{"title": "thread for mailbox…", "timestamp": 1751019480, "fbid": "…",
//!     "label_values": [
//!       {"label": "Summary", "value": ""},
//!       {"title": "Messages", "dict": [
//!         {"title": "", "dict": [
//!           {"label": "Message"}, {"label": "Sticker"}, {"label": "IP address"},
//!           {"label": "Message", "value": "…"}, {"label": "Transcription"},
//!           {"label": "Name", "value": "…"}, {"timestamp_value": 1751019480}]}]}]}]
//!   ```
//!
//!   Each message is a `dict` of labelled entries. The words are the value
//!   of the **last** `Message` entry; the first `Message` entry carries
//!   thread notices ("Meta AI named the group …"), which are skipped. A
//!   `Transcription` value (a voice message) is added to the words. The
//!   sender is the `Name` entry: `Meta AI` is the assistant, any other name
//!   is taken as the person. *Assumption and known limit:* in the files seen,
//!   replies of an AI character can carry the person's own display name, so
//!   some assistant replies are read as the person's. For an audit that errs
//!   towards reporting more, not less. Messages are listed newest first; the
//!   parser puts them in time order.
//! - **Messenger-style threads** (`messages/inbox/<thread>/message_1.json`,
//!   the long-standing Messenger export layout, which is also what chats
//!   with Meta AI inside Messenger look like):
//!
//!   ```json
//!   {"title": "Meta AI", "participants": [{"name": "…"}],
//!    "messages": [{"sender_name": "Meta AI", "timestamp_ms": 1751019480000,
//!                  "content": "…"}]}
//!   ```
//!
//!   The same shape with `sender`/`author`/`role` for the sender,
//!   `text` for `content`, and `timestamp` (seconds or RFC 3339) is also
//!   accepted, as one object or a list of them. *Assumption:* this generic
//!   form is not a documented Meta format; it exists so that a file a
//!   person reshaped by hand still reads.
//!
//! Meta writes non-ASCII text as one `\u00XX` escape per UTF-8 byte
//! (mojibake: "😂" arrives as `\u00f0\u009f\u0098\u0082`). Every string
//! read here is repaired: when all its characters are below U+0100 and
//! their bytes form valid UTF-8, those bytes are decoded.
//!
//! Not supported: the HTML format of the download (choose JSON), and
//! WhatsApp's Meta AI chat, which WhatsApp exports as a `_chat.txt` text file.

use std::borrow::Cow;

use gleaner_core::{Conversation, ConversationText, Role, Timestamp, Turn};
use serde_json::{Map, Value};

use super::{
    conversation_id, parse_each, parse_json, timestamp_from_unix_seconds, title_text, ExportError,
    ExportFormat, ExportedConversation, FieldReader, ParsedExport,
};

/// Parses a Meta AI conversations file (a list of threads, or one thread).
pub fn parse_meta_ai(bytes: &[u8]) -> Result<ParsedExport, ExportError> {
    from_value(&parse_json(bytes)?)
}

pub(crate) fn from_value(root: &Value) -> Result<ParsedExport, ExportError> {
    parse_each(root, ExportFormat::MetaAi, thread)
}

/// Repairs Meta's per-byte escaping of UTF-8 (see the module docs).
pub fn repair_meta_text(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || text.chars().any(|character| u32::from(character) > 0xFF) {
        return Cow::Borrowed(text);
    }
    let bytes: Vec<u8> = text.chars().map(|character| character as u8).collect();
    match String::from_utf8(bytes) {
        Ok(repaired) => Cow::Owned(repaired),
        Err(_) => Cow::Borrowed(text),
    }
}

/// One message before ordering.
struct MetaMessage {
    at: Option<Timestamp>,
    role: Role,
    text: String,
}

fn thread(reader: FieldReader, value: &Value) -> Result<ExportedConversation, ExportError> {
    let object = reader.object(value, "(conversation)")?;
    let title = reader
        .optional_str(object, "title", "")?
        .map(repair_meta_text);
    let export_id = match reader.optional_str(object, "fbid", "")? {
        Some(id) => Some(id),
        None => reader.optional_str(object, "thread_path", "")?,
    };
    let thread_time = reader
        .optional_number(object, "timestamp", "")?
        .map(|seconds| reader.unix_seconds(seconds, "timestamp"))
        .transpose()?;
    let newest_first = object.contains_key("label_values");
    let mut messages = if newest_first {
        label_value_messages(reader, object)?
    } else {
        let listed = reader.required_array(object, "messages", "")?;
        listed
            .iter()
            .enumerate()
            .map(|(position, message)| plain_message(reader, message, position))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect()
    };
    // Meta lists messages newest first. Where every message has a time:
    // reverse, then order by time (the stable sort keeps ties in reversed
    // file order). Otherwise reverse only the layout known to be newest
    // first, and keep the file order of the generic layout.
    if messages.iter().all(|message| message.at.is_some()) {
        messages.reverse();
        messages.sort_by_key(|message| message.at);
    } else if newest_first {
        messages.reverse();
    }
    let created_at = messages
        .iter()
        .filter_map(|message| message.at)
        .min()
        .or(thread_time);
    Ok(ExportedConversation {
        index: reader.index,
        created_at,
        title: title_text(title.as_deref()),
        conversation: Conversation {
            id: conversation_id(export_id, reader.index),
            turns: messages
                .into_iter()
                .map(|message| Turn {
                    role: message.role,
                    text: ConversationText::new(message.text),
                })
                .collect(),
        },
    })
}

/// The `ai_conversations.json` layout: messages under the `Messages` entry
/// of `label_values`.
fn label_value_messages(
    reader: FieldReader,
    object: &Map<String, Value>,
) -> Result<Vec<MetaMessage>, ExportError> {
    let label_values = reader.required_array(object, "label_values", "")?;
    let mut messages = Vec::new();
    for (block_position, block_value) in label_values.iter().enumerate() {
        let block_path = format!("label_values[{block_position}]");
        let block = reader.object(block_value, &block_path)?;
        if reader.optional_str(block, "title", &block_path)? != Some("Messages") {
            continue;
        }
        let listed = reader.optional_array(block, "dict", &block_path)?;
        for (message_position, message_value) in listed.iter().enumerate() {
            let message_path = format!("{block_path}.dict[{message_position}]");
            if let Some(message) = labelled_message(reader, message_value, &message_path)? {
                messages.push(message);
            }
        }
    }
    Ok(messages)
}

fn labelled_message(
    reader: FieldReader,
    value: &Value,
    message_path: &str,
) -> Result<Option<MetaMessage>, ExportError> {
    let message = reader.object(value, message_path)?;
    let entries = reader.optional_array(message, "dict", message_path)?;
    let mut body: Option<&str> = None;
    let mut transcription: Option<&str> = None;
    let mut sender: Option<&str> = None;
    let mut at = None;
    for (entry_position, entry_value) in entries.iter().enumerate() {
        let entry_path = format!("{message_path}.dict[{entry_position}]");
        let entry = reader.object(entry_value, &entry_path)?;
        if let Some(seconds) = reader.optional_number(entry, "timestamp_value", &entry_path)? {
            at = Some(reader.unix_seconds(seconds, &format!("{entry_path}.timestamp_value"))?);
        }
        let Some(label) = reader.optional_str(entry, "label", &entry_path)? else {
            continue;
        };
        // Only string values are read; other labels may hold lists or objects.
        let text_value = match entry.get("value") {
            Some(Value::String(text)) => Some(text.as_str()),
            _ => None,
        };
        match label {
            "Message" => body = text_value.or(Some("")),
            "Transcription" => transcription = text_value.or(transcription),
            "Name" => sender = text_value.or(sender),
            _ => {}
        }
    }
    let text = [body, transcription]
        .into_iter()
        .flatten()
        .map(repair_meta_text)
        .filter(|text| !text.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if text.is_empty() {
        return Ok(None);
    }
    let Some(role) = role_of_sender(sender.map(repair_meta_text).as_deref()) else {
        return Ok(None);
    };
    Ok(Some(MetaMessage { at, role, text }))
}

/// The Messenger-style (and generic) layout: a `messages` list.
fn plain_message(
    reader: FieldReader,
    value: &Value,
    position: usize,
) -> Result<Option<MetaMessage>, ExportError> {
    let message_path = format!("messages[{position}]");
    let message = reader.object(value, &message_path)?;
    let sender = match message
        .get("sender_name")
        .or_else(|| message.get("sender"))
        .or_else(|| message.get("author"))
        .or_else(|| message.get("role"))
    {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => Some(name.as_str()),
        Some(Value::Object(author)) => match author.get("name").or_else(|| author.get("role")) {
            Some(Value::String(name)) => Some(name.as_str()),
            _ => None,
        },
        Some(other) => {
            return Err(reader.wrong_type(format!("{message_path}.sender_name"), "a string", other))
        }
    };
    let at = message_time(reader, message, &message_path)?;
    let mut texts: Vec<Cow<'_, str>> = Vec::new();
    for key in ["content", "text"] {
        match message.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) => texts.push(repair_meta_text(text)),
            Some(Value::Array(items)) => {
                for item in items {
                    match item {
                        Value::String(text) => texts.push(repair_meta_text(text)),
                        Value::Object(part) => {
                            if let Some(Value::String(text)) = part.get("text") {
                                texts.push(repair_meta_text(text));
                            }
                        }
                        _ => {}
                    }
                }
            }
            Some(other) => {
                return Err(reader.wrong_type(format!("{message_path}.{key}"), "a string", other))
            }
        }
        if !texts.is_empty() {
            break;
        }
    }
    let text = texts
        .iter()
        .map(Cow::as_ref)
        .filter(|text| !text.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if text.is_empty() {
        return Ok(None);
    }
    let Some(role) = role_of_sender(sender.map(repair_meta_text).as_deref()) else {
        return Ok(None);
    };
    Ok(Some(MetaMessage { at, role, text }))
}

fn message_time(
    reader: FieldReader,
    message: &Map<String, Value>,
    message_path: &str,
) -> Result<Option<Timestamp>, ExportError> {
    if let Some(milliseconds) = reader.optional_number(message, "timestamp_ms", message_path)? {
        let at = timestamp_from_unix_seconds(milliseconds / 1000.0).ok_or_else(|| {
            reader.error(
                format!("{message_path}.timestamp_ms"),
                "is not a time in range (unix milliseconds expected)",
            )
        })?;
        return Ok(Some(at));
    }
    let field = format!("{message_path}.timestamp");
    match message.get("timestamp") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(number)) => number
            .as_f64()
            .map(|seconds| reader.unix_seconds(seconds, &field))
            .transpose(),
        Some(Value::String(text)) => reader.rfc3339(text, &field).map(Some),
        Some(other) => Err(reader.wrong_type(field, "a number or an RFC 3339 string", other)),
    }
}

/// `Meta AI` (and generic assistant names) is the assistant; `system` is
/// skipped; anyone else is the person.
fn role_of_sender(sender: Option<&str>) -> Option<Role> {
    let Some(sender) = sender else {
        return Some(Role::User);
    };
    match sender.trim().to_ascii_lowercase().as_str() {
        "meta ai" | "assistant" | "ai" | "bot" | "model" => Some(Role::Assistant),
        "system" | "tool" => None,
        _ => Some(Role::User),
    }
}
