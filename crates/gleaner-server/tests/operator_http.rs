//! Issue 13 over HTTP: the operator's explicit, audited changes to an
//! account (a move between accounts centers, an override of the person's
//! settings) take an operator token, say nothing about an account to any
//! other, name the field of a bad body, and leave records that the
//! person's export shows. The person's own settings routes refuse an
//! operator token, pointing to the audited override.

mod common;

use common::{TestServer, SPORTS, TRAVEL};
use serde_json::json;

const MOVE_FB2: &str = "/v1/accounts/fb:2/move";
const OVERRIDE_FB2: &str = "/v1/accounts/fb:2/settings-override";

#[test]
fn only_an_operator_token_moves_or_overrides_and_others_learn_nothing() {
    let server = TestServer::start();
    let move_body = br#"{"accounts_center_id":"ac:1"}"#;
    let override_body = br#"{"ai_personalization":"off","reason":"SUP-1"}"#;
    let others = [
        ("ingest", server.tokens.ingest.clone()),
        ("advertiser", server.tokens.advertiser.clone()),
        ("the person's own", server.tokens.person_fb2.clone()),
        ("a linked person's", server.tokens.person_fb1.clone()),
    ];
    for (path_of, body) in [
        ("/v1/accounts/{id}/move".to_owned(), move_body.as_slice()),
        (
            "/v1/accounts/{id}/settings-override".to_owned(),
            override_body.as_slice(),
        ),
    ] {
        for (who, token) in &others {
            for account in ["fb:2", "fb:nobody"] {
                let path = path_of.replace("{id}", account);
                let response = server.request("POST", &path, Some(token), body);
                assert_eq!(
                    response.status,
                    403,
                    "{who} token on {path}: {}",
                    response.text()
                );
                assert_eq!(response.json()["error"]["code"], "forbidden");
            }
        }
        let path = path_of.replace("{id}", "fb:2");
        let anonymous = server.request("POST", &path, None, body);
        assert_eq!(anonymous.status, 401, "{}", anonymous.text());
        let unknown = server.request(
            "POST",
            &path_of.replace("{id}", "fb:nobody"),
            Some(&server.tokens.operator),
            body,
        );
        assert_eq!(unknown.status, 404, "{}", unknown.text());
    }
    assert!(server.store.account_moves().unwrap().is_empty());
    assert!(server.store.settings_overrides().unwrap().is_empty());
    let person = server.get("/v1/accounts/fb:2/export", &server.tokens.person_fb2);
    assert_eq!(person.json()["account"]["ai_personalization"], "on");
}

#[test]
fn an_operator_move_is_audited_and_changes_who_reads_the_account() {
    let server = TestServer::start();
    let operator = server.tokens.operator.clone();
    let before = server.get("/v1/accounts/fb:2/export", &server.tokens.person_fb1);
    assert_eq!(before.status, 403, "fb:1 reads fb:2 before the move");

    let moved = server.request(
        "POST",
        MOVE_FB2,
        Some(&operator),
        br#"{"accounts_center_id":"ac:1"}"#,
    );
    assert_eq!(moved.status, 200, "{}", moved.text());
    assert_eq!(
        moved.json(),
        json!({"account_id": "fb:2", "from": null, "to": "ac:1", "moved": true})
    );
    let move_records = server.store.account_moves().unwrap();
    assert_eq!(move_records.len(), 1);
    let hasher = server.store.id_hasher();
    assert_eq!(
        move_records[0].account,
        gleaner_core::AccountId::new("fb:2").hashed(hasher)
    );
    assert_eq!(
        move_records[0].to_center,
        Some(gleaner_core::AccountsCenterId::new("ac:1").hashed(hasher))
    );
    assert_eq!(
        move_records[0].at,
        common::now(),
        "the time is the server's clock"
    );
    assert!(
        move_records[0].by.starts_with("token ") && !move_records[0].by.contains(&operator),
        "{}",
        move_records[0].by
    );
    let after = server.get("/v1/accounts/fb:2/export", &server.tokens.person_fb1);
    assert_eq!(after.status, 200, "{}", after.text());
    let export = after.json();
    assert_eq!(
        export["account_moves"].as_array().unwrap().len(),
        1,
        "{export}"
    );

    let again = server.request(
        "POST",
        MOVE_FB2,
        Some(&operator),
        br#"{"accounts_center_id":"ac:1"}"#,
    );
    assert_eq!(again.json()["moved"], false);
    let unlinked = server.request(
        "POST",
        MOVE_FB2,
        Some(&operator),
        br#"{"accounts_center_id":null}"#,
    );
    assert_eq!(unlinked.status, 200, "{}", unlinked.text());
    assert_eq!(unlinked.json()["to"], serde_json::Value::Null);
    assert_eq!(server.store.account_moves().unwrap().len(), 2);
}

#[test]
fn a_bad_move_or_override_body_names_the_field_and_changes_nothing() {
    let server = TestServer::start();
    let operator = server.tokens.operator.clone();
    let cases: [(&str, &[u8], Option<&str>); 9] = [
        (MOVE_FB2, b"{}", None),
        (
            MOVE_FB2,
            br#"{"accounts_center_id":""}"#,
            Some("accounts_center_id"),
        ),
        (
            MOVE_FB2,
            br#"{"accounts_center_id":7}"#,
            Some("accounts_center_id"),
        ),
        (MOVE_FB2, br#"{"accounts_center_id":"ac:1","to":"x"}"#, None),
        (OVERRIDE_FB2, br#"{"ai_personalization":"off"}"#, None),
        (
            OVERRIDE_FB2,
            br#"{"ai_personalization":"maybe","reason":"SUP-1"}"#,
            Some("ai_personalization"),
        ),
        (
            OVERRIDE_FB2,
            br#"{"ai_personalization":"off","reason":"  "}"#,
            Some("reason"),
        ),
        (
            OVERRIDE_FB2,
            br#"{"hidden_topics":[999999],"reason":"SUP-1"}"#,
            Some("hidden_topics"),
        ),
        (OVERRIDE_FB2, br#"{"reason":"SUP-1"}"#, None),
    ];
    for (path, body, field_opt) in cases {
        let response = server.request("POST", path, Some(&operator), body);
        let text = String::from_utf8_lossy(body);
        assert_eq!(response.status, 422, "{path} {text}: {}", response.text());
        let error = response.json()["error"].clone();
        if let Some(field) = field_opt {
            assert_eq!(error["field"], field, "{path} {text}: {error}");
        }
        if path == MOVE_FB2 && body == b"{}" {
            let message = error["message"].as_str().unwrap();
            assert!(message.contains("accounts_center_id"), "{error}");
        }
    }
    assert!(server.store.account_moves().unwrap().is_empty());
    assert!(server.store.settings_overrides().unwrap().is_empty());
}

#[test]
fn an_operator_override_is_audited_and_the_persons_export_and_profile_show_it() {
    let server = TestServer::start();
    let operator = server.tokens.operator.clone();
    let person = server.tokens.person_fb2.clone();
    let body = json!({
        "ai_personalization": "off",
        "hidden_topics": [TRAVEL, SPORTS, TRAVEL],
        "reason": "SUP-77: request by letter",
    })
    .to_string();
    let response = server.request("POST", OVERRIDE_FB2, Some(&operator), body.as_bytes());
    assert_eq!(response.status, 200, "{}", response.text());
    let done = response.json();
    assert_eq!(done["overridden"], true, "{done}");
    assert_eq!(done["ai_personalization"], "off");
    assert_eq!(done["hidden_topics"], json!([SPORTS, TRAVEL]));
    let record = &done["record"];
    assert_eq!(record["at"], "2026-03-01T00:00:00Z", "{record}");
    assert_eq!(record["reason"], "SUP-77: request by letter");
    assert_eq!(
        record["ai_personalization"],
        json!({"from": "on", "to": "off"})
    );
    assert_eq!(
        record["hidden_topics"],
        json!({"from": [], "to": [SPORTS, TRAVEL]})
    );
    assert!(record["by"].as_str().unwrap().starts_with("token "));
    let hashed_fb2 = gleaner_core::AccountId::new("fb:2").hashed(server.store.id_hasher());
    assert_eq!(record["account"], hashed_fb2.to_string(), "hashed ids only");
    assert!(!record.to_string().contains("fb:2"), "{record}");

    let export = server.get("/v1/accounts/fb:2/export", &person).json();
    assert_eq!(export["settings_overrides"], json!([record]), "{export}");
    assert_eq!(export["account"]["ai_personalization"], "off");
    let profile = server.get("/v1/accounts/fb:2/profile", &person).json();
    assert_eq!(
        profile["interests"],
        json!([]),
        "hidden topics still in the profile: {profile}"
    );

    // The same settings again: nothing changes, nothing is recorded.
    let again = server.request("POST", OVERRIDE_FB2, Some(&operator), body.as_bytes());
    assert_eq!(again.json()["overridden"], false);
    assert_eq!(server.store.settings_overrides().unwrap().len(), 1);

    // Forget erases the record with the account.
    let forgotten = server.request("DELETE", "/v1/accounts/fb:2", Some(&operator), b"");
    assert_eq!(forgotten.status, 200, "{}", forgotten.text());
    assert!(server.store.settings_overrides().unwrap().is_empty());
}

/// The person's own settings routes take a `person` token only: an
/// operator token is 403, names the audited override, and changes nothing
/// (no setting, no record); the same change through the override is made
/// and recorded.
#[test]
fn an_operator_token_on_the_persons_own_settings_routes_is_forbidden_and_points_to_the_override() {
    let server = TestServer::start();
    let operator = server.tokens.operator.clone();
    let person = server.tokens.person_fb2.clone();
    let hide_sports = format!("/v1/accounts/fb:2/hidden-topics/{SPORTS}");
    let hidden = server.request("PUT", &hide_sports, Some(&person), b"");
    assert_eq!(hidden.status, 200, "{}", hidden.text());
    let settings = |server: &TestServer| {
        let export = server.get("/v1/accounts/fb:2/export", &person).json();
        (
            export["account"]["ai_personalization"].clone(),
            export["account"]["hidden_topics"].clone(),
            export["settings_overrides"].clone(),
        )
    };
    let before_settings = settings(&server);
    assert_eq!(before_settings, (json!("on"), json!([SPORTS]), json!([])));
    let before_stats = server.stats();

    let hide_travel = format!("/v1/accounts/fb:2/hidden-topics/{TRAVEL}");
    let made_up = format!("/v1/accounts/fb:404/hidden-topics/{TRAVEL}");
    let attempts: [(&str, &str, &[u8]); 5] = [
        ("PUT", &hide_travel, b""),
        ("DELETE", &hide_sports, b""),
        (
            "PUT",
            "/v1/accounts/fb:2/ai-personalization",
            br#"{"state":"off"}"#,
        ),
        // A made-up account gets the same answer: existence does not leak.
        ("PUT", &made_up, b""),
        (
            "PUT",
            "/v1/accounts/fb:404/ai-personalization",
            br#"{"state":"off"}"#,
        ),
    ];
    for (method, path, body) in attempts {
        let response = server.request(method, path, Some(&operator), body);
        assert_eq!(response.status, 403, "{method} {path}: {}", response.text());
        let json = response.json();
        assert_eq!(
            json["error"]["code"], "forbidden",
            "{method} {path}: {json}"
        );
        let message = json["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("POST /v1/accounts/{id}/settings-override")
                && message.contains("audited"),
            "{method} {path}: {json}"
        );
        assert_eq!(json.as_object().unwrap().len(), 1, "no data: {json}");
    }
    assert_eq!(
        settings(&server),
        before_settings,
        "the settings are unchanged"
    );
    assert_eq!(server.stats(), before_stats);
    assert!(server.store.settings_overrides().unwrap().is_empty());

    // The same change through the audited override is made and recorded.
    let body = json!({
        "ai_personalization": "off",
        "hidden_topics": [TRAVEL],
        "reason": "SUP-78: request by phone",
    })
    .to_string();
    let response = server.request("POST", OVERRIDE_FB2, Some(&operator), body.as_bytes());
    assert_eq!(response.status, 200, "{}", response.text());
    let done = response.json();
    assert_eq!(done["overridden"], true, "{done}");
    let record = &done["record"];
    assert_eq!(record["reason"], "SUP-78: request by phone", "{record}");
    assert_eq!(
        record["hidden_topics"],
        json!({"from": [SPORTS], "to": [TRAVEL]})
    );
    assert_eq!(
        record["ai_personalization"],
        json!({"from": "on", "to": "off"})
    );
    let (ai, hidden_topics, overrides) = settings(&server);
    assert_eq!((ai, hidden_topics), (json!("off"), json!([TRAVEL])));
    assert_eq!(overrides, json!([record]));
    assert_eq!(server.store.settings_overrides().unwrap().len(), 1);
}
