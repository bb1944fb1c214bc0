//! The model-based test: random [`Action`]s against a backend and a
//! [`ModelStore`]; after each action both must show the same state.
//!
//! The input space is deliberately narrow (4 accounts, 6 events, 3 topics,
//! 10 days) so that random sequences collide: an event committed twice, an
//! account forgotten and re-ingested, an expiry that cuts through one
//! account's signals, an operator record of an account that is then
//! forgotten.

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};

use gleaner_core::{
    AccountId, AccountMoveRecord, AccountsCenterId, AiPersonalization, IdHasher, OverrideReason,
    SettingChange, SettingsOverrideRecord,
};

use super::fixtures::{account, day, dropped_outcome, used_outcome};
use super::TestStore;
use crate::model::ModelStore;
use crate::store::{EventOutcome, Store};

const ACCOUNT_COUNT: u8 = 4;
const EVENT_COUNT: u8 = 6;
const TOPIC_COUNT: u32 = 3;
const DAY_COUNT: u32 = 10;

/// One event of a [`Action::CommitEvents`] batch, in the narrow space.
#[derive(Clone, Debug)]
pub struct OutcomeSpec {
    /// Account index (`0..4`).
    pub account: u8,
    /// Event index (`0..6`).
    pub event: u8,
    /// Topic ids (`0..3`, repeats allowed); empty means a dropped event.
    pub topics: Vec<u32>,
    /// Day of the event (`0..10`).
    pub day: u32,
}

/// One step of the model-based test.
#[derive(Clone, Debug)]
pub enum Action {
    /// Inserts or replaces an account, linked to center `center` if any.
    PutAccount {
        /// Account index.
        account: u8,
        /// Center index (`0..2`).
        center: Option<u8>,
    },
    /// Commits one batch.
    CommitEvents(Vec<OutcomeSpec>),
    /// Forgets an account.
    Forget {
        /// Account index.
        account: u8,
    },
    /// Expires signals before midnight of `day`.
    Expire {
        /// Cutoff day.
        day: u32,
    },
    /// Records an operator's change to an account, as the engine does:
    /// only for an account the store holds.
    RecordOperatorChange {
        /// Account index.
        account: u8,
        /// A settings override when true, else a move to center `ac:1`.
        settings_override: bool,
        /// Day of the record.
        day: u32,
    },
}

fn account_name(index: u8) -> String {
    format!("acct:{index}")
}

fn event_name(index: u8) -> String {
    format!("evt-{index}")
}

impl OutcomeSpec {
    fn to_outcome(&self, hasher: &IdHasher) -> EventOutcome {
        let account_id = account_name(self.account);
        let event_id = event_name(self.event);
        if self.topics.is_empty() {
            dropped_outcome(hasher, &account_id, &event_id, day(self.day))
        } else {
            used_outcome(hasher, &account_id, &event_id, &self.topics, day(self.day))
        }
    }
}

fn outcome_spec_strategy() -> impl Strategy<Value = OutcomeSpec> {
    (
        0..ACCOUNT_COUNT,
        0..EVENT_COUNT,
        proptest::collection::vec(0..TOPIC_COUNT, 0..4),
        0..DAY_COUNT,
    )
        .prop_map(|(account, event, topics, day)| OutcomeSpec {
            account,
            event,
            topics,
            day,
        })
}

fn action_strategy() -> impl Strategy<Value = Action> {
    prop_oneof![
        2 => (0..ACCOUNT_COUNT, proptest::option::of(0..2u8))
            .prop_map(|(account, center)| Action::PutAccount { account, center }),
        5 => proptest::collection::vec(outcome_spec_strategy(), 0..5).prop_map(Action::CommitEvents),
        1 => (0..ACCOUNT_COUNT).prop_map(|account| Action::Forget { account }),
        1 => (0..=DAY_COUNT).prop_map(|day| Action::Expire { day }),
        1 => (0..ACCOUNT_COUNT, any::<bool>(), 0..DAY_COUNT).prop_map(
            |(account, settings_override, day)| Action::RecordOperatorChange {
                account,
                settings_override,
                day,
            }
        ),
    ]
}

/// Returns sequences of 1 to 24 actions.
pub fn actions_strategy() -> impl Strategy<Value = Vec<Action>> {
    proptest::collection::vec(action_strategy(), 1..24)
}

/// Applies `action`; returns its result, printed so that results compare.
fn apply(store: &dyn Store, action: &Action) -> String {
    match action {
        Action::PutAccount {
            account: index,
            center,
        } => {
            let center_name_opt = center.map(|center_index| format!("ac:{center_index}"));
            let stored = account(&account_name(*index), center_name_opt.as_deref());
            format!("{:?}", store.put_accounts(&[stored]))
        }
        Action::CommitEvents(specs) => {
            let outcomes: Vec<EventOutcome> = specs
                .iter()
                .map(|spec| spec.to_outcome(store.id_hasher()))
                .collect();
            format!("{:?}", store.commit_events(&outcomes))
        }
        Action::Forget { account: index } => {
            format!(
                "{:?}",
                store.forget_account(&AccountId::new(account_name(*index)))
            )
        }
        Action::Expire { day: cutoff_day } => {
            format!("{:?}", store.expire_signals(day(*cutoff_day)))
        }
        Action::RecordOperatorChange {
            account: index,
            settings_override,
            day: record_day,
        } => record_operator_change(store, *index, *settings_override, *record_day),
    }
}

fn record_operator_change(
    store: &dyn Store,
    index: u8,
    settings_override: bool,
    record_day: u32,
) -> String {
    let account_id = AccountId::new(account_name(index));
    match store.account(&account_id) {
        Ok(Some(_)) => {}
        other => return format!("not recorded: {other:?}"),
    }
    let account_hash = account_id.hashed(store.id_hasher());
    if settings_override {
        let record = SettingsOverrideRecord {
            at: day(record_day),
            account: account_hash,
            by: "cli".to_owned(),
            reason: OverrideReason::new("model test").expect("a valid reason"),
            ai_personalization: Some(SettingChange {
                from: Some(AiPersonalization::On),
                to: Some(AiPersonalization::Off),
            }),
            hidden_topics: None,
        };
        format!("{:?}", store.record_settings_override(&record))
    } else {
        let record = AccountMoveRecord {
            at: day(record_day),
            account: account_hash,
            from_center: None,
            to_center: Some(AccountsCenterId::new("ac:1").hashed(store.id_hasher())),
            by: "cli".to_owned(),
        };
        format!("{:?}", store.record_account_move(&record))
    }
}

/// Everything a caller can observe in the narrow space, printed.
fn observe(store: &dyn Store) -> Vec<String> {
    let mut observed = vec![
        format!("stats {:?}", store.stats()),
        format!("account_ids {:?}", store.account_ids()),
    ];
    for index in 0..ACCOUNT_COUNT {
        let account_id = AccountId::new(account_name(index));
        observed.push(format!("account {index} {:?}", store.account(&account_id)));
        observed.push(format!(
            "signals {index} {:?}",
            store.signals_of(&account_id)
        ));
        observed.push(format!("audit {index} {:?}", store.audit_of(&account_id)));
    }
    for center_index in 0..2 {
        let center = gleaner_core::AccountsCenterId::new(format!("ac:{center_index}"));
        observed.push(format!(
            "center {center_index} {:?}",
            store.accounts_in_center(&center)
        ));
    }
    for index in 0..EVENT_COUNT {
        let event = store.id_hasher().hash(&event_name(index));
        observed.push(format!("event {index} {:?}", store.has_event(&event)));
    }
    let mut all_audit = Vec::new();
    let visited = store.for_each_audit_record(&mut |record| all_audit.push(record.clone()));
    observed.push(format!("all audit {visited:?} {all_audit:?}"));
    observed.push(format!("account moves {:?}", store.account_moves()));
    observed.push(format!(
        "settings overrides {:?}",
        store.settings_overrides()
    ));
    observed
}

/// Runs `actions` on `store` and on a fresh [`ModelStore`] that shares its
/// id hasher (so hashed ids in audit records agree); fails at the first
/// action whose result or aftermath differs.
pub fn assert_agrees_with_model(
    store: &dyn Store,
    actions: &[Action],
) -> Result<(), TestCaseError> {
    let model = ModelStore::with_hasher(store.id_hasher().clone());
    prop_assert_eq!(observe(store), observe(&model), "fresh stores differ");
    for (step, action) in actions.iter().enumerate() {
        let store_result = apply(store, action);
        let model_result = apply(&model, action);
        prop_assert_eq!(
            &store_result,
            &model_result,
            "step {} {:?}: results differ",
            step,
            action
        );
        let store_state = observe(store);
        let model_state = observe(&model);
        for (store_line, model_line) in store_state.iter().zip(&model_state) {
            prop_assert_eq!(
                store_line,
                model_line,
                "step {} {:?}: state differs",
                step,
                action
            );
        }
    }
    Ok(())
}

/// Runs `cases` random action sequences, each on a fresh store from
/// `fresh_store`. Failures are shrunk, and the seed is saved under
/// `proptest-regressions/store_model.txt` of the calling crate.
pub fn run_model_based_test(fresh_store: impl Fn() -> TestStore, cases: u32) {
    let config = Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/store_model.txt",
        ))),
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&actions_strategy(), |actions| {
        let test_store = fresh_store();
        assert_agrees_with_model(test_store.store(), &actions)
    });
    if let Err(failure) = result {
        panic!("store disagrees with the model: {failure}");
    }
}
