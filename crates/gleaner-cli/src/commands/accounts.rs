//! `gleaner accounts move`.

use gleaner_core::{AccountId, AccountsCenterId};
use serde_json::json;

use crate::args::{AccountsArgs, AccountsCommand};
use crate::context::Context;
use crate::output::print_json;

pub(crate) fn run(args: &AccountsArgs, context: &Context) -> anyhow::Result<()> {
    match &args.command {
        AccountsCommand::Move(move_args) => {
            let to = if move_args.unlink {
                None
            } else {
                move_args.center.as_deref().map(AccountsCenterId::new)
            };
            let done = context.engine()?.move_account(
                &AccountId::new(move_args.account.as_str()),
                to,
                "cli",
                context.now,
            )?;
            let center_text = |center: Option<&AccountsCenterId>| {
                center.map_or_else(|| "no accounts center".to_owned(), ToString::to_string)
            };
            if context.json {
                print_json(&json!({
                    "account_id": done.account.account_id,
                    "from": done.from,
                    "to": done.account.accounts_center_id,
                    "moved": done.moved,
                }))
            } else {
                if done.moved {
                    println!(
                        "moved {} from {} to {} (audit record written)",
                        done.account.account_id,
                        center_text(done.from.as_ref()),
                        center_text(done.account.accounts_center_id.as_ref())
                    );
                } else {
                    println!(
                        "{} is already in {}: nothing changed",
                        done.account.account_id,
                        center_text(done.from.as_ref())
                    );
                }
                Ok(())
            }
        }
    }
}
