//! `gleaner publish` and `gleaner ingest --source nats://…` end to end, on
//! the real binary with the real NATS and Redis servers: a worker killed
//! with SIGKILL mid-stream and a second one finishing the stream leave
//! exactly what a plain file ingest leaves; two workers at once leave what
//! one worker leaves. Without a server these tests fail in CI and skip
//! elsewhere.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use gleaner_core::{AuditOutcome, Signal};
use gleaner_store::testsuite::servers::{Server, ServerNamespace};
use gleaner_store::{Store, StoreResolver};
use gleaner_stream::shard::events_wildcard;
use gleaner_stream::testsuite::{test_nats_url, unique_stream_name};
use gleaner_stream::NatsStream;

const NOW: &str = "2026-07-01T00:00:00Z";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The binary on the lexicon tier (see `tests/cli.rs`).
fn bin(store: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gleaner"));
    command
        .env(
            "GLEANER_MODELS",
            repo_root().join("target/no-models-in-cli-tests"),
        )
        .args(["--tier", "lexicon", "--now", NOW, "--store", store])
        .stdin(Stdio::null());
    command
}

fn succeed(command: &mut Command) -> Output {
    let output = command.output().expect("the gleaner binary runs");
    assert!(
        output.status.success(),
        "{command:?} failed: {}\n{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    output
}

/// Writes the deterministic workload with `gleaner bench --workload-out`.
fn workload(events: usize) -> tempfile::TempDir {
    let directory = tempfile::tempdir().unwrap();
    succeed(bin("memory://").args([
        "bench",
        "--events",
        &events.to_string(),
        "--workload-out",
        directory.path().to_str().unwrap(),
    ]));
    directory
}

fn file(directory: &Path, name: &str) -> String {
    directory.join(name).display().to_string()
}

fn load_accounts_and_catalog(store: &str, directory: &Path) {
    succeed(bin(store).args([
        "ingest",
        "--accounts",
        &file(directory, "accounts.jsonl"),
        "--catalog",
        &file(directory, "catalog.jsonl"),
    ]));
}

/// A stream made for one test, deleted when the test ends (even failing).
struct TestStream {
    source: String,
    name: String,
}

impl TestStream {
    fn publish(source: &str, label: &str, store: &str, events: &str) -> Self {
        let name = unique_stream_name(label);
        succeed(bin(store).args([
            "publish", "--source", source, "--stream", &name, "--events", events,
        ]));
        Self {
            source: source.to_owned(),
            name,
        }
    }

    fn worker(&self, store: &str, idle_seconds: &str) -> Command {
        let mut command = bin(store);
        command.args([
            "--json",
            "ingest",
            "--source",
            &self.source,
            "--stream",
            &self.name,
            "--ack-wait",
            "2",
            "--exit-when-idle",
            idle_seconds,
        ]);
        command
    }

    fn left_in_stream(&self) -> u64 {
        NatsStream::open(&self.source, &self.name)
            .unwrap()
            .messages_on(&events_wildcard(&self.name))
            .unwrap()
    }
}

impl Drop for TestStream {
    fn drop(&mut self) {
        if let Ok(stream) = NatsStream::open(&self.source, &self.name) {
            if let Err(error) = stream.delete() {
                eprintln!(
                    "warning: could not delete test stream {}: {error}",
                    self.name
                );
            }
        }
    }
}

/// Everything the ingest left in a store, comparable across stores: the
/// sizes, and per account its signals and its audit outcomes.
#[derive(Debug, PartialEq)]
struct Fingerprint {
    events: usize,
    signals: usize,
    audit_records: usize,
    per_account: BTreeMap<String, (Vec<Signal>, BTreeMap<String, usize>)>,
}

fn fingerprint(store: &dyn Store) -> Fingerprint {
    let stats = store.stats().unwrap();
    let mut per_account = BTreeMap::new();
    for account_id in store.account_ids().unwrap() {
        // Each store keys its event hashes with its own secret: compare
        // the signals without them.
        let mut signals: Vec<Signal> = store
            .signals_of(&account_id)
            .unwrap()
            .into_iter()
            .map(|mut signal| {
                signal.event = gleaner_core::HashedId::from_bytes([0; 16]);
                signal
            })
            .collect();
        signals.sort_by_cached_key(|signal| serde_json::to_string(signal).unwrap());
        let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
        for record in store.audit_of(&account_id).unwrap() {
            let outcome = match record.outcome {
                AuditOutcome::Used => "used",
                AuditOutcome::Restricted => "restricted",
                AuditOutcome::Dropped => "dropped",
            };
            *outcomes.entry(outcome.to_owned()).or_default() += 1;
        }
        per_account.insert(account_id.to_string(), (signals, outcomes));
    }
    Fingerprint {
        events: stats.events,
        signals: stats.signals,
        audit_records: stats.audit_records,
        per_account,
    }
}

fn open(url: &str) -> Arc<dyn Store> {
    StoreResolver::default().resolve(url).unwrap()
}

fn stream_messages(output: &Output) -> u64 {
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    summary["stream"]["messages"].as_u64().unwrap()
}

fn wait_for_exit(child: &mut Child, what: &str) -> Output {
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "{what} did not finish"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut output = Output {
        status: child.wait().unwrap(),
        stdout: Vec::new(),
        stderr: Vec::new(),
    };
    child
        .stdout
        .take()
        .unwrap()
        .read_to_end(&mut output.stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_end(&mut output.stderr)
        .unwrap();
    assert!(
        output.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

const KILL_TEST_EVENTS: usize = 3000;

#[test]
fn a_worker_killed_mid_stream_loses_nothing_and_doubles_nothing() {
    let Some(source) = test_nats_url() else {
        return;
    };
    let (Some(streamed), Some(reference)) = (
        ServerNamespace::new(Server::Redis),
        ServerNamespace::new(Server::Redis),
    ) else {
        return;
    };
    let directory = workload(KILL_TEST_EVENTS);
    let events = file(directory.path(), "events.jsonl");

    load_accounts_and_catalog(reference.url(), directory.path());
    succeed(bin(reference.url()).args(["ingest", "--events", &events]));

    load_accounts_and_catalog(streamed.url(), directory.path());
    let stream = TestStream::publish(&source, "kill", streamed.url(), &events);
    let observer = open(streamed.url());
    let mut first = stream
        .worker(streamed.url(), "60")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while observer.stats().unwrap().events < KILL_TEST_EVENTS / 10 {
        assert!(
            first.try_wait().unwrap().is_none(),
            "the first worker exited before it was killed"
        );
        assert!(started.elapsed() < Duration::from_secs(120), "no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    first.kill().unwrap(); // SIGKILL
    first.wait().unwrap();
    let committed_at_kill = observer.stats().unwrap().events;
    assert!(
        committed_at_kill < KILL_TEST_EVENTS,
        "the worker finished before the kill: the test tested nothing"
    );

    let mut second = stream
        .worker(streamed.url(), "5")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let output = wait_for_exit(&mut second, "the second worker");
    assert!(stream_messages(&output) as usize >= KILL_TEST_EVENTS - committed_at_kill);
    assert_eq!(stream.left_in_stream(), 0, "the stream is drained");
    assert_eq!(
        fingerprint(observer.as_ref()),
        fingerprint(open(reference.url()).as_ref()),
        "streamed with a kill != plain file ingest"
    );
}

const TWO_WORKER_EVENTS: usize = 2000;

#[test]
fn two_workers_at_once_leave_what_one_worker_leaves() {
    let Some(source) = test_nats_url() else {
        return;
    };
    let (Some(single), Some(double)) = (
        ServerNamespace::new(Server::Redis),
        ServerNamespace::new(Server::Redis),
    ) else {
        return;
    };
    let directory = workload(TWO_WORKER_EVENTS);
    let events = file(directory.path(), "events.jsonl");

    load_accounts_and_catalog(single.url(), directory.path());
    let single_stream = TestStream::publish(&source, "one", single.url(), &events);
    let output = succeed(&mut single_stream.worker(single.url(), "3"));
    assert_eq!(stream_messages(&output) as usize, TWO_WORKER_EVENTS);

    load_accounts_and_catalog(double.url(), directory.path());
    let double_stream = TestStream::publish(&source, "two", double.url(), &events);
    let mut workers: Vec<Child> = (0..2)
        .map(|_| {
            double_stream
                .worker(double.url(), "3")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let messages: Vec<u64> = workers
        .iter_mut()
        .map(|worker| stream_messages(&wait_for_exit(worker, "a worker")))
        .collect();
    assert!(
        messages.iter().all(|count| *count > 0),
        "both workers took part: {messages:?}"
    );
    assert!(messages.iter().sum::<u64>() as usize >= TWO_WORKER_EVENTS);
    assert_eq!(double_stream.left_in_stream(), 0);
    assert_eq!(
        fingerprint(open(double.url()).as_ref()),
        fingerprint(open(single.url()).as_ref()),
        "two workers != one worker"
    );
}

#[test]
fn a_missing_stream_is_an_error_and_a_bad_source_is_bad_usage() {
    let Some(source) = test_nats_url() else {
        return;
    };
    let output = bin("memory://")
        .args([
            "ingest",
            "--source",
            &source,
            "--stream",
            &unique_stream_name("missing"),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("does not exist"));
    let output = bin("memory://")
        .args(["ingest", "--source", "http://x", "--stream", "s"])
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(0));
}
