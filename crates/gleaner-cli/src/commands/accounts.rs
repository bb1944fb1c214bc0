//! `gleaner accounts move` and `gleaner accounts override`: the operator's
//! explicit, audited changes that an accounts sync may not make.

use gleaner_core::{AccountId, AccountsCenterId, AiPersonalization, TopicId};
use gleaner_engine::SettingsOverride;
use serde_json::json;

use crate::args::{AccountMoveArgs, AccountOverrideArgs, AccountsArgs, AccountsCommand};
use crate::context::Context;
use crate::output::print_json;

/// The `by` of the audit records this command writes.
const OPERATOR_CHANNEL: &str = "cli";

pub(crate) fn run(args: &AccountsArgs, context: &Context) -> anyhow::Result<()> {
    match &args.command {
        AccountsCommand::Move(move_args) => run_move(move_args, context),
        AccountsCommand::Override(override_args) => run_override(override_args, context),
    }
}

fn run_move(move_args: &AccountMoveArgs, context: &Context) -> anyhow::Result<()> {
    let to = if move_args.unlink {
        None
    } else {
        move_args.center.as_deref().map(AccountsCenterId::new)
    };
    let done = context.engine()?.move_account(
        &AccountId::new(move_args.account.as_str()),
        to,
        OPERATOR_CHANNEL,
        context.now,
    )?;
    let center_text = |center: Option<&AccountsCenterId>| {
        center.map_or_else(|| "no accounts center".to_owned(), ToString::to_string)
    };
    if context.json {
        return print_json(&json!({
            "account_id": done.account.account_id,
            "from": done.from,
            "to": done.account.accounts_center_id,
            "moved": done.moved,
        }));
    }
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

fn run_override(override_args: &AccountOverrideArgs, context: &Context) -> anyhow::Result<()> {
    let settings = SettingsOverride {
        ai_personalization: override_args
            .ai_personalization
            .map(crate::args::OnOffArg::ai_personalization),
        hidden_topics: override_args
            .hidden_topics
            .as_ref()
            .map(|list| list.0.iter().copied().map(TopicId).collect()),
    };
    let done = context.engine()?.override_settings(
        &AccountId::new(override_args.account.as_str()),
        &settings,
        override_args.reason.clone(),
        OPERATOR_CHANNEL,
        context.now,
    )?;
    if context.json {
        return print_json(&json!({
            "account_id": done.account.account_id,
            "overridden": done.record.is_some(),
            "ai_personalization": done.account.ai_personalization,
            "hidden_topics": done.account.hidden_topics,
            "record": done.record,
        }));
    }
    let Some(record) = &done.record else {
        println!(
            "{}: the settings are already so, nothing changed",
            done.account.account_id
        );
        return Ok(());
    };
    let state_text = |state: Option<AiPersonalization>| match state {
        Some(AiPersonalization::On) => "on",
        Some(AiPersonalization::Off) => "off",
        None => "unset",
    };
    let topics_text = |topics: &[TopicId]| {
        let ids: Vec<String> = topics.iter().map(ToString::to_string).collect();
        format!("[{}]", ids.join(", "))
    };
    let mut changes = Vec::new();
    if let Some(change) = &record.ai_personalization {
        changes.push(format!(
            "ai_personalization {} -> {}",
            state_text(change.from),
            state_text(change.to)
        ));
    }
    if let Some(change) = &record.hidden_topics {
        changes.push(format!(
            "hidden_topics {} -> {}",
            topics_text(&change.from),
            topics_text(&change.to)
        ));
    }
    println!(
        "overrode {}: {} (audit record written)",
        done.account.account_id,
        changes.join("; ")
    );
    Ok(())
}
