//! `gleaner recommend`.

use gleaner_core::{AccountId, ItemKind};

use crate::args::{KindArg, RecommendArgs};
use crate::context::Context;
use crate::output::{print_json, render_recommendations};

pub(crate) fn item_kind(kind: KindArg) -> ItemKind {
    match kind {
        KindArg::Ad => ItemKind::Ad,
        KindArg::Post => ItemKind::Post,
        KindArg::Reel => ItemKind::Reel,
        KindArg::Group => ItemKind::Group,
        KindArg::Page => ItemKind::Page,
    }
}

pub(crate) fn run(args: &RecommendArgs, context: &Context) -> anyhow::Result<()> {
    let engine = context.engine()?;
    let account_id = AccountId::new(args.account.as_str());
    let recommendations =
        engine.recommend(&account_id, item_kind(args.kind), args.limit, context.now)?;
    if context.json {
        print_json(&recommendations)
    } else {
        println!(
            "{} recommendations for {account_id}:",
            item_kind(args.kind).as_str()
        );
        print!("{}", render_recommendations(&recommendations));
        Ok(())
    }
}
