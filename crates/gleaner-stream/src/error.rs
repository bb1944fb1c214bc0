//! Errors of the stream source.

use gleaner_engine::EngineError;

/// A failure that stops a publisher or a worker (bad messages are not
/// errors: they go to the dead-letter subject).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// The source URL is not `nats://host:port`.
    #[error("bad stream source `{url}`: {problem}")]
    BadSource {
        /// The URL as given.
        url: String,
        /// What is wrong.
        problem: String,
    },
    /// The stream name is not usable as a subject token.
    #[error("bad stream name `{0}`: use letters, digits, `-` and `_` only")]
    BadStreamName(String),
    /// The stream does not exist (workers do not create it).
    #[error("stream `{0}` does not exist (`gleaner publish` creates it)")]
    NoSuchStream(String),
    /// A NATS or JetStream call failed.
    #[error("nats: cannot {operation}: {reason}")]
    Nats {
        /// What was being done.
        operation: &'static str,
        /// The client's message.
        reason: String,
    },
    /// The engine failed with an error a retry will not fix.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// Reading the input failed.
    #[error("cannot read input: {0}")]
    Io(#[from] std::io::Error),
}

impl StreamError {
    /// Wraps a NATS client error with what was being done.
    pub(crate) fn nats(operation: &'static str) -> impl FnOnce(&dyn std::fmt::Display) -> Self {
        move |error| Self::Nats {
            operation,
            reason: error.to_string(),
        }
    }
}
