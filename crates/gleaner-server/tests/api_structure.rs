//! The API's structure, as `/openapi.json` publishes it: each route is
//! declared once (`gleaner_server::api_routes`), so the router and the
//! document agree; every body is a described shape; every error code is
//! listed with its status.

mod common;

use std::collections::BTreeSet;

use common::TestServer;
use serde_json::Value;

const METHODS: &[&str] = &["get", "post", "put", "delete", "patch"];

fn documented_routes(document: &Value) -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in METHODS {
            if item[*method].is_object() {
                routes.insert(((*method).to_owned(), path.clone()));
            }
        }
    }
    routes
}

fn concrete(path: &str) -> String {
    path.replace("{id}", "fb:2")
        .replace("{item}", "post:beach")
        .replace("{topic}", "24")
}

#[test]
fn openapi_documents_exactly_the_published_routes() {
    let server = TestServer::start();
    let document = server.request("GET", "/openapi.json", None, b"").json();
    let published: BTreeSet<(String, String)> = gleaner_server::ROUTES
        .iter()
        .map(|(method, path)| ((*method).to_owned(), (*path).to_owned()))
        .collect();
    assert_eq!(published.len(), gleaner_server::ROUTES.len(), "no repeats");
    assert_eq!(documented_routes(&document), published);
    let built = gleaner_server::openapi::document();
    assert_eq!(
        documented_routes(&serde_json::to_value(&built).unwrap()),
        published,
        "the document is the one api_routes builds"
    );
}

/// With the routes of a path routed (see `every_listed_route_is_routed`),
/// a method the document does not list must not be routed either: the
/// router answers 405, not the handler of an undocumented route.
#[test]
fn the_router_serves_no_method_that_openapi_does_not_list() {
    let server = TestServer::start();
    let document = server.request("GET", "/openapi.json", None, b"").json();
    let documented = documented_routes(&document);
    let paths: BTreeSet<&String> = documented.iter().map(|(_, path)| path).collect();
    for path in paths {
        for method in METHODS {
            if documented.contains(&((*method).to_owned(), path.clone())) {
                continue;
            }
            let response = server.request(
                &method.to_uppercase(),
                &concrete(path),
                Some(&server.tokens.operator),
                b"",
            );
            assert_eq!(
                response.status,
                405,
                "{method} {path} is routed but not in /openapi.json: {}",
                response.text()
            );
        }
    }
}

#[test]
fn an_unknown_path_is_the_not_found_error() {
    let server = TestServer::start();
    let response = server.get("/v1/nowhere", &server.tokens.operator);
    assert_eq!(response.status, 404);
    assert_eq!(response.json()["error"]["code"], "not_found");
}

/// Returns true when a schema says nothing (`{}`: any JSON at all), which
/// is what an untyped `serde_json::Value` body renders as.
fn is_untyped(schema: &Value) -> bool {
    schema.as_object().is_none_or(serde_json::Map::is_empty)
}

#[test]
fn every_response_body_has_a_described_shape() {
    let document = serde_json::to_value(gleaner_server::openapi::document()).unwrap();
    let mut bodies = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in METHODS {
            let Some(responses) = item[*method]["responses"].as_object() else {
                continue;
            };
            for (status, response) in responses {
                let Some(content) = response["content"].as_object() else {
                    continue;
                };
                for (content_type, media) in content {
                    bodies += 1;
                    assert!(
                        !is_untyped(&media["schema"]),
                        "{method} {path} {status} {content_type}: untyped body"
                    );
                    if status.starts_with('4') || status.starts_with('5') {
                        let reference = media["schema"]["$ref"].as_str().unwrap_or_default();
                        assert!(
                            reference.ends_with("/ErrorBody")
                                || reference.contains("RejectedReportBody")
                                || reference.ends_with("/ClassifyRejectedBody")
                                || (path == "/readyz" && reference.ends_with("/StatusBody")),
                            "{method} {path} {status}: error body is {reference:?}"
                        );
                    }
                }
            }
        }
    }
    assert!(bodies > gleaner_server::ROUTES.len());
    for schema in [
        "ProfileBody",
        "RecommendationBody",
        "ExplanationBody",
        "ExportBody",
        "ForgetBody",
        "ReachBody",
        "ClassifyLineBody",
        "EventsReportBody",
        "AccountsReportBody",
        "CatalogReportBody",
        "ErrorBody",
    ] {
        assert!(
            document["components"]["schemas"][schema].is_object(),
            "{schema} missing from components"
        );
    }
}

#[test]
fn openapi_lists_every_error_code() {
    let document = serde_json::to_value(gleaner_server::openapi::document()).unwrap();
    let listed: BTreeSet<&str> = document["components"]["schemas"]["ApiErrorCode"]["enum"]
        .as_array()
        .expect("ApiErrorCode is a string enum")
        .iter()
        .map(|code| code.as_str().unwrap())
        .collect();
    let all: BTreeSet<&str> = gleaner_server::error::ApiErrorCode::ALL
        .iter()
        .map(|code| code.as_str())
        .collect();
    assert_eq!(listed, all);
    for code in [
        "unauthorized",
        "forbidden",
        "not_found",
        "privacy_budget_spent",
        "store_unavailable",
        "rejected_lines",
        "invalid_json",
    ] {
        assert!(listed.contains(code), "{code}");
    }
    assert_eq!(
        document["components"]["schemas"]["ErrorDetail"]["properties"]["code"]["$ref"],
        "#/components/schemas/ApiErrorCode"
    );
}
