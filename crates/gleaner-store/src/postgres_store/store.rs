//! [`PostgresStore`]: the [`Store`] trait on a Postgres server.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;
use std::time::Duration;

use gleaner_core::{
    Account, AccountId, AccountMoveRecord, AccountsCenterId, AuditRecord, CatalogItem, EventDigest,
    HashedId, IdHasher, ItemId, ItemKind, SettingsOverrideRecord, Signal, Timestamp,
};
use postgres::error::SqlState;
use postgres::{Client, Config, NoTls, Statement};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::migrations::migrate;
use crate::connection::Reconnecting;
use crate::error::StoreError;
use crate::server_url::ServerUrl;
use crate::store::{CommitReport, EventCheck, EventOutcome, ForgetReport, Store, StoreStats};

/// The schema used when the URL names none.
pub const DEFAULT_SCHEMA: &str = "gleaner";

const BACKEND: &str = "postgres";
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Audit records read per round trip by `for_each_audit_record`.
const AUDIT_PAGE: i64 = 512;

const INSERT_SEEN: &str = "INSERT INTO seen_events (event, account_hash, digest) \
     SELECT * FROM unnest($1::bytea[], $2::bytea[], $3::bytea[]) \
     ON CONFLICT (event) DO NOTHING RETURNING event";
const SELECT_SEEN_DIGESTS: &str =
    "SELECT event, digest FROM seen_events WHERE event = ANY($1::bytea[])";
const INSERT_SIGNALS: &str =
    "INSERT INTO signals (account_id, event, topic, at_seconds, at_nanos, body) \
     SELECT * FROM unnest($1::bytea[], $2::bytea[], $3::int8[], $4::int8[], $5::int4[], $6::bytea[]) \
     ON CONFLICT (account_id, event, topic) DO UPDATE SET at_seconds = excluded.at_seconds, \
     at_nanos = excluded.at_nanos, body = excluded.body";
const INSERT_AUDIT: &str = "INSERT INTO audit (account_hash, body) \
     SELECT account_hash, body FROM unnest($1::bytea[], $2::bytea[]) \
     WITH ORDINALITY AS batch (account_hash, body, position) ORDER BY position";

/// Run after an erasure that removed rows: every table `forget_account`
/// deletes from.
const ERASURE_VACUUM: &str = "VACUUM (INDEX_CLEANUP ON) accounts, signals, audit, seen_events, \
     account_moves, settings_overrides";

/// A client and the statements prepared on it.
struct PgConnection {
    client: Client,
    statements: HashMap<&'static str, Statement>,
}

impl PgConnection {
    /// Returns `sql` prepared on this connection (prepared once).
    fn statement(&mut self, sql: &'static str) -> Result<Statement, postgres::Error> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql)?;
        self.statements.insert(sql, statement.clone());
        Ok(statement)
    }
}

/// A [`Store`] on a Postgres server; see the [module
/// documentation](super) for the URL, the tables and the migrations.
///
/// One connection, behind a lock, reconnected after a failure: calls from
/// several threads take turns. Run several worker processes for parallel
/// commits.
pub struct PostgresStore {
    config: Config,
    connection: Reconnecting<PgConnection>,
    schema: String,
    /// The URL without its password.
    location: String,
    /// Keyed with the secret in the `id_secret` table.
    hasher: IdHasher,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("PostgresStore")
            .field("location", &self.location)
            .field("schema", &self.schema)
            .finish_non_exhaustive()
    }
}

fn to_json(value: &impl Serialize) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(|error| StoreError::Backend(format!("encode: {error}")))
}

fn from_json<T: DeserializeOwned>(table: &str, bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|error| StoreError::Corrupt {
        key: table.to_owned(),
        reason: error.to_string(),
    })
}

/// Reads column `index` of `row`; a type mismatch (a schema changed by
/// hand) is [`StoreError::Corrupt`], never a panic.
fn column<'row, T: postgres::types::FromSql<'row>>(
    row: &'row postgres::Row,
    table: &str,
    index: usize,
) -> Result<T, StoreError> {
    row.try_get(index).map_err(|error| StoreError::Corrupt {
        key: format!("{table} column {index}"),
        reason: describe(&error),
    })
}

fn count(rows: u64) -> usize {
    usize::try_from(rows).unwrap_or(usize::MAX)
}

/// The error and its causes, one line (postgres errors print only their
/// kind; the server's message is in the source).
fn describe(error: &postgres::Error) -> String {
    if let Some(database_error) = error.as_db_error() {
        return format!(
            "{} ({})",
            database_error.message(),
            database_error.code().code()
        );
    }
    let mut text = error.to_string();
    let mut source_opt = std::error::Error::source(error);
    while let Some(source) = source_opt {
        text.push_str(": ");
        text.push_str(&source.to_string());
        source_opt = source.source();
    }
    text
}

/// Server codes a retry may fix: connection trouble, shutdown, overload,
/// transaction conflicts.
fn is_transient_code(code: &SqlState) -> bool {
    code.code().starts_with("08")
        || [
            SqlState::T_R_SERIALIZATION_FAILURE,
            SqlState::T_R_DEADLOCK_DETECTED,
            SqlState::ADMIN_SHUTDOWN,
            SqlState::CRASH_SHUTDOWN,
            SqlState::CANNOT_CONNECT_NOW,
            SqlState::TOO_MANY_CONNECTIONS,
        ]
        .contains(code)
}

/// Connection trouble and conflicts are [`StoreError::Unavailable`]; any
/// other error is [`StoreError::Server`].
fn map_error(location: &str, error: &postgres::Error, closed: bool) -> StoreError {
    let io_cause = std::error::Error::source(error)
        .is_some_and(|source| source.downcast_ref::<std::io::Error>().is_some());
    let kind_text = error.to_string();
    let transient = closed
        || error.is_closed()
        || io_cause
        || error.code().is_some_and(is_transient_code)
        || kind_text.starts_with("error connecting")
        || kind_text.starts_with("error communicating")
        || kind_text.starts_with("timeout");
    let reason = describe(error);
    if transient {
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

impl PostgresStore {
    /// Opens the store that `url` names (`postgres://…`, see the module
    /// documentation): connects, creates the schema when missing and
    /// applies the migrations this build has and the schema lacks.
    ///
    /// Fails with [`StoreError::InvalidUrl`] for a bad URL or schema name,
    /// [`StoreError::Unavailable`] when the server cannot be reached, and
    /// [`StoreError::SchemaTooNew`] when a newer Gleaner migrated the
    /// schema.
    pub fn open(url: &str) -> Result<Self, StoreError> {
        let parsed = ServerUrl::parse(url, "schema")?;
        let schema = parsed
            .namespace_opt
            .clone()
            .unwrap_or_else(|| DEFAULT_SCHEMA.to_owned());
        let mut config = Config::from_str(parsed.client_url.as_str()).map_err(|error| {
            StoreError::InvalidUrl {
                url: parsed.redacted.clone(),
                reason: describe(&error),
            }
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("gleaner");
        }
        // Unqualified table names resolve in the store's schema only.
        config.options(&format!("-c search_path={schema}"));
        let location = parsed.redacted;
        let mut first_connection = connect(&config, &location)?;
        migrate(&mut first_connection.client, &schema, &location)
            .map_err(|error| map_error(&location, &error, first_connection.client.is_closed()))??;
        let hasher = load_or_create_secret(&mut first_connection.client)
            .map_err(|error| map_error(&location, &error, first_connection.client.is_closed()))?;
        let hasher = hasher?;
        Ok(Self {
            config,
            connection: Reconnecting::new(first_connection),
            schema,
            location,
            hasher,
        })
    }

    /// Returns the URL without its password.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Returns the schema holding this store's tables.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// Returns every row of every table in this store's schema as
    /// `table: (row as text)`; `bytea` columns appear as `\x` and hex.
    ///
    /// For privacy audits and tests (the canary test scans it for text
    /// that must never be stored); it reads the whole schema.
    pub fn raw_contents(&self) -> Result<Vec<String>, StoreError> {
        let schema = self.schema.clone();
        self.run(|connection| {
            let tables = connection.client.query(
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = $1 ORDER BY table_name",
                &[&schema],
            )?;
            let mut contents = Vec::new();
            for table_row in &tables {
                let table: String = table_row.try_get(0)?;
                let quoted = format!("\"{}\"", table.replace('"', "\"\""));
                for row in connection.client.query(
                    &format!("SELECT row_to_json(t)::text FROM {schema}.{quoted} t"),
                    &[],
                )? {
                    contents.push(format!("{table}: {}", row.try_get::<_, String>(0)?));
                }
            }
            Ok(contents)
        })
    }

    /// Runs `body` on the connection; errors are mapped with the
    /// connection's state (a closed connection makes any error transient).
    fn run<T>(
        &self,
        body: impl FnOnce(&mut PgConnection) -> Result<T, postgres::Error>,
    ) -> Result<T, StoreError> {
        self.connection.with(
            || connect(&self.config, &self.location),
            |connection| {
                body(connection).map_err(|error| {
                    map_error(&self.location, &error, connection.client.is_closed())
                })
            },
        )
    }

    /// Inserts an operator record (`insert` takes the account hash and the
    /// record's JSON).
    fn append_operator_record(
        &self,
        insert: &'static str,
        account: &HashedId,
        record: &impl Serialize,
    ) -> Result<(), StoreError> {
        let body = to_json(record)?;
        self.run(|connection| {
            let statement = connection.statement(insert)?;
            connection
                .client
                .execute(&statement, &[&account.as_bytes().as_slice(), &body])
                .map(drop)
        })
    }

    /// Runs one prepared query and decodes column 0 of every row as JSON.
    fn bodies<T: DeserializeOwned>(
        &self,
        table: &str,
        sql: &'static str,
        parameters: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Vec<T>, StoreError> {
        let rows = self.run(|connection| {
            let statement = connection.statement(sql)?;
            connection.client.query(&statement, parameters)
        })?;
        rows.iter()
            .map(|row| from_json(table, column(row, table, 0)?))
            .collect()
    }
}

/// Returns the hasher of the store's secret: the `id_secret` row, inserted
/// once (`ON CONFLICT DO NOTHING`, so two processes opening a new store at
/// once agree on one secret), then read back.
fn load_or_create_secret(
    client: &mut Client,
) -> Result<Result<IdHasher, StoreError>, postgres::Error> {
    let candidate = match crate::secret::new_secret() {
        Ok(secret) => secret,
        Err(error) => return Ok(Err(error)),
    };
    client.execute(
        "INSERT INTO id_secret (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
        &[&candidate.as_slice()],
    )?;
    let row = client.query_one("SELECT secret FROM id_secret WHERE id = 1", &[])?;
    let stored: Vec<u8> = row.try_get(0)?;
    Ok(crate::secret::secret_from("id_secret", &stored).map(|secret| IdHasher::new(&secret)))
}

fn connect(config: &Config, location: &str) -> Result<PgConnection, StoreError> {
    let client = config
        .connect(NoTls)
        .map_err(|error| map_error(location, &error, true))?;
    Ok(PgConnection {
        client,
        statements: HashMap::new(),
    })
}

/// One signal row.
struct SignalRow<'a> {
    account_id: &'a [u8],
    event: &'a [u8],
    topic: i64,
    seconds: i64,
    nanos: i32,
    body: Vec<u8>,
}

/// The first occurrence of one event in a batch, encoded.
struct PreparedOutcome<'a> {
    event: HashedId,
    digest: EventDigest,
    account_hash: [u8; 16],
    audit_body: Vec<u8>,
    /// One row per topic, the last signal of a topic winning.
    signals: Vec<SignalRow<'a>>,
}

/// A `commit_events` batch, encoded before the transaction begins (so
/// nothing fails half-way for want of an encoding).
struct PreparedBatch<'a> {
    /// First occurrences, in batch order (later repeats are dropped here).
    outcomes: Vec<PreparedOutcome<'a>>,
}

impl<'a> PreparedBatch<'a> {
    fn new(outcomes: &'a [EventOutcome], hasher: &IdHasher) -> Result<Self, StoreError> {
        let mut in_batch = HashSet::with_capacity(outcomes.len());
        let mut prepared = Vec::with_capacity(outcomes.len());
        for outcome in outcomes {
            outcome.debug_assert_consistent(hasher);
            if !in_batch.insert(outcome.event) {
                continue;
            }
            let mut by_topic: HashMap<u32, usize> = HashMap::new();
            let mut signals: Vec<SignalRow<'a>> = Vec::with_capacity(outcome.signals.len());
            for signal in &outcome.signals {
                let row = SignalRow {
                    account_id: outcome.account_id.as_str().as_bytes(),
                    event: outcome.event.as_bytes().as_slice(),
                    topic: i64::from(signal.topic.0),
                    seconds: signal.at.timestamp(),
                    nanos: signal.at.timestamp_subsec_nanos() as i32,
                    body: to_json(signal)?,
                };
                if let Some(&index) = by_topic.get(&signal.topic.0) {
                    signals[index] = row;
                } else {
                    by_topic.insert(signal.topic.0, signals.len());
                    signals.push(row);
                }
            }
            prepared.push(PreparedOutcome {
                event: outcome.event,
                digest: outcome.digest,
                account_hash: *outcome.account_id.hashed(hasher).as_bytes(),
                audit_body: to_json(&outcome.audit)?,
                signals,
            });
        }
        Ok(Self { outcomes: prepared })
    }

    /// Writes the batch in `transaction` with the statements
    /// `[INSERT_SEEN, INSERT_SIGNALS, INSERT_AUDIT, SELECT_SEEN_DIGESTS]`;
    /// returns the events that were new, and the stored digest (`None`:
    /// a layout-1 row without one) of each event that was not.
    fn write(
        &self,
        transaction: &mut postgres::Transaction<'_>,
        statements: &[Statement; 4],
    ) -> Result<SeenAfterWrite, postgres::Error> {
        let [insert_seen, insert_signals, insert_audit, select_digests] = statements;
        // Sorted, so that concurrent batches take row locks in one order.
        let mut seen_rows: Vec<(&[u8], &[u8], &[u8])> = self
            .outcomes
            .iter()
            .map(|outcome| {
                (
                    outcome.event.as_bytes().as_slice(),
                    outcome.account_hash.as_slice(),
                    outcome.digest.as_bytes().as_slice(),
                )
            })
            .collect();
        seen_rows.sort_unstable();
        let seen_events: Vec<&[u8]> = seen_rows.iter().map(|row| row.0).collect();
        let seen_accounts: Vec<&[u8]> = seen_rows.iter().map(|row| row.1).collect();
        let seen_digests: Vec<&[u8]> = seen_rows.iter().map(|row| row.2).collect();
        let inserted: HashSet<HashedId> = transaction
            .query(insert_seen, &[&seen_events, &seen_accounts, &seen_digests])?
            .iter()
            .filter_map(|row| event_hash_of(row.try_get::<_, &[u8]>(0).ok()?))
            .collect();
        let mut seen = SeenAfterWrite {
            inserted,
            stored: HashMap::new(),
        };
        let known: Vec<&[u8]> = self
            .outcomes
            .iter()
            .filter(|outcome| !seen.inserted.contains(&outcome.event))
            .map(|outcome| outcome.event.as_bytes().as_slice())
            .collect();
        if !known.is_empty() {
            for row in transaction.query(select_digests, &[&known])? {
                if let Some(event) = event_hash_of(row.try_get::<_, &[u8]>(0)?) {
                    seen.stored
                        .insert(event, row.try_get::<_, Option<Vec<u8>>>(1)?);
                }
            }
        }
        let new_outcomes: Vec<&PreparedOutcome<'_>> = self
            .outcomes
            .iter()
            .filter(|outcome| seen.inserted.contains(&outcome.event))
            .collect();
        if new_outcomes.is_empty() {
            return Ok(seen);
        }

        let signal_rows: Vec<&SignalRow<'_>> = new_outcomes
            .iter()
            .flat_map(|outcome| &outcome.signals)
            .collect();
        if !signal_rows.is_empty() {
            let accounts: Vec<&[u8]> = signal_rows.iter().map(|row| row.account_id).collect();
            let events: Vec<&[u8]> = signal_rows.iter().map(|row| row.event).collect();
            let topics: Vec<i64> = signal_rows.iter().map(|row| row.topic).collect();
            let seconds: Vec<i64> = signal_rows.iter().map(|row| row.seconds).collect();
            let nanos: Vec<i32> = signal_rows.iter().map(|row| row.nanos).collect();
            let bodies: Vec<&[u8]> = signal_rows.iter().map(|row| row.body.as_slice()).collect();
            transaction.execute(
                insert_signals,
                &[&accounts, &events, &topics, &seconds, &nanos, &bodies],
            )?;
        }

        let audit_accounts: Vec<&[u8]> = new_outcomes
            .iter()
            .map(|outcome| outcome.account_hash.as_slice())
            .collect();
        let audit_bodies: Vec<&[u8]> = new_outcomes
            .iter()
            .map(|outcome| outcome.audit_body.as_slice())
            .collect();
        transaction.execute(insert_audit, &[&audit_accounts, &audit_bodies])?;
        Ok(seen)
    }
}

/// What the seen table says about a batch after its insert.
struct SeenAfterWrite {
    /// Events this batch inserted.
    inserted: HashSet<HashedId>,
    /// The stored digest of each batch event that was already there.
    stored: HashMap<HashedId, Option<Vec<u8>>>,
}

fn event_hash_of(bytes: &[u8]) -> Option<HashedId> {
    <[u8; 16]>::try_from(bytes).ok().map(HashedId::from_bytes)
}

impl Store for PostgresStore {
    fn id_hasher(&self) -> &IdHasher {
        &self.hasher
    }

    fn put_accounts(&self, accounts: &[Account]) -> Result<(), StoreError> {
        // One row per id (the last one wins, as with one put per account):
        // a multi-row upsert may not touch a row twice.
        let mut latest: HashMap<&str, &Account> = HashMap::new();
        for account in accounts {
            latest.insert(account.account_id.as_str(), account);
        }
        let mut ids = Vec::with_capacity(latest.len());
        let mut centers = Vec::with_capacity(latest.len());
        let mut bodies = Vec::with_capacity(latest.len());
        for (id, account) in latest {
            ids.push(id.as_bytes());
            centers.push(
                account
                    .accounts_center_id
                    .as_ref()
                    .map(|center| center.as_str().as_bytes()),
            );
            bodies.push(to_json(account)?);
        }
        self.run(|connection| {
            let statement = connection.statement(
                "INSERT INTO accounts (account_id, center_id, body) \
                 SELECT * FROM unnest($1::bytea[], $2::bytea[], $3::bytea[]) \
                 ON CONFLICT (account_id) DO UPDATE \
                 SET center_id = excluded.center_id, body = excluded.body",
            )?;
            connection
                .client
                .execute(&statement, &[&ids, &centers, &bodies])
        })?;
        Ok(())
    }

    fn account(&self, account_id: &AccountId) -> Result<Option<Account>, StoreError> {
        let found: Vec<Account> = self.bodies(
            "accounts",
            "SELECT body FROM accounts WHERE account_id = $1",
            &[&account_id.as_str().as_bytes()],
        )?;
        Ok(found.into_iter().next())
    }

    fn accounts_in_center(&self, center: &AccountsCenterId) -> Result<Vec<Account>, StoreError> {
        self.bodies(
            "accounts",
            "SELECT body FROM accounts WHERE center_id = $1 ORDER BY account_id",
            &[&center.as_str().as_bytes()],
        )
    }

    fn account_ids(&self) -> Result<Vec<AccountId>, StoreError> {
        let rows = self.run(|connection| {
            let statement =
                connection.statement("SELECT account_id FROM accounts ORDER BY account_id")?;
            connection.client.query(&statement, &[])
        })?;
        rows.iter()
            .map(|row| {
                String::from_utf8(column::<Vec<u8>>(row, "accounts", 0)?)
                    .map(AccountId::new)
                    .map_err(|_| StoreError::Corrupt {
                        key: "accounts".to_owned(),
                        reason: "account id is not UTF-8".to_owned(),
                    })
            })
            .collect()
    }

    fn put_catalog_items(&self, items: &[CatalogItem]) -> Result<(), StoreError> {
        let mut latest: HashMap<&str, &CatalogItem> = HashMap::new();
        for item in items {
            latest.insert(item.item_id.as_str(), item);
        }
        let mut ids = Vec::with_capacity(latest.len());
        let mut kinds = Vec::with_capacity(latest.len());
        let mut bodies = Vec::with_capacity(latest.len());
        for (id, item) in latest {
            ids.push(id.as_bytes());
            kinds.push(item.kind.as_str());
            bodies.push(to_json(item)?);
        }
        self.run(|connection| {
            let statement = connection.statement(
                "INSERT INTO catalog (item_id, kind, body) \
                 SELECT * FROM unnest($1::bytea[], $2::text[], $3::bytea[]) \
                 ON CONFLICT (item_id) DO UPDATE SET kind = excluded.kind, body = excluded.body",
            )?;
            connection
                .client
                .execute(&statement, &[&ids, &kinds, &bodies])
        })?;
        Ok(())
    }

    fn catalog_item(&self, item_id: &ItemId) -> Result<Option<CatalogItem>, StoreError> {
        let found: Vec<CatalogItem> = self.bodies(
            "catalog",
            "SELECT body FROM catalog WHERE item_id = $1",
            &[&item_id.as_str().as_bytes()],
        )?;
        Ok(found.into_iter().next())
    }

    fn catalog_items(&self, kind: Option<ItemKind>) -> Result<Vec<CatalogItem>, StoreError> {
        match kind {
            Some(wanted) => self.bodies(
                "catalog",
                "SELECT body FROM catalog WHERE kind = $1 ORDER BY item_id",
                &[&wanted.as_str()],
            ),
            None => self.bodies("catalog", "SELECT body FROM catalog ORDER BY item_id", &[]),
        }
    }

    fn record_account_move(&self, record: &AccountMoveRecord) -> Result<(), StoreError> {
        self.append_operator_record(
            "INSERT INTO account_moves (account_hash, body) VALUES ($1, $2)",
            &record.account,
            record,
        )
    }

    fn account_moves(&self) -> Result<Vec<AccountMoveRecord>, StoreError> {
        self.bodies(
            "account_moves",
            "SELECT body FROM account_moves ORDER BY sequence",
            &[],
        )
    }

    fn record_settings_override(&self, record: &SettingsOverrideRecord) -> Result<(), StoreError> {
        self.append_operator_record(
            "INSERT INTO settings_overrides (account_hash, body) VALUES ($1, $2)",
            &record.account,
            record,
        )
    }

    fn settings_overrides(&self) -> Result<Vec<SettingsOverrideRecord>, StoreError> {
        self.bodies(
            "settings_overrides",
            "SELECT body FROM settings_overrides ORDER BY sequence",
            &[],
        )
    }

    fn has_event(&self, event: &HashedId) -> Result<bool, StoreError> {
        let row = self.run(|connection| {
            let statement = connection
                .statement("SELECT EXISTS (SELECT 1 FROM seen_events WHERE event = $1)")?;
            connection
                .client
                .query_one(&statement, &[&event.as_bytes().as_slice()])
        })?;
        column(&row, "seen_events", 0)
    }

    fn check_event(
        &self,
        event: &HashedId,
        digest: &EventDigest,
    ) -> Result<EventCheck, StoreError> {
        let rows = self.run(|connection| {
            let statement =
                connection.statement("SELECT digest FROM seen_events WHERE event = $1")?;
            connection
                .client
                .query(&statement, &[&event.as_bytes().as_slice()])
        })?;
        let Some(row) = rows.first() else {
            return Ok(EventCheck::New);
        };
        let stored: Option<Vec<u8>> = column(row, "seen_events", 0)?;
        Ok(EventCheck::of_stored(stored.as_deref(), digest))
    }

    fn commit_events(&self, outcomes: &[EventOutcome]) -> Result<CommitReport, StoreError> {
        if outcomes.is_empty() {
            return Ok(CommitReport::default());
        }
        let batch = PreparedBatch::new(outcomes, &self.hasher)?;
        let seen = self.run(|connection| {
            let statements = [
                connection.statement(INSERT_SEEN)?,
                connection.statement(INSERT_SIGNALS)?,
                connection.statement(INSERT_AUDIT)?,
                connection.statement(SELECT_SEEN_DIGESTS)?,
            ];
            let mut transaction = connection.client.transaction()?;
            let seen = batch.write(&mut transaction, &statements)?;
            transaction.commit()?;
            Ok(seen)
        })?;
        // Each outcome in batch order against the digest that holds its
        // event id: the stored one, or the first occurrence's in this batch.
        let mut report = CommitReport::default();
        let mut holder: HashMap<HashedId, Option<&[u8]>> = HashMap::new();
        for outcome in outcomes {
            let stored_opt = match holder.get(&outcome.event) {
                Some(held) => Some(*held),
                None if seen.inserted.contains(&outcome.event) => {
                    holder.insert(outcome.event, Some(outcome.digest.as_bytes().as_slice()));
                    report.committed += 1;
                    continue;
                }
                None => {
                    let stored = seen.stored.get(&outcome.event).and_then(Option::as_deref);
                    holder.insert(outcome.event, stored);
                    Some(stored)
                }
            };
            match EventCheck::of_stored(stored_opt.flatten(), &outcome.digest) {
                EventCheck::OtherContent => report.conflicting.push(outcome.event),
                _ => report.already_present += 1,
            }
        }
        Ok(report)
    }

    fn signals_of(&self, account_id: &AccountId) -> Result<Vec<Signal>, StoreError> {
        self.bodies(
            "signals",
            "SELECT body FROM signals WHERE account_id = $1 ORDER BY event, topic",
            &[&account_id.as_str().as_bytes()],
        )
    }

    fn audit_of(&self, account_id: &AccountId) -> Result<Vec<AuditRecord>, StoreError> {
        self.bodies(
            "audit",
            "SELECT body FROM audit WHERE account_hash = $1 ORDER BY sequence",
            &[&account_id.hashed(&self.hasher).as_bytes().as_slice()],
        )
    }

    /// Pages through `audit` by sequence (512 rows a round
    /// trip); a record forgotten while the walk is under way is skipped.
    fn for_each_audit_record(&self, visit: &mut dyn FnMut(&AuditRecord)) -> Result<(), StoreError> {
        let mut after = 0_i64;
        loop {
            let rows = self.run(|connection| {
                let statement = connection.statement(
                    "SELECT sequence, body FROM audit WHERE sequence > $1 \
                     ORDER BY sequence LIMIT $2",
                )?;
                connection.client.query(&statement, &[&after, &AUDIT_PAGE])
            })?;
            for row in &rows {
                after = column(row, "audit", 0)?;
                let record: AuditRecord = from_json("audit", column(row, "audit", 1)?)?;
                visit(&record);
            }
            if (rows.len() as i64) < AUDIT_PAGE {
                return Ok(());
            }
        }
    }

    fn forget_account(&self, account_id: &AccountId) -> Result<ForgetReport, StoreError> {
        let id_bytes = account_id.as_str().as_bytes();
        let account_hash = account_id.hashed(&self.hasher);
        let hash_bytes = account_hash.as_bytes().as_slice();
        self.run(|connection| {
            let mut transaction = connection.client.transaction()?;
            let report = ForgetReport {
                account_removed: transaction
                    .execute("DELETE FROM accounts WHERE account_id = $1", &[&id_bytes])?
                    > 0,
                signals_removed: count(
                    transaction
                        .execute("DELETE FROM signals WHERE account_id = $1", &[&id_bytes])?,
                ),
                audit_records_removed: count(
                    transaction
                        .execute("DELETE FROM audit WHERE account_hash = $1", &[&hash_bytes])?,
                ),
                events_removed: count(transaction.execute(
                    "DELETE FROM seen_events WHERE account_hash = $1",
                    &[&hash_bytes],
                )?),
            };
            let moves_removed = transaction.execute(
                "DELETE FROM account_moves WHERE account_hash = $1",
                &[&hash_bytes],
            )?;
            let overrides_removed = transaction.execute(
                "DELETE FROM settings_overrides WHERE account_hash = $1",
                &[&hash_bytes],
            )?;
            let removed_anything =
                report != ForgetReport::default() || moves_removed > 0 || overrides_removed > 0;
            if removed_anything {
                transaction.execute(
                    "UPDATE counters SET value = value + 1 WHERE name = 'tombstones'",
                    &[],
                )?;
            }
            transaction.commit()?;
            if removed_anything {
                // The deleted row versions stay in the table and index
                // files until vacuumed; do it now rather than whenever
                // autovacuum comes, and with index cleanup forced (a
                // vacuum that finds few dead rows may skip the indexes,
                // which hold the account id and hash). Not in the
                // transaction: VACUUM cannot run in one.
                connection.client.batch_execute(ERASURE_VACUUM)?;
            }
            Ok(report)
        })
    }

    fn expire_signals(&self, cutoff: Timestamp) -> Result<usize, StoreError> {
        let seconds = cutoff.timestamp();
        let nanos = cutoff.timestamp_subsec_nanos() as i32;
        let expired = self.run(|connection| {
            let statement = connection
                .statement("DELETE FROM signals WHERE (at_seconds, at_nanos) < ($1, $2)")?;
            connection.client.execute(&statement, &[&seconds, &nanos])
        })?;
        Ok(count(expired))
    }

    /// Exact counts in one snapshot (`count(*)` reads each table; fine for
    /// reports, not for a hot path).
    fn stats(&self) -> Result<StoreStats, StoreError> {
        let row = self.run(|connection| {
            let statement = connection.statement(
                "SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM catalog), \
                 (SELECT count(*) FROM seen_events), (SELECT count(*) FROM signals), \
                 (SELECT count(*) FROM audit), \
                 (SELECT value FROM counters WHERE name = 'tombstones')",
            )?;
            connection.client.query_one(&statement, &[])
        })?;
        let size = |index: usize| -> Result<usize, StoreError> {
            Ok(usize::try_from(column::<i64>(&row, "stats", index)?).unwrap_or(0))
        };
        Ok(StoreStats {
            accounts: size(0)?,
            catalog_items: size(1)?,
            events: size(2)?,
            signals: size(3)?,
            audit_records: size(4)?,
            tombstones: u64::try_from(column::<Option<i64>>(&row, "counters", 5)?.unwrap_or(0))
                .unwrap_or(0),
        })
    }
}
