//! The HTTP service of SPEC §6: `gleaner serve`.
//!
//! [`router`] builds the whole API over an [`AppState`] and holds no
//! socket, so tests drive it with `oneshot` or on `127.0.0.1:0`; [`serve`]
//! only binds, runs, and shuts down gracefully when its shutdown future
//! resolves (in-flight requests finish; the store commits per call, so
//! nothing is left half-written).
//!
//! Every rule lives in the engine: handlers authenticate, check scope,
//! parse, and call the same [`Engine`](gleaner_engine::Engine) methods the
//! CLI calls, in `spawn_blocking` because the store is synchronous. The
//! clock is an input ([`Clock`]): the binary passes the wall clock (or a
//! fixed `--now`), read once per request.
//!
//! # Layout
//!
//! - [`api`]: handlers, one module per area (ingest, classify, accounts,
//!   audiences, ops, pages); the two HTML pages ship inside the binary.
//! - [`auth`]: the bearer-token extractor and scope checks.
//! - [`tokens`]: scopes, token records (hashes only) and where they live.
//! - [`connection`]: the accept loop: header and request timeouts, the
//!   connection cap, graceful shutdown.
//! - [`error`]: [`ApiError`](error::ApiError), the one mapping to HTTP status and body.
//! - [`headers`]: security headers (CSP, nosniff, no-referrer, no-store).
//! - [`metrics`]: Prometheus counters and the latency middleware.
//! - [`openapi`]: the generated `OpenAPI` document.
//! - [`state`]: [`AppState`], [`ServerConfig`], [`Clock`].
#![warn(missing_docs)]

pub mod api;
pub mod auth;
pub mod connection;
pub mod error;
pub mod headers;
pub mod metrics;
pub mod openapi;
pub mod state;
pub mod tokens;

use std::future::Future;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};
use axum::Router;

pub use state::{AppState, Clock, ServerConfig};
pub use tokens::{Scope, TokenFile, TokenStore};

/// Every route as (method, path template), in the router's order; the test
/// suite checks each appears in `/openapi.json`.
pub const ROUTES: &[(&str, &str)] = &[
    ("post", "/v1/events"),
    ("post", "/v1/classify"),
    ("post", "/v1/accounts"),
    ("post", "/v1/catalog"),
    ("get", "/v1/accounts/{id}/profile"),
    ("get", "/v1/accounts/{id}/recommendations"),
    ("get", "/v1/accounts/{id}/explain/{item}"),
    ("put", "/v1/accounts/{id}/hidden-topics/{topic}"),
    ("delete", "/v1/accounts/{id}/hidden-topics/{topic}"),
    ("put", "/v1/accounts/{id}/ai-personalization"),
    ("get", "/v1/accounts/{id}/export"),
    ("delete", "/v1/accounts/{id}"),
    ("post", "/v1/accounts/{id}/move"),
    ("post", "/v1/accounts/{id}/settings-override"),
    ("get", "/v1/audiences/reach"),
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("get", "/metrics"),
    ("get", "/openapi.json"),
    ("get", "/v1/me"),
    ("get", "/v1/operator/summary"),
    ("get", "/"),
    ("get", "/operator"),
];

/// Builds the API. Holds no socket.
pub fn router(state: AppState) -> Router {
    use api::{accounts, audiences, classify, ingest, ops, pages};
    let max_body_bytes = state.config.max_body_bytes;
    let request_timeout = state.config.request_timeout;
    Router::new()
        .route("/v1/events", post(ingest::ingest_events))
        .route("/v1/classify", post(classify::classify))
        .route("/v1/accounts", post(ingest::ingest_accounts))
        .route("/v1/catalog", post(ingest::ingest_catalog))
        .route("/v1/accounts/{id}/profile", get(accounts::profile))
        .route(
            "/v1/accounts/{id}/recommendations",
            get(accounts::recommendations),
        )
        .route("/v1/accounts/{id}/explain/{item}", get(accounts::explain))
        .route(
            "/v1/accounts/{id}/hidden-topics/{topic}",
            put(accounts::hide_topic).delete(accounts::unhide_topic),
        )
        .route(
            "/v1/accounts/{id}/ai-personalization",
            put(accounts::set_ai_personalization),
        )
        .route("/v1/accounts/{id}/export", get(accounts::export))
        .route("/v1/accounts/{id}", axum::routing::delete(accounts::forget))
        .route("/v1/accounts/{id}/move", post(accounts::move_account))
        .route(
            "/v1/accounts/{id}/settings-override",
            post(accounts::override_settings),
        )
        .route("/v1/audiences/reach", get(audiences::reach))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route("/openapi.json", get(ops::openapi))
        .route("/v1/me", get(pages::me))
        .route("/v1/operator/summary", get(pages::operator_summary))
        .route("/", get(pages::privacy_center))
        .route("/operator", get(pages::operator_dashboard))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track_latency,
        ))
        .fallback(|| async {
            error::ApiError::new(
                axum::http::StatusCode::NOT_FOUND,
                "not_found",
                "no such route",
            )
        })
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            request_timeout,
            connection::deadline,
        ))
        .layer(axum::middleware::from_fn(headers::security_headers))
        .with_state(state)
}

/// Serves `router(state)` on `listener` until `shutdown` resolves, then
/// stops accepting, lets in-flight requests finish and closes idle
/// connections. Connections are bounded as [`ServerConfig`] says: a
/// request head must arrive within `header_timeout`, at most
/// `max_connections` are served at once (one more is answered 503 and
/// closed), and each request has `request_timeout` to be answered.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let config = state.config;
    connection::serve(listener, router(state), config, shutdown).await
}
