//! End-to-end tests of the HTTP API: a real server on 127.0.0.1:0 over an
//! embedded store in a tempdir, the lexicon classifier, a fixed clock.

mod common;

use common::{account_line, like_line, TestServer, SPORTS};
use gleaner_server::ServerConfig;

// ---------------------------------------------------------------- auth matrix

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    NoToken,
    UnknownToken,
    Ingest,
    PersonOwn,
    PersonOther,
    Advertiser,
    Operator,
}

const EVERYONE: &[Who] = &[
    Who::NoToken,
    Who::UnknownToken,
    Who::Ingest,
    Who::PersonOwn,
    Who::PersonOther,
    Who::Advertiser,
    Who::Operator,
];

struct Endpoint {
    method: &'static str,
    path: &'static str,
    body: &'static str,
    allowed: &'static [Who],
}

const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        method: "POST",
        path: "/v1/events",
        body: r#"{"event_id":"e-new","kind":"engagement","account_id":"fb:1","at":"2026-01-11T10:00:00Z","action":"like","item_id":"post:beach"}"#,
        allowed: &[Who::Ingest, Who::Operator],
    },
    Endpoint {
        method: "POST",
        path: "/v1/classify",
        body: r#"{"id":"c-1","text":"Which waterproof hiking boots for a 3-day trek?"}"#,
        allowed: &[Who::Ingest, Who::Operator],
    },
    Endpoint {
        method: "POST",
        path: "/v1/accounts",
        body: r#"{"account_id":"fb:9","surface":"facebook","country":"US","birth_year":1980,"notified_at":"2025-10-01T00:00:00Z","ai_personalization":"on","hidden_topics":[]}"#,
        allowed: &[Who::Ingest, Who::Operator],
    },
    Endpoint {
        method: "POST",
        path: "/v1/catalog",
        body: r#"{"item_id":"post:new","kind":"post","title":"Trail shoes","text":"Shoes.","topics":[20]}"#,
        allowed: &[Who::Ingest, Who::Operator],
    },
    Endpoint {
        method: "GET",
        path: "/v1/accounts/fb:1/profile",
        body: "",
        allowed: &[Who::PersonOwn, Who::Operator],
    },
    Endpoint {
        method: "GET",
        path: "/v1/accounts/fb:1/recommendations?kind=ad&n=5",
        body: "",
        allowed: &[Who::PersonOwn, Who::Operator],
    },
    Endpoint {
        method: "GET",
        path: "/v1/accounts/fb:1/explain/ad:boots",
        body: "",
        allowed: &[Who::PersonOwn, Who::Operator],
    },
    Endpoint {
        method: "PUT",
        path: "/v1/accounts/fb:1/hidden-topics/24",
        body: "",
        // The person's own settings: an operator uses the audited
        // settings override instead.
        allowed: &[Who::PersonOwn],
    },
    Endpoint {
        method: "DELETE",
        path: "/v1/accounts/fb:1/hidden-topics/24",
        body: "",
        // The person's own settings: an operator uses the audited
        // settings override instead.
        allowed: &[Who::PersonOwn],
    },
    Endpoint {
        method: "PUT",
        path: "/v1/accounts/fb:1/ai-personalization",
        body: r#"{"state":"off"}"#,
        // The person's own settings: an operator uses the audited
        // settings override instead.
        allowed: &[Who::PersonOwn],
    },
    Endpoint {
        method: "GET",
        path: "/v1/accounts/fb:1/export",
        body: "",
        allowed: &[Who::PersonOwn, Who::Operator],
    },
    Endpoint {
        method: "DELETE",
        path: "/v1/accounts/fb:1",
        body: "",
        allowed: &[Who::PersonOwn, Who::Operator],
    },
    Endpoint {
        method: "GET",
        path: "/v1/audiences/reach?topics=20",
        body: "",
        allowed: &[Who::Advertiser, Who::Operator],
    },
    Endpoint {
        method: "GET",
        path: "/metrics",
        body: "",
        allowed: &[Who::Operator],
    },
    Endpoint {
        method: "GET",
        path: "/healthz",
        body: "",
        allowed: EVERYONE,
    },
    Endpoint {
        method: "GET",
        path: "/readyz",
        body: "",
        allowed: EVERYONE,
    },
    Endpoint {
        method: "GET",
        path: "/openapi.json",
        body: "",
        allowed: EVERYONE,
    },
];

fn token_of(server: &TestServer, who: Who) -> Option<String> {
    let tokens = &server.tokens;
    match who {
        Who::NoToken => None,
        Who::UnknownToken => Some("glt_operator_0000".to_owned()),
        Who::Ingest => Some(tokens.ingest.clone()),
        Who::PersonOwn => Some(tokens.person_fb1.clone()),
        Who::PersonOther => Some(tokens.person_fb2.clone()),
        Who::Advertiser => Some(tokens.advertiser.clone()),
        Who::Operator => Some(tokens.operator.clone()),
    }
}

#[test]
fn every_scope_against_every_endpoint() {
    let mut checked = 0;
    for endpoint in ENDPOINTS {
        for who in EVERYONE {
            // A fresh server per case: allowed calls change data (forget).
            let server = TestServer::start();
            let before = server.stats();
            let token_opt = token_of(&server, *who);
            let response = server.request(
                endpoint.method,
                endpoint.path,
                token_opt.as_deref(),
                endpoint.body.as_bytes(),
            );
            let case = format!("{who:?} {} {}", endpoint.method, endpoint.path);
            if endpoint.allowed.contains(who) {
                assert!(
                    (200..300).contains(&response.status),
                    "{case}: {} {}",
                    response.status,
                    response.text()
                );
            } else {
                let expected = if matches!(who, Who::NoToken | Who::UnknownToken) {
                    401
                } else {
                    403
                };
                assert_eq!(response.status, expected, "{case}: {}", response.text());
                let body = response.json();
                let code = if expected == 401 {
                    "unauthorized"
                } else {
                    "forbidden"
                };
                assert_eq!(body["error"]["code"], code, "{case}");
                assert_eq!(
                    body.as_object().unwrap().len(),
                    1,
                    "{case}: no data besides the error"
                );
                assert_eq!(
                    server.stats(),
                    before,
                    "{case}: a refused call changes nothing"
                );
                if expected == 401 {
                    assert_eq!(
                        response.header("www-authenticate"),
                        Some("Bearer"),
                        "{case}"
                    );
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, ENDPOINTS.len() * EVERYONE.len());
}

#[test]
fn a_person_token_reaches_linked_accounts_but_not_others() {
    let server = TestServer::start();
    let linked = server.get("/v1/accounts/ig:1/profile", &server.tokens.person_fb1);
    assert_eq!(linked.status, 200, "{}", linked.text());
    let unlinked = server.get("/v1/accounts/fb:2/export", &server.tokens.person_fb1);
    assert_eq!(unlinked.status, 403);
    // An unknown account is 403 too: a person token learns nothing about
    // which accounts exist.
    let unknown = server.get("/v1/accounts/fb:404/profile", &server.tokens.person_fb1);
    assert_eq!(unknown.status, 403);
    let operator_unknown = server.get("/v1/accounts/fb:404/profile", &server.tokens.operator);
    assert_eq!(operator_unknown.status, 404);
}

// ---------------------------------------------------------------- the person's journey

#[test]
fn profile_hide_recommend_opt_out_export_forget() {
    let server = TestServer::start();
    let token = server.tokens.person_fb1.clone();
    let profile = server.get("/v1/accounts/fb:1/profile", &token).json();
    let topics: Vec<u64> = profile["interests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|interest| interest["topic"].as_u64().unwrap())
        .collect();
    assert!(topics.contains(&u64::from(SPORTS)), "{profile}");

    let posts = server
        .get("/v1/accounts/fb:1/recommendations?kind=post&n=10", &token)
        .json();
    assert!(posts.to_string().contains("post:trail"), "{posts}");

    let hidden = server.request(
        "PUT",
        "/v1/accounts/fb:1/hidden-topics/20",
        Some(&token),
        b"",
    );
    assert_eq!(hidden.status, 200, "{}", hidden.text());
    assert_eq!(hidden.json()["hidden_topics"], serde_json::json!([20]));
    let posts = server
        .get("/v1/accounts/fb:1/recommendations?kind=post&n=10", &token)
        .json();
    assert!(
        !posts.to_string().contains("post:trail"),
        "hidden topic still recommended: {posts}"
    );
    let profile = server.get("/v1/accounts/fb:1/profile", &token).json();
    assert!(!profile["interests"]
        .as_array()
        .unwrap()
        .iter()
        .any(|interest| interest["topic"] == SPORTS));

    let shown = server.request(
        "DELETE",
        "/v1/accounts/fb:1/hidden-topics/20",
        Some(&token),
        b"",
    );
    assert_eq!(shown.json()["hidden_topics"], serde_json::json!([]));

    let off = server.request(
        "PUT",
        "/v1/accounts/fb:1/ai-personalization",
        Some(&token),
        br#"{"state":"off"}"#,
    );
    assert_eq!(off.status, 200);
    assert_eq!(off.json()["ai_personalization"], "off");

    let explain = server.get("/v1/accounts/fb:1/explain/ad:boots", &token);
    assert_eq!(explain.status, 200, "{}", explain.text());

    let export = server.get("/v1/accounts/fb:1/export", &token).json();
    assert_eq!(export["account"]["account_id"], "fb:1");
    assert!(!export["signals"].as_array().unwrap().is_empty());

    let accounts_before = server.stats().accounts;
    let forgotten = server.request("DELETE", "/v1/accounts/fb:1", Some(&token), b"");
    assert_eq!(forgotten.status, 200, "{}", forgotten.text());
    assert_eq!(forgotten.json()["account_removed"], true);
    assert_eq!(server.stats().accounts, accounts_before - 1);
    let gone = server.get("/v1/accounts/fb:1/export", &server.tokens.operator);
    assert_eq!(gone.status, 404);
}

/// Erasing an account revokes its person tokens: the token no longer
/// works, and when an account with the same id is ingested again the old
/// token does not read it. Other people's tokens keep working.
#[test]
fn forget_revokes_the_persons_tokens_so_a_reused_id_is_not_read_by_them() {
    let server = TestServer::start();
    let token = server.tokens.person_fb1.clone();
    assert_eq!(server.get("/v1/accounts/fb:1/profile", &token).status, 200);
    let forgotten = server.request("DELETE", "/v1/accounts/fb:1", Some(&token), b"");
    assert_eq!(forgotten.status, 200, "{}", forgotten.text());
    assert_eq!(forgotten.json()["tokens_revoked"], 1);
    assert_eq!(
        server.get("/v1/me", &token).status,
        401,
        "revoked token still accepted"
    );

    let again = account_line("fb:1", "facebook", None, "US");
    let resynced = server.request(
        "POST",
        "/v1/accounts",
        Some(&server.tokens.ingest),
        again.as_bytes(),
    );
    assert!(resynced.status < 300, "{}", resynced.text());
    assert!(server
        .store
        .account(&gleaner_core::AccountId::new("fb:1"))
        .unwrap()
        .is_some());
    for path in [
        "/v1/accounts/fb:1/profile",
        "/v1/accounts/fb:1/export",
        "/v1/me",
    ] {
        let old = server.get(path, &token);
        assert_eq!(
            old.status,
            401,
            "{path} with the erased account's token: {}",
            old.text()
        );
    }
    assert_eq!(
        server
            .get("/v1/accounts/fb:2/profile", &server.tokens.person_fb2)
            .status,
        200,
        "another person's token was revoked"
    );
}

// ---------------------------------------------------------------- ingest

#[test]
fn one_pretty_printed_event_is_taken_once() {
    let server = TestServer::start();
    let event = serde_json::to_string_pretty(&serde_json::json!({
        "event_id": "e-pretty", "kind": "engagement", "account_id": "fb:2",
        "at": "2026-01-12T10:00:00Z", "action": "share", "item_id": "post:trail"
    }))
    .unwrap();
    let first = server.request(
        "POST",
        "/v1/events",
        Some(&server.tokens.ingest),
        event.as_bytes(),
    );
    assert_eq!(first.status, 200, "{}", first.text());
    assert_eq!(first.json()["used"], 1);
    let again = server.request(
        "POST",
        "/v1/events",
        Some(&server.tokens.ingest),
        event.as_bytes(),
    );
    assert_eq!(again.json()["already_present"], 1);
}

#[test]
fn a_batch_with_a_bad_line_takes_the_good_lines_and_names_the_bad_one() {
    let server = TestServer::start();
    let body = format!(
        "{}\n{{\"event_id\": \n",
        like_line("e-good", "fb:2", "post:trail")
    );
    let response = server.request(
        "POST",
        "/v1/events",
        Some(&server.tokens.ingest),
        body.as_bytes(),
    );
    assert_eq!(response.status, 422, "{}", response.text());
    let json = response.json();
    assert_eq!(json["error"]["code"], "rejected_lines");
    assert_eq!(json["error"]["line"], 2);
    assert_eq!(json["report"]["used"], 1);
    assert_eq!(json["report"]["rejected"][0]["line"], 2);
}

// ---------------------------------------------------------------- classify

#[test]
fn classify_answers_one_line_per_conversation_as_the_cli_format_does() {
    let server = TestServer::start();
    let body = concat!(
        r#"{"id":"a","text":"since my MS diagnosis I need boots with ankle support"}"#,
        "\n\n",
        r#"{"id":2,"turns":[{"role":"user","text":"Which waterproof hiking boots for a 3-day trek?"}]}"#,
        "\n"
    );
    let before = server.stats();
    let response = server.request(
        "POST",
        "/v1/classify",
        Some(&server.tokens.ingest),
        body.as_bytes(),
    );
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(
        response.header("content-type"),
        Some("application/x-ndjson")
    );
    let lines: Vec<serde_json::Value> = response
        .text()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["ad_eligible"], false);
    assert_eq!(lines[0]["sensitive"][0]["category"], "health");
    assert_eq!(lines[0]["sensitive"][0]["tier"], "lexicon");
    assert_eq!(lines[1]["id"], 2);
    assert_eq!(lines[1]["ad_eligible"], true);
    let topic = &lines[1]["topics"][0];
    assert!(topic["id"].is_u64() && topic["path"].is_string() && topic["score"].is_f64());
    // The same library the CLI prints through gives the same lines.
    let (requests, rejected) = gleaner_engine::classify::parse_classify_lines(
        body,
        gleaner_engine::ingest::jsonl::ParseLimits::default(),
    );
    assert!(rejected.is_empty());
    let expected = gleaner_engine::classify::classify_requests(
        gleaner_classify::LexiconClassifier::embedded(),
        gleaner_taxonomy::Taxonomy::embedded(),
        requests,
    );
    let expected: String = expected
        .iter()
        .map(|output| serde_json::to_string(output).unwrap() + "\n")
        .collect();
    assert_eq!(response.text(), expected);
    assert_eq!(server.stats(), before, "classify stores nothing");
}

#[test]
fn classify_takes_one_pretty_printed_object() {
    let server = TestServer::start();
    let body = serde_json::to_string_pretty(&serde_json::json!({
        "id": {"thread": 9}, "text": "Which waterproof hiking boots for a 3-day trek?"
    }))
    .unwrap();
    let response = server.request(
        "POST",
        "/v1/classify",
        Some(&server.tokens.operator),
        body.as_bytes(),
    );
    assert_eq!(response.status, 200, "{}", response.text());
    let lines: Vec<&str> = response
        .body
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| std::str::from_utf8(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    let line: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(line["id"], serde_json::json!({"thread": 9}));
}

#[test]
fn classify_refuses_a_body_with_a_bad_line_naming_it_and_never_quoting_text() {
    let server = TestServer::start();
    let body = concat!(
        r#"{"id":"ok","text":"hiking boots"}"#,
        "\n",
        r#"{"id":"both","text":"my private diagnosis","turns":[]}"#,
        "\n",
        r#"{"id":"typo","txt":"my private diagnosis"}"#,
        "\n",
    );
    let response = server.request(
        "POST",
        "/v1/classify",
        Some(&server.tokens.ingest),
        body.as_bytes(),
    );
    assert_eq!(response.status, 422, "{}", response.text());
    let json = response.json();
    assert_eq!(json["error"]["code"], "rejected_lines");
    assert_eq!(json["error"]["line"], 2);
    assert_eq!(json["error"]["field"], "turns");
    assert_eq!(json["rejected"][1]["line"], 3);
    assert!(json["rejected"][1]["reason"]["detail"]
        .as_str()
        .unwrap()
        .contains("txt"));
    assert!(json.get("results").is_none());
    assert!(!response.text().contains("private"), "{}", response.text());
    // Not JSON, wrong type, invalid UTF-8, too large: 4xx naming the line.
    let malformed = server.request(
        "POST",
        "/v1/classify",
        Some(&server.tokens.ingest),
        b"{\"id\":1,\"text\":\"a\"}\n{\"id\": \n",
    );
    assert_eq!(malformed.status, 422);
    assert_eq!(malformed.json()["error"]["line"], 2);
    let wrong_type = server.request(
        "POST",
        "/v1/classify",
        Some(&server.tokens.ingest),
        br#"{"id":1,"text":["secret"]}"#,
    );
    assert_eq!(wrong_type.status, 422);
    assert!(wrong_type.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("invalid type"));
    assert!(!wrong_type.text().contains("secret"));
    let not_utf8 = server.request(
        "POST",
        "/v1/classify",
        Some(&server.tokens.ingest),
        b"{\"id\":1,\"text\":\"ok\"}\n{\"id\":2,\"text\":\"\xff\"}",
    );
    assert_eq!(not_utf8.status, 400);
    assert_eq!(not_utf8.json()["error"]["code"], "invalid_utf8");
    assert_eq!(not_utf8.json()["error"]["line"], 2);
}

// ---------------------------------------------------------------- bad input

fn assert_refused(
    server: &TestServer,
    method: &str,
    path: &str,
    body: &[u8],
    status: u16,
    code: &str,
) -> serde_json::Value {
    assert_refused_to(
        server,
        &server.tokens.operator,
        method,
        path,
        body,
        status,
        code,
    )
}

/// As [`assert_refused`], with `token` (a person's, on the person's own
/// settings routes).
fn assert_refused_to(
    server: &TestServer,
    token: &str,
    method: &str,
    path: &str,
    body: &[u8],
    status: u16,
    code: &str,
) -> serde_json::Value {
    let before = server.stats();
    let response = server.request(method, path, Some(token), body);
    assert_eq!(
        response.status,
        status,
        "{method} {path}: {}",
        response.text()
    );
    let json = response.json();
    assert_eq!(json["error"]["code"], code, "{json}");
    assert_eq!(server.stats(), before, "nothing stored changes");
    json
}

#[test]
fn bad_input_gets_a_4xx_naming_the_field_or_line_and_changes_nothing() {
    let server = TestServer::start_with(
        ServerConfig {
            max_body_bytes: 1024,
            ..ServerConfig::default()
        },
        &common::base_accounts(),
        &common::base_events(),
    );
    // Malformed JSON.
    let json = assert_refused(
        &server,
        "POST",
        "/v1/events",
        b"{\"event_id\": ",
        422,
        "rejected_lines",
    );
    assert_eq!(json["error"]["line"], 1);
    // Wrong type.
    let wrong_type = br#"{"event_id":"e-x","kind":"engagement","account_id":"fb:2","at":5,"action":"like","item_id":"post:trail"}"#;
    let json = assert_refused(
        &server,
        "POST",
        "/v1/events",
        wrong_type,
        422,
        "rejected_lines",
    );
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("invalid type"),
        "{json}"
    );
    // Unknown field.
    let unknown = br#"{"event_id":"e-y","kind":"engagement","account_id":"fb:2","at":"2026-01-12T10:00:00Z","action":"like","item_id":"post:trail","mood":"happy"}"#;
    let json = assert_refused(
        &server,
        "POST",
        "/v1/events",
        unknown,
        422,
        "rejected_lines",
    );
    let message = json["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("mood") && !message.contains("happy"),
        "{json}"
    );
}

#[test]
fn bad_settings_oversized_bodies_invalid_utf8_queries_and_paths_change_nothing() {
    let server = TestServer::start_with(
        ServerConfig {
            max_body_bytes: 1024,
            ..ServerConfig::default()
        },
        &common::base_accounts(),
        &common::base_events(),
    );
    // A settings body: wrong type, unknown field, not JSON.
    let json = assert_refused_to(
        &server,
        &server.tokens.person_fb1,
        "PUT",
        "/v1/accounts/fb:1/ai-personalization",
        br#"{"state":5}"#,
        422,
        "invalid_json",
    );
    assert_eq!(json["error"]["field"], "state");
    let json = assert_refused_to(
        &server,
        &server.tokens.person_fb1,
        "PUT",
        "/v1/accounts/fb:1/ai-personalization",
        br#"{"state":"off","extra":1}"#,
        422,
        "invalid_json",
    );
    assert!(
        json["error"]["message"].as_str().unwrap().contains("extra"),
        "{json}"
    );
    assert_refused_to(
        &server,
        &server.tokens.person_fb1,
        "PUT",
        "/v1/accounts/fb:1/ai-personalization",
        b"{",
        422,
        "invalid_json",
    );
    // Oversized.
    let big = vec![b' '; 2048];
    assert_refused(
        &server,
        "POST",
        "/v1/events",
        &big,
        413,
        "payload_too_large",
    );
    assert_refused(
        &server,
        "POST",
        "/v1/classify",
        &big,
        413,
        "payload_too_large",
    );
    // Invalid UTF-8 on line 2.
    let json = assert_refused(
        &server,
        "POST",
        "/v1/events",
        b"{}\n{\"event_id\":\"\xff\"}",
        400,
        "invalid_utf8",
    );
    assert_eq!(json["error"]["line"], 2);
}

#[test]
fn bad_queries_and_paths_get_a_400_naming_the_field_and_change_nothing() {
    let server = TestServer::start();
    let json = assert_refused(
        &server,
        "GET",
        "/v1/accounts/fb:1/recommendations?kind=spaceship",
        b"",
        400,
        "invalid_query",
    );
    assert!(
        json["error"]["message"].as_str().unwrap().contains("kind"),
        "{json}"
    );
    assert_refused(
        &server,
        "GET",
        "/v1/accounts/fb:1/recommendations?kind=ad&n=5000",
        b"",
        400,
        "invalid_query",
    );
    assert_refused_to(
        &server,
        &server.tokens.person_fb1,
        "PUT",
        "/v1/accounts/fb:1/hidden-topics/abc",
        b"",
        400,
        "invalid_path",
    );
    assert_refused_to(
        &server,
        &server.tokens.person_fb1,
        "PUT",
        "/v1/accounts/fb:1/hidden-topics/999999",
        b"",
        422,
        "unknown_topic",
    );
    assert_refused(
        &server,
        "GET",
        "/v1/audiences/reach?topics=20,x",
        b"",
        400,
        "invalid_query",
    );
    assert_refused(
        &server,
        "GET",
        "/v1/audiences/reach?topics=20&country=USA",
        b"",
        400,
        "invalid_query",
    );
}

// ---------------------------------------------------------------- audiences

/// Reach without noise (an ε so large that every draw is 0) and with a
/// budget that never runs out: for tests of counting and thresholds.
fn exact_reach_config(k_anonymity: usize) -> ServerConfig {
    ServerConfig {
        reach_privacy: gleaner_engine::query::reach::ReachPrivacy {
            k_anonymity,
            epsilon_per_answer: 1e9,
            ..gleaner_engine::query::reach::ReachPrivacy::default()
        },
        reach_budget_per_token: 1e12,
        reach_noise_seed: Some(1),
        ..ServerConfig::default()
    }
}

fn audience_server(people: usize) -> TestServer {
    let mut accounts = vec![common::base_accounts()];
    let mut events = vec![common::base_events()];
    for index in 0..people {
        let id = format!("fb:aud{index}");
        accounts.push(account_line(&id, "instagram", None, "CA"));
        events.push(like_line(&format!("e-aud{index}"), &id, "post:trail"));
    }
    TestServer::start_with(
        exact_reach_config(100),
        &accounts.join("\n"),
        &events.join("\n"),
    )
}

/// Reach keeps its per-account index between queries; every write
/// (hide, unhide, forget, ingest) must show in the next answer.
#[test]
fn reach_answers_change_right_after_a_write() {
    let server = TestServer::start_with(
        exact_reach_config(1),
        &common::base_accounts(),
        &format!(
            "{}\n{}",
            common::base_events(),
            like_line("e-fb2-trail", "fb:2", "post:trail")
        ),
    );
    let total = |server: &TestServer| {
        let response = server.get(
            &format!("/v1/audiences/reach?topics={SPORTS}"),
            &server.tokens.advertiser,
        );
        assert_eq!(response.status, 200, "{}", response.text());
        let json = response.json();
        json["total"]["people"]
            .as_u64()
            .unwrap_or_else(|| panic!("{json}"))
    };
    // ac:1 (fb:1 and ig:1) and fb:2 liked Sports items.
    assert_eq!(total(&server), 2);
    assert_eq!(total(&server), 2, "the kept index answers the same");
    let hide_path = format!("/v1/accounts/fb:2/hidden-topics/{SPORTS}");
    let hidden = server.request("PUT", &hide_path, Some(&server.tokens.person_fb2), b"");
    assert_eq!(hidden.status, 200, "{}", hidden.text());
    assert_eq!(total(&server), 1, "a hidden topic counts at once");
    let shown = server.request("DELETE", &hide_path, Some(&server.tokens.person_fb2), b"");
    assert_eq!(shown.status, 200, "{}", shown.text());
    assert_eq!(total(&server), 2);
    let forgotten = server.request(
        "DELETE",
        "/v1/accounts/fb:2",
        Some(&server.tokens.operator),
        b"",
    );
    assert_eq!(forgotten.status, 200, "{}", forgotten.text());
    assert_eq!(total(&server), 1, "an erasure counts at once");
    let loaded = server.request(
        "POST",
        "/v1/accounts",
        Some(&server.tokens.ingest),
        account_line("fb:3", "facebook", None, "US").as_bytes(),
    );
    assert_eq!(loaded.status, 200, "{}", loaded.text());
    let liked = server.request(
        "POST",
        "/v1/events",
        Some(&server.tokens.ingest),
        like_line("e-fb3", "fb:3", "post:trail").as_bytes(),
    );
    assert_eq!(liked.status, 200, "{}", liked.text());
    assert_eq!(total(&server), 2, "new events count at once");
}

/// The threshold is on `>= k` (checked without noise); a group under k is
/// not listed at all (issue 13: listing it said "at least one person").
#[test]
fn reach_is_withheld_below_k_and_shown_at_and_above_k() {
    for (people, expected_total, expected_groups) in [
        (
            99,
            serde_json::json!({"fewer_than": 100}),
            serde_json::json!([]),
        ),
        (
            100,
            serde_json::json!({"people": 100}),
            serde_json::json!([{"surface": "instagram", "country": "CA", "people": 100}]),
        ),
        (
            101,
            serde_json::json!({"people": 101}),
            serde_json::json!([{"surface": "instagram", "country": "CA", "people": 101}]),
        ),
    ] {
        let server = audience_server(people);
        let response = server.get(
            "/v1/audiences/reach?topics=20&country=CA",
            &server.tokens.advertiser,
        );
        assert_eq!(response.status, 200, "{}", response.text());
        let body = response.json();
        assert_eq!(body["k_anonymity"], 100);
        assert_eq!(body["groups"], expected_groups, "{people} people");
        assert_eq!(body["total"], expected_total, "{people} people");
        assert!(!response.text().contains("fb:aud"), "no account ids");
    }
}

#[test]
fn small_groups_are_withheld_and_linked_accounts_count_once() {
    let server = TestServer::start_with(
        exact_reach_config(2),
        &common::base_accounts(),
        &common::base_events(),
    );
    let body = server
        .get("/v1/audiences/reach?topics=20", &server.tokens.operator)
        .json();
    // fb:1 (ad:boots, topics 20 and 24) and ig:1 (post:trail) are one
    // person: one in the total, one in each of their two groups, so with
    // k = 2 no group and no total is shown.
    assert_eq!(body["groups"], serde_json::json!([]), "{body}");
    assert_eq!(body["total"], serde_json::json!({"fewer_than": 2}));
    let exact = TestServer::start_with(
        exact_reach_config(1),
        &common::base_accounts(),
        &common::base_events(),
    );
    let body = exact
        .get("/v1/audiences/reach?topics=20", &exact.tokens.operator)
        .json();
    assert_eq!(body["total"], serde_json::json!({"people": 1}), "{body}");
}

// ---------------------------------------------------------------- operations

#[test]
fn openapi_lists_every_route() {
    let server = TestServer::start();
    let document = server.request("GET", "/openapi.json", None, b"").json();
    for (method, path) in gleaner_server::ROUTES {
        assert!(
            document["paths"][path][method].is_object(),
            "{method} {path} missing from /openapi.json"
        );
    }
    assert_eq!(
        document["paths"].as_object().unwrap().len(),
        gleaner_server::ROUTES
            .iter()
            .map(|(_, path)| path)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    );
}

#[test]
fn every_listed_route_is_routed() {
    let server = TestServer::start();
    for (method, path) in gleaner_server::ROUTES {
        let concrete = path
            .replace("{id}", "fb:2")
            .replace("{item}", "post:beach")
            .replace("{topic}", "24");
        let response = server.request(
            &method.to_uppercase(),
            &concrete,
            Some(&server.tokens.operator),
            b"",
        );
        assert_ne!(response.status, 404, "{method} {path}: {}", response.text());
        assert_ne!(response.status, 405, "{method} {path}");
    }
}

#[test]
fn metrics_count_events_and_request_latency_by_route() {
    let server = TestServer::start();
    let body = format!(
        "{}\n{}",
        like_line("e-m1", "fb:2", "post:trail"),
        like_line("e-m2", "fb:404", "post:trail")
    );
    server.request(
        "POST",
        "/v1/events",
        Some(&server.tokens.ingest),
        body.as_bytes(),
    );
    server.get("/v1/accounts/fb:2/profile", &server.tokens.operator);
    let metrics = server.get("/metrics", &server.tokens.operator);
    assert_eq!(metrics.status, 200);
    assert!(metrics
        .header("content-type")
        .unwrap()
        .starts_with("text/plain"));
    let text = metrics.text();
    assert!(
        text.contains("gleaner_events_total{outcome=\"used\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("gleaner_events_total{outcome=\"rejected\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("route=\"/v1/accounts/{id}/profile\""),
        "{text}"
    );
    assert!(!text.contains("fb:2"), "no account ids in metric labels");
}

// ---------------------------------------------------------------- pages

#[test]
fn pages_ship_in_the_binary_and_fetch_nothing_from_outside() {
    let server = TestServer::start();
    for path in ["/", "/operator"] {
        let page = server.request("GET", path, None, b"");
        assert_eq!(page.status, 200);
        assert!(page
            .header("content-type")
            .unwrap()
            .starts_with("text/html"));
        let html = page.text();
        assert!(html.contains("<svg"), "{path}: inline SVG charts");
        assert!(
            !html.contains("src=\"http") && !html.contains("href=\"http"),
            "{path}: nothing external"
        );
    }
    let me = server.get("/v1/me", &server.tokens.person_fb1).json();
    assert_eq!(me["scope"], "person");
    assert_eq!(me["account_id"], "fb:1");
    let summary = server
        .get("/v1/operator/summary", &server.tokens.operator)
        .json();
    assert_eq!(summary["outcomes"]["used"], 3, "{summary}");
    // The weekly bars count each event once: their totals add up to the
    // outcomes, and `used` is the bottom segment.
    let total = |values: Vec<&serde_json::Value>| -> u64 {
        values.iter().map(|value| value.as_u64().unwrap()).sum()
    };
    let weeks = summary["by_week"].as_array().unwrap();
    assert_eq!(
        total(weeks.iter().map(|week| &week["total"]).collect()),
        total(summary["outcomes"].as_object().unwrap().values().collect()),
        "{summary}"
    );
    assert_eq!(summary["week_series"][0], "used", "{summary}");
    assert_eq!(summary["store"]["accounts"], 3);
    assert!(!summary.to_string().contains("fb:1"), "no account ids");
}
