//! Bearer tokens: one scope each, stored only as SHA-256 hashes.
//!
//! # Where tokens live
//!
//! [`TokenStore`] is a small trait of its own rather than four more methods
//! on [`gleaner_store::Store`], for one practical reason: the embedded store
//! is a redb file that one process holds exclusively, so `gleaner token
//! create` could not write to it while `gleaner serve` runs. Tokens
//! therefore live in a JSON file, by default `tokens.json` inside the store
//! directory ([`TokenFile`]); for a store URL that is not a directory
//! (`memory://`, and later `redis://`, `postgres://`) the file is named with
//! `--tokens`. The server re-reads the file when its modification time
//! changes, so a token made or revoked while it runs takes effect at the
//! next request. Writes go to a temporary file that is renamed over the old
//! one, so a reader never sees half a file; a change (create, revoke) reads,
//! edits and writes the file while holding an exclusive lock on
//! `tokens.json.lock` beside it, so two `gleaner token create` run at once
//! both land instead of one overwriting the other.
//!
//! The file holds a token's id, scope, account, creation time and the
//! SHA-256 of the token, never the token itself: whoever reads the file
//! cannot call the API with what they read. It also holds the reach
//! privacy budget each token has spent ([`TokenStore::charge_reach_budget`]),
//! so that a restart does not give advertisers a fresh budget.

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use gleaner_core::{AccountId, Timestamp};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a token may reach (SPEC §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Writes accounts, catalog items and events.
    Ingest,
    /// Reads and changes one person's own account and the accounts linked to it.
    Person,
    /// Reads audience aggregates (k-anonymous), nothing about one person.
    Advertiser,
    /// Everything.
    Operator,
}

impl Scope {
    /// Returns the scope's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ingest => "ingest",
            Self::Person => "person",
            Self::Advertiser => "advertiser",
            Self::Operator => "operator",
        }
    }
}

impl std::str::FromStr for Scope {
    type Err = TokenError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        match raw {
            "ingest" => Ok(Self::Ingest),
            "person" => Ok(Self::Person),
            "advertiser" => Ok(Self::Advertiser),
            "operator" => Ok(Self::Operator),
            other => Err(TokenError::UnknownScope(other.to_owned())),
        }
    }
}

/// One stored token: everything but the token itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRecord {
    /// A public handle for `token list` / `token revoke`.
    pub id: String,
    /// What it reaches.
    pub scope: Scope,
    /// The account of a `person` token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
    /// When it was made.
    pub created_at: Timestamp,
    /// Lowercase hex SHA-256 of the token.
    pub sha256: String,
}

/// The caller a valid token identifies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    /// The token's id.
    pub token_id: String,
    /// Its scope.
    pub scope: Scope,
    /// Its account (`person` tokens only).
    pub account_id: Option<AccountId>,
}

/// Errors of token handling.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// The scope name is not one of the four.
    #[error("unknown scope `{0}` (expected ingest, person, advertiser or operator)")]
    UnknownScope(String),
    /// A `person` token needs an account; other scopes take none.
    #[error("{0}")]
    AccountMismatch(&'static str),
    /// No token has this id.
    #[error("no token with id `{0}`")]
    UnknownId(String),
    /// Reading or writing the token file failed.
    #[error("token file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The token file is not valid.
    #[error("token file {path} is not valid: {source}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: serde_json::Error,
    },
    /// The system random source failed.
    #[error("no randomness for a token: {0}")]
    Random(String),
}

/// Where tokens are kept (see the module docs for why this is not `Store`).
pub trait TokenStore: Send + Sync {
    /// Adds a record.
    fn insert(&self, record: TokenRecord) -> Result<(), TokenError>;
    /// Returns every record, oldest first.
    fn list(&self) -> Result<Vec<TokenRecord>, TokenError>;
    /// Removes the record with this id; returns it.
    fn revoke(&self, id: &str) -> Result<TokenRecord, TokenError>;
    /// Returns the record whose hash is `sha256_hex`, if any.
    fn find_by_hash(&self, sha256_hex: &str) -> Result<Option<TokenRecord>, TokenError>;
    /// Adds `cost_micro` (millionths of ε) to what token `id` has spent of
    /// its reach privacy budget, unless that would pass `limit_micro`; check
    /// and charge are one atomic step, and the ledger outlives a restart.
    fn charge_reach_budget(
        &self,
        id: &str,
        cost_micro: u64,
        limit_micro: u64,
    ) -> Result<BudgetCharge, TokenError>;
    /// Returns what token `id` has spent of its reach privacy budget, in
    /// millionths of ε.
    fn reach_budget_spent(&self, id: &str) -> Result<u64, TokenError>;
    /// Removes every `person` token of `account_id` (erasure: a token must
    /// not outlive its account, nor read an account later made with the
    /// same id); returns them.
    fn revoke_account(&self, account_id: &AccountId) -> Result<Vec<TokenRecord>, TokenError>;
}

/// The outcome of [`TokenStore::charge_reach_budget`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BudgetCharge {
    /// Charged; the token has now spent this much (millionths of ε).
    Charged {
        /// Spent after the charge.
        spent_micro: u64,
    },
    /// Not charged: the answer would pass the budget.
    Refused {
        /// Spent so far.
        spent_micro: u64,
    },
}

/// Returns the charge of `cost_micro` on top of `spent_micro`, or a refusal.
fn charge(spent_micro: u64, cost_micro: u64, limit_micro: u64) -> BudgetCharge {
    match spent_micro.checked_add(cost_micro) {
        Some(after) if after <= limit_micro => BudgetCharge::Charged { spent_micro: after },
        _ => BudgetCharge::Refused { spent_micro },
    }
}

/// Whether `record` is a person token of `account_id`.
fn is_person_token_of(record: &TokenRecord, account_id: &AccountId) -> bool {
    record.scope == Scope::Person && record.account_id.as_ref() == Some(account_id)
}

/// Returns the lowercase hex SHA-256 of a presented token.
pub fn hash_token(token: &str) -> String {
    to_hex(&Sha256::digest(token.as_bytes()))
}

fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        hex.push(char::from(DIGITS[usize::from(byte >> 4)]));
        hex.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    hex
}

fn random_hex(byte_count: usize) -> Result<String, TokenError> {
    let mut bytes = vec![0u8; byte_count];
    getrandom::fill(&mut bytes).map_err(|error| TokenError::Random(error.to_string()))?;
    Ok(to_hex(&bytes))
}

/// A new token and its record; the token is shown once and never stored.
#[derive(Debug)]
pub struct NewToken {
    /// The bearer token (256 random bits).
    pub token: String,
    /// What was stored.
    pub record: TokenRecord,
}

/// Makes a token for `scope` and stores its hash. A `person` token needs an
/// account; other scopes take none.
pub fn create_token(
    store: &dyn TokenStore,
    scope: Scope,
    account_id_opt: Option<AccountId>,
    now: Timestamp,
) -> Result<NewToken, TokenError> {
    match (scope, &account_id_opt) {
        (Scope::Person, None) => {
            return Err(TokenError::AccountMismatch(
                "a person token needs --account",
            ))
        }
        (Scope::Ingest | Scope::Advertiser | Scope::Operator, Some(_)) => {
            return Err(TokenError::AccountMismatch(
                "--account is only for person tokens",
            ))
        }
        _ => {}
    }
    let token = format!("glt_{}_{}", scope.as_str(), random_hex(32)?);
    let record = TokenRecord {
        id: format!("tok_{}", random_hex(6)?),
        scope,
        account_id: account_id_opt,
        created_at: now,
        sha256: hash_token(&token),
    };
    store.insert(record.clone())?;
    Ok(NewToken { token, record })
}

/// Returns the caller a presented token identifies, or `None`.
pub fn verify_token(store: &dyn TokenStore, token: &str) -> Result<Option<Caller>, TokenError> {
    Ok(store
        .find_by_hash(&hash_token(token))?
        .map(|record| Caller {
            token_id: record.id,
            scope: record.scope,
            account_id: record.account_id,
        }))
}

/// Tokens in memory (tests, `memory://` stores).
#[derive(Default)]
pub struct MemoryTokenStore {
    records: Mutex<Vec<TokenRecord>>,
    reach_budget_spent_micro: Mutex<HashMap<String, u64>>,
}

impl TokenStore for MemoryTokenStore {
    fn insert(&self, record: TokenRecord) -> Result<(), TokenError> {
        self.records.lock().expect("token lock").push(record);
        Ok(())
    }

    fn list(&self) -> Result<Vec<TokenRecord>, TokenError> {
        Ok(self.records.lock().expect("token lock").clone())
    }

    fn revoke(&self, id: &str) -> Result<TokenRecord, TokenError> {
        let mut records = self.records.lock().expect("token lock");
        let position = records
            .iter()
            .position(|record| record.id == id)
            .ok_or_else(|| TokenError::UnknownId(id.to_owned()))?;
        Ok(records.remove(position))
    }

    fn find_by_hash(&self, sha256_hex: &str) -> Result<Option<TokenRecord>, TokenError> {
        Ok(self
            .records
            .lock()
            .expect("token lock")
            .iter()
            .find(|record| constant_time_eq(&record.sha256, sha256_hex))
            .cloned())
    }

    fn charge_reach_budget(
        &self,
        id: &str,
        cost_micro: u64,
        limit_micro: u64,
    ) -> Result<BudgetCharge, TokenError> {
        let mut ledger = self.reach_budget_spent_micro.lock().expect("token lock");
        let spent = ledger.entry(id.to_owned()).or_default();
        let outcome = charge(*spent, cost_micro, limit_micro);
        if let BudgetCharge::Charged { spent_micro } = outcome {
            *spent = spent_micro;
        }
        Ok(outcome)
    }

    fn reach_budget_spent(&self, id: &str) -> Result<u64, TokenError> {
        Ok(self
            .reach_budget_spent_micro
            .lock()
            .expect("token lock")
            .get(id)
            .copied()
            .unwrap_or_default())
    }

    fn revoke_account(&self, account_id: &AccountId) -> Result<Vec<TokenRecord>, TokenError> {
        let mut records = self.records.lock().expect("token lock");
        let (revoked, kept) = records
            .drain(..)
            .partition(|record| is_person_token_of(record, account_id));
        *records = kept;
        Ok(revoked)
    }
}

fn constant_time_eq(left: &str, right: &str) -> bool {
    left.len() == right.len()
        && left
            .bytes()
            .zip(right.bytes())
            .fold(0u8, |difference, (a, b)| difference | (a ^ b))
            == 0
}

/// The file every token lives in, for directory stores.
pub const TOKEN_FILE_NAME: &str = "tokens.json";

#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenFileContents {
    version: u32,
    tokens: Vec<TokenRecord>,
    /// Token id → millionths of ε spent on reach answers.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    reach_budget_spent_micro: BTreeMap<String, u64>,
}

struct LoadedTokens {
    modified: Option<SystemTime>,
    by_hash: HashMap<String, TokenRecord>,
}

/// Tokens in a JSON file, re-read when it changes (see the module docs).
pub struct TokenFile {
    path: PathBuf,
    loaded: Mutex<LoadedTokens>,
}

impl TokenFile {
    /// Opens (without creating) the token file at `path`.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            loaded: Mutex::new(LoadedTokens {
                modified: None,
                by_hash: HashMap::new(),
            }),
        }
    }

    /// Returns the file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io_error(&self, source: std::io::Error) -> TokenError {
        TokenError::Io {
            path: self.path.clone(),
            source,
        }
    }

    fn read(&self) -> Result<TokenFileContents, TokenError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|source| TokenError::Corrupt {
                path: self.path.clone(),
                source,
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(TokenFileContents {
                version: 1,
                tokens: Vec::new(),
                reach_budget_spent_micro: BTreeMap::new(),
            }),
            Err(error) => Err(self.io_error(error)),
        }
    }

    fn write(&self, contents: &TokenFileContents) -> Result<(), TokenError> {
        let directory = self.path.parent().unwrap_or_else(|| Path::new("."));
        std::fs::create_dir_all(directory).map_err(|error| self.io_error(error))?;
        let temporary = self.path.with_extension("json.tmp");
        let bytes = serde_json::to_vec_pretty(contents).expect("token records serialize");
        let mut file = std::fs::File::create(&temporary).map_err(|error| self.io_error(error))?;
        restrict_permissions(&file);
        file.write_all(&bytes)
            .and_then(|()| file.sync_all())
            .map_err(|error| self.io_error(error))?;
        std::fs::rename(&temporary, &self.path).map_err(|error| self.io_error(error))
    }

    /// Runs a read-modify-write while holding an exclusive advisory lock on
    /// `<file>.lock` (released when the lock file is closed, also when the
    /// process dies). Readers take no lock: the rename makes each write
    /// atomic for them.
    fn while_locked<T>(
        &self,
        change: impl FnOnce() -> Result<T, TokenError>,
    ) -> Result<T, TokenError> {
        let directory = self.path.parent().unwrap_or_else(|| Path::new("."));
        std::fs::create_dir_all(directory).map_err(|error| self.io_error(error))?;
        let lock_file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.path.with_extension("json.lock"))
            .map_err(|error| self.io_error(error))?;
        restrict_permissions(&lock_file);
        fs4::FileExt::lock(&lock_file).map_err(|error| self.io_error(error))?;
        let result = change();
        drop(lock_file);
        result
    }

    fn modified(&self) -> Option<SystemTime> {
        std::fs::metadata(&self.path)
            .and_then(|metadata| metadata.modified())
            .ok()
    }
}

#[cfg(unix)]
fn restrict_permissions(file: &std::fs::File) {
    use std::os::unix::fs::PermissionsExt;
    // Hashes only, but nobody else needs to read them.
    let _ignored = file.set_permissions(std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_permissions(_file: &std::fs::File) {}

impl TokenStore for TokenFile {
    fn insert(&self, record: TokenRecord) -> Result<(), TokenError> {
        self.while_locked(|| {
            let mut contents = self.read()?;
            contents.version = 1;
            contents.tokens.push(record);
            self.write(&contents)
        })
    }

    fn list(&self) -> Result<Vec<TokenRecord>, TokenError> {
        Ok(self.read()?.tokens)
    }

    fn revoke(&self, id: &str) -> Result<TokenRecord, TokenError> {
        self.while_locked(|| {
            let mut contents = self.read()?;
            let position = contents
                .tokens
                .iter()
                .position(|record| record.id == id)
                .ok_or_else(|| TokenError::UnknownId(id.to_owned()))?;
            let removed = contents.tokens.remove(position);
            contents.reach_budget_spent_micro.remove(id);
            self.write(&contents)?;
            Ok(removed)
        })
    }

    fn find_by_hash(&self, sha256_hex: &str) -> Result<Option<TokenRecord>, TokenError> {
        let modified = self.modified();
        let mut loaded = self.loaded.lock().expect("token lock");
        if modified.is_none() || loaded.modified != modified {
            let contents = self.read()?;
            loaded.by_hash = contents
                .tokens
                .into_iter()
                .map(|record| (record.sha256.clone(), record))
                .collect();
            loaded.modified = modified;
        }
        Ok(loaded.by_hash.get(sha256_hex).cloned())
    }

    fn charge_reach_budget(
        &self,
        id: &str,
        cost_micro: u64,
        limit_micro: u64,
    ) -> Result<BudgetCharge, TokenError> {
        self.while_locked(|| {
            let mut contents = self.read()?;
            let spent = contents
                .reach_budget_spent_micro
                .get(id)
                .copied()
                .unwrap_or_default();
            let outcome = charge(spent, cost_micro, limit_micro);
            if let BudgetCharge::Charged { spent_micro } = outcome {
                contents
                    .reach_budget_spent_micro
                    .insert(id.to_owned(), spent_micro);
                self.write(&contents)?;
            }
            Ok(outcome)
        })
    }

    fn reach_budget_spent(&self, id: &str) -> Result<u64, TokenError> {
        Ok(self
            .read()?
            .reach_budget_spent_micro
            .get(id)
            .copied()
            .unwrap_or_default())
    }

    /// Rewrites the file only when it held such a token (a store without
    /// tokens gets no file).
    fn revoke_account(&self, account_id: &AccountId) -> Result<Vec<TokenRecord>, TokenError> {
        if !self.path.exists() {
            return Ok(Vec::new());
        }
        self.while_locked(|| {
            let mut contents = self.read()?;
            let (revoked, kept): (Vec<TokenRecord>, Vec<TokenRecord>) = contents
                .tokens
                .into_iter()
                .partition(|record| is_person_token_of(record, account_id));
            contents.tokens = kept;
            if !revoked.is_empty() {
                self.write(&contents)?;
            }
            Ok(revoked)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-01-01T00:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_created_token_verifies_and_only_its_hash_is_stored() {
        let directory = tempfile::tempdir().unwrap();
        let file = TokenFile::new(directory.path().join(TOKEN_FILE_NAME));
        let made = create_token(&file, Scope::Person, Some(AccountId::new("fb:1")), now()).unwrap();
        let on_disk = std::fs::read_to_string(file.path()).unwrap();
        assert!(!on_disk.contains(&made.token));
        assert!(on_disk.contains(&made.record.sha256));
        let caller = verify_token(&file, &made.token).unwrap().unwrap();
        assert_eq!(caller.scope, Scope::Person);
        assert_eq!(caller.account_id, Some(AccountId::new("fb:1")));
        assert!(verify_token(&file, "glt_person_nope").unwrap().is_none());
    }

    /// Each thread has its own handle, as each `gleaner token create`
    /// process would; without the lock, concurrent read-modify-writes lose
    /// tokens (and race on the temporary file).
    #[test]
    fn concurrent_creates_through_separate_handles_lose_no_token() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join(TOKEN_FILE_NAME);
        let writers = 8;
        let tokens_each = 10;
        let barrier = std::sync::Barrier::new(writers);
        let made: Vec<String> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..writers)
                .map(|_| {
                    scope.spawn(|| {
                        let file = TokenFile::new(&path);
                        barrier.wait();
                        (0..tokens_each)
                            .map(|_| {
                                create_token(&file, Scope::Operator, None, now())
                                    .unwrap()
                                    .token
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|handle| handle.join().unwrap())
                .collect()
        });
        let file = TokenFile::new(&path);
        assert_eq!(file.list().unwrap().len(), writers * tokens_each);
        for token in &made {
            assert!(verify_token(&file, token).unwrap().is_some());
        }
    }

    #[test]
    fn a_revoked_token_no_longer_verifies() {
        let directory = tempfile::tempdir().unwrap();
        let file = TokenFile::new(directory.path().join(TOKEN_FILE_NAME));
        let made = create_token(&file, Scope::Operator, None, now()).unwrap();
        assert!(verify_token(&file, &made.token).unwrap().is_some());
        // A second handle (another process) revokes it.
        let other = TokenFile::new(file.path());
        other.revoke(&made.record.id).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(verify_token(&file, &made.token).unwrap().is_none());
    }

    /// The ledger is in the file: a second handle (a restarted server)
    /// sees what the first spent, and a charge past the limit is refused
    /// without being recorded.
    #[test]
    fn the_reach_budget_is_charged_atomically_and_survives_a_reopen() {
        let directory = tempfile::tempdir().unwrap();
        let file = TokenFile::new(directory.path().join(TOKEN_FILE_NAME));
        let made = create_token(&file, Scope::Advertiser, None, now()).unwrap();
        let id = &made.record.id;
        assert_eq!(
            file.charge_reach_budget(id, 400_000, 1_000_000).unwrap(),
            BudgetCharge::Charged {
                spent_micro: 400_000
            }
        );
        let reopened = TokenFile::new(file.path());
        assert_eq!(reopened.reach_budget_spent(id).unwrap(), 400_000);
        assert_eq!(
            reopened
                .charge_reach_budget(id, 400_000, 1_000_000)
                .unwrap(),
            BudgetCharge::Charged {
                spent_micro: 800_000
            }
        );
        assert_eq!(
            file.charge_reach_budget(id, 400_000, 1_000_000).unwrap(),
            BudgetCharge::Refused {
                spent_micro: 800_000
            }
        );
        assert_eq!(file.reach_budget_spent(id).unwrap(), 800_000);
        assert!(verify_token(&reopened, &made.token).unwrap().is_some());
        let memory = MemoryTokenStore::default();
        assert_eq!(
            memory.charge_reach_budget("t", 2, 1).unwrap(),
            BudgetCharge::Refused { spent_micro: 0 }
        );
    }

    #[test]
    fn person_tokens_need_an_account_and_others_take_none() {
        let store = MemoryTokenStore::default();
        assert!(create_token(&store, Scope::Person, None, now()).is_err());
        assert!(create_token(&store, Scope::Ingest, Some(AccountId::new("a")), now()).is_err());
        assert!(store.list().unwrap().is_empty());
    }
}
