//! `gleaner forget`.

use gleaner_core::AccountId;
use serde_json::json;

use crate::args::AccountArgs;
use crate::context::Context;
use crate::output::print_json;

pub(crate) fn run(args: &AccountArgs, context: &Context) -> anyhow::Result<()> {
    let engine = context.engine()?;
    let report = engine.forget(&AccountId::new(args.account.as_str()))?;
    if context.json {
        print_json(&json!({
            "account_id": args.account,
            "account_removed": report.account_removed,
            "signals_removed": report.signals_removed,
            "audit_records_removed": report.audit_records_removed,
            "events_removed": report.events_removed,
        }))
    } else {
        println!(
            "forgot {}: account removed, {} signals, {} audit records, {} event markers erased",
            args.account,
            report.signals_removed,
            report.audit_records_removed,
            report.events_removed
        );
        Ok(())
    }
}
