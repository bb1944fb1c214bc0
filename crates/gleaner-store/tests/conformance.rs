//! The conformance suite of `gleaner_store::testsuite`, run on every backend
//! this crate ships.

use gleaner_store::testsuite::TestStore;
use gleaner_store::ModelStore;

gleaner_store::store_test_suite!(embedded_store, TestStore::embedded_in_tempdir);
gleaner_store::store_test_suite!(model_store, ModelStore::new);
