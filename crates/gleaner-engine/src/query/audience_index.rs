//! The audience index: every account's [`AudienceMember`], kept between
//! reach queries and rebuilt when the store was written.
//!
//! Building it costs one profile per account (seconds at 100,000
//! profiles); a reach query over a kept index costs milliseconds. The
//! index is stale as soon as anything is written, whoever writes: the
//! engine wraps its store in a `WriteCountingStore` that counts every
//! write method (accounts, catalog, events, forget, expire), so ingest
//! from files, HTTP handlers and stream workers (which share the engine)
//! all count, and the next query sees their writes. Profiles also change
//! with time (retention), and another process may write to a shared Redis
//! or `PostgreSQL` store without this engine seeing it, so an index older
//! than [`AUDIENCE_INDEX_MAX_AGE_SECONDS`] of query time is rebuilt too.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use gleaner_core::{
    Account, AccountId, AccountsCenterId, CatalogItem, HashedId, ItemId, ItemKind, Signal,
    Timestamp,
};
use gleaner_core::{AccountMoveRecord, AuditRecord, EventDigest, IdHasher, SettingsOverrideRecord};
use gleaner_store::{
    CommitReport, EventCheck, EventOutcome, ForgetReport, Store, StoreError, StoreStats,
};

use super::reach::AudienceMember;
use crate::{Engine, EngineError};

/// How long (query time) an audience index is reused when no write came.
pub const AUDIENCE_INDEX_MAX_AGE_SECONDS: i64 = 60;

/// A [`Store`] that counts its writes: the engine's store, so that every
/// write through the engine (or through [`Engine::store`]) marks the
/// audience index stale.
pub(crate) struct WriteCountingStore {
    inner: Arc<dyn Store>,
    writes: AtomicU64,
}

impl WriteCountingStore {
    pub(crate) fn new(inner: Arc<dyn Store>) -> Self {
        Self {
            inner,
            writes: AtomicU64::new(0),
        }
    }

    /// Returns how many writes have started so far.
    pub(crate) fn writes(&self) -> u64 {
        self.writes.load(Ordering::SeqCst)
    }

    /// Runs a write, counting it before and after: an index built while
    /// the write ran is stale either way.
    fn write<T>(&self, write: impl FnOnce(&dyn Store) -> T) -> T {
        self.writes.fetch_add(1, Ordering::SeqCst);
        let result = write(self.inner.as_ref());
        self.writes.fetch_add(1, Ordering::SeqCst);
        result
    }
}

impl Store for WriteCountingStore {
    fn id_hasher(&self) -> &IdHasher {
        self.inner.id_hasher()
    }

    fn put_accounts(&self, accounts: &[Account]) -> Result<(), StoreError> {
        self.write(|store| store.put_accounts(accounts))
    }

    fn account(&self, account_id: &AccountId) -> Result<Option<Account>, StoreError> {
        self.inner.account(account_id)
    }

    fn accounts_in_center(&self, center: &AccountsCenterId) -> Result<Vec<Account>, StoreError> {
        self.inner.accounts_in_center(center)
    }

    fn account_ids(&self) -> Result<Vec<AccountId>, StoreError> {
        self.inner.account_ids()
    }

    fn record_account_move(&self, record: &AccountMoveRecord) -> Result<(), StoreError> {
        self.write(|store| store.record_account_move(record))
    }

    fn account_moves(&self) -> Result<Vec<AccountMoveRecord>, StoreError> {
        self.inner.account_moves()
    }

    fn record_settings_override(&self, record: &SettingsOverrideRecord) -> Result<(), StoreError> {
        self.write(|store| store.record_settings_override(record))
    }

    fn settings_overrides(&self) -> Result<Vec<SettingsOverrideRecord>, StoreError> {
        self.inner.settings_overrides()
    }

    fn put_catalog_items(&self, items: &[CatalogItem]) -> Result<(), StoreError> {
        self.write(|store| store.put_catalog_items(items))
    }

    fn catalog_item(&self, item_id: &ItemId) -> Result<Option<CatalogItem>, StoreError> {
        self.inner.catalog_item(item_id)
    }

    fn catalog_items(&self, kind: Option<ItemKind>) -> Result<Vec<CatalogItem>, StoreError> {
        self.inner.catalog_items(kind)
    }

    fn catalog_snapshot(&self, kind: ItemKind) -> Result<Arc<[CatalogItem]>, StoreError> {
        self.inner.catalog_snapshot(kind)
    }

    fn has_event(&self, event: &HashedId) -> Result<bool, StoreError> {
        self.inner.has_event(event)
    }

    fn check_event(
        &self,
        event: &HashedId,
        digest: &EventDigest,
    ) -> Result<EventCheck, StoreError> {
        self.inner.check_event(event, digest)
    }

    fn commit_events(&self, outcomes: &[EventOutcome]) -> Result<CommitReport, StoreError> {
        self.write(|store| store.commit_events(outcomes))
    }

    fn signals_of(&self, account_id: &AccountId) -> Result<Vec<Signal>, StoreError> {
        self.inner.signals_of(account_id)
    }

    fn audit_of(&self, account_id: &AccountId) -> Result<Vec<AuditRecord>, StoreError> {
        self.inner.audit_of(account_id)
    }

    fn for_each_audit_record(&self, visit: &mut dyn FnMut(&AuditRecord)) -> Result<(), StoreError> {
        self.inner.for_each_audit_record(visit)
    }

    fn forget_account(&self, account_id: &AccountId) -> Result<ForgetReport, StoreError> {
        self.write(|store| store.forget_account(account_id))
    }

    fn expire_signals(&self, cutoff: Timestamp) -> Result<usize, StoreError> {
        self.write(|store| store.expire_signals(cutoff))
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        self.inner.stats()
    }
}

/// Every account's [`AudienceMember`], as of one count of store writes and
/// one query time.
#[derive(Debug)]
pub struct AudienceIndex {
    build: u64,
    writes_seen: u64,
    built_at: Timestamp,
    members: Vec<AudienceMember>,
}

impl AudienceIndex {
    /// Returns a number unique to this build (answers given from one build
    /// may be repeated as long as the build is current).
    pub fn build(&self) -> u64 {
        self.build
    }

    /// Returns the members.
    pub fn members(&self) -> &[AudienceMember] {
        &self.members
    }
}

/// The kept index (one per engine; clones of the engine share it).
#[derive(Default)]
pub(crate) struct AudienceIndexCache {
    builds: AtomicU64,
    index: Mutex<Option<Arc<AudienceIndex>>>,
}

impl Engine {
    /// Returns the audience index for `now`: the kept one when no write
    /// reached the store since it was built and it is younger than
    /// [`AUDIENCE_INDEX_MAX_AGE_SECONDS`], a new one otherwise.
    pub fn audience_index(&self, now: Timestamp) -> Result<Arc<AudienceIndex>, EngineError> {
        let cache = &self.parts.audience_index;
        let writes_seen = self.parts.counted_store.writes();
        if let Some(index) = cache.index.lock().expect("audience index lock").as_ref() {
            let age_seconds = (now - index.built_at).num_seconds();
            if index.writes_seen == writes_seen
                && (0..AUDIENCE_INDEX_MAX_AGE_SECONDS).contains(&age_seconds)
            {
                return Ok(Arc::clone(index));
            }
        }
        // Tagged with the write count read before building: a write that
        // lands meanwhile makes the next query build again.
        let index = Arc::new(AudienceIndex {
            build: cache.builds.fetch_add(1, Ordering::SeqCst),
            writes_seen,
            built_at: now,
            members: self.audience_members(now)?,
        });
        *cache.index.lock().expect("audience index lock") = Some(Arc::clone(&index));
        Ok(index)
    }
}
