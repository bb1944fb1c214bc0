//! `gleaner explain`.

use gleaner_core::{AccountId, ItemId};

use crate::args::ExplainArgs;
use crate::context::Context;
use crate::output::{print_json, render_explanation};

pub(crate) fn run(args: &ExplainArgs, context: &Context) -> anyhow::Result<()> {
    let engine = context.engine()?;
    let explanation = engine.explain(
        &AccountId::new(args.account.as_str()),
        &ItemId::new(args.item.as_str()),
        context.now,
    )?;
    if context.json {
        print_json(&explanation)
    } else {
        print!("{}", render_explanation(&explanation));
        Ok(())
    }
}
