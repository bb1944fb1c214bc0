//! [`ApiErrorCode`] and [`ApiError`]: the one place that decides an HTTP
//! status and error body.
//!
//! Every error the API answers is one [`ApiErrorCode`]: its variant fixes
//! both the stable code string clients match on and the HTTP status, in
//! one table ([`ApiErrorCode::code_and_status`]), so no handler can send a
//! known code with another status. The `OpenAPI` document lists the codes.
//!
//! Every error body is `{"error": {"code", "message", "field"?, "line"?}}`.
//! A 5xx body never carries its cause (a 500 says only `internal error`,
//! a 503 that the store is unavailable or the request was cancelled); the
//! cause is logged here with `tracing` (engine and store errors carry ids
//! and paths, never conversation text).

use std::borrow::Cow;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use gleaner_engine::EngineError;
use serde::Serialize;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;

use crate::tokens::TokenError;

/// Every error the API answers, each with its stable code and HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApiErrorCode {
    /// 400: the request body could not be read.
    InvalidBody,
    /// 400: the body is not UTF-8 (the line of the first bad byte is named).
    InvalidUtf8,
    /// 400: a query parameter is missing, unknown or malformed.
    InvalidQuery,
    /// 400: a path parameter is malformed.
    InvalidPath,
    /// 401: no bearer token, or one that is not known.
    Unauthorized,
    /// 403: the token's scope does not reach the resource.
    Forbidden,
    /// 403: the advertiser token has spent its reach privacy budget.
    PrivacyBudgetSpent,
    /// 404: no such route, account, item, or linked account on a surface.
    NotFound,
    /// 413: the body is larger than the configured limit.
    PayloadTooLarge,
    /// 422: a JSON body does not have the expected shape.
    InvalidJson,
    /// 422: the topic id is not in the taxonomy.
    UnknownTopic,
    /// 422: some input lines were rejected.
    RejectedLines,
    /// 500: anything else; the cause is logged, not sent.
    Internal,
    /// 503: the request took longer than the server's deadline.
    DeadlineExceeded,
    /// 503: nobody waits for the answer any more.
    Cancelled,
    /// 503: the server is at its connection limit.
    TooManyConnections,
    /// 503: the store is down or unreachable; a retry later is safe.
    StoreUnavailable,
}

impl ApiErrorCode {
    /// Every code, in the order of the table.
    pub const ALL: &'static [Self] = &[
        Self::InvalidBody,
        Self::InvalidUtf8,
        Self::InvalidQuery,
        Self::InvalidPath,
        Self::Unauthorized,
        Self::Forbidden,
        Self::PrivacyBudgetSpent,
        Self::NotFound,
        Self::PayloadTooLarge,
        Self::InvalidJson,
        Self::UnknownTopic,
        Self::RejectedLines,
        Self::Internal,
        Self::DeadlineExceeded,
        Self::Cancelled,
        Self::TooManyConnections,
        Self::StoreUnavailable,
    ];

    /// Returns the stable `snake_case` code and the HTTP status: the table.
    pub const fn code_and_status(self) -> (&'static str, StatusCode) {
        match self {
            Self::InvalidBody => ("invalid_body", StatusCode::BAD_REQUEST),
            Self::InvalidUtf8 => ("invalid_utf8", StatusCode::BAD_REQUEST),
            Self::InvalidQuery => ("invalid_query", StatusCode::BAD_REQUEST),
            Self::InvalidPath => ("invalid_path", StatusCode::BAD_REQUEST),
            Self::Unauthorized => ("unauthorized", StatusCode::UNAUTHORIZED),
            Self::Forbidden => ("forbidden", StatusCode::FORBIDDEN),
            Self::PrivacyBudgetSpent => ("privacy_budget_spent", StatusCode::FORBIDDEN),
            Self::NotFound => ("not_found", StatusCode::NOT_FOUND),
            Self::PayloadTooLarge => ("payload_too_large", StatusCode::PAYLOAD_TOO_LARGE),
            Self::InvalidJson => ("invalid_json", StatusCode::UNPROCESSABLE_ENTITY),
            Self::UnknownTopic => ("unknown_topic", StatusCode::UNPROCESSABLE_ENTITY),
            Self::RejectedLines => ("rejected_lines", StatusCode::UNPROCESSABLE_ENTITY),
            Self::Internal => ("internal", StatusCode::INTERNAL_SERVER_ERROR),
            Self::DeadlineExceeded => ("deadline_exceeded", StatusCode::SERVICE_UNAVAILABLE),
            Self::Cancelled => ("cancelled", StatusCode::SERVICE_UNAVAILABLE),
            Self::TooManyConnections => ("too_many_connections", StatusCode::SERVICE_UNAVAILABLE),
            Self::StoreUnavailable => ("store_unavailable", StatusCode::SERVICE_UNAVAILABLE),
        }
    }

    /// Returns the stable code clients match on (`forbidden`, ...).
    pub const fn as_str(self) -> &'static str {
        self.code_and_status().0
    }

    /// Returns the HTTP status this code is always answered with.
    pub const fn http_status(self) -> StatusCode {
        self.code_and_status().1
    }
}

impl std::fmt::Display for ApiErrorCode {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl Serialize for ApiErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl utoipa::PartialSchema for ApiErrorCode {
    fn schema() -> RefOr<Schema> {
        let statuses: Vec<String> = Self::ALL
            .iter()
            .map(|code| format!("`{code}` {}", code.http_status().as_u16()))
            .collect();
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(Self::ALL.iter().map(|code| code.as_str())))
            .description(Some(format!(
                "A stable machine-readable error code; each is always sent with one HTTP status: {}.",
                statuses.join(", ")
            )))
            .into()
    }
}

impl ToSchema for ApiErrorCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ApiErrorCode")
    }
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong, for programs and people.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable machine-readable code.
    pub code: ApiErrorCode,
    /// A human-readable message (never echoes input text).
    pub message: String,
    /// The field at fault, when one is known (a JSON path such as `state`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The 1-based input line at fault, when one is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl ErrorDetail {
    /// A detail with a code and message, no field and no line.
    pub fn new(code: ApiErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            line: None,
        }
    }
}

/// An error a handler returns; its status is its code's.
#[derive(Debug)]
pub struct ApiError {
    detail: ErrorDetail,
}

impl ApiError {
    /// An error with a code and message.
    pub fn new(code: ApiErrorCode, message: impl Into<String>) -> Self {
        Self {
            detail: ErrorDetail::new(code, message),
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
            ApiErrorCode::Unauthorized,
            "a valid bearer token is required",
        )
    }

    /// 403: the token's scope does not reach this.
    pub fn forbidden() -> Self {
        Self::new(
            ApiErrorCode::Forbidden,
            "this token's scope does not reach this resource",
        )
    }

    /// 500 with a generic body; the cause is logged, not sent.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(cause = %cause, "request failed");
        Self::new(ApiErrorCode::Internal, "internal error")
    }

    /// Returns the code.
    pub fn code(&self) -> ApiErrorCode {
        self.detail.code
    }

    /// Returns the status (the code's).
    pub fn status(&self) -> StatusCode {
        self.detail.code.http_status()
    }

    /// Returns the body this error is sent with.
    pub fn body(&self) -> &ErrorDetail {
        &self.detail
    }
}

impl From<EngineError> for ApiError {
    fn from(error: EngineError) -> Self {
        match &error {
            EngineError::UnknownAccount(_)
            | EngineError::UnknownItem(_)
            | EngineError::NoLinkedAccountOnSurface { .. } => {
                Self::new(ApiErrorCode::NotFound, error.to_string())
            }
            EngineError::UnknownTopic(_) => {
                Self::new(ApiErrorCode::UnknownTopic, error.to_string())
                    .with_field(Some("topic".to_owned()))
            }
            // Nobody waits for this answer (the client left or the
            // deadline answered already); say so if anyone reads it.
            EngineError::Cancelled(_) => Self::new(
                ApiErrorCode::Cancelled,
                "the request was cancelled before it finished",
            ),
            // Redis or PostgreSQL is down or unreachable: a retry later is
            // safe (see `StoreError::is_retryable`), so say 503, not 500.
            // The cause (which names the store's host) is logged, not sent.
            EngineError::Store(store) if store.is_retryable() => {
                tracing::warn!(cause = %store, "store unavailable");
                Self::new(
                    ApiErrorCode::StoreUnavailable,
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
        let status = self.status();
        let mut response = (status, Json(ErrorBody { error: self.detail })).into_response();
        if status == StatusCode::UNAUTHORIZED {
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
            ApiErrorCode::InvalidJson,
            gleaner_engine::ingest::jsonl::redact_quoted(&error.inner().to_string()),
        )
        .with_field(field_opt)
        .with_line(error.inner().line())
    })?;
    deserializer.end().map_err(|error| {
        ApiError::new(
            ApiErrorCode::InvalidJson,
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
        ApiErrorCode::InvalidUtf8,
        format!("the body is not valid UTF-8 (first bad byte at offset {offset})"),
    )
    .with_line(line)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use gleaner_store::StoreError;

    use super::*;

    /// The position of a code in [`ApiErrorCode::ALL`]; the match is
    /// exhaustive, so a new variant does not compile until it is listed.
    fn position_in_all(code: ApiErrorCode) -> usize {
        match code {
            ApiErrorCode::InvalidBody => 0,
            ApiErrorCode::InvalidUtf8 => 1,
            ApiErrorCode::InvalidQuery => 2,
            ApiErrorCode::InvalidPath => 3,
            ApiErrorCode::Unauthorized => 4,
            ApiErrorCode::Forbidden => 5,
            ApiErrorCode::PrivacyBudgetSpent => 6,
            ApiErrorCode::NotFound => 7,
            ApiErrorCode::PayloadTooLarge => 8,
            ApiErrorCode::InvalidJson => 9,
            ApiErrorCode::UnknownTopic => 10,
            ApiErrorCode::RejectedLines => 11,
            ApiErrorCode::Internal => 12,
            ApiErrorCode::DeadlineExceeded => 13,
            ApiErrorCode::Cancelled => 14,
            ApiErrorCode::TooManyConnections => 15,
            ApiErrorCode::StoreUnavailable => 16,
        }
    }

    #[test]
    fn every_code_keeps_its_published_string_and_status() {
        // Clients and SPEC rely on these pairs: change one only with them.
        let published: &[(&str, u16)] = &[
            ("invalid_body", 400),
            ("invalid_utf8", 400),
            ("invalid_query", 400),
            ("invalid_path", 400),
            ("unauthorized", 401),
            ("forbidden", 403),
            ("privacy_budget_spent", 403),
            ("not_found", 404),
            ("payload_too_large", 413),
            ("invalid_json", 422),
            ("unknown_topic", 422),
            ("rejected_lines", 422),
            ("internal", 500),
            ("deadline_exceeded", 503),
            ("cancelled", 503),
            ("too_many_connections", 503),
            ("store_unavailable", 503),
        ];
        let table: Vec<(&str, u16)> = ApiErrorCode::ALL
            .iter()
            .map(|code| (code.as_str(), code.http_status().as_u16()))
            .collect();
        assert_eq!(table, published);
        for (position, code) in ApiErrorCode::ALL.iter().enumerate() {
            assert_eq!(position_in_all(*code), position, "{code:?}");
        }
    }

    #[test]
    fn codes_are_unique_snake_case_and_serialize_as_their_string() {
        let distinct: BTreeSet<&str> = ApiErrorCode::ALL.iter().map(|code| code.as_str()).collect();
        assert_eq!(distinct.len(), ApiErrorCode::ALL.len());
        for code in ApiErrorCode::ALL {
            let text = code.as_str();
            assert!(
                text.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{text}"
            );
            assert_eq!(serde_json::to_value(code).unwrap(), text);
        }
    }

    #[test]
    fn an_error_is_sent_with_its_codes_status_and_body() {
        for code in ApiErrorCode::ALL {
            let response = ApiError::new(*code, "message").into_response();
            assert_eq!(response.status(), code.http_status(), "{code}");
            assert_eq!(
                response.headers().contains_key(header::WWW_AUTHENTICATE),
                *code == ApiErrorCode::Unauthorized,
                "{code}"
            );
        }
    }

    #[test]
    fn the_schema_lists_every_code() {
        let schema =
            serde_json::to_value(<ApiErrorCode as utoipa::PartialSchema>::schema()).unwrap();
        let listed: Vec<&str> = schema["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|value| value.as_str().unwrap())
            .collect();
        let all: Vec<&str> = ApiErrorCode::ALL.iter().map(|code| code.as_str()).collect();
        assert_eq!(listed, all);
    }

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
