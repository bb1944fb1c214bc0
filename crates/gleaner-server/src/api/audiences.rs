//! `GET /v1/audiences/reach`: the advertiser aggregate.
//!
//! How many people could be reached with ads on a set of topics, by surface
//! and country. Who counts, and the mechanism that makes the answer safe
//! to release (a per-person contribution bound, discrete Laplace noise on
//! every count, a threshold of k on the noisy counts), are the engine's
//! ([`gleaner_engine::query::reach`]). This module adds what needs tokens:
//!
//! - **A privacy budget per token.** Every fresh answer costs ε
//!   (`--reach-epsilon`) from the token's budget (`--reach-budget`), kept in
//!   the token store ([`TokenStore::charge_reach_budget`]) so a restart does
//!   not reset it. An advertiser token whose budget is spent gets 403
//!   `privacy_budget_spent`; operator tokens (which can read every profile
//!   anyway) get the same protected answer and are not charged.
//! - **Repeats cost nothing and teach nothing.** The same token asking the
//!   same question ([`ReachQuery`]: topics in any order) of the same index
//!   gets the answer it got before, not a new draw of noise, so averaging
//!   repeats learns nothing ([`ReachAnswers`]).
//!
//! The per-account audience index is the engine's too
//! ([`Engine::audience_index`](gleaner_engine::Engine::audience_index)): kept
//! between queries and rebuilt after any write to the store, whoever made
//! it (this server's handlers, stream workers sharing the engine).

use std::collections::HashMap;
use std::sync::Mutex;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::Json;
use gleaner_core::{CountryCode, Surface, TopicId};
use gleaner_engine::query::reach::{count_reach, release, AnswerNoise, ReachQuery, ReleasedReach};
use gleaner_engine::Engine;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{blocking, query_error};
use crate::auth::{AudienceScopes, Scoped};
use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;
use crate::tokens::{BudgetCharge, Caller, Scope, TokenStore};

/// `?topics=&country=&surface=`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReachQueryParams {
    /// Comma-separated topic ids (a topic includes its descendants).
    pub topics: String,
    /// Only this country (ISO 3166-1 alpha-2).
    pub country: Option<String>,
    /// Only this surface.
    pub surface: Option<String>,
}

/// An audience size, or the fact that it is under the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(untagged)]
pub enum Reach {
    /// At least `k` people (a noisy count).
    People {
        /// How many (noisy).
        people: u64,
    },
    /// The noisy count is below `k`: the same answer whether nobody or
    /// `k - 1` people are there.
    FewerThan {
        /// The threshold.
        fewer_than: usize,
    },
}

/// The reach of one surface × country whose noisy count is at least `k`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReachGroup {
    /// The surface.
    pub surface: String,
    /// The country.
    pub country: String,
    /// How many people (noisy, at least `k`).
    pub people: u64,
}

/// What an advertiser token has spent of its privacy budget.
#[derive(Clone, Copy, Debug, Serialize, ToSchema)]
pub struct PrivacyBudget {
    /// ε spent on fresh answers so far (this one included).
    pub epsilon_spent: f64,
    /// The most ε this token may spend.
    pub epsilon_limit: f64,
}

/// The answer. Every field is always present; which groups are listed
/// depends only on noisy counts (see the module docs).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReachBody {
    /// The topics asked for (sorted, without repeats).
    pub topics: Vec<u32>,
    /// The threshold applied to every noisy count.
    pub k_anonymity: usize,
    /// The ε of one fresh answer.
    pub epsilon: f64,
    /// Distinct people over every group (noisy), or `fewer_than`.
    pub total: Reach,
    /// The surface × country groups whose noisy count is at least `k`;
    /// smaller groups, and groups with nobody, are not listed.
    pub groups: Vec<ReachGroup>,
    /// The calling advertiser token's budget; `null` for operator tokens.
    pub privacy_budget: Option<PrivacyBudget>,
}

/// The answers already given, per (token, question), for the current index
/// build only; asked again, a question gets the same answer for free.
#[derive(Default)]
pub struct ReachAnswers {
    answers: Mutex<HashMap<(String, ReachQuery), (u64, ReleasedReach)>>,
}

/// Past this many kept answers the memory is cleared (the next repeats
/// are then charged again, which is safe).
const MAX_KEPT_ANSWERS: usize = 100_000;

impl ReachAnswers {
    fn get(&self, token_id: &str, query: &ReachQuery, build: u64) -> Option<ReleasedReach> {
        let answers = self.answers.lock().expect("reach answers lock");
        answers
            .get(&(token_id.to_owned(), query.clone()))
            .filter(|(answered_build, _)| *answered_build == build)
            .map(|(_, answer)| answer.clone())
    }

    fn keep(&self, token_id: &str, query: ReachQuery, build: u64, answer: ReleasedReach) {
        let mut answers = self.answers.lock().expect("reach answers lock");
        answers.retain(|_, (answered_build, _)| *answered_build == build);
        if answers.len() >= MAX_KEPT_ANSWERS {
            answers.clear();
        }
        answers.insert((token_id.to_owned(), query), (build, answer));
    }
}

fn parse_topics(engine: &Engine, raw: &str) -> Result<Vec<TopicId>, ApiError> {
    let bad = |message: String| {
        ApiError::new(ApiErrorCode::InvalidQuery, message).with_field(Some("topics".to_owned()))
    };
    let mut topics = Vec::new();
    for part in raw
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
    {
        let id: u32 = part
            .parse()
            .map_err(|_| bad("topics must be comma-separated topic ids".to_owned()))?;
        if engine.taxonomy().get(TopicId(id)).is_none() {
            return Err(bad(format!("unknown topic id {id}")));
        }
        topics.push(TopicId(id));
    }
    if topics.is_empty() {
        return Err(bad("give at least one topic id".to_owned()));
    }
    Ok(topics)
}

/// Returns ε in millionths (the unit of the budget ledger, exact to add).
fn micro_epsilon(epsilon: f64) -> u64 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped
    let micro = (epsilon.max(0.0) * 1e6).round().min(u64::MAX as f64) as u64;
    micro
}

#[allow(clippy::cast_precision_loss)] // below 2^53 millionths
fn epsilon_of_micro(micro: u64) -> f64 {
    micro as f64 / 1e6
}

/// The noise of a fresh answer: seeded (tests) or from OS randomness.
fn answer_noise(seed_opt: Option<u64>, query: &ReachQuery) -> Result<AnswerNoise, ApiError> {
    if let Some(seed) = seed_opt {
        return Ok(AnswerNoise::seeded(seed, query));
    }
    let mut salt = [0u8; 32];
    getrandom::fill(&mut salt).map_err(|error| ApiError::internal(&error))?;
    Ok(AnswerNoise::from_salt(salt))
}

/// Where the caller stands with its budget, charging one fresh answer
/// when `fresh`; `None` for callers without a budget (operators).
fn account_for_answer(
    tokens: &dyn TokenStore,
    caller: &Caller,
    fresh: bool,
    cost_epsilon: f64,
    limit_epsilon: f64,
) -> Result<Option<PrivacyBudget>, ApiError> {
    if caller.scope != Scope::Advertiser {
        return Ok(None);
    }
    let limit_micro = micro_epsilon(limit_epsilon);
    let spent_micro = if fresh {
        match tokens.charge_reach_budget(
            &caller.token_id,
            micro_epsilon(cost_epsilon),
            limit_micro,
        )? {
            BudgetCharge::Charged { spent_micro } => spent_micro,
            BudgetCharge::Refused { spent_micro } => {
                return Err(ApiError::new(
                    ApiErrorCode::PrivacyBudgetSpent,
                    format!(
                        "this token has spent {} of its reach privacy budget of {} (ε {} per new question); \
                         repeated questions are still answered, new ones need a new token from the operator",
                        epsilon_of_micro(spent_micro),
                        limit_epsilon,
                        cost_epsilon
                    ),
                ))
            }
        }
    } else {
        tokens.reach_budget_spent(&caller.token_id)?
    };
    Ok(Some(PrivacyBudget {
        epsilon_spent: epsilon_of_micro(spent_micro),
        epsilon_limit: limit_epsilon,
    }))
}

/// Audience size for a set of topics by surface and country
/// (differentially private, k-thresholded, budgeted per token).
#[utoipa::path(
    get, path = "/v1/audiences/reach", tag = "audiences",
    params(ReachQueryParams),
    responses(
        (status = 200, description = "people reachable, by surface and country: noisy counts, only those at or above k", body = ReachBody),
        (status = 400, description = "bad topics or country", body = crate::error::ErrorBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "scope is not advertiser or operator, or the token's privacy budget is spent (`privacy_budget_spent`)", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn reach(
    State(state): State<AppState>,
    Scoped { caller, .. }: Scoped<AudienceScopes>,
    query: Result<Query<ReachQueryParams>, QueryRejection>,
) -> Result<Json<ReachBody>, ApiError> {
    let Query(params) = query.map_err(|rejection| query_error(&rejection))?;
    let topics = parse_topics(&state.engine, &params.topics)?;
    let country_opt = match &params.country {
        Some(raw) => Some(raw.parse::<CountryCode>().map_err(|error| {
            ApiError::new(ApiErrorCode::InvalidQuery, error.to_string())
                .with_field(Some("country".to_owned()))
        })?),
        None => None,
    };
    let reach_query = ReachQuery::new(topics, country_opt, params.surface.map(Surface::new));
    let config = state.config;
    let privacy = config.reach_privacy;
    let now = state.now();
    let engine = state.engine.clone();
    let index = blocking(move || engine.audience_index(now)).await?;
    let kept_opt = state
        .reach_answers
        .get(&caller.token_id, &reach_query, index.build());
    let budget_opt = account_for_answer(
        state.tokens.as_ref(),
        &caller,
        kept_opt.is_none(),
        privacy.epsilon_per_answer,
        config.reach_budget_per_token,
    )?;
    let released = if let Some(kept) = kept_opt {
        kept
    } else {
        let noise = answer_noise(config.reach_noise_seed, &reach_query)?;
        let counts = count_reach(
            state.engine.taxonomy(),
            index.members(),
            &reach_query,
            &privacy,
        );
        let released = release(&counts, &reach_query, &privacy, &noise);
        state.reach_answers.keep(
            &caller.token_id,
            reach_query.clone(),
            index.build(),
            released.clone(),
        );
        released
    };
    let k_anonymity = privacy.k_anonymity;
    Ok(Json(ReachBody {
        topics: reach_query.topics().iter().map(|topic| topic.0).collect(),
        k_anonymity,
        epsilon: privacy.epsilon_per_answer,
        total: released.total.map_or(
            Reach::FewerThan {
                fewer_than: k_anonymity,
            },
            |people| Reach::People { people },
        ),
        groups: released
            .groups
            .into_iter()
            .map(|group| ReachGroup {
                surface: group.surface.to_string(),
                country: group.country.to_string(),
                people: group.people,
            })
            .collect(),
        privacy_budget: budget_opt,
    }))
}
