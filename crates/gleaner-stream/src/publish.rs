//! The publisher: event lines from a file to their account's shard subject.

use std::io::BufRead;

use async_nats::HeaderMap;
use serde::{Deserialize, Serialize};

use crate::shard::{event_subject, shard_of};
use crate::{NatsStream, StreamError};

/// How many publishes wait for their JetStream acknowledgement at once.
const PUBLISHES_IN_FLIGHT: usize = 512;

/// What a publish did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PublishReport {
    /// Messages the stream stored (duplicates of a recent `event_id`
    /// included; JetStream drops those by `Nats-Msg-Id`).
    pub published: usize,
    /// Lines with no readable `account_id` (they went to shard 0 and will
    /// be dead-lettered by a worker, with the parser's reason).
    pub without_account: usize,
}

/// Only the routing keys of an event line.
#[derive(Deserialize)]
struct RoutingKeys {
    account_id: Option<String>,
    event_id: Option<String>,
}

/// The `Nats-Msg-Id` of a line: `EVENT_ID/` and 16 hex digits of the
/// SHA-256 of the line's bytes.
fn message_id(event_id: &str, line: &[u8]) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    let digest = sha2::Sha256::digest(line);
    let mut id = String::with_capacity(event_id.len() + 17);
    id.push_str(event_id);
    id.push('/');
    for byte in &digest[..8] {
        let _infallible = write!(id, "{byte:02x}");
    }
    id
}

/// Publishes every non-empty line of `reader`, as it is, to the shard
/// subject of its `account_id`, and waits until the stream has stored them.
///
/// The line is not validated here (workers do that with the one parser, and
/// dead-letter what it rejects); only `account_id` and `event_id` are read.
/// `event_id` and a digest of the line become the `Nats-Msg-Id`, so a
/// publisher that is run again after a failure does not duplicate recent
/// messages, while the same `event_id` with other content still reaches a
/// worker, which dead-letters it as a reused id (JetStream would otherwise
/// drop it silently within its duplicate window).
pub fn publish_events(
    stream: &NatsStream,
    reader: impl BufRead,
) -> Result<PublishReport, StreamError> {
    let layout = stream.layout().clone();
    let mut report = PublishReport::default();
    let mut in_flight = Vec::with_capacity(PUBLISHES_IN_FLIGHT);
    for line in reader.split(b'\n') {
        let mut line = line?;
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let keys_opt = serde_json::from_slice::<RoutingKeys>(&line).ok();
        let account_opt = keys_opt.as_ref().and_then(|keys| keys.account_id.clone());
        let shard = if let Some(account_id) = &account_opt {
            shard_of(account_id, layout.shards)
        } else {
            report.without_account += 1;
            0
        };
        let mut headers = HeaderMap::new();
        if let Some(event_id) = keys_opt.and_then(|keys| keys.event_id) {
            headers.insert("Nats-Msg-Id", message_id(&event_id, &line).as_str());
        }
        let subject = event_subject(&layout.name, shard);
        let acknowledgement = stream
            .block_on(
                stream
                    .jetstream()
                    .publish_with_headers(subject, headers, line.into()),
            )
            .map_err(|error| StreamError::nats("publish")(&error))?;
        in_flight.push(acknowledgement);
        if in_flight.len() >= PUBLISHES_IN_FLIGHT {
            report.published += wait_for_acknowledgements(stream, &mut in_flight)?;
        }
    }
    report.published += wait_for_acknowledgements(stream, &mut in_flight)?;
    Ok(report)
}

fn wait_for_acknowledgements(
    stream: &NatsStream,
    in_flight: &mut Vec<async_nats::jetstream::context::PublishAckFuture>,
) -> Result<usize, StreamError> {
    let count = in_flight.len();
    for acknowledgement in in_flight.drain(..) {
        stream
            .block_on(std::future::IntoFuture::into_future(acknowledgement))
            .map_err(|error| StreamError::nats("publish (stream acknowledgement)")(&error))?;
    }
    Ok(count)
}
