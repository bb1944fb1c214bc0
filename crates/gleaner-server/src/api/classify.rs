//! `POST /v1/classify`: as `gleaner classify` (SPEC §5, §6).
//!
//! The body is JSON Lines of conversations (`{"id":..,"turns":[..]}` or
//! `{"id":..,"text":..}`), or one such object possibly spread over several
//! lines. The answer is JSON Lines, one result per conversation in input
//! order, in the format of [`gleaner_engine::classify`], the same code the
//! CLI runs. Nothing is stored, so a body with a bad line is refused whole
//! (422 naming the first bad line and, when known, its field) rather than
//! half-answered: the caller fixes it and sends it again. The text is read
//! by the classifier only; it is never logged, and error messages never
//! quote it.
//!
//! Each conversation's text is bounded by the engine's `max_text_bytes`
//! (`--max-text-bytes`, the limit ingest applies): a longer one is a
//! rejected line naming its field (`text` or `turns`). Classification stops
//! when the client disconnects or the request deadline passes.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use gleaner_engine::classify::{classify_requests_until, parse_classify_lines};

use super::dto::{ClassifyLineBody, ClassifyRejectedBody};
use super::ingest::rejected_lines_detail;
use super::{cancellable, single_object_as_line, utf8_body};
use crate::auth::{IngestScopes, Scoped};
use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;

/// Classifies conversations: sensitive categories, topics, ad eligibility.
#[utoipa::path(
    post, path = "/v1/classify", tag = "classify",
    request_body(content = String, content_type = "application/x-ndjson",
        description = "conversations, one JSON object per line: `{\"id\":..,\"turns\":[{\"role\":\"user\",\"text\":..}]}` or `{\"id\":..,\"text\":..}`; or one such object"),
    responses(
        (status = 200, content_type = "application/x-ndjson",
            description = "one line per conversation, in order, each a `ClassifyLineBody`",
            body = ClassifyLineBody),
        (status = 422, description = "some lines rejected (nothing classified): the first bad line in `error` (with `field` when known, e.g. `text` for a text over --max-text-bytes), every one in `rejected`", body = ClassifyRejectedBody),
        (status = 503, description = "the request deadline passed (`deadline_exceeded`); the work was stopped", body = crate::error::ErrorBody),
        (status = 400, description = "not UTF-8", body = crate::error::ErrorBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "scope is not ingest or operator", body = crate::error::ErrorBody),
        (status = 413, description = "body over the limit", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn classify(
    State(state): State<AppState>,
    Scoped { caller, .. }: Scoped<IngestScopes>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let text = single_object_as_line(utf8_body(body)?);
    let (requests, rejected) = parse_classify_lines(&text, state.engine.config().parse_limits);
    drop(text);
    if let Some(first) = rejected.first() {
        tracing::info!(
            token_id = %caller.token_id,
            rejected = rejected.len(),
            first_line = first.line,
            "classify body refused"
        );
        let error = rejected_lines_detail(&rejected, first, "nothing was classified");
        return Ok((
            ApiErrorCode::RejectedLines.http_status(),
            Json(ClassifyRejectedBody {
                error,
                rejected: rejected.into_iter().map(Into::into).collect(),
            }),
        )
            .into_response());
    }
    let conversations = requests.len();
    let engine = state.engine.clone();
    let outputs = cancellable(move |cancel| {
        Ok(classify_requests_until(
            engine.classifier(),
            engine.taxonomy(),
            requests,
            cancel,
        )?)
    })
    .await?;
    let mut output = Vec::new();
    for line in outputs {
        serde_json::to_writer(&mut output, &ClassifyLineBody::from(line))
            .map_err(|error| ApiError::internal(&error))?;
        output.push(b'\n');
    }
    tracing::info!(token_id = %caller.token_id, conversations, "conversations classified");
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        output,
    )
        .into_response())
}
