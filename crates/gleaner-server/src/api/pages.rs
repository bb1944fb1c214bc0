//! The two pages (`GET /`, `GET /operator`) and the endpoints only they need
//! (`GET /v1/me`, `GET /v1/operator/summary`).
//!
//! The pages are static HTML with inline CSS, JavaScript and SVG, compiled
//! into the binary (`include_str!`): nothing is fetched from the internet at
//! run time. They hold no data themselves; the browser calls the API with
//! the token the person pastes, so the pages are exactly as private as the
//! API.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::Html;
use axum::Json;
use gleaner_core::{AuditOutcome, ReasonCode};
use serde::Serialize;
use utoipa::ToSchema;

use super::blocking;
use super::weekly::{WeekBar, WeeklyCounts};
use crate::auth::{Authenticated, OperatorScope, Scoped};
use crate::error::ApiError;
use crate::state::AppState;

pub(crate) const PRIVACY_CENTER_HTML: &str = include_str!("../pages/privacy.html");
pub(crate) const OPERATOR_DASHBOARD_HTML: &str = include_str!("../pages/operator.html");

/// The privacy center page (for a `person` token).
#[utoipa::path(get, path = "/", tag = "pages",
    responses((status = 200, description = "HTML page", body = String, content_type = "text/html")))]
pub async fn privacy_center() -> Html<&'static str> {
    Html(PRIVACY_CENTER_HTML)
}

/// The operator dashboard page (for an `operator` token).
#[utoipa::path(get, path = "/operator", tag = "pages",
    responses((status = 200, description = "HTML page", body = String, content_type = "text/html")))]
pub async fn operator_dashboard() -> Html<&'static str> {
    Html(OPERATOR_DASHBOARD_HTML)
}

/// Who the presented token is.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeBody {
    /// The token's id.
    pub token_id: String,
    /// Its scope.
    pub scope: &'static str,
    /// Its account (`person` tokens).
    pub account_id: Option<String>,
}

/// Says which scope and account the token has (any valid token).
#[utoipa::path(get, path = "/v1/me", tag = "pages",
    responses(
        (status = 200, description = "the token's scope and account", body = MeBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn me(Authenticated(caller): Authenticated) -> Json<MeBody> {
    Json(MeBody {
        token_id: caller.token_id,
        scope: caller.scope.as_str(),
        account_id: caller.account_id.map(|id| id.as_str().to_owned()),
    })
}

/// Aggregates for the operator dashboard (audit counts only; no ids).
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct OperatorSummary {
    /// Accounts, catalog items, events, signals, audit records, tombstones.
    pub store: BTreeMap<&'static str, u64>,
    /// Events per outcome (`used`, `restricted`, `dropped`).
    pub outcomes: BTreeMap<&'static str, usize>,
    /// Per week the events happened (Monday to Sunday, UTC), every week
    /// from the first to the last: each event counted once, under `used`
    /// or the first rule that gave a reason ([`weekly`](super::weekly)).
    pub by_week: Vec<WeekBar>,
    /// The segments of `by_week`, bottom of the stack first: `used`, then
    /// rule names in guardrail order.
    pub week_series: Vec<&'static str>,
    /// Sensitive-category drops by category.
    pub sensitive: BTreeMap<String, usize>,
    /// The 15 topics most derived, as (path, count).
    pub top_topics: Vec<(String, usize)>,
}

/// The operator dashboard's data (`operator` tokens only).
#[utoipa::path(get, path = "/v1/operator/summary", tag = "pages",
    responses(
        (status = 200, description = "audit aggregates and store sizes", body = OperatorSummary),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "not an operator token", body = crate::error::ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn operator_summary(
    State(state): State<AppState>,
    _operator: Scoped<OperatorScope>,
) -> Result<Json<OperatorSummary>, ApiError> {
    let engine = state.engine.clone();
    let summary = blocking(move || {
        let mut summary = OperatorSummary::default();
        let mut topic_counts: BTreeMap<gleaner_core::TopicId, usize> = BTreeMap::new();
        let mut weekly = WeeklyCounts::default();
        engine.store().for_each_audit_record(&mut |record| {
            let outcome = match record.outcome {
                AuditOutcome::Used => "used",
                AuditOutcome::Restricted => "restricted",
                AuditOutcome::Dropped => "dropped",
            };
            *summary.outcomes.entry(outcome).or_default() += 1;
            weekly.add(record.event_at, &record.reasons);
            for reason in &record.reasons {
                if let ReasonCode::Sensitive(category) = reason {
                    *summary
                        .sensitive
                        .entry(category.as_str().to_owned())
                        .or_default() += 1;
                }
            }
            for topic in &record.topics {
                *topic_counts.entry(*topic).or_default() += 1;
            }
        })?;
        summary.by_week = weekly.bars();
        summary.week_series = weekly.series();
        let mut top: Vec<_> = topic_counts.into_iter().collect();
        top.sort_by(|left, right| right.1.cmp(&left.1).then(left.0.cmp(&right.0)));
        summary.top_topics = top
            .into_iter()
            .take(15)
            .map(|(topic, count)| {
                let path = engine
                    .taxonomy()
                    .path(topic)
                    .unwrap_or_else(|| topic.to_string());
                (path, count)
            })
            .collect();
        let store_stats = engine.store().stats()?;
        summary.store = BTreeMap::from([
            ("accounts", store_stats.accounts as u64),
            ("catalog_items", store_stats.catalog_items as u64),
            ("events", store_stats.events as u64),
            ("signals", store_stats.signals as u64),
            ("audit_records", store_stats.audit_records as u64),
            ("tombstones", store_stats.tombstones),
        ]);
        Ok(summary)
    })
    .await?;
    Ok(Json(summary))
}
