//! `gleaner bench`: ingest throughput on this machine, with the classifier's
//! share of the time, measured in one run against baselines from the same
//! run (absolute times on shared machines are noise; ratios are not).

use std::fmt::Write as _;
use std::io::Cursor;
use std::time::Instant;

use gleaner_core::{Conversation, EventBody};
use gleaner_engine::ingest::jsonl::{parse_event, ParseLimits};
use gleaner_engine::ingest::NoProgress;
use serde_json::{json, Value};

use super::demo::{SAMPLE_ACCOUNTS, SAMPLE_CATALOG, SAMPLE_EVENTS, SAMPLE_NOW};
use crate::args::BenchArgs;
use crate::context::Context;
use crate::output::print_json;

/// Builds `count` events by cycling the sample events under fresh ids.
fn synthetic_events(count: usize) -> String {
    let templates: Vec<Value> = SAMPLE_EVENTS
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("sample events are valid JSON"))
        .collect();
    let mut out = String::new();
    for index in 0..count {
        let mut event = templates[index % templates.len()].clone();
        event["event_id"] = Value::String(format!("bench-{index}"));
        writeln!(out, "{event}").expect("writing to a String");
    }
    out
}

pub(crate) fn run(args: &BenchArgs, context: &Context) -> anyhow::Result<()> {
    let now = crate::context::parse_now(SAMPLE_NOW)?;
    let dir = tempfile::Builder::new()
        .prefix("gleaner-bench-")
        .tempdir()?;
    let engine = context.engine_at(&dir.path().display().to_string())?;
    engine.ingest_accounts(Cursor::new(SAMPLE_ACCOUNTS))?;
    engine.ingest_catalog(Cursor::new(SAMPLE_CATALOG))?;
    let input = synthetic_events(args.events);

    // Baseline 1: parsing alone.
    let started = Instant::now();
    let mut conversations = Vec::new();
    for line in input.lines() {
        if let Ok(event) = parse_event(line, ParseLimits::default()) {
            if let EventBody::AiInteraction(interaction) = event.body {
                conversations.push(Conversation {
                    id: interaction.conversation_id,
                    turns: interaction.turns,
                });
            }
        }
    }
    let parse_seconds = started.elapsed().as_secs_f64();

    // Baseline 2: classifying every conversation (an upper bound on the
    // classifier's share: ingest skips the text of events dropped before reading).
    let started = Instant::now();
    let mut topics_found = 0usize;
    for conversation in &conversations {
        topics_found += engine.classifier().classify(conversation).topics.len();
    }
    let classify_seconds = started.elapsed().as_secs_f64();

    // The real thing: full ingest into the embedded store.
    let started = Instant::now();
    let report = engine.ingest_events(Cursor::new(input.as_bytes()), now, &NoProgress)?;
    let ingest_seconds = started.elapsed().as_secs_f64();

    let events_per_second = args.events as f64 / ingest_seconds;
    let summary = json!({
        "events": args.events,
        "ai_conversations": conversations.len(),
        "topics_found": topics_found,
        "used": report.used,
        "dropped": report.dropped,
        "signals_written": report.signals_written,
        "ingest_events_per_second": events_per_second,
        "parse_only_events_per_second": args.events as f64 / parse_seconds,
        "classify_only_conversations_per_second": conversations.len() as f64 / classify_seconds,
        "classifier_share_of_ingest": classify_seconds / ingest_seconds,
        "parse_share_of_ingest": parse_seconds / ingest_seconds,
    });
    if context.json {
        return print_json(&summary);
    }
    println!(
        "gleaner bench: {} events ({} AI conversations), embedded store, batch 256",
        args.events,
        conversations.len()
    );
    println!("  ingest (parse + policy + classify + store): {events_per_second:>10.0} events/s");
    println!(
        "  parse only:                                 {:>10.0} events/s",
        args.events as f64 / parse_seconds
    );
    println!(
        "  classify only:                              {:>10.0} conversations/s",
        conversations.len() as f64 / classify_seconds
    );
    println!(
        "  classifier share of ingest time: {:.1}% (upper bound), parsing {:.1}%",
        100.0 * classify_seconds / ingest_seconds,
        100.0 * parse_seconds / ingest_seconds
    );
    Ok(())
}
