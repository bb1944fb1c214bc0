//! Errors of the store.

/// A store failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The store URL has a scheme no backend handles.
    #[error("unsupported store url scheme `{scheme}` (available: {available})")]
    UnsupportedScheme {
        /// The scheme given.
        scheme: String,
        /// The schemes this build supports.
        available: String,
    },
    /// The backend could not be opened.
    #[error("cannot open store at `{location}`: {reason}")]
    Open {
        /// Where.
        location: String,
        /// Why.
        reason: String,
    },
    /// The store was written by a newer Gleaner with a layout this build
    /// does not know; it is left untouched.
    #[error("store at `{location}` has schema version {found}, newer than the {supported} this build supports")]
    SchemaTooNew {
        /// Where.
        location: String,
        /// The version found in the store.
        found: u64,
        /// The newest version this build reads.
        supported: u64,
    },
    /// The backend failed during an operation.
    #[error("store backend failed: {0}")]
    Backend(String),
    /// A store server (Redis, Postgres) could not complete the call now: it
    /// is unreachable, the connection was lost or timed out, or the
    /// transaction lost a conflict (deadlock, serialization failure).
    ///
    /// Retrying later is safe: a call that failed this way either had no
    /// effect or, for [`Store::commit_events`](crate::Store::commit_events),
    /// is idempotent. Stream workers stop acknowledging on this error and
    /// retry; see [`StoreError::is_retryable`]. `location` never holds a
    /// password.
    #[error("{backend} store at `{location}` unavailable: {reason}")]
    Unavailable {
        /// `redis` or `postgres`.
        backend: &'static str,
        /// The store URL with any password replaced by `***`.
        location: String,
        /// Why.
        reason: String,
    },
    /// A store server answered a call with an error that a retry will not
    /// fix (a bad query, a constraint, a script error). `location` never
    /// holds a password.
    #[error("{backend} store at `{location}` failed: {reason}")]
    Server {
        /// `redis` or `postgres`.
        backend: &'static str,
        /// The store URL with any password replaced by `***`.
        location: String,
        /// Why.
        reason: String,
    },
    /// A store URL that cannot be used (bad syntax, bad option); `url`
    /// never holds a password.
    #[error("invalid store url `{url}`: {reason}")]
    InvalidUrl {
        /// The URL with any password replaced by `***`.
        url: String,
        /// Why.
        reason: String,
    },
    /// A stored value could not be decoded (corruption or version skew).
    #[error("stored value under `{key}` cannot be decoded: {reason}")]
    Corrupt {
        /// The key.
        key: String,
        /// Why.
        reason: String,
    },
}

impl StoreError {
    /// Returns true when the same call may succeed if retried later (the
    /// server was unreachable or the transaction lost a conflict).
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::Unavailable { .. })
    }
}
