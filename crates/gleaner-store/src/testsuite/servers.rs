//! Test stores on real Redis and Postgres servers, each in a namespace of
//! its own, and the one rule for a missing server.
//!
//! - The servers are found at `$GLEANER_TEST_REDIS_URL` (default
//!   `redis://127.0.0.1:6379`) and `$GLEANER_TEST_POSTGRES_URL` (default
//!   `postgres://127.0.0.1:5432/test`).
//! - A server that does not answer makes the test **fail** when `CI` is set
//!   (to anything but `""`, `0` or `false`): CI must test every backend.
//!   Elsewhere the test prints `skipping: redis not reachable at …` to
//!   stderr and passes without running, so a laptop without servers can run
//!   `cargo test`.
//! - Each [`ServerNamespace`] is a fresh Redis key prefix or Postgres
//!   schema (`t<pid>_<n>`), emptied before use and removed when it is dropped, so tests
//!   run in parallel without clashing and leave nothing behind.

use std::net::{TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

use super::TestStore;

/// The environment variable naming the Redis server of the tests.
pub const REDIS_URL_ENV: &str = "GLEANER_TEST_REDIS_URL";
/// The environment variable naming the Postgres server of the tests.
pub const POSTGRES_URL_ENV: &str = "GLEANER_TEST_POSTGRES_URL";
/// The Redis server used when [`REDIS_URL_ENV`] is unset.
pub const DEFAULT_REDIS_URL: &str = "redis://127.0.0.1:6379";
/// The Postgres server used when [`POSTGRES_URL_ENV`] is unset.
pub const DEFAULT_POSTGRES_URL: &str = "postgres://127.0.0.1:5432/test";

/// A server the tests can run against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Server {
    /// Redis.
    Redis,
    /// Postgres.
    Postgres,
}

impl Server {
    /// `redis` or `postgres`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Redis => "redis",
            Self::Postgres => "postgres",
        }
    }

    /// The server's URL, from the environment or the default.
    pub fn url(self) -> String {
        let (variable, default) = match self {
            Self::Redis => (REDIS_URL_ENV, DEFAULT_REDIS_URL),
            Self::Postgres => (POSTGRES_URL_ENV, DEFAULT_POSTGRES_URL),
        };
        std::env::var(variable)
            .ok()
            .filter(|value| !value.is_empty())
            .unwrap_or_else(|| default.to_owned())
    }

    /// The URL query option that names a namespace.
    fn namespace_option(self) -> &'static str {
        match self {
            Self::Redis => "prefix",
            Self::Postgres => "schema",
        }
    }
}

/// Returns true when `CI` is set to something other than `""`, `0`, `false`.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| {
        !value.is_empty() && value != "0" && !value.eq_ignore_ascii_case("false")
    })
}

/// Probes the server's TCP port (once per process and server).
fn probe(server: Server) -> &'static Result<(), String> {
    static REDIS: OnceLock<Result<(), String>> = OnceLock::new();
    static POSTGRES: OnceLock<Result<(), String>> = OnceLock::new();
    let cell = match server {
        Server::Redis => &REDIS,
        Server::Postgres => &POSTGRES,
    };
    cell.get_or_init(|| tcp_reachable(&server.url()))
}

fn tcp_reachable(url_text: &str) -> Result<(), String> {
    let url = url::Url::parse(url_text).map_err(|error| format!("bad url: {error}"))?;
    let host = url.host_str().ok_or("no host in the url")?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port = url.port().unwrap_or(match url.scheme() {
        "redis" => 6379,
        _ => 5432,
    });
    let addresses = (host, port)
        .to_socket_addrs()
        .map_err(|error| error.to_string())?;
    let mut last_error = "no address".to_owned();
    for address in addresses {
        match TcpStream::connect_timeout(&address, Duration::from_secs(2)) {
            Ok(_) => return Ok(()),
            Err(error) => last_error = error.to_string(),
        }
    }
    Err(last_error)
}

/// The rule for a missing server: returns true when `server` answers;
/// otherwise panics in CI (see [`in_ci`]) and elsewhere prints
/// `skipping: <server> not reachable at <url> (<why>)` and returns false.
pub fn server_available(server: Server) -> bool {
    match probe(server) {
        Ok(()) => true,
        Err(reason) => {
            let url = crate::server_url::redact_unparsed(&server.url());
            assert!(
                !in_ci(),
                "{} not reachable at {url} ({reason}) and CI is set: CI must test every \
                 backend; start the server (scripts/services) or fix {}",
                server.name(),
                match server {
                    Server::Redis => REDIS_URL_ENV,
                    Server::Postgres => POSTGRES_URL_ENV,
                }
            );
            eprintln!(
                "skipping: {} not reachable at {url} ({reason})",
                server.name()
            );
            false
        }
    }
}

/// Returns a name no other running test process uses (process id and a
/// counter); [`ServerNamespace::new`] empties it first, in case a killed
/// run with the same process id left it behind.
pub fn unique_namespace() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let sequence = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("t{}_{sequence}", std::process::id())
}

/// A fresh namespace (Redis key prefix or Postgres schema) on a test
/// server, removed with everything in it when dropped.
#[derive(Debug)]
pub struct ServerNamespace {
    server: Server,
    name: String,
    url: String,
}

impl ServerNamespace {
    /// Returns a fresh namespace on `server`, or `None` (after printing
    /// why) when the server is not reachable outside CI; see
    /// [`server_available`].
    pub fn new(server: Server) -> Option<Self> {
        if !server_available(server) {
            return None;
        }
        let name = unique_namespace();
        let mut url = url::Url::parse(&server.url()).expect("the test server url parses");
        url.query_pairs_mut()
            .append_pair(server.namespace_option(), &name);
        let namespace = Self {
            server,
            name,
            url: url.to_string(),
        };
        if let Err(reason) = namespace.remove() {
            panic!(
                "cannot empty the test {} namespace {}: {reason}",
                server.name(),
                namespace.name
            );
        }
        Some(namespace)
    }

    /// The store URL of this namespace (`…?prefix=NAME` or `…?schema=NAME`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The namespace's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn remove(&self) -> Result<(), String> {
        match self.server {
            #[cfg(feature = "redis")]
            Server::Redis => remove_redis_prefix(&self.server.url(), &self.name),
            #[cfg(feature = "postgres")]
            Server::Postgres => remove_postgres_schema(&self.server.url(), &self.name),
            #[allow(unreachable_patterns)]
            _ => Ok(()),
        }
    }
}

impl Drop for ServerNamespace {
    fn drop(&mut self) {
        if let Err(reason) = self.remove() {
            eprintln!(
                "warning: could not remove test {} namespace {}: {reason}",
                self.server.name(),
                self.name
            );
        }
    }
}

#[cfg(feature = "redis")]
fn remove_redis_prefix(server_url: &str, prefix: &str) -> Result<(), String> {
    let client = redis::Client::open(server_url).map_err(|error| error.to_string())?;
    let mut connection = client
        .get_connection_with_timeout(Duration::from_secs(5))
        .map_err(|error| error.to_string())?;
    let pattern = format!("{{{prefix}}}:*");
    let mut cursor = 0_u64;
    loop {
        let (next, keys): (u64, Vec<Vec<u8>>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg(&pattern)
            .arg("COUNT")
            .arg(1000)
            .query(&mut connection)
            .map_err(|error| error.to_string())?;
        if !keys.is_empty() {
            redis::cmd("DEL")
                .arg(&keys)
                .exec(&mut connection)
                .map_err(|error| error.to_string())?;
        }
        if next == 0 {
            return Ok(());
        }
        cursor = next;
    }
}

#[cfg(feature = "postgres")]
fn remove_postgres_schema(server_url: &str, schema: &str) -> Result<(), String> {
    let mut client = postgres::Client::connect(server_url, postgres::NoTls)
        .map_err(|error| error.to_string())?;
    // `schema` comes from `unique_namespace`: a plain identifier.
    client
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .map_err(|error| error.to_string())
}

impl TestStore {
    /// Returns a [`RedisStore`](crate::RedisStore) under a fresh key
    /// prefix (removed on drop), or `None` when Redis is not reachable
    /// outside CI (see [`server_available`]).
    #[cfg(feature = "redis")]
    pub fn redis() -> Option<Self> {
        let namespace = ServerNamespace::new(Server::Redis)?;
        let store = crate::RedisStore::open(namespace.url())
            .unwrap_or_else(|error| panic!("open the redis test store: {error}"));
        let reader = crate::RedisStore::open(namespace.url())
            .unwrap_or_else(|error| panic!("open the redis test store: {error}"));
        Some(
            Self::with_guard(store, namespace)
                .with_raw_contents(move || reader.raw_contents().expect("scan the redis store")),
        )
    }

    /// Returns a [`PostgresStore`](crate::PostgresStore) in a fresh schema
    /// (dropped on drop), or `None` when Postgres is not reachable outside
    /// CI (see [`server_available`]).
    #[cfg(feature = "postgres")]
    pub fn postgres() -> Option<Self> {
        let namespace = ServerNamespace::new(Server::Postgres)?;
        let store = crate::PostgresStore::open(namespace.url())
            .unwrap_or_else(|error| panic!("open the postgres test store: {error}"));
        let reader = crate::PostgresStore::open(namespace.url())
            .unwrap_or_else(|error| panic!("open the postgres test store: {error}"));
        Some(
            Self::with_guard(store, namespace).with_raw_contents(move || {
                reader
                    .raw_contents()
                    .expect("scan the postgres store")
                    .into_iter()
                    .map(String::into_bytes)
                    .collect()
            }),
        )
    }
}
