//! `gleaner serve`: the HTTP API (SPEC §6) until SIGTERM or ctrl-c.

use std::sync::Arc;

use anyhow::Context as _;
use gleaner_server::{AppState, Clock, ServerConfig};

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

pub(crate) fn run(args: &ServeArgs, context: &Context) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("GLEANER_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let engine = context.engine()?;
    let tokens = token_file(args.tokens.as_ref(), context)?;
    let config = ServerConfig {
        max_body_bytes: args.max_body_bytes,
        k_anonymity: args.k_anonymity.max(1),
    };
    let state = AppState::new(engine, Arc::new(tokens), clock_of(context), config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .with_context(|| format!("binding {}", args.listen))?;
        let address = listener.local_addr()?;
        eprintln!("gleaner serve: listening on http://{address}");
        gleaner_server::serve(listener, state, shutdown_signal()).await?;
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
    tracing::info!("shutdown requested; finishing in-flight requests");
}
