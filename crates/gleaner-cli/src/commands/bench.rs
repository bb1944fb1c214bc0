//! `gleaner bench`: ingest throughput on this machine, with the classifier's
//! share of the time, measured in one run against baselines from the same
//! run (absolute times on shared machines are noise; ratios are not).

use std::fmt::Write as _;
use std::io::Cursor;
use std::path::Path;
use std::time::Instant;

use anyhow::Context as _;

use gleaner_core::{Conversation, EventBody};
use gleaner_engine::ingest::jsonl::{parse_event, ParseLimits};
use gleaner_engine::ingest::NoProgress;
use gleaner_semantic::{load_semantic_classifier, SemanticEncoder, SemanticUnavailable};
use serde_json::{json, Value};

use super::demo::{SAMPLE_ACCOUNTS, SAMPLE_CATALOG, SAMPLE_EVENTS, SAMPLE_NOW};
use crate::args::BenchArgs;
use crate::context::{locate_models_dir, Context};
use crate::output::print_json;
use crate::UsageError;

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

/// Accounts of the stream workload: each sample account copied this many
/// times under new ids, keeping its country, age, notice and opt-out, so
/// the policy drops the same share of their events as in the sample.
const WORKLOAD_COPIES_PER_ACCOUNT: usize = 5;

/// Writes the stream workload (see `BenchArgs::workload_out`): the
/// sample accounts copied [`WORKLOAD_COPIES_PER_ACCOUNT`] times (`<id>-w<n>`,
/// accounts centers copied alike), the sample catalog, and `count` events
/// cycling the sample events, each on a copy chosen by a fixed stride, so
/// the same `count` always gives the same files.
fn write_workload(dir: &Path, count: usize) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut accounts = String::new();
    let mut account_ids = Vec::new();
    for line in SAMPLE_ACCOUNTS
        .lines()
        .filter(|line| !line.trim().is_empty())
    {
        let template: Value = serde_json::from_str(line).context("sample accounts are JSON")?;
        for copy in 0..WORKLOAD_COPIES_PER_ACCOUNT {
            let mut account = template.clone();
            let id = format!("{}-w{copy}", template["account_id"].as_str().unwrap_or("x"));
            account["account_id"] = Value::String(id.clone());
            if let Some(center) = template["accounts_center_id"].as_str() {
                account["accounts_center_id"] = Value::String(format!("{center}-w{copy}"));
            }
            writeln!(accounts, "{account}").expect("writing to a String");
            account_ids.push(id);
        }
    }
    let templates: Vec<Value> = SAMPLE_EVENTS
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .context("sample events are JSON")?;
    let mut events = String::new();
    for index in 0..count {
        let mut event = templates[index % templates.len()].clone();
        event["event_id"] = Value::String(format!("w-{index}"));
        // 7919 is prime and larger than the account count: every account
        // gets events, in an order unrelated to the templates'.
        event["account_id"] =
            Value::String(account_ids[(index * 7919) % account_ids.len()].clone());
        writeln!(events, "{event}").expect("writing to a String");
    }
    for (name, text) in [
        ("accounts.jsonl", accounts.as_str()),
        ("catalog.jsonl", SAMPLE_CATALOG),
        ("events.jsonl", events.as_str()),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

pub(crate) fn run(args: &BenchArgs, context: &Context) -> anyhow::Result<()> {
    if let Some(dir) = &args.workload_out {
        write_workload(dir, args.events)?;
        println!(
            "wrote {} events over {} accounts to {}",
            args.events,
            SAMPLE_ACCOUNTS
                .lines()
                .filter(|line| !line.trim().is_empty())
                .count()
                * WORKLOAD_COPIES_PER_ACCOUNT,
            dir.display()
        );
        return Ok(());
    }
    if let Some(path) = &args.semantic {
        return run_semantic(path, context);
    }
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
    for batch in conversations.chunks(engine.config().batch_size.max(1)) {
        let batch: Vec<&Conversation> = batch.iter().collect();
        topics_found += engine
            .classifier()
            .classify_batch(&batch)
            .iter()
            .map(|classification| classification.topics.len())
            .sum::<usize>();
    }
    let classify_seconds = started.elapsed().as_secs_f64();

    // The real thing: full ingest into the embedded store.
    let started = Instant::now();
    let report = engine.ingest_events(Cursor::new(input.as_bytes()), now, &NoProgress)?;
    let ingest_seconds = started.elapsed().as_secs_f64();

    let events_per_second = args.events as f64 / ingest_seconds;
    let summary = json!({
        "events": args.events,
        "tier": engine.classifier().name(),
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
        "gleaner bench: {} events ({} AI conversations), embedded store, batch 256, {} tier",
        args.events,
        conversations.len(),
        engine.classifier().name()
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

/// `gleaner bench --semantic FILE`: the encoder alone on the file's texts,
/// after a warm-up, in one call (length-sorted batches, as ingest does).
fn run_semantic(path: &Path, context: &Context) -> anyhow::Result<()> {
    let semantic = locate_models_dir(None)
        .map_err(SemanticUnavailable::from)
        .and_then(|models_dir| load_semantic_classifier(&models_dir))
        .map_err(|reason| UsageError::new(format!("gleaner bench --semantic: {reason}")))?;
    let encoder = semantic.encoder();
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let texts: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    if texts.is_empty() {
        return Err(UsageError::new(format!("{} holds no texts", path.display())).into());
    }
    let mut tokens = 0usize;
    let mut flops = 0.0f64;
    for text in &texts {
        let length = encoder.tokenizer().encode_query(text)?.len();
        tokens += length;
        flops += encoder.forward_flops(length);
    }
    encoder.embed(&texts[..texts.len().min(32)])?;
    let started = Instant::now();
    let embeddings = encoder.embed(&texts)?;
    let seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(embeddings.len() == texts.len(), "one embedding per text");
    let summary = json!({
        "engine": "gleaner",
        "texts": texts.len(),
        "tokens": tokens,
        "threads": SemanticEncoder::compute_threads(),
        "seconds": seconds,
        "texts_per_second": texts.len() as f64 / seconds,
        "tokens_per_second": tokens as f64 / seconds,
        "gflop": flops / 1e9,
        "gflop_per_second": flops / 1e9 / seconds,
    });
    if context.json {
        return print_json(&summary);
    }
    println!(
        "gleaner bench --semantic: {} texts, {tokens} tokens, {} threads: {:.1} texts/s, {:.0} tokens/s, {:.1} GFLOP/s ({:.1} GFLOP of useful work)",
        texts.len(),
        SemanticEncoder::compute_threads(),
        texts.len() as f64 / seconds,
        tokens as f64 / seconds,
        flops / 1e9 / seconds,
        flops / 1e9
    );
    Ok(())
}
