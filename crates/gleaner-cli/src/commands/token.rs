//! `gleaner token create|list|revoke`: bearer tokens for `gleaner serve`.

use std::path::PathBuf;

use anyhow::Context as _;
use gleaner_core::AccountId;
use gleaner_server::tokens::{create_token, Scope, TokenFile, TokenStore, TOKEN_FILE_NAME};

use crate::args::{TokenArgs, TokenCommand};
use crate::context::Context;
use crate::output::print_json;
use crate::UsageError;

/// The token file: `--tokens`, else `tokens.json` in a directory store.
pub(crate) fn token_file(
    tokens_opt: Option<&PathBuf>,
    context: &Context,
) -> anyhow::Result<TokenFile> {
    if let Some(path) = tokens_opt {
        return Ok(TokenFile::new(path.clone()));
    }
    let location = context.store_location.as_str();
    let directory_opt = match location.split_once("://") {
        Some(("file", path)) => Some(path),
        Some(_) => None,
        None => Some(location),
    };
    match directory_opt {
        Some(directory) => Ok(TokenFile::new(
            PathBuf::from(directory).join(TOKEN_FILE_NAME),
        )),
        None => Err(UsageError::new(format!(
            "store `{}` is not a directory: name the token file with --tokens",
            gleaner_store::redact_store_url(location)
        ))
        .into()),
    }
}

/// Refuses (usage error, exit 2) a person token for an account the store
/// does not hold: such a token would read whatever account is later made
/// with that id.
fn require_known_account(account_id: &AccountId, context: &Context) -> anyhow::Result<()> {
    let location = context.store_location.as_str();
    let store = gleaner_store::StoreResolver::default()
        .resolve(location)
        .with_context(|| {
            format!(
                "opening store `{}` to check that account {account_id} exists (a running `gleaner serve` holds an embedded store: make person tokens while it is stopped)",
                gleaner_store::redact_store_url(location)
            )
        })?;
    if store.account(account_id)?.is_none() {
        return Err(UsageError::new(format!(
            "unknown account `{account_id}`: a person token is made only for an account the store holds (ingest it first)"
        ))
        .into());
    }
    Ok(())
}

pub(crate) fn run(args: &TokenArgs, context: &Context) -> anyhow::Result<()> {
    let file = token_file(args.tokens.as_ref(), context)?;
    match &args.command {
        TokenCommand::Create(create) => {
            let scope: Scope =
                create
                    .scope
                    .parse()
                    .map_err(|error: gleaner_server::tokens::TokenError| {
                        UsageError::new(error.to_string())
                    })?;
            let account_id_opt = create.account.as_deref().map(AccountId::new);
            if let (Scope::Person, Some(account_id)) = (scope, &account_id_opt) {
                require_known_account(account_id, context)?;
            }
            let made = create_token(&file, scope, account_id_opt, context.now).map_err(
                |error| match error {
                    gleaner_server::tokens::TokenError::AccountMismatch(_) => {
                        anyhow::Error::new(UsageError::new(error.to_string()))
                    }
                    other => other.into(),
                },
            )?;
            if context.json {
                print_json(&serde_json::json!({
                    "token": made.token,
                    "id": made.record.id,
                    "scope": made.record.scope,
                    "account_id": made.record.account_id,
                }))
            } else {
                println!("{}", made.token);
                eprintln!(
                    "token {} ({}) stored as a hash in {}; this is the only time it is shown",
                    made.record.id,
                    scope.as_str(),
                    file.path().display()
                );
                Ok(())
            }
        }
        TokenCommand::List => {
            let records = file.list()?;
            if context.json {
                let listed: Vec<serde_json::Value> = records
                    .iter()
                    .map(|record| {
                        serde_json::json!({
                            "id": record.id,
                            "scope": record.scope,
                            "account_id": record.account_id,
                            "created_at": record.created_at,
                        })
                    })
                    .collect();
                print_json(&listed)
            } else {
                for record in records {
                    println!(
                        "{}  {:<10}  {}  {}",
                        record.id,
                        record.scope.as_str(),
                        record.created_at.to_rfc3339(),
                        record
                            .account_id
                            .as_ref()
                            .map_or("-", gleaner_core::AccountId::as_str)
                    );
                }
                Ok(())
            }
        }
        TokenCommand::Revoke(revoke) => {
            let removed = file.revoke(&revoke.id).map_err(|error| match error {
                gleaner_server::tokens::TokenError::UnknownId(_) => {
                    anyhow::Error::new(UsageError::new(error.to_string()))
                }
                other => other.into(),
            })?;
            eprintln!("revoked {} ({})", removed.id, removed.scope.as_str());
            Ok(())
        }
    }
}
