//! The conformance suite every [`Store`] backend runs (feature `testsuite`).
//!
//! [`store_test_suite!`](crate::store_test_suite) generates one `#[test]` per
//! contract point of [`Store`] plus a model-based property test that runs
//! random [`Action`]s against the backend and a [`ModelStore`] and requires
//! the same observable state after every action.
//!
//! ```ignore
//! gleaner_store::store_test_suite!(embedded, gleaner_store::testsuite::TestStore::embedded_in_tempdir);
//! gleaner_store::store_test_suite!(model, || gleaner_store::ModelStore::new());
//! ```
//!
//! The argument is anything callable with no argument that returns an
//! [`IntoTestStore`]: a store, a [`TestStore`] that also owns whatever
//! must outlive the store (a temporary directory, a server namespace), or
//! `Option<TestStore>`, where `None` means "no server here": every test of
//! the suite then returns at once (the factory has said why; see
//! [`servers::server_available`]).
//!
//! # Layout
//!
//! - [`fixtures`]: accounts, catalog items and event outcomes for tests.
//! - [`cases`]: one public function per contract point, `fn(&dyn Store)`.
//! - [`model_test`]: [`Action`], its proptest strategy and the comparison
//!   with [`ModelStore`].
//! - [`servers`] (features `redis`/`postgres`): test stores on real
//!   servers in namespaces of their own, and the rule for a missing server
//!   (fail in CI, skip with a message elsewhere).

use std::any::Any;
use std::ops::Deref;
use std::path::Path;

use crate::embedded::EmbeddedStore;
use crate::model::ModelStore;
use crate::store::Store;

pub mod cases;
pub mod fixtures;
pub mod model_test;
pub mod proxy;
#[cfg(any(feature = "redis", feature = "postgres"))]
pub mod servers;

pub use model_test::{
    actions_strategy, assert_agrees_with_model, run_model_based_test, Action, OutcomeSpec,
};

/// A store under test, with whatever must live as long as it.
///
/// The store is dropped before the guard, so a directory guard outlives the
/// database file it holds.
pub struct TestStore {
    store: Box<dyn Store>,
    raw_contents: Option<Box<cases::RawContents>>,
    _keep_alive: Option<Box<dyn Any>>,
}

impl TestStore {
    /// Wraps a store that needs nothing kept alive.
    pub fn new(store: impl Store + 'static) -> Self {
        Self {
            store: Box::new(store),
            raw_contents: None,
            _keep_alive: None,
        }
    }

    /// Wraps a store and a value that must outlive it.
    pub fn with_guard(store: impl Store + 'static, guard: impl Any) -> Self {
        Self {
            store: Box::new(store),
            raw_contents: None,
            _keep_alive: Some(Box::new(guard)),
        }
    }

    /// Adds the reader of everything the store holds, raw (for the erase
    /// scan): every file of a directory, every key and value, every row.
    #[must_use]
    pub fn with_raw_contents(mut self, read: impl Fn() -> Vec<Vec<u8>> + 'static) -> Self {
        self.raw_contents = Some(Box::new(read));
        self
    }

    /// Returns the raw reader, when the store has one (not the in-memory
    /// model, which keeps nothing).
    pub fn raw_contents(&self) -> Option<&cases::RawContents> {
        self.raw_contents.as_deref()
    }

    /// Returns a fresh [`EmbeddedStore`] in a new temporary directory that
    /// is removed when the `TestStore` is dropped.
    pub fn embedded_in_tempdir() -> Self {
        let directory = tempfile::tempdir().expect("create a temporary directory");
        let store = EmbeddedStore::open(directory.path()).expect("open the embedded store");
        let path = directory.path().to_path_buf();
        Self::with_guard(store, directory).with_raw_contents(move || files_under(&path))
    }

    /// Returns a fresh [`EmbeddedStore`] in `directory` (kept by the caller).
    pub fn embedded_in(directory: &Path) -> Self {
        Self::new(EmbeddedStore::open(directory).expect("open the embedded store"))
    }

    /// Returns a fresh [`ModelStore`].
    pub fn model() -> Self {
        Self::new(ModelStore::new())
    }

    /// Returns the store.
    pub fn store(&self) -> &dyn Store {
        &*self.store
    }
}

impl Deref for TestStore {
    type Target = dyn Store;

    fn deref(&self) -> &Self::Target {
        &*self.store
    }
}

/// The bytes of every file under `directory`, recursively.
///
/// # Panics
///
/// When a file cannot be read.
pub fn files_under(directory: &Path) -> Vec<Vec<u8>> {
    let mut contents = Vec::new();
    for entry in std::fs::read_dir(directory).expect("read the store directory") {
        let path = entry.expect("read the store directory").path();
        if path.is_dir() {
            contents.extend(files_under(&path));
        } else {
            contents.push(std::fs::read(&path).expect("read a store file"));
        }
    }
    contents
}

/// What a store factory given to [`store_test_suite!`](crate::store_test_suite) may return.
pub trait IntoTestStore {
    /// Converts into a [`TestStore`]; `None` skips the test (no server).
    fn into_test_store(self) -> Option<TestStore>;
}

impl IntoTestStore for TestStore {
    fn into_test_store(self) -> Option<TestStore> {
        Some(self)
    }
}

impl IntoTestStore for Option<TestStore> {
    fn into_test_store(self) -> Option<TestStore> {
        self
    }
}

impl<S: Store + 'static> IntoTestStore for S {
    fn into_test_store(self) -> Option<TestStore> {
        Some(TestStore::new(self))
    }
}

/// Generates the conformance suite for one backend: a module named `$suite`
/// with one `#[test]` per function of [`cases`] and a model-based test.
///
/// `$make_store` is called once per test (and once per model-based case)
/// and must return an [`IntoTestStore`]; when it gives `None` the test
/// returns without running.
#[macro_export]
macro_rules! store_test_suite {
    ($suite:ident, $make_store:expr) => {
        mod $suite {
            #[allow(unused_imports)]
            use super::*;

            fn fresh_store() -> ::std::option::Option<$crate::testsuite::TestStore> {
                let make_store = $make_store;
                $crate::testsuite::IntoTestStore::into_test_store(make_store())
            }

            $crate::store_test_suite!(@cases fresh_store;
                put_get_replace_accounts,
                account_ids_are_listed_in_order,
                accounts_in_center_follow_a_move_to_another_center,
                catalog_items_are_listed_by_kind_in_id_order,
                commit_marks_events_as_seen,
                commit_of_the_same_batch_twice_changes_nothing,
                an_event_repeated_inside_one_batch_is_committed_once,
                a_reused_event_id_with_other_content_is_a_conflict,
                an_empty_batch_commits_nothing,
                account_moves_are_listed_in_order_and_forgotten_with_the_account,
                settings_overrides_are_listed_in_order_and_forgotten_with_the_account,
                signals_are_listed_by_event_hash_then_topic,
                audit_records_are_listed_oldest_first,
                forget_removes_every_trace_of_one_account_only,
                forget_lets_a_forgotten_event_be_ingested_again,
                forget_of_an_unknown_account_changes_nothing,
                expire_removes_exactly_the_signals_strictly_before_the_cutoff,
                stats_count_everything_held,
                audit_records_hold_hashed_ids_only,
            );

            #[test]
            fn erase_leaves_no_byte_of_the_account() {
                let ::std::option::Option::Some(test_store) = fresh_store() else {
                    return;
                };
                let ::std::option::Option::Some(raw) = test_store.raw_contents() else {
                    return;
                };
                $crate::testsuite::cases::erase_leaves_no_byte_of_the_account(test_store.store(), raw);
            }

            #[test]
            fn two_stores_hash_the_same_id_differently() {
                let (::std::option::Option::Some(first), ::std::option::Option::Some(second)) =
                    (fresh_store(), fresh_store())
                else {
                    return;
                };
                $crate::testsuite::cases::two_stores_hash_the_same_id_differently(
                    first.store(),
                    second.store(),
                );
            }

            #[test]
            fn agrees_with_the_model_store_on_random_actions() {
                let ::std::option::Option::Some(probe) = fresh_store() else {
                    return;
                };
                drop(probe);
                $crate::testsuite::run_model_based_test(
                    || fresh_store().expect("the store's server went away during the test"),
                    64,
                );
            }
        }
    };
    (@cases $fresh_store:ident; $($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                let ::std::option::Option::Some(test_store) = $fresh_store() else {
                    return;
                };
                $crate::testsuite::cases::$case(test_store.store());
            }
        )*
    };
}
