//! Persistence for Gleaner: everything kept lives behind one trait, [`Store`].
//!
//! This is the only crate that knows a storage backend. The engine, the
//! server and the CLI hold an `Arc<dyn Store>` obtained from
//! [`StoreResolver::resolve`] with the `--store` value of SPEC §5, so a new
//! backend changes nothing outside this crate.
//!
//! # Consistency promises
//!
//! The [`Store`] documentation is the contract; in short:
//!
//! - **Atomic per call.** A call's writes are all there or none are, even if
//!   the process is killed mid-call. [`Store::commit_events`] takes a whole
//!   batch of event outcomes (seen marker + signals + audit record each) and
//!   commits it in one transaction.
//! - **Idempotent ingest.** An event already stored (or repeated inside one
//!   batch) with the same content digest is skipped and counted as
//!   `already_present`; with another digest (a reused id) it is skipped and
//!   listed as `conflicting`. Nothing about the stored event changes.
//! - **Forget means gone.** [`Store::forget_account`] removes the account,
//!   its signals, its audit records (found through the hashed id) and its
//!   seen-event markers; only a tombstone count remains, and no byte of
//!   them stays in what the store keeps (the embedded store rewrites its
//!   file, Postgres vacuums).
//! - **Keyed hashes.** Ids are hashed with [`Store::id_hasher`],
//!   HMAC-SHA256 under a secret each store creates once and never exports.
//! - **No text.** The types the trait takes and returns cannot hold
//!   conversation text ([`gleaner_core::ConversationText`] is not
//!   `Serialize`), so no backend can store it.
//! - **Same answers everywhere.** Listing methods return a fixed key order,
//!   so backends are interchangeable and comparable in tests.
//!
//! # Backends
//!
//! - [`EmbeddedStore`] (default, a directory path): one redb file, values as
//!   JSON for debuggability, one fsync per write call.
//! - [`ModelStore`] (`memory://`): an in-memory reference, the oracle of the
//!   model-based test.
//! - `RedisStore` (`redis://host:port/?prefix=NAME`, cargo feature `redis`,
//!   on by default): keys under `{NAME}:`, multi-key writes as Lua scripts.
//! - `PostgresStore` (`postgres://host:port/db?schema=NAME`, cargo feature
//!   `postgres`, on by default): tables in schema `NAME`, versioned
//!   migrations applied on open, one transaction per write call.
//!
//! The server backends return [`StoreError::Unavailable`] while their
//! server is down and reconnect by themselves; their URLs are printed
//! (errors, `Debug`) with the password replaced by `***`.
//!
//! # Adding a backend
//!
//! 1. Add `src/<backend>_store/{mod.rs, store.rs}` behind a cargo feature,
//!    implementing [`Store`] (`redis_store` is the model for a server
//!    backend: URL parsing and password redaction in `server_url`,
//!    reconnection in `connection`).
//! 2. Add one line to [`StoreResolver::with_default_backends`] mapping its
//!    URL scheme to its factory (`add_url` for a server URL).
//! 3. Run the conformance suite on it: one `store_test_suite!(name, || ...)`
//!    line (see `testsuite`, feature `testsuite`) generates a test per
//!    contract point and the model-based test against [`ModelStore`]; this
//!    crate's lines are in `tests/conformance.rs`, the canary scan in
//!    `tests/canary.rs`, outage and migration tests in `tests/servers.rs`.
//!
//! # Layout
//!
//! - [`store`]: the [`Store`] trait and its report types.
//! - [`error`]: the [`StoreError`] type.
//! - [`embedded`]: [`EmbeddedStore`] on redb (tables and key layouts
//!   documented there).
//! - [`model`]: [`ModelStore`], in memory.
//! - [`resolver`]: [`StoreResolver`], URL scheme → backend factory.
//! - `redis_store`, `postgres_store` (features `redis`, `postgres`): the
//!   server backends.
//! - `testsuite` (feature `testsuite`): the `store_test_suite!` macro, its
//!   cases, fixtures and the model-based test.
#![warn(missing_docs)]

#[cfg(any(feature = "redis", feature = "postgres"))]
mod connection;
pub mod embedded;
pub mod error;
pub mod model;
#[cfg(feature = "postgres")]
pub mod postgres_store;
#[cfg(feature = "redis")]
pub mod redis_store;
pub mod resolver;
mod secret;
#[cfg(any(feature = "redis", feature = "postgres"))]
mod server_url;
pub mod store;
#[cfg(feature = "testsuite")]
pub mod testsuite;

pub use embedded::{EmbeddedStore, DATABASE_FILE_NAME, ID_SECRET_FILE_NAME, SCHEMA_VERSION};
pub use error::StoreError;
pub use model::ModelStore;
#[cfg(feature = "postgres")]
pub use postgres_store::PostgresStore;
#[cfg(feature = "redis")]
pub use redis_store::RedisStore;
pub use resolver::{redact_store_url, StoreFactory, StoreResolver, UrlStoreFactory};
pub use store::{CommitReport, EventCheck, EventOutcome, ForgetReport, Store, StoreStats};
