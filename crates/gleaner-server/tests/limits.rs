//! The HTTP surface's hardening (issue 13, defects 5 to 7): security
//! headers on every response, one text-size limit, work that stops when its
//! client leaves or its deadline passes, header timeouts and the connection
//! cap. Timed assertions have wide margins: they bound, they do not race.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{base_accounts, base_events, read_response, TestServer};
use gleaner_classify::{Classification, Classifier};
use gleaner_core::Conversation;
use gleaner_engine::ingest::jsonl::ParseLimits;
use gleaner_engine::EngineConfig;
use gleaner_server::ServerConfig;

// ------------------------------------------------------------- headers

fn assert_security_headers(case: &str, response: &common::Response) {
    let csp = response
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{case}: no Content-Security-Policy"));
    assert!(csp.contains("frame-ancestors 'none'"), "{case}: {csp}");
    assert!(!csp.contains("unsafe-inline"), "{case}: {csp}");
    assert_eq!(
        response.header("x-content-type-options"),
        Some("nosniff"),
        "{case}"
    );
    assert_eq!(
        response.header("referrer-policy"),
        Some("no-referrer"),
        "{case}"
    );
}

#[test]
fn every_v1_response_is_not_stored_and_every_response_carries_security_headers() {
    let server = TestServer::start();
    let person = server.tokens.person_fb1.clone();
    let v1: Vec<(&str, &str, Option<&str>)> = vec![
        ("GET", "/v1/accounts/fb:1/export", Some(&person)),
        ("GET", "/v1/accounts/fb:1/profile", Some(&person)),
        (
            "GET",
            "/v1/accounts/fb:1/recommendations?kind=ad",
            Some(&person),
        ),
        ("GET", "/v1/me", Some(&person)),
        ("GET", "/v1/accounts/fb:2/export", Some(&person)), // 403
        ("GET", "/v1/accounts/fb:1/export", None),          // 401
        ("GET", "/v1/no-such-route", Some(&person)),        // 404
    ];
    for (method, path, token_opt) in v1 {
        let response = server.request(method, path, token_opt, b"");
        let case = format!("{method} {path} -> {}", response.status);
        assert_security_headers(&case, &response);
        assert_eq!(response.header("cache-control"), Some("no-store"), "{case}");
    }
    for path in ["/", "/operator"] {
        let page = server.request("GET", path, None, b"");
        assert_eq!(page.status, 200);
        assert_security_headers(path, &page);
        let csp = page.header("content-security-policy").unwrap();
        assert!(csp.contains("script-src 'sha256-"), "{path}: {csp}");
        assert!(csp.contains("connect-src 'self'"), "{path}: {csp}");
    }
    let health = server.request("GET", "/healthz", None, b"");
    assert_security_headers("/healthz", &health);
}

// ----------------------------------------------------------- text size

fn small_text_server(limit: usize) -> TestServer {
    TestServer::start_full(
        ServerConfig::default(),
        EngineConfig {
            parse_limits: ParseLimits {
                max_text_bytes: limit,
            },
            ..EngineConfig::default()
        },
        Arc::new(gleaner_classify::LexiconClassifier::embedded().clone()),
        &base_accounts(),
        &base_events(),
    )
}

#[test]
fn classify_refuses_a_text_over_the_limit_naming_the_field() {
    let server = small_text_server(100);
    let ingest = server.tokens.ingest.clone();
    let fits = serde_json::json!({"id": 1, "text": "a".repeat(100)}).to_string();
    let response = server.request("POST", "/v1/classify", Some(&ingest), fits.as_bytes());
    assert_eq!(response.status, 200, "{}", response.text());
    for (body, field) in [
        (
            serde_json::json!({"id": 1, "text": "a".repeat(101)}),
            "text",
        ),
        (
            serde_json::json!({"id": 2, "turns": [
                {"role": "user", "text": "a".repeat(60)},
                {"role": "assistant", "text": "b".repeat(60)}]}),
            "turns",
        ),
    ] {
        let response = server.request(
            "POST",
            "/v1/classify",
            Some(&ingest),
            body.to_string().as_bytes(),
        );
        assert_eq!(response.status, 422, "{}", response.text());
        let error = &response.json()["error"];
        assert_eq!(error["field"], field, "{error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains("100 bytes"), "{message}");
        assert!(!message.contains("aaaa"), "never quotes the text");
    }
}

#[test]
fn ingest_refuses_an_event_over_the_limit_naming_the_field_and_stores_nothing() {
    let server = small_text_server(100);
    let before = server.stats();
    let event = serde_json::json!({
        "event_id": "e-long", "kind": "ai_interaction", "account_id": "fb:1",
        "at": "2026-01-10T10:00:00Z", "product": "assistant", "modality": "text",
        "conversation_id": "c-1", "turns": [{"role": "user", "text": "a".repeat(101)}]
    });
    let response = server.request(
        "POST",
        "/v1/events",
        Some(&server.tokens.ingest),
        event.to_string().as_bytes(),
    );
    assert_eq!(response.status, 422, "{}", response.text());
    let body = response.json();
    assert_eq!(body["error"]["field"], "turns", "{body}");
    assert_eq!(body["error"]["line"], 1, "{body}");
    assert_eq!(server.stats().events, before.events);
}

// ------------------------------------------------ cancelled and late work

/// Takes `PER_CONVERSATION` for each conversation (sleeping, so the
/// shared test machine's cores stay free) and counts them.
struct SlowClassifier {
    classified: Arc<AtomicUsize>,
}

const PER_CONVERSATION: Duration = Duration::from_millis(20);
/// 400 conversations take 8 s: far longer than any wait below.
const CONVERSATIONS: usize = 400;

impl Classifier for SlowClassifier {
    fn name(&self) -> &'static str {
        "slow"
    }

    fn classify(&self, _conversation: &Conversation) -> Classification {
        std::thread::sleep(PER_CONVERSATION);
        self.classified.fetch_add(1, Ordering::SeqCst);
        Classification::default()
    }
}

fn slow_server(config: ServerConfig) -> (TestServer, Arc<AtomicUsize>) {
    let classified = Arc::new(AtomicUsize::new(0));
    let server = TestServer::start_full(
        config,
        EngineConfig::default(),
        Arc::new(SlowClassifier {
            classified: classified.clone(),
        }),
        &base_accounts(),
        &base_events(),
    );
    // Loading the catalog classified its items: count requests' work only.
    classified.store(0, Ordering::SeqCst);
    (server, classified)
}

fn many_conversations() -> String {
    (0..CONVERSATIONS)
        .map(|index| serde_json::json!({"id": index, "text": "running shoes"}).to_string() + "\n")
        .collect()
}

fn send_classify(server: &TestServer, body: &str) -> TcpStream {
    let mut stream = TcpStream::connect(server.address).unwrap();
    write!(
        stream,
        "POST /v1/classify HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {}\r\nContent-Length: {}\r\n\r\n{body}",
        server.tokens.ingest,
        body.len()
    )
    .unwrap();
    stream
}

/// Waits (up to `within`) until `counter` is at least `at_least`.
fn wait_for(counter: &AtomicUsize, at_least: usize, within: Duration) {
    let started = Instant::now();
    while counter.load(Ordering::SeqCst) < at_least {
        assert!(started.elapsed() < within, "the work never started");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits (up to `within`) until `counter` stops moving for a second, and
/// returns where it stopped.
fn settled(counter: &AtomicUsize, within: Duration) -> usize {
    let started = Instant::now();
    loop {
        let seen = counter.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_secs(1));
        if counter.load(Ordering::SeqCst) == seen {
            return seen;
        }
        assert!(
            started.elapsed() < within,
            "the work kept going: {} classified",
            counter.load(Ordering::SeqCst)
        );
    }
}

#[test]
fn classification_stops_when_the_client_disconnects() {
    let (server, classified) = slow_server(ServerConfig::default());
    let stream = send_classify(&server, &many_conversations());
    wait_for(&classified, 3, Duration::from_secs(30));
    drop(stream);
    let stopped_at = settled(&classified, Duration::from_secs(5));
    assert!(
        stopped_at < CONVERSATIONS / 2,
        "{stopped_at} of {CONVERSATIONS} classified after the client left"
    );
    // Still stopped a while later: nothing resumes it.
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(classified.load(Ordering::SeqCst), stopped_at);
}

#[test]
fn event_ingest_stops_when_the_client_disconnects_and_keeps_no_half_batch() {
    let (server, classified) = slow_server(ServerConfig::default());
    let before = server.stats();
    let body: String = (0..CONVERSATIONS)
        .map(|index| {
            serde_json::json!({
                "event_id": format!("e-ai-{index}"), "kind": "ai_interaction",
                "account_id": "fb:1", "at": "2026-01-10T10:00:00Z", "product": "assistant",
                "modality": "text", "encrypted": false, "conversation_id": format!("c-{index}"),
                "turns": [{"role": "user", "text": "running shoes"}]
            })
            .to_string()
                + "\n"
        })
        .collect();
    let mut stream = TcpStream::connect(server.address).unwrap();
    write!(
        stream,
        "POST /v1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {}\r\nContent-Length: {}\r\n\r\n{body}",
        server.tokens.ingest,
        body.len()
    )
    .unwrap();
    wait_for(&classified, 3, Duration::from_secs(30));
    drop(stream);
    let stopped_at = settled(&classified, Duration::from_secs(5));
    assert!(stopped_at < CONVERSATIONS / 2, "{stopped_at} classified");
    // The batch being classified was not committed (re-sending is safe).
    assert_eq!(server.stats().events, before.events);
}

#[test]
fn a_request_past_its_deadline_gets_503_and_its_work_stops() {
    let (server, classified) = slow_server(ServerConfig {
        request_timeout: Duration::from_secs(1),
        ..ServerConfig::default()
    });
    let started = Instant::now();
    let mut stream = send_classify(&server, &many_conversations());
    let response = read_response(&mut stream);
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "answered after {:?}",
        started.elapsed()
    );
    assert_eq!(response.status, 503, "{}", response.text());
    assert_eq!(response.json()["error"]["code"], "deadline_exceeded");
    let stopped_at = settled(&classified, Duration::from_secs(5));
    assert!(stopped_at < CONVERSATIONS / 2, "{stopped_at} classified");
}

// ------------------------------------------------------- slow clients

/// Reads until the server closes the connection, or fails after `within`.
fn read_until_closed(stream: &mut TcpStream, within: Duration) -> Vec<u8> {
    stream.set_read_timeout(Some(within)).unwrap();
    let mut received = Vec::new();
    let mut buffer = [0u8; 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return received,
            Ok(count) => received.extend_from_slice(&buffer[..count]),
            Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => return received,
            Err(error) => panic!("the server kept the connection open: {error}"),
        }
    }
}

#[test]
fn a_connection_that_never_finishes_its_head_is_closed_after_the_header_timeout() {
    let server = TestServer::start_with(
        ServerConfig {
            header_timeout: Duration::from_secs(1),
            ..ServerConfig::default()
        },
        &base_accounts(),
        &base_events(),
    );
    // Half a request line, then nothing; and a connection that sends nothing.
    let mut partial = TcpStream::connect(server.address).unwrap();
    partial.write_all(b"GET /healthz HT").unwrap();
    let mut silent = TcpStream::connect(server.address).unwrap();
    let started = Instant::now();
    read_until_closed(&mut partial, Duration::from_secs(15));
    read_until_closed(&mut silent, Duration::from_secs(15));
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(900),
        "closed too early: {elapsed:?}"
    );
    assert!(
        elapsed < Duration::from_secs(10),
        "closed after {elapsed:?}"
    );
    // A prompt client is still served.
    assert_eq!(server.request("GET", "/healthz", None, b"").status, 200);
}

#[test]
fn a_kept_alive_connection_left_idle_is_closed() {
    let server = TestServer::start_with(
        ServerConfig {
            header_timeout: Duration::from_secs(1),
            ..ServerConfig::default()
        },
        &base_accounts(),
        &base_events(),
    );
    let mut stream = TcpStream::connect(server.address).unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let received = read_until_closed(&mut stream, Duration::from_secs(15));
    assert!(received.starts_with(b"HTTP/1.1 200"), "served first");
}

#[test]
fn connections_over_the_cap_are_refused_until_others_close() {
    let server = TestServer::start_with(
        ServerConfig {
            max_connections: 2,
            header_timeout: Duration::from_secs(60),
            ..ServerConfig::default()
        },
        &base_accounts(),
        &base_events(),
    );
    let held: Vec<TcpStream> = (0..2)
        .map(|_| {
            let mut stream = TcpStream::connect(server.address).unwrap();
            stream.write_all(b"GET /hea").unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let mut extra = TcpStream::connect(server.address).unwrap();
    extra
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let received = read_until_closed(&mut extra, Duration::from_secs(15));
    let text = String::from_utf8_lossy(&received);
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    assert!(text.contains("too_many_connections"), "{text}");
    drop(held);
    let started = Instant::now();
    loop {
        let mut stream = TcpStream::connect(server.address).unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let received = read_until_closed(&mut stream, Duration::from_secs(15));
        if received.starts_with(b"HTTP/1.1 200") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still refused once the held connections closed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
