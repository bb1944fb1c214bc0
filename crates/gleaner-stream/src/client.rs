//! The connection to NATS and the layout of one stream.

use std::future::Future;
use std::time::Duration;

use async_nats::jetstream::stream::{Config as StreamConfig, RetentionPolicy};
use async_nats::jetstream::{self, Context as JetStreamContext};
use futures_util::TryStreamExt as _;

use crate::shard::{dead_letter_subject, events_wildcard, valid_stream_name};
use crate::StreamError;

/// The marker before the shard count in the stream's description. The
/// description, not the metadata map, holds it: stream metadata needs NATS
/// 2.10, and Debian ships 2.9.
pub const SHARDS_MARKER: &str = "gleaner.shards=";

/// The shard count of a stream made by [`NatsStream::open_or_create`]
/// without one.
pub const DEFAULT_SHARDS: u32 = 64;

/// What a publisher and a worker must agree on: the stream's name and its
/// shard count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamLayout {
    /// The stream, also the first token of its subjects.
    pub name: String,
    /// How many shard subjects (and durable consumers) it has.
    pub shards: u32,
}

/// A message of the dead-letter subject, as [`NatsStream::dead_letters`]
/// reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadLetter {
    /// The reject reason (the `Gleaner-Reject-Reason` header).
    pub reason: String,
    /// The stream sequence of the rejected message.
    pub source_sequence: u64,
    /// The dead letter's JSON body (reason, sequence, subject; never the
    /// rejected payload).
    pub body: String,
}

/// A JetStream stream of events, behind a small tokio runtime of its own
/// so that callers stay sync (see the crate docs).
pub struct NatsStream {
    runtime: tokio::runtime::Runtime,
    client: async_nats::Client,
    jetstream: JetStreamContext,
    layout: StreamLayout,
}

impl NatsStream {
    /// Connects to `source` (`nats://host:port`) and opens an existing
    /// stream; a worker never creates one, so that a typo in `--stream`
    /// is an error rather than an empty stream waited on forever.
    pub fn open(source: &str, stream_name: &str) -> Result<Self, StreamError> {
        let (runtime, client) = connect(source, stream_name)?;
        let jetstream = jetstream::new(client.clone());
        let stream_result = runtime.block_on(jetstream.get_stream(stream_name));
        let mut stream = match stream_result {
            Ok(stream) => stream,
            Err(error) if error.to_string().contains("not found") => {
                return Err(StreamError::NoSuchStream(stream_name.to_owned()))
            }
            Err(error) => return Err(StreamError::nats("open the stream")(&error)),
        };
        let info = runtime
            .block_on(stream.info())
            .map_err(|error| StreamError::nats("read the stream's info")(&error))?;
        let shards = info
            .config
            .description
            .as_deref()
            .and_then(shards_in_description)
            .ok_or_else(|| StreamError::Nats {
                operation: "read the stream's shard count",
                reason: format!(
                    "stream `{stream_name}` has no `{SHARDS_MARKER}N` in its description: \
                     it was not made by gleaner"
                ),
            })?;
        Ok(Self {
            runtime,
            client,
            jetstream,
            layout: StreamLayout {
                name: stream_name.to_owned(),
                shards,
            },
        })
    }

    /// Connects and opens the stream, making it with `shards` shards when
    /// it does not exist (an existing stream keeps its own shard count).
    pub fn open_or_create(
        source: &str,
        stream_name: &str,
        shards: u32,
    ) -> Result<Self, StreamError> {
        let (runtime, client) = connect(source, stream_name)?;
        let jetstream = jetstream::new(client);
        let config = StreamConfig {
            name: stream_name.to_owned(),
            subjects: vec![
                events_wildcard(stream_name),
                dead_letter_subject(stream_name),
            ],
            // A message leaves the stream once acknowledged; dead letters
            // (no consumer of this crate filters on them) stay.
            retention: RetentionPolicy::WorkQueue,
            description: Some(format!(
                "gleaner events by account shard; {SHARDS_MARKER}{}",
                shards.max(1)
            )),
            ..StreamConfig::default()
        };
        runtime
            .block_on(jetstream.get_or_create_stream(config))
            .map_err(|error| StreamError::nats("create the stream")(&error))?;
        drop(runtime);
        Self::open(source, stream_name)
    }

    /// The stream's name and shard count.
    pub fn layout(&self) -> &StreamLayout {
        &self.layout
    }

    /// Deletes the stream with everything in it (tests and tools).
    pub fn delete(self) -> Result<(), StreamError> {
        self.runtime
            .block_on(self.jetstream.delete_stream(&self.layout.name))
            .map_err(|error| StreamError::nats("delete the stream")(&error))?;
        Ok(())
    }

    /// How many messages the stream holds on `subject` (after work-queue
    /// acknowledgements removed theirs).
    pub fn messages_on(&self, subject: &str) -> Result<u64, StreamError> {
        let jetstream = self.jetstream.clone();
        let name = self.layout.name.clone();
        let subject = subject.to_owned();
        self.runtime.block_on(async move {
            let stream = jetstream
                .get_stream(&name)
                .await
                .map_err(|error| StreamError::nats("open the stream")(&error))?;
            let info = stream
                .info_with_subjects(subject.clone())
                .await
                .map_err(|error| StreamError::nats("read the stream's subjects")(&error))?;
            let counts: Vec<(String, usize)> = info
                .try_collect()
                .await
                .map_err(|error| StreamError::nats("read the stream's subjects")(&error))?;
            Ok(counts.into_iter().map(|(_, count)| count as u64).sum())
        })
    }

    /// Reads the dead letters the stream holds, oldest first. Walks every
    /// stored sequence: meant for tests and small operator checks, not for
    /// draining a large stream.
    pub fn dead_letters(&self) -> Result<Vec<DeadLetter>, StreamError> {
        let jetstream = self.jetstream.clone();
        let name = self.layout.name.clone();
        let subject = dead_letter_subject(&name);
        self.runtime.block_on(async move {
            let mut stream = jetstream
                .get_stream(&name)
                .await
                .map_err(|error| StreamError::nats("open the stream")(&error))?;
            let state = stream
                .info()
                .await
                .map_err(|error| StreamError::nats("read the stream's info")(&error))?
                .state
                .clone();
            let mut letters = Vec::new();
            for sequence in state.first_sequence..=state.last_sequence {
                // Acknowledged (removed) sequences are gaps: skip them.
                let Ok(message) = stream.get_raw_message(sequence).await else {
                    continue;
                };
                if message.subject.as_str() != subject {
                    continue;
                }
                let header = |key: &str| {
                    message
                        .headers
                        .get(key)
                        .map(|value| value.as_str().to_owned())
                        .unwrap_or_default()
                };
                letters.push(DeadLetter {
                    reason: header(crate::worker::REASON_HEADER),
                    source_sequence: header(crate::worker::SEQUENCE_HEADER).parse().unwrap_or(0),
                    body: String::from_utf8_lossy(&message.payload).into_owned(),
                });
            }
            Ok(letters)
        })
    }

    /// Sleeps on the runtime (which keeps serving the connection meanwhile).
    pub(crate) fn sleep(&self, duration: Duration) {
        self.runtime
            .block_on(async move { tokio::time::sleep(duration).await });
    }

    /// Spawns a task on this stream's runtime.
    pub(crate) fn spawn<F>(&self, future: F) -> tokio::task::JoinHandle<()>
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.runtime.spawn(future)
    }

    /// Runs `future` on this stream's runtime, blocking the calling thread.
    pub(crate) fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// Sends what the client buffered (acknowledgements) now: a shard's
    /// next message is delivered only once the server has its ack.
    pub(crate) async fn flush(&self) -> Result<(), StreamError> {
        self.client
            .flush()
            .await
            .map_err(|error| StreamError::nats("flush")(&error))
    }

    /// The JetStream context.
    pub(crate) fn jetstream(&self) -> &JetStreamContext {
        &self.jetstream
    }
}

fn connect(
    source: &str,
    stream_name: &str,
) -> Result<(tokio::runtime::Runtime, async_nats::Client), StreamError> {
    if !source.starts_with("nats://") {
        return Err(StreamError::BadSource {
            url: source.to_owned(),
            problem: "the scheme must be nats://".into(),
        });
    }
    if !valid_stream_name(stream_name) {
        return Err(StreamError::BadStreamName(stream_name.to_owned()));
    }
    // One runtime thread keeps the connection served (pings, acks) while
    // the caller's thread runs the sync engine between calls.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let client = runtime
        .block_on(
            async_nats::ConnectOptions::new()
                .connection_timeout(Duration::from_secs(5))
                .connect(source),
        )
        .map_err(|error| StreamError::nats("connect")(&error))?;
    Ok((runtime, client))
}

/// The shard count written after [`SHARDS_MARKER`] in a description.
fn shards_in_description(description: &str) -> Option<u32> {
    let (_, after) = description.split_once(SHARDS_MARKER)?;
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<u32>().ok().filter(|shards| *shards > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shard_count_is_read_back_from_the_description() {
        assert_eq!(
            shards_in_description("gleaner events by account shard; gleaner.shards=64"),
            Some(64)
        );
        assert_eq!(shards_in_description("gleaner.shards=0"), None);
        assert_eq!(shards_in_description("made by hand"), None);
    }
}
