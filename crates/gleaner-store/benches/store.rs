//! Benchmarks of `EmbeddedStore`.
//!
//! `commit_events` cost is dominated by the fsync of each write transaction
//! (`Durability::Immediate`): a batch of 1 pays one fsync per event, a batch
//! of 256 shares it, so per-event throughput grows by roughly the batch size
//! until JSON encoding and B-tree inserts (a few microseconds per event) take
//! over. Callers should commit whole ingest batches at once.
//!
//! Measured on the 2-core development VM (release, ext4): a batch of 1
//! takes about 0.46 ms (about 2.2 k events/s); a batch of 256 about 22 ms
//! (about 11.5 k events/s). In the large batch the cost is the copy-on-write
//! of the B-tree pages that hashed keys touch at random (4 to 5 leaves per
//! event across the signal, seen-event and index tables), written at commit.
//! `signals_of` is bounded by JSON decoding of each signal.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use gleaner_core::AccountId;
use gleaner_store::testsuite::fixtures::{day, used_outcome};
use gleaner_store::{EmbeddedStore, EventOutcome, Store};

fn outcomes(first_event: u64, count: u64) -> Vec<EventOutcome> {
    (first_event..first_event + count)
        .map(|event_number| {
            used_outcome(
                &format!("acct:{}", event_number % 50),
                &format!("bench-event-{event_number}"),
                &[20, 24, 412],
                day((event_number % 30) as u32),
            )
        })
        .collect()
}

fn commit_events(criterion: &mut Criterion) {
    let directory = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(directory.path()).unwrap();
    let mut next_event = 0_u64;
    let mut group = criterion.benchmark_group("gleaner_store::EmbeddedStore");
    for batch_size in [1_u64, 256] {
        group.throughput(Throughput::Elements(batch_size));
        group.bench_with_input(
            BenchmarkId::new("commit_events", batch_size),
            &batch_size,
            |bencher, &batch_size| {
                bencher.iter_batched(
                    || {
                        let batch = outcomes(next_event, batch_size);
                        next_event += batch_size;
                        batch
                    },
                    |batch| black_box(store.commit_events(&batch).unwrap()),
                    BatchSize::SmallInput,
                );
            },
        );
    }
    group.finish();
}

fn signals_of(criterion: &mut Criterion) {
    const EVENTS_OF_ONE_ACCOUNT: u64 = 400;
    let directory = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(directory.path()).unwrap();
    let account_id = AccountId::new("acct:0");
    let batch: Vec<EventOutcome> = (0..EVENTS_OF_ONE_ACCOUNT)
        .map(|event_number| {
            used_outcome(
                account_id.as_str(),
                &format!("read-event-{event_number}"),
                &[20, 24, 412],
                day(1),
            )
        })
        .collect();
    store.commit_events(&batch).unwrap();
    store.commit_events(&outcomes(1_000_000, 2_000)).unwrap();
    let signal_count = store.signals_of(&account_id).unwrap().len() as u64;
    let mut group = criterion.benchmark_group("gleaner_store::EmbeddedStore");
    group.throughput(Throughput::Elements(signal_count));
    group.bench_function("signals_of", |bencher| {
        bencher.iter(|| black_box(store.signals_of(&account_id).unwrap().len()));
    });
    group.finish();
}

criterion_group!(benches, commit_events, signals_of);
criterion_main!(benches);
