//! [`ModelStore`]: the in-memory reference implementation of [`Store`].
//!
//! It is written for obviousness, not speed: one `Mutex` around plain
//! `BTreeMap`s whose key order is the order the contract promises. It is the
//! oracle of the model-based test (every backend must agree with it after
//! every action) and a cheap store for other crates' unit tests
//! (`--store memory://`). Nothing survives the process.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use gleaner_core::{
    Account, AccountId, AccountMoveRecord, AccountsCenterId, AuditRecord, CatalogItem, EventDigest,
    HashedId, IdHasher, ItemId, ItemKind, SettingsOverrideRecord, Signal, Timestamp, TopicId,
};

use crate::error::StoreError;
use crate::store::{CommitReport, EventCheck, EventOutcome, ForgetReport, Store, StoreStats};

/// Everything a [`ModelStore`] holds.
#[derive(Debug, Default)]
struct ModelState {
    accounts: BTreeMap<AccountId, Account>,
    catalog: BTreeMap<ItemId, CatalogItem>,
    /// Seen event → (hashed owner account, content digest).
    seen_events: BTreeMap<HashedId, (HashedId, EventDigest)>,
    signals: BTreeMap<(AccountId, HashedId, TopicId), Signal>,
    /// (hashed account, insertion sequence) → record.
    audit: BTreeMap<(HashedId, u64), AuditRecord>,
    next_audit_sequence: u64,
    account_moves: Vec<AccountMoveRecord>,
    settings_overrides: Vec<SettingsOverrideRecord>,
    tombstones: u64,
}

/// An in-memory [`Store`]; see the module documentation.
#[derive(Debug)]
pub struct ModelStore {
    state: Mutex<ModelState>,
    hasher: IdHasher,
}

impl Default for ModelStore {
    fn default() -> Self {
        Self::new()
    }
}

impl ModelStore {
    /// Returns an empty store with a fresh random id secret.
    ///
    /// # Panics
    ///
    /// When the operating system has no random source (a test store; the
    /// persistent backends report this as an error instead).
    pub fn new() -> Self {
        Self::with_hasher(crate::secret::random_hasher().expect("the OS random source works"))
    }

    /// Returns an empty store that hashes ids with `hasher` (the
    /// model-based test shares the backend's hasher, so that hashed ids
    /// agree).
    pub fn with_hasher(hasher: IdHasher) -> Self {
        Self {
            state: Mutex::new(ModelState::default()),
            hasher,
        }
    }

    fn lock(&self) -> Result<MutexGuard<'_, ModelState>, StoreError> {
        self.state
            .lock()
            .map_err(|_| StoreError::Backend("model store lock poisoned".to_owned()))
    }
}

impl Store for ModelStore {
    fn id_hasher(&self) -> &IdHasher {
        &self.hasher
    }

    fn put_accounts(&self, accounts: &[Account]) -> Result<(), StoreError> {
        let mut state = self.lock()?;
        for account in accounts {
            state
                .accounts
                .insert(account.account_id.clone(), account.clone());
        }
        Ok(())
    }

    fn account(&self, account_id: &AccountId) -> Result<Option<Account>, StoreError> {
        Ok(self.lock()?.accounts.get(account_id).cloned())
    }

    fn accounts_in_center(&self, center: &AccountsCenterId) -> Result<Vec<Account>, StoreError> {
        Ok(self
            .lock()?
            .accounts
            .values()
            .filter(|account| account.accounts_center_id.as_ref() == Some(center))
            .cloned()
            .collect())
    }

    fn account_ids(&self) -> Result<Vec<AccountId>, StoreError> {
        Ok(self.lock()?.accounts.keys().cloned().collect())
    }

    fn record_account_move(&self, record: &AccountMoveRecord) -> Result<(), StoreError> {
        self.lock()?.account_moves.push(record.clone());
        Ok(())
    }

    fn account_moves(&self) -> Result<Vec<AccountMoveRecord>, StoreError> {
        Ok(self.lock()?.account_moves.clone())
    }

    fn record_settings_override(&self, record: &SettingsOverrideRecord) -> Result<(), StoreError> {
        self.lock()?.settings_overrides.push(record.clone());
        Ok(())
    }

    fn settings_overrides(&self) -> Result<Vec<SettingsOverrideRecord>, StoreError> {
        Ok(self.lock()?.settings_overrides.clone())
    }

    fn put_catalog_items(&self, items: &[CatalogItem]) -> Result<(), StoreError> {
        let mut state = self.lock()?;
        for item in items {
            state.catalog.insert(item.item_id.clone(), item.clone());
        }
        Ok(())
    }

    fn catalog_item(&self, item_id: &ItemId) -> Result<Option<CatalogItem>, StoreError> {
        Ok(self.lock()?.catalog.get(item_id).cloned())
    }

    fn catalog_items(&self, kind: Option<ItemKind>) -> Result<Vec<CatalogItem>, StoreError> {
        Ok(self
            .lock()?
            .catalog
            .values()
            .filter(|item| kind.is_none_or(|wanted| item.kind == wanted))
            .cloned()
            .collect())
    }

    fn has_event(&self, event: &HashedId) -> Result<bool, StoreError> {
        Ok(self.lock()?.seen_events.contains_key(event))
    }

    fn check_event(
        &self,
        event: &HashedId,
        digest: &EventDigest,
    ) -> Result<EventCheck, StoreError> {
        Ok(match self.lock()?.seen_events.get(event) {
            None => EventCheck::New,
            Some((_, stored)) => EventCheck::of_stored(Some(stored.as_bytes()), digest),
        })
    }

    fn commit_events(&self, outcomes: &[EventOutcome]) -> Result<CommitReport, StoreError> {
        let mut state = self.lock()?;
        let mut report = CommitReport::default();
        for outcome in outcomes {
            if let Some((_, stored)) = state.seen_events.get(&outcome.event) {
                match EventCheck::of_stored(Some(stored.as_bytes()), &outcome.digest) {
                    EventCheck::OtherContent => report.conflicting.push(outcome.event),
                    _ => report.already_present += 1,
                }
                continue;
            }
            outcome.debug_assert_consistent(&self.hasher);
            let account_hash = outcome.account_id.hashed(&self.hasher);
            state
                .seen_events
                .insert(outcome.event, (account_hash, outcome.digest));
            for signal in &outcome.signals {
                let signal_key = (outcome.account_id.clone(), outcome.event, signal.topic);
                state.signals.insert(signal_key, signal.clone());
            }
            let sequence = state.next_audit_sequence;
            state.next_audit_sequence += 1;
            state
                .audit
                .insert((account_hash, sequence), outcome.audit.clone());
            report.committed += 1;
        }
        Ok(report)
    }

    fn signals_of(&self, account_id: &AccountId) -> Result<Vec<Signal>, StoreError> {
        Ok(self
            .lock()?
            .signals
            .iter()
            .filter(|((owner, _, _), _)| owner == account_id)
            .map(|(_, signal)| signal.clone())
            .collect())
    }

    fn audit_of(&self, account_id: &AccountId) -> Result<Vec<AuditRecord>, StoreError> {
        let account_hash = account_id.hashed(&self.hasher);
        Ok(self
            .lock()?
            .audit
            .range((account_hash, 0)..=(account_hash, u64::MAX))
            .map(|(_, record)| record.clone())
            .collect())
    }

    fn for_each_audit_record(&self, visit: &mut dyn FnMut(&AuditRecord)) -> Result<(), StoreError> {
        let state = self.lock()?;
        let by_sequence: BTreeMap<u64, &AuditRecord> = state
            .audit
            .iter()
            .map(|((_, sequence), record)| (*sequence, record))
            .collect();
        for record in by_sequence.values() {
            visit(record);
        }
        Ok(())
    }

    fn forget_account(&self, account_id: &AccountId) -> Result<ForgetReport, StoreError> {
        let account_hash = account_id.hashed(&self.hasher);
        let mut state = self.lock()?;
        let signals_before = state.signals.len();
        state.signals.retain(|(owner, _, _), _| owner != account_id);
        let audit_before = state.audit.len();
        state.audit.retain(|(owner, _), _| *owner != account_hash);
        state
            .account_moves
            .retain(|record| record.account != account_hash);
        state
            .settings_overrides
            .retain(|record| record.account != account_hash);
        let events_before = state.seen_events.len();
        state
            .seen_events
            .retain(|_, (owner, _)| *owner != account_hash);
        let report = ForgetReport {
            account_removed: state.accounts.remove(account_id).is_some(),
            signals_removed: signals_before - state.signals.len(),
            audit_records_removed: audit_before - state.audit.len(),
            events_removed: events_before - state.seen_events.len(),
        };
        if report != ForgetReport::default() {
            state.tombstones += 1;
        }
        Ok(report)
    }

    fn expire_signals(&self, cutoff: Timestamp) -> Result<usize, StoreError> {
        let mut state = self.lock()?;
        let before = state.signals.len();
        state.signals.retain(|_, signal| signal.at >= cutoff);
        Ok(before - state.signals.len())
    }

    fn stats(&self) -> Result<StoreStats, StoreError> {
        let state = self.lock()?;
        Ok(StoreStats {
            accounts: state.accounts.len(),
            catalog_items: state.catalog.len(),
            events: state.seen_events.len(),
            signals: state.signals.len(),
            audit_records: state.audit.len(),
            tombstones: state.tombstones,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_model_store_is_empty() {
        let store = ModelStore::new();
        assert_eq!(store.stats().unwrap(), StoreStats::default());
        assert!(store.account_ids().unwrap().is_empty());
    }
}
