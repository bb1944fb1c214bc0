//! The Postgres backend (`--store postgres://…` or `postgresql://…`,
//! cargo feature `postgres`).
//!
//! # URL
//!
//! `postgres://[user[:password]@]host[:port]/database[?schema=NAME&…]`:
//! the `postgres` crate's URL (without a user it connects as the operating
//! system user), plus `schema` (default `gleaner`; 1 to 48 of `a-z`, `0-9`,
//! `_`, not starting with a digit). Every table of the store lives in that
//! schema, created on first open, so several stores share one database
//! without clashing (the tests use one schema per test and drop it).
//!
//! ```text
//! postgres://127.0.0.1:5432/test?schema=t123
//! ```
//!
//! # Tables and migrations
//!
//! The layout is the SQL in `migrations/NNNN_name.sql`, embedded in the
//! binary. [`PostgresStore::open`] applies the missing ones in one
//! transaction under a transaction-scoped advisory lock (so two workers
//! opening a fresh schema at once do not race), recording each in
//! `schema_migrations (version, name, applied_at)`; `applied_at` is the
//! database's `now()`. Opening an up-to-date schema changes nothing; a
//! schema that records a version this build does not know is refused with
//! [`StoreError::SchemaTooNew`](crate::StoreError::SchemaTooNew) and left
//! untouched.
//!
//! Values are the JSON bytes the embedded store writes, in `bytea`
//! columns next to the key columns the queries need (`bytea` ids sort by
//! bytes, like the embedded store's keys).
//!
//! # Atomicity and concurrency
//!
//! Every write call is one transaction. `commit_events` inserts the batch's
//! event hashes (sorted, so concurrent batches lock rows in one order)
//! with `ON CONFLICT DO NOTHING RETURNING`, and writes signals and audit
//! records only for the events it inserted: two workers committing the
//! same event concurrently commit it once (the second waits for the first
//! and then skips it). Audit records take their sequence from an identity
//! column, in batch order.
//!
//! # Erasure
//!
//! `forget_account` deletes every row of the account in one transaction,
//! then runs `VACUUM (INDEX_CLEANUP ON)` on the five tables it deleted
//! from, so the dead row versions and their index entries leave the table
//! and index files now rather than at autovacuum's convenience (index
//! cleanup is forced because a vacuum that finds few dead rows may skip
//! the indexes). A dead row that an older, still open transaction can see
//! survives that vacuum. Vacuum does not overwrite the space it frees
//! inside a page, so the bytes stay in the files until later writes reuse
//! it (seen on Postgres 15); `VACUUM FULL` of the five tables rewrites
//! them without those bytes, under an exclusive lock, and is the
//! operator's call, as are the WAL, its archives, replicas and backups. The id secret is
//! the one row of `id_secret` (migration 4).
//!
//! # Outages
//!
//! Calls return [`StoreError::Unavailable`](crate::StoreError::Unavailable)
//! while the server is unreachable (connect timeout 5 s unless the URL sets
//! `connect_timeout`), and reconnect by themselves once it is back.

mod migrations;
mod store;

pub use migrations::POSTGRES_SCHEMA_VERSION;
pub use store::{PostgresStore, DEFAULT_SCHEMA};
