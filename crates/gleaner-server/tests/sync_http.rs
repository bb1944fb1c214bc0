//! Issue 13 over HTTP: an accounts sync keeps the person's choices and
//! cannot move an account between accounts centers; a reused `event_id`
//! with other content is rejected while an exact redelivery is a no-op;
//! the `Bearer` scheme is case-insensitive.

mod common;

use std::io::Write;
use std::net::TcpStream;

use common::{account_line, base_accounts, like_line, read_response, TestServer};

#[test]
fn a_resync_keeps_the_persons_choices_and_cannot_move_an_account() {
    let server = TestServer::start();
    let person = server.tokens.person_fb1.clone();
    let off = server.request(
        "PUT",
        "/v1/accounts/fb:1/ai-personalization",
        Some(&person),
        br#"{"state":"off"}"#,
    );
    assert_eq!(off.status, 200, "{}", off.text());
    let hidden = server.request(
        "PUT",
        "/v1/accounts/fb:1/hidden-topics/20",
        Some(&person),
        b"",
    );
    assert_eq!(hidden.status, 200, "{}", hidden.text());

    // The operator re-sends its accounts file (personalization "on", no
    // hidden topics): the person's choices stay.
    let resync = server.request(
        "POST",
        "/v1/accounts",
        Some(&server.tokens.ingest),
        base_accounts().as_bytes(),
    );
    assert_eq!(resync.status, 200, "{}", resync.text());
    assert_eq!(resync.json()["person_settings_kept"], 1);
    let export = server.get("/v1/accounts/fb:1/export", &person).json();
    assert_eq!(export["account"]["ai_personalization"], "off", "{export}");
    assert_eq!(export["account"]["hidden_topics"], serde_json::json!([20]));

    // An ingest token tries to link the stranger fb:2 into fb:1's center.
    let moved = [
        account_line("fb:9", "facebook", None, "US"),
        account_line("fb:2", "facebook", Some("ac:1"), "US"),
    ]
    .join("\n");
    let refused = server.request(
        "POST",
        "/v1/accounts",
        Some(&server.tokens.ingest),
        moved.as_bytes(),
    );
    assert_eq!(refused.status, 422, "{}", refused.text());
    let body = refused.json();
    assert_eq!(body["error"]["line"], 2, "{body}");
    assert_eq!(body["error"]["field"], "accounts_center_id", "{body}");
    assert_eq!(body["report"]["loaded"], 1, "{body}");
    let stranger = server.get("/v1/accounts/fb:2/export", &person);
    assert_eq!(
        stranger.status,
        403,
        "fb:1's token reads fb:2: {}",
        stranger.text()
    );
    assert!(server.store.account_moves().unwrap().is_empty());
}

#[test]
fn a_reused_event_id_with_other_content_is_rejected() {
    let server = TestServer::start();
    let before = server.stats();
    // e-1 is fb:1 liking ad:boots (loaded at start): an exact redelivery.
    let again = server.request(
        "POST",
        "/v1/events",
        Some(&server.tokens.ingest),
        like_line("e-1", "fb:1", "ad:boots").as_bytes(),
    );
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.json()["already_present"], 1);
    // The same id for another account's like.
    let reused = server.request(
        "POST",
        "/v1/events",
        Some(&server.tokens.ingest),
        like_line("e-1", "fb:2", "post:beach").as_bytes(),
    );
    assert_eq!(reused.status, 422, "{}", reused.text());
    let body = reused.json();
    assert_eq!(body["report"]["already_present"], 0, "{body}");
    assert_eq!(body["error"]["line"], 1, "{body}");
    assert_eq!(
        body["report"]["rejected"][0]["reason"]["kind"], "reused_event_id",
        "{body}"
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already stored with other content"),
        "{body}"
    );
    assert_eq!(server.stats(), before);
}

#[test]
fn the_bearer_scheme_is_case_insensitive() {
    let server = TestServer::start();
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let mut stream = TcpStream::connect(server.address).unwrap();
        let head = format!(
            "GET /v1/accounts/fb:1/profile HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
             authorization: {scheme} {}\r\n\r\n",
            server.address, server.tokens.person_fb1
        );
        stream.write_all(head.as_bytes()).unwrap();
        let response = read_response(&mut stream);
        assert_eq!(response.status, 200, "{scheme}: {}", response.text());
    }
}
