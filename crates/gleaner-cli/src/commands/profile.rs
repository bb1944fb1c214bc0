//! `gleaner profile`.

use gleaner_core::{AccountId, Surface};

use crate::args::ProfileArgs;
use crate::context::Context;
use crate::output::{print_json, render_profile};

pub(crate) fn run(args: &ProfileArgs, context: &Context) -> anyhow::Result<()> {
    let engine = context.engine()?;
    let surface_opt = args.surface.as_deref().map(Surface::new);
    let profile = engine.profile(
        &AccountId::new(args.account.as_str()),
        surface_opt.as_ref(),
        context.now,
    )?;
    if context.json {
        print_json(&profile)
    } else {
        print!("{}", render_profile(&profile, usize::MAX));
        Ok(())
    }
}
