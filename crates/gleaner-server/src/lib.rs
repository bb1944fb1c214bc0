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
//! - [`auth`]: the extractors that authenticate and check scope (or reach
//!   of the account in the path) before a handler runs.
//! - [`tokens`]: scopes, token records (hashes only) and where they live.
//! - [`connection`]: the accept loop: header and request timeouts, the
//!   connection cap, graceful shutdown.
//! - [`error`]: [`ApiErrorCode`](error::ApiErrorCode), every error code
//!   with its HTTP status, and [`ApiError`](error::ApiError), the body.
//! - [`headers`]: security headers (CSP, nosniff, no-referrer, no-store).
//! - [`metrics`]: Prometheus counters and the latency middleware.
//! - [`openapi`]: the generated `OpenAPI` document.
//!
//! Each route is declared once, in [`api_routes`]: `routes!` reads the
//! method and path from the handler's `#[utoipa::path]`, and the
//! `OpenApiRouter` adds the route to the router and to `/openapi.json`
//! together, so neither can list a route the other lacks.
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
use axum::Router;
use utoipa::OpenApi as _;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use state::{AppState, Clock, ServerConfig};
pub use tokens::{Scope, TokenFile, TokenStore};

/// Every route as (method, path template), in the order of
/// [`api_routes`]: the published list. It is not where routes are
/// declared; the tests check it equals what the router serves and
/// `/openapi.json` documents.
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

/// Every route of the API with its documentation: the one place a route
/// is declared. Each `routes!` names the handlers of one path (their
/// `#[utoipa::path]` gives path and method); a route added any other way
/// would be missing from `/openapi.json`, and clippy refuses
/// `Router::route` for that reason (`clippy.toml`).
pub fn api_routes() -> OpenApiRouter<AppState> {
    use api::{accounts, audiences, classify, ingest, ops, pages};
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(ingest::ingest_events))
        .routes(routes!(classify::classify))
        .routes(routes!(ingest::ingest_accounts))
        .routes(routes!(ingest::ingest_catalog))
        .routes(routes!(accounts::profile))
        .routes(routes!(accounts::recommendations))
        .routes(routes!(accounts::explain))
        .routes(routes!(accounts::hide_topic, accounts::unhide_topic))
        .routes(routes!(accounts::set_ai_personalization))
        .routes(routes!(accounts::export))
        .routes(routes!(accounts::forget))
        .routes(routes!(accounts::move_account))
        .routes(routes!(accounts::override_settings))
        .routes(routes!(audiences::reach))
        .routes(routes!(ops::healthz))
        .routes(routes!(ops::readyz))
        .routes(routes!(ops::metrics))
        .routes(routes!(ops::openapi))
        .routes(routes!(pages::me))
        .routes(routes!(pages::operator_summary))
        .routes(routes!(pages::privacy_center))
        .routes(routes!(pages::operator_dashboard))
}

/// Builds the API. Holds no socket.
pub fn router(state: AppState) -> Router {
    let max_body_bytes = state.config.max_body_bytes;
    let request_timeout = state.config.request_timeout;
    let (routes, _document) = api_routes().split_for_parts();
    routes
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track_latency,
        ))
        .fallback(|| async { error::ApiError::new(error::ApiErrorCode::NotFound, "no such route") })
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
