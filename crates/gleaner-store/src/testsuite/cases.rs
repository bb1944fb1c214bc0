//! One function per contract point of [`Store`]; each takes a fresh store.
//!
//! Each function panics with a message naming the broken promise.

use gleaner_core::{
    AccountId, AccountMoveRecord, AccountsCenterId, AiPersonalization, AuditRecord, HashedId,
    ItemId, ItemKind, OverrideReason, SettingChange, SettingsOverrideRecord, Signal, TopicId,
};

use super::fixtures::{account, catalog_item, day, dropped_outcome, used_outcome};
use crate::store::{CommitReport, EventCheck, ForgetReport, Store, StoreStats};

/// Everything observable about the given accounts, to compare before/after.
#[derive(Debug, PartialEq)]
struct Snapshot {
    signals: Vec<Vec<Signal>>,
    audit: Vec<Vec<AuditRecord>>,
    all_audit: Vec<AuditRecord>,
    stats: StoreStats,
}

fn snapshot(store: &dyn Store, account_ids: &[&str]) -> Snapshot {
    Snapshot {
        signals: account_ids
            .iter()
            .map(|id| store.signals_of(&AccountId::new(*id)).unwrap())
            .collect(),
        audit: account_ids
            .iter()
            .map(|id| store.audit_of(&AccountId::new(*id)).unwrap())
            .collect(),
        all_audit: all_audit_records(store),
        stats: store.stats().unwrap(),
    }
}

fn all_audit_records(store: &dyn Store) -> Vec<AuditRecord> {
    let mut records = Vec::new();
    store
        .for_each_audit_record(&mut |record| records.push(record.clone()))
        .unwrap();
    records
}

fn topics_of(signals: &[Signal]) -> Vec<u32> {
    signals.iter().map(|signal| signal.topic.0).collect()
}

/// Accounts are stored, read back and replaced by id.
pub fn put_get_replace_accounts(store: &dyn Store) {
    let first = account("fb:1", None);
    store.put_accounts(std::slice::from_ref(&first)).unwrap();
    assert_eq!(
        store.account(&first.account_id).unwrap(),
        Some(first.clone())
    );
    assert_eq!(store.account(&AccountId::new("fb:2")).unwrap(), None);

    let mut replacement = first.clone();
    replacement.hidden_topics = vec![TopicId(20)];
    replacement.birth_year = None;
    store
        .put_accounts(std::slice::from_ref(&replacement))
        .unwrap();
    assert_eq!(store.account(&first.account_id).unwrap(), Some(replacement));
    assert_eq!(
        store.stats().unwrap().accounts,
        1,
        "replace must not duplicate"
    );
}

/// `account_ids` lists every account once, in id order.
pub fn account_ids_are_listed_in_order(store: &dyn Store) {
    store
        .put_accounts(&[
            account("wa:2", None),
            account("fb:9", None),
            account("ig:5", None),
        ])
        .unwrap();
    store.put_accounts(&[account("fb:9", None)]).unwrap();
    let listed: Vec<String> = store
        .account_ids()
        .unwrap()
        .iter()
        .map(|id| id.as_str().to_owned())
        .collect();
    assert_eq!(listed, ["fb:9", "ig:5", "wa:2"]);
}

/// The center index follows puts, moves between centers, unlinking and forget.
pub fn accounts_in_center_follow_a_move_to_another_center(store: &dyn Store) {
    let center_one = AccountsCenterId::new("ac:1");
    let center_two = AccountsCenterId::new("ac:2");
    store
        .put_accounts(&[
            account("wa:2", Some("ac:1")),
            account("fb:1", Some("ac:1")),
            account("ig:3", Some("ac:2")),
            account("ms:4", None),
        ])
        .unwrap();
    let ids_in = |center: &AccountsCenterId| -> Vec<String> {
        store
            .accounts_in_center(center)
            .unwrap()
            .iter()
            .map(|found| found.account_id.as_str().to_owned())
            .collect()
    };
    assert_eq!(ids_in(&center_one), ["fb:1", "wa:2"]);
    assert_eq!(ids_in(&center_two), ["ig:3"]);

    store
        .put_accounts(&[account("wa:2", Some("ac:2"))])
        .unwrap();
    assert_eq!(
        ids_in(&center_one),
        ["fb:1"],
        "moved account left its old center"
    );
    assert_eq!(ids_in(&center_two), ["ig:3", "wa:2"]);

    store.put_accounts(&[account("fb:1", None)]).unwrap();
    assert!(
        ids_in(&center_one).is_empty(),
        "unlinked account left its center"
    );

    store.forget_account(&AccountId::new("ig:3")).unwrap();
    assert_eq!(
        ids_in(&center_two),
        ["wa:2"],
        "forgotten account left its center"
    );
    assert!(ids_in(&AccountsCenterId::new("ac:404")).is_empty());
}

/// Catalog items are read by id and listed by kind (or all) in id order;
/// a catalog snapshot always equals the listing, also right after a write.
pub fn catalog_items_are_listed_by_kind_in_id_order(store: &dyn Store) {
    store
        .put_catalog_items(&[
            catalog_item("reel:b", ItemKind::Reel, &[20]),
            catalog_item("ad:z", ItemKind::Ad, &[24]),
            catalog_item("ad:a", ItemKind::Ad, &[20, 24]),
        ])
        .unwrap();
    assert_eq!(
        store.catalog_snapshot(ItemKind::Ad).unwrap().as_ref(),
        store.catalog_items(Some(ItemKind::Ad)).unwrap()
    );
    let replacement = catalog_item("ad:z", ItemKind::Ad, &[1]);
    store
        .put_catalog_items(std::slice::from_ref(&replacement))
        .unwrap();
    assert_eq!(
        store.catalog_snapshot(ItemKind::Ad).unwrap().as_ref(),
        store.catalog_items(Some(ItemKind::Ad)).unwrap(),
        "a snapshot taken before a write is not served after it"
    );
    assert_eq!(
        store.catalog_item(&ItemId::new("ad:z")).unwrap(),
        Some(replacement)
    );
    assert_eq!(
        store.catalog_item(&ItemId::new("ad:missing")).unwrap(),
        None
    );
    let ids_of = |kind_opt: Option<ItemKind>| -> Vec<String> {
        store
            .catalog_items(kind_opt)
            .unwrap()
            .iter()
            .map(|item| item.item_id.as_str().to_owned())
            .collect()
    };
    assert_eq!(ids_of(Some(ItemKind::Ad)), ["ad:a", "ad:z"]);
    assert_eq!(ids_of(Some(ItemKind::Reel)), ["reel:b"]);
    assert!(ids_of(Some(ItemKind::Group)).is_empty());
    assert_eq!(ids_of(None), ["ad:a", "ad:z", "reel:b"]);
    assert_eq!(store.stats().unwrap().catalog_items, 3);
}

/// A committed event is seen; others are not.
pub fn commit_marks_events_as_seen(store: &dyn Store) {
    let outcome = used_outcome(store.id_hasher(), "fb:1", "e-1", &[20], day(1));
    assert!(!store.has_event(&outcome.event).unwrap());
    let report = store.commit_events(std::slice::from_ref(&outcome)).unwrap();
    assert_eq!(
        report,
        CommitReport {
            committed: 1,
            already_present: 0,
            conflicting: Vec::new(),
        }
    );
    assert!(store.has_event(&outcome.event).unwrap());
    assert!(!store.has_event(&store.id_hasher().hash("e-2")).unwrap());
}

/// The same batch committed twice: everything `already_present`, nothing changes.
pub fn commit_of_the_same_batch_twice_changes_nothing(store: &dyn Store) {
    let batch = vec![
        used_outcome(store.id_hasher(), "fb:1", "e-1", &[20, 24], day(1)),
        dropped_outcome(store.id_hasher(), "fb:1", "e-2", day(2)),
        used_outcome(store.id_hasher(), "wa:2", "e-3", &[9], day(3)),
    ];
    let first = store.commit_events(&batch).unwrap();
    assert_eq!(
        first,
        CommitReport {
            committed: 3,
            already_present: 0,
            conflicting: Vec::new(),
        }
    );
    let before = snapshot(store, &["fb:1", "wa:2"]);
    let second = store.commit_events(&batch).unwrap();
    assert_eq!(
        second,
        CommitReport {
            committed: 0,
            already_present: 3,
            conflicting: Vec::new(),
        }
    );
    assert_eq!(
        snapshot(store, &["fb:1", "wa:2"]),
        before,
        "a repeat changed the store"
    );
}

/// A batch holding the same event twice commits its first occurrence only:
/// an exact repeat is `already_present`, a repeat with other content is
/// `conflicting`.
pub fn an_event_repeated_inside_one_batch_is_committed_once(store: &dyn Store) {
    let first = used_outcome(store.id_hasher(), "fb:1", "e-1", &[20], day(1));
    let repeat_with_other_content =
        used_outcome(store.id_hasher(), "fb:1", "e-1", &[24, 25], day(2));
    let report = store
        .commit_events(&[
            first.clone(),
            first.clone(),
            repeat_with_other_content.clone(),
        ])
        .unwrap();
    assert_eq!(
        report,
        CommitReport {
            committed: 1,
            already_present: 1,
            conflicting: vec![repeat_with_other_content.event],
        }
    );
    let account_id = AccountId::new("fb:1");
    assert_eq!(store.signals_of(&account_id).unwrap(), first.signals);
    assert_eq!(store.audit_of(&account_id).unwrap(), vec![first.audit]);
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.events, stats.signals, stats.audit_records),
        (1, 1, 1)
    );
}

/// A stored event id with another content digest (another account, other
/// topics, another time) is a conflict, not a redelivery: nothing changes,
/// and `check_event` tells the three cases apart.
pub fn a_reused_event_id_with_other_content_is_a_conflict(store: &dyn Store) {
    let first = used_outcome(store.id_hasher(), "fb:1", "e-1", &[20], day(1));
    assert_eq!(
        store.check_event(&first.event, &first.digest).unwrap(),
        EventCheck::New
    );
    store.commit_events(std::slice::from_ref(&first)).unwrap();
    let before = snapshot(store, &["fb:1", "wa:2"]);
    assert_eq!(
        store.check_event(&first.event, &first.digest).unwrap(),
        EventCheck::SameContent
    );
    let reused = [
        used_outcome(store.id_hasher(), "wa:2", "e-1", &[20], day(1)),
        used_outcome(store.id_hasher(), "fb:1", "e-1", &[24], day(1)),
        dropped_outcome(store.id_hasher(), "fb:1", "e-1", day(3)),
    ];
    for other in &reused {
        assert_eq!(
            store.check_event(&other.event, &other.digest).unwrap(),
            EventCheck::OtherContent
        );
        let report = store.commit_events(std::slice::from_ref(other)).unwrap();
        assert_eq!(
            report,
            CommitReport {
                committed: 0,
                already_present: 0,
                conflicting: vec![other.event],
            },
            "a reused id was taken as already present"
        );
    }
    let redelivery = store.commit_events(std::slice::from_ref(&first)).unwrap();
    assert_eq!(
        (redelivery.already_present, redelivery.conflicting.len()),
        (1, 0),
        "an exact redelivery is a no-op"
    );
    assert_eq!(
        snapshot(store, &["fb:1", "wa:2"]),
        before,
        "a reused id changed the store"
    );
}

/// Account-move records are listed oldest first, and `forget` removes the
/// forgotten account's records only.
pub fn account_moves_are_listed_in_order_and_forgotten_with_the_account(store: &dyn Store) {
    let record = |account_id: &str, to: &str, minute: i64| AccountMoveRecord {
        at: day(1) + chrono::Duration::minutes(minute),
        account: AccountId::new(account_id).hashed(store.id_hasher()),
        from_center: None,
        to_center: Some(AccountsCenterId::new(to).hashed(store.id_hasher())),
        by: "cli".to_owned(),
    };
    store
        .put_accounts(&[account("fb:1", None), account("wa:2", None)])
        .unwrap();
    let moves = [
        record("fb:1", "ac:1", 0),
        record("wa:2", "ac:1", 1),
        record("fb:1", "ac:2", 2),
    ];
    for one in &moves {
        store.record_account_move(one).unwrap();
    }
    assert_eq!(store.account_moves().unwrap(), moves);
    store.forget_account(&AccountId::new("fb:1")).unwrap();
    assert_eq!(
        store.account_moves().unwrap(),
        [moves[1].clone()],
        "forget left a move record of the account, or removed another's"
    );
}

/// Settings-override records are listed oldest first, and `forget`
/// removes the forgotten account's records only.
pub fn settings_overrides_are_listed_in_order_and_forgotten_with_the_account(store: &dyn Store) {
    store
        .put_accounts(&[account("fb:1", None), account("wa:2", None)])
        .unwrap();
    let overrides = [
        override_record(store, "fb:1", "SUP-1", 0),
        override_record(store, "wa:2", "SUP-2", 1),
        override_record(store, "fb:1", "SUP-3", 2),
    ];
    for one in &overrides {
        store.record_settings_override(one).unwrap();
    }
    assert_eq!(store.settings_overrides().unwrap(), overrides);
    store.forget_account(&AccountId::new("fb:1")).unwrap();
    assert_eq!(
        store.settings_overrides().unwrap(),
        [overrides[1].clone()],
        "forget left a settings-override record of the account, or removed another's"
    );
}

/// An operator's override of `account_id`'s settings: AI personalization
/// on → off and a hidden topic, at `day(9)` plus `minute`.
fn override_record(
    store: &dyn Store,
    account_id: &str,
    reason: &str,
    minute: i64,
) -> SettingsOverrideRecord {
    SettingsOverrideRecord {
        at: day(9) + chrono::Duration::minutes(minute),
        account: AccountId::new(account_id).hashed(store.id_hasher()),
        by: "token op-1".to_owned(),
        reason: OverrideReason::new(reason).unwrap(),
        ai_personalization: Some(SettingChange {
            from: Some(AiPersonalization::On),
            to: Some(AiPersonalization::Off),
        }),
        hidden_topics: Some(SettingChange {
            from: Vec::new(),
            to: vec![TopicId(77)],
        }),
    }
}

/// An empty batch is a successful no-op.
pub fn an_empty_batch_commits_nothing(store: &dyn Store) {
    assert_eq!(store.commit_events(&[]).unwrap(), CommitReport::default());
    assert_eq!(store.stats().unwrap(), StoreStats::default());
}

/// `signals_of` returns one account's signals by event hash, then topic.
pub fn signals_are_listed_by_event_hash_then_topic(store: &dyn Store) {
    let event_ids = ["e-1", "e-2", "e-3", "e-4"];
    let outcomes: Vec<_> = event_ids
        .iter()
        .enumerate()
        .map(|(index, event_id)| {
            used_outcome(
                store.id_hasher(),
                "fb:1",
                event_id,
                &[30, 7, 19],
                day(index as u32),
            )
        })
        .collect();
    store.commit_events(&outcomes).unwrap();
    store
        .commit_events(&[used_outcome(
            store.id_hasher(),
            "fb:10",
            "e-other",
            &[1],
            day(1),
        )])
        .unwrap();
    let listed = store.signals_of(&AccountId::new("fb:1")).unwrap();
    assert_eq!(listed.len(), 12, "another account's signals leaked in");
    let listed_keys: Vec<(HashedId, u32)> = listed
        .iter()
        .map(|signal| (signal.event, signal.topic.0))
        .collect();
    let mut sorted_keys = listed_keys.clone();
    sorted_keys.sort_unstable();
    assert_eq!(listed_keys, sorted_keys);
    assert_eq!(topics_of(&listed[..3]), [7, 19, 30]);
    assert!(store
        .signals_of(&AccountId::new("fb:404"))
        .unwrap()
        .is_empty());
}

/// Audit records come back oldest first, per account and overall.
pub fn audit_records_are_listed_oldest_first(store: &dyn Store) {
    // Event hashes are deliberately not in commit order.
    let first_batch = vec![
        used_outcome(store.id_hasher(), "fb:1", "e-9", &[20], day(5)),
        dropped_outcome(store.id_hasher(), "wa:2", "e-1", day(1)),
        dropped_outcome(store.id_hasher(), "fb:1", "e-5", day(3)),
    ];
    let second_batch = vec![
        used_outcome(store.id_hasher(), "wa:2", "e-7", &[1], day(2)),
        dropped_outcome(store.id_hasher(), "fb:1", "e-2", day(0)),
    ];
    store.commit_events(&first_batch).unwrap();
    store.commit_events(&second_batch).unwrap();
    let in_commit_order: Vec<AuditRecord> = first_batch
        .iter()
        .chain(&second_batch)
        .map(|outcome| outcome.audit.clone())
        .collect();
    assert_eq!(all_audit_records(store), in_commit_order);
    let of_account = |id: &str| -> Vec<AuditRecord> {
        in_commit_order
            .iter()
            .filter(|record| record.account == AccountId::new(id).hashed(store.id_hasher()))
            .cloned()
            .collect()
    };
    assert_eq!(
        store.audit_of(&AccountId::new("fb:1")).unwrap(),
        of_account("fb:1")
    );
    assert_eq!(
        store.audit_of(&AccountId::new("wa:2")).unwrap(),
        of_account("wa:2")
    );
}

/// `forget` leaves nothing of the account and touches nothing of another.
pub fn forget_removes_every_trace_of_one_account_only(store: &dyn Store) {
    store
        .put_accounts(&[account("fb:1", Some("ac:1")), account("wa:2", Some("ac:1"))])
        .unwrap();
    let forgotten_batch = vec![
        used_outcome(store.id_hasher(), "fb:1", "e-1", &[20, 24], day(1)),
        dropped_outcome(store.id_hasher(), "fb:1", "e-2", day(2)),
    ];
    store.commit_events(&forgotten_batch).unwrap();
    store
        .commit_events(&[
            used_outcome(store.id_hasher(), "wa:2", "e-3", &[9], day(3)),
            dropped_outcome(store.id_hasher(), "wa:2", "e-4", day(4)),
        ])
        .unwrap();
    let kept_before = snapshot(store, &["wa:2"]);
    let tombstones_before = kept_before.stats.tombstones;

    let forgotten = AccountId::new("fb:1");
    let report = store.forget_account(&forgotten).unwrap();
    assert_eq!(
        report,
        ForgetReport {
            account_removed: true,
            signals_removed: 2,
            audit_records_removed: 2,
            events_removed: 2,
        }
    );
    assert_eq!(store.account(&forgotten).unwrap(), None);
    assert!(store.signals_of(&forgotten).unwrap().is_empty());
    assert!(store.audit_of(&forgotten).unwrap().is_empty());
    for outcome in &forgotten_batch {
        assert!(
            !store.has_event(&outcome.event).unwrap(),
            "seen marker kept"
        );
    }
    assert!(!store.account_ids().unwrap().contains(&forgotten));
    let forgotten_hash = forgotten.hashed(store.id_hasher());
    assert!(
        all_audit_records(store)
            .iter()
            .all(|record| record.account != forgotten_hash),
        "an audit record of the forgotten account is still listed"
    );

    let kept_after = snapshot(store, &["wa:2"]);
    assert_eq!(
        kept_after.signals, kept_before.signals,
        "other account touched"
    );
    assert_eq!(kept_after.audit, kept_before.audit, "other account touched");
    assert_eq!(kept_after.all_audit, kept_before.audit[0]);
    assert!(store.account(&AccountId::new("wa:2")).unwrap().is_some());
    assert_eq!(kept_after.stats.tombstones, tombstones_before + 1);
    assert_eq!(kept_after.stats.accounts, 1);
    assert_eq!(kept_after.stats.events, 2);
}

/// After `forget`, the same event may be ingested again (nothing remembers it).
pub fn forget_lets_a_forgotten_event_be_ingested_again(store: &dyn Store) {
    let outcome = used_outcome(store.id_hasher(), "fb:1", "e-1", &[20], day(1));
    store.commit_events(std::slice::from_ref(&outcome)).unwrap();
    store.forget_account(&AccountId::new("fb:1")).unwrap();
    let report = store.commit_events(std::slice::from_ref(&outcome)).unwrap();
    assert_eq!(report.committed, 1);
    assert_eq!(
        store.signals_of(&outcome.account_id).unwrap(),
        outcome.signals
    );
}

/// Forgetting an account the store never held removes nothing and leaves no tombstone.
pub fn forget_of_an_unknown_account_changes_nothing(store: &dyn Store) {
    store.put_accounts(&[account("fb:1", None)]).unwrap();
    store
        .commit_events(&[used_outcome(
            store.id_hasher(),
            "fb:1",
            "e-1",
            &[20],
            day(1),
        )])
        .unwrap();
    let before = snapshot(store, &["fb:1"]);
    let report = store.forget_account(&AccountId::new("fb:404")).unwrap();
    assert_eq!(report, ForgetReport::default());
    assert_eq!(snapshot(store, &["fb:1"]), before);
}

/// `expire_signals(cutoff)` removes signals strictly before `cutoff`, nothing else.
pub fn expire_removes_exactly_the_signals_strictly_before_the_cutoff(store: &dyn Store) {
    let mut just_before = used_outcome(store.id_hasher(), "fb:1", "e-2", &[24], day(3));
    just_before.signals[0].at = day(3) - chrono::Duration::nanoseconds(1);
    store
        .commit_events(&[
            used_outcome(store.id_hasher(), "fb:1", "e-1", &[20, 21], day(1)),
            just_before,
            used_outcome(store.id_hasher(), "fb:1", "e-3", &[22], day(3)),
            used_outcome(store.id_hasher(), "wa:2", "e-4", &[23], day(2)),
            used_outcome(store.id_hasher(), "wa:2", "e-5", &[25], day(4)),
        ])
        .unwrap();
    let audit_before = all_audit_records(store);

    let expired = store.expire_signals(day(3)).unwrap();
    assert_eq!(expired, 4);
    assert_eq!(
        topics_of(&store.signals_of(&AccountId::new("fb:1")).unwrap()),
        [22]
    );
    assert_eq!(
        topics_of(&store.signals_of(&AccountId::new("wa:2")).unwrap()),
        [25]
    );
    assert_eq!(
        all_audit_records(store),
        audit_before,
        "expire touched the audit log"
    );
    assert!(
        store.has_event(&store.id_hasher().hash("e-1")).unwrap(),
        "expired events stay seen"
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.signals, stats.events), (2, 5));

    assert_eq!(
        store.expire_signals(day(3)).unwrap(),
        0,
        "expire is idempotent"
    );
    assert_eq!(store.expire_signals(day(100)).unwrap(), 2);
    assert_eq!(store.stats().unwrap().signals, 0);
}

/// `stats` counts every table and the tombstones.
pub fn stats_count_everything_held(store: &dyn Store) {
    store
        .put_accounts(&[
            account("fb:1", None),
            account("wa:2", None),
            account("ig:3", None),
        ])
        .unwrap();
    store
        .put_catalog_items(&[catalog_item("ad:a", ItemKind::Ad, &[20])])
        .unwrap();
    store
        .commit_events(&[
            used_outcome(store.id_hasher(), "fb:1", "e-1", &[20, 24], day(1)),
            dropped_outcome(store.id_hasher(), "wa:2", "e-2", day(1)),
            used_outcome(store.id_hasher(), "ig:3", "e-3", &[9], day(1)),
        ])
        .unwrap();
    assert_eq!(
        store.stats().unwrap(),
        StoreStats {
            accounts: 3,
            catalog_items: 1,
            events: 3,
            signals: 3,
            audit_records: 3,
            tombstones: 0,
        }
    );
    store.forget_account(&AccountId::new("ig:3")).unwrap();
    store.forget_account(&AccountId::new("wa:2")).unwrap();
    assert_eq!(
        store.stats().unwrap(),
        StoreStats {
            accounts: 1,
            catalog_items: 1,
            events: 1,
            signals: 2,
            audit_records: 1,
            tombstones: 2,
        }
    );
}

/// Audit records carry hashed ids only: no raw account or event id comes back.
pub fn audit_records_hold_hashed_ids_only(store: &dyn Store) {
    store
        .commit_events(&[used_outcome(
            store.id_hasher(),
            "wa:secret-2001",
            "event-secret-1",
            &[20],
            day(1),
        )])
        .unwrap();
    let records = store.audit_of(&AccountId::new("wa:secret-2001")).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].account, store.id_hasher().hash("wa:secret-2001"));
    assert_eq!(records[0].event, store.id_hasher().hash("event-secret-1"));
    for record in all_audit_records(store) {
        let serialized = serde_json::to_string(&record).unwrap();
        assert!(
            !serialized.contains("secret"),
            "raw id in audit record: {serialized}"
        );
    }
}

/// Everything a backend holds, read raw (see [`TestStore::raw_contents`]).
///
/// [`TestStore::raw_contents`]: super::TestStore::raw_contents
pub type RawContents = dyn Fn() -> Vec<Vec<u8>>;

fn hex_of(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut hex, byte| {
        let _infallible = write!(hex, "{byte:02x}");
        hex
    })
}

/// Where in `contents` `needle` sits, as is or as hex (Postgres `bytea`).
fn raw_hit(contents: &[Vec<u8>], needle: &[u8]) -> Option<usize> {
    let hex_form = hex_of(needle).into_bytes();
    contents.iter().position(|item| {
        [needle, hex_form.as_slice()]
            .iter()
            .any(|form| !form.is_empty() && item.windows(form.len()).any(|window| window == *form))
    })
}

const ERASE_CANARY: &str = "zq:erase-canary-5501";
const ERASE_CANARY_CENTER: &str = "ac:erase-canary-center";
/// The center the canary is moved to (an account-move record names it,
/// hashed, and nothing else does).
const ERASE_CANARY_MOVED_TO: &str = "ac:erase-canary-moved-to";
/// The reason of the operator's override of the canary's settings (its
/// settings-override record holds it, and nothing else does).
const ERASE_CANARY_OVERRIDE_REASON: &str = "erase canary override SUP-5501";

/// The account-move record of `account_id` from center `from` to `to`,
/// with the ids hashed as the store hashes them.
fn move_record(
    store: &dyn Store,
    account_id: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> AccountMoveRecord {
    let hasher = store.id_hasher();
    AccountMoveRecord {
        at: day(9),
        account: AccountId::new(account_id).hashed(hasher),
        from_center: from.map(|center| AccountsCenterId::new(center).hashed(hasher)),
        to_center: to.map(|center| AccountsCenterId::new(center).hashed(hasher)),
        by: "cli".to_owned(),
    }
}

/// Another account's move record, which `forget` of the canary keeps.
fn kept_move_record(store: &dyn Store) -> AccountMoveRecord {
    move_record(store, "fb:kept-7", None, Some("ac:kept-center"))
}

/// Records the canary's move to another accounts center and another
/// account's move; returns what identifies the canary's record.
fn record_the_moves_around_the_erase_canary(store: &dyn Store) -> Vec<(String, Vec<u8>)> {
    let canary_move = move_record(
        store,
        ERASE_CANARY,
        Some(ERASE_CANARY_CENTER),
        Some(ERASE_CANARY_MOVED_TO),
    );
    store.record_account_move(&canary_move).unwrap();
    store.record_account_move(&kept_move_record(store)).unwrap();
    let moved_to_hash = AccountsCenterId::new(ERASE_CANARY_MOVED_TO).hashed(store.id_hasher());
    vec![
        (
            "account-move record".to_owned(),
            serde_json::to_vec(&canary_move).unwrap(),
        ),
        (
            "hashed center id of a move".to_owned(),
            moved_to_hash.as_bytes().to_vec(),
        ),
        (
            "hashed center id of a move as text".to_owned(),
            moved_to_hash.to_string().into_bytes(),
        ),
    ]
}

/// Another account's settings override, which `forget` of the canary keeps.
fn kept_override_record(store: &dyn Store) -> SettingsOverrideRecord {
    override_record(store, "fb:kept-7", "kept override SUP-7", 1)
}

/// Records an operator's override of the canary's settings and another
/// account's override; returns what identifies the canary's record.
fn record_the_overrides_around_the_erase_canary(store: &dyn Store) -> Vec<(String, Vec<u8>)> {
    let canary_override = override_record(store, ERASE_CANARY, ERASE_CANARY_OVERRIDE_REASON, 0);
    store.record_settings_override(&canary_override).unwrap();
    store
        .record_settings_override(&kept_override_record(store))
        .unwrap();
    vec![
        (
            "settings-override record".to_owned(),
            serde_json::to_vec(&canary_override).unwrap(),
        ),
        (
            "settings-override reason".to_owned(),
            ERASE_CANARY_OVERRIDE_REASON.as_bytes().to_vec(),
        ),
    ]
}

/// Fills `store` for the erase scan: 200 other accounts with two events
/// each, and between their halves the canary account (put twice, so an
/// older version of its record existed) with six events, a move to
/// another accounts center (an account-move record) and an operator's
/// override of its settings (a settings-override record), beside another
/// account's move and override. Returns what identifies the canary's data, as
/// `(what, bytes)`.
fn fill_around_the_erase_canary(store: &dyn Store) -> Vec<(String, Vec<u8>)> {
    let hasher = store.id_hasher();
    let kept_outcomes = |range: std::ops::Range<u32>| -> Vec<crate::store::EventOutcome> {
        range
            .flat_map(|index| {
                let owner = format!("fb:kept-{index}");
                [
                    used_outcome(
                        hasher,
                        &owner,
                        &format!("kept-{index}-a"),
                        &[20, 24],
                        day(3),
                    ),
                    dropped_outcome(hasher, &owner, &format!("kept-{index}-b"), day(4)),
                ]
            })
            .collect()
    };
    let kept_accounts: Vec<_> = (0..200)
        .map(|index| account(&format!("fb:kept-{index}"), None))
        .collect();
    store.put_accounts(&kept_accounts).unwrap();
    store.commit_events(&kept_outcomes(0..100)).unwrap();
    let mut first_version = account(ERASE_CANARY, Some(ERASE_CANARY_CENTER));
    first_version.hidden_topics = vec![TopicId(77)];
    store
        .put_accounts(std::slice::from_ref(&first_version))
        .unwrap();
    let second_version = account(ERASE_CANARY, Some(ERASE_CANARY_CENTER));
    store
        .put_accounts(std::slice::from_ref(&second_version))
        .unwrap();
    let canary_outcomes: Vec<_> = (0..5)
        .map(|index| {
            used_outcome(
                hasher,
                ERASE_CANARY,
                &format!("erase-canary-event-{index}"),
                &[20, 24, 31],
                day(7),
            )
        })
        .chain([dropped_outcome(
            hasher,
            ERASE_CANARY,
            "erase-canary-dropped",
            day(8),
        )])
        .collect();
    store.commit_events(&canary_outcomes).unwrap();
    let move_needles = record_the_moves_around_the_erase_canary(store);
    let override_needles = record_the_overrides_around_the_erase_canary(store);
    store.commit_events(&kept_outcomes(100..200)).unwrap();

    let account_hash = AccountId::new(ERASE_CANARY).hashed(hasher);
    let mut needles: Vec<(String, Vec<u8>)> = vec![
        ("account id".to_owned(), ERASE_CANARY.as_bytes().to_vec()),
        (
            "center id".to_owned(),
            ERASE_CANARY_CENTER.as_bytes().to_vec(),
        ),
        (
            "hashed account id".to_owned(),
            account_hash.as_bytes().to_vec(),
        ),
        (
            "hashed account id as text".to_owned(),
            account_hash.to_string().into_bytes(),
        ),
    ];
    for version in [&first_version, &second_version] {
        needles.push((
            "account record".to_owned(),
            serde_json::to_vec(version).unwrap(),
        ));
    }
    needles.extend(move_needles);
    needles.extend(override_needles);
    for outcome in &canary_outcomes {
        needles.push(("event hash".to_owned(), outcome.event.as_bytes().to_vec()));
        needles.push((
            "event content digest".to_owned(),
            outcome.digest.as_bytes().to_vec(),
        ));
        needles.push((
            "audit record".to_owned(),
            serde_json::to_vec(&outcome.audit).unwrap(),
        ));
        for signal in &outcome.signals {
            needles.push((
                "signal record".to_owned(),
                serde_json::to_vec(signal).unwrap(),
            ));
        }
    }
    needles
}

/// `forget` leaves no byte of the account in anything the store keeps:
/// not its id, its center, its hashed id, its event hashes or content
/// digests, nor any of its signal, audit, account-move, settings-override
/// or account records
/// (a replaced account version included),
/// as read by `raw` (every file of the embedded store's directory, every
/// Redis key and value, every Postgres row). The canary account sits
/// between other accounts' data, so its pages are in the middle of a file.
pub fn erase_leaves_no_byte_of_the_account(store: &dyn Store, raw: &RawContents) {
    let needles = fill_around_the_erase_canary(store);
    let before = raw();
    let must_be_seen = |what: &str| {
        what.starts_with("account id")
            || what.starts_with("center id")
            || what.starts_with("hashed account id")
            || what == "account-move record"
            || what == "settings-override record"
            || what == "settings-override reason"
            || what == "event content digest"
    };
    for (what, needle) in needles.iter().filter(|(what, _)| must_be_seen(what)) {
        assert!(
            raw_hit(&before, needle).is_some(),
            "the scan does not see the stored {what}, so it proves nothing"
        );
    }
    let report = store.forget_account(&AccountId::new(ERASE_CANARY)).unwrap();
    assert_eq!(
        (
            report.signals_removed,
            report.audit_records_removed,
            report.events_removed
        ),
        (15, 6, 6)
    );
    let after = raw();
    for (what, needle) in &needles {
        if let Some(index) = raw_hit(&after, needle) {
            panic!(
                "after forget, item {index} of the store's raw contents still holds the erased {what}"
            );
        }
    }
    assert!(
        raw_hit(&after, b"fb:kept-150").is_some(),
        "forget removed another account's data"
    );
    assert_eq!(store.stats().unwrap().accounts, 200);
    assert_eq!(
        store.account_moves().unwrap(),
        [kept_move_record(store)],
        "forget removed another account's move record"
    );
    assert_eq!(
        store.settings_overrides().unwrap(),
        [kept_override_record(store)],
        "forget removed another account's settings-override record"
    );
}

/// Each store keys its id hashes with a secret of its own: the same id
/// hashes differently in two stores, so a hash from one store's audit log
/// cannot be matched by hashing guessed ids, nor joined with another's.
pub fn two_stores_hash_the_same_id_differently(first: &dyn Store, second: &dyn Store) {
    let account_id = AccountId::new("ig:3021");
    assert_ne!(
        account_id.hashed(first.id_hasher()),
        account_id.hashed(second.id_hasher()),
        "two stores share an id secret"
    );
    assert_eq!(
        account_id.hashed(first.id_hasher()),
        account_id.hashed(first.id_hasher()),
        "a store hashes one id two ways"
    );
}
