//! The embedded backend: one [redb](https://docs.rs/redb) file in a directory.
//!
//! This is the default store (`--store ./gleaner-data`). It needs no server,
//! survives a killed process (every write transaction is committed with
//! `Durability::Immediate`, and redb's copy-on-write B-trees make a commit
//! all-or-nothing), and keeps values as JSON so that a developer can read a
//! dump of the file with any redb tool.
//!
//! # Tables
//!
//! | table | key | value |
//! |---|---|---|
//! | `accounts` | account id | `Account` JSON |
//! | `accounts_by_center` | `len ++ center id ++ account id` | `()` |
//! | `catalog` | item id | `CatalogItem` JSON |
//! | `seen_events` | event hash (16 B) | account hash (16 B) ++ content digest (32 B; absent in markers written before digests were kept) |
//! | `events_by_account` | account hash ++ event hash | `()` |
//! | `signals` | `len ++ account id ++ event hash ++ topic BE` | `Signal` JSON |
//! | `signals_by_time` | `seconds ++ nanos ++ signal key` | `()` |
//! | `audit` | account hash ++ sequence BE | `AuditRecord` JSON |
//! | `audit_order` | sequence | account hash |
//! | `account_moves` | sequence | `AccountMoveRecord` JSON |
//! | `settings_overrides` | sequence | `SettingsOverrideRecord` JSON |
//! | `meta` | name | `u64` (schema version, next audit sequence, tombstones, id secret check, rewrite pending) |
//!
//! Beside the database file, `id-secret` (mode 0600) holds the 32 random
//! bytes that key the store's id hashes ([`gleaner_core::IdHasher`]); it is
//! made with the store and never put in the database, an export or a log.
//! After an erasure the database file is rewritten so that no freed page
//! keeps the erased bytes (see [`EmbeddedStore`]).
//!
//! The two `*_by_*` indexes and `audit_order` exist so that no call scans a
//! whole table: `forget_account` reads prefix ranges only, `expire_signals`
//! reads the oldest end of `signals_by_time`, and `for_each_audit_record`
//! walks `audit_order`. Key layouts are in `keys.rs`.

pub(crate) mod keys;
mod store;

pub use store::{EmbeddedStore, DATABASE_FILE_NAME, ID_SECRET_FILE_NAME, SCHEMA_VERSION};
