//! The Redis backend (`--store redis://…`, cargo feature `redis`).
//!
//! # URL
//!
//! `redis://[user][:password@]host[:port][/db][?prefix=NAME]`: the
//! `redis` crate's URL, plus `prefix` (default `gleaner`; 1 to 48 of
//! `a-z`, `0-9`, `_`). Every key of the store starts with `{NAME}:`, so
//! several stores share one server without clashing (the tests use one
//! prefix per test), and the braces make `NAME` a Redis Cluster hash tag:
//! all keys of one store live in one slot, which the multi-key scripts
//! need. Scaling out means several stores (shards by account), not one
//! store across slots.
//!
//! ```text
//! redis://127.0.0.1:6379/?prefix=t123
//! ```
//!
//! # Keys (after `{NAME}:`)
//!
//! | key | type | content |
//! |---|---|---|
//! | `accounts` | hash | account id → `Account` JSON |
//! | `account_center` | hash | account id → center id |
//! | `center:<center id>` | sorted set, score 0 | account ids (lexicographic = id order) |
//! | `catalog` | hash | item id → `CatalogItem` JSON |
//! | `seen` | hash | event hash (16 B) → account hash (16 B) ++ content digest (32 B) |
//! | `events_of:<account hash hex>` | set | event hashes of the account (for `forget`) |
//! | `signals:<account id>` | hash | event hash ++ topic u32 BE → time (12 B) ++ `Signal` JSON |
//! | `signal_times` | sorted set, score 0 | time (12 B) ++ event hash ++ topic ++ account id |
//! | `audit` | hash | sequence → `AuditRecord` JSON |
//! | `audit_order` | sorted set | sequence, scored by itself |
//! | `audit_of:<account hash hex>` | sorted set | the account's sequences |
//! | `account_moves` | list | account hash hex ++ `AccountMoveRecord` JSON, oldest first |
//! | `settings_overrides` | list | account hash hex ++ `SettingsOverrideRecord` JSON, oldest first |
//! | `meta` | hash | `schema_version`, `next_audit_sequence`, `tombstones` |
//! | `id_secret` | string | 32 random bytes keying the id hashes, set once (`SET NX`) |
//!
//! Values are the JSON of the embedded store; the 12-byte time in front of
//! a signal is the sortable encoding of its `at`, so the expiry and forget
//! scripts can find its `signal_times` entry without parsing JSON.
//!
//! # Atomicity
//!
//! Every write call that touches more than one key is one Lua script
//! (`scripts/`), which Redis runs alone: `commit_events` (idempotent through
//! `HSETNX` on `seen`), `put_accounts`, `forget_account`, `expire_signals`.
//! A script that fails half-way is not rolled back by Redis; the only such
//! failure is the server running out of memory under a `maxmemory` limit,
//! so a Gleaner Redis runs with `maxmemory-policy noeviction` and headroom.
//! `forget_account` deletes every key, field and member of the account;
//! the server's AOF keeps the commands that wrote them until its next
//! rewrite (`BGREWRITEAOF`), and RDB snapshots until they are replaced:
//! the operator's to schedule.
//! Durability is the server's (`appendonly yes` with `appendfsync
//! everysec` loses at most a second of commits on a power cut; the seen
//! table makes replaying the stream from the last acknowledgement safe).
//!
//! # Outages
//!
//! Calls return [`StoreError::Unavailable`](crate::StoreError::Unavailable)
//! while the server is unreachable (connect timeout 5 s, reply timeout
//! 60 s) and reconnect by themselves once it is back.

mod store;

pub use store::{RedisStore, DEFAULT_PREFIX, REDIS_SCHEMA_VERSION};
