//! Bearer-token authentication and scope checks, as axum extractors.
//!
//! Each handler names what it needs in its signature, and the extractor
//! answers before the handler runs:
//!
//! - [`Authenticated`]: any valid token (401 when missing or unknown).
//! - [`Scoped<A>`](Scoped): a token whose scope is one of `A`'s
//!   ([`IngestScopes`], [`AudienceScopes`], [`OperatorScope`]); else 403.
//! - [`AccountInPath<P>`](AccountInPath): the `{id}` of the path, reached by
//!   this token ([`require_account_access`]); else 403.
//! - [`PersonAccountInPath<P>`](PersonAccountInPath): the same, for the
//!   person's own settings: a `person` token only ([`require_person`]); an
//!   operator changes them through the audited settings override instead.
//!
//! Scope is checked before anything is looked up, so a 403 says nothing
//! about whether the account exists. The order of answers is fixed: 401
//! (token), then 400 (path), then 403 (scope or account).

use std::marker::PhantomData;

use axum::extract::{FromRequestParts, Path};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use gleaner_core::AccountId;
use serde::de::DeserializeOwned;

use crate::api::path_error;
use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;
use crate::tokens::{verify_token, Caller, Scope};

/// The authenticated caller of a request.
#[derive(Clone, Debug)]
pub struct Authenticated(pub Caller);

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(bearer_token)
            .ok_or_else(ApiError::unauthorized)?
            .to_owned();
        let tokens = state.tokens.clone();
        let caller_opt =
            tokio::task::spawn_blocking(move || verify_token(tokens.as_ref(), &token)).await??;
        caller_opt.map(Self).ok_or_else(ApiError::unauthorized)
    }
}

/// The scopes that may call a group of endpoints.
pub trait AllowedScopes: Send + Sync + 'static {
    /// The scopes let through; every other valid token gets 403.
    const SCOPES: &'static [Scope];
}

/// Ingest and classify: `ingest` and `operator` tokens.
#[derive(Clone, Copy, Debug)]
pub struct IngestScopes;

impl AllowedScopes for IngestScopes {
    const SCOPES: &'static [Scope] = &[Scope::Ingest, Scope::Operator];
}

/// Advertiser aggregates: `advertiser` and `operator` tokens.
#[derive(Clone, Copy, Debug)]
pub struct AudienceScopes;

impl AllowedScopes for AudienceScopes {
    const SCOPES: &'static [Scope] = &[Scope::Advertiser, Scope::Operator];
}

/// Operations and the operator dashboard: `operator` tokens only.
#[derive(Clone, Copy, Debug)]
pub struct OperatorScope;

impl AllowedScopes for OperatorScope {
    const SCOPES: &'static [Scope] = &[Scope::Operator];
}

/// A caller whose scope is one of `A::SCOPES`: 401 without a valid token,
/// 403 with one of another scope.
#[derive(Clone, Debug)]
pub struct Scoped<A: AllowedScopes> {
    /// The caller, whose scope is one of `A::SCOPES`.
    pub caller: Caller,
    allowed: PhantomData<A>,
}

impl<A: AllowedScopes> FromRequestParts<AppState> for Scoped<A> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Authenticated(caller) = Authenticated::from_request_parts(parts, state).await?;
        require_scope(&caller, A::SCOPES)?;
        Ok(Self {
            caller,
            allowed: PhantomData,
        })
    }
}

/// The path parameters of a route under `/v1/accounts/{id}`, as the
/// handler reads them: `String` for `{id}` alone, a tuple whose first
/// element is the id when more follow.
pub trait AccountPathParams: DeserializeOwned + Send {
    /// Returns the raw `{id}`.
    fn raw_account_id(&self) -> &str;
}

impl AccountPathParams for String {
    fn raw_account_id(&self) -> &str {
        self
    }
}

impl<Rest: DeserializeOwned + Send> AccountPathParams for (String, Rest) {
    fn raw_account_id(&self) -> &str {
        &self.0
    }
}

/// The account named by the path's `{id}`, which this token may reach, and
/// the path's parameters `P`: 401 without a valid token, 400 when the path
/// does not parse, 403 when the token does not reach the account (whether
/// or not it exists: a made-up id is 403 too, never 404, so existence does
/// not leak).
#[derive(Clone, Debug)]
pub struct AccountInPath<P: AccountPathParams = String> {
    /// The caller.
    pub caller: Caller,
    /// The account, which the caller may act on.
    pub account_id: AccountId,
    /// The path's parameters (the id included).
    pub params: P,
}

impl<P: AccountPathParams> FromRequestParts<AppState> for AccountInPath<P> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        account_in_path(parts, state, false).await
    }
}

/// The one check behind [`AccountInPath`] and [`PersonAccountInPath`]:
/// token (401), then path (400), then, when `person_only`, the scope (403),
/// then whether the token reaches the account (403).
async fn account_in_path<P: AccountPathParams>(
    parts: &mut Parts,
    state: &AppState,
    person_only: bool,
) -> Result<AccountInPath<P>, ApiError> {
    let Authenticated(caller) = Authenticated::from_request_parts(parts, state).await?;
    let Path(params) = Path::<P>::from_request_parts(parts, state)
        .await
        .map_err(|rejection| path_error(&rejection))?;
    if person_only {
        require_person(&caller)?;
    }
    let account_id = AccountId::new(params.raw_account_id());
    require_account_access(state, &caller, &account_id).await?;
    Ok(AccountInPath {
        caller,
        account_id,
        params,
    })
}

/// The account named by the path's `{id}`, for a route that changes the
/// person's own settings (`ai_personalization`, `hidden_topics`): as
/// [`AccountInPath`], but only a `person` token reaching the account gets
/// through. Any other token is 403 ([`require_person`]) after the path has
/// parsed and before the account is looked up, so the order stays 401, 400,
/// 403 and existence does not leak.
#[derive(Clone, Debug)]
pub struct PersonAccountInPath<P: AccountPathParams = String> {
    /// The caller, a `person` token.
    pub caller: Caller,
    /// The account, which the caller may act on.
    pub account_id: AccountId,
    /// The path's parameters (the id included).
    pub params: P,
}

impl<P: AccountPathParams> FromRequestParts<AppState> for PersonAccountInPath<P> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let AccountInPath {
            caller,
            account_id,
            params,
        } = account_in_path(parts, state, true).await?;
        Ok(Self {
            caller,
            account_id,
            params,
        })
    }
}

/// The message of the 403 a non-`person` token gets on the person's own
/// settings routes.
pub const PERSON_ONLY_MESSAGE: &str = "only the person's own token changes these settings; \
an operator uses POST /v1/accounts/{id}/settings-override (audited, with a reason)";

/// 403 unless the caller is a `person` token: the person's own settings
/// change through the person's routes, or through the operator's audited
/// override (`POST /v1/accounts/{id}/settings-override`), never through an
/// operator token on the person's routes, which would leave no record.
pub fn require_person(caller: &Caller) -> Result<(), ApiError> {
    if caller.scope == Scope::Person {
        Ok(())
    } else {
        Err(ApiError::new(ApiErrorCode::Forbidden, PERSON_ONLY_MESSAGE))
    }
}

/// The token of an `Authorization` value: the scheme is `Bearer` in any
/// case (RFC 9110 §11.1: auth schemes are case-insensitive), then
/// whitespace, then the token.
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, rest) = value.trim_start().split_once([' ', '\t'])?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| rest.trim())
        .filter(|token| !token.is_empty())
}

/// 403 unless the caller's scope is one of `allowed`.
pub fn require_scope(caller: &Caller, allowed: &[Scope]) -> Result<(), ApiError> {
    if allowed.contains(&caller.scope) {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

/// 403 unless the caller may act on `account_id`: an `operator` token
/// reaches every account; a `person` token its own account and the accounts
/// sharing its `accounts_center_id` (the same linking the profile uses);
/// nothing else reaches any account.
pub async fn require_account_access(
    state: &AppState,
    caller: &Caller,
    account_id: &AccountId,
) -> Result<(), ApiError> {
    match caller.scope {
        Scope::Operator => Ok(()),
        Scope::Person => {
            let Some(own_account_id) = caller.account_id.clone() else {
                return Err(ApiError::forbidden());
            };
            if &own_account_id == account_id {
                return Ok(());
            }
            let engine = state.engine.clone();
            let linked = tokio::task::spawn_blocking(move || {
                let Some(own_account) = engine.store().account(&own_account_id)? else {
                    return Ok::<_, gleaner_engine::EngineError>(Vec::new());
                };
                engine.linked_accounts_of(&own_account)
            })
            .await??;
            if linked
                .iter()
                .any(|account| &account.account_id == account_id)
            {
                Ok(())
            } else {
                Err(ApiError::forbidden())
            }
        }
        Scope::Ingest | Scope::Advertiser => Err(ApiError::forbidden()),
    }
}

#[cfg(test)]
mod tests {
    use super::bearer_token;

    #[test]
    fn the_bearer_scheme_is_case_insensitive() {
        for value in [
            "Bearer tok",
            "bearer tok",
            "BEARER tok",
            "bEaReR   tok ",
            "Bearer\ttok",
        ] {
            assert_eq!(bearer_token(value), Some("tok"), "{value:?}");
        }
        for value in ["Basic tok", "Bearer", "Bearer   ", "Bearertok", "tok"] {
            assert_eq!(bearer_token(value), None, "{value:?}");
        }
    }
}
