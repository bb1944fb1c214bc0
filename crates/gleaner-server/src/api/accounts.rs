//! One account: profile, recommendations, explain, settings, export, forget.
//!
//! Reached by an `operator` token, or by a `person` token for its own
//! account and the accounts linked to it: every handler takes the
//! [`AccountInPath`] extractor, which answers 401 / 400 / 403 before the
//! handler runs. The bodies are the documents `gleaner <command> --json`
//! prints, made by the same engine calls (see [`dto`](super::dto)).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::Json;
use gleaner_core::{AccountId, AiPersonalization, ItemId, ItemKind, Surface, TopicId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::dto::{ExplanationBody, ExportBody, ForgetBody, ProfileBody, RecommendationBody};
use super::{blocking, body_error, query_error};
use crate::auth::AccountInPath;
use crate::error::{parse_json_body, ApiError, ApiErrorCode};
use crate::state::AppState;

/// The largest `n` of `recommendations`.
pub const MAX_RECOMMENDATIONS: usize = 1000;

/// `?surface=`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ProfileQuery {
    /// Serve on this surface (through the linked account there).
    pub surface: Option<String>,
}

/// `?kind=&n=`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RecommendQuery {
    /// `ad`, `post`, `reel`, `group` or `page`.
    #[param(value_type = String)]
    pub kind: ItemKind,
    /// How many (default 10, at most 1000).
    pub n: Option<usize>,
}

/// The body of `PUT /v1/accounts/{id}/ai-personalization`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AiPersonalizationBody {
    /// `on` or `off`.
    #[schema(value_type = String, example = "off")]
    pub state: AiPersonalization,
}

/// An account's settings after a change.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsBody {
    /// The account.
    #[schema(value_type = String)]
    pub account_id: AccountId,
    /// Its hidden topics.
    #[schema(value_type = Vec<u32>)]
    pub hidden_topics: Vec<TopicId>,
    /// `on`, `off`, or absent (unknown: AI interactions are not used).
    #[schema(value_type = Option<String>)]
    pub ai_personalization: Option<AiPersonalization>,
}

impl SettingsBody {
    fn of(account: &gleaner_core::Account) -> Self {
        Self {
            account_id: account.account_id.clone(),
            hidden_topics: account.hidden_topics.clone(),
            ai_personalization: account.ai_personalization,
        }
    }
}

/// As `gleaner profile ACCOUNT [--surface S]`.
#[utoipa::path(
    get, path = "/v1/accounts/{id}/profile", tag = "accounts",
    params(("id" = String, Path, description = "account id"), ProfileQuery),
    responses(
        (status = 200, description = "the interests usable on that surface", body = ProfileBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not this caller's account", body = crate::error::ErrorBody),
        (status = 404, description = "unknown account, or no linked account on that surface", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn profile(
    State(state): State<AppState>,
    AccountInPath { account_id, .. }: AccountInPath,
    query: Result<Query<ProfileQuery>, QueryRejection>,
) -> Result<Json<ProfileBody>, ApiError> {
    let Query(query) = query.map_err(|rejection| query_error(&rejection))?;
    let now = state.now();
    let engine = state.engine.clone();
    let profile = blocking(move || {
        let surface_opt = query.surface.as_deref().map(Surface::new);
        engine.profile(&account_id, surface_opt.as_ref(), now)
    })
    .await?;
    Ok(Json(profile.into()))
}

/// As `gleaner recommend ACCOUNT --kind K -n N`.
#[utoipa::path(
    get, path = "/v1/accounts/{id}/recommendations", tag = "accounts",
    params(("id" = String, Path, description = "account id"), RecommendQuery),
    responses(
        (status = 200, description = "ranked items with `because`", body = Vec<RecommendationBody>),
        (status = 400, description = "bad `kind` or `n`", body = crate::error::ErrorBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not this caller's account", body = crate::error::ErrorBody),
        (status = 404, description = "unknown account", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn recommendations(
    State(state): State<AppState>,
    AccountInPath { account_id, .. }: AccountInPath,
    query: Result<Query<RecommendQuery>, QueryRejection>,
) -> Result<Json<Vec<RecommendationBody>>, ApiError> {
    let Query(query) = query.map_err(|rejection| query_error(&rejection))?;
    let limit = query.n.unwrap_or(10);
    if limit > MAX_RECOMMENDATIONS {
        return Err(ApiError::new(
            ApiErrorCode::InvalidQuery,
            format!("n must be at most {MAX_RECOMMENDATIONS}"),
        )
        .with_field(Some("n".to_owned())));
    }
    let now = state.now();
    let engine = state.engine.clone();
    let recommendations =
        blocking(move || engine.recommend(&account_id, query.kind, limit, now)).await?;
    Ok(Json(recommendations.into_iter().map(Into::into).collect()))
}

/// As `gleaner explain ACCOUNT ITEM`.
#[utoipa::path(
    get, path = "/v1/accounts/{id}/explain/{item}", tag = "accounts",
    params(("id" = String, Path, description = "account id"), ("item" = String, Path, description = "catalog item id")),
    responses(
        (status = 200, description = "why the item would or would not be shown", body = ExplanationBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not this caller's account", body = crate::error::ErrorBody),
        (status = 404, description = "unknown account or item", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn explain(
    State(state): State<AppState>,
    AccountInPath {
        account_id,
        params: (_, raw_item),
        ..
    }: AccountInPath<(String, String)>,
) -> Result<Json<ExplanationBody>, ApiError> {
    let now = state.now();
    let engine = state.engine.clone();
    let explanation =
        blocking(move || engine.explain(&account_id, &ItemId::new(raw_item), now)).await?;
    Ok(Json(explanation.into()))
}

/// Hides a topic (and its descendants), as `gleaner hide`.
#[utoipa::path(
    put, path = "/v1/accounts/{id}/hidden-topics/{topic}", tag = "accounts",
    params(("id" = String, Path, description = "account id"), ("topic" = u32, Path, description = "topic id")),
    responses(
        (status = 200, description = "the account's settings", body = SettingsBody),
        (status = 400, description = "topic is not a number", body = crate::error::ErrorBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not this caller's account", body = crate::error::ErrorBody),
        (status = 404, description = "unknown account", body = crate::error::ErrorBody),
        (status = 422, description = "unknown topic", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn hide_topic(
    State(state): State<AppState>,
    AccountInPath {
        account_id,
        params: (_, topic),
        ..
    }: AccountInPath<(String, u32)>,
) -> Result<Json<SettingsBody>, ApiError> {
    let engine = state.engine.clone();
    let account = blocking(move || engine.hide_topic(&account_id, TopicId(topic))).await?;
    Ok(Json(SettingsBody::of(&account)))
}

/// Un-hides a topic, as `gleaner unhide`.
#[utoipa::path(
    delete, path = "/v1/accounts/{id}/hidden-topics/{topic}", tag = "accounts",
    params(("id" = String, Path, description = "account id"), ("topic" = u32, Path, description = "topic id")),
    responses(
        (status = 200, description = "the account's settings", body = SettingsBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not this caller's account", body = crate::error::ErrorBody),
        (status = 404, description = "unknown account", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn unhide_topic(
    State(state): State<AppState>,
    AccountInPath {
        account_id,
        params: (_, topic),
        ..
    }: AccountInPath<(String, u32)>,
) -> Result<Json<SettingsBody>, ApiError> {
    let engine = state.engine.clone();
    let account = blocking(move || engine.unhide_topic(&account_id, TopicId(topic))).await?;
    Ok(Json(SettingsBody::of(&account)))
}

/// Turns AI personalization on or off (the person's opt-out).
#[utoipa::path(
    put, path = "/v1/accounts/{id}/ai-personalization", tag = "accounts",
    params(("id" = String, Path, description = "account id")),
    request_body = AiPersonalizationBody,
    responses(
        (status = 200, description = "the account's settings", body = SettingsBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not this caller's account", body = crate::error::ErrorBody),
        (status = 404, description = "unknown account", body = crate::error::ErrorBody),
        (status = 422, description = "bad body (the field is named)", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn set_ai_personalization(
    State(state): State<AppState>,
    AccountInPath { account_id, .. }: AccountInPath,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<SettingsBody>, ApiError> {
    let bytes = body.map_err(|rejection| body_error(&rejection))?;
    let request: AiPersonalizationBody = parse_json_body(&bytes)?;
    let engine = state.engine.clone();
    let account =
        blocking(move || engine.set_ai_personalization(&account_id, request.state)).await?;
    Ok(Json(SettingsBody::of(&account)))
}

/// Everything held about an account, as `gleaner export`.
#[utoipa::path(
    get, path = "/v1/accounts/{id}/export", tag = "accounts",
    params(("id" = String, Path, description = "account id")),
    responses(
        (status = 200, description = "the export document", body = ExportBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not this caller's account", body = crate::error::ErrorBody),
        (status = 404, description = "unknown account", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn export(
    State(state): State<AppState>,
    AccountInPath { account_id, .. }: AccountInPath,
) -> Result<Json<ExportBody>, ApiError> {
    let now = state.now();
    let engine = state.engine.clone();
    let export = blocking(move || engine.export(&account_id, now)).await?;
    Ok(Json(export.into()))
}

/// Erases everything held about an account, as `gleaner forget`, after
/// revoking the account's person tokens (the caller's own included): a
/// token must neither outlive its account nor read a new account that is
/// later given the same id.
#[utoipa::path(
    delete, path = "/v1/accounts/{id}", tag = "accounts",
    params(("id" = String, Path, description = "account id")),
    responses(
        (status = 200, description = "what was erased", body = ForgetBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not this caller's account", body = crate::error::ErrorBody),
        (status = 404, description = "unknown account", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn forget(
    State(state): State<AppState>,
    AccountInPath {
        caller, account_id, ..
    }: AccountInPath,
) -> Result<Json<ForgetBody>, ApiError> {
    let tokens = Arc::clone(&state.tokens);
    let revoked_for = account_id.clone();
    let revoked =
        tokio::task::spawn_blocking(move || tokens.revoke_account(&revoked_for)).await??;
    let engine = state.engine.clone();
    let forgotten_id = account_id.clone();
    let report = blocking(move || engine.forget(&forgotten_id)).await?;
    tracing::info!(
        token_id = %caller.token_id,
        tokens_revoked = revoked.len(),
        "account forgotten"
    );
    Ok(Json(ForgetBody {
        account_id,
        account_removed: report.account_removed,
        audit_records_removed: report.audit_records_removed,
        events_removed: report.events_removed,
        signals_removed: report.signals_removed,
        tokens_revoked: revoked.len(),
    }))
}
