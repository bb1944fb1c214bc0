//! Ingest throughput on the bundled sample events, cycled to 2,000 events.
//!
//! Two backends in the same run: the embedded redb store (cost dominated by
//! one fsync per 256-event batch plus JSON encoding of signals) and the
//! in-memory model store (what remains: parsing, policy, classification).
//! The ratio between them is the store's share.

use std::io::Cursor;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use gleaner_classify::LexiconClassifier;
use gleaner_engine::ingest::NoProgress;
use gleaner_engine::{Engine, EngineConfig};
use gleaner_policy::Policy;
use gleaner_store::{EmbeddedStore, ModelStore, Store};
use gleaner_taxonomy::Taxonomy;

const ACCOUNTS: &str = include_str!("../../../data/sample/accounts.jsonl");
const CATALOG: &str = include_str!("../../../data/sample/catalog.jsonl");
const EVENTS: &str = include_str!("../../../data/sample/events.jsonl");
const EVENT_COUNT: usize = 2_000;

fn events() -> String {
    let templates: Vec<serde_json::Value> = EVENTS
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    (0..EVENT_COUNT)
        .map(|index| {
            let mut event = templates[index % templates.len()].clone();
            event["event_id"] = serde_json::Value::String(format!("bench-{index}"));
            event.to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn engine_over(store: Arc<dyn Store>) -> Engine {
    let engine = Engine::new(
        store,
        Arc::new(LexiconClassifier::embedded().clone()),
        Policy::default(),
        Taxonomy::embedded(),
        EngineConfig::default(),
    );
    engine.ingest_accounts(Cursor::new(ACCOUNTS)).unwrap();
    engine.ingest_catalog(Cursor::new(CATALOG)).unwrap();
    engine
}

fn bench_ingest(criterion: &mut Criterion) {
    let input = events();
    let now = chrono::DateTime::parse_from_rfc3339("2026-07-01T00:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut group = criterion.benchmark_group("gleaner_engine::Engine::ingest_events");
    group.throughput(Throughput::Elements(EVENT_COUNT as u64));
    group.sample_size(10);
    group.bench_function("embedded_store", |bencher| {
        bencher.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let engine = engine_over(Arc::new(EmbeddedStore::open(dir.path()).unwrap()));
                (dir, engine)
            },
            |(_dir, engine)| {
                engine
                    .ingest_events(Cursor::new(input.as_bytes()), now, &NoProgress)
                    .unwrap()
            },
            BatchSize::PerIteration,
        );
    });
    group.bench_function("model_store_baseline", |bencher| {
        bencher.iter_batched(
            || engine_over(Arc::new(ModelStore::new())),
            |engine| {
                engine
                    .ingest_events(Cursor::new(input.as_bytes()), now, &NoProgress)
                    .unwrap()
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(benches, bench_ingest);
criterion_main!(benches);
