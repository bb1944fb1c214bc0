//! The stream source against the real NATS server (and Redis for the
//! outage test): dead letters, and a store outage that stops
//! acknowledgements and loses nothing. Without a server these tests fail in
//! CI and skip elsewhere (`gleaner_stream::testsuite`).

use std::io::Cursor;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use gleaner_classify::LexiconClassifier;
use gleaner_core::{AccountId, EventId, HashedId, Timestamp};
use gleaner_engine::ingest::jsonl::ParseLimits;
use gleaner_engine::ingest::NoProgress;
use gleaner_engine::{Engine, EngineConfig};
use gleaner_policy::Policy;
use gleaner_store::testsuite::proxy::Proxy;
use gleaner_store::testsuite::servers::{Server, ServerNamespace};
use gleaner_store::{Store, StoreResolver, StoreStats};
use gleaner_stream::shard::events_wildcard;
use gleaner_stream::testsuite::{test_nats_url, unique_stream_name};
use gleaner_stream::{
    publish_events, NatsStream, StopSignal, StreamReport, StreamWorker, WorkerConfig,
};
use gleaner_taxonomy::Taxonomy;

const CANARY: &str = "canary-7d1f secret words";

fn sample(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/sample")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn now() -> Timestamp {
    chrono::DateTime::parse_from_rfc3339("2026-07-01T00:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc)
}

fn engine_over(store: Arc<dyn Store>, config: EngineConfig) -> Engine {
    Engine::new(
        store,
        Arc::new(LexiconClassifier::embedded().clone()),
        Policy::default(),
        Taxonomy::embedded(),
        config,
    )
}

fn load_accounts_and_catalog(engine: &Engine) {
    engine
        .ingest_accounts(Cursor::new(sample("accounts.jsonl")))
        .unwrap();
    engine
        .ingest_catalog(Cursor::new(sample("catalog.jsonl")))
        .unwrap();
}

fn run_worker(source: &str, stream_name: &str, engine: Engine, idle: Duration) -> StreamReport {
    let stream = NatsStream::open(source, stream_name).unwrap();
    let worker = StreamWorker::new(
        stream,
        engine,
        WorkerConfig {
            ack_wait: Duration::from_secs(5),
            exit_when_idle: Some(idle),
            max_backoff: Duration::from_millis(800),
            ..WorkerConfig::default()
        },
    )
    .unwrap();
    worker.run(&mut now).unwrap()
}

fn counts(stats: StoreStats) -> (usize, usize, usize) {
    (stats.events, stats.signals, stats.audit_records)
}

/// What a plain file ingest of the sample events stores.
fn reference_counts() -> (usize, usize, usize) {
    let directory = tempfile::tempdir().unwrap();
    let store = StoreResolver::default()
        .resolve(&directory.path().display().to_string())
        .unwrap();
    let engine = engine_over(Arc::clone(&store), EngineConfig::default());
    load_accounts_and_catalog(&engine);
    engine
        .ingest_events(Cursor::new(sample("events.jsonl")), now(), &NoProgress)
        .unwrap();
    counts(store.stats().unwrap())
}

#[test]
fn bad_messages_go_to_the_dead_letter_subject_without_their_text_and_never_block() {
    let Some(source) = test_nats_url() else {
        return;
    };
    let stream_name = unique_stream_name("dlq");
    let stream = NatsStream::open_or_create(&source, &stream_name, 4).unwrap();
    let good = "{\"event_id\":\"g-1\",\"kind\":\"engagement\",\"account_id\":\"fb:1001\",\
                \"at\":\"2025-12-20T10:00:00Z\",\"action\":\"like\",\"item_id\":\"ad:golazo-cleats\"}";
    let good_after = good.replace("g-1", "g-2");
    let mistyped = format!(
        "{{\"event_id\":\"b-1\",\"kind\":\"ai_interaction\",\"account_id\":\"fb:1001\",\
         \"at\":\"2025-12-20T10:00:00Z\",\"product\":\"assistant\",\"modality\":\"text\",\
         \"encrypted\":false,\"conversation_id\":\"c-1\",\"turns\":\"{CANARY}\"}}"
    );
    let unknown_account = good.replace("g-1", "b-2").replace("fb:1001", "fb:nobody");
    let too_long = format!(
        "{{\"event_id\":\"b-3\",\"kind\":\"ai_interaction\",\"account_id\":\"fb:1001\",\
         \"at\":\"2025-12-20T10:00:00Z\",\"product\":\"assistant\",\"modality\":\"text\",\
         \"encrypted\":false,\"conversation_id\":\"c-2\",\
         \"turns\":[{{\"role\":\"user\",\"text\":\"{CANARY} {}\"}}]}}",
        "trail running shoes ".repeat(20)
    );
    let mut input: Vec<u8> = Vec::new();
    for line in [
        good,
        &format!("not json {CANARY}"),
        &mistyped,
        &unknown_account,
        &too_long,
    ] {
        input.extend_from_slice(line.as_bytes());
        input.push(b'\n');
    }
    // Invalid UTF-8: the publisher cannot read its account, so shard 0.
    input.extend_from_slice(
        b"{\"event_id\":\"b-4\",\"account_id\":\"fb:1001\",\"x\":\"\xff\xfe\"}\n",
    );
    input.extend_from_slice(good_after.as_bytes());
    input.push(b'\n');
    let published = publish_events(&stream, Cursor::new(input)).unwrap();
    assert_eq!(published.published, 7);

    let directory = tempfile::tempdir().unwrap();
    let store = StoreResolver::default()
        .resolve(&directory.path().display().to_string())
        .unwrap();
    let config = EngineConfig {
        parse_limits: ParseLimits {
            max_text_bytes: 200,
        },
        ..EngineConfig::default()
    };
    let engine = engine_over(Arc::clone(&store), config);
    load_accounts_and_catalog(&engine);
    let report = run_worker(&source, &stream_name, engine, Duration::from_secs(2));

    assert_eq!(report.messages, 7, "{report:?}");
    assert_eq!(report.dead_lettered, 5, "{report:?}");
    assert_eq!(store.stats().unwrap().events, 2, "both good events are in");
    assert_eq!(
        stream.messages_on(&events_wildcard(&stream_name)).unwrap(),
        0,
        "every message was acknowledged"
    );
    let letters = stream.dead_letters().unwrap();
    assert_eq!(letters.len(), 5, "{letters:?}");
    let reasons: Vec<&str> = letters
        .iter()
        .map(|letter| letter.reason.as_str())
        .collect();
    for expected in [
        "malformed",
        "unknown account `fb:nobody`",
        "text over the configured size",
        "not UTF-8",
    ] {
        assert!(
            reasons.iter().any(|reason| reason.contains(expected)),
            "no dead letter says `{expected}`: {reasons:?}"
        );
    }
    for letter in &letters {
        assert!(letter.source_sequence > 0, "{letter:?}");
        assert!(
            !letter.reason.contains("canary") && !letter.body.contains("canary"),
            "conversation text reached a dead letter: {letter:?}"
        );
    }
    stream.delete().unwrap();
}

/// Issue 13: the same `event_id` with other content (another account) goes
/// to the dead-letter subject with its reason (JetStream's duplicate window
/// does not swallow it), and the store keeps the first event; so does an
/// event from the future.
#[test]
fn a_reused_event_id_with_other_content_is_dead_lettered() {
    let Some(source) = test_nats_url() else {
        return;
    };
    let stream_name = unique_stream_name("reuse");
    // One shard: the messages are taken in publish order.
    let stream = NatsStream::open_or_create(&source, &stream_name, 1).unwrap();
    let original = "{\"event_id\":\"r-1\",\"kind\":\"engagement\",\"account_id\":\"fb:1001\",\
                    \"at\":\"2025-12-20T10:00:00Z\",\"action\":\"like\",\"item_id\":\"ad:golazo-cleats\"}";
    let other_account = original.replace("fb:1001", "ig:3001");
    let future = original
        .replace("r-1", "r-2")
        .replace("2025-12-20", "2099-12-20");
    let mut input = String::new();
    for line in [original, original, &other_account, &future] {
        input.push_str(line);
        input.push('\n');
    }
    assert_eq!(
        publish_events(&stream, Cursor::new(input))
            .unwrap()
            .published,
        4
    );
    let directory = tempfile::tempdir().unwrap();
    let store = StoreResolver::default()
        .resolve(&directory.path().display().to_string())
        .unwrap();
    let engine = engine_over(Arc::clone(&store), EngineConfig::default());
    load_accounts_and_catalog(&engine);
    let report = run_worker(&source, &stream_name, engine, Duration::from_secs(2));
    // The byte-identical repeat is dropped by JetStream (same message id);
    // the reused id with other content reaches the worker.
    assert_eq!(report.messages, 3, "{report:?}");
    assert_eq!(report.dead_lettered, 2, "{report:?}");
    assert_eq!(store.stats().unwrap().events, 1);
    let owner = store.audit_of(&AccountId::new("fb:1001")).unwrap();
    assert_eq!(owner.len(), 1, "the first event stays");
    assert!(store
        .audit_of(&AccountId::new("ig:3001"))
        .unwrap()
        .is_empty());
    let letters = stream.dead_letters().unwrap();
    let reasons: Vec<&str> = letters
        .iter()
        .map(|letter| letter.reason.as_str())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|reason| reason.contains("event_id `r-1` is already stored with other content")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|reason| reason.contains("field `at`")),
        "{reasons:?}"
    );
    stream.delete().unwrap();
}

#[test]
fn a_store_outage_stops_acknowledgements_and_nothing_is_lost_or_doubled() {
    let Some(source) = test_nats_url() else {
        return;
    };
    let Some(namespace) = ServerNamespace::new(Server::Redis) else {
        return;
    };
    let stream_name = unique_stream_name("outage");
    let stream = NatsStream::open_or_create(&source, &stream_name, 8).unwrap();
    publish_events(&stream, Cursor::new(sample("events.jsonl"))).unwrap();

    let (target, mut proxied_url) = server_address(&namespace);
    let proxy = Proxy::start(0, target);
    proxied_url.set_port(Some(proxy.port)).unwrap();
    let worker_store = StoreResolver::default()
        .resolve(proxied_url.as_str())
        .unwrap();
    let observer = StoreResolver::default().resolve(namespace.url()).unwrap();
    let engine = engine_over(worker_store, EngineConfig::default());
    load_accounts_and_catalog(&engine);

    let worker = {
        let source = source.clone();
        let stream_name = stream_name.clone();
        thread::spawn(move || run_worker(&source, &stream_name, engine, Duration::from_secs(4)))
    };
    wait_until("the worker committed some events", || {
        observer.stats().unwrap().events >= 50
    });
    let port = proxy.cut();
    // A commit the proxy had already forwarded may still finish.
    thread::sleep(Duration::from_millis(200));
    let committed_at_cut = observer.stats().unwrap().events;
    thread::sleep(Duration::from_millis(1500));
    let committed_during_outage = observer.stats().unwrap().events;
    let left_in_stream = stream.messages_on(&events_wildcard(&stream_name)).unwrap();
    let proxy = Proxy::start(port, target);
    let report = worker.join().unwrap();

    assert_eq!(
        committed_at_cut, committed_during_outage,
        "nothing is committed while the store is gone"
    );
    assert!(
        left_in_stream > 0,
        "unacknowledged messages stay in the stream during the outage"
    );
    assert!(report.store_retries > 0, "{report:?}");
    assert_eq!(
        counts(observer.stats().unwrap()),
        reference_counts(),
        "after the outage the store holds what a file ingest stores: {report:?}"
    );
    assert_eq!(
        stream.messages_on(&events_wildcard(&stream_name)).unwrap(),
        0
    );
    proxy.cut();
    stream.delete().unwrap();
}

fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "timed out waiting until {what}"
        );
        thread::sleep(Duration::from_millis(10));
    }
}

fn server_address(namespace: &ServerNamespace) -> (SocketAddr, url::Url) {
    let url = url::Url::parse(namespace.url()).unwrap();
    let address = (url.host_str().unwrap(), url.port().unwrap())
        .to_socket_addrs()
        .unwrap()
        .next()
        .unwrap();
    (address, url)
}

#[test]
fn each_accounts_events_are_committed_in_publish_order_with_two_workers() {
    let Some(source) = test_nats_url() else {
        return;
    };
    let stream_name = unique_stream_name("order");
    let stream = NatsStream::open_or_create(&source, &stream_name, 8).unwrap();
    let accounts = ["fb:1001", "ig:3001", "wa:2001"];
    let per_account = 60;
    let mut input = String::new();
    for index in 0..per_account {
        for account in accounts {
            input.push_str(&format!(
                "{{\"event_id\":\"o-{account}-{index}\",\"kind\":\"engagement\",\
                 \"account_id\":\"{account}\",\"at\":\"2025-12-20T10:00:00Z\",\
                 \"action\":\"like\",\"item_id\":\"ad:golazo-cleats\"}}\n"
            ));
        }
    }
    publish_events(&stream, Cursor::new(input)).unwrap();

    let directory = tempfile::tempdir().unwrap();
    let store = StoreResolver::default()
        .resolve(&directory.path().display().to_string())
        .unwrap();
    let engine = engine_over(Arc::clone(&store), EngineConfig::default());
    load_accounts_and_catalog(&engine);
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (source, stream_name, engine) =
                (source.clone(), stream_name.clone(), engine.clone());
            thread::spawn(move || run_worker(&source, &stream_name, engine, Duration::from_secs(2)))
        })
        .collect();
    let reports: Vec<StreamReport> = workers
        .into_iter()
        .map(|worker| worker.join().unwrap())
        .collect();
    assert_eq!(
        reports.iter().map(|report| report.messages).sum::<usize>(),
        accounts.len() * per_account
    );
    for account in accounts {
        let committed: Vec<HashedId> = store
            .audit_of(&AccountId::new(account))
            .unwrap()
            .iter()
            .map(|record| record.event)
            .collect();
        let published: Vec<HashedId> = (0..per_account)
            .map(|index| EventId::new(format!("o-{account}-{index}")).hashed(store.id_hasher()))
            .collect();
        assert_eq!(
            committed, published,
            "{account}: audit order != publish order"
        );
    }
    stream.delete().unwrap();
}

#[test]
fn a_raised_stop_signal_makes_run_return_while_idle_and_loses_nothing() {
    let Some(source) = test_nats_url() else {
        return;
    };
    let stream_name = unique_stream_name("stop");
    let stream = NatsStream::open_or_create(&source, &stream_name, 4).unwrap();
    let config = |stop: &StopSignal| WorkerConfig {
        ack_wait: Duration::from_secs(5),
        stop: stop.clone(),
        ..WorkerConfig::default()
    };
    let store = StoreResolver::default().resolve("memory://").unwrap();
    let engine = engine_over(Arc::clone(&store), EngineConfig::default());
    load_accounts_and_catalog(&engine);

    // Idle (an empty stream, no exit_when_idle): returns once raised.
    let stop = StopSignal::new();
    let worker = StreamWorker::new(
        NatsStream::open(&source, &stream_name).unwrap(),
        engine.clone(),
        config(&stop),
    )
    .unwrap();
    let raiser = {
        let stop = stop.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(500));
            stop.stop();
        })
    };
    let started = Instant::now();
    let report = worker.run(&mut now).unwrap();
    raiser.join().unwrap();
    assert_eq!(report.messages, 0);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "stopped late: {:?}",
        started.elapsed()
    );

    // Raised mid-stream: the worker stops after a committed round, and a
    // second worker finishes the stream with nothing lost or doubled.
    publish_events(&stream, Cursor::new(sample("events.jsonl"))).unwrap();
    let stop = StopSignal::new();
    let worker = StreamWorker::new(
        NatsStream::open(&source, &stream_name).unwrap(),
        engine.clone(),
        config(&stop),
    )
    .unwrap();
    let mut rounds = 0;
    let mut clock = || {
        rounds += 1;
        if rounds == 2 {
            stop.stop();
        }
        now()
    };
    let first = worker.run(&mut clock).unwrap();
    assert_eq!(first.batches, 2, "stopped after the round it held");
    let second = run_worker(&source, &stream_name, engine, Duration::from_secs(8));
    assert!(second.messages > 0);
    assert_eq!(counts(store.stats().unwrap()), reference_counts());
    stream.delete().unwrap();
}
