//! Handlers, one module per API area (SPEC §6).
//!
//! Every handler authenticates first ([`Authenticated`](crate::auth::Authenticated)),
//! checks scope before it looks anything up, reads the clock once through
//! [`AppState::now`](crate::state::AppState::now), and runs engine calls in
//! `spawn_blocking` (the store is synchronous).

pub mod accounts;
pub mod audiences;
pub mod ingest;
pub mod ops;
pub mod pages;

use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;

use crate::error::ApiError;

/// Runs a blocking engine call off the async workers.
pub(crate) async fn blocking<T, F>(work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, gleaner_engine::EngineError> + Send + 'static,
{
    Ok(tokio::task::spawn_blocking(work).await??)
}

pub(crate) fn query_error(rejection: &QueryRejection) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_query",
        rejection.body_text(),
    )
}

pub(crate) fn path_error(rejection: &PathRejection) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_path",
        rejection.body_text(),
    )
}

pub(crate) fn body_error(rejection: &BytesRejection) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "the body is larger than the configured limit",
        )
    } else {
        ApiError::new(rejection.status(), "invalid_body", rejection.body_text())
    }
}
