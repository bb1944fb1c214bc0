//! `POST /v1/events`, `/v1/accounts`, `/v1/catalog`: JSON Lines in, report out.
//!
//! A body is JSON Lines, or (for events) one JSON object, possibly spread
//! over several lines. A body that is not UTF-8, or larger than the limit,
//! is refused whole (400, 413). Otherwise the engine takes it line by line
//! exactly as `gleaner ingest` does (SPEC §2): bad lines are rejected with
//! their number and reason, valid lines are still taken, nothing already
//! stored changes. Any rejected line makes the status 422, with the whole
//! report in the body; re-sending the corrected body is safe, because
//! events already stored are skipped.

use std::io::Cursor;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use gleaner_engine::ingest::NoProgress;
use gleaner_engine::Rejected;
use serde::Serialize;
use utoipa::ToSchema;

use super::dto::{AccountsReportBody, CatalogReportBody, EventsReportBody, RejectedReportBody};
use super::{blocking, cancellable, single_object_as_line, utf8_body};
use crate::auth::{IngestScopes, Scoped};
use crate::error::{ApiError, ApiErrorCode, ErrorDetail};
use crate::state::AppState;

/// 200 with the report, or 422 `rejected_lines` with it when any line was
/// rejected.
fn respond<T: Serialize + ToSchema>(report: T, rejected: &[Rejected]) -> Response {
    match rejected.first() {
        None => (StatusCode::OK, Json(report)).into_response(),
        Some(first) => (
            ApiErrorCode::RejectedLines.http_status(),
            Json(RejectedReportBody {
                error: rejected_lines_detail(rejected, first, "valid lines were taken"),
                report,
            }),
        )
            .into_response(),
    }
}

/// The error of a body with rejected lines: how many, and the first one
/// (its line, and its field when the reason names one).
pub(crate) fn rejected_lines_detail(
    rejected: &[Rejected],
    first: &Rejected,
    consequence: &str,
) -> ErrorDetail {
    let field_opt = match &first.reason {
        gleaner_engine::RejectReason::InvalidField { field, .. } => Some(field.clone()),
        gleaner_engine::RejectReason::TextTooLarge { field, .. } => Some((*field).to_owned()),
        _ => None,
    };
    ErrorDetail {
        code: ApiErrorCode::RejectedLines,
        message: format!(
            "{} line(s) rejected (first: line {}: {}); {consequence}",
            rejected.len(),
            first.line,
            first.reason
        ),
        field: field_opt,
        line: Some(first.line),
    }
}

/// Ingests events (JSON Lines, or one JSON object).
#[utoipa::path(
    post, path = "/v1/events", tag = "ingest",
    request_body(content = String, content_type = "application/x-ndjson",
        description = "events, one JSON object per line (SPEC §2), or one JSON object"),
    responses(
        (status = 200, description = "every line taken: counts used / dropped by reason", body = EventsReportBody),
        (status = 422, description = "some lines rejected (the rest taken): the report and the first bad line", body = RejectedReportBody<EventsReportBody>),
        (status = 400, description = "not UTF-8", body = crate::error::ErrorBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "scope is not ingest or operator", body = crate::error::ErrorBody),
        (status = 413, description = "body over the limit", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn ingest_events(
    State(state): State<AppState>,
    Scoped { caller, .. }: Scoped<IngestScopes>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let text = single_object_as_line(utf8_body(body)?);
    let now = state.now();
    let engine = state.engine.clone();
    let report = cancellable(move |cancel| {
        engine.ingest_events_until(Cursor::new(text.into_bytes()), now, &NoProgress, cancel)
    })
    .await?;
    state.metrics.record_events(&report);
    tracing::info!(
        token_id = %caller.token_id,
        lines = report.lines,
        used = report.used,
        dropped = report.dropped,
        rejected = report.rejected.len(),
        "events ingested"
    );
    let rejected = report.rejected.clone();
    Ok(respond(EventsReportBody::from(report), &rejected))
}

/// Syncs accounts (JSON Lines, SPEC §2): new ones are stored, stored ones take
/// the operator facts and keep the person's own settings; a line that would
/// change a stored account's accounts center is rejected (see `gleaner accounts move`).
#[utoipa::path(
    post, path = "/v1/accounts", tag = "ingest",
    request_body(content = String, content_type = "application/x-ndjson", description = "accounts, one per line"),
    responses(
        (status = 200, description = "accounts loaded", body = AccountsReportBody),
        (status = 422, description = "some lines rejected (the rest taken)", body = RejectedReportBody<AccountsReportBody>),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "scope is not ingest or operator", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn ingest_accounts(
    State(state): State<AppState>,
    _ingester: Scoped<IngestScopes>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let text = utf8_body(body)?;
    let engine = state.engine.clone();
    let report = blocking(move || engine.ingest_accounts(Cursor::new(text.into_bytes()))).await?;
    let rejected = report.rejected.clone();
    Ok(respond(AccountsReportBody::from(report), &rejected))
}

/// Loads catalog items (JSON Lines, SPEC §2), inferring missing topics.
#[utoipa::path(
    post, path = "/v1/catalog", tag = "ingest",
    request_body(content = String, content_type = "application/x-ndjson", description = "catalog items, one per line"),
    responses(
        (status = 200, description = "items loaded", body = CatalogReportBody),
        (status = 422, description = "some lines rejected (the rest taken)", body = RejectedReportBody<CatalogReportBody>),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "scope is not ingest or operator", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn ingest_catalog(
    State(state): State<AppState>,
    _ingester: Scoped<IngestScopes>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let text = utf8_body(body)?;
    let engine = state.engine.clone();
    let report = blocking(move || engine.ingest_catalog(Cursor::new(text.into_bytes()))).await?;
    let rejected = report.rejected.clone();
    Ok(respond(CatalogReportBody::from(report), &rejected))
}
