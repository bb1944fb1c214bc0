//! `gleaner serve`: the HTTP API (SPEC §6) until SIGTERM or ctrl-c, and
//! with `--source`/`--stream` stream workers beside it.
//!
//! On SIGTERM or ctrl-c the server stops accepting, in-flight requests and
//! stream rounds finish, and the process exits 0; if they are still running
//! `--shutdown-grace` seconds later, it exits anyway with status 143.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use gleaner_engine::query::reach::ReachPrivacy;
use gleaner_server::{AppState, Clock, ServerConfig};
use gleaner_stream::{StopSignal, WorkerConfig};

use super::stream_ingest::{check_workers, run_workers, seconds, Workers};
use super::token::token_file;
use crate::args::ServeArgs;
use crate::context::Context;
use crate::UsageError;

/// The wall clock, read per request; `--now` pins it instead.
fn clock_of(context: &Context) -> Clock {
    if context.now_given {
        let fixed = context.now;
        return Arc::new(move || fixed);
    }
    // The binary is the one place the wall clock is read (clippy.toml).
    #[allow(clippy::disallowed_methods)]
    Arc::new(chrono::Utc::now)
}

/// The server's limits, deadlines and reach privacy parameters from the
/// flags.
fn server_config(args: &ServeArgs) -> anyhow::Result<ServerConfig> {
    anyhow::ensure!(
        args.reach_epsilon.is_finite() && args.reach_epsilon > 0.0,
        "--reach-epsilon must be a positive number"
    );
    anyhow::ensure!(
        args.reach_budget.is_finite() && args.reach_budget >= 0.0,
        "--reach-budget must be zero or a positive number"
    );
    Ok(ServerConfig {
        max_body_bytes: args.max_body_bytes,
        reach_privacy: ReachPrivacy {
            k_anonymity: args.k_anonymity.max(1),
            epsilon_per_answer: args.reach_epsilon,
            ..ReachPrivacy::default()
        },
        reach_budget_per_token: args.reach_budget,
        reach_noise_seed: None,
        header_timeout: positive_seconds("--header-timeout", args.header_timeout)?,
        request_timeout: positive_seconds("--request-timeout", args.request_timeout)?,
        max_connections: args.max_connections.max(1),
    })
}

pub(crate) fn run(args: &ServeArgs, context: &Context) -> anyhow::Result<()> {
    check_workers(args.workers)?;
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("GLEANER_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let engine_config = context.engine_config.clone();
    let engine = context.engine_with(&context.store_location, engine_config.clone())?;
    let tokens = token_file(args.tokens.as_ref(), context)?;
    let config = server_config(args)?;
    let grace = seconds("--shutdown-grace", args.shutdown_grace)?;
    let state = AppState::new(engine.clone(), Arc::new(tokens), clock_of(context), config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let stop = StopSignal::new();
    let workers = match (&args.source, &args.stream) {
        (Some(source), Some(stream_name)) => Some(Workers {
            source,
            stream_name,
            count: args.workers,
            config: WorkerConfig {
                consumer_prefix: args.consumer.clone(),
                stop: stop.clone(),
                ..WorkerConfig::default()
            },
        }),
        _ => None,
    };
    let result = std::thread::scope(|scope| {
        // Resolves once the workers returned (they return early only on
        // an error): the server then shuts down too.
        let (workers_done, workers_ended) = tokio::sync::oneshot::channel::<()>();
        let workers_thread = workers.as_ref().map(|workers| {
            let engine = &engine;
            let engine_config = &engine_config;
            scope.spawn(move || {
                let result = run_workers(workers, context, engine, engine_config);
                let _ignored = workers_done.send(());
                result
            })
        });
        let served = runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind(&args.listen)
                .await
                .with_context(|| format!("binding {}", args.listen))?;
            let address = listener.local_addr()?;
            eprintln!("gleaner serve: listening on http://{address}");
            if let Some(workers) = &workers {
                eprintln!(
                    "gleaner serve: {} stream worker(s) on `{}`",
                    workers.count, workers.stream_name
                );
            }
            let has_workers = workers.is_some();
            let workers_ended = async move {
                if has_workers {
                    // Sent, or dropped by a panicking thread: ended either way.
                    let _ignored = workers_ended.await;
                } else {
                    std::future::pending::<()>().await;
                }
            };
            let shutdown = async move {
                tokio::select! {
                    () = shutdown_signal() => exit_after(grace),
                    () = workers_ended => {
                        tracing::error!("stream workers stopped; shutting the server down");
                    },
                }
            };
            gleaner_server::serve(listener, state, shutdown).await?;
            anyhow::Ok(())
        });
        // The server is down (or never came up): workers finish their
        // current round, acknowledge it, and return.
        stop.stop();
        let worked = workers_thread.map(|thread| {
            thread
                .join()
                .expect("the stream workers' thread panicked")
                .context("stream workers")
        });
        served?;
        if let Some(report) = worked.transpose()? {
            tracing::info!(
                messages = report.messages,
                batches = report.batches,
                dead_lettered = report.dead_lettered,
                "stream workers stopped"
            );
        }
        eprintln!("gleaner serve: stopped");
        anyhow::Ok(())
    });
    // Blocking work a gone client left behind stops at its next check;
    // never wait on it past the grace period.
    runtime.shutdown_timeout(grace);
    result
}

/// `--header-timeout` and `--request-timeout` must be more than zero.
fn positive_seconds(flag: &str, value: f64) -> anyhow::Result<Duration> {
    let duration = seconds(flag, value)?;
    if duration.is_zero() {
        return Err(UsageError::new(format!("{flag} must be more than 0 seconds")).into());
    }
    Ok(duration)
}

/// Starts the grace period: if the process has not ended `grace` from now
/// (a request or stream round still running), it exits with status 143,
/// as if SIGTERM had killed it. The store commits whole batches, so
/// nothing is left half-written.
fn exit_after(grace: Duration) {
    let spawned = std::thread::Builder::new()
        .name("shutdown-grace".to_owned())
        .spawn(move || {
            std::thread::sleep(grace);
            eprintln!(
                "gleaner serve: work still running {:.1} s after shutdown was requested \
                 (--shutdown-grace); exiting",
                grace.as_secs_f64()
            );
            std::process::exit(EXIT_AFTER_GRACE);
        });
    if let Err(error) = spawned {
        tracing::error!(%error, "cannot start the shutdown-grace timer");
    }
}

/// The status when the grace period ends the process: 128 + SIGTERM.
const EXIT_AFTER_GRACE: i32 = 143;

/// Resolves on ctrl-c or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ignored = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested; finishing in-flight requests and stream rounds");
}
