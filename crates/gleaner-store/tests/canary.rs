//! The canary test on every backend: conversations carrying a unique
//! marker go through the real ingest pipeline (lexicon classifier, default
//! policy) into the store, and then everything the store holds is scanned
//! for the marker, which must not be there.
//!
//! - embedded: every byte of every file in the store directory;
//! - Redis: every key under the store's prefix and every value, field and
//!   member in it (`RedisStore::raw_contents`);
//! - Postgres: every row of every table in the store's schema as JSON
//!   text, `bytea` as hex (`PostgresStore::raw_contents`), so the scan
//!   looks for the marker both as text and as hex.
//!
//! Each scan also checks that it sees real data (a stored account id), so
//! an empty scan cannot pass. After `forget`, the same scans find neither
//! the account id nor its hash.

use std::io::Cursor;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use gleaner_classify::LexiconClassifier;
use gleaner_core::AccountId;
use gleaner_engine::ingest::NoProgress;
use gleaner_engine::{Engine, EngineConfig};
use gleaner_policy::Policy;
use gleaner_store::Store;
use gleaner_taxonomy::Taxonomy;

const CANARY: &str = "QX7-CANARY-TEXT-2931";

const ACCOUNTS: &str = r#"{"account_id":"fb:canary1","surface":"facebook","accounts_center_id":"ac:1","country":"US","birth_year":1980,"notified_at":"2025-10-01T00:00:00Z","ai_personalization":"on","hidden_topics":[]}
{"account_id":"fb:canary2","surface":"facebook","country":"US","birth_year":1975,"notified_at":"2025-10-01T00:00:00Z","ai_personalization":"on","hidden_topics":[]}
{"account_id":"fb:kid","surface":"facebook","country":"US","birth_year":2012,"notified_at":"2025-10-01T00:00:00Z","ai_personalization":"on","hidden_topics":[]}
"#;

fn ai_event(id: &str, account: &str, text: &str) -> String {
    serde_json::json!({
        "event_id": id, "kind": "ai_interaction", "account_id": account,
        "at": "2026-01-10T10:00:00Z",
        "product": "assistant", "modality": "text", "encrypted": false,
        "conversation_id": format!("c-{id}"),
        "turns": [{"role": "user", "text": text}, {"role": "assistant", "text": format!("{CANARY} sure")}]
    })
    .to_string()
}

fn engine(store: Arc<dyn Store>) -> Engine {
    let taxonomy = Taxonomy::embedded();
    let classifier = LexiconClassifier::new(taxonomy).expect("the lexicon builds");
    Engine::new(
        store,
        Arc::new(classifier),
        Policy::default(),
        taxonomy,
        EngineConfig::default(),
    )
}

/// Ingests the canary conversations; returns the engine.
fn ingest_canaries(store: Arc<dyn Store>) -> Engine {
    let engine = engine(store);
    engine.ingest_accounts(Cursor::new(ACCOUNTS)).unwrap();
    let lines = [
        ai_event(
            "e1",
            "fb:canary1",
            &format!("{CANARY} which hiking boots are best for a long mountain trail? I also want a new running shoe and a tent for camping"),
        ),
        ai_event(
            "e2",
            "fb:canary2",
            &format!("{CANARY} my doctor says my diabetes and depression are getting worse"),
        ),
        ai_event(
            "e3",
            "fb:kid",
            &format!("{CANARY} best video games and football boots"),
        ),
    ];
    let now = DateTime::parse_from_rfc3339("2026-03-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let report = engine
        .ingest_events(Cursor::new(lines.join("\n")), now, &NoProgress)
        .unwrap();
    assert_eq!(report.lines, 3);
    assert!(
        report.signals_written >= 1,
        "the canary text must produce signals, or the scan proves little: {report:?}"
    );
    engine
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut hex, byte| {
        let _infallible = write!(hex, "{byte:02x}");
        hex
    })
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// Every form in which `text` could sit in a store's contents: as is, and
/// as hex (Postgres `bytea`).
fn found_in(contents: &[Vec<u8>], text: &str) -> bool {
    let hex_form = hex(text.as_bytes());
    contents
        .iter()
        .any(|item| contains(item, text.as_bytes()) || contains(item, hex_form.as_bytes()))
}

/// The scan of one backend, after ingest and after forget.
fn scan_backend(store: Arc<dyn Store>, contents: &dyn Fn() -> Vec<Vec<u8>>) {
    let engine = ingest_canaries(store);
    let before = contents();
    assert!(
        found_in(&before, "fb:canary1"),
        "the scan does not see stored data"
    );
    assert!(!found_in(&before, CANARY), "canary text found in the store");

    let forgotten = AccountId::new("fb:canary1");
    let forgotten_hash = forgotten.hashed(engine.store().id_hasher());
    engine.forget(&forgotten).unwrap();
    let after = contents();
    assert!(!found_in(&after, CANARY), "canary text found in the store");
    assert!(
        !found_in(&after, "\"fb:canary1\"") && !found_in(&after, "fb:canary1"),
        "the forgotten account id is still stored"
    );
    assert!(
        !found_in(&after, &forgotten_hash.to_string()),
        "the forgotten account's hash is still stored"
    );
    let hash_bytes = forgotten_hash.as_bytes().to_vec();
    assert!(
        !after.iter().any(|item| contains(item, &hash_bytes)),
        "the forgotten account's hash bytes are still stored"
    );
    assert!(
        found_in(&after, "fb:canary2"),
        "forget removed another account"
    );
}

fn files_under(directory: &std::path::Path) -> Vec<Vec<u8>> {
    let mut contents = Vec::new();
    for entry in std::fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            contents.extend(files_under(&path));
        } else {
            contents.push(std::fs::read(&path).unwrap());
        }
    }
    contents
}

#[test]
fn embedded_store_holds_no_canary_text() {
    let directory = tempfile::tempdir().unwrap();
    let store = Arc::new(gleaner_store::EmbeddedStore::open(directory.path()).unwrap());
    let path = directory.path().to_path_buf();
    scan_backend(store, &|| files_under(&path));
}

/// The id secret stays in its file: not in an export, not in the store's
/// `Debug`, not in the database file; and it is readable by its owner only.
#[test]
fn the_id_secret_is_never_exported_and_is_kept_apart() {
    let directory = tempfile::tempdir().unwrap();
    let store = Arc::new(gleaner_store::EmbeddedStore::open(directory.path()).unwrap());
    let debug_text = format!("{store:?} {:?}", gleaner_store::Store::id_hasher(&*store));
    let engine = ingest_canaries(store);
    let secret_path = directory.path().join(gleaner_store::ID_SECRET_FILE_NAME);
    let secret = std::fs::read(&secret_path).unwrap();
    assert_eq!(secret.len(), 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&secret_path)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "id secret mode {mode:o}");
    }
    let now = DateTime::parse_from_rfc3339("2026-03-01T00:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let export = engine.export(&AccountId::new("fb:canary1"), now).unwrap();
    let exported = serde_json::to_vec(&export).unwrap();
    let database = std::fs::read(directory.path().join(gleaner_store::DATABASE_FILE_NAME)).unwrap();
    for place in [
        exported.as_slice(),
        debug_text.as_bytes(),
        database.as_slice(),
    ] {
        assert!(!contains(place, &secret), "the raw secret leaked");
        assert!(
            !contains(place, hex(&secret).as_bytes()),
            "the secret leaked as hex"
        );
    }
    assert!(
        contains(&exported, b"fb:canary1"),
        "the export is not the account's"
    );
}

#[cfg(feature = "redis")]
#[test]
fn redis_store_holds_no_canary_text() {
    use gleaner_store::testsuite::servers::{Server, ServerNamespace};
    let Some(namespace) = ServerNamespace::new(Server::Redis) else {
        return;
    };
    let store = Arc::new(gleaner_store::RedisStore::open(namespace.url()).unwrap());
    let reader = Arc::clone(&store);
    scan_backend(store, &|| reader.raw_contents().unwrap());
}

#[cfg(feature = "postgres")]
#[test]
fn postgres_store_holds_no_canary_text() {
    use gleaner_store::testsuite::servers::{Server, ServerNamespace};
    let Some(namespace) = ServerNamespace::new(Server::Postgres) else {
        return;
    };
    let store = Arc::new(gleaner_store::PostgresStore::open(namespace.url()).unwrap());
    let reader = Arc::clone(&store);
    scan_backend(store, &|| {
        reader
            .raw_contents()
            .unwrap()
            .into_iter()
            .map(String::into_bytes)
            .collect()
    });
}
