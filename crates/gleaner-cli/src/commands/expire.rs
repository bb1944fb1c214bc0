//! `gleaner expire`: apply the retention rule to what is stored.

use serde_json::json;

use crate::context::Context;
use crate::output::print_json;

pub(crate) fn run(context: &Context) -> anyhow::Result<()> {
    let removed = context.engine()?.expire(context.now)?;
    if context.json {
        print_json(&json!({ "signals_expired": removed }))
    } else {
        println!("{removed} signals older than the retention period deleted");
        Ok(())
    }
}
