//! [`ApiError`]: the one place that decides an HTTP status and error body.
//!
//! Every error body is `{"error": {"code", "message", "field"?, "line"?}}`.
//! A 5xx body never carries its cause (a 500 says only `internal error`,
//! a 503 that the store is unavailable or the request was cancelled); the
//! cause is logged here with `tracing` (engine and store errors carry ids
//! and paths, never conversation text).

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use gleaner_engine::EngineError;
use serde::Serialize;
use utoipa::ToSchema;

use crate::tokens::TokenError;

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong, for programs and people.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable machine-readable code (`unauthorized`, `forbidden`,
    /// `not_found`, `invalid_json`, `invalid_utf8`, `payload_too_large`,
    /// `invalid_query`, `invalid_path`, `rejected_lines`,
    /// `privacy_budget_spent`, `deadline_exceeded`, `cancelled`,
    /// `too_many_connections`, `store_unavailable`, `internal`).
    pub code: &'static str,
    /// A human-readable message (never echoes input text).
    pub message: String,
    /// The field at fault, when one is known (a JSON path such as `state`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The 1-based input line at fault, when one is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// An error a handler returns.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    detail: ErrorDetail,
}

impl ApiError {
    /// An error with a status, code and message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            detail: ErrorDetail {
                code,
                message: message.into(),
                field: None,
                line: None,
            },
        }
    }

    /// Names the field at fault.
    #[must_use]
    pub fn with_field(mut self, field_opt: Option<String>) -> Self {
        self.detail.field = field_opt;
        self
    }

    /// Names the line at fault.
    #[must_use]
    pub fn with_line(mut self, line: usize) -> Self {
        self.detail.line = Some(line);
        self
    }

    /// 401: no token, or one that is not known.
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "a valid bearer token is required",
        )
    }

    /// 403: the token's scope does not reach this.
    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "this token's scope does not reach this resource",
        )
    }

    /// 500 with a generic body; the cause is logged, not sent.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(cause = %cause, "request failed");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error",
        )
    }

    /// Returns the status.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl From<EngineError> for ApiError {
    fn from(error: EngineError) -> Self {
        match &error {
            EngineError::UnknownAccount(_)
            | EngineError::UnknownItem(_)
            | EngineError::NoLinkedAccountOnSurface { .. } => {
                Self::new(StatusCode::NOT_FOUND, "not_found", error.to_string())
            }
            EngineError::UnknownTopic(_) => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_topic",
                error.to_string(),
            )
            .with_field(Some("topic".to_owned())),
            // Nobody waits for this answer (the client left or the
            // deadline answered already); say so if anyone reads it.
            EngineError::Cancelled(_) => Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "cancelled",
                "the request was cancelled before it finished",
            ),
            // Redis or PostgreSQL is down or unreachable: a retry later is
            // safe (see `StoreError::is_retryable`), so say 503, not 500.
            // The cause (which names the store's host) is logged, not sent.
            EngineError::Store(store) if store.is_retryable() => {
                tracing::warn!(cause = %store, "store unavailable");
                Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "store_unavailable",
                    "the profile store is unavailable; retry later",
                )
            }
            _ => Self::internal(&error),
        }
    }
}

impl From<TokenError> for ApiError {
    fn from(error: TokenError) -> Self {
        Self::internal(&error)
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(error: tokio::task::JoinError) -> Self {
        Self::internal(&error)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(ErrorBody { error: self.detail })).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

/// Parses a JSON body into `T`, naming the field path at fault.
pub fn parse_json_body<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let text = std::str::from_utf8(bytes).map_err(|error| invalid_utf8(bytes, &error))?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let field_opt = (path != ".").then_some(path);
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_json",
            gleaner_engine::ingest::jsonl::redact_quoted(&error.inner().to_string()),
        )
        .with_field(field_opt)
        .with_line(error.inner().line())
    })?;
    deserializer.end().map_err(|error| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_json",
            gleaner_engine::ingest::jsonl::redact_quoted(&error.to_string()),
        )
        .with_line(error.line())
    })?;
    Ok(value)
}

/// 400 naming the line and byte offset of the first invalid UTF-8 sequence.
pub fn invalid_utf8(bytes: &[u8], error: &std::str::Utf8Error) -> ApiError {
    let offset = error.valid_up_to();
    // One more piece than there are newlines before the bad byte.
    let line = bytes[..offset].split(|byte| *byte == b'\n').count();
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_utf8",
        format!("the body is not valid UTF-8 (first bad byte at offset {offset})"),
    )
    .with_line(line)
}

#[cfg(test)]
mod tests {
    use gleaner_store::StoreError;

    use super::*;

    #[test]
    fn an_unreachable_store_is_503_and_its_address_is_not_sent() {
        let unavailable = EngineError::Store(StoreError::Unavailable {
            backend: "redis",
            location: "redis://10.0.0.9:6379/".to_owned(),
            reason: "connection refused".to_owned(),
        });
        let error = ApiError::from(unavailable);
        assert_eq!(error.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(!format!("{error:?}").contains("10.0.0.9"));
        let failed = EngineError::Store(StoreError::Server {
            backend: "redis",
            location: "redis://10.0.0.9:6379/".to_owned(),
            reason: "script error".to_owned(),
        });
        assert_eq!(
            ApiError::from(failed).status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
