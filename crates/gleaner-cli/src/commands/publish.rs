//! `gleaner publish`: event lines to a NATS JetStream stream, by account shard.

use anyhow::Context as _;
use gleaner_stream::{publish_events, NatsStream};

use super::open_input;
use crate::args::PublishArgs;
use crate::context::Context;
use crate::output::print_json;
use crate::UsageError;

pub(crate) fn run(args: &PublishArgs, context: &Context) -> anyhow::Result<()> {
    if args.shards == 0 {
        return Err(UsageError::new("--shards must be at least 1").into());
    }
    if args.delete {
        NatsStream::open(&args.source, &args.stream)
            .and_then(NatsStream::delete)
            .with_context(|| format!("deleting stream `{}`", args.stream))?;
        if !context.json {
            println!("deleted stream `{}`", args.stream);
        }
        return Ok(());
    }
    let Some(events) = &args.events else {
        return Err(UsageError::new("give --events (or --delete)").into());
    };
    let stream = NatsStream::open_or_create(&args.source, &args.stream, args.shards)
        .with_context(|| format!("opening stream `{}`", args.stream))?;
    let (reader, _) = open_input(events)?;
    let report = publish_events(&stream, reader)?;
    if context.json {
        print_json(&report)?;
    } else {
        println!(
            "published {} events to stream `{}` ({} shards){}",
            report.published,
            stream.layout().name,
            stream.layout().shards,
            if report.without_account > 0 {
                format!(
                    "; {} without a readable account_id went to shard 0",
                    report.without_account
                )
            } else {
                String::new()
            }
        );
    }
    Ok(())
}
