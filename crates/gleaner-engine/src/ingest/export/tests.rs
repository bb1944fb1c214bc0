use gleaner_core::Role;

use super::*;

const CHATGPT: &[u8] = include_bytes!("../../../tests/fixtures/exports/chatgpt_conversations.json");
const CLAUDE: &[u8] = include_bytes!("../../../tests/fixtures/exports/claude_conversations.json");
const META_AI: &[u8] = include_bytes!("../../../tests/fixtures/exports/meta_ai_conversations.json");
const META_MESSENGER: &[u8] =
    include_bytes!("../../../tests/fixtures/exports/meta_messenger_thread.json");

fn turns(conversation: &ExportedConversation) -> Vec<(Role, &str)> {
    conversation
        .conversation
        .turns
        .iter()
        .map(|turn| (turn.role, turn.text.expose()))
        .collect()
}

fn field_error(result: Result<ParsedExport, ExportError>) -> (usize, String, String) {
    match result {
        Err(ExportError::Field {
            index,
            field,
            problem,
        }) => (index, field, problem),
        other => panic!("expected a field error, got {other:?}"),
    }
}

// ---- ChatGPT ----

#[test]
fn chatgpt_follows_the_current_branch_and_keeps_user_and_assistant_text_only() {
    let parsed = parse_chatgpt(CHATGPT).unwrap();
    assert_eq!(parsed.format, ExportFormat::ChatGpt);
    assert_eq!(parsed.conversations.len(), 4);
    let trek = &parsed.conversations[0];
    assert_eq!(trek.index, 0);
    assert_eq!(trek.conversation.id, "c0a1b2c3-0000-4000-8000-000000000001");
    assert_eq!(
        trek.title.as_ref().unwrap().expose(),
        "Boots for a three-day trek"
    );
    assert_eq!(
        turns(trek),
        vec![
            // The image part is skipped, its text part kept.
            (
                Role::User,
                "Which hiking boots should I buy for a three-day trek in the Alps?"
            ),
            (
                Role::Assistant,
                "For a three-day trek, pick mid-cut waterproof hiking boots."
            ),
            // The tool message between them is skipped.
            (Role::User, "And a light tent for two people?"),
        ]
    );
    let all_text: String = trek
        .conversation
        .turns
        .iter()
        .map(|turn| turn.text.expose())
        .collect();
    assert!(
        !all_text.contains("abandoned"),
        "the other branch is not read"
    );
    assert!(!all_text.contains("tool output"));
}

#[test]
fn chatgpt_create_time_is_fractional_unix_seconds() {
    let parsed = parse_chatgpt(CHATGPT).unwrap();
    let created = parsed.conversations[0].created_at.unwrap();
    assert_eq!(created.to_rfc3339(), "2026-01-01T10:00:00.250+00:00");
    assert_eq!(parsed.conversations[3].created_at, None);
}

#[test]
fn chatgpt_empty_conversation_is_kept_with_no_turns() {
    let parsed = parse_chatgpt(CHATGPT).unwrap();
    let empty = &parsed.conversations[2];
    assert_eq!(empty.index, 2);
    assert!(empty.conversation.turns.is_empty());
}

#[test]
fn chatgpt_without_current_node_orders_by_create_time_and_skips_code() {
    let parsed = parse_chatgpt(CHATGPT).unwrap();
    let dinner = &parsed.conversations[3];
    assert_eq!(
        dinner.conversation.id, "3",
        "no id in the export: the index"
    );
    assert_eq!(dinner.title, None);
    assert_eq!(
        turns(dinner),
        vec![
            (
                Role::User,
                "What should I cook for dinner tonight with pasta?"
            ),
            (
                Role::Assistant,
                "Try a cast-iron skillet and a simple tomato sauce."
            ),
        ]
    );
}

#[test]
fn chatgpt_parent_cycle_stops_instead_of_looping() {
    let export = br#"[{"current_node":"a","mapping":{
        "a":{"parent":"b","message":{"author":{"role":"user"},"content":{"content_type":"text","parts":["one"]}}},
        "b":{"parent":"a","message":{"author":{"role":"assistant"},"content":{"content_type":"text","parts":["two"]}}}}}]"#;
    let parsed = parse_chatgpt(export).unwrap();
    assert_eq!(parsed.conversations[0].conversation.turns.len(), 2);
}

#[test]
fn chatgpt_wrong_role_type_names_the_conversation_and_the_field() {
    let export = br#"[{"mapping":{}},{"current_node":"n2","mapping":{
        "n1":{"parent":null,"message":null},
        "n2":{"parent":"n1","message":{"author":{"role":7},"content":{"content_type":"text","parts":["x"]}}}}}]"#;
    let (index, field, problem) = field_error(parse_chatgpt(export));
    assert_eq!(index, 1);
    assert_eq!(field, "mapping[n2].message.author.role");
    assert_eq!(problem, "should be a string but is a number");
}

#[test]
fn chatgpt_missing_mapping_and_bad_time_are_named() {
    let (index, field, problem) = field_error(parse_chatgpt(br#"[{"title":"t"}]"#));
    assert_eq!(
        (index, field.as_str(), problem.as_str()),
        (0, "mapping", "is missing")
    );
    let (_, field, _) = field_error(parse_chatgpt(
        br#"[{"create_time":"yesterday","mapping":{}}]"#,
    ));
    assert_eq!(field, "create_time");
    let (_, field, problem) =
        field_error(parse_chatgpt(br#"[{"create_time":1e300,"mapping":{}}]"#));
    assert_eq!(field, "create_time");
    assert!(problem.contains("in range"), "{problem}");
    let (_, field, _) = field_error(parse_chatgpt(
        br#"[{"mapping":{"n":{"message":{"author":{"role":"user"},"content":{"parts":"x"}}}}}]"#,
    ));
    assert_eq!(field, "mapping[n].message.content.parts");
}

// ---- Claude ----

#[test]
fn claude_reads_text_content_and_falls_back_to_flat_text() {
    let parsed = parse_claude(CLAUDE).unwrap();
    assert_eq!(parsed.format, ExportFormat::Claude);
    assert_eq!(parsed.conversations.len(), 3);
    let lisbon = &parsed.conversations[0];
    assert_eq!(
        lisbon.conversation.id,
        "5f1e0000-0000-4000-8000-00000000000a"
    );
    assert_eq!(
        lisbon.created_at.unwrap().to_rfc3339(),
        "2026-01-03T09:00:00+00:00"
    );
    assert_eq!(
        turns(lisbon),
        vec![
            (
                Role::User,
                "Plan a weekend trip to Lisbon: flights, a hotel near Alfama and two restaurants."
            ),
            // thinking, tool_use and tool_result items are skipped.
            (
                Role::Assistant,
                "Here is a two-day Lisbon itinerary with a hotel in Alfama."
            ),
            (
                Role::User,
                "Old-style message with the flat text only: which tram goes to the castle?"
            ),
        ]
    );
}

#[test]
fn claude_times_with_offsets_are_converted_to_utc_and_empty_chats_are_kept() {
    let parsed = parse_claude(CLAUDE).unwrap();
    assert_eq!(
        parsed.conversations[1].created_at.unwrap().to_rfc3339(),
        "2026-01-04T17:30:00+00:00"
    );
    let empty = &parsed.conversations[2];
    assert!(empty.conversation.turns.is_empty());
    assert_eq!(empty.title, None, "an empty name is no title");
}

#[test]
fn claude_malformed_fields_are_named() {
    let (index, field, problem) = field_error(parse_claude(
        br#"[{"uuid":"a","chat_messages":[]},{"uuid":"b"}]"#,
    ));
    assert_eq!(
        (index, field.as_str(), problem.as_str()),
        (1, "chat_messages", "is missing")
    );
    let (_, field, problem) = field_error(parse_claude(
        br#"[{"created_at":"last tuesday","chat_messages":[]}]"#,
    ));
    assert_eq!(field, "created_at");
    assert_eq!(problem, "is not an RFC 3339 time");
    let (_, field, _) = field_error(parse_claude(
        br#"[{"chat_messages":[{"sender":"human","content":[{"type":"text","text":5}]}]}]"#,
    ));
    assert_eq!(field, "chat_messages[0].content[0].text");
    let (_, field, _) = field_error(parse_claude(
        br#"[{"chat_messages":[{"sender":"human","created_at":"soon"}]}]"#,
    ));
    assert_eq!(field, "chat_messages[0].created_at");
}

// ---- Meta AI ----

#[test]
fn meta_label_values_threads_are_ordered_repaired_and_notices_skipped() {
    let parsed = parse_meta_ai(META_AI).unwrap();
    assert_eq!(parsed.format, ExportFormat::MetaAi);
    assert_eq!(parsed.conversations.len(), 3);
    let guitar = &parsed.conversations[0];
    assert_eq!(guitar.conversation.id, "30000000000000001");
    assert_eq!(
        guitar.created_at.unwrap().to_rfc3339(),
        "2026-01-06T12:00:00+00:00",
        "the earliest kept message, not the thread's last activity"
    );
    assert_eq!(
        turns(guitar),
        vec![
            (
                Role::User,
                "Which electric guitar should a beginner buy? I like café jazz\nand maybe an amp for practice at home"
            ),
            (
                Role::Assistant,
                "Great pick 😂 The Fender Player is a solid first electric guitar."
            ),
        ]
    );
}

#[test]
fn meta_empty_thread_is_kept_and_thread_time_is_the_fallback() {
    let parsed = parse_meta_ai(META_AI).unwrap();
    let empty = &parsed.conversations[2];
    assert!(empty.conversation.turns.is_empty());
    assert_eq!(
        empty.created_at.unwrap().to_rfc3339(),
        "2026-01-08T12:00:00+00:00"
    );
}

#[test]
fn meta_messenger_thread_reads_sender_names_and_milliseconds() {
    let parsed = parse_meta_ai(META_MESSENGER).unwrap();
    assert_eq!(parsed.conversations.len(), 1);
    let football = &parsed.conversations[0];
    assert_eq!(football.conversation.id, "inbox/metaai_1");
    assert_eq!(
        turns(football),
        vec![
            (
                Role::User,
                "What football formation should my Sunday league team play?"
            ),
            (
                Role::Assistant,
                "A 4-4-2 with two holding midfielders suits your Sunday league team."
            ),
        ]
    );
    assert_eq!(
        football.created_at.unwrap().to_rfc3339(),
        "2026-01-09T12:00:01+00:00",
        "the earliest message with text (the photo-only message is not read)"
    );
}

#[test]
fn meta_generic_messages_keep_file_order_without_times() {
    let export = br#"{"messages":[{"author":"user","text":"first"},{"author":{"role":"assistant"},"text":"second"},{"sender":"system","text":"notice"}]}"#;
    let parsed = parse_meta_ai(export).unwrap();
    assert_eq!(
        turns(&parsed.conversations[0]),
        vec![(Role::User, "first"), (Role::Assistant, "second")]
    );
}

#[test]
fn meta_text_repair_leaves_real_unicode_and_ascii_alone() {
    assert_eq!(meta::repair_meta_text("plain"), "plain");
    assert_eq!(
        meta::repair_meta_text("caf\u{e9}"),
        "caf\u{e9}",
        "not valid UTF-8 bytes: kept"
    );
    assert_eq!(meta::repair_meta_text("caf\u{c3}\u{a9}"), "café");
    assert_eq!(meta::repair_meta_text("already 😂"), "already 😂");
}

#[test]
fn meta_malformed_fields_are_named() {
    let (index, field, problem) = field_error(parse_meta_ai(
        br#"[{"label_values":[{"title":"Messages","dict":[{"dict":[{"label":"Message","value":"x"},{"timestamp_value":"noon"}]}]}]}]"#,
    ));
    assert_eq!(index, 0);
    assert_eq!(field, "label_values[0].dict[0].dict[1].timestamp_value");
    assert_eq!(problem, "should be a number but is a string");
    let (_, field, _) = field_error(parse_meta_ai(
        br#"[{"messages":[{"content":"x","timestamp_ms":true}]}]"#,
    ));
    assert_eq!(field, "messages[0].timestamp_ms");
    let (_, field, _) = field_error(parse_meta_ai(br#"[{"messages":{}}]"#));
    assert_eq!(field, "messages");
}

// ---- Detection ----

#[test]
fn parse_export_detects_each_format() {
    assert_eq!(parse_export(CHATGPT).unwrap().format, ExportFormat::ChatGpt);
    assert_eq!(parse_export(CLAUDE).unwrap().format, ExportFormat::Claude);
    assert_eq!(parse_export(META_AI).unwrap().format, ExportFormat::MetaAi);
    assert_eq!(
        parse_export(META_MESSENGER).unwrap().format,
        ExportFormat::MetaAi
    );
    assert_eq!(
        parse_export(CHATGPT).unwrap(),
        parse_chatgpt(CHATGPT).unwrap(),
        "detection gives the same result as the named parser"
    );
}

#[test]
fn parse_export_accepts_a_single_conversation_object() {
    let parsed =
        parse_export(br#"{"uuid":"one","chat_messages":[{"sender":"human","text":"hello"}]}"#)
            .unwrap();
    assert_eq!(parsed.format, ExportFormat::Claude);
    assert_eq!(parsed.conversations.len(), 1);
}

#[test]
fn an_empty_list_is_an_empty_export() {
    let parsed = parse_export(b" [ ] ").unwrap();
    assert_eq!(parsed.format, ExportFormat::Empty);
    assert!(parsed.conversations.is_empty());
}

#[test]
fn unknown_shapes_are_rejected_with_what_was_found() {
    for (input, expected) in [
        (&b"42"[..], "the top level is a number"),
        (b"[1, 2]", "the first conversation is a number"),
        (b"[{\"id\":1}]", "none of `mapping`"),
        (b"\"text\"", "the top level is a string"),
    ] {
        match parse_export(input) {
            Err(ExportError::UnknownFormat { reason }) => {
                assert!(reason.contains(expected), "{reason}");
            }
            other => panic!("expected UnknownFormat, got {other:?}"),
        }
    }
}

#[test]
fn a_later_conversation_of_another_shape_is_an_error_at_its_index() {
    let (index, field, problem) = field_error(parse_export(
        br#"[{"mapping":{}},{"mapping":{}},{"chat_messages":[]}]"#,
    ));
    assert_eq!(
        (index, field.as_str(), problem.as_str()),
        (2, "mapping", "is missing")
    );
}

#[test]
fn broken_json_names_line_and_column() {
    match parse_export(b"[\n  {\"mapping\": {}},\n  {\"mapping\": \n") {
        Err(ExportError::Json {
            line,
            column,
            reason,
        }) => {
            assert_eq!(line, 4);
            assert!(column <= 1, "{column}");
            assert!(reason.contains("EOF"), "{reason}");
            assert!(!reason.contains("at line"), "the position is not repeated");
        }
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

// ---- Privacy ----

const CANARY: &str = "CANARYdiagnosisZQX";

/// Inputs that each fail, with the canary in the message text or title.
fn malformed_inputs_with_canary() -> Vec<(&'static str, String)> {
    vec![
        (
            "chatgpt role",
            format!(
                r#"[{{"title":"{CANARY}","mapping":{{"n":{{"message":{{"author":{{"role":["{CANARY}"]}},"content":{{"parts":["{CANARY}"]}}}}}}}}}}]"#
            ),
        ),
        (
            "chatgpt parts not a list",
            format!(
                r#"[{{"mapping":{{"n":{{"message":{{"author":{{"role":"user"}},"content":{{"parts":"{CANARY}"}}}}}}}}}}]"#
            ),
        ),
        (
            "chatgpt node key is text",
            format!(
                r#"[{{"mapping":{{"my {CANARY} words":{{"message":{{"author":{{"role":"user"}},"content":{{"parts":{{"x":"{CANARY}"}}}}}}}}}}}}]"#
            ),
        ),
        (
            "chatgpt time",
            format!(r#"[{{"create_time":"{CANARY}","mapping":{{}}}}]"#),
        ),
        (
            "claude time",
            format!(r#"[{{"created_at":"{CANARY}","chat_messages":[]}}]"#),
        ),
        (
            "claude text type",
            format!(
                r#"[{{"chat_messages":[{{"sender":"human","text":["{CANARY}"]}},{{"sender":"human","content":"{CANARY}"}}]}}]"#
            ),
        ),
        (
            "claude sender type",
            format!(
                r#"[{{"chat_messages":[{{"sender":{{"name":"{CANARY}"}},"text":"{CANARY}"}}]}}]"#
            ),
        ),
        (
            "meta timestamp",
            format!(
                r#"[{{"label_values":[{{"title":"Messages","dict":[{{"dict":[{{"label":"Message","value":"{CANARY}"}},{{"timestamp_value":"{CANARY}"}}]}}]}}]}}]"#
            ),
        ),
        (
            "meta rfc3339",
            format!(r#"{{"messages":[{{"text":"{CANARY}","timestamp":"{CANARY}"}}]}}"#),
        ),
        (
            "meta content type",
            format!(r#"{{"messages":[{{"content":{{"{CANARY}":"{CANARY}"}}}}]}}"#),
        ),
        ("unknown format", format!(r#"[{{"{CANARY}":"{CANARY}"}}]"#)),
        (
            "unterminated string",
            format!(r#"[{{"mapping":{{"n":{{"message":"{CANARY}"#),
        ),
        (
            "bad escape",
            format!(r#"[{{"title":"{CANARY} \q {CANARY}"}}]"#),
        ),
        (
            "control character",
            format!("[{{\"title\":\"{CANARY}\u{1}{CANARY}\"}}]"),
        ),
        ("trailing garbage", format!(r#"[] "{CANARY}""#)),
        ("bare word", format!("[{CANARY}]")),
    ]
}

#[test]
fn canary_errors_never_contain_message_text() {
    for (name, input) in malformed_inputs_with_canary() {
        let results = [
            parse_export(input.as_bytes()),
            parse_chatgpt(input.as_bytes()),
            parse_claude(input.as_bytes()),
            parse_meta_ai(input.as_bytes()),
        ];
        let mut failures = 0;
        for result in results {
            if let Err(error) = result {
                failures += 1;
                let shown = error.to_string();
                let debugged = format!("{error:?}");
                assert!(!shown.contains(CANARY), "{name}: {shown}");
                assert!(!debugged.contains(CANARY), "{name}: {debugged}");
                assert!(!shown.contains("diagnosis"), "{name}: {shown}");
            }
        }
        assert!(failures > 0, "{name}: expected at least one parser to fail");
    }
}

#[test]
fn canary_parsed_exports_never_show_text_in_debug() {
    for export in [CHATGPT, CLAUDE, META_AI, META_MESSENGER] {
        let debugged = format!("{:?}", parse_export(export).unwrap());
        for secret in [
            "diabetes",
            "Catholicism",
            "gay",
            "hiking boots",
            "Boots for",
        ] {
            assert!(!debugged.contains(secret), "{secret} in {debugged}");
        }
    }
}
