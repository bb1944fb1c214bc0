//! [`AppState`]: cheap-clone handles shared by every request.

use std::sync::Arc;
use std::time::Duration;

use gleaner_core::Timestamp;
use gleaner_engine::query::reach::ReachPrivacy;
use gleaner_engine::Engine;

use crate::api::audiences::ReachAnswers;
use crate::metrics::Metrics;
use crate::tokens::TokenStore;

/// Returns the current instant. The server reads the clock only through
/// this, once per request; the binary supplies the wall clock (or a fixed
/// `--now`), tests a fixed instant.
pub type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

/// What an operator configures about the server.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServerConfig {
    /// The largest request body accepted, in bytes (larger: 413).
    pub max_body_bytes: usize,
    /// k, ε per answer and the per-person group bound of reach answers.
    pub reach_privacy: ReachPrivacy,
    /// The total ε one advertiser token may spend on fresh reach answers.
    pub reach_budget_per_token: f64,
    /// `Some(seed)`: reach noise is a function of the seed and the question
    /// (tests only: an advertiser who knew the seed could remove it);
    /// `None`: fresh OS randomness for every answer.
    pub reach_noise_seed: Option<u64>,
    /// How long a client has to send a complete request head, counted from
    /// when the server starts waiting for it: on a new connection, and
    /// after each response on a kept-alive one (so it is also how long an
    /// idle connection stays open). Past it the connection is closed.
    pub header_timeout: Duration,
    /// The deadline of one request, from its head to its response (reading
    /// the body included). Past it the answer is 503 `deadline_exceeded`
    /// and the request's work is cancelled, as it is when the client
    /// disconnects.
    pub request_timeout: Duration,
    /// Connections served at once; one more is answered 503 and closed.
    pub max_connections: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            max_body_bytes: 1024 * 1024,
            reach_privacy: ReachPrivacy::default(),
            reach_budget_per_token: 20.0,
            reach_noise_seed: None,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            max_connections: 256,
        }
    }
}

/// Shared state; cloning is shallow.
#[derive(Clone)]
pub struct AppState {
    /// The engine: the same code paths as the CLI.
    pub engine: Engine,
    /// Where bearer tokens are checked.
    pub tokens: Arc<dyn TokenStore>,
    /// The clock.
    pub clock: Clock,
    /// Limits and thresholds.
    pub config: ServerConfig,
    /// Prometheus metrics.
    pub metrics: Arc<Metrics>,
    /// Each token's last reach answers, repeated without new noise.
    pub reach_answers: Arc<ReachAnswers>,
}

impl AppState {
    /// Assembles the state.
    pub fn new(
        engine: Engine,
        tokens: Arc<dyn TokenStore>,
        clock: Clock,
        config: ServerConfig,
    ) -> Self {
        Self {
            engine,
            tokens,
            clock,
            config,
            metrics: Arc::new(Metrics::new()),
            reach_answers: Arc::new(ReachAnswers::default()),
        }
    }

    /// Reads the clock.
    pub fn now(&self) -> Timestamp {
        (self.clock)()
    }
}
