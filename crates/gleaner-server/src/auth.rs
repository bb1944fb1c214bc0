//! Bearer-token authentication and scope checks.
//!
//! The [`Caller`] extractor turns `Authorization: Bearer <token>` into the
//! token's scope (401 when missing or unknown). Handlers then ask for what
//! they need: [`require_scope`] for whole areas, [`require_account_access`]
//! for one account. Scope is checked before anything is looked up, so a 403
//! says nothing about whether the account exists.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use gleaner_core::AccountId;

use crate::error::ApiError;
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
