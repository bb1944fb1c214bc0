//! Parsing and validating JSON Lines input, one line at a time.
//!
//! Every function returns the parsed value or a [`RejectReason`]. Messages
//! name the field; input values quoted in `serde_json` messages are
//! redacted, because a mistyped field can hold conversation text and the
//! rejection report is printed and logged.

use chrono::{DateTime, Utc};
use gleaner_core::{
    Account, AccountId, AiInteraction, CatalogItem, Engagement, EngagementAction, Event, EventBody,
    EventId, ItemId, Modality, Turn,
};
use serde::Deserialize;

use super::report::RejectReason;

/// Limits applied while parsing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseLimits {
    /// Maximum conversation text per event, in bytes (sum over turns).
    pub max_text_bytes: usize,
}

impl Default for ParseLimits {
    fn default() -> Self {
        Self {
            max_text_bytes: 64 * 1024,
        }
    }
}

/// Replaces every double-quoted span of a `serde_json` message with `"…"`,
/// and the value of an ``unknown variant `…` `` message. Field names (in
/// backticks) and the list of expected values stay; input values do not.
pub fn redact_quoted(message: &str) -> String {
    let without_strings = redact_double_quoted(message);
    let marker = "unknown variant `";
    match without_strings.find(marker) {
        Some(start) => {
            let value_start = start + marker.len();
            match without_strings[value_start..].find('`') {
                Some(length) => format!(
                    "{}…{}",
                    &without_strings[..value_start],
                    &without_strings[value_start + length..]
                ),
                None => without_strings,
            }
        }
        None => without_strings,
    }
}

fn redact_double_quoted(message: &str) -> String {
    let mut redacted = String::with_capacity(message.len());
    let mut inside_quotes = false;
    let mut previous = '\0';
    for character in message.chars() {
        if character == '"' && previous != '\\' {
            if inside_quotes {
                redacted.push_str("…\"");
            } else {
                redacted.push('"');
            }
            inside_quotes = !inside_quotes;
        } else if !inside_quotes {
            redacted.push(character);
        }
        previous = character;
    }
    redacted
}

/// Refuses a record that is not a JSON object: `serde` would otherwise
/// take an array (`["zz:1","facebook",…]`) as the fields in declaration
/// order, so a line's meaning would hang on the order of a struct's fields.
fn require_object(line: &str) -> Result<(), RejectReason> {
    // Anything else that is not an object is not JSON a struct takes:
    // serde_json says so.
    if line.trim_start().starts_with('[') {
        return Err(RejectReason::Malformed(
            "a record must be a JSON object, not an array".to_owned(),
        ));
    }
    Ok(())
}

fn malformed(error: &serde_json::Error) -> RejectReason {
    RejectReason::Malformed(redact_quoted(&error.to_string()))
}

fn invalid(field: &str, problem: impl Into<String>) -> RejectReason {
    RejectReason::InvalidField {
        field: field.to_owned(),
        problem: problem.into(),
    }
}

/// Parses one account line.
pub fn parse_account(line: &str) -> Result<Account, RejectReason> {
    require_object(line)?;
    let account: Account = serde_json::from_str(line).map_err(|error| malformed(&error))?;
    if account.account_id.as_str().trim().is_empty() {
        return Err(invalid("account_id", "must not be empty"));
    }
    if account.surface.as_str().trim().is_empty() {
        return Err(invalid("surface", "must not be empty"));
    }
    if let Some(birth_year) = account.birth_year {
        if !(1900..=2100).contains(&birth_year) {
            return Err(invalid(
                "birth_year",
                format!("{birth_year} is not between 1900 and 2100"),
            ));
        }
    }
    Ok(account)
}

/// Parses one catalog line.
pub fn parse_catalog_item(line: &str) -> Result<CatalogItem, RejectReason> {
    require_object(line)?;
    let item: CatalogItem = serde_json::from_str(line).map_err(|error| malformed(&error))?;
    if item.item_id.as_str().trim().is_empty() {
        return Err(invalid("item_id", "must not be empty"));
    }
    if item.title.trim().is_empty() && item.text.trim().is_empty() && item.topics.is_empty() {
        return Err(invalid(
            "topics",
            "an item without topics needs a title or text to infer them from",
        ));
    }
    Ok(item)
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawKind {
    AiInteraction,
    Engagement,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    event_id: String,
    kind: RawKind,
    account_id: String,
    at: DateTime<Utc>,
    product: Option<String>,
    modality: Option<Modality>,
    encrypted: Option<bool>,
    conversation_id: Option<String>,
    turns: Option<Vec<Turn>>,
    action: Option<EngagementAction>,
    item_id: Option<String>,
}

fn required<T>(value: Option<T>, field: &str, kind: &str) -> Result<T, RejectReason> {
    value.ok_or_else(|| invalid(field, format!("required for kind `{kind}`")))
}

/// Parses and validates one event line.
pub fn parse_event(line: &str, limits: ParseLimits) -> Result<Event, RejectReason> {
    require_object(line)?;
    let raw: RawEvent = serde_json::from_str(line).map_err(|error| malformed(&error))?;
    if raw.event_id.trim().is_empty() {
        return Err(invalid("event_id", "must not be empty"));
    }
    if raw.account_id.trim().is_empty() {
        return Err(invalid("account_id", "must not be empty"));
    }
    let body = match raw.kind {
        RawKind::AiInteraction => {
            let kind = "ai_interaction";
            if raw.action.is_some() || raw.item_id.is_some() {
                return Err(invalid("action", "not allowed for kind `ai_interaction`"));
            }
            let turns = required(raw.turns, "turns", kind)?;
            if turns.is_empty() {
                return Err(invalid("turns", "must hold at least one turn"));
            }
            let text_bytes: usize = turns.iter().map(|turn| turn.text.len()).sum();
            if text_bytes > limits.max_text_bytes {
                return Err(RejectReason::TextTooLarge {
                    field: "turns",
                    bytes: text_bytes,
                    limit: limits.max_text_bytes,
                });
            }
            EventBody::AiInteraction(AiInteraction {
                product: required(raw.product, "product", kind)?,
                modality: required(raw.modality, "modality", kind)?,
                encrypted: raw.encrypted,
                conversation_id: required(raw.conversation_id, "conversation_id", kind)?,
                turns,
            })
        }
        RawKind::Engagement => {
            let kind = "engagement";
            if raw.turns.is_some() {
                return Err(invalid("turns", "not allowed for kind `engagement`"));
            }
            EventBody::Engagement(Engagement {
                action: required(raw.action, "action", kind)?,
                item_id: ItemId::new(required(raw.item_id, "item_id", kind)?),
            })
        }
    };
    Ok(Event {
        event_id: EventId::new(raw.event_id),
        account_id: AccountId::new(raw.account_id),
        at: raw.at,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD_AI: &str = r#"{"event_id":"e-1","kind":"ai_interaction","account_id":"wa:2001","at":"2025-12-20T10:00:00Z","product":"assistant","modality":"text","encrypted":false,"conversation_id":"c-9","turns":[{"role":"user","text":"Which boots for a 3-day trek?"},{"role":"assistant","text":"..."}]}"#;
    const GOOD_LIKE: &str = r#"{"event_id":"e-2","kind":"engagement","account_id":"fb:1001","at":"2025-12-21T08:00:00Z","action":"like","item_id":"page:trail-runners"}"#;

    #[test]
    fn spec_examples_parse() {
        let event = parse_event(GOOD_AI, ParseLimits::default()).unwrap();
        assert!(
            matches!(event.body, EventBody::AiInteraction(ref ai) if ai.turns.len() == 2 && ai.encrypted == Some(false))
        );
        let event = parse_event(GOOD_LIKE, ParseLimits::default()).unwrap();
        assert!(
            matches!(event.body, EventBody::Engagement(ref engagement) if engagement.action == EngagementAction::Like)
        );
    }

    #[test]
    fn errors_name_the_field() {
        let missing = GOOD_LIKE.replace(r#""at":"2025-12-21T08:00:00Z","#, "");
        let reason = parse_event(&missing, ParseLimits::default()).unwrap_err();
        assert!(reason.to_string().contains("`at`"), "{reason}");
        let no_item = GOOD_LIKE.replace(r#","item_id":"page:trail-runners""#, "");
        let reason = parse_event(&no_item, ParseLimits::default()).unwrap_err();
        assert_eq!(
            reason.to_string(),
            "field `item_id`: required for kind `engagement`"
        );
        let unknown = GOOD_LIKE.replace(r#""action""#, r#""colour":"red","action""#);
        assert!(parse_event(&unknown, ParseLimits::default())
            .unwrap_err()
            .to_string()
            .contains("unknown field `colour`"));
        assert!(matches!(
            parse_event("not json", ParseLimits::default()),
            Err(RejectReason::Malformed(_))
        ));
    }

    #[test]
    fn mistyped_text_is_never_echoed() {
        let canary = "CANARY-diagnosis-7731";
        let line = GOOD_AI.replace(
            r#"[{"role":"user","text":"Which boots for a 3-day trek?"},{"role":"assistant","text":"..."}]"#,
            &format!(r#""{canary}""#),
        );
        let reason = parse_event(&line, ParseLimits::default()).unwrap_err();
        let shown = reason.to_string();
        assert!(!shown.contains("CANARY"), "{shown}");
        assert!(shown.contains("invalid type"), "{shown}");
        let line = GOOD_AI.replace(r#""role":"user""#, &format!(r#""role":"{canary}""#));
        assert!(!parse_event(&line, ParseLimits::default())
            .unwrap_err()
            .to_string()
            .contains("CANARY"));
    }

    #[test]
    fn oversized_text_is_rejected() {
        let long = "a".repeat(100);
        let line = GOOD_AI.replace("Which boots for a 3-day trek?", &long);
        let reason = parse_event(&line, ParseLimits { max_text_bytes: 50 }).unwrap_err();
        assert_eq!(
            reason,
            RejectReason::TextTooLarge {
                field: "turns",
                bytes: 103,
                limit: 50
            }
        );
    }

    #[test]
    fn accounts_and_items_are_validated() {
        assert!(
            parse_account(r#"{"account_id":"a","surface":"facebook","birth_year":1800}"#)
                .unwrap_err()
                .to_string()
                .contains("birth_year")
        );
        assert!(
            parse_account(r#"{"account_id":"a","surface":"facebook","country":"USA"}"#).is_err()
        );
        assert!(parse_account(r#"{"account_id":"a","surface":"facebook"}"#).is_ok());
        assert!(parse_catalog_item(r#"{"item_id":"ad:1","kind":"ad","title":"Boots"}"#).is_ok());
        assert!(
            parse_catalog_item(r#"{"item_id":"ad:1","kind":"banner","title":"Boots"}"#).is_err()
        );
    }

    #[test]
    fn records_in_array_form_are_rejected() {
        let account = r#"["zz:1","facebook",null,"US",1990,null,"on",[]]"#;
        // serde alone takes it (the fields in declaration order)…
        assert!(serde_json::from_str::<Account>(account).is_ok());
        // …the parser does not.
        for reason in [
            parse_account(account).unwrap_err(),
            parse_catalog_item(r#" ["ad:1","ad","Boots","",[20],null]"#).unwrap_err(),
            parse_event(
                r#"["e-1","engagement","fb:1","2025-12-21T08:00:00Z",null,null,null,null,null,"like","page:x"]"#,
                ParseLimits::default(),
            )
            .unwrap_err(),
        ] {
            assert_eq!(
                reason.to_string(),
                "malformed: a record must be a JSON object, not an array"
            );
        }
    }

    #[test]
    fn redaction_keeps_backticks_and_drops_quoted_values() {
        assert_eq!(
            redact_quoted(
                r#"invalid type: string "secret words", expected a sequence at line 1 column 9"#
            ),
            r#"invalid type: string "…", expected a sequence at line 1 column 9"#
        );
        assert_eq!(
            redact_quoted("unknown field `colour`"),
            "unknown field `colour`"
        );
    }
}
