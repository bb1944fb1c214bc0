//! A real server on 127.0.0.1:0 over a tempdir embedded store, the lexicon
//! classifier and a fixed clock, plus a tiny HTTP/1.1 client.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use gleaner_classify::{Classifier, LexiconClassifier};
use gleaner_core::{AccountId, Timestamp};
use gleaner_engine::{Engine, EngineConfig};
use gleaner_policy::Policy;
use gleaner_server::tokens::{create_token, MemoryTokenStore, Scope};
use gleaner_server::{AppState, ServerConfig};
use gleaner_store::{EmbeddedStore, Store, StoreStats};
use gleaner_taxonomy::Taxonomy;

pub fn now() -> Timestamp {
    DateTime::parse_from_rfc3339("2026-03-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Sports (20) and Travel (24), both roots of the taxonomy.
pub const SPORTS: u32 = 20;
pub const TRAVEL: u32 = 24;

pub fn account_line(id: &str, surface: &str, center_opt: Option<&str>, country: &str) -> String {
    let mut account = serde_json::json!({
        "account_id": id, "surface": surface, "country": country, "birth_year": 1980,
        "notified_at": "2025-10-01T00:00:00Z", "ai_personalization": "on", "hidden_topics": []
    });
    if let Some(center) = center_opt {
        account["accounts_center_id"] = center.into();
    }
    account.to_string()
}

pub fn like_line(event_id: &str, account: &str, item: &str) -> String {
    serde_json::json!({
        "event_id": event_id, "kind": "engagement", "account_id": account,
        "at": "2026-01-10T10:00:00Z", "action": "like", "item_id": item
    })
    .to_string()
}

pub const CATALOG: &str = r#"{"item_id":"ad:boots","kind":"ad","title":"Waterproof hiking boots","text":"Boots for muddy trails.","topics":[20,24],"advertiser":"adv:summit"}
{"item_id":"post:trail","kind":"post","title":"A trail race report","text":"Ten miles of hills.","topics":[20]}
{"item_id":"post:beach","kind":"post","title":"Beach towns","text":"Three quiet beach towns.","topics":[24]}
"#;

/// `fb:1` and `ig:1` share accounts center `ac:1`; `fb:2` is alone.
pub fn base_accounts() -> String {
    [
        account_line("fb:1", "facebook", Some("ac:1"), "US"),
        account_line("ig:1", "instagram", Some("ac:1"), "US"),
        account_line("fb:2", "facebook", None, "US"),
    ]
    .join("\n")
}

pub fn base_events() -> String {
    [
        like_line("e-1", "fb:1", "ad:boots"),
        like_line("e-2", "ig:1", "post:trail"),
        like_line("e-3", "fb:2", "post:beach"),
    ]
    .join("\n")
}

pub struct Tokens {
    pub ingest: String,
    pub person_fb1: String,
    pub person_fb2: String,
    pub advertiser: String,
    pub operator: String,
}

pub struct TestServer {
    pub address: SocketAddr,
    pub store: Arc<dyn Store>,
    pub tokens: Tokens,
    token_store: Arc<MemoryTokenStore>,
    _directory: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    /// Starts a server with the base accounts, catalog and events loaded.
    pub fn start() -> Self {
        Self::start_with(ServerConfig::default(), &base_accounts(), &base_events())
    }

    pub fn start_with(config: ServerConfig, accounts: &str, events: &str) -> Self {
        Self::start_with_catalog(config, accounts, CATALOG, events)
    }

    pub fn start_with_catalog(
        config: ServerConfig,
        accounts: &str,
        catalog: &str,
        events: &str,
    ) -> Self {
        Self::start_data(
            config,
            EngineConfig::default(),
            Arc::new(LexiconClassifier::embedded().clone()),
            accounts,
            catalog,
            events,
        )
    }

    /// The base data, with a classifier and engine configuration of the
    /// test's choosing.
    pub fn start_full(
        config: ServerConfig,
        engine_config: EngineConfig,
        classifier: Arc<dyn Classifier>,
        accounts: &str,
        events: &str,
    ) -> Self {
        Self::start_data(config, engine_config, classifier, accounts, CATALOG, events)
    }

    /// Everything of the test's choosing.
    pub fn start_data(
        config: ServerConfig,
        engine_config: EngineConfig,
        classifier: Arc<dyn Classifier>,
        accounts: &str,
        catalog: &str,
        events: &str,
    ) -> Self {
        let directory = tempfile::tempdir().unwrap();
        let store: Arc<dyn Store> = Arc::new(EmbeddedStore::open(directory.path()).unwrap());
        let engine = Engine::new(
            store.clone(),
            classifier,
            Policy::default(),
            Taxonomy::embedded(),
            engine_config,
        );
        let accounts_report = engine.ingest_accounts(accounts.as_bytes()).unwrap();
        assert!(accounts_report.rejected.is_empty(), "{accounts_report:?}");
        let catalog_report = engine.ingest_catalog(catalog.as_bytes()).unwrap();
        assert!(catalog_report.rejected.is_empty(), "{catalog_report:?}");
        let events_report = engine
            .ingest_events(
                events.as_bytes(),
                now(),
                &gleaner_engine::ingest::NoProgress,
            )
            .unwrap();
        assert!(events_report.rejected.is_empty(), "{events_report:?}");
        let token_store = Arc::new(MemoryTokenStore::default());
        let make = |scope, account: Option<&str>| {
            create_token(
                token_store.as_ref(),
                scope,
                account.map(AccountId::new),
                now(),
            )
            .unwrap()
            .token
        };
        let tokens = Tokens {
            ingest: make(Scope::Ingest, None),
            person_fb1: make(Scope::Person, Some("fb:1")),
            person_fb2: make(Scope::Person, Some("fb:2")),
            advertiser: make(Scope::Advertiser, None),
            operator: make(Scope::Operator, None),
        };
        let state = AppState::new(engine, token_store.clone(), Arc::new(now), config);
        let (address_sender, address_receiver) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                address_sender.send(listener.local_addr().unwrap()).unwrap();
                gleaner_server::serve(listener, state, async {
                    stopped.await.ok();
                })
                .await
                .unwrap();
            });
        });
        Self {
            address: address_receiver.recv().unwrap(),
            store,
            tokens,
            token_store,
            _directory: directory,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// A new `person` token for `account_id`, which the running server
    /// accepts at once.
    pub fn person_token(&self, account_id: &str) -> String {
        create_token(
            self.token_store.as_ref(),
            Scope::Person,
            Some(AccountId::new(account_id)),
            now(),
        )
        .unwrap()
        .token
    }

    pub fn stats(&self) -> StoreStats {
        self.store.stats().unwrap()
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        token_opt: Option<&str>,
        body: &[u8],
    ) -> Response {
        http_request(self.address, method, path, token_opt, body)
    }

    pub fn get(&self, path: &str, token: &str) -> Response {
        self.request("GET", path, Some(token), b"")
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            stop.send(()).ok();
        }
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.text()))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// One HTTP/1.1 request with `Connection: close`.
pub fn http_request(
    address: SocketAddr,
    method: &str,
    path: &str,
    token_opt: Option<&str>,
    body: &[u8],
) -> Response {
    let mut stream = TcpStream::connect(address).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(token) = token_opt {
        head.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    read_response(&mut stream)
}

pub fn read_response(stream: &mut TcpStream) -> Response {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(key, value)| {
        key.eq_ignore_ascii_case("transfer-encoding") && value.contains("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|window| window == b"\r\n").unwrap();
        let size_text = std::str::from_utf8(&raw[..line_end]).unwrap();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap();
        raw = &raw[line_end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}
