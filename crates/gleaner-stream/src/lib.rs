//! Streaming ingest: SPEC §2 events read from a NATS JetStream stream,
//! pushed through the engine's own pipeline, and acknowledged only once
//! their effect is committed to the store.
//!
//! # Delivery: at-least-once in, exactly-once effect out
//!
//! A worker acknowledges a message only after
//! [`Engine::ingest_event_batch`](gleaner_engine::Engine::ingest_event_batch)
//! has committed the batch it was in. A worker killed between the commit
//! and the acknowledgement leaves messages that JetStream delivers again
//! after the consumer's ack wait; the store then reports them as already
//! present (commits are idempotent by hashed `event_id`), so each event's
//! effect is counted once. Nothing here re-implements a guardrail: the
//! stream path and the file path share every step after parsing.
//!
//! # Partitioning: a subject per shard, one message in flight per shard
//!
//! The publisher sends an event to `NAME.events.<shard>` with
//! `shard = fnv1a64(account_id) mod shards` ([`shard_of`]). Each shard has
//! one durable pull consumer (`<consumer>-<shard>`, filter on its subject)
//! with `max_ack_pending = 1`, and the stream uses work-queue retention.
//! Every worker keeps one waiting pull open on every shard (a task per
//! shard); a round is whatever the shards delivered within a couple of
//! milliseconds of its first message, committed as one batch, and a
//! shard's task pulls again only once its message is settled. So:
//!
//! - the events of one account are processed in publish order, by whichever
//!   worker holds that shard's single outstanding message, with no
//!   coordination between workers and no static worker index (a worker can
//!   join, die or be killed with SIGKILL at any time);
//! - parallelism is bounded by the number of shards (default 64), which is
//!   also the largest batch one round can hold; more shards than workers
//!   keeps every worker busy.
//!
//! The alternative — a static assignment of shards to worker indexes —
//! keeps batches larger but needs a membership protocol to survive a dead
//! worker; one shared consumer without shards gives no per-account order.
//! The shard count is fixed when the stream is made and kept in its
//! description (`gleaner.shards=N`), so publishers and workers always agree.
//!
//! # Bad messages and store outages
//!
//! A message the pipeline rejects (not UTF-8, not JSON, unknown account,
//! text over the limit, …) is published to `NAME.dlq` with its redacted
//! reason in the `Gleaner-Reject-Reason` header and the source stream
//! sequence in `Gleaner-Stream-Sequence`, then acknowledged. The dead
//! letter carries no payload: the original could hold conversation text,
//! which never goes anywhere but the classifier. A retryable store error
//! ([`StoreError::is_retryable`](gleaner_store::StoreError::is_retryable))
//! makes the worker negatively acknowledge the round with a delay and back
//! off (doubling, up to 5 s) until the store answers again.
//!
//! # Async inside, sync outside
//!
//! The engine is sync. [`NatsStream`] owns a current-thread tokio runtime
//! and blocks on it for each NATS call; the engine runs between those
//! calls on the caller's thread, so no engine code ever runs on the
//! runtime.
//!
//! # Layout
//!
//! - [`client`]: the connection and the stream's layout ([`NatsStream`]).
//! - [`shard`]: subjects and the shard of an account.
//! - [`publish`]: the publisher ([`publish_events`]).
//! - [`worker`]: the consume, commit, acknowledge loop ([`StreamWorker`]).
//! - [`error`]: the [`StreamError`] type.
#![warn(missing_docs)]

pub mod client;
pub mod error;
pub mod publish;
pub mod shard;
#[cfg(feature = "testsuite")]
pub mod testsuite;
pub mod worker;

pub use client::{DeadLetter, NatsStream, StreamLayout};
pub use error::StreamError;
pub use publish::{publish_events, PublishReport};
pub use shard::shard_of;
pub use worker::{StopSignal, StreamReport, StreamWorker, WorkerConfig};
