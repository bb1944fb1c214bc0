//! Operations: `/healthz`, `/readyz`, `/metrics`, `/openapi.json`.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::blocking;
use super::dto::StatusBody;
use crate::auth::{OperatorScope, Scoped};
use crate::error::ApiError;
use crate::state::AppState;

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "alive", body = StatusBody)))]
pub async fn healthz() -> Json<StatusBody> {
    Json(StatusBody { status: "ok" })
}

/// Readiness: the store answers.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "the store answers (`ready`)", body = StatusBody),
        (status = 503, description = "the store does not answer (`unavailable`)", body = StatusBody),
    ))]
pub async fn readyz(State(state): State<AppState>) -> Response {
    let engine = state.engine.clone();
    match blocking(move || Ok(engine.store().stats()?)).await {
        Ok(_) => Json(StatusBody { status: "ready" }).into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(StatusBody {
                status: "unavailable",
            }),
        )
            .into_response(),
    }
}

/// Prometheus metrics (text format); `operator` tokens only.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses(
        (status = 200, description = "Prometheus text exposition", body = String, content_type = "text/plain"),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not an operator token", body = crate::error::ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn metrics(
    State(state): State<AppState>,
    _operator: Scoped<OperatorScope>,
) -> Result<Response, ApiError> {
    Ok((
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response())
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", tag = "operations",
    responses((status = 200, description = "the OpenAPI 3.1 document", body = Object)))]
pub async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::document_json(),
    )
        .into_response()
}
