//! `gleaner ingest`: accounts, then catalog, then events.

use std::fs::File;
use std::io::BufReader;

use anyhow::Context as _;
use gleaner_engine::ingest::NoProgress;
use gleaner_engine::Progress;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::open_input;
use crate::args::IngestArgs;
use crate::context::Context;
use crate::output::{print_json, print_rejections, render_events_report};
use crate::{InputRejected, UsageError};

/// Draws a byte-based progress bar on stderr (hidden when stderr is not a terminal).
pub(crate) struct BarProgress(pub(crate) ProgressBar);

impl BarProgress {
    pub(crate) fn for_bytes(total_opt: Option<u64>) -> Self {
        let bar = match total_opt {
            Some(total) => ProgressBar::new(total),
            None => ProgressBar::new_spinner(),
        };
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} ingesting events [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta})",
            )
            .expect("static template")
            .progress_chars("=> "),
        );
        Self(bar)
    }
}

impl Progress for BarProgress {
    fn advance(&self, bytes_read: u64) {
        self.0.set_position(bytes_read);
    }
}

#[derive(Serialize)]
struct IngestSummary {
    accounts: Option<gleaner_engine::AccountsReport>,
    catalog: Option<gleaner_engine::CatalogReport>,
    events: Option<gleaner_engine::EventsReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stream: Option<gleaner_stream::StreamReport>,
    /// Seconds from the stream's first message to its last committed round.
    #[serde(skip_serializing_if = "Option::is_none")]
    stream_busy_seconds: Option<f64>,
}

pub(crate) fn run(args: &IngestArgs, context: &Context) -> anyhow::Result<()> {
    if args.accounts.is_none()
        && args.catalog.is_none()
        && args.events.is_none()
        && args.source.is_none()
    {
        return Err(UsageError::new(
            "give at least one of --accounts, --catalog, --events, --source",
        )
        .into());
    }
    let config = context.engine_config.clone();
    let engine = context.engine_with(&context.store_location, config.clone())?;
    let mut summary = IngestSummary {
        accounts: None,
        catalog: None,
        events: None,
        stream: None,
        stream_busy_seconds: None,
    };
    let mut rejected = 0;
    if let Some(path) = &args.accounts {
        let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
        let report = engine.ingest_accounts(BufReader::new(file))?;
        print_rejections(&path.display().to_string(), &report.rejected);
        rejected += report.rejected.len();
        if !context.json {
            println!(
                "accounts: {} loaded ({} kept the person's own settings), {} rejected",
                report.loaded,
                report.person_settings_kept,
                report.rejected.len()
            );
        }
        summary.accounts = Some(report);
    }
    if let Some(path) = &args.catalog {
        let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
        let report = engine.ingest_catalog(BufReader::new(file))?;
        print_rejections(&path.display().to_string(), &report.rejected);
        rejected += report.rejected.len();
        if !context.json {
            println!(
                "catalog: {} loaded ({} with inferred topics, {} sensitive without topics), {} rejected",
                report.loaded,
                report.topics_inferred,
                report.sensitive_items,
                report.rejected.len()
            );
        }
        summary.catalog = Some(report);
    }
    if let Some(input) = &args.events {
        let (reader, size_opt) = open_input(input)?;
        let large = size_opt.is_some_and(|size| size > 1 << 20);
        let report = if large {
            let progress = BarProgress::for_bytes(size_opt);
            let report = engine.ingest_events(reader, context.now, &progress)?;
            progress.0.finish_and_clear();
            report
        } else {
            engine.ingest_events(reader, context.now, &NoProgress)?
        };
        print_rejections(input, &report.rejected);
        rejected += report.rejected.len();
        if !context.json {
            print!("{}", render_events_report(&report));
        }
        summary.events = Some(report);
    }
    if args.source.is_some() {
        let report = super::stream_ingest::run(args, context, &engine, &config)?;
        if !context.json {
            println!(
                "stream: {} messages in {} batches: {} used, {} restricted, {} dropped, \
                 {} already present, {} dead-lettered, {} store retries ({:.0} events/s)",
                report.messages,
                report.batches,
                report.used,
                report.restricted,
                report.dropped,
                report.already_present,
                report.dead_lettered,
                report.store_retries,
                events_per_second(report.messages, report.busy_seconds()),
            );
        }
        summary.stream_busy_seconds = Some(report.busy_seconds());
        summary.stream = Some(report);
    }
    if context.json {
        print_json(&summary)?;
    }
    if rejected > 0 {
        return Err(InputRejected(rejected).into());
    }
    Ok(())
}

fn events_per_second(events: usize, seconds: f64) -> f64 {
    if seconds > 0.0 {
        events as f64 / seconds
    } else {
        0.0
    }
}
