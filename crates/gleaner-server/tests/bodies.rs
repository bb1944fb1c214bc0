//! Every typed response body serializes to the document the engine's
//! domain type gives (what `gleaner <command> --json` prints), byte for
//! byte: the bodies of `gleaner_server::api::dto` describe the API in
//! `/openapi.json` without changing a byte of it.

mod common;

use std::sync::Arc;

use common::{account_line, like_line, now, TestServer, CATALOG};
use gleaner_classify::LexiconClassifier;
use gleaner_core::{AccountId, ItemId, ItemKind};
use gleaner_engine::{Engine, EngineConfig};
use gleaner_policy::Policy;
use gleaner_server::ServerConfig;
use gleaner_taxonomy::Taxonomy;

/// An AI interaction of `account` (sensitive text gives audit findings).
fn chat_line(event_id: &str, account: &str, text: &str) -> String {
    serde_json::json!({
        "event_id": event_id, "kind": "ai_interaction", "account_id": account,
        "at": "2026-01-12T10:00:00Z", "product": "assistant", "modality": "text",
        "encrypted": false, "conversation_id": event_id,
        "turns": [{"role": "user", "text": text}]
    })
    .to_string()
}

fn accounts() -> String {
    let mut unlinked_minor: serde_json::Value =
        serde_json::from_str(&account_line("fb:3", "facebook", None, "DE")).unwrap();
    unlinked_minor["birth_year"] = 2015.into();
    unlinked_minor["hidden_topics"] = serde_json::json!([24]);
    [common::base_accounts(), unlinked_minor.to_string()].join("\n")
}

fn events() -> String {
    [
        common::base_events(),
        chat_line(
            "c-1",
            "fb:1",
            "Which waterproof hiking boots for a 3-day trek?",
        ),
        chat_line(
            "c-2",
            "fb:1",
            "since my MS diagnosis I need boots with ankle support",
        ),
        like_line("e-9", "fb:3", "post:beach"),
    ]
    .join("\n")
}

fn server() -> TestServer {
    TestServer::start_with(ServerConfig::default(), &accounts(), &events())
}

/// An engine over the server's store, configured as the server's is.
fn engine_of(server: &TestServer) -> Engine {
    Engine::new(
        server.store.clone(),
        Arc::new(LexiconClassifier::embedded().clone()),
        Policy::default(),
        Taxonomy::embedded(),
        EngineConfig::default(),
    )
}

fn assert_same_bytes(response: &common::Response, expected: &impl serde::Serialize) {
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.text(), serde_json::to_string(expected).unwrap());
}

#[test]
fn profile_recommendations_explain_and_export_are_the_engine_documents() {
    let server = server();
    let engine = engine_of(&server);
    let operator = server.tokens.operator.clone();
    for account in ["fb:1", "ig:1", "fb:2", "fb:3"] {
        let account_id = AccountId::new(account);
        assert_same_bytes(
            &server.get(&format!("/v1/accounts/{account}/profile"), &operator),
            &engine.profile(&account_id, None, now()).unwrap(),
        );
        for kind in [ItemKind::Ad, ItemKind::Post] {
            let kind_name = serde_json::to_value(kind).unwrap();
            assert_same_bytes(
                &server.get(
                    &format!(
                        "/v1/accounts/{account}/recommendations?kind={}&n=5",
                        kind_name.as_str().unwrap()
                    ),
                    &operator,
                ),
                &engine.recommend(&account_id, kind, 5, now()).unwrap(),
            );
        }
        for item in ["ad:boots", "post:trail", "post:beach"] {
            assert_same_bytes(
                &server.get(&format!("/v1/accounts/{account}/explain/{item}"), &operator),
                &engine
                    .explain(&account_id, &ItemId::new(item), now())
                    .unwrap(),
            );
        }
        assert_same_bytes(
            &server.get(&format!("/v1/accounts/{account}/export"), &operator),
            &engine.export(&account_id, now()).unwrap(),
        );
    }
    let profile_on_surface = server.get("/v1/accounts/fb:1/profile?surface=instagram", &operator);
    assert_same_bytes(
        &profile_on_surface,
        &engine
            .profile(
                &AccountId::new("fb:1"),
                Some(&gleaner_core::Surface::new("instagram")),
                now(),
            )
            .unwrap(),
    );
    let export = server.get("/v1/accounts/fb:1/export", &operator).json();
    assert!(
        export["audit"]
            .as_array()
            .unwrap()
            .iter()
            .any(|record| record["sensitive"].is_array()),
        "the export exercises audit findings: {export}"
    );
}

#[test]
fn ingest_reports_are_the_engine_reports() {
    let over_http = server();
    let direct = server();
    let body = [
        like_line("e-20", "fb:2", "post:trail"),
        like_line("e-21", "fb:404", "post:trail"),
        "not json".to_owned(),
        chat_line("c-20", "fb:3", "trail running shoes"),
    ]
    .join("\n");
    let response = over_http.request(
        "POST",
        "/v1/events",
        Some(&over_http.tokens.ingest),
        body.as_bytes(),
    );
    assert_eq!(response.status, 422, "{}", response.text());
    let expected = engine_of(&direct)
        .ingest_events(body.as_bytes(), now(), &gleaner_engine::ingest::NoProgress)
        .unwrap();
    let answered = response.json();
    assert_eq!(answered["report"], serde_json::to_value(&expected).unwrap());
    assert_eq!(answered["error"]["code"], "rejected_lines");
    assert_eq!(answered["error"]["line"], 2);

    let clean = like_line("e-22", "fb:2", "post:trail");
    let response = over_http.request(
        "POST",
        "/v1/events",
        Some(&over_http.tokens.ingest),
        clean.as_bytes(),
    );
    let expected = engine_of(&direct)
        .ingest_events(clean.as_bytes(), now(), &gleaner_engine::ingest::NoProgress)
        .unwrap();
    assert_same_bytes(&response, &expected);

    let accounts = [
        account_line("fb:7", "facebook", None, "US"),
        "{}".to_owned(),
    ]
    .join("\n");
    let response = over_http.request(
        "POST",
        "/v1/accounts",
        Some(&over_http.tokens.ingest),
        accounts.as_bytes(),
    );
    assert_eq!(response.status, 422);
    let expected = engine_of(&direct)
        .ingest_accounts(accounts.as_bytes())
        .unwrap();
    assert_eq!(
        response.json()["report"],
        serde_json::to_value(&expected).unwrap()
    );

    let response = over_http.request(
        "POST",
        "/v1/catalog",
        Some(&over_http.tokens.ingest),
        CATALOG.as_bytes(),
    );
    let expected = engine_of(&direct)
        .ingest_catalog(CATALOG.as_bytes())
        .unwrap();
    assert_same_bytes(&response, &expected);
}
