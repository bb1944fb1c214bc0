//! `gleaner hide` / `gleaner unhide`.

use gleaner_core::{AccountId, TopicId};
use serde_json::json;

use crate::args::TopicArgs;
use crate::context::Context;
use crate::output::print_json;

fn report(context: &Context, account: &gleaner_core::Account) -> anyhow::Result<()> {
    if context.json {
        print_json(
            &json!({ "account_id": account.account_id, "hidden_topics": account.hidden_topics }),
        )
    } else {
        let hidden: Vec<String> = account
            .hidden_topics
            .iter()
            .map(ToString::to_string)
            .collect();
        println!(
            "{}: hidden topics [{}]",
            account.account_id,
            hidden.join(", ")
        );
        Ok(())
    }
}

pub(crate) fn run_hide(args: &TopicArgs, context: &Context) -> anyhow::Result<()> {
    let account = context
        .engine()?
        .hide_topic(&AccountId::new(args.account.as_str()), TopicId(args.topic))?;
    report(context, &account)
}

pub(crate) fn run_unhide(args: &TopicArgs, context: &Context) -> anyhow::Result<()> {
    let account = context
        .engine()?
        .unhide_topic(&AccountId::new(args.account.as_str()), TopicId(args.topic))?;
    report(context, &account)
}
