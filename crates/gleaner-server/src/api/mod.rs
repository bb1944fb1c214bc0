//! Handlers, one module per API area (SPEC §6).
//!
//! Every handler names its caller in its signature: an extractor of
//! [`auth`](crate::auth) authenticates and checks scope (or reach of the
//! account in the path) before the handler runs and before anything is
//! looked up. A handler reads the clock once through
//! [`AppState::now`](crate::state::AppState::now), and runs engine calls in
//! `spawn_blocking` (the store is synchronous).

pub mod accounts;
pub mod audiences;
pub mod classify;
pub mod dto;
pub mod ingest;
pub mod ops;
pub mod pages;
pub mod weekly;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use gleaner_engine::Cancel;

use crate::error::{invalid_utf8, ApiError, ApiErrorCode};

/// Runs a blocking engine call off the async workers.
pub(crate) async fn blocking<T, F>(work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, gleaner_engine::EngineError> + Send + 'static,
{
    Ok(tokio::task::spawn_blocking(work).await??)
}

/// Runs long blocking work (classification) that stops when its answer is
/// no longer wanted: `work` gets a [`Cancel`] that is set when this future
/// is dropped, which hyper does when the client disconnects and the
/// request deadline does when it passes. The work checks it between units
/// (conversations, encoder layers), so the CPU is freed within one unit.
pub(crate) async fn cancellable<T, F>(work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Cancel) -> Result<T, gleaner_engine::EngineError> + Send + 'static,
{
    let cancel = Cancel::new();
    let _cancel_when_dropped = cancel.on_drop();
    Ok(tokio::task::spawn_blocking(move || work(&cancel)).await??)
}

pub(crate) fn query_error(rejection: &QueryRejection) -> ApiError {
    ApiError::new(ApiErrorCode::InvalidQuery, rejection.body_text())
}

pub(crate) fn path_error(rejection: &PathRejection) -> ApiError {
    ApiError::new(ApiErrorCode::InvalidPath, rejection.body_text())
}

pub(crate) fn body_error(rejection: &BytesRejection) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            ApiErrorCode::PayloadTooLarge,
            "the body is larger than the configured limit",
        )
    } else {
        // axum's other body rejection (`UnknownBodyError`) is a 400.
        debug_assert_eq!(rejection.status(), StatusCode::BAD_REQUEST);
        ApiError::new(ApiErrorCode::InvalidBody, rejection.body_text())
    }
}

/// The body as UTF-8, or 400 (naming the line of the first bad byte) / 413.
pub(crate) fn utf8_body(body: Result<Bytes, BytesRejection>) -> Result<String, ApiError> {
    let bytes = body.map_err(|rejection| body_error(&rejection))?;
    match String::from_utf8(bytes.to_vec()) {
        Ok(text) => Ok(text),
        Err(error) => Err(invalid_utf8(&bytes, &error.utf8_error())),
    }
}

/// One JSON object spread over several lines becomes one line; anything
/// else is taken as JSON Lines.
pub(crate) fn single_object_as_line(text: String) -> String {
    let trimmed = text.trim();
    if !trimmed.starts_with('{') || !trimmed.contains('\n') {
        return text;
    }
    match serde_json::from_str::<serde_json::Value>(trimmed) {
        Ok(value @ serde_json::Value::Object(_)) => {
            serde_json::to_string(&value).expect("a JSON value serializes")
        }
        _ => text,
    }
}
