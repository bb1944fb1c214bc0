//! The privacy center and the operator dashboard in a real headless
//! Chromium (issue 4), driven over W3C `WebDriver` (`chromedriver`, Debian
//! package `chromium-driver`) against the real `gleaner serve` binary on
//! 127.0.0.1 over a fresh embedded store holding the bundled sample data.
//!
//! The person signs in with their token, sees an interest, hides it (the
//! recommendations API then no longer uses it), turns AI personalization
//! off and erases everything (nothing is left, and the erasure revoked the
//! token), each after the page's own confirmation step; the operator's
//! charts draw, the weekly bars one per week of the summary's `by_week`. The pages run under their Content-Security-Policy (scripts
//! by hash), so a blocked script fails here. Screenshots of both pages go to
//! `target/e2e-artifacts/`.
//!
//! `WebDriver` is HTTP + JSON, and the dozen commands used here fit in a small
//! client over `std::net` (below), so the test adds no crate to a build
//! that is already slow on a small machine. `scripts/browser-deps` installs
//! Chromium and chromedriver. With `CI=true` a missing browser fails the
//! test; elsewhere the test says so and passes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The instant the sample data is written for (data/sample/README.md).
const NOW: &str = "2026-07-01T00:00:00Z";
const PERSON: &str = "fb:1001";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn artifacts_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp`.
    let directory = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("e2e-artifacts");
    std::fs::create_dir_all(&directory).unwrap();
    directory
}

fn find_program(env_name: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env_name) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let path_var = std::env::var_os("PATH")?;
    std::env::split_paths(&path_var)
        .flat_map(|directory| names.iter().map(move |name| directory.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The browser and its driver, or `None` (with a message) on a machine
/// without them; in CI their absence is a failure.
fn browser_and_driver() -> Option<(PathBuf, PathBuf)> {
    let browser_opt = find_program("GLEANER_CHROMIUM", &["chromium", "chromium-browser"]);
    let driver_opt = find_program("GLEANER_CHROMEDRIVER", &["chromedriver"]);
    match (browser_opt, driver_opt) {
        (Some(browser), Some(driver)) => Some((browser, driver)),
        (browser_opt, driver_opt) => {
            let message = format!(
                "browser end-to-end test needs chromium (found: {browser_opt:?}) and chromedriver \
                 (found: {driver_opt:?}); run `bash scripts/browser-deps` to install both"
            );
            assert!(std::env::var("CI").as_deref() != Ok("true"), "{message}");
            eprintln!("skipped: {message}");
            None
        }
    }
}

// ------------------------------------------------------------- the server

fn gleaner(store: &Path) -> Command {
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

fn run_ok(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn start_server(store: &Path) -> (ChildGuard, String) {
    let mut child = gleaner(store)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdin(Stdio::null())
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
    std::thread::spawn(move || for _ in lines {});
    (ChildGuard(child), address)
}

/// One HTTP/1.1 exchange (`Connection: close`); returns status and body.
fn http(
    address: &str,
    method: &str,
    path: &str,
    token_opt: Option<&str>,
    body: &[u8],
) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(token) = token_opt {
        head.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    // chromedriver keeps connections open whatever the request says, so the
    // body is read by its Content-Length.
    let mut raw = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(split) = raw.windows(4).position(|window| window == b"\r\n\r\n") {
            break split;
        }
        let read = stream.read(&mut buffer).unwrap();
        assert!(read > 0, "connection closed before the response head");
        raw.extend_from_slice(&buffer[..read]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    assert!(
        !head.contains("transfer-encoding: chunked"),
        "this client reads Content-Length bodies only"
    );
    let content_length_opt = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .map(|value| value.trim().parse::<usize>().unwrap());
    let mut body = raw.split_off(head_end + 4);
    match content_length_opt {
        Some(length) => {
            while body.len() < length {
                let read = stream.read(&mut buffer).unwrap();
                assert!(read > 0, "connection closed before the whole body");
                body.extend_from_slice(&buffer[..read]);
            }
        }
        None => {
            stream.read_to_end(&mut body).unwrap();
        }
    }
    (status, body)
}

fn api_json(address: &str, path: &str, token: &str) -> (u16, Value) {
    let (status, body) = http(address, "GET", path, Some(token), b"");
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

/// Every profile topic a recommendation of any kind leans on.
fn topics_driving_recommendations(address: &str, token: &str) -> Vec<u64> {
    let mut topics = Vec::new();
    for kind in ["ad", "post", "reel", "group"] {
        let (status, recommendations) = api_json(
            address,
            &format!("/v1/accounts/{PERSON}/recommendations?kind={kind}&n=50"),
            token,
        );
        assert_eq!(status, 200, "{recommendations}");
        for recommendation in recommendations.as_array().unwrap() {
            for because in recommendation["because"].as_array().unwrap() {
                topics.push(because["topic"].as_u64().unwrap());
            }
        }
    }
    topics
}

// ------------------------------------------------------------- WebDriver

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Browser {
    driver_address: String,
    session: String,
    _driver: ChildGuard,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start(browser: &Path, driver: &Path) -> Self {
        let port = {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let driver_child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let driver_guard = ChildGuard(driver_child);
        let driver_address = format!("127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(&driver_address).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": browser,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1200,1500",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            },
        }}});
        let (status, body) = http(
            &driver_address,
            "POST",
            "/session",
            None,
            capabilities.to_string().as_bytes(),
        );
        let reply: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(status, 200, "new session: {reply}");
        let session = reply["value"]["sessionId"].as_str().unwrap().to_owned();
        Self {
            driver_address,
            session,
            _driver: driver_guard,
            _profile: profile,
        }
    }

    fn command(&self, method: &str, path: &str, body: &Value) -> Value {
        let payload = if method == "GET" || method == "DELETE" {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        let (status, reply) = http(
            &self.driver_address,
            method,
            &format!("/session/{}{path}", self.session),
            None,
            &payload,
        );
        let reply: Value = serde_json::from_slice(&reply).unwrap();
        assert_eq!(status, 200, "{method} {path}: {reply}");
        reply["value"].clone()
    }

    fn open(&self, url: &str) {
        self.command("POST", "/url", &json!({ "url": url }));
    }

    fn find(&self, css: &str) -> String {
        let element = self.command(
            "POST",
            "/element",
            &json!({"using": "css selector", "value": css}),
        );
        element[ELEMENT_KEY].as_str().unwrap().to_owned()
    }

    fn click(&self, css: &str) {
        let element = self.find(css);
        self.command("POST", &format!("/element/{element}/click"), &json!({}));
    }

    fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css);
        self.command(
            "POST",
            &format!("/element/{element}/value"),
            &json!({ "text": text }),
        );
    }

    fn script(&self, script: &str) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            &json!({"script": script, "args": []}),
        )
    }

    /// Polls `script` (which returns a value) until `done` accepts it.
    fn wait_for(&self, what: &str, script: &str, done: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let value = self.script(script);
            if done(&value) {
                return value;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; last: {value}; status: {}",
                self.script("return (document.getElementById('status') || {}).textContent || ''")
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Answers the page's own confirmation step (`#confirm`): `yes`
    /// presses its confirm button, else Cancel.
    fn answer_confirmation(&self, yes: bool) {
        self.wait_for(
            "the confirmation step",
            "return !document.getElementById('confirm').hidden",
            |shown| shown == &Value::Bool(true),
        );
        self.click(if yes { "#confirm-yes" } else { "#confirm-no" });
    }

    fn screenshot(&self, name: &str) -> PathBuf {
        let encoded = self.command("GET", "/screenshot", &Value::Null);
        let png = base64_decode(encoded.as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
        let path = artifacts_dir().join(name);
        std::fs::write(&path, png).unwrap();
        eprintln!("screenshot: {}", path.display());
        path
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        http(
            &self.driver_address,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
            b"",
        );
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    fn value(byte: u8) -> u32 {
        match byte {
            b'A'..=b'Z' => u32::from(byte - b'A'),
            b'a'..=b'z' => u32::from(byte - b'a') + 26,
            b'0'..=b'9' => u32::from(byte - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {byte}"),
        }
    }
    let symbols: Vec<u8> = text
        .bytes()
        .filter(|byte| !byte.is_ascii_whitespace() && *byte != b'=')
        .collect();
    let mut out = Vec::with_capacity(symbols.len() * 3 / 4);
    for chunk in symbols.chunks(4) {
        let mut buffer = 0u32;
        for (index, symbol) in chunk.iter().enumerate() {
            buffer |= value(*symbol) << (18 - 6 * index);
        }
        let bytes = buffer.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

// ------------------------------------------------------------- the test

#[test]
fn privacy_center_and_operator_dashboard_in_headless_chromium() {
    let Some((browser_path, driver_path)) = browser_and_driver() else {
        return;
    };
    let store = tempfile::tempdir().unwrap();
    let sample = repo_root().join("data/sample");
    run_ok(
        gleaner(store.path())
            .arg("ingest")
            .arg("--accounts")
            .arg(sample.join("accounts.jsonl"))
            .arg("--catalog")
            .arg(sample.join("catalog.jsonl"))
            .arg("--events")
            .arg(sample.join("events.jsonl")),
    );
    let person = run_ok(gleaner(store.path()).args([
        "token",
        "create",
        "--scope",
        "person",
        "--account",
        PERSON,
    ]))
    .trim()
    .to_owned();
    let operator = run_ok(gleaner(store.path()).args(["token", "create", "--scope", "operator"]))
        .trim()
        .to_owned();
    let (_server, address) = start_server(store.path());
    let browser = Browser::start(&browser_path, &driver_path);
    let interests = sign_in_and_see_interests(&browser, &address, &person);
    hide_an_interest_that_drives_recommendations(&browser, &address, &person, &interests);
    turn_ai_personalization_off_after_confirming(&browser, &address, &person);
    erase_everything(&browser, &address, &person, &operator);
    operator_dashboard_draws(&browser, &address, &operator);
}

/// Signs in on the privacy center; returns the interests shown as
/// `[path, topic]` rows.
fn sign_in_and_see_interests(browser: &Browser, address: &str, person: &str) -> Value {
    browser.open(&format!("http://{address}/"));
    browser.type_into("#token", person);
    browser.click("#login-button");
    let rows = browser.wait_for(
        "the interests",
        "return [...document.querySelectorAll('#interests tr.interest')].map((row) => \
         [row.cells[0].textContent, row.querySelector('button').dataset.topic])",
        |rows| rows.as_array().is_some_and(|rows| !rows.is_empty()),
    );
    assert_eq!(
        browser.script("return document.getElementById('account').textContent"),
        PERSON
    );
    let bars = browser.script("return document.querySelectorAll('#chart rect').length");
    assert!(bars.as_u64().unwrap() > 0, "the interest chart draws");
    browser.screenshot("privacy-center.png");
    rows
}

fn hide_an_interest_that_drives_recommendations(
    browser: &Browser,
    address: &str,
    person: &str,
    rows: &Value,
) {
    let driving_before = topics_driving_recommendations(address, person);
    let (path, topic) = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row[0].as_str().unwrap().to_owned(),
                row[1].as_str().unwrap().parse::<u64>().unwrap(),
            )
        })
        .find(|(_, topic)| driving_before.contains(topic))
        .expect("a shown interest drives some recommendation");
    browser.click(&format!("#interests button[data-topic='{topic}']"));
    browser.wait_for(
        "the interest to go from the page",
        &format!(
            "return document.querySelector(\"#interests button[data-topic='{topic}']\") === null \
             && document.getElementById('status').textContent.startsWith('Hidden')"
        ),
        |done| done == &Value::Bool(true),
    );
    let hidden_list = browser.script("return document.getElementById('hidden').textContent");
    assert!(
        hidden_list.as_str().unwrap().contains(&topic.to_string()),
        "{hidden_list}"
    );
    let driving_after = topics_driving_recommendations(address, person);
    assert!(
        !driving_after.contains(&topic),
        "hidden `{path}` ({topic}) still drives recommendations"
    );
    browser.screenshot("privacy-center-after-hide.png");
}

/// Turning AI personalization off asks first: Cancel changes nothing,
/// confirming turns it off.
fn turn_ai_personalization_off_after_confirming(browser: &Browser, address: &str, person: &str) {
    let setting = |address: &str| {
        let (status, export) = api_json(address, &format!("/v1/accounts/{PERSON}/export"), person);
        assert_eq!(status, 200, "{export}");
        export["account"]["ai_personalization"].clone()
    };
    assert_eq!(setting(address), "on");
    browser.click("#ai-toggle");
    browser.answer_confirmation(false);
    browser.wait_for(
        "the page to say nothing changed",
        "return document.getElementById('status').textContent",
        |status| {
            status
                .as_str()
                .is_some_and(|text| text.contains("still on"))
        },
    );
    assert_eq!(setting(address), "on", "cancelled: unchanged");
    browser.click("#ai-toggle");
    browser.answer_confirmation(true);
    browser.wait_for(
        "the setting to show off",
        "return document.getElementById('ai-state').textContent",
        |state| state == "off",
    );
    assert_eq!(setting(address), "off");
}

fn erase_everything(browser: &Browser, address: &str, person: &str, operator: &str) {
    browser.click("#erase");
    browser.answer_confirmation(false);
    browser.wait_for(
        "the page to say the erasure was cancelled",
        "return document.getElementById('status').textContent",
        |status| {
            status
                .as_str()
                .is_some_and(|text| text.contains("Erase cancelled"))
        },
    );
    let (status, _) = api_json(address, &format!("/v1/accounts/{PERSON}/export"), operator);
    assert_eq!(status, 200, "cancelled: nothing erased");
    browser.click("#erase");
    browser.answer_confirmation(true);
    browser.wait_for(
        "the erasure",
        "return document.getElementById('status').textContent",
        |status| {
            status
                .as_str()
                .is_some_and(|text| text.contains("was erased"))
        },
    );
    assert_eq!(
        browser.script("return document.getElementById('center').hidden"),
        Value::Bool(true)
    );
    for path in [
        format!("/v1/accounts/{PERSON}/export"),
        format!("/v1/accounts/{PERSON}/profile"),
        format!("/v1/accounts/{PERSON}/recommendations?kind=ad"),
    ] {
        let (status, body) = api_json(address, &path, operator);
        assert_eq!(status, 404, "{path} after erasure: {body}");
    }
    // Coming back with the same token: the erasure revoked it, so the page
    // refuses it and shows nothing.
    browser.open(&format!("http://{address}/"));
    browser.type_into("#token", person);
    browser.click("#login-button");
    browser.wait_for(
        "the page to refuse the revoked token",
        "return document.getElementById('status').textContent",
        |status| {
            status
                .as_str()
                .is_some_and(|text| text.contains("valid bearer token"))
        },
    );
    assert_eq!(
        browser.script(
            "return [document.getElementById('center').hidden, \
             document.querySelectorAll('#interests tr.interest').length]"
        ),
        json!([true, 0])
    );
    browser.screenshot("privacy-center-after-erase.png");
}

fn operator_dashboard_draws(browser: &Browser, address: &str, operator: &str) {
    let (status, summary) = api_json(address, "/v1/operator/summary", operator);
    assert_eq!(status, 200, "{summary}");
    browser.open(&format!("http://{address}/operator"));
    browser.type_into("#token", operator);
    browser.click("#login-form button[type=submit]");
    let drawn = browser.wait_for(
        "the operator charts",
        "return [document.querySelectorAll('#weeks g.week').length, \
         document.querySelectorAll('#weeks g.week rect').length, \
         document.querySelectorAll('#topics rect').length, \
         document.querySelectorAll('#sensitive rect').length, \
         document.querySelectorAll('#store tr').length, \
         document.querySelectorAll('#week-legend li').length, \
         document.querySelectorAll('#weeks-table tbody tr').length]",
        |counts| counts[2].as_u64().unwrap_or(0) > 0,
    );
    let counts: Vec<u64> = drawn
        .as_array()
        .unwrap()
        .iter()
        .map(|count| count.as_u64().unwrap())
        .collect();
    weekly_bars_match_the_summary(browser, &summary, &counts);
    assert!(counts[3] > 0, "sensitive drops are charted: {counts:?}");
    assert!(counts[4] > 0, "the store table is filled: {counts:?}");
    browser.screenshot("operator-dashboard.png");
}

/// The weekly chart has one bar per week of `by_week`, one segment per
/// non-empty (week, segment) pair, each bar as tall (in `data-total`) as the
/// week's events, both axis titles, a legend entry per series and a table
/// row per week.
fn weekly_bars_match_the_summary(browser: &Browser, summary: &Value, counts: &[u64]) {
    let weeks = summary["by_week"].as_array().expect("by_week");
    let series = summary["week_series"].as_array().expect("week_series");
    assert!(weeks.len() > 4, "the sample data spans weeks: {summary}");
    let segments: usize = weeks
        .iter()
        .map(|week| week["events"].as_object().unwrap().len())
        .sum();
    let expected = [weeks.len(), segments, series.len(), weeks.len()].map(|n| n as u64);
    assert_eq!(
        [counts[0], counts[1], counts[5], counts[6]],
        expected,
        "bars, segments, legend entries, table rows"
    );
    let totals = browser.script(
        "return [...document.querySelectorAll('#weeks g.week')].map((bar) => \
         [bar.getAttribute('data-week'), Number(bar.getAttribute('data-total'))])",
    );
    let expected_totals: Vec<Value> = weeks
        .iter()
        .map(|week| json!([week["week"], week["total"]]))
        .collect();
    assert_eq!(totals, Value::Array(expected_totals));
    let axis_titles = browser.script(
        "return [...document.querySelectorAll('#weeks .axis-title')].map((node) => node.textContent)",
    );
    assert_eq!(
        axis_titles,
        json!(["events", "week starting (Monday, UTC)"])
    );
    let week_labels = browser
        .script("return document.querySelectorAll('#weeks .week-label').length")
        .as_u64()
        .unwrap();
    assert!(week_labels >= 2, "the week axis is labelled: {week_labels}");
}
