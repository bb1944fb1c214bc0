//! The ingest pipeline: accounts, then catalog, then events.

pub mod export;
pub mod jsonl;
pub mod pipeline;
pub mod report;

/// Receives progress while a long input is ingested (the CLI draws a bar).
pub trait Progress {
    /// Called once per input line read, with the total bytes read so far.
    fn advance(&self, bytes_read: u64);
}

/// A [`Progress`] that shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn advance(&self, _bytes_read: u64) {}
}
