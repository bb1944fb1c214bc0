//! `GET /v1/audiences/reach`: the advertiser aggregate.
//!
//! How many people could be reached with ads on a set of topics, by surface
//! and country. A person counts when the profile of one of their accounts
//! (built by the same [`Engine::profile`](gleaner_engine::Engine::profile)
//! the person sees, so every guardrail applies: jurisdiction, minors,
//! opt-out, hidden topics, retention) has ad weight on a requested topic or
//! a descendant of it. People are told apart by `accounts_center_id` (an
//! account without one is its own person), so linked accounts count once in
//! the total.
//!
//! k-anonymity: a count below `k` (default 100, `--k-anonymity`) is never
//! sent; the group says `{"fewer_than": k}` instead. Nothing about one
//! person is ever returned: no ids, no per-account rows.
//!
//! Building every profile is the cost of a query (seconds at 100,000
//! profiles), so the per-account result (person, surface, country, topics
//! with ad weight) is kept in an [`AudienceCache`] and reused by later
//! queries, whatever their topics, until data changes: every request that
//! can have written (any method but GET and HEAD, not refused with a 4xx)
//! marks the cache stale when it finishes ([`note_writes`]), so a hidden topic, an opt-out or an erasure
//! counts from the next query on. Because profiles also change with time
//! (retention), an index older than [`AUDIENCE_INDEX_MAX_AGE_SECONDS`] of
//! request time is rebuilt too; that also bounds how long writes made by
//! another process (a shared Redis or `PostgreSQL` store) go unseen.
//!
//! Residual risk, stated plainly: two queries whose audiences differ by a
//! few people (topics A vs A+B) can still be subtracted; rate limits and
//! query auditing are the operator's next line of defence.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Json;
use gleaner_core::{CountryCode, Surface, Timestamp, TopicId};
use gleaner_engine::{Engine, EngineError};
use gleaner_taxonomy::Taxonomy;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{blocking, query_error};
use crate::auth::{require_scope, Authenticated};
use crate::error::ApiError;
use crate::state::AppState;
use crate::tokens::Scope;

/// `?topics=&country=&surface=`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReachQuery {
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
    /// At least `k` people.
    People {
        /// How many.
        people: usize,
    },
    /// Fewer than `k` people (the count itself is withheld).
    FewerThan {
        /// The threshold.
        fewer_than: usize,
    },
}

impl Reach {
    /// Applies the threshold.
    pub fn of(people: usize, k_anonymity: usize) -> Self {
        if people >= k_anonymity {
            Self::People { people }
        } else {
            Self::FewerThan {
                fewer_than: k_anonymity,
            }
        }
    }
}

/// The reach of one surface × country.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReachGroup {
    /// The surface.
    pub surface: String,
    /// The country.
    pub country: String,
    /// The audience.
    #[serde(flatten)]
    pub reach: Reach,
}

/// The answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReachBody {
    /// The topics asked for.
    pub topics: Vec<u32>,
    /// The threshold applied.
    pub k_anonymity: usize,
    /// Distinct people over every group.
    pub total: Reach,
    /// One entry per surface × country with at least one person.
    pub groups: Vec<ReachGroup>,
}

/// Distinct people per (surface, country), and distinct people overall.
pub type AudienceCounts = (BTreeMap<(String, String), usize>, usize);

/// How long (request time) an audience index is reused when no write came.
pub const AUDIENCE_INDEX_MAX_AGE_SECONDS: i64 = 60;

/// One account as reach sees it: who it belongs to, where, and the topics
/// its ad-usable profile holds. Ids only; never a count below k leaves.
struct AudienceMember {
    person: String,
    surface: String,
    country: CountryCode,
    ad_topics: Vec<TopicId>,
}

/// Every account's [`AudienceMember`], as of one data generation and time.
struct AudienceIndex {
    generation: u64,
    built_at: Timestamp,
    members: Vec<AudienceMember>,
}

/// The reach index kept between queries, and a generation counter that
/// every write bumps; shared by all requests (cloning the handle is shallow).
#[derive(Default)]
pub struct AudienceCache {
    generation: AtomicU64,
    index: Mutex<Option<Arc<AudienceIndex>>>,
}

impl AudienceCache {
    /// Marks the kept index stale (data may have changed).
    pub fn data_changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Returns the index for `now`, building it when stale.
    fn index(&self, engine: &Engine, now: Timestamp) -> Result<Arc<AudienceIndex>, EngineError> {
        let generation = self.generation.load(Ordering::SeqCst);
        if let Some(index) = self.index.lock().expect("audience cache lock").as_ref() {
            let age_seconds = (now - index.built_at).num_seconds();
            if index.generation == generation
                && (0..AUDIENCE_INDEX_MAX_AGE_SECONDS).contains(&age_seconds)
            {
                return Ok(Arc::clone(index));
            }
        }
        // Tagged with the generation read before building: a write that
        // lands meanwhile makes the next query build again.
        let index = Arc::new(AudienceIndex {
            generation,
            built_at: now,
            members: audience_members(engine, now)?,
        });
        *self.index.lock().expect("audience cache lock") = Some(Arc::clone(&index));
        Ok(index)
    }
}

/// Marks the audience index stale after every request that can have
/// written: any method but GET and HEAD, unless it was refused with a 4xx
/// (those change nothing, so a caller without a token cannot force
/// rebuilds); a 422 may have taken some lines, and a 5xx may have stopped
/// half-way, so both count as writes.
pub async fn note_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let can_write = !matches!(*request.method(), Method::GET | Method::HEAD);
    let response = next.run(request).await;
    let status = response.status();
    let refused = status.is_client_error() && status != StatusCode::UNPROCESSABLE_ENTITY;
    if can_write && !refused {
        state.audiences.data_changed();
    }
    response
}

/// Builds every account's ad-usable profile (the same
/// [`Engine::profile`] the person sees, so every guardrail applies).
fn audience_members(engine: &Engine, now: Timestamp) -> Result<Vec<AudienceMember>, EngineError> {
    let mut members = Vec::new();
    for account_id in engine.store().account_ids()? {
        let Some(account) = engine.store().account(&account_id)? else {
            continue;
        };
        let Some(country) = account.country else {
            continue;
        };
        let profile = engine.profile(&account_id, None, now)?;
        let ad_topics: Vec<TopicId> = profile
            .interests
            .iter()
            .filter(|interest| interest.ads_weight > 0.0)
            .map(|interest| interest.topic)
            .collect();
        if ad_topics.is_empty() {
            continue;
        }
        let person = account.accounts_center_id.as_ref().map_or_else(
            || format!("account:{}", account.account_id),
            |center| format!("center:{center}"),
        );
        members.push(AudienceMember {
            person,
            surface: account.surface.to_string(),
            country,
            ad_topics,
        });
    }
    Ok(members)
}

/// Distinct people per (surface, country) among `members` whose ad topics
/// hold a requested topic (or a descendant).
fn count_members(
    taxonomy: &Taxonomy,
    members: &[AudienceMember],
    topics: &[TopicId],
    country_opt: Option<CountryCode>,
    surface_opt: Option<&Surface>,
) -> AudienceCounts {
    let mut people_by_group: BTreeMap<(&str, CountryCode), BTreeSet<&str>> = BTreeMap::new();
    let mut everyone: BTreeSet<&str> = BTreeSet::new();
    for member in members {
        if country_opt.is_some_and(|wanted| wanted != member.country)
            || surface_opt.is_some_and(|wanted| wanted.as_str() != member.surface)
        {
            continue;
        }
        let reached = member.ad_topics.iter().any(|ad_topic| {
            topics
                .iter()
                .any(|wanted| taxonomy.is_self_or_descendant_of(*ad_topic, *wanted))
        });
        if !reached {
            continue;
        }
        everyone.insert(&member.person);
        people_by_group
            .entry((&member.surface, member.country))
            .or_default()
            .insert(&member.person);
    }
    (
        people_by_group
            .into_iter()
            .map(|((surface, country), people)| {
                ((surface.to_owned(), country.to_string()), people.len())
            })
            .collect(),
        everyone.len(),
    )
}

/// Distinct people per (surface, country) whose ad-usable profile holds a
/// requested topic (or a descendant), built from scratch.
pub fn audience_counts(
    engine: &Engine,
    topics: &[TopicId],
    country_opt: Option<CountryCode>,
    surface_opt: Option<&Surface>,
    now: Timestamp,
) -> Result<AudienceCounts, EngineError> {
    let members = audience_members(engine, now)?;
    Ok(count_members(
        engine.taxonomy(),
        &members,
        topics,
        country_opt,
        surface_opt,
    ))
}

fn parse_topics(engine: &Engine, raw: &str) -> Result<Vec<TopicId>, ApiError> {
    let bad = |message: String| {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_query", message)
            .with_field(Some("topics".to_owned()))
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
    topics.sort();
    topics.dedup();
    Ok(topics)
}

/// Audience size for a set of topics by surface and country (k-anonymous).
#[utoipa::path(
    get, path = "/v1/audiences/reach", tag = "audiences",
    params(ReachQuery),
    responses(
        (status = 200, description = "people reachable, by surface and country; counts under k are withheld", body = ReachBody),
        (status = 400, description = "bad topics or country", body = crate::error::ErrorBody),
        (status = 401, description = "no valid token", body = crate::error::ErrorBody),
        (status = 403, description = "scope is not advertiser or operator", body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn reach(
    State(state): State<AppState>,
    Authenticated(caller): Authenticated,
    query: Result<Query<ReachQuery>, QueryRejection>,
) -> Result<Json<ReachBody>, ApiError> {
    require_scope(&caller, &[Scope::Advertiser, Scope::Operator])?;
    let Query(query) = query.map_err(|rejection| query_error(&rejection))?;
    let topics = parse_topics(&state.engine, &query.topics)?;
    let country_opt = match &query.country {
        Some(raw) => Some(raw.parse::<CountryCode>().map_err(|error| {
            ApiError::new(StatusCode::BAD_REQUEST, "invalid_query", error.to_string())
                .with_field(Some("country".to_owned()))
        })?),
        None => None,
    };
    let surface_opt = query.surface.as_deref().map(Surface::new);
    let k_anonymity = state.config.k_anonymity;
    let now = state.now();
    let engine = state.engine.clone();
    let counted_topics = topics.clone();
    let audiences = Arc::clone(&state.audiences);
    let (groups, total) = blocking(move || {
        let index = audiences.index(&engine, now)?;
        Ok(count_members(
            engine.taxonomy(),
            &index.members,
            &counted_topics,
            country_opt,
            surface_opt.as_ref(),
        ))
    })
    .await?;
    Ok(Json(ReachBody {
        topics: topics.iter().map(|topic| topic.0).collect(),
        k_anonymity,
        total: Reach::of(total, k_anonymity),
        groups: groups
            .into_iter()
            .map(|((surface, country), people)| ReachGroup {
                surface,
                country,
                reach: Reach::of(people, k_anonymity),
            })
            .collect(),
    }))
}
