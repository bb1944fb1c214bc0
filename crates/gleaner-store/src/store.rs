//! The `Store` trait: everything Gleaner keeps, behind one interface.

use std::sync::Arc;

use gleaner_core::{
    Account, AccountId, AccountMoveRecord, AccountsCenterId, AuditRecord, CatalogItem, EventDigest,
    HashedId, IdHasher, ItemId, ItemKind, SettingsOverrideRecord, Signal, Timestamp,
};

use crate::error::StoreError;

/// Everything derived from one event, committed atomically: the event is
/// marked as seen, its signals are written and its audit record appended, or
/// none of it happens.
///
/// Invariant (checked with `debug_assert!` by the backends of this crate):
/// every signal's `account_id` and `event`, and the audit record's `account`
/// and `event`, are those of the outcome (hashed where the field is hashed,
/// with the store's [`Store::id_hasher`]).
/// Signals are keyed by the outcome's account, event and the signal's topic;
/// two signals of one outcome with the same topic keep the last one.
#[derive(Clone, Debug, PartialEq)]
pub struct EventOutcome {
    /// The hashed event id (idempotency key).
    pub event: HashedId,
    /// The digest of the event's content ([`gleaner_core::Event::content_digest`]),
    /// kept beside the seen marker: a later event with the same id and
    /// another digest is a conflict, not a redelivery.
    pub digest: EventDigest,
    /// The account the event belongs to (the owner of the signals and audit record).
    pub account_id: AccountId,
    /// Derived signals; empty when the event was dropped.
    pub signals: Vec<Signal>,
    /// The guardrail decision.
    pub audit: AuditRecord,
}

/// What a [`Store::commit_events`] call did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommitReport {
    /// Outcomes written.
    pub committed: usize,
    /// Outcomes skipped because their event was already stored with the
    /// same content digest (an exact redelivery).
    pub already_present: usize,
    /// Outcomes skipped because their event id was already stored (or came
    /// earlier in the batch) with another content digest: a reused id,
    /// which the caller reports as rejected. In batch order.
    pub conflicting: Vec<HashedId>,
}

/// What the store holds for an event id, next to a content digest
/// ([`Store::check_event`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventCheck {
    /// The event id is not stored.
    New,
    /// Stored with this digest (or by a build that kept no digest, which
    /// cannot be told apart): an exact redelivery.
    SameContent,
    /// Stored with another digest: the id is reused for other content.
    OtherContent,
}

impl EventCheck {
    /// Compares a stored digest (`None`: a marker written before digests
    /// were kept) with `digest`.
    pub fn of_stored(stored: Option<&[u8]>, digest: &EventDigest) -> Self {
        match stored {
            Some(bytes) if bytes != digest.as_bytes().as_slice() => Self::OtherContent,
            _ => Self::SameContent,
        }
    }
}

/// What a [`Store::forget_account`] call removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ForgetReport {
    /// Whether the account existed.
    pub account_removed: bool,
    /// Signals removed.
    pub signals_removed: usize,
    /// Audit records removed.
    pub audit_records_removed: usize,
    /// Seen-event markers removed.
    pub events_removed: usize,
}

/// Sizes, for reports and the operator dashboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StoreStats {
    /// Accounts held.
    pub accounts: usize,
    /// Catalog items held.
    pub catalog_items: usize,
    /// Events seen (used or dropped).
    pub events: usize,
    /// Signals held.
    pub signals: usize,
    /// Audit records held.
    pub audit_records: usize,
    /// Accounts erased with `forget` (a count only; nothing else of them stays).
    pub tombstones: u64,
}

impl EventOutcome {
    /// Asserts the invariant above in debug builds.
    pub(crate) fn debug_assert_consistent(&self, hasher: &IdHasher) {
        debug_assert_eq!(
            self.audit.account,
            self.account_id.hashed(hasher),
            "audit account"
        );
        debug_assert_eq!(self.audit.event, self.event, "audit event");
        for signal in &self.signals {
            debug_assert_eq!(signal.account_id, self.account_id, "signal account");
            debug_assert_eq!(signal.event, self.event, "signal event");
        }
    }
}

/// Persistence for accounts, catalog, signals and audit records.
///
/// # Contract (every backend; checked by the conformance suite in `testsuite`)
///
/// - Writes are atomic per call: after a crash a call's effect is all there
///   or not there at all.
/// - [`Store::commit_events`] is idempotent by `EventOutcome::event`: an
///   event already present with the same `digest` is skipped and counted in
///   [`CommitReport::already_present`]; one present (or earlier in the
///   batch) with another digest is skipped and listed in
///   [`CommitReport::conflicting`]. Either way nothing about the stored
///   event changes.
/// - [`Store::forget_account`] leaves nothing findable by the account id:
///   no account, signal, audit record, account-move or settings-override
///   record (matched through the hashed id) or seen-event marker of that
///   account; only the tombstone count grows.
///   Nor does it leave their bytes anywhere the store keeps (the embedded
///   store rewrites its file, see `embedded`; the server backends delete
///   every key, row and index entry and let the server reclaim the space):
///   the conformance suite's erase scan reads every byte, key or row.
/// - Ids are hashed only with [`Store::id_hasher`]: HMAC-SHA256 under a
///   secret the store creates once, keeps, and never returns from any
///   other method, logs or exports.
/// - No method takes or returns conversation text: the types cannot carry it.
/// - Listing methods return items in key order (account id, then event hash,
///   then topic for signals; insertion order for audit records), so every
///   backend gives the same answer.
pub trait Store: Send + Sync {
    /// Returns the hasher of this store's ids (keyed with the store's own
    /// secret, created with the store). Callers hash event and account ids
    /// for [`EventOutcome`]s and audit records with it, and only with it.
    fn id_hasher(&self) -> &IdHasher;

    /// Inserts or replaces accounts, keyed by account id.
    fn put_accounts(&self, accounts: &[Account]) -> Result<(), StoreError>;
    /// Returns one account.
    fn account(&self, account_id: &AccountId) -> Result<Option<Account>, StoreError>;
    /// Returns every account of an accounts center, in account-id order.
    fn accounts_in_center(&self, center: &AccountsCenterId) -> Result<Vec<Account>, StoreError>;
    /// Returns every account id, in order.
    fn account_ids(&self) -> Result<Vec<AccountId>, StoreError>;
    /// Appends the audit record of an account move (see
    /// [`AccountMoveRecord`]); [`Store::forget_account`] removes the
    /// records of the account it erases.
    fn record_account_move(&self, record: &AccountMoveRecord) -> Result<(), StoreError>;
    /// Returns every account-move record, oldest first.
    fn account_moves(&self) -> Result<Vec<AccountMoveRecord>, StoreError>;
    /// Appends the audit record of an operator overriding a person's
    /// settings (see [`SettingsOverrideRecord`]); [`Store::forget_account`]
    /// removes the records of the account it erases.
    fn record_settings_override(&self, record: &SettingsOverrideRecord) -> Result<(), StoreError>;
    /// Returns every settings-override record, oldest first.
    fn settings_overrides(&self) -> Result<Vec<SettingsOverrideRecord>, StoreError>;

    /// Inserts or replaces catalog items, keyed by item id.
    fn put_catalog_items(&self, items: &[CatalogItem]) -> Result<(), StoreError>;
    /// Returns one catalog item.
    fn catalog_item(&self, item_id: &ItemId) -> Result<Option<CatalogItem>, StoreError>;
    /// Returns the catalog items of one kind (or all), in item-id order.
    fn catalog_items(&self, kind: Option<ItemKind>) -> Result<Vec<CatalogItem>, StoreError>;
    /// Returns the catalog items of one kind, in item-id order, as a shared
    /// read-only snapshot: what `recommend` and `explain` rank on every
    /// request. The default decodes them on each call; a backend that can
    /// tell when its catalog changes keeps the snapshot between calls (the
    /// embedded store does, being the only writer of its file).
    fn catalog_snapshot(&self, kind: ItemKind) -> Result<Arc<[CatalogItem]>, StoreError> {
        Ok(self.catalog_items(Some(kind))?.into())
    }

    /// Returns true when the event was already committed.
    fn has_event(&self, event: &HashedId) -> Result<bool, StoreError>;
    /// Tells whether the event is new, stored with `digest`, or stored with
    /// another digest (see [`EventCheck`]).
    fn check_event(&self, event: &HashedId, digest: &EventDigest)
        -> Result<EventCheck, StoreError>;
    /// Commits a batch of event outcomes in one transaction (see the contract).
    fn commit_events(&self, outcomes: &[EventOutcome]) -> Result<CommitReport, StoreError>;

    /// Returns the signals an account produced.
    fn signals_of(&self, account_id: &AccountId) -> Result<Vec<Signal>, StoreError>;
    /// Returns the audit records of an account, oldest first.
    fn audit_of(&self, account_id: &AccountId) -> Result<Vec<AuditRecord>, StoreError>;
    /// Calls `visit` for every audit record, oldest first (for counts and dashboards).
    fn for_each_audit_record(&self, visit: &mut dyn FnMut(&AuditRecord)) -> Result<(), StoreError>;

    /// Removes every trace of an account (see the contract).
    fn forget_account(&self, account_id: &AccountId) -> Result<ForgetReport, StoreError>;
    /// Deletes signals that happened strictly before `cutoff`; returns how many.
    fn expire_signals(&self, cutoff: Timestamp) -> Result<usize, StoreError>;

    /// Returns sizes.
    fn stats(&self) -> Result<StoreStats, StoreError>;
}
