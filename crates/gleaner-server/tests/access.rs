//! The access extractors (`gleaner_server::auth`): who may call what, and
//! in which order a refused request is answered: 401 (token), then 400
//! (path), then 403 (scope or account), before any lookup.

mod common;

use std::io::Write;
use std::net::TcpStream;

use common::{read_response, TestServer};

fn error_code(response: &common::Response) -> String {
    response.json()["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_refusal_names_the_token_then_the_path_then_the_account() {
    let server = TestServer::start();
    let bad_topic = "/v1/accounts/fb:2/hidden-topics/abc";
    let no_token = server.request("PUT", bad_topic, None, b"");
    assert_eq!(
        (no_token.status, error_code(&no_token).as_str()),
        (401, "unauthorized")
    );
    let other_person = server.request("PUT", bad_topic, Some(&server.tokens.person_fb1), b"");
    assert_eq!(
        (other_person.status, error_code(&other_person).as_str()),
        (400, "invalid_path")
    );
    // On the person's own settings routes an operator token is refused
    // too, after the path: 400 for a bad path, then 403.
    let operator = server.request("PUT", bad_topic, Some(&server.tokens.operator), b"");
    assert_eq!(
        (operator.status, error_code(&operator).as_str()),
        (400, "invalid_path")
    );
    let good_topic = "/v1/accounts/fb:2/hidden-topics/24";
    let other_person = server.request("PUT", good_topic, Some(&server.tokens.person_fb1), b"");
    assert_eq!(
        (other_person.status, error_code(&other_person).as_str()),
        (403, "forbidden")
    );
    let operator = server.request("PUT", good_topic, Some(&server.tokens.operator), b"");
    assert_eq!(
        (operator.status, error_code(&operator).as_str()),
        (403, "forbidden")
    );
}

#[test]
fn a_made_up_account_is_forbidden_to_a_person_and_not_found_by_an_operator() {
    let server = TestServer::start();
    let before = server.stats();
    // The operator's answer: 404, except on the person's own settings
    // routes, which no operator token reaches (403 whether or not the
    // account exists).
    for (method, path, operator_status) in [
        ("GET", "/v1/accounts/fb:404/profile", 404),
        ("GET", "/v1/accounts/fb:404/export", 404),
        ("GET", "/v1/accounts/fb:404/explain/ad:boots", 404),
        ("PUT", "/v1/accounts/fb:404/hidden-topics/24", 403),
        ("DELETE", "/v1/accounts/fb:404/hidden-topics/24", 403),
        ("PUT", "/v1/accounts/fb:404/ai-personalization", 403),
        ("DELETE", "/v1/accounts/fb:404", 404),
    ] {
        let person = server.request(method, path, Some(&server.tokens.person_fb1), b"");
        assert_eq!(person.status, 403, "{method} {path}: {}", person.text());
        assert_eq!(error_code(&person), "forbidden");
        for scope_token in [&server.tokens.ingest, &server.tokens.advertiser] {
            let wrong_scope = server.request(method, path, Some(scope_token), b"");
            assert_eq!(wrong_scope.status, 403, "{method} {path}");
        }
        let operator = server.request(method, path, Some(&server.tokens.operator), b"");
        assert_eq!(
            operator.status,
            operator_status,
            "{method} {path}: {}",
            operator.text()
        );
    }
    assert_eq!(server.stats(), before);
}

#[test]
fn the_bearer_scheme_is_matched_in_any_case() {
    let server = TestServer::start();
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let mut stream = TcpStream::connect(server.address).unwrap();
        write!(
            stream,
            "GET /v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: {scheme} {}\r\n\r\n",
            server.tokens.person_fb1
        )
        .unwrap();
        let response = read_response(&mut stream);
        assert_eq!(response.status, 200, "{scheme}: {}", response.text());
        assert_eq!(response.json()["account_id"], "fb:1");
    }
}
