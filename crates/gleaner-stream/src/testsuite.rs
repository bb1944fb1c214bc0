//! The NATS server of the tests, with the rule of
//! `gleaner_store::testsuite::servers` for a missing server: the test
//! **fails** when `CI` is set and prints `skipping: nats not reachable at …`
//! (and passes without running) elsewhere.

use std::net::{TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use gleaner_store::testsuite::servers::in_ci;

/// The environment variable naming the NATS server of the tests.
pub const NATS_URL_ENV: &str = "GLEANER_TEST_NATS_URL";
/// The NATS server used when [`NATS_URL_ENV`] is unset.
pub const DEFAULT_NATS_URL: &str = "nats://127.0.0.1:4222";

/// The NATS server's URL, from the environment or the default.
pub fn nats_url() -> String {
    std::env::var(NATS_URL_ENV)
        .ok()
        .filter(|value| !value.is_empty())
        .unwrap_or_else(|| DEFAULT_NATS_URL.to_owned())
}

/// Returns the test server's URL when it answers; otherwise panics in CI
/// and elsewhere prints why it skips and returns `None`.
pub fn test_nats_url() -> Option<String> {
    let url = nats_url();
    match tcp_reachable(&url) {
        Ok(()) => Some(url),
        Err(reason) => {
            assert!(
                !in_ci(),
                "nats not reachable at {url} ({reason}) and CI is set: CI must test the \
                 stream source; start the server (scripts/services) or fix {NATS_URL_ENV}"
            );
            eprintln!("skipping: nats not reachable at {url} ({reason})");
            None
        }
    }
}

/// Returns a stream name no other running test uses (process id, a
/// counter and a label).
pub fn unique_stream_name(label: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let sequence = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("t{}_{sequence}_{label}", std::process::id())
}

fn tcp_reachable(url: &str) -> Result<(), String> {
    let authority = url
        .strip_prefix("nats://")
        .ok_or("the url must start with nats://")?;
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let addresses = authority
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
