//! One account: profile, recommendations, explain, settings, export, forget,
//! and the operator's audited changes (move, settings override).
//!
//! Reached by an `operator` token, or by a `person` token for its own
//! account and the accounts linked to it: every handler takes the
//! [`AccountInPath`] extractor, which answers 401 / 400 / 403 before the
//! handler runs. The person's own settings (hidden topics, AI
//! personalization) take [`PersonAccountInPath`] instead: a `person` token
//! only, so an operator's change to them always goes through the audited
//! settings override. The operator's changes need an `operator` token,
//! checked before the account is looked up. The bodies are the documents
//! `gleaner <command> --json` prints, made by the same engine calls (see
//! [`dto`](super::dto)).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::Json;
use gleaner_core::{
    AccountId, AccountsCenterId, AiPersonalization, ItemId, ItemKind, OverrideReason,
    SettingsOverrideRecord, Surface, TopicId,
};
use gleaner_engine::{EngineError, SettingsOverride};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::dto::{ExplanationBody, ExportBody, ForgetBody, ProfileBody, RecommendationBody};
use super::{blocking, body_error, path_error, query_error};
use crate::auth::{require_scope, AccountInPath, Authenticated, PersonAccountInPath};
use crate::error::{parse_json_body, ApiError, ApiErrorCode};
use crate::state::AppState;
use crate::tokens::{Caller, Scope};

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

/// Hides a topic (and its descendants), as `gleaner hide`: `person` tokens
/// only (an operator uses `POST /v1/accounts/{id}/settings-override`).
#[utoipa::path(
    put, path = "/v1/accounts/{id}/hidden-topics/{topic}", tag = "accounts",
    params(("id" = String, Path, description = "account id"), ("topic" = u32, Path, description = "topic id")),
    responses(
        (status = 200, description = "the account's settings", body = SettingsBody),
        (status = 400, description = "topic is not a number", body = crate::error::ErrorBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not a person token reaching this account (an operator uses POST /v1/accounts/{id}/settings-override, audited)", body = crate::error::ErrorBody),
        (status = 404, description = "unknown account", body = crate::error::ErrorBody),
        (status = 422, description = "unknown topic", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn hide_topic(
    State(state): State<AppState>,
    PersonAccountInPath {
        account_id,
        params: (_, topic),
        ..
    }: PersonAccountInPath<(String, u32)>,
) -> Result<Json<SettingsBody>, ApiError> {
    let engine = state.engine.clone();
    let account = blocking(move || engine.hide_topic(&account_id, TopicId(topic))).await?;
    Ok(Json(SettingsBody::of(&account)))
}

/// Un-hides a topic, as `gleaner unhide`: `person` tokens only (an
/// operator uses `POST /v1/accounts/{id}/settings-override`).
#[utoipa::path(
    delete, path = "/v1/accounts/{id}/hidden-topics/{topic}", tag = "accounts",
    params(("id" = String, Path, description = "account id"), ("topic" = u32, Path, description = "topic id")),
    responses(
        (status = 200, description = "the account's settings", body = SettingsBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not a person token reaching this account (an operator uses POST /v1/accounts/{id}/settings-override, audited)", body = crate::error::ErrorBody),
        (status = 404, description = "unknown account", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn unhide_topic(
    State(state): State<AppState>,
    PersonAccountInPath {
        account_id,
        params: (_, topic),
        ..
    }: PersonAccountInPath<(String, u32)>,
) -> Result<Json<SettingsBody>, ApiError> {
    let engine = state.engine.clone();
    let account = blocking(move || engine.unhide_topic(&account_id, TopicId(topic))).await?;
    Ok(Json(SettingsBody::of(&account)))
}

/// Turns AI personalization on or off (the person's opt-out): `person`
/// tokens only (an operator uses `POST /v1/accounts/{id}/settings-override`).
#[utoipa::path(
    put, path = "/v1/accounts/{id}/ai-personalization", tag = "accounts",
    params(("id" = String, Path, description = "account id")),
    request_body = AiPersonalizationBody,
    responses(
        (status = 200, description = "the account's settings", body = SettingsBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not a person token reaching this account (an operator uses POST /v1/accounts/{id}/settings-override, audited)", body = crate::error::ErrorBody),
        (status = 404, description = "unknown account", body = crate::error::ErrorBody),
        (status = 422, description = "bad body (the field is named)", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn set_ai_personalization(
    State(state): State<AppState>,
    PersonAccountInPath { account_id, .. }: PersonAccountInPath,
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

/// The body of `POST /v1/accounts/{id}/move`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveBody {
    /// The accounts center to move the account to, or `null` to link it to
    /// none. Required: leaving it out is an error, not an unlink.
    #[schema(value_type = Option<String>, required = true, example = "ac:77")]
    pub accounts_center_id: RequiredCenter,
}

/// `accounts_center_id` of [`MoveBody`]: a non-empty id or `null`, and
/// present either way (serde would read a missing `Option` as `null`).
#[derive(Debug)]
pub struct RequiredCenter(Option<String>);

impl<'de> Deserialize<'de> for RequiredCenter {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CenterVisitor;
        impl serde::de::Visitor<'_> for CenterVisitor {
            type Value = RequiredCenter;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("an accounts center id or null")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
                if value.trim().is_empty() {
                    return Err(E::invalid_value(
                        serde::de::Unexpected::Str(value),
                        &"a non-empty accounts center id",
                    ));
                }
                Ok(RequiredCenter(Some(value.to_owned())))
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(RequiredCenter(None))
            }

            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(RequiredCenter(None))
            }
        }
        // `deserialize_any`, not `deserialize_option`: a missing field then
        // fails with "missing field" instead of reading as `None`.
        deserializer.deserialize_any(CenterVisitor)
    }
}

/// What a move did (as `gleaner accounts move --json`).
#[derive(Debug, Serialize, ToSchema)]
pub struct MoveDone {
    /// The account.
    #[schema(value_type = String)]
    pub account_id: AccountId,
    /// The accounts center it was in (`null`: none).
    #[schema(value_type = Option<String>)]
    pub from: Option<AccountsCenterId>,
    /// The accounts center it is in now (`null`: none).
    #[schema(value_type = Option<String>)]
    pub to: Option<AccountsCenterId>,
    /// False when it was already there (nothing changed, nothing recorded).
    pub moved: bool,
}

/// The body of `POST /v1/accounts/{id}/settings-override`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsOverrideBody {
    /// `on` or `off`; absent: unchanged.
    #[schema(value_type = Option<String>, example = "off")]
    pub ai_personalization: Option<AiPersonalization>,
    /// The hidden topics to set (replacing the person's list); absent:
    /// unchanged.
    #[schema(value_type = Option<Vec<u32>>)]
    pub hidden_topics: Option<Vec<TopicId>>,
    /// Why: 1 to 280 characters on one line, such as a ticket reference;
    /// kept in the audit record, so never the person's words.
    #[schema(value_type = String, example = "SUP-1234: regulator request")]
    pub reason: OverrideReason,
}

/// What a settings override did (as `gleaner accounts override --json`).
#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsOverrideDone {
    /// The account.
    #[schema(value_type = String)]
    pub account_id: AccountId,
    /// False when the settings already were so (nothing recorded).
    pub overridden: bool,
    /// The AI-personalization setting now.
    #[schema(value_type = Option<String>)]
    pub ai_personalization: Option<AiPersonalization>,
    /// The hidden topics now.
    #[schema(value_type = Vec<u32>)]
    pub hidden_topics: Vec<TopicId>,
    /// The audit record written (`null` when nothing changed).
    #[schema(value_type = Option<super::dto::SettingsOverrideSchema>)]
    pub record: Option<SettingsOverrideRecord>,
}

/// The `by` of an operator record written for `caller`.
fn operator_channel(caller: &Caller) -> String {
    format!("token {}", caller.token_id)
}

/// Moves an account to another accounts center (or to none), as `gleaner
/// accounts move`: operator tokens only, with an audit record.
#[utoipa::path(
    post, path = "/v1/accounts/{id}/move", tag = "accounts",
    params(("id" = String, Path, description = "account id")),
    request_body = MoveBody,
    responses(
        (status = 200, description = "what the move did", body = MoveDone),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not an operator token (whether the account exists is not said)", body = crate::error::ErrorBody),
        (status = 404, description = "unknown account", body = crate::error::ErrorBody),
        (status = 422, description = "bad body (the field is named)", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn move_account(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    path: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<MoveDone>, ApiError> {
    require_scope(&caller, &[Scope::Operator])?;
    let Path(raw_id) = path.map_err(|rejection| path_error(&rejection))?;
    let bytes = body.map_err(|rejection| body_error(&rejection))?;
    let request: MoveBody = parse_json_body(&bytes)?;
    let account_id = AccountId::new(raw_id);
    let to = request.accounts_center_id.0.map(AccountsCenterId::new);
    let by = operator_channel(&caller);
    let now = state.now();
    let engine = state.engine.clone();
    let done = blocking(move || engine.move_account(&account_id, to, &by, now)).await?;
    tracing::info!(token_id = %caller.token_id, moved = done.moved, "account move");
    Ok(Json(MoveDone {
        account_id: done.account.account_id,
        from: done.from,
        to: done.account.accounts_center_id,
        moved: done.moved,
    }))
}

/// Overrides a person's own settings, as `gleaner accounts override`:
/// operator tokens only, with a reason and an audit record that the
/// person's export shows.
#[utoipa::path(
    post, path = "/v1/accounts/{id}/settings-override", tag = "accounts",
    params(("id" = String, Path, description = "account id")),
    request_body = SettingsOverrideBody,
    responses(
        (status = 200, description = "what the override did", body = SettingsOverrideDone),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not an operator token (whether the account exists is not said)", body = crate::error::ErrorBody),
        (status = 404, description = "unknown account", body = crate::error::ErrorBody),
        (status = 422, description = "bad body, no setting given, or an unknown topic (the field is named)", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn override_settings(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    path: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<SettingsOverrideDone>, ApiError> {
    require_scope(&caller, &[Scope::Operator])?;
    let Path(raw_id) = path.map_err(|rejection| path_error(&rejection))?;
    let bytes = body.map_err(|rejection| body_error(&rejection))?;
    let request: SettingsOverrideBody = parse_json_body(&bytes)?;
    let settings = SettingsOverride {
        ai_personalization: request.ai_personalization,
        hidden_topics: request.hidden_topics,
    };
    if settings.is_empty() {
        return Err(ApiError::new(
            ApiErrorCode::InvalidJson,
            "give ai_personalization, hidden_topics or both",
        ));
    }
    let account_id = AccountId::new(raw_id);
    let by = operator_channel(&caller);
    let now = state.now();
    let engine = state.engine.clone();
    let done = tokio::task::spawn_blocking(move || {
        engine.override_settings(&account_id, &settings, request.reason, &by, now)
    })
    .await?
    .map_err(|error| {
        let unknown_topic = matches!(error, EngineError::UnknownTopic(_));
        let api_error = ApiError::from(error);
        if unknown_topic {
            api_error.with_field(Some("hidden_topics".to_owned()))
        } else {
            api_error
        }
    })?;
    tracing::info!(
        token_id = %caller.token_id,
        overridden = done.record.is_some(),
        "settings override"
    );
    Ok(Json(SettingsOverrideDone {
        account_id: done.account.account_id,
        overridden: done.record.is_some(),
        ai_personalization: done.account.ai_personalization,
        hidden_topics: done.account.hidden_topics,
        record: done.record,
    }))
}
