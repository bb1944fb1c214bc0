//! The `gleaner` binary: parse, dispatch, map errors to exit codes.
//!
//! Exit codes (SPEC §5): 0 on success, 2 on bad usage or bad input (some
//! lines rejected, unknown account, malformed flag), 1 on any other failure.

mod args;
mod commands;
mod context;
mod output;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};
use crate::context::Context;

/// An error that is the caller's: bad flags, bad input. Exit code 2.
#[derive(Debug)]
pub struct UsageError(String);

impl UsageError {
    /// Wraps a message.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl std::fmt::Display for UsageError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Returned by commands that finished but rejected some input lines.
#[derive(Debug)]
pub struct InputRejected(pub usize);

impl std::fmt::Display for InputRejected {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "{} input line(s) were rejected (see above)",
            self.0
        )
    }
}

impl std::error::Error for InputRejected {}

fn exit_code_for(error: &anyhow::Error) -> u8 {
    for cause in error.chain() {
        if cause.is::<UsageError>() || cause.is::<InputRejected>() {
            return 2;
        }
        if let Some(engine_error) = cause.downcast_ref::<gleaner_engine::EngineError>() {
            return if engine_error.is_caller_error() { 2 } else { 1 };
        }
    }
    1
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The one place the wall clock is read; commands get `now` from the context.
    #[allow(clippy::disallowed_methods)]
    let wall_clock = chrono::Utc::now();
    let result = Context::from_cli(&cli, wall_clock).and_then(|context| run(cli.command, &context));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let mut message = format!("error: {error}");
            for cause in error.chain().skip(1) {
                message.push_str(&format!("\n  caused by: {cause}"));
            }
            eprintln!("{message}");
            ExitCode::from(exit_code_for(&error))
        }
    }
}

fn run(command: Command, context: &Context) -> anyhow::Result<()> {
    match command {
        Command::Demo(args) => commands::demo::run(&args, context),
        Command::Classify(args) => commands::classify::run(&args, context),
        Command::Ingest(args) => commands::ingest::run(&args, context),
        Command::Publish(args) => commands::publish::run(&args, context),
        Command::Profile(args) => commands::profile::run(&args, context),
        Command::Recommend(args) => commands::recommend::run(&args, context),
        Command::Explain(args) => commands::explain::run(&args, context),
        Command::Forget(args) => commands::forget::run(&args, context),
        Command::Export(args) => commands::export::run(&args, context),
        Command::Hide(args) => commands::hide::run_hide(&args, context),
        Command::Unhide(args) => commands::hide::run_unhide(&args, context),
        Command::Expire => commands::expire::run(context),
        Command::Audit(args) => commands::audit::run(&args, context),
        Command::Eval(args) => commands::eval::run(&args, context),
        Command::Bench(args) => commands::bench::run(&args, context),
        Command::Models(args) => commands::models::run(&args, context),
        Command::Train(args) => commands::train::run(&args, context),
        Command::Serve(args) => commands::serve::run(&args, context),
        Command::Token(args) => commands::token::run(&args, context),
        Command::Accounts(args) => commands::accounts::run(&args, context),
    }
}
