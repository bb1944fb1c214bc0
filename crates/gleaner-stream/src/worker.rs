//! The worker: pull a round of messages (one per shard), ingest them as
//! one batch, then acknowledge, dead-letter or negatively acknowledge.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_nats::jetstream::consumer::pull::Config as PullConfig;
use async_nats::jetstream::consumer::{AckPolicy, PullConsumer};
use async_nats::jetstream::{AckKind, Message};
use async_nats::HeaderMap;
use futures_util::StreamExt as _;
use gleaner_core::{AuditOutcome, Timestamp};
use gleaner_engine::{Engine, EngineError, MessageOutcome, RejectReason};
use serde::Serialize;
use tokio::sync::{mpsc, Notify};

use crate::shard::{consumer_name, dead_letter_subject, event_subject};
use crate::{NatsStream, StreamError};

/// The header of a dead letter that holds the (redacted) reject reason.
pub const REASON_HEADER: &str = "Gleaner-Reject-Reason";
/// The header of a dead letter that holds the source stream sequence.
pub const SEQUENCE_HEADER: &str = "Gleaner-Stream-Sequence";

/// How long a pull request waits on the server for a shard's message
/// before the shard's task asks again.
const PULL_EXPIRES: Duration = Duration::from_secs(1);
/// How much longer the client waits for the server's answer to a pull.
const PULL_GRACE: Duration = Duration::from_secs(1);
/// How long a round waits for its first message before the worker checks
/// whether it has been idle long enough to stop.
const IDLE_TICK: Duration = Duration::from_millis(200);
/// After a round's first message, how long it waits for other shards'.
const ROUND_LINGER: Duration = Duration::from_millis(2);

/// Asks workers to stop: each finishes the round it holds (commit and
/// acknowledgements) and [`StreamWorker::run`] returns. Clones share the
/// flag, so one signal stops every worker given a clone of it.
#[derive(Clone, Debug, Default)]
pub struct StopSignal(Arc<AtomicBool>);

impl StopSignal {
    /// A signal not yet raised.
    pub fn new() -> Self {
        Self::default()
    }

    /// Raises the signal (idempotent).
    pub fn stop(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether the signal was raised.
    pub fn is_stopped(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// How a worker runs.
#[derive(Clone, Debug)]
pub struct WorkerConfig {
    /// Durable consumers are named `<prefix>-<shard>`; workers that share
    /// a prefix share the work.
    pub consumer_prefix: String,
    /// How long JetStream waits for an acknowledgement before it delivers
    /// a message again (to any worker); longer than the slowest batch.
    pub ack_wait: Duration,
    /// Return once no message arrived for this long (`None`: run forever).
    pub exit_when_idle: Option<Duration>,
    /// The longest pause between retries while the store is unavailable.
    pub max_backoff: Duration,
    /// Checked between rounds (also while idle, at least every
    /// 200 ms): once raised, the worker returns after its current round.
    pub stop: StopSignal,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            consumer_prefix: "gleaner".into(),
            ack_wait: Duration::from_secs(30),
            exit_when_idle: None,
            max_backoff: Duration::from_secs(5),
            stop: StopSignal::new(),
        }
    }
}

/// What a worker did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct StreamReport {
    /// Messages received (redeliveries included).
    pub messages: usize,
    /// Rounds committed.
    pub batches: usize,
    /// Events used for every purpose.
    pub used: usize,
    /// Events used for some purposes only.
    pub restricted: usize,
    /// Events not used at all.
    pub dropped: usize,
    /// Messages whose event the store already had (redeliveries, repeats).
    pub already_present: usize,
    /// Messages moved to the dead-letter subject.
    pub dead_lettered: usize,
    /// Rounds handed back because the store was unavailable.
    pub store_retries: usize,
    /// When the first message arrived (for throughput; not serialized).
    #[serde(skip)]
    pub first_message_at: Option<Instant>,
    /// When the last round was settled (for throughput; not serialized).
    #[serde(skip)]
    pub last_settled_at: Option<Instant>,
}

impl StreamReport {
    /// Adds another worker's counts to these (the busy span covers both).
    pub fn merge(&mut self, other: &Self) {
        self.messages += other.messages;
        self.batches += other.batches;
        self.used += other.used;
        self.restricted += other.restricted;
        self.dropped += other.dropped;
        self.already_present += other.already_present;
        self.dead_lettered += other.dead_lettered;
        self.store_retries += other.store_retries;
        self.first_message_at = match (self.first_message_at, other.first_message_at) {
            (Some(mine), Some(theirs)) => Some(mine.min(theirs)),
            (mine, theirs) => mine.or(theirs),
        };
        self.last_settled_at = self.last_settled_at.max(other.last_settled_at);
    }

    /// Seconds from the first message to the last settled round.
    pub fn busy_seconds(&self) -> f64 {
        match (self.first_message_at, self.last_settled_at) {
            (Some(first), Some(last)) => last.saturating_duration_since(first).as_secs_f64(),
            _ => 0.0,
        }
    }
}

/// Pulls events from every shard of a stream and ingests them through an
/// [`Engine`].
pub struct StreamWorker {
    stream: NatsStream,
    engine: Engine,
    config: WorkerConfig,
    consumers: Vec<PullConsumer>,
}

impl StreamWorker {
    /// Makes (or joins) the durable consumer of every shard.
    pub fn new(
        stream: NatsStream,
        engine: Engine,
        config: WorkerConfig,
    ) -> Result<Self, StreamError> {
        let layout = stream.layout().clone();
        let consumers = stream.block_on(async {
            let jetstream_stream = stream
                .jetstream()
                .get_stream(&layout.name)
                .await
                .map_err(|error| StreamError::nats("open the stream")(&error))?;
            let mut consumers = Vec::with_capacity(layout.shards as usize);
            for shard in 0..layout.shards {
                let name = consumer_name(&config.consumer_prefix, shard);
                let consumer: PullConsumer = jetstream_stream
                    .get_or_create_consumer(
                        &name,
                        PullConfig {
                            durable_name: Some(name.clone()),
                            filter_subject: event_subject(&layout.name, shard),
                            ack_policy: AckPolicy::Explicit,
                            ack_wait: config.ack_wait,
                            // One message of a shard in flight at a time,
                            // across all workers: per-account order.
                            max_ack_pending: 1,
                            ..PullConfig::default()
                        },
                    )
                    .await
                    .map_err(|error| StreamError::nats("create a shard consumer")(&error))?;
                consumers.push(consumer);
            }
            Ok::<_, StreamError>(consumers)
        })?;
        Ok(Self {
            stream,
            engine,
            config,
            consumers,
        })
    }

    /// Consumes until idle for [`WorkerConfig::exit_when_idle`] or until
    /// [`WorkerConfig::stop`] is raised (or forever). `clock` is read once per round: the `now` of its batch.
    pub fn run(&self, clock: &mut dyn FnMut() -> Timestamp) -> Result<StreamReport, StreamError> {
        let mut feed = ShardFeed::start(&self.stream, &self.consumers);
        let result = self.consume(&mut feed, clock);
        feed.stop(&self.stream);
        result
    }

    fn consume(
        &self,
        feed: &mut ShardFeed,
        clock: &mut dyn FnMut() -> Timestamp,
    ) -> Result<StreamReport, StreamError> {
        let mut report = StreamReport::default();
        let mut idle_since = Instant::now();
        let mut backoff = Duration::from_millis(100);
        loop {
            if self.config.stop.is_stopped() {
                return Ok(report);
            }
            let round = self.stream.block_on(feed.next_round())?;
            if round.is_empty() {
                if self
                    .config
                    .exit_when_idle
                    .is_some_and(|limit| idle_since.elapsed() >= limit)
                {
                    return Ok(report);
                }
                continue;
            }
            report.messages += round.len();
            report.first_message_at.get_or_insert_with(Instant::now);
            let messages: Vec<&Message> = round.iter().map(|(_, message)| message).collect();
            let payloads: Vec<&[u8]> = messages
                .iter()
                .map(|message| &message.payload[..])
                .collect();
            match self.engine.ingest_event_batch(&payloads, clock()) {
                Ok(outcomes) => {
                    self.settle(&messages, &outcomes, &mut report)?;
                    report.batches += 1;
                    report.last_settled_at = Some(Instant::now());
                    backoff = Duration::from_millis(100);
                }
                Err(EngineError::Store(error)) if error.is_retryable() => {
                    report.store_retries += 1;
                    tracing::warn!(
                        %error,
                        retry_in_ms = backoff.as_millis() as u64,
                        "store unavailable; messages handed back"
                    );
                    self.hand_back(&messages, backoff)?;
                    self.stream.sleep(backoff);
                    backoff = (backoff * 2).min(self.config.max_backoff);
                }
                Err(error) => {
                    // Not acknowledged: JetStream delivers these again
                    // after the ack wait, to this or another worker.
                    return Err(error.into());
                }
            }
            feed.resume(round.iter().map(|(shard, _)| *shard));
            idle_since = Instant::now();
        }
    }

    /// Acknowledges every message of a committed round, after moving the
    /// rejected ones to the dead-letter subject.
    fn settle(
        &self,
        round: &[&Message],
        outcomes: &[MessageOutcome],
        report: &mut StreamReport,
    ) -> Result<(), StreamError> {
        debug_assert_eq!(round.len(), outcomes.len());
        self.stream.block_on(async {
            for (message, outcome) in round.iter().zip(outcomes) {
                match outcome {
                    MessageOutcome::Committed(AuditOutcome::Used) => report.used += 1,
                    MessageOutcome::Committed(AuditOutcome::Restricted) => report.restricted += 1,
                    MessageOutcome::Committed(AuditOutcome::Dropped) => report.dropped += 1,
                    MessageOutcome::AlreadyPresent => report.already_present += 1,
                    MessageOutcome::Rejected(reason) => {
                        self.dead_letter(message, reason).await?;
                        report.dead_lettered += 1;
                    }
                }
                message
                    .ack()
                    .await
                    .map_err(|error| StreamError::nats("acknowledge")(&*error))?;
            }
            self.stream.flush().await
        })
    }

    /// Publishes a dead letter for `message`: its reason and sequence, never
    /// its payload (which may hold conversation text).
    async fn dead_letter(
        &self,
        message: &Message,
        reason: &RejectReason,
    ) -> Result<(), StreamError> {
        let sequence = message.info().map_or(0, |info| info.stream_sequence);
        let reason_text = one_line(&reason.to_string());
        let mut headers = HeaderMap::new();
        headers.insert(REASON_HEADER, reason_text.as_str());
        headers.insert(SEQUENCE_HEADER, sequence.to_string().as_str());
        // A worker killed between this publish and the acknowledgement
        // publishes it again on redelivery; the id makes that a no-op.
        headers.insert("Nats-Msg-Id", format!("dlq-{sequence}").as_str());
        let body = serde_json::json!({
            "reason": reason,
            "stream_sequence": sequence,
            "subject": message.subject.as_str(),
        });
        let subject = dead_letter_subject(&self.stream.layout().name);
        self.stream
            .jetstream()
            .publish_with_headers(subject, headers, body.to_string().into())
            .await
            .map_err(|error| StreamError::nats("publish a dead letter")(&error))?
            .await
            .map_err(|error| StreamError::nats("publish a dead letter")(&error))?;
        Ok(())
    }

    /// Negatively acknowledges a round the store could not take, asking for
    /// redelivery after `delay`.
    fn hand_back(&self, round: &[&Message], delay: Duration) -> Result<(), StreamError> {
        self.stream.block_on(async {
            for message in round {
                message
                    .ack_with(AckKind::Nak(Some(delay)))
                    .await
                    .map_err(|error| StreamError::nats("hand a message back")(&*error))?;
            }
            self.stream.flush().await
        })
    }
}

/// Header values are one line: control characters become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|character| {
            if character.is_control() {
                ' '
            } else {
                character
            }
        })
        .collect()
}

/// One task per shard on the stream's runtime, each with at most one
/// message out: it pulls one, hands it to the worker's rounds, and pulls
/// the next only after the worker settled (acked or handed back) that one.
/// Shards without messages never hold a round up: a round takes whatever
/// the shards delivered by then.
struct ShardFeed {
    receiver: mpsc::UnboundedReceiver<(usize, Result<Message, StreamError>)>,
    settled: Vec<Arc<Notify>>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
    shards: usize,
}

impl ShardFeed {
    fn start(stream: &NatsStream, consumers: &[PullConsumer]) -> Self {
        let (sender, receiver) = mpsc::unbounded_channel();
        let mut settled = Vec::with_capacity(consumers.len());
        let mut tasks = Vec::with_capacity(consumers.len());
        for (shard, consumer) in consumers.iter().enumerate() {
            let notify = Arc::new(Notify::new());
            settled.push(Arc::clone(&notify));
            let consumer = consumer.clone();
            let sender = sender.clone();
            tasks.push(stream.spawn(async move {
                loop {
                    let pulled =
                        tokio::time::timeout(PULL_EXPIRES + PULL_GRACE, pull_one(&consumer))
                            .await
                            .unwrap_or(Ok(None));
                    let delivered = match pulled {
                        Ok(None) => continue,
                        Ok(Some(message)) => sender.send((shard, Ok(message))),
                        Err(error) => sender.send((shard, Err(error))),
                    };
                    if delivered.is_err() {
                        return;
                    }
                    notify.notified().await;
                }
            }));
        }
        Self {
            receiver,
            settled,
            tasks,
            shards: consumers.len(),
        }
    }

    /// Waits up to [`IDLE_TICK`] for a message, then up to
    /// [`ROUND_LINGER`] for more; returns the round (maybe empty).
    async fn next_round(&mut self) -> Result<Vec<(usize, Message)>, StreamError> {
        let mut round = Vec::new();
        let Ok(Some(first)) = tokio::time::timeout(IDLE_TICK, self.receiver.recv()).await else {
            return Ok(round);
        };
        let linger_until = tokio::time::Instant::now() + ROUND_LINGER;
        let mut next_opt = Some(first);
        while let Some((shard, message)) = next_opt.take() {
            round.push((shard, message?));
            if round.len() >= self.shards {
                break;
            }
            next_opt = tokio::time::timeout_at(linger_until, self.receiver.recv())
                .await
                .ok()
                .flatten();
        }
        Ok(round)
    }

    /// Lets these shards' tasks pull their next message.
    fn resume(&self, shards: impl Iterator<Item = usize>) {
        for shard in shards {
            self.settled[shard].notify_one();
        }
    }

    /// Ends every shard task and hands back (for immediate redelivery) the
    /// messages they pulled that no round took. A pull still open on the
    /// server may yet deliver a message to this worker's inbox; JetStream
    /// delivers it again after the ack wait.
    fn stop(mut self, stream: &NatsStream) {
        for task in &self.tasks {
            task.abort();
        }
        let mut unused = Vec::new();
        while let Ok((_, Ok(message))) = self.receiver.try_recv() {
            unused.push(message);
        }
        if unused.is_empty() {
            return;
        }
        stream.block_on(async {
            for message in &unused {
                // Best effort: a message not handed back is delivered
                // again after the ack wait anyway.
                let _ignored = message.ack_with(AckKind::Nak(None)).await;
            }
            let _ignored = stream.flush().await;
        });
    }
}

/// Pulls at most one message from a shard's consumer, waiting up to
/// [`PULL_EXPIRES`] for it.
async fn pull_one(consumer: &PullConsumer) -> Result<Option<Message>, StreamError> {
    // A waiting pull (not `fetch`, which is no-wait): the server answers
    // with the shard's next message as soon as there is one, or "timeout"
    // after PULL_EXPIRES.
    let mut batch = consumer
        .batch()
        .max_messages(1)
        .expires(PULL_EXPIRES)
        .messages()
        .await
        .map_err(|error| StreamError::nats("pull messages")(&error))?;
    match batch.next().await {
        Some(message) => message
            .map(Some)
            .map_err(|error| StreamError::nats("pull messages")(&*error)),
        None => Ok(None),
    }
}
