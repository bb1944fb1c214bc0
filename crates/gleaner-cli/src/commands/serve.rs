//! `gleaner serve`: the HTTP API (SPEC §6) until SIGTERM or ctrl-c, and
//! with `--source`/`--stream` stream workers beside it.

use std::sync::Arc;

use anyhow::Context as _;
use gleaner_engine::query::reach::ReachPrivacy;
use gleaner_engine::EngineConfig;
use gleaner_server::{AppState, Clock, ServerConfig};
use gleaner_stream::{StopSignal, WorkerConfig};

use super::stream_ingest::{check_workers, run_workers, Workers};
use super::token::token_file;
use crate::args::ServeArgs;
use crate::context::Context;

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

/// The server's limits and reach privacy parameters from the flags.
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
    let engine_config = EngineConfig::default();
    let engine = context.engine_with(&context.store_location, engine_config.clone())?;
    let tokens = token_file(args.tokens.as_ref(), context)?;
    let config = server_config(args)?;
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
    std::thread::scope(|scope| {
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
            let shutdown = async {
                tokio::select! {
                    () = shutdown_signal() => {},
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
    })
}

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
