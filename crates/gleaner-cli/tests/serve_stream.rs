//! `gleaner serve --source nats://… --stream NAME`: the server's stream
//! workers consume what `gleaner publish` sent, the API shows its effect,
//! the store ends up as a plain file ingest leaves it, and SIGTERM stops
//! server and workers with exit code 0. Without NATS this test fails in CI
//! and skips elsewhere.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use gleaner_store::{StoreResolver, StoreStats};
use gleaner_stream::testsuite::{test_nats_url, unique_stream_name};
use gleaner_stream::NatsStream;

const NOW: &str = "2026-07-01T00:00:00Z";
const EVENTS: usize = 400;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The binary on the lexicon tier (see `tests/cli.rs`).
fn bin(store: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gleaner"));
    command
        .env(
            "GLEANER_MODELS",
            repo_root().join("target/no-models-in-cli-tests"),
        )
        .env_remove("GLEANER_TOKENS")
        .arg("--store")
        .arg(store)
        .args(["--tier", "lexicon", "--now", NOW])
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

fn load_accounts_and_catalog(store: &Path, workload: &Path) {
    succeed(
        bin(store)
            .arg("ingest")
            .arg("--accounts")
            .arg(workload.join("accounts.jsonl"))
            .arg("--catalog")
            .arg(workload.join("catalog.jsonl")),
    );
}

/// The stream of this test, deleted when the test ends (even failing).
struct TestStream {
    source: String,
    name: String,
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

/// The server process; killed if the test fails before its SIGTERM
/// (already reaped otherwise: nothing to do then).
struct Served {
    child: Child,
    address: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn get(address: &str, path: &str, token: &str) -> (u16, serde_json::Value) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {token}\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let status = raw.split(' ').nth(1).unwrap().parse().unwrap();
    let body = raw.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    (status, serde_json::from_str(body).unwrap_or_default())
}

fn stats_of(store: &Path) -> StoreStats {
    StoreResolver::default()
        .resolve(&store.display().to_string())
        .unwrap()
        .stats()
        .unwrap()
}

/// Sends SIGTERM and waits (up to 10 s) for the exit.
fn sigterm_and_wait(child: &mut Child) -> std::process::ExitStatus {
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let signalled = Instant::now();
    loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            signalled.elapsed() < Duration::from_secs(10),
            "serve did not stop within 10 s of SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Starts `gleaner serve` with two stream workers; returns the process and
/// the thread that drains (and at the end returns) its stderr.
fn start_serve(
    store: &Path,
    source: &str,
    stream_name: &str,
) -> (Served, std::thread::JoinHandle<Vec<String>>) {
    let mut child = bin(store)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--source",
            source,
            "--stream",
            stream_name,
            "--workers",
            "2",
            "--consumer",
            "serve-test",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let address = loop {
        let line = lines.next().expect("server printed its address").unwrap();
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.trim().to_owned();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    let stderr = std::thread::spawn(move || lines.map_while(Result::ok).collect::<Vec<_>>());
    (Served { child, address }, stderr)
}

#[test]
fn serve_workers_consume_the_stream_and_stop_on_sigterm() {
    let Some(source) = test_nats_url() else {
        return;
    };
    let workload = tempfile::tempdir().unwrap();
    succeed(bin(workload.path()).args([
        "bench",
        "--events",
        &EVENTS.to_string(),
        "--workload-out",
        workload.path().to_str().unwrap(),
    ]));
    let events = workload.path().join("events.jsonl");

    let reference = tempfile::tempdir().unwrap();
    load_accounts_and_catalog(reference.path(), workload.path());
    succeed(
        bin(reference.path())
            .arg("ingest")
            .arg("--events")
            .arg(&events),
    );
    let expected = stats_of(reference.path());
    assert!(expected.events > 0);

    let served_store = tempfile::tempdir().unwrap();
    load_accounts_and_catalog(served_store.path(), workload.path());
    let operator = String::from_utf8(
        succeed(bin(served_store.path()).args(["token", "create", "--scope", "operator"])).stdout,
    )
    .unwrap()
    .trim()
    .to_owned();
    let stream = TestStream {
        source: source.clone(),
        name: unique_stream_name("serve"),
    };
    succeed(
        bin(served_store.path())
            .args(["publish", "--source", &source, "--stream", &stream.name])
            .arg("--events")
            .arg(&events),
    );

    let (mut served, stderr) = start_serve(served_store.path(), &source, &stream.name);

    let started = Instant::now();
    let summary = loop {
        let (status, summary) = get(&served.address, "/v1/operator/summary", &operator);
        assert_eq!(status, 200, "{summary}");
        if summary["store"]["events"].as_u64() == Some(expected.events as u64) {
            break summary;
        }
        assert!(
            served.child.try_wait().unwrap().is_none(),
            "the server exited early"
        );
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the workers did not consume the stream: {summary}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(
        summary["store"]["signals"].as_u64(),
        Some(expected.signals as u64)
    );
    assert_eq!(
        summary["store"]["audit_records"].as_u64(),
        Some(expected.audit_records as u64)
    );

    let signalled = Instant::now();
    let exit = sigterm_and_wait(&mut served.child);
    let stderr = stderr.join().unwrap().join("\n");
    assert_eq!(exit.code(), Some(0), "{stderr}");
    assert!(
        signalled.elapsed() < Duration::from_secs(5),
        "stopped late: {:?}",
        signalled.elapsed()
    );

    let left = NatsStream::open(&source, &stream.name)
        .unwrap()
        .messages_on(&gleaner_stream::shard::events_wildcard(&stream.name))
        .unwrap();
    assert_eq!(left, 0, "the stream is drained");
    let streamed = stats_of(served_store.path());
    assert_eq!(
        (streamed.events, streamed.signals, streamed.audit_records),
        (expected.events, expected.signals, expected.audit_records),
        "served workers != plain file ingest"
    );
}

#[test]
fn a_failing_worker_stops_the_server_and_the_exit_code_says_so() {
    let Some(source) = test_nats_url() else {
        return;
    };
    let store = tempfile::tempdir().unwrap();
    let missing = unique_stream_name("missing");
    let (mut served, stderr) = start_serve(store.path(), &source, &missing);
    let started = Instant::now();
    let exit = loop {
        if let Some(exit) = served.child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "serve kept running without its workers"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = stderr.join().unwrap().join("\n");
    assert_eq!(exit.code(), Some(1), "{stderr}");
    assert!(stderr.contains("stream worker failed"), "{stderr}");
}
