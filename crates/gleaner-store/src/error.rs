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
    /// A stored value could not be decoded (corruption or version skew).
    #[error("stored value under `{key}` cannot be decoded: {reason}")]
    Corrupt {
        /// The key.
        key: String,
        /// Why.
        reason: String,
    },
}
