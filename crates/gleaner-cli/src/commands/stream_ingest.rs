//! Stream workers: `gleaner ingest --source nats://… --stream NAME`, and
//! the workers `gleaner serve --source … --stream …` runs beside its API.

use std::time::Duration;

use anyhow::Context as _;
use gleaner_core::Timestamp;
use gleaner_engine::{Engine, EngineConfig};
use gleaner_stream::{NatsStream, StreamReport, StreamWorker, WorkerConfig};

use crate::args::IngestArgs;
use crate::context::Context;
use crate::UsageError;

pub(crate) fn seconds(flag: &str, value: f64) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(value).map_err(|_| {
        UsageError::new(format!("{flag} {value}: give a number of seconds >= 0")).into()
    })
}

/// Runs `--workers` workers on the stream until each is idle for
/// `--exit-when-idle` (or forever), and returns their summed report.
pub(crate) fn run(
    args: &IngestArgs,
    context: &Context,
    engine: &Engine,
    config: &EngineConfig,
) -> anyhow::Result<StreamReport> {
    let (Some(source), Some(stream_name)) = (&args.source, &args.stream) else {
        return Err(UsageError::new("--source needs --stream").into());
    };
    let worker_config = WorkerConfig {
        consumer_prefix: args.consumer.clone(),
        ack_wait: seconds("--ack-wait", args.ack_wait)?,
        exit_when_idle: args
            .exit_when_idle
            .map(|value| seconds("--exit-when-idle", value))
            .transpose()?,
        ..WorkerConfig::default()
    };
    check_workers(args.workers)?;
    init_logging();
    run_workers(
        &Workers {
            source,
            stream_name,
            count: args.workers,
            config: worker_config,
        },
        context,
        engine,
        config,
    )
}

/// What [`run_workers`] runs.
pub(crate) struct Workers<'a> {
    /// The NATS server (`nats://host:port`).
    pub source: &'a str,
    /// The stream to consume.
    pub stream_name: &'a str,
    /// How many worker threads.
    pub count: usize,
    /// Every worker's configuration; its stop signal stops them all.
    pub config: WorkerConfig,
}

/// `--workers 0` is bad usage.
pub(crate) fn check_workers(count: usize) -> anyhow::Result<()> {
    if count == 0 {
        return Err(UsageError::new("--workers must be at least 1").into());
    }
    Ok(())
}

/// Runs the workers, each on its own thread, until every one returned
/// (idle, stopped, or failed), and returns their summed report. A failing
/// worker is logged (its error names no conversation text) and raises the
/// shared stop signal, so the others finish their round and return too;
/// the first error is returned.
pub(crate) fn run_workers(
    workers: &Workers<'_>,
    context: &Context,
    engine: &Engine,
    config: &EngineConfig,
) -> anyhow::Result<StreamReport> {
    let Workers {
        source,
        stream_name,
        count,
        config: worker_config,
    } = workers;
    // A server store gives each worker its own connection; the embedded
    // store is one file that one process opens once, so its workers share it.
    let server_store = context.store_location.contains("://");
    let shared_engine = engine;
    let now_fixed_opt = context.now_given.then_some(context.now);
    let reports: Vec<anyhow::Result<StreamReport>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..*count)
            .map(|index| {
                let engine_result: anyhow::Result<Engine> = if server_store && index > 0 {
                    context.engine_with(&context.store_location, config.clone())
                } else {
                    Ok(shared_engine.clone())
                };
                let worker_config = worker_config.clone();
                scope.spawn(move || {
                    let stop = worker_config.stop.clone();
                    let result = run_one(
                        source,
                        stream_name,
                        engine_result,
                        worker_config,
                        now_fixed_opt,
                    );
                    if let Err(error) = &result {
                        let error = format!("{error:#}");
                        tracing::error!(worker = index, %error, "stream worker failed");
                        stop.stop();
                    }
                    result
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a worker thread panicked"))
            .collect()
    });
    let mut total = StreamReport::default();
    for report in reports {
        total.merge(&report?);
    }
    Ok(total)
}

/// One worker, on the calling thread.
fn run_one(
    source: &str,
    stream_name: &str,
    engine_result: anyhow::Result<Engine>,
    worker_config: WorkerConfig,
    now_fixed_opt: Option<Timestamp>,
) -> anyhow::Result<StreamReport> {
    let stream = NatsStream::open(source, stream_name)
        .with_context(|| format!("opening stream `{stream_name}`"))?;
    let worker = StreamWorker::new(stream, engine_result?, worker_config)?;
    let mut clock = || wall_clock_or(now_fixed_opt);
    Ok(worker.run(&mut clock)?)
}

/// `--now` when given, else the wall clock, read once per batch: the CLI
/// is the one layer that reads the clock.
fn wall_clock_or(now_fixed_opt: Option<Timestamp>) -> Timestamp {
    #[allow(clippy::disallowed_methods)]
    now_fixed_opt.unwrap_or_else(chrono::Utc::now)
}

/// Store outages and retries are logged to stderr (`GLEANER_LOG` filters).
fn init_logging() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("GLEANER_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init()
        .ok();
}
