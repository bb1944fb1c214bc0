//! Crash safety of `EmbeddedStore`: a store left by a process that stopped
//! without closing it, or that was killed with SIGKILL while committing,
//! reopens readable and consistent, with whole batches only.
//!
//! The kill test re-runs this test binary as a child process (selected with
//! `--exact` and an environment variable), lets it commit batches in a loop,
//! kills it once it has reported some commits, and inspects the file.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use gleaner_core::{AccountId, HashedId, IdHasher};
use gleaner_store::testsuite::fixtures::{day, used_outcome};
use gleaner_store::{EmbeddedStore, EventOutcome, Store};

/// Set for the child process: the store directory to write into.
const CHILD_DIRECTORY_ENV: &str = "GLEANER_STORE_CRASH_TEST_DIRECTORY";
const CHILD_TEST_NAME: &str = "child_process_writer_for_the_kill_test";
const BATCH_SIZE: usize = 64;
const TOPICS_PER_EVENT: usize = 2;
const ACCOUNT_COUNT: usize = 5;
const BATCHES_BEFORE_KILL: usize = 5;

fn account_name(index: usize) -> String {
    format!("acct:{}", index % ACCOUNT_COUNT)
}

fn event_name(batch_index: usize, index_in_batch: usize) -> String {
    format!("b{batch_index}-e{index_in_batch}")
}

fn batch(hasher: &IdHasher, batch_index: usize) -> Vec<EventOutcome> {
    (0..BATCH_SIZE)
        .map(|index_in_batch| {
            used_outcome(
                hasher,
                &account_name(index_in_batch),
                &event_name(batch_index, index_in_batch),
                &[20, 24],
                day(1),
            )
        })
        .collect()
}

/// Checks that the store holds whole batches `0..n` and nothing else, and
/// that every listing agrees with `stats`; returns `n`.
fn assert_consistent(store: &EmbeddedStore) -> usize {
    let stats = store.stats().unwrap();
    assert_eq!(stats.events, stats.audit_records, "{stats:?}");
    assert_eq!(stats.signals, stats.events * TOPICS_PER_EVENT, "{stats:?}");
    assert_eq!(
        stats.events % BATCH_SIZE,
        0,
        "a batch was half committed: {stats:?}"
    );
    let batches = stats.events / BATCH_SIZE;

    let account_ids: Vec<AccountId> = (0..ACCOUNT_COUNT)
        .map(|index| AccountId::new(account_name(index)))
        .collect();
    let signals_listed: usize = account_ids
        .iter()
        .map(|id| store.signals_of(id).unwrap().len())
        .sum();
    let audit_listed: usize = account_ids
        .iter()
        .map(|id| store.audit_of(id).unwrap().len())
        .sum();
    assert_eq!(signals_listed, stats.signals);
    assert_eq!(audit_listed, stats.audit_records);

    let mut audit_events_in_order = Vec::new();
    store
        .for_each_audit_record(&mut |record| audit_events_in_order.push(record.event))
        .unwrap();
    let hasher = store.id_hasher();
    let expected_events: Vec<HashedId> = (0..batches)
        .flat_map(|batch_index| {
            (0..BATCH_SIZE).map(move |index| hasher.hash(&event_name(batch_index, index)))
        })
        .collect();
    assert_eq!(
        audit_events_in_order, expected_events,
        "audit order or content"
    );
    for event in &expected_events {
        assert!(store.has_event(event).unwrap());
    }
    batches
}

/// The child side of the kill test; a no-op in a normal test run.
#[test]
fn child_process_writer_for_the_kill_test() {
    let Some(directory) = std::env::var_os(CHILD_DIRECTORY_ENV) else {
        return;
    };
    let store = EmbeddedStore::open(Path::new(&directory)).unwrap();
    let mut stdout = std::io::stdout();
    for batch_index in 0.. {
        store
            .commit_events(&batch(store.id_hasher(), batch_index))
            .unwrap();
        writeln!(stdout, "committed {batch_index}").unwrap();
        stdout.flush().unwrap();
    }
}

#[test]
fn a_store_killed_while_committing_reopens_with_whole_batches_only() {
    let directory = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            CHILD_TEST_NAME,
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DIRECTORY_ENV, directory.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let child_output = BufReader::new(child.stdout.take().unwrap());
    let mut batches_reported = 0;
    for line in child_output.lines() {
        if line.unwrap().starts_with("committed ") {
            batches_reported += 1;
            if batches_reported == BATCHES_BEFORE_KILL {
                break;
            }
        }
    }
    assert_eq!(batches_reported, BATCHES_BEFORE_KILL, "child stopped early");
    // SIGKILL on Unix: no destructor, no close, most likely mid-commit.
    child.kill().unwrap();
    child.wait().unwrap();

    let store = EmbeddedStore::open(directory.path()).unwrap();
    let batches_found = assert_consistent(&store);
    assert!(
        batches_found >= BATCHES_BEFORE_KILL,
        "reported commits were lost: {batches_found}"
    );
    let report = store
        .commit_events(&batch(store.id_hasher(), batches_found))
        .unwrap();
    assert_eq!(
        report.committed, BATCH_SIZE,
        "the reopened store takes writes"
    );
    assert_eq!(assert_consistent(&store), batches_found + 1);
}

#[test]
fn a_store_dropped_without_close_reopens_with_everything_committed() {
    let directory = tempfile::tempdir().unwrap();
    {
        let store = EmbeddedStore::open(directory.path()).unwrap();
        store.commit_events(&batch(store.id_hasher(), 0)).unwrap();
        store.commit_events(&batch(store.id_hasher(), 1)).unwrap();
        // Leak instead of drop: nothing runs after the last commit.
        std::mem::forget(store);
    }
    // The leaked handle still holds the file lock in this process, so the
    // reopen goes through a second process-independent path: a copy.
    let copy = tempfile::tempdir().unwrap();
    for name in [
        gleaner_store::DATABASE_FILE_NAME,
        gleaner_store::ID_SECRET_FILE_NAME,
    ] {
        std::fs::copy(directory.path().join(name), copy.path().join(name)).unwrap();
    }
    let reopened = EmbeddedStore::open(copy.path()).unwrap();
    assert_eq!(assert_consistent(&reopened), 2);
}
