//! The conformance suite of `gleaner_store::testsuite`, run on every backend
//! this crate ships.
//!
//! The Redis and Postgres suites need the servers of
//! `gleaner_store::testsuite::servers`: without them they fail in CI and
//! print `skipping: …` elsewhere.

use gleaner_store::testsuite::TestStore;
use gleaner_store::ModelStore;

gleaner_store::store_test_suite!(embedded_store, TestStore::embedded_in_tempdir);
gleaner_store::store_test_suite!(model_store, ModelStore::new);
#[cfg(feature = "redis")]
gleaner_store::store_test_suite!(redis_store, TestStore::redis);
#[cfg(feature = "postgres")]
gleaner_store::store_test_suite!(postgres_store, TestStore::postgres);
