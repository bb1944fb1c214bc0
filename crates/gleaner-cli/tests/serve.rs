//! `gleaner serve` and `gleaner token` as a process: tokens made by the CLI
//! (also while the server runs) authenticate, and SIGTERM lets an in-flight
//! request finish before the process exits 0.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const NOW: &str = "2026-03-01T00:00:00Z";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

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
        .arg("--tier")
        .arg("lexicon")
        .arg("--now")
        .arg(NOW);
    command
}

fn create_token(store: &Path, scope: &str) -> String {
    let output = bin(store)
        .args(["token", "create", "--scope", scope])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start(store: &Path) -> Self {
        Self::start_with(store, &[])
    }

    fn start_with(store: &Path, flags: &[&str]) -> Self {
        let mut child = bin(store)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(flags)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let address = loop {
            let line = lines.next().expect("server printed its address").unwrap();
            if let Some(rest) = line.split("listening on http://").nth(1) {
                break rest.trim().to_owned();
            }
        };
        // Keep draining stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Self { child, address }
    }

    fn send_head(&self, method: &str, path: &str, token: &str, content_length: usize) -> TcpStream {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {token}\r\nContent-Length: {content_length}\r\n\r\n"
        )
        .unwrap();
        stream
    }

    fn request(&self, method: &str, path: &str, token: &str, body: &[u8]) -> (u16, String) {
        let mut stream = self.send_head(method, path, token, body.len());
        stream.write_all(body).unwrap();
        read_response(&mut stream)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Already exited in the shutdown test; nothing to do then.
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn read_response(stream: &mut TcpStream) -> (u16, String) {
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let status = raw.split(' ').nth(1).unwrap().parse().unwrap();
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}

fn prepared_store() -> tempfile::TempDir {
    let directory = tempfile::tempdir().unwrap();
    let output = bin(directory.path())
        .arg("ingest")
        .arg("--accounts")
        .arg(repo_root().join("data/sample/accounts.jsonl"))
        .arg("--catalog")
        .arg(repo_root().join("data/sample/catalog.jsonl"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    directory
}

#[test]
fn tokens_made_by_the_cli_authenticate_and_revoked_ones_do_not() {
    let store = prepared_store();
    let operator = create_token(store.path(), "operator");
    let stored = std::fs::read_to_string(store.path().join("tokens.json")).unwrap();
    assert!(!stored.contains(&operator), "only the hash is stored");
    let server = Server::start(store.path());
    let (status, _) = server.request("GET", "/v1/accounts/fb:1001/profile", &operator, b"");
    assert_eq!(status, 200);
    // Made while the server runs: taken at the next request.
    let advertiser = create_token(store.path(), "advertiser");
    let (status, _) = server.request("GET", "/v1/audiences/reach?topics=20", &advertiser, b"");
    assert_eq!(status, 200);
    let (status, _) = server.request("GET", "/v1/accounts/fb:1001/profile", &advertiser, b"");
    assert_eq!(status, 403);
    let listed = bin(store.path())
        .args(["--json", "token", "list"])
        .output()
        .unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let advertiser_id = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|record| record["scope"] == "advertiser")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let revoked = bin(store.path())
        .args(["token", "revoke", &advertiser_id])
        .output()
        .unwrap();
    assert!(revoked.status.success());
    std::thread::sleep(Duration::from_millis(50));
    let (status, _) = server.request("GET", "/v1/audiences/reach?topics=20", &advertiser, b"");
    assert_eq!(status, 401);
    let person_without_account = bin(store.path())
        .args(["token", "create", "--scope", "person"])
        .output()
        .unwrap();
    assert_eq!(person_without_account.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn sigterm_lets_the_in_flight_request_finish_and_exits_0() {
    let store = prepared_store();
    let ingest = create_token(store.path(), "ingest");
    let server = Server::start(store.path());
    let body = br#"{"event_id":"e-sigterm","kind":"engagement","account_id":"fb:1001","at":"2026-01-10T10:00:00Z","action":"like","item_id":"ad:boots-01"}"#;
    let mut stream = server.send_head("POST", "/v1/events", &ingest, body.len());
    let (first_half, second_half) = body.split_at(body.len() / 2);
    stream.write_all(first_half).unwrap();
    stream.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let killed = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    std::thread::sleep(Duration::from_millis(300));
    stream.write_all(second_half).unwrap();
    let (status, response_body) = read_response(&mut stream);
    assert_eq!(status, 200, "{response_body}");
    let report: serde_json::Value = serde_json::from_str(&response_body).unwrap();
    assert_eq!(report["lines"], 1);
    let mut server = server;
    let exit = server.child.wait().unwrap();
    assert_eq!(exit.code(), Some(0), "graceful exit");
    // The event was committed before the process exited.
    let export = bin(store.path())
        .args(["export", "fb:1001"])
        .output()
        .unwrap();
    let export: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(export["audit"].as_array().unwrap().len(), 1, "{export}");
}

/// A request still running when SIGTERM comes (here a classify whose
/// body never finishes arriving) does not keep the process alive: it exits
/// with 143 once `--shutdown-grace` has passed.
#[cfg(unix)]
#[test]
fn sigterm_exits_within_the_grace_period_while_a_request_still_runs() {
    let store = prepared_store();
    let ingest = create_token(store.path(), "ingest");
    let mut server = Server::start_with(
        store.path(),
        &["--shutdown-grace", "1", "--request-timeout", "600"],
    );
    let mut stream = server.send_head("POST", "/v1/classify", &ingest, 1_000_000);
    stream.write_all(br#"{"id":1,"text":"runn"#).unwrap();
    stream.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let signalled = std::time::Instant::now();
    let killed = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            signalled.elapsed() < Duration::from_secs(20),
            "still running 20 s after SIGTERM with --shutdown-grace 1"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(exit.code(), Some(143), "exit after the grace period");
    assert!(
        signalled.elapsed() >= Duration::from_millis(900),
        "the in-flight request had its grace period"
    );
    drop(stream);
}

/// `--max-text-bytes` is one setting: the server's classify refuses what
/// `gleaner ingest` would, naming the field.
#[test]
fn max_text_bytes_bounds_classify_on_the_server() {
    let store = prepared_store();
    let ingest = create_token(store.path(), "ingest");
    let server = Server::start_with(store.path(), &["--max-text-bytes", "16"]);
    let (status, body) = server.request(
        "POST",
        "/v1/classify",
        &ingest,
        br#"{"id":1,"text":"seventeen bytes!!"}"#,
    );
    assert_eq!(status, 422, "{body}");
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["error"]["field"], "text", "{body}");
    let (status, body) = server.request(
        "POST",
        "/v1/classify",
        &ingest,
        br#"{"id":1,"text":"sixteen bytes!!!"}"#,
    );
    assert_eq!(status, 200, "{body}");
}
