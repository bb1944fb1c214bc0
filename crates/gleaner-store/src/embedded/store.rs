//! [`EmbeddedStore`]: the [`Store`] trait on one redb database file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use gleaner_core::{
    Account, AccountId, AccountMoveRecord, AccountsCenterId, AuditRecord, CatalogItem, EventDigest,
    HashedId, IdHasher, ItemId, ItemKind, SettingsOverrideRecord, Signal, Timestamp, ID_SECRET_LEN,
};
use redb::{
    Database, Durability, ReadTransaction, ReadableDatabase, ReadableTable, ReadableTableMetadata,
    TableDefinition, TableHandle, WriteTransaction,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::keys;
use crate::error::StoreError;
use crate::store::{CommitReport, EventCheck, EventOutcome, ForgetReport, Store, StoreStats};

/// The name of the database file inside the store directory.
pub const DATABASE_FILE_NAME: &str = "gleaner.redb";

/// The file holding the store's id secret (32 random bytes, mode 0600),
/// beside the database file and never inside it, so that a copy of the
/// database handed to someone does not carry the key of its hashes.
pub const ID_SECRET_FILE_NAME: &str = "id-secret";

/// Where [`EmbeddedStore`] writes the fresh copy of its database after an
/// erasure, before renaming it over [`DATABASE_FILE_NAME`].
const REWRITE_FILE_NAME: &str = "gleaner.redb.rewrite";

/// The layout version this build writes and reads. A store with a larger
/// version is refused with [`StoreError::SchemaTooNew`] and left untouched.
pub const SCHEMA_VERSION: u64 = 1;

type BytesTable = TableDefinition<'static, &'static [u8], &'static [u8]>;
type IndexTable = TableDefinition<'static, &'static [u8], ()>;

const ACCOUNTS: BytesTable = TableDefinition::new("accounts");
const ACCOUNTS_BY_CENTER: IndexTable = TableDefinition::new("accounts_by_center");
const CATALOG: BytesTable = TableDefinition::new("catalog");
const SEEN_EVENTS: BytesTable = TableDefinition::new("seen_events");
const EVENTS_BY_ACCOUNT: IndexTable = TableDefinition::new("events_by_account");
const SIGNALS: BytesTable = TableDefinition::new("signals");
const SIGNALS_BY_TIME: IndexTable = TableDefinition::new("signals_by_time");
const AUDIT: BytesTable = TableDefinition::new("audit");
const AUDIT_ORDER: TableDefinition<'static, u64, &'static [u8]> =
    TableDefinition::new("audit_order");
/// A table of operator records: append sequence → record JSON.
type OperatorRecordTable = TableDefinition<'static, u64, &'static [u8]>;

const ACCOUNT_MOVES: OperatorRecordTable = TableDefinition::new("account_moves");
const SETTINGS_OVERRIDES: OperatorRecordTable = TableDefinition::new("settings_overrides");
const META: TableDefinition<'static, &'static str, u64> = TableDefinition::new("meta");

const META_SCHEMA_VERSION: &str = "schema_version";
const META_NEXT_AUDIT_SEQUENCE: &str = "next_audit_sequence";
const META_TOMBSTONES: &str = "tombstones";
/// Set (to 1) in the transaction that erases an account, and absent from
/// the rewritten file: a store opened with it set was stopped between the
/// erasure and the rewrite, and is rewritten before anything else.
const META_REWRITE_PENDING: &str = "rewrite_pending";
/// The first 8 bytes of the id hasher's hash of [`SECRET_CHECK_INPUT`]:
/// opening the store with another secret (a lost or swapped `id-secret`
/// file) is refused instead of silently orphaning every stored hash.
const META_SECRET_CHECK: &str = "id_secret_check";
const SECRET_CHECK_INPUT: &str = "gleaner id secret check";

/// The default backend: a directory holding one redb file,
/// [`DATABASE_FILE_NAME`].
///
/// Every trait method is one redb transaction; writes commit with
/// [`Durability::Immediate`] (one fsync per call, which is why callers should
/// pass whole batches to [`Store::commit_events`]). Values are JSON for
/// debuggability. Cloning is not offered: share it behind an `Arc`.
///
/// # Erasure
///
/// redb frees the pages of deleted data but does not overwrite them, so
/// after [`Store::forget_account`] the old bytes would stay in the file.
/// Every erasure that removed something is therefore followed by a
/// rewrite: the live data is copied into a fresh file
/// (`gleaner.redb.rewrite`, committed with an fsync), which is renamed
/// over `gleaner.redb` (then the directory is fsynced), and the old file,
/// unlinked, is closed. No file of the store directory then holds a byte
/// of the erased account. A crash before the rename leaves the old file,
/// whose erasure transaction set `rewrite_pending`; the next open finishes
/// the rewrite (and removes a half-written copy) before anything else.
/// The rewrite costs a copy of the live data (linear in its size) and
/// holds every other call of this store until it is done.
pub struct EmbeddedStore {
    /// Behind a lock only so that [`Store::forget_account`] can swap in the
    /// rewritten file (which needs exclusive access); every transaction
    /// takes the shared side just long enough to begin.
    database: std::sync::RwLock<Database>,
    location: PathBuf,
    /// Keyed with the secret in [`ID_SECRET_FILE_NAME`].
    hasher: IdHasher,
    /// Decoded catalog snapshots by kind (see [`Store::catalog_snapshot`]).
    /// Exact, not time-based: this process is the only writer of the file
    /// (redb locks it), and [`Store::put_catalog_items`] empties the cache
    /// after each commit.
    catalog_cache: Mutex<CatalogCache>,
}

/// The catalog snapshots, and how many catalog writes have committed: a
/// snapshot read while a write commits is not kept.
#[derive(Default)]
struct CatalogCache {
    generation: u64,
    by_kind: BTreeMap<ItemKind, Arc<[CatalogItem]>>,
}

impl std::fmt::Debug for EmbeddedStore {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("EmbeddedStore")
            .field("location", &self.location)
            .finish_non_exhaustive()
    }
}

fn backend_error(error: impl Into<redb::Error>) -> StoreError {
    StoreError::Backend(error.into().to_string())
}

fn to_json(value: &impl Serialize) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(|error| StoreError::Backend(format!("encode: {error}")))
}

fn from_json<T: DeserializeOwned>(table: &str, key: &[u8], bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|error| StoreError::Corrupt {
        key: format!("{table}/{}", String::from_utf8_lossy(key)),
        reason: error.to_string(),
    })
}

fn corrupt_key(table: &str, key: &[u8]) -> StoreError {
    StoreError::Corrupt {
        key: format!("{table}/{}", String::from_utf8_lossy(key)),
        reason: "malformed key".to_owned(),
    }
}

fn to_count(length: u64) -> usize {
    usize::try_from(length).unwrap_or(usize::MAX)
}

/// Collects the keys of `table` that start with `prefix`, in order.
fn keys_with_prefix<V: redb::Value + 'static>(
    table: &impl ReadableTable<&'static [u8], V>,
    prefix: &[u8],
) -> Result<Vec<Vec<u8>>, StoreError> {
    let mut found_keys = Vec::new();
    for entry in table.range(prefix..).map_err(backend_error)? {
        let (key_guard, _) = entry.map_err(backend_error)?;
        let key = key_guard.value();
        if !key.starts_with(prefix) {
            break;
        }
        found_keys.push(key.to_vec());
    }
    Ok(found_keys)
}

/// Decodes every value of `table` under `prefix`, in key order.
fn values_with_prefix<T: DeserializeOwned>(
    table: &impl ReadableTable<&'static [u8], &'static [u8]>,
    table_name: &str,
    prefix: &[u8],
) -> Result<Vec<T>, StoreError> {
    let mut values = Vec::new();
    for entry in table.range(prefix..).map_err(backend_error)? {
        let (key_guard, value_guard) = entry.map_err(backend_error)?;
        let key = key_guard.value();
        if !key.starts_with(prefix) {
            break;
        }
        values.push(from_json(table_name, key, value_guard.value())?);
    }
    Ok(values)
}

impl EmbeddedStore {
    /// Opens the store in `directory`, creating the directory and the
    /// database file when missing.
    ///
    /// Fails with [`StoreError::SchemaTooNew`] when the file was written by a
    /// newer layout, and with [`StoreError::Open`] when the directory cannot
    /// be created or the file is locked by another process.
    pub fn open(directory: &Path) -> Result<Self, StoreError> {
        let location_text = directory.display().to_string();
        let open_error = |reason: String| StoreError::Open {
            location: location_text.clone(),
            reason,
        };
        fs::create_dir_all(directory).map_err(|error| open_error(error.to_string()))?;
        // The database first: redb locks the file, so from here on this
        // process is the store's only user (no other one is creating the
        // secret or rewriting the file).
        let database = Database::create(directory.join(DATABASE_FILE_NAME))
            .map_err(|error| open_error(error.to_string()))?;
        // A copy left by a rewrite that a crash interrupted holds only live
        // data, and the pending flag redoes the rewrite below.
        remove_if_present(&directory.join(REWRITE_FILE_NAME))
            .map_err(|error| open_error(error.to_string()))?;
        let secret = load_or_create_secret(directory).map_err(open_error)?;
        let store = Self {
            database: std::sync::RwLock::new(database),
            location: directory.to_path_buf(),
            hasher: IdHasher::new(&secret),
            catalog_cache: Mutex::new(CatalogCache::default()),
        };
        let rewrite_pending = store.initialize_schema()?;
        if rewrite_pending {
            store.rewrite_database()?;
        }
        Ok(store)
    }

    /// Returns the directory this store lives in.
    pub fn location(&self) -> &Path {
        &self.location
    }

    /// Creates every table, checks or records the schema version and the
    /// secret check; returns whether an erasure's rewrite is pending.
    fn initialize_schema(&self) -> Result<bool, StoreError> {
        self.write(|transaction| {
            let mut meta = transaction.open_table(META).map_err(backend_error)?;
            let check = secret_check(&self.hasher);
            let found_check_opt = meta
                .get(META_SECRET_CHECK)
                .map_err(backend_error)?
                .map(|guard| guard.value());
            match found_check_opt {
                Some(found) if found != check => {
                    return Err(StoreError::Open {
                        location: self.location.display().to_string(),
                        reason: format!(
                            "`{ID_SECRET_FILE_NAME}` is not the secret this store's ids were \
                             hashed with (restore the store's own `{ID_SECRET_FILE_NAME}`)"
                        ),
                    });
                }
                Some(_) => {}
                None => {
                    meta.insert(META_SECRET_CHECK, check)
                        .map_err(backend_error)?;
                }
            }
            let found_version_opt = meta
                .get(META_SCHEMA_VERSION)
                .map_err(backend_error)?
                .map(|guard| guard.value());
            if let Some(found_version) = found_version_opt {
                if found_version > SCHEMA_VERSION {
                    return Err(StoreError::SchemaTooNew {
                        location: self.location.display().to_string(),
                        found: found_version,
                        supported: SCHEMA_VERSION,
                    });
                }
            } else {
                meta.insert(META_SCHEMA_VERSION, SCHEMA_VERSION)
                    .map_err(backend_error)?;
            }
            for definition in [ACCOUNTS, CATALOG, SEEN_EVENTS, SIGNALS, AUDIT] {
                transaction.open_table(definition).map_err(backend_error)?;
            }
            for definition in [ACCOUNTS_BY_CENTER, EVENTS_BY_ACCOUNT, SIGNALS_BY_TIME] {
                transaction.open_table(definition).map_err(backend_error)?;
            }
            transaction.open_table(AUDIT_ORDER).map_err(backend_error)?;
            for definition in [ACCOUNT_MOVES, SETTINGS_OVERRIDES] {
                transaction.open_table(definition).map_err(backend_error)?;
            }
            Ok(read_meta(&meta, META_REWRITE_PENDING)? != 0)
        })
    }

    /// Runs `body` in one write transaction committed with
    /// [`Durability::Immediate`]; an error aborts everything `body` wrote.
    ///
    /// Holds the shared side of the lock until the commit, so that a
    /// rewrite (which takes the exclusive side) never copies the file while
    /// a write to it is under way, which would lose that write.
    fn write<T>(
        &self,
        body: impl FnOnce(&WriteTransaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let database = self
            .database
            .read()
            .map_err(|_| StoreError::Backend("store lock poisoned".to_owned()))?;
        let mut transaction = database.begin_write().map_err(backend_error)?;
        transaction
            .set_durability(Durability::Immediate)
            .map_err(backend_error)?;
        let result = body(&transaction)?;
        transaction.commit().map_err(backend_error)?;
        Ok(result)
    }

    /// Replaces the database file with a fresh copy of its live data (see
    /// "Erasure" on [`EmbeddedStore`]): write the copy, fsync it, rename it
    /// over the old file, fsync the directory, then close the old file.
    ///
    /// Holds the store's lock throughout, so no transaction begins on the
    /// old file meanwhile; a read transaction begun before keeps reading
    /// the old file's snapshot, which redb closes once it ends.
    fn rewrite_database(&self) -> Result<(), StoreError> {
        let mut database = self
            .database
            .write()
            .map_err(|_| StoreError::Backend("store lock poisoned".to_owned()))?;
        let rewrite_error =
            |reason: String| StoreError::Backend(format!("rewrite after an erasure: {reason}"));
        let temporary = self.location.join(REWRITE_FILE_NAME);
        remove_if_present(&temporary).map_err(|error| rewrite_error(error.to_string()))?;
        let fresh =
            Database::create(&temporary).map_err(|error| rewrite_error(error.to_string()))?;
        {
            let source = database.begin_read().map_err(backend_error)?;
            copy_live_tables(&source, &fresh, REWRITE_CHUNK)?;
        }
        fs::rename(&temporary, self.location.join(DATABASE_FILE_NAME))
            .and_then(|()| sync_directory(&self.location))
            .map_err(|error| rewrite_error(error.to_string()))?;
        // The fresh file is locked by `fresh` and now has the store's
        // name; the old one, unlinked, goes when its handle does.
        *database = fresh;
        Ok(())
    }

    /// Appends `record` to an operator-record table (sequence → JSON).
    fn append_operator_record(
        &self,
        definition: OperatorRecordTable,
        record: &impl Serialize,
    ) -> Result<(), StoreError> {
        self.write(|transaction| {
            let mut records = transaction.open_table(definition).map_err(backend_error)?;
            let next = records
                .last()
                .map_err(backend_error)?
                .map_or(0, |(key, _)| key.value() + 1);
            records
                .insert(next, to_json(record)?.as_slice())
                .map_err(backend_error)?;
            Ok(())
        })
    }

    /// Returns the records of an operator-record table, oldest first.
    fn operator_records<T: DeserializeOwned>(
        &self,
        definition: OperatorRecordTable,
    ) -> Result<Vec<T>, StoreError> {
        let transaction = self.read()?;
        let records = transaction.open_table(definition).map_err(backend_error)?;
        let mut decoded = Vec::new();
        for entry in records.iter().map_err(backend_error)? {
            let (key, value) = entry.map_err(backend_error)?;
            decoded.push(from_json(
                definition.name(),
                &key.value().to_be_bytes(),
                value.value(),
            )?);
        }
        Ok(decoded)
    }

    fn read(&self) -> Result<ReadTransaction, StoreError> {
        self.database
            .read()
            .map_err(|_| StoreError::Backend("store lock poisoned".to_owned()))?
            .begin_read()
            .map_err(backend_error)
    }
}

/// Removes the records of one account from an operator-record table (a
/// scan: such records are rare); returns whether any was removed.
fn remove_operator_records_of<T: DeserializeOwned>(
    transaction: &WriteTransaction,
    definition: OperatorRecordTable,
    account_hash: &HashedId,
    account_of: impl Fn(&T) -> &HashedId,
) -> Result<bool, StoreError> {
    let mut records = transaction.open_table(definition).map_err(backend_error)?;
    let mut keys_of_account = Vec::new();
    for entry in records.iter().map_err(backend_error)? {
        let (key, value) = entry.map_err(backend_error)?;
        let record: T = from_json(definition.name(), &key.value().to_be_bytes(), value.value())?;
        if account_of(&record) == account_hash {
            keys_of_account.push(key.value());
        }
    }
    for key in &keys_of_account {
        records.remove(*key).map_err(backend_error)?;
    }
    Ok(!keys_of_account.is_empty())
}

/// The content digest of a `seen_events` value (`None` for a marker
/// written before digests were kept: account hash only).
fn stored_digest(seen_value: &[u8]) -> Option<&[u8]> {
    seen_value
        .get(keys::HASH_LEN..)
        .filter(|digest| !digest.is_empty())
}

fn read_meta(meta: &impl ReadableTable<&'static str, u64>, name: &str) -> Result<u64, StoreError> {
    Ok(meta
        .get(name)
        .map_err(backend_error)?
        .map_or(0, |guard| guard.value()))
}

/// Every table of the store and how to copy it; a rewrite refuses a file
/// with a table missing here rather than drop its contents.
const BYTES_TABLES: [BytesTable; 5] = [ACCOUNTS, CATALOG, SEEN_EVENTS, SIGNALS, AUDIT];
const INDEX_TABLES: [IndexTable; 3] = [ACCOUNTS_BY_CENTER, EVENTS_BY_ACCOUNT, SIGNALS_BY_TIME];

/// Entries copied per transaction of a rewrite: bounds the memory the
/// copy's dirty pages take, whatever the store's size.
const REWRITE_CHUNK: usize = 50_000;

/// Copies every table of `source` into `target`, in transactions of
/// [`REWRITE_CHUNK`] entries committed with an fsync (the copy is not the
/// store until it is renamed, so committing part of it is harmless), and
/// leaves out `rewrite_pending`.
fn copy_live_tables(
    source: &ReadTransaction,
    target: &Database,
    chunk: usize,
) -> Result<(), StoreError> {
    let mut known: Vec<&str> = BYTES_TABLES.iter().map(TableHandle::name).collect();
    known.extend(INDEX_TABLES.iter().map(TableHandle::name));
    known.extend([
        AUDIT_ORDER.name(),
        ACCOUNT_MOVES.name(),
        SETTINGS_OVERRIDES.name(),
        META.name(),
    ]);
    for table in source.list_tables().map_err(backend_error)? {
        if !known.contains(&table.name()) {
            return Err(StoreError::Backend(format!(
                "rewrite after an erasure: table `{}` is unknown to this build; nothing was changed",
                table.name()
            )));
        }
    }
    if source
        .list_multimap_tables()
        .map_err(backend_error)?
        .next()
        .is_some()
    {
        return Err(StoreError::Backend(
            "rewrite after an erasure: the file has a multimap table unknown to this build"
                .to_owned(),
        ));
    }
    for definition in BYTES_TABLES {
        copy_table(source, target, definition, chunk)?;
    }
    for definition in INDEX_TABLES {
        copy_table(source, target, definition, chunk)?;
    }
    copy_table(source, target, AUDIT_ORDER, chunk)?;
    copy_table(source, target, ACCOUNT_MOVES, chunk)?;
    copy_table(source, target, SETTINGS_OVERRIDES, chunk)?;
    copy_table(source, target, META, chunk)?;
    let transaction = immediate_write(target)?;
    transaction
        .open_table(META)
        .map_err(backend_error)?
        .remove(META_REWRITE_PENDING)
        .map_err(backend_error)?;
    transaction.commit().map_err(backend_error)
}

fn immediate_write(database: &Database) -> Result<WriteTransaction, StoreError> {
    let mut transaction = database.begin_write().map_err(backend_error)?;
    transaction
        .set_durability(Durability::Immediate)
        .map_err(backend_error)?;
    Ok(transaction)
}

/// Copies one table in key order, [`REWRITE_CHUNK`] entries a transaction
/// (an empty table is created too).
fn copy_table<K: redb::Key + 'static, V: redb::Value + 'static>(
    source: &ReadTransaction,
    target: &Database,
    definition: TableDefinition<'static, K, V>,
    chunk_size: usize,
) -> Result<(), StoreError> {
    let from = source.open_table(definition).map_err(backend_error)?;
    let mut entries = from.iter().map_err(backend_error)?;
    loop {
        let mut chunk: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        for entry in entries.by_ref().take(chunk_size) {
            let (key, value) = entry.map_err(backend_error)?;
            chunk.push((
                K::as_bytes(&key.value()).as_ref().to_vec(),
                V::as_bytes(&value.value()).as_ref().to_vec(),
            ));
        }
        let transaction = immediate_write(target)?;
        {
            let mut to = transaction.open_table(definition).map_err(backend_error)?;
            for (key, value) in &chunk {
                to.insert(K::from_bytes(key), V::from_bytes(value))
                    .map_err(backend_error)?;
            }
        }
        transaction.commit().map_err(backend_error)?;
        if chunk.len() < chunk_size {
            return Ok(());
        }
    }
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// Makes a rename in `directory` durable.
fn sync_directory(directory: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(directory)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _unused = directory;
        Ok(())
    }
}

/// The value of `id_secret_check` for a hasher.
fn secret_check(hasher: &IdHasher) -> u64 {
    let hash = hasher.hash(SECRET_CHECK_INPUT);
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_be_bytes(first)
}

/// Reads the store's id secret, or creates it (mode 0600: written to a
/// temporary file, fsynced, renamed, directory fsynced) when the store has
/// none: a new store, or one made before ids were keyed (whose hashes
/// written before stay as they were).
fn load_or_create_secret(directory: &Path) -> Result<[u8; ID_SECRET_LEN], String> {
    let path = directory.join(ID_SECRET_FILE_NAME);
    match fs::read(&path) {
        Ok(bytes) => {
            return crate::secret::secret_from(ID_SECRET_FILE_NAME, &bytes)
                .map_err(|error| error.to_string())
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(format!("{ID_SECRET_FILE_NAME}: {error}")),
    }
    let secret = crate::secret::new_secret().map_err(|error| error.to_string())?;
    let temporary = directory.join(format!("{ID_SECRET_FILE_NAME}.tmp"));
    let write = || -> std::io::Result<()> {
        use std::io::Write as _;
        remove_if_present(&temporary)?;
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        let mut file = options.open(&temporary)?;
        file.write_all(&secret)?;
        file.sync_all()?;
        fs::rename(&temporary, &path)?;
        sync_directory(directory)
    };
    write().map_err(|error| format!("creating {ID_SECRET_FILE_NAME}: {error}"))?;
    Ok(secret)
}

impl Store for EmbeddedStore {
    fn id_hasher(&self) -> &IdHasher {
        &self.hasher
    }

    fn put_accounts(&self, accounts: &[Account]) -> Result<(), StoreError> {
        self.write(|transaction| {
            let mut accounts_table = transaction.open_table(ACCOUNTS).map_err(backend_error)?;
            let mut by_center = transaction
                .open_table(ACCOUNTS_BY_CENTER)
                .map_err(backend_error)?;
            for account in accounts {
                let id_bytes = account.account_id.as_str().as_bytes();
                let previous_opt = accounts_table
                    .insert(id_bytes, to_json(account)?.as_slice())
                    .map_err(backend_error)?
                    .map(|guard| guard.value().to_vec());
                if let Some(previous_bytes) = previous_opt {
                    let previous: Account = from_json("accounts", id_bytes, &previous_bytes)?;
                    if let Some(previous_center) = &previous.accounts_center_id {
                        by_center
                            .remove(
                                keys::center_key(previous_center, &account.account_id).as_slice(),
                            )
                            .map_err(backend_error)?;
                    }
                }
                if let Some(center) = &account.accounts_center_id {
                    by_center
                        .insert(keys::center_key(center, &account.account_id).as_slice(), ())
                        .map_err(backend_error)?;
                }
            }
            Ok(())
        })
    }

    fn account(&self, account_id: &AccountId) -> Result<Option<Account>, StoreError> {
        let transaction = self.read()?;
        let accounts_table = transaction.open_table(ACCOUNTS).map_err(backend_error)?;
        let id_bytes = account_id.as_str().as_bytes();
        let found_opt = accounts_table.get(id_bytes).map_err(backend_error)?;
        found_opt
            .map(|guard| from_json("accounts", id_bytes, guard.value()))
            .transpose()
    }

    fn accounts_in_center(&self, center: &AccountsCenterId) -> Result<Vec<Account>, StoreError> {
        let transaction = self.read()?;
        let by_center = transaction
            .open_table(ACCOUNTS_BY_CENTER)
            .map_err(backend_error)?;
        let accounts_table = transaction.open_table(ACCOUNTS).map_err(backend_error)?;
        let prefix = keys::center_prefix(center);
        let mut accounts = Vec::new();
        for index_key in keys_with_prefix(&by_center, &prefix)? {
            let id_bytes = &index_key[prefix.len()..];
            let Some(guard) = accounts_table.get(id_bytes).map_err(backend_error)? else {
                return Err(corrupt_key("accounts_by_center", &index_key));
            };
            accounts.push(from_json("accounts", id_bytes, guard.value())?);
        }
        Ok(accounts)
    }

    fn account_ids(&self) -> Result<Vec<AccountId>, StoreError> {
        let transaction = self.read()?;
        let accounts_table = transaction.open_table(ACCOUNTS).map_err(backend_error)?;
        let mut account_ids = Vec::new();
        for entry in accounts_table.iter().map_err(backend_error)? {
            let (key_guard, _) = entry.map_err(backend_error)?;
            let key = key_guard.value();
            let id_text = std::str::from_utf8(key).map_err(|_| corrupt_key("accounts", key))?;
            account_ids.push(AccountId::new(id_text));
        }
        Ok(account_ids)
    }

    fn record_account_move(&self, record: &AccountMoveRecord) -> Result<(), StoreError> {
        self.append_operator_record(ACCOUNT_MOVES, record)
    }

    fn account_moves(&self) -> Result<Vec<AccountMoveRecord>, StoreError> {
        self.operator_records(ACCOUNT_MOVES)
    }

    fn record_settings_override(&self, record: &SettingsOverrideRecord) -> Result<(), StoreError> {
        self.append_operator_record(SETTINGS_OVERRIDES, record)
    }

    fn settings_overrides(&self) -> Result<Vec<SettingsOverrideRecord>, StoreError> {
        self.operator_records(SETTINGS_OVERRIDES)
    }

    fn put_catalog_items(&self, items: &[CatalogItem]) -> Result<(), StoreError> {
        let written = self.write(|transaction| {
            let mut catalog = transaction.open_table(CATALOG).map_err(backend_error)?;
            for item in items {
                catalog
                    .insert(item.item_id.as_str().as_bytes(), to_json(item)?.as_slice())
                    .map_err(backend_error)?;
            }
            Ok(())
        });
        // Also after a failed write: whether it committed is not known.
        let mut cache = self.catalog_cache.lock().expect("catalog cache lock");
        cache.generation += 1;
        cache.by_kind.clear();
        written
    }

    fn catalog_item(&self, item_id: &ItemId) -> Result<Option<CatalogItem>, StoreError> {
        let transaction = self.read()?;
        let catalog = transaction.open_table(CATALOG).map_err(backend_error)?;
        let id_bytes = item_id.as_str().as_bytes();
        let found_opt = catalog.get(id_bytes).map_err(backend_error)?;
        found_opt
            .map(|guard| from_json("catalog", id_bytes, guard.value()))
            .transpose()
    }

    /// Decodes the catalog of one kind once and keeps it until the next
    /// catalog write; every `recommend` reads it.
    fn catalog_snapshot(&self, kind: ItemKind) -> Result<Arc<[CatalogItem]>, StoreError> {
        let generation_before = {
            let cache = self.catalog_cache.lock().expect("catalog cache lock");
            if let Some(snapshot) = cache.by_kind.get(&kind) {
                return Ok(Arc::clone(snapshot));
            }
            cache.generation
        };
        let snapshot: Arc<[CatalogItem]> = self.catalog_items(Some(kind))?.into();
        let mut cache = self.catalog_cache.lock().expect("catalog cache lock");
        if cache.generation == generation_before {
            cache.by_kind.insert(kind, Arc::clone(&snapshot));
        }
        Ok(snapshot)
    }

    /// Scans the whole catalog and filters by kind: catalogs are small next to
    /// signals, and a kind index would be one more table to keep in step.
    fn catalog_items(&self, kind: Option<ItemKind>) -> Result<Vec<CatalogItem>, StoreError> {
        let transaction = self.read()?;
        let catalog = transaction.open_table(CATALOG).map_err(backend_error)?;
        let all_items: Vec<CatalogItem> = values_with_prefix(&catalog, "catalog", &[])?;
        Ok(all_items
            .into_iter()
            .filter(|item| kind.is_none_or(|wanted| item.kind == wanted))
            .collect())
    }

    fn has_event(&self, event: &HashedId) -> Result<bool, StoreError> {
        let transaction = self.read()?;
        let seen_events = transaction.open_table(SEEN_EVENTS).map_err(backend_error)?;
        Ok(seen_events
            .get(event.as_bytes().as_slice())
            .map_err(backend_error)?
            .is_some())
    }

    fn check_event(
        &self,
        event: &HashedId,
        digest: &EventDigest,
    ) -> Result<EventCheck, StoreError> {
        let transaction = self.read()?;
        let seen_events = transaction.open_table(SEEN_EVENTS).map_err(backend_error)?;
        let found_opt = seen_events
            .get(event.as_bytes().as_slice())
            .map_err(backend_error)?;
        Ok(match found_opt {
            None => EventCheck::New,
            Some(guard) => EventCheck::of_stored(stored_digest(guard.value()), digest),
        })
    }

    fn commit_events(&self, outcomes: &[EventOutcome]) -> Result<CommitReport, StoreError> {
        self.write(|transaction| {
            let mut seen_events = transaction.open_table(SEEN_EVENTS).map_err(backend_error)?;
            let mut events_by_account = transaction
                .open_table(EVENTS_BY_ACCOUNT)
                .map_err(backend_error)?;
            let mut signals = transaction.open_table(SIGNALS).map_err(backend_error)?;
            let mut signals_by_time = transaction
                .open_table(SIGNALS_BY_TIME)
                .map_err(backend_error)?;
            let mut audit = transaction.open_table(AUDIT).map_err(backend_error)?;
            let mut audit_order = transaction.open_table(AUDIT_ORDER).map_err(backend_error)?;
            let mut meta = transaction.open_table(META).map_err(backend_error)?;
            let mut next_audit_sequence = read_meta(&meta, META_NEXT_AUDIT_SEQUENCE)?;
            let mut report = CommitReport::default();
            for outcome in outcomes {
                let event_bytes = outcome.event.as_bytes().as_slice();
                // The seen table is written as we go, so a repeat inside the
                // batch is found here too.
                let check_opt = seen_events
                    .get(event_bytes)
                    .map_err(backend_error)?
                    .map(|guard| {
                        EventCheck::of_stored(stored_digest(guard.value()), &outcome.digest)
                    });
                match check_opt {
                    Some(EventCheck::OtherContent) => {
                        report.conflicting.push(outcome.event);
                        continue;
                    }
                    Some(_) => {
                        report.already_present += 1;
                        continue;
                    }
                    None => {}
                }
                outcome.debug_assert_consistent(&self.hasher);
                let account_hash = outcome.account_id.hashed(&self.hasher);
                let mut seen_value = [0u8; keys::HASH_LEN + EventDigest::LEN];
                seen_value[..keys::HASH_LEN].copy_from_slice(account_hash.as_bytes());
                seen_value[keys::HASH_LEN..].copy_from_slice(outcome.digest.as_bytes());
                seen_events
                    .insert(event_bytes, seen_value.as_slice())
                    .map_err(backend_error)?;
                events_by_account
                    .insert(
                        keys::account_event_key(&account_hash, &outcome.event).as_slice(),
                        (),
                    )
                    .map_err(backend_error)?;
                for signal in &outcome.signals {
                    let signal_key =
                        keys::signal_key(&outcome.account_id, &outcome.event, signal.topic);
                    let replaced_opt = signals
                        .insert(signal_key.as_slice(), to_json(signal)?.as_slice())
                        .map_err(backend_error)?
                        .map(|guard| guard.value().to_vec());
                    // Two signals of one event with the same topic: the last
                    // one wins, and its predecessor's time index entry goes.
                    if let Some(replaced_bytes) = replaced_opt {
                        let replaced: Signal = from_json("signals", &signal_key, &replaced_bytes)?;
                        signals_by_time
                            .remove(keys::signal_time_key(replaced.at, &signal_key).as_slice())
                            .map_err(backend_error)?;
                    }
                    signals_by_time
                        .insert(keys::signal_time_key(signal.at, &signal_key).as_slice(), ())
                        .map_err(backend_error)?;
                }
                let sequence = next_audit_sequence;
                next_audit_sequence += 1;
                audit
                    .insert(
                        keys::audit_key(&account_hash, sequence).as_slice(),
                        to_json(&outcome.audit)?.as_slice(),
                    )
                    .map_err(backend_error)?;
                audit_order
                    .insert(sequence, account_hash.as_bytes().as_slice())
                    .map_err(backend_error)?;
                report.committed += 1;
            }
            meta.insert(META_NEXT_AUDIT_SEQUENCE, next_audit_sequence)
                .map_err(backend_error)?;
            Ok(report)
        })
    }

    fn signals_of(&self, account_id: &AccountId) -> Result<Vec<Signal>, StoreError> {
        let transaction = self.read()?;
        let signals = transaction.open_table(SIGNALS).map_err(backend_error)?;
        values_with_prefix(&signals, "signals", &keys::signal_prefix(account_id))
    }

    fn audit_of(&self, account_id: &AccountId) -> Result<Vec<AuditRecord>, StoreError> {
        let transaction = self.read()?;
        let audit = transaction.open_table(AUDIT).map_err(backend_error)?;
        values_with_prefix(&audit, "audit", account_id.hashed(&self.hasher).as_bytes())
    }

    fn for_each_audit_record(&self, visit: &mut dyn FnMut(&AuditRecord)) -> Result<(), StoreError> {
        let transaction = self.read()?;
        let audit = transaction.open_table(AUDIT).map_err(backend_error)?;
        let audit_order = transaction.open_table(AUDIT_ORDER).map_err(backend_error)?;
        for entry in audit_order.iter().map_err(backend_error)? {
            let (sequence_guard, account_guard) = entry.map_err(backend_error)?;
            let sequence = sequence_guard.value();
            let account_hash = keys::hash_from(account_guard.value())
                .ok_or_else(|| corrupt_key("audit_order", &sequence.to_be_bytes()))?;
            let audit_key = keys::audit_key(&account_hash, sequence);
            let Some(record_guard) = audit.get(audit_key.as_slice()).map_err(backend_error)? else {
                return Err(corrupt_key("audit_order", &sequence.to_be_bytes()));
            };
            let record: AuditRecord = from_json("audit", &audit_key, record_guard.value())?;
            visit(&record);
        }
        Ok(())
    }

    fn forget_account(&self, account_id: &AccountId) -> Result<ForgetReport, StoreError> {
        let account_hash = account_id.hashed(&self.hasher);
        let report = self.write(|transaction| {
            let mut report = ForgetReport::default();

            let mut accounts_table = transaction.open_table(ACCOUNTS).map_err(backend_error)?;
            let id_bytes = account_id.as_str().as_bytes();
            let removed_account_opt = accounts_table
                .remove(id_bytes)
                .map_err(backend_error)?
                .map(|guard| guard.value().to_vec());
            if let Some(removed_bytes) = removed_account_opt {
                report.account_removed = true;
                let removed: Account = from_json("accounts", id_bytes, &removed_bytes)?;
                if let Some(center) = &removed.accounts_center_id {
                    let mut by_center = transaction
                        .open_table(ACCOUNTS_BY_CENTER)
                        .map_err(backend_error)?;
                    by_center
                        .remove(keys::center_key(center, account_id).as_slice())
                        .map_err(backend_error)?;
                }
            }

            let mut signals = transaction.open_table(SIGNALS).map_err(backend_error)?;
            let mut signals_by_time = transaction
                .open_table(SIGNALS_BY_TIME)
                .map_err(backend_error)?;
            for signal_key in keys_with_prefix(&signals, &keys::signal_prefix(account_id))? {
                let removed_opt = signals
                    .remove(signal_key.as_slice())
                    .map_err(backend_error)?
                    .map(|guard| guard.value().to_vec());
                if let Some(removed_bytes) = removed_opt {
                    let removed: Signal = from_json("signals", &signal_key, &removed_bytes)?;
                    signals_by_time
                        .remove(keys::signal_time_key(removed.at, &signal_key).as_slice())
                        .map_err(backend_error)?;
                    report.signals_removed += 1;
                }
            }

            let mut audit = transaction.open_table(AUDIT).map_err(backend_error)?;
            let mut audit_order = transaction.open_table(AUDIT_ORDER).map_err(backend_error)?;
            for audit_key in keys_with_prefix(&audit, account_hash.as_bytes())? {
                let sequence = keys::audit_key_sequence(&audit_key)
                    .ok_or_else(|| corrupt_key("audit", &audit_key))?;
                audit.remove(audit_key.as_slice()).map_err(backend_error)?;
                audit_order.remove(sequence).map_err(backend_error)?;
                report.audit_records_removed += 1;
            }

            // Operator records are rare: a scan of their tables is cheap.
            let moves_removed = remove_operator_records_of::<AccountMoveRecord>(
                transaction,
                ACCOUNT_MOVES,
                &account_hash,
                |record| &record.account,
            )?;
            let overrides_removed = remove_operator_records_of::<SettingsOverrideRecord>(
                transaction,
                SETTINGS_OVERRIDES,
                &account_hash,
                |record| &record.account,
            )?;

            let mut seen_events = transaction.open_table(SEEN_EVENTS).map_err(backend_error)?;
            let mut events_by_account = transaction
                .open_table(EVENTS_BY_ACCOUNT)
                .map_err(backend_error)?;
            for index_key in keys_with_prefix(&events_by_account, account_hash.as_bytes())? {
                let event_bytes = &index_key[keys::HASH_LEN..];
                seen_events.remove(event_bytes).map_err(backend_error)?;
                events_by_account
                    .remove(index_key.as_slice())
                    .map_err(backend_error)?;
                report.events_removed += 1;
            }

            let removed_anything = report.account_removed
                || report.signals_removed > 0
                || report.audit_records_removed > 0
                || report.events_removed > 0
                || moves_removed
                || overrides_removed;
            if removed_anything {
                let mut meta = transaction.open_table(META).map_err(backend_error)?;
                let tombstones = read_meta(&meta, META_TOMBSTONES)?;
                meta.insert(META_TOMBSTONES, tombstones + 1)
                    .map_err(backend_error)?;
                meta.insert(META_REWRITE_PENDING, 1)
                    .map_err(backend_error)?;
            }
            Ok((report, removed_anything))
        })?;
        let (report, removed_anything) = report;
        if removed_anything {
            self.rewrite_database()?;
        }
        Ok(report)
    }

    fn expire_signals(&self, cutoff: Timestamp) -> Result<usize, StoreError> {
        let cutoff_bytes = keys::time_bytes(cutoff);
        self.write(|transaction| {
            let mut signals = transaction.open_table(SIGNALS).map_err(backend_error)?;
            let mut signals_by_time = transaction
                .open_table(SIGNALS_BY_TIME)
                .map_err(backend_error)?;
            // Every index key of a signal at `cutoff` or later is greater than
            // the bare cutoff bytes, so this range is "strictly before".
            let mut expired_index_keys = Vec::new();
            for entry in signals_by_time
                .range(..cutoff_bytes.as_slice())
                .map_err(backend_error)?
            {
                let (key_guard, _) = entry.map_err(backend_error)?;
                expired_index_keys.push(key_guard.value().to_vec());
            }
            for index_key in &expired_index_keys {
                signals_by_time
                    .remove(index_key.as_slice())
                    .map_err(backend_error)?;
                signals
                    .remove(&index_key[keys::TIME_LEN..])
                    .map_err(backend_error)?;
            }
            Ok(expired_index_keys.len())
        })
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        let transaction = self.read()?;
        let length_of = |definition: BytesTable| -> Result<usize, StoreError> {
            let table = transaction.open_table(definition).map_err(backend_error)?;
            Ok(to_count(table.len().map_err(backend_error)?))
        };
        let meta = transaction.open_table(META).map_err(backend_error)?;
        Ok(StoreStats {
            accounts: length_of(ACCOUNTS)?,
            catalog_items: length_of(CATALOG)?,
            events: length_of(SEEN_EVENTS)?,
            signals: length_of(SIGNALS)?,
            audit_records: length_of(AUDIT)?,
            tombstones: read_meta(&meta, META_TOMBSTONES)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use gleaner_core::TopicId;

    use super::*;

    fn item(item_id: &str, kind: ItemKind, title: &str) -> CatalogItem {
        CatalogItem {
            item_id: ItemId::new(item_id),
            kind,
            title: title.to_owned(),
            text: String::new(),
            topics: vec![TopicId(20)],
            advertiser: kind.is_ad().then(|| "adv:test".to_owned()),
        }
    }

    #[test]
    fn catalog_snapshots_are_kept_until_the_next_catalog_write() {
        let directory = tempfile::tempdir().unwrap();
        let store = EmbeddedStore::open(directory.path()).unwrap();
        store
            .put_catalog_items(&[
                item("ad:1", ItemKind::Ad, "first"),
                item("post:1", ItemKind::Post, "a post"),
            ])
            .unwrap();
        let first = store.catalog_snapshot(ItemKind::Ad).unwrap();
        assert_eq!(
            first.as_ref(),
            store.catalog_items(Some(ItemKind::Ad)).unwrap()
        );
        let again = store.catalog_snapshot(ItemKind::Ad).unwrap();
        assert!(
            Arc::ptr_eq(&first, &again),
            "the second call reuses the snapshot"
        );
        // A replaced item and a new one show at once.
        store
            .put_catalog_items(&[
                item("ad:1", ItemKind::Ad, "renamed"),
                item("ad:2", ItemKind::Ad, "second"),
            ])
            .unwrap();
        let after = store.catalog_snapshot(ItemKind::Ad).unwrap();
        let titles: Vec<&str> = after.iter().map(|item| item.title.as_str()).collect();
        assert_eq!(titles, ["renamed", "second"]);
        assert_eq!(store.catalog_snapshot(ItemKind::Post).unwrap().len(), 1);
    }

    #[test]
    fn a_seen_marker_without_a_digest_counts_as_the_same_content() {
        use crate::testsuite::fixtures::{day, used_outcome};
        let directory = tempfile::tempdir().unwrap();
        let store = EmbeddedStore::open(directory.path()).unwrap();
        let first = used_outcome(store.id_hasher(), "fb:1", "e-1", &[20], day(1));
        store.commit_events(std::slice::from_ref(&first)).unwrap();
        // As a build before digests wrote it: the account hash alone.
        store
            .write(|transaction| {
                let mut seen = transaction.open_table(SEEN_EVENTS).map_err(backend_error)?;
                seen.insert(
                    first.event.as_bytes().as_slice(),
                    first
                        .account_id
                        .hashed(store.id_hasher())
                        .as_bytes()
                        .as_slice(),
                )
                .map_err(backend_error)?;
                Ok(())
            })
            .unwrap();
        let other = used_outcome(store.id_hasher(), "fb:1", "e-1", &[24], day(2));
        assert_eq!(
            store.check_event(&other.event, &other.digest).unwrap(),
            EventCheck::SameContent
        );
        let report = store.commit_events(&[other]).unwrap();
        assert_eq!((report.already_present, report.conflicting.len()), (1, 0));
    }

    #[test]
    fn refuses_a_store_with_a_newer_schema_and_leaves_it_alone() {
        let directory = tempfile::tempdir().unwrap();
        {
            let store = EmbeddedStore::open(directory.path()).unwrap();
            store
                .write(|transaction| {
                    let mut meta = transaction.open_table(META).map_err(backend_error)?;
                    meta.insert(META_SCHEMA_VERSION, SCHEMA_VERSION + 1)
                        .map_err(backend_error)?;
                    Ok(())
                })
                .unwrap();
        }
        let error = EmbeddedStore::open(directory.path()).unwrap_err();
        assert!(
            matches!(error, StoreError::SchemaTooNew { found, supported, .. }
                if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
            "{error}"
        );
        assert!(error.to_string().contains("newer"), "{error}");
    }

    /// A crash after an erasure committed and before its rewrite replaced
    /// the file: the next open finishes the rewrite (the erased bytes,
    /// still in freed pages, go), drops the half-written copy, and keeps
    /// every live record.
    #[test]
    fn an_interrupted_rewrite_is_finished_on_the_next_open() {
        let directory = tempfile::tempdir().unwrap();
        let canary = "zq:interrupted-canary-9917";
        {
            let store = EmbeddedStore::open(directory.path()).unwrap();
            let kept: Vec<Account> = (0..50)
                .map(|index| crate::testsuite::fixtures::account(&format!("fb:{index}"), None))
                .collect();
            store.put_accounts(&kept).unwrap();
            store
                .put_accounts(&[crate::testsuite::fixtures::account(canary, None)])
                .unwrap();
            // The erasure's transaction, without the rewrite that follows it.
            store
                .write(|transaction| {
                    let mut accounts = transaction.open_table(ACCOUNTS).map_err(backend_error)?;
                    accounts.remove(canary.as_bytes()).map_err(backend_error)?;
                    let mut meta = transaction.open_table(META).map_err(backend_error)?;
                    meta.insert(META_REWRITE_PENDING, 1)
                        .map_err(backend_error)?;
                    Ok(())
                })
                .unwrap();
            let file = fs::read(directory.path().join(DATABASE_FILE_NAME)).unwrap();
            assert!(
                file.windows(canary.len())
                    .any(|window| window == canary.as_bytes()),
                "the freed page should still hold the erased bytes before the rewrite"
            );
        }
        fs::write(directory.path().join(REWRITE_FILE_NAME), b"half a copy").unwrap();

        let store = EmbeddedStore::open(directory.path()).unwrap();
        assert!(!directory.path().join(REWRITE_FILE_NAME).exists());
        for entry in fs::read_dir(directory.path()).unwrap() {
            let bytes = fs::read(entry.unwrap().path()).unwrap();
            assert!(!bytes
                .windows(canary.len())
                .any(|window| window == canary.as_bytes()));
        }
        assert_eq!(store.stats().unwrap().accounts, 50);
        assert!(store.account(&AccountId::new("fb:49")).unwrap().is_some());
        let pending = store
            .read()
            .unwrap()
            .open_table(META)
            .unwrap()
            .get(META_REWRITE_PENDING)
            .unwrap()
            .map(|guard| guard.value());
        assert_eq!(pending, None, "the rewritten file has no pending flag");
    }

    /// A copy made in many small transactions holds every entry of every
    /// table, and no pending flag.
    #[test]
    fn a_chunked_copy_holds_every_entry() {
        let directory = tempfile::tempdir().unwrap();
        let store = EmbeddedStore::open(directory.path()).unwrap();
        let accounts: Vec<Account> = (0..100)
            .map(|index| {
                crate::testsuite::fixtures::account(&format!("fb:{index:03}"), Some("ac:1"))
            })
            .collect();
        store.put_accounts(&accounts).unwrap();
        let outcomes: Vec<_> = (0..30)
            .map(|index| {
                crate::testsuite::fixtures::used_outcome(
                    store.id_hasher(),
                    &format!("fb:{:03}", index % 7),
                    &format!("e-{index}"),
                    &[20, 24],
                    crate::testsuite::fixtures::day(1),
                )
            })
            .collect();
        store.commit_events(&outcomes).unwrap();
        let copy_directory = tempfile::tempdir().unwrap();
        {
            let copy = Database::create(copy_directory.path().join(DATABASE_FILE_NAME)).unwrap();
            copy_live_tables(&store.read().unwrap(), &copy, 7).unwrap();
        }
        fs::copy(
            directory.path().join(ID_SECRET_FILE_NAME),
            copy_directory.path().join(ID_SECRET_FILE_NAME),
        )
        .unwrap();
        let copied = EmbeddedStore::open(copy_directory.path()).unwrap();
        assert_eq!(copied.stats().unwrap(), store.stats().unwrap());
        assert_eq!(copied.account_ids().unwrap(), store.account_ids().unwrap());
        assert_eq!(
            copied
                .accounts_in_center(&AccountsCenterId::new("ac:1"))
                .unwrap()
                .len(),
            100
        );
        for index in 0..7 {
            let account_id = AccountId::new(format!("fb:{index:03}"));
            assert_eq!(
                copied.signals_of(&account_id).unwrap(),
                store.signals_of(&account_id).unwrap()
            );
            assert_eq!(
                copied.audit_of(&account_id).unwrap(),
                store.audit_of(&account_id).unwrap()
            );
        }
    }

    /// Erasures (each a rewrite of the file) while another thread commits
    /// events: no commit is lost to the swap of files.
    #[test]
    fn commits_during_erasures_are_all_kept() {
        let directory = tempfile::tempdir().unwrap();
        let store = EmbeddedStore::open(directory.path()).unwrap();
        let commits = 200;
        std::thread::scope(|scope| {
            scope.spawn(|| {
                for index in 0..commits {
                    let outcome = crate::testsuite::fixtures::used_outcome(
                        store.id_hasher(),
                        "fb:writer",
                        &format!("w-{index}"),
                        &[20],
                        crate::testsuite::fixtures::day(1),
                    );
                    store.commit_events(&[outcome]).unwrap();
                }
            });
            scope.spawn(|| {
                for round in 0..20 {
                    let outcome = crate::testsuite::fixtures::used_outcome(
                        store.id_hasher(),
                        "fb:erased",
                        &format!("x-{round}"),
                        &[24],
                        crate::testsuite::fixtures::day(1),
                    );
                    store.commit_events(&[outcome]).unwrap();
                    store.forget_account(&AccountId::new("fb:erased")).unwrap();
                }
            });
        });
        assert_eq!(
            store
                .signals_of(&AccountId::new("fb:writer"))
                .unwrap()
                .len(),
            commits,
            "a commit made during a rewrite was lost"
        );
        assert_eq!(store.stats().unwrap().events, commits);
    }

    /// The id secret is made once and kept: reopening hashes ids the same
    /// way, and a store opened with another secret is refused untouched.
    #[test]
    fn the_id_secret_is_kept_across_opens_and_a_foreign_one_is_refused() {
        let directory = tempfile::tempdir().unwrap();
        let account = AccountId::new("ig:3021");
        let first = {
            let store = EmbeddedStore::open(directory.path()).unwrap();
            account.hashed(store.id_hasher())
        };
        let reopened = EmbeddedStore::open(directory.path()).unwrap();
        assert_eq!(account.hashed(reopened.id_hasher()), first);
        drop(reopened);
        fs::write(
            directory.path().join(ID_SECRET_FILE_NAME),
            [9u8; ID_SECRET_LEN],
        )
        .unwrap();
        let error = EmbeddedStore::open(directory.path()).unwrap_err();
        assert!(error.to_string().contains("not the secret"), "{error}");
    }

    #[test]
    fn open_creates_the_directory_and_one_file() {
        let parent = tempfile::tempdir().unwrap();
        let directory = parent.path().join("nested").join("gleaner-data");
        let store = EmbeddedStore::open(&directory).unwrap();
        assert_eq!(store.location(), directory.as_path());
        assert!(directory.join(DATABASE_FILE_NAME).is_file());
        assert_eq!(store.stats().unwrap(), StoreStats::default());
    }
}
