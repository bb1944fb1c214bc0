//! [`RedisStore`]: the [`Store`] trait on a Redis server.

use std::fmt::Write as _;
use std::time::Duration;

use gleaner_core::{
    Account, AccountId, AccountMoveRecord, AccountsCenterId, AuditRecord, CatalogItem, EventDigest,
    HashedId, IdHasher, ItemId, ItemKind, SettingsOverrideRecord, Signal, Timestamp,
};
use redis::{Client, Connection, RedisError, RetryMethod, Script};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::connection::Reconnecting;
use crate::embedded::keys::{time_bytes, HASH_LEN, TIME_LEN};
use crate::error::StoreError;
use crate::server_url::ServerUrl;
use crate::store::{CommitReport, EventCheck, EventOutcome, ForgetReport, Store, StoreStats};

/// The prefix used when the URL names none.
pub const DEFAULT_PREFIX: &str = "gleaner";

/// The key layout version this build writes and reads (`meta`
/// `schema_version`); a larger one is refused with
/// [`StoreError::SchemaTooNew`].
pub const REDIS_SCHEMA_VERSION: u64 = 1;

const BACKEND: &str = "redis";
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const REPLY_TIMEOUT: Duration = Duration::from_secs(60);
/// Audit records read per round trip by `for_each_audit_record`.
const AUDIT_PAGE: usize = 512;

/// The Lua scripts, loaded once per connection (EVALSHA, then EVAL on a
/// server that does not know them).
struct Scripts {
    commit_events: Script,
    put_accounts: Script,
    forget_account: Script,
    expire_signals: Script,
    values_by_index: Script,
}

impl Scripts {
    fn new() -> Self {
        Self {
            commit_events: Script::new(include_str!("scripts/commit_events.lua")),
            put_accounts: Script::new(include_str!("scripts/put_accounts.lua")),
            forget_account: Script::new(include_str!("scripts/forget_account.lua")),
            expire_signals: Script::new(include_str!("scripts/expire_signals.lua")),
            values_by_index: Script::new(include_str!("scripts/values_by_index.lua")),
        }
    }
}

/// A [`Store`] on a Redis server; see the [module documentation](super)
/// for the URL, the keys and the atomicity of each call.
///
/// One connection, behind a lock, reconnected after a failure: calls from
/// several threads take turns. Run several worker processes for parallel
/// commits.
pub struct RedisStore {
    client: Client,
    connection: Reconnecting<Connection>,
    scripts: Scripts,
    /// `{prefix}:`, the start of every key.
    base: String,
    /// The URL without its password.
    location: String,
    /// Keyed with the secret under `{prefix}:id_secret`.
    hasher: IdHasher,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("RedisStore")
            .field("location", &self.location)
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

fn to_json(value: &impl Serialize) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(|error| StoreError::Backend(format!("encode: {error}")))
}

fn from_json<T: DeserializeOwned>(key: &str, bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|error| StoreError::Corrupt {
        key: key.to_owned(),
        reason: error.to_string(),
    })
}

fn hex(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _infallible = write!(text, "{byte:02x}");
    }
    text
}

fn count(value: i64) -> usize {
    usize::try_from(value).unwrap_or(0)
}

/// `event hash ++ topic u32 BE`: a signal's field in its account's hash.
fn signal_field(event: &HashedId, topic: gleaner_core::TopicId) -> Vec<u8> {
    let mut field = Vec::with_capacity(HASH_LEN + 4);
    field.extend_from_slice(event.as_bytes());
    field.extend_from_slice(&topic.0.to_be_bytes());
    field
}

impl RedisStore {
    /// Opens the store that `url` names (`redis://…`, see the module
    /// documentation): connects, and checks or records the key layout
    /// version under the prefix.
    ///
    /// Fails with [`StoreError::InvalidUrl`] for a bad URL or prefix,
    /// [`StoreError::Unavailable`] when the server cannot be reached, and
    /// [`StoreError::SchemaTooNew`] when a newer Gleaner wrote the keys.
    pub fn open(url: &str) -> Result<Self, StoreError> {
        let parsed = ServerUrl::parse(url, "prefix")?;
        let prefix = parsed
            .namespace_opt
            .clone()
            .unwrap_or_else(|| DEFAULT_PREFIX.to_owned());
        let client =
            Client::open(parsed.client_url.as_str()).map_err(|error| StoreError::InvalidUrl {
                url: parsed.redacted.clone(),
                reason: error.to_string(),
            })?;
        let location = parsed.redacted;
        let first_connection = connect(&client, &location)?;
        let mut store = Self {
            client,
            connection: Reconnecting::new(first_connection),
            scripts: Scripts::new(),
            base: format!("{{{prefix}}}:"),
            location,
            // Replaced below by the stored secret's hasher.
            hasher: crate::secret::random_hasher()?,
        };
        store.check_schema_version()?;
        store.hasher = store.load_or_create_secret()?;
        Ok(store)
    }

    /// Returns the URL without its password.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Returns the key prefix, `{NAME}:`; every key of this store starts
    /// with it.
    pub fn key_prefix(&self) -> &str {
        &self.base
    }

    /// Returns every key under this store's prefix and everything stored
    /// in it, read logically (string values, hash fields and values, set
    /// and sorted-set members), in no particular order.
    ///
    /// For privacy audits and tests (the canary test scans it for text
    /// that must never be stored); it reads the whole store. `DUMP` is not
    /// used because its RDB encoding compresses long strings, which would
    /// hide what a scan looks for.
    pub fn raw_contents(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        let pattern = format!("{}*", self.base);
        self.run(|connection| {
            let mut contents = Vec::new();
            let mut cursor = 0_u64;
            loop {
                let (next, keys): (u64, Vec<Vec<u8>>) = redis::cmd("SCAN")
                    .arg(cursor)
                    .arg("MATCH")
                    .arg(&pattern)
                    .arg("COUNT")
                    .arg(1000)
                    .query(connection)?;
                for key in keys {
                    let kind: String = redis::cmd("TYPE").arg(&key).query(connection)?;
                    let mut items: Vec<Vec<u8>> = match kind.as_str() {
                        "string" => vec![redis::cmd("GET").arg(&key).query(connection)?],
                        "hash" => redis::cmd("HGETALL").arg(&key).query(connection)?,
                        "set" => redis::cmd("SMEMBERS").arg(&key).query(connection)?,
                        "zset" => redis::cmd("ZRANGE")
                            .arg(&key)
                            .arg(0)
                            .arg(-1)
                            .query(connection)?,
                        "list" => redis::cmd("LRANGE")
                            .arg(&key)
                            .arg(0)
                            .arg(-1)
                            .query(connection)?,
                        _ => redis::cmd("DUMP").arg(&key).query(connection)?,
                    };
                    contents.push(key);
                    contents.append(&mut items);
                }
                if next == 0 {
                    return Ok(contents);
                }
                cursor = next;
            }
        })
    }

    fn key(&self, name: &str) -> String {
        format!("{}{name}", self.base)
    }

    /// Appends `record` to the operator-record list `name` as "account hash
    /// hex ++ JSON", so that `forget_account` finds the account's entries
    /// without parsing them.
    fn append_operator_record(
        &self,
        name: &str,
        account: &HashedId,
        record: &impl Serialize,
    ) -> Result<(), StoreError> {
        let mut entry = hex(account.as_bytes()).into_bytes();
        entry.extend_from_slice(&to_json(record)?);
        let list_key = self.key(name);
        self.run(|connection| {
            redis::cmd("RPUSH")
                .arg(&list_key)
                .arg(entry)
                .exec(connection)
        })
    }

    /// Returns the records of the operator-record list `name`, oldest first.
    fn operator_records<T: DeserializeOwned>(&self, name: &str) -> Result<Vec<T>, StoreError> {
        let list_key = self.key(name);
        let entries: Vec<Vec<u8>> = self.run(|connection| {
            redis::cmd("LRANGE")
                .arg(&list_key)
                .arg(0)
                .arg(-1)
                .query(connection)
        })?;
        entries
            .iter()
            .map(|entry| from_json(&list_key, entry.get(2 * HASH_LEN..).unwrap_or_default()))
            .collect()
    }

    fn key_bytes(&self, name: &str, suffix: &[u8]) -> Vec<u8> {
        let mut key = Vec::with_capacity(self.base.len() + name.len() + suffix.len());
        key.extend_from_slice(self.base.as_bytes());
        key.extend_from_slice(name.as_bytes());
        key.extend_from_slice(suffix);
        key
    }

    fn run<T>(
        &self,
        body: impl FnOnce(&mut Connection) -> Result<T, RedisError>,
    ) -> Result<T, StoreError> {
        self.connection.with(
            || connect(&self.client, &self.location),
            |connection| body(connection).map_err(|error| map_error(&self.location, &error)),
        )
    }

    fn check_schema_version(&self) -> Result<(), StoreError> {
        let meta = self.key("meta");
        let found: u64 = self.run(|connection| {
            redis::cmd("HSETNX")
                .arg(&meta)
                .arg("schema_version")
                .arg(REDIS_SCHEMA_VERSION)
                .exec(connection)?;
            redis::cmd("HGET")
                .arg(&meta)
                .arg("schema_version")
                .query(connection)
        })?;
        if found > REDIS_SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                location: format!("{} (prefix {})", self.location, self.base),
                found,
                supported: REDIS_SCHEMA_VERSION,
            });
        }
        Ok(())
    }

    /// Returns the hasher of the store's secret, `{prefix}:id_secret`: set
    /// once with `SET NX` (so two processes opening a new store at once
    /// agree on one secret), then read back.
    fn load_or_create_secret(&self) -> Result<IdHasher, StoreError> {
        let key = self.key("id_secret");
        let candidate = crate::secret::new_secret()?;
        let stored: Vec<u8> = self.run(|connection| {
            redis::cmd("SET")
                .arg(&key)
                .arg(candidate.as_slice())
                .arg("NX")
                .exec(connection)?;
            redis::cmd("GET").arg(&key).query(connection)
        })?;
        Ok(IdHasher::new(&crate::secret::secret_from(&key, &stored)?))
    }

    /// Reads a sorted set's members and their values in a hash in one step.
    fn values_by_index(
        &self,
        index_key: &[u8],
        hash_key: &str,
    ) -> Result<Vec<Vec<u8>>, StoreError> {
        self.run(|connection| {
            self.scripts
                .values_by_index
                .key(index_key)
                .key(hash_key)
                .invoke(connection)
        })
    }
}

fn connect(client: &Client, location: &str) -> Result<Connection, StoreError> {
    let connection = client
        .get_connection_with_timeout(CONNECT_TIMEOUT)
        .map_err(|error| map_error(location, &error))?;
    connection
        .set_read_timeout(Some(REPLY_TIMEOUT))
        .and_then(|()| connection.set_write_timeout(Some(REPLY_TIMEOUT)))
        .map_err(|error| map_error(location, &error))?;
    Ok(connection)
}

/// Connection trouble is [`StoreError::Unavailable`] (retry later); any
/// other error the server or client reports is [`StoreError::Server`].
fn map_error(location: &str, error: &RedisError) -> StoreError {
    let reason = error.to_string();
    let transient = matches!(
        error.retry_method(),
        RetryMethod::WaitAndRetry | RetryMethod::RetryImmediately
    );
    if transient
        || error.is_io_error()
        || error.is_connection_dropped()
        || error.is_connection_refusal()
        || error.is_timeout()
        || error.is_unrecoverable_error()
    {
        StoreError::Unavailable {
            backend: BACKEND,
            location: location.to_owned(),
            reason,
        }
    } else {
        StoreError::Server {
            backend: BACKEND,
            location: location.to_owned(),
            reason,
        }
    }
}

impl Store for RedisStore {
    fn id_hasher(&self) -> &IdHasher {
        &self.hasher
    }

    fn put_accounts(&self, accounts: &[Account]) -> Result<(), StoreError> {
        if accounts.is_empty() {
            return Ok(());
        }
        let mut encoded = Vec::with_capacity(accounts.len());
        for account in accounts {
            encoded.push((
                account.account_id.as_str(),
                to_json(account)?,
                account.accounts_center_id.as_ref(),
            ));
        }
        self.run(|connection| {
            let mut invocation = self.scripts.put_accounts.prepare_invoke();
            invocation.arg(&self.base).arg(accounts.len());
            for (id, json, center_opt) in &encoded {
                invocation
                    .arg(*id)
                    .arg(json.as_slice())
                    .arg(center_opt.map_or("", |center| center.as_str()))
                    .arg(if center_opt.is_some() { "1" } else { "0" });
            }
            invocation.invoke::<i64>(connection)
        })?;
        Ok(())
    }

    fn account(&self, account_id: &AccountId) -> Result<Option<Account>, StoreError> {
        let accounts_key = self.key("accounts");
        let found_opt: Option<Vec<u8>> = self.run(|connection| {
            redis::cmd("HGET")
                .arg(&accounts_key)
                .arg(account_id.as_str())
                .query(connection)
        })?;
        found_opt
            .map(|bytes| from_json(&format!("{accounts_key}/{}", account_id.as_str()), &bytes))
            .transpose()
    }

    fn accounts_in_center(&self, center: &AccountsCenterId) -> Result<Vec<Account>, StoreError> {
        let index_key = self.key_bytes("center:", center.as_str().as_bytes());
        let accounts_key = self.key("accounts");
        self.values_by_index(&index_key, &accounts_key)?
            .iter()
            .map(|bytes| from_json(&accounts_key, bytes))
            .collect()
    }

    fn account_ids(&self) -> Result<Vec<AccountId>, StoreError> {
        let accounts_key = self.key("accounts");
        let mut ids: Vec<Vec<u8>> =
            self.run(|connection| redis::cmd("HKEYS").arg(&accounts_key).query(connection))?;
        ids.sort_unstable();
        ids.into_iter()
            .map(|id_bytes| {
                String::from_utf8(id_bytes)
                    .map(AccountId::new)
                    .map_err(|_| StoreError::Corrupt {
                        key: accounts_key.clone(),
                        reason: "account id is not UTF-8".to_owned(),
                    })
            })
            .collect()
    }

    fn put_catalog_items(&self, items: &[CatalogItem]) -> Result<(), StoreError> {
        if items.is_empty() {
            return Ok(());
        }
        let catalog_key = self.key("catalog");
        let mut command = redis::cmd("HSET");
        command.arg(&catalog_key);
        for item in items {
            command.arg(item.item_id.as_str()).arg(to_json(item)?);
        }
        self.run(|connection| command.exec(connection))
    }

    fn catalog_item(&self, item_id: &ItemId) -> Result<Option<CatalogItem>, StoreError> {
        let catalog_key = self.key("catalog");
        let found_opt: Option<Vec<u8>> = self.run(|connection| {
            redis::cmd("HGET")
                .arg(&catalog_key)
                .arg(item_id.as_str())
                .query(connection)
        })?;
        found_opt
            .map(|bytes| from_json(&format!("{catalog_key}/{}", item_id.as_str()), &bytes))
            .transpose()
    }

    /// Reads the whole catalog hash and sorts it here, like the embedded
    /// store: catalogs are small next to signals.
    fn catalog_items(&self, kind: Option<ItemKind>) -> Result<Vec<CatalogItem>, StoreError> {
        let catalog_key = self.key("catalog");
        let mut entries: Vec<(Vec<u8>, Vec<u8>)> =
            self.run(|connection| redis::cmd("HGETALL").arg(&catalog_key).query(connection))?;
        entries.sort_unstable();
        let mut items = Vec::with_capacity(entries.len());
        for (_, bytes) in entries {
            let item: CatalogItem = from_json(&catalog_key, &bytes)?;
            if kind.is_none_or(|wanted| item.kind == wanted) {
                items.push(item);
            }
        }
        Ok(items)
    }

    fn record_account_move(&self, record: &AccountMoveRecord) -> Result<(), StoreError> {
        self.append_operator_record("account_moves", &record.account, record)
    }

    fn account_moves(&self) -> Result<Vec<AccountMoveRecord>, StoreError> {
        self.operator_records("account_moves")
    }

    fn record_settings_override(&self, record: &SettingsOverrideRecord) -> Result<(), StoreError> {
        self.append_operator_record("settings_overrides", &record.account, record)
    }

    fn settings_overrides(&self) -> Result<Vec<SettingsOverrideRecord>, StoreError> {
        self.operator_records("settings_overrides")
    }

    fn has_event(&self, event: &HashedId) -> Result<bool, StoreError> {
        let seen_key = self.key("seen");
        self.run(|connection| {
            redis::cmd("HEXISTS")
                .arg(&seen_key)
                .arg(event.as_bytes().as_slice())
                .query(connection)
        })
    }

    fn check_event(
        &self,
        event: &HashedId,
        digest: &EventDigest,
    ) -> Result<EventCheck, StoreError> {
        let seen_key = self.key("seen");
        let stored_opt: Option<Vec<u8>> = self.run(|connection| {
            redis::cmd("HGET")
                .arg(&seen_key)
                .arg(event.as_bytes().as_slice())
                .query(connection)
        })?;
        Ok(match stored_opt {
            None => EventCheck::New,
            Some(value) => EventCheck::of_stored(
                value.get(HASH_LEN..).filter(|digest| !digest.is_empty()),
                digest,
            ),
        })
    }

    fn commit_events(&self, outcomes: &[EventOutcome]) -> Result<CommitReport, StoreError> {
        if outcomes.is_empty() {
            return Ok(CommitReport::default());
        }
        let mut invocation = self.scripts.commit_events.prepare_invoke();
        invocation.arg(&self.base).arg(outcomes.len());
        for outcome in outcomes {
            outcome.debug_assert_consistent(&self.hasher);
            let account_hash = outcome.account_id.hashed(&self.hasher);
            let mut seen_value = Vec::with_capacity(HASH_LEN + EventDigest::LEN);
            seen_value.extend_from_slice(account_hash.as_bytes());
            seen_value.extend_from_slice(outcome.digest.as_bytes());
            invocation
                .arg(outcome.event.as_bytes().as_slice())
                .arg(seen_value)
                .arg(hex(account_hash.as_bytes()))
                .arg(outcome.account_id.as_str())
                .arg(to_json(&outcome.audit)?)
                .arg(outcome.signals.len());
            for signal in &outcome.signals {
                let mut value = Vec::with_capacity(TIME_LEN + 256);
                value.extend_from_slice(&time_bytes(signal.at));
                value.extend_from_slice(&to_json(signal)?);
                invocation
                    .arg(signal_field(&outcome.event, signal.topic))
                    .arg(value);
            }
        }
        let (committed, already_present, conflicting): (i64, i64, Vec<Vec<u8>>) =
            self.run(|connection| invocation.invoke(connection))?;
        let conflicting = conflicting
            .iter()
            .map(|bytes| {
                <[u8; HASH_LEN]>::try_from(bytes.as_slice())
                    .map(HashedId::from_bytes)
                    .map_err(|_| StoreError::Corrupt {
                        key: self.key("seen"),
                        reason: "malformed event hash".to_owned(),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CommitReport {
            committed: count(committed),
            already_present: count(already_present),
            conflicting,
        })
    }

    fn signals_of(&self, account_id: &AccountId) -> Result<Vec<Signal>, StoreError> {
        let signals_key = self.key_bytes("signals:", account_id.as_str().as_bytes());
        let mut entries: Vec<(Vec<u8>, Vec<u8>)> =
            self.run(|connection| redis::cmd("HGETALL").arg(&signals_key).query(connection))?;
        // Fields are event hash ++ topic BE: byte order is the contract's.
        entries.sort_unstable();
        entries
            .iter()
            .map(|(_, value)| {
                let key = || String::from_utf8_lossy(&signals_key).into_owned();
                let json = value.get(TIME_LEN..).ok_or_else(|| StoreError::Corrupt {
                    key: key(),
                    reason: "signal value shorter than its time prefix".to_owned(),
                })?;
                from_json(&key(), json)
            })
            .collect()
    }

    fn audit_of(&self, account_id: &AccountId) -> Result<Vec<AuditRecord>, StoreError> {
        let index_key = self.key(&format!(
            "audit_of:{}",
            hex(account_id.hashed(&self.hasher).as_bytes())
        ));
        let audit_key = self.key("audit");
        self.values_by_index(index_key.as_bytes(), &audit_key)?
            .iter()
            .map(|bytes| from_json(&audit_key, bytes))
            .collect()
    }

    /// Pages through `audit_order` (512 records a round trip);
    /// a record forgotten while the walk is under way is skipped.
    fn for_each_audit_record(&self, visit: &mut dyn FnMut(&AuditRecord)) -> Result<(), StoreError> {
        let order_key = self.key("audit_order");
        let audit_key = self.key("audit");
        let mut after = String::from("-inf");
        loop {
            let sequences: Vec<String> = self.run(|connection| {
                redis::cmd("ZRANGE")
                    .arg(&order_key)
                    .arg(&after)
                    .arg("+inf")
                    .arg("BYSCORE")
                    .arg("LIMIT")
                    .arg(0)
                    .arg(AUDIT_PAGE)
                    .query(connection)
            })?;
            let Some(last) = sequences.last() else {
                return Ok(());
            };
            let records: Vec<Option<Vec<u8>>> = self.run(|connection| {
                redis::cmd("HMGET")
                    .arg(&audit_key)
                    .arg(&sequences)
                    .query(connection)
            })?;
            for bytes in records.iter().flatten() {
                let record: AuditRecord = from_json(&audit_key, bytes)?;
                visit(&record);
            }
            if sequences.len() < AUDIT_PAGE {
                return Ok(());
            }
            after = format!("({last}");
        }
    }

    fn forget_account(&self, account_id: &AccountId) -> Result<ForgetReport, StoreError> {
        let (account_removed, signals, audit_records, events): (i64, i64, i64, i64) =
            self.run(|connection| {
                self.scripts
                    .forget_account
                    .prepare_invoke()
                    .arg(&self.base)
                    .arg(account_id.as_str())
                    .arg(hex(account_id.hashed(&self.hasher).as_bytes()))
                    .invoke(connection)
            })?;
        Ok(ForgetReport {
            account_removed: account_removed == 1,
            signals_removed: count(signals),
            audit_records_removed: count(audit_records),
            events_removed: count(events),
        })
    }

    fn expire_signals(&self, cutoff: Timestamp) -> Result<usize, StoreError> {
        let expired: i64 = self.run(|connection| {
            self.scripts
                .expire_signals
                .prepare_invoke()
                .arg(&self.base)
                .arg(time_bytes(cutoff).as_slice())
                .invoke(connection)
        })?;
        Ok(count(expired))
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        let (accounts, catalog_items, events, signals, audit_records, tombstones): (
            i64,
            i64,
            i64,
            i64,
            i64,
            Option<u64>,
        ) = self.run(|connection| {
            redis::pipe()
                .atomic()
                .cmd("HLEN")
                .arg(self.key("accounts"))
                .cmd("HLEN")
                .arg(self.key("catalog"))
                .cmd("HLEN")
                .arg(self.key("seen"))
                .cmd("ZCARD")
                .arg(self.key("signal_times"))
                .cmd("HLEN")
                .arg(self.key("audit"))
                .cmd("HGET")
                .arg(self.key("meta"))
                .arg("tombstones")
                .query(connection)
        })?;
        Ok(StoreStats {
            accounts: count(accounts),
            catalog_items: count(catalog_items),
            events: count(events),
            signals: count(signals),
            audit_records: count(audit_records),
            tombstones: tombstones.unwrap_or(0),
        })
    }
}
