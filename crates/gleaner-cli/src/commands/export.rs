//! `gleaner export`: always JSON (it is a data export).

use gleaner_core::AccountId;

use crate::args::AccountArgs;
use crate::context::Context;
use crate::output::print_json;

pub(crate) fn run(args: &AccountArgs, context: &Context) -> anyhow::Result<()> {
    let engine = context.engine()?;
    let export = engine.export(&AccountId::new(args.account.as_str()), context.now)?;
    print_json(&export)
}
