//! `gleaner forget`: revoke the account's person tokens, then erase
//! everything held about it.

use gleaner_core::AccountId;
use gleaner_server::tokens::TokenStore as _;
use serde_json::json;

use crate::args::ForgetArgs;
use crate::commands::token::token_file;
use crate::context::Context;
use crate::output::print_json;

pub(crate) fn run(args: &ForgetArgs, context: &Context) -> anyhow::Result<()> {
    let account_id = AccountId::new(args.account.as_str());
    // Tokens first: if the erasure then fails, the person has lost access
    // (fail closed), never kept a token over an erased account.
    let tokens_revoked = if let Ok(file) = token_file(args.tokens.as_ref(), context) {
        file.revoke_account(&account_id)?.len()
    } else {
        eprintln!(
            "note: no token file for store `{}` (name it with --tokens): revoke {}'s person tokens where `gleaner serve` keeps them",
            gleaner_store::redact_store_url(&context.store_location),
            args.account
        );
        0
    };
    let engine = context.engine()?;
    let report = engine.forget(&account_id)?;
    if context.json {
        print_json(&json!({
            "account_id": args.account,
            "account_removed": report.account_removed,
            "signals_removed": report.signals_removed,
            "audit_records_removed": report.audit_records_removed,
            "events_removed": report.events_removed,
            "tokens_revoked": tokens_revoked,
        }))
    } else {
        println!(
            "forgot {}: account removed, {} signals, {} audit records, {} event markers erased, {} person tokens revoked",
            args.account,
            report.signals_removed,
            report.audit_records_removed,
            report.events_removed,
            tokens_revoked
        );
        Ok(())
    }
}
