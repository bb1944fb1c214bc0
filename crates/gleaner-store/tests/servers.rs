//! Behaviour of the Redis and Postgres stores beyond the conformance
//! suite: outages (closed port, server going away and coming back),
//! passwords kept out of messages, the resolver, Postgres migrations and
//! the Redis layout version.
//!
//! Tests that need a server follow `testsuite::servers`: they fail in CI
//! when it is missing and print `skipping: …` elsewhere.
#![cfg(all(feature = "redis", feature = "postgres"))]

use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::sync::Arc;
use std::thread;

use gleaner_core::AccountId;
use gleaner_store::testsuite::fixtures::{day, used_outcome};
use gleaner_store::testsuite::proxy::Proxy;
use gleaner_store::testsuite::servers::{Server, ServerNamespace};
use gleaner_store::{EventCheck, PostgresStore, RedisStore, Store, StoreError, StoreResolver};

/// A port nothing listens on (bound, then released).
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn assert_unavailable(error: &StoreError, backend: &str) {
    assert!(
        matches!(error, StoreError::Unavailable { backend: found, .. } if *found == backend),
        "expected {backend} unavailable, got {error:?}"
    );
    assert!(error.is_retryable());
    let text = error.to_string();
    assert!(text.starts_with(&format!("{backend} store at `")), "{text}");
    assert!(text.contains("unavailable"), "{text}");
}

#[test]
fn redis_on_a_closed_port_is_a_clean_error_without_the_password() {
    let url = format!(
        "redis://gleaner:hunter2@127.0.0.1:{}/?prefix=closed",
        closed_port()
    );
    let error = RedisStore::open(&url).unwrap_err();
    assert_unavailable(&error, "redis");
    assert!(
        !format!("{error} {error:?}").contains("hunter2"),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("gleaner:***@127.0.0.1"),
        "{error}"
    );
    // Through the resolver too.
    let error = StoreResolver::default().resolve(&url).err().unwrap();
    assert_unavailable(&error, "redis");
}

#[test]
fn postgres_on_a_closed_port_is_a_clean_error_without_the_password() {
    let url = format!(
        "postgres://gleaner:hunter2@127.0.0.1:{}/test?schema=closed&connect_timeout=2",
        closed_port()
    );
    let error = PostgresStore::open(&url).unwrap_err();
    assert_unavailable(&error, "postgres");
    assert!(
        !format!("{error} {error:?}").contains("hunter2"),
        "{error:?}"
    );
    let error = StoreResolver::default()
        .resolve(&url.replace("postgres://", "postgresql://"))
        .err()
        .unwrap();
    assert_unavailable(&error, "postgres");
}

#[test]
fn bad_namespace_names_are_refused_before_connecting() {
    let error = RedisStore::open("redis://127.0.0.1:1/?prefix=a*b").unwrap_err();
    assert!(matches!(error, StoreError::InvalidUrl { .. }), "{error:?}");
    let error = PostgresStore::open("postgres://127.0.0.1:1/test?schema=x;drop").unwrap_err();
    assert!(matches!(error, StoreError::InvalidUrl { .. }), "{error:?}");
}

#[test]
fn the_resolver_opens_every_server_scheme() {
    for (server, schemes) in [
        (Server::Redis, &["redis"][..]),
        (Server::Postgres, &["postgres", "postgresql"][..]),
    ] {
        for scheme in schemes {
            let Some(namespace) = ServerNamespace::new(server) else {
                return;
            };
            let url = namespace.url().replacen(
                &format!("{}://", server.name()),
                &format!("{scheme}://"),
                1,
            );
            let store = StoreResolver::default().resolve(&url).unwrap();
            store
                .commit_events(&[used_outcome(
                    store.id_hasher(),
                    "fb:1",
                    "e-1",
                    &[20],
                    day(1),
                )])
                .unwrap();
            assert_eq!(store.stats().unwrap().signals, 1, "{url}");
        }
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

/// Opens a store through a proxy, cuts the proxy, checks that calls fail
/// cleanly and retryably, restarts it and checks that the same store works
/// again with nothing lost and nothing doubled.
fn outage_and_recovery(server: Server, open: fn(&str) -> Result<Arc<dyn Store>, StoreError>) {
    let Some(namespace) = ServerNamespace::new(server) else {
        return;
    };
    let (target, mut url) = server_address(&namespace);
    let proxy = Proxy::start(0, target);
    url.set_port(Some(proxy.port)).unwrap();
    let store = open(url.as_str()).unwrap();
    let first = used_outcome(store.id_hasher(), "fb:1", "e-1", &[20], day(1));
    let second = used_outcome(store.id_hasher(), "fb:1", "e-2", &[24], day(2));
    assert_eq!(
        store
            .commit_events(std::slice::from_ref(&first))
            .unwrap()
            .committed,
        1
    );

    let port = proxy.cut();
    for _ in 0..2 {
        let error = store
            .commit_events(std::slice::from_ref(&second))
            .unwrap_err();
        assert_unavailable(&error, server.name());
        assert_unavailable(&store.stats().unwrap_err(), server.name());
    }

    let proxy = Proxy::start(port, target);
    let report = store
        .commit_events(&[first.clone(), second.clone()])
        .unwrap();
    assert_eq!((report.committed, report.already_present), (1, 1));
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.events, stats.signals, stats.audit_records),
        (2, 2, 2)
    );
    assert_eq!(store.signals_of(&AccountId::new("fb:1")).unwrap().len(), 2);
    drop(store);
    proxy.cut();
}

#[test]
fn redis_calls_fail_cleanly_while_the_server_is_gone_and_recover_after() {
    outage_and_recovery(Server::Redis, |url| Ok(Arc::new(RedisStore::open(url)?)));
}

#[test]
fn postgres_calls_fail_cleanly_while_the_server_is_gone_and_recover_after() {
    outage_and_recovery(Server::Postgres, |url| {
        Ok(Arc::new(PostgresStore::open(url)?))
    });
}

fn postgres_admin() -> postgres::Client {
    postgres::Client::connect(&Server::Postgres.url(), postgres::NoTls).unwrap()
}

#[test]
fn postgres_migrations_apply_once_and_reopening_is_a_no_op() {
    let Some(namespace) = ServerNamespace::new(Server::Postgres) else {
        return;
    };
    let schema = namespace.name().to_owned();
    let migrations_of = |client: &mut postgres::Client| -> Vec<(i64, String, String)> {
        client
            .query(
                &format!(
                    "SELECT version, name, applied_at::text FROM {schema}.schema_migrations \
                     ORDER BY version"
                ),
                &[],
            )
            .unwrap()
            .iter()
            .map(|row| (row.get(0), row.get(1), row.get(2)))
            .collect()
    };
    let store = PostgresStore::open(namespace.url()).unwrap();
    store
        .commit_events(&[used_outcome(
            store.id_hasher(),
            "fb:1",
            "e-1",
            &[20],
            day(1),
        )])
        .unwrap();
    let mut admin = postgres_admin();
    let after_first_open = migrations_of(&mut admin);
    assert_eq!(
        after_first_open
            .iter()
            .map(|(version, name, _)| (*version, name.as_str()))
            .collect::<Vec<_>>(),
        [
            (1, "initial"),
            (2, "event_digest"),
            (3, "account_moves"),
            (4, "id_secret"),
            (5, "settings_overrides")
        ]
    );
    drop(store);

    let reopened = PostgresStore::open(namespace.url()).unwrap();
    assert_eq!(
        migrations_of(&mut admin),
        after_first_open,
        "reopening changed schema_migrations"
    );
    assert_eq!(reopened.stats().unwrap().signals, 1, "reopening lost data");
}

/// A `seen_events` row of layout 1 (no digest) counts as the same content,
/// and commits beside it keep working.
#[test]
fn postgres_a_seen_row_without_a_digest_counts_as_the_same_content() {
    let Some(namespace) = ServerNamespace::new(Server::Postgres) else {
        return;
    };
    let store = PostgresStore::open(namespace.url()).unwrap();
    let first = used_outcome(store.id_hasher(), "fb:1", "e-1", &[20], day(1));
    store.commit_events(std::slice::from_ref(&first)).unwrap();
    postgres_admin()
        .execute(
            &format!("UPDATE {}.seen_events SET digest = NULL", namespace.name()),
            &[],
        )
        .unwrap();
    let other = used_outcome(store.id_hasher(), "fb:1", "e-1", &[24], day(2));
    assert_eq!(
        store.check_event(&other.event, &other.digest).unwrap(),
        EventCheck::SameContent
    );
    let report = store
        .commit_events(&[
            other,
            used_outcome(store.id_hasher(), "fb:1", "e-2", &[24], day(2)),
        ])
        .unwrap();
    assert_eq!(
        (
            report.committed,
            report.already_present,
            report.conflicting.len()
        ),
        (1, 1, 0)
    );
}

#[test]
fn postgres_refuses_a_schema_migrated_by_a_newer_gleaner() {
    let Some(namespace) = ServerNamespace::new(Server::Postgres) else {
        return;
    };
    drop(PostgresStore::open(namespace.url()).unwrap());
    let mut admin = postgres_admin();
    admin
        .execute(
            &format!(
                "INSERT INTO {}.schema_migrations (version, name) VALUES (99, 'future')",
                namespace.name()
            ),
            &[],
        )
        .unwrap();
    let error = PostgresStore::open(namespace.url()).unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::SchemaTooNew {
                found: 99,
                supported: 5,
                ..
            }
        ),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(
        text.contains("schema version 99, newer than the 5"),
        "{text}"
    );
    assert!(text.contains(namespace.name()), "{text}");
}

#[test]
fn postgres_workers_opening_a_fresh_schema_at_once_do_not_race() {
    let Some(namespace) = ServerNamespace::new(Server::Postgres) else {
        return;
    };
    let url = namespace.url().to_owned();
    let openers: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            thread::spawn(move || {
                PostgresStore::open(&url)
                    .map(|store| AccountId::new("ig:3021").hashed(store.id_hasher()))
            })
        })
        .collect();
    let hashes: Vec<_> = openers
        .into_iter()
        .map(|opener| opener.join().unwrap().unwrap())
        .collect();
    assert!(
        hashes.windows(2).all(|pair| pair[0] == pair[1]),
        "workers opening a fresh schema at once created different id secrets"
    );
    let count: i64 = postgres_admin()
        .query_one(
            &format!(
                "SELECT count(*) FROM {}.schema_migrations",
                namespace.name()
            ),
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        count,
        i64::try_from(gleaner_store::postgres_store::POSTGRES_SCHEMA_VERSION).unwrap(),
        "each migration applied once"
    );
}

#[test]
fn redis_refuses_keys_written_by_a_newer_layout() {
    let Some(namespace) = ServerNamespace::new(Server::Redis) else {
        return;
    };
    drop(RedisStore::open(namespace.url()).unwrap());
    let client = redis::Client::open(Server::Redis.url()).unwrap();
    let mut connection = client.get_connection().unwrap();
    redis::cmd("HSET")
        .arg(format!("{{{}}}:meta", namespace.name()))
        .arg("schema_version")
        .arg(7)
        .exec(&mut connection)
        .unwrap();
    let error = RedisStore::open(namespace.url()).unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::SchemaTooNew {
                found: 7,
                supported: 1,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn two_stores_on_one_server_do_not_see_each_other() {
    for server in [Server::Redis, Server::Postgres] {
        let (Some(one), Some(other)) = (ServerNamespace::new(server), ServerNamespace::new(server))
        else {
            return;
        };
        let resolver = StoreResolver::default();
        let first = resolver.resolve(one.url()).unwrap();
        let second = resolver.resolve(other.url()).unwrap();
        first
            .commit_events(&[used_outcome(
                first.id_hasher(),
                "fb:1",
                "e-1",
                &[20],
                day(1),
            )])
            .unwrap();
        assert_eq!(second.stats().unwrap().events, 0, "{}", server.name());
        assert_eq!(
            second
                .commit_events(&[used_outcome(
                    second.id_hasher(),
                    "fb:1",
                    "e-1",
                    &[20],
                    day(1)
                )])
                .unwrap()
                .committed,
            1,
            "{}",
            server.name()
        );
    }
}

/// Two workers (two stores on one namespace) commit the same events at
/// once, in opposite orders: every event is committed exactly once.
fn concurrent_commits_count_each_event_once(
    server: Server,
    open: fn(&str) -> Result<Arc<dyn Store>, StoreError>,
) {
    const BATCHES: usize = 20;
    const BATCH_SIZE: usize = 25;
    let Some(namespace) = ServerNamespace::new(server) else {
        return;
    };
    // Both workers read the namespace's one secret, so their hashes agree.
    let probe = open(namespace.url()).unwrap();
    let batches: Arc<Vec<Vec<gleaner_store::EventOutcome>>> = Arc::new(
        (0..BATCHES)
            .map(|batch| {
                (0..BATCH_SIZE)
                    .map(|index| {
                        used_outcome(
                            probe.id_hasher(),
                            &format!("acct:{}", index % 7),
                            &format!("b{batch}-e{index}"),
                            &[20, 24],
                            day(1),
                        )
                    })
                    .collect()
            })
            .collect(),
    );
    let workers: Vec<_> = [false, true]
        .into_iter()
        .map(|reverse| {
            let store = open(namespace.url()).unwrap();
            let batches = Arc::clone(&batches);
            thread::spawn(move || {
                let mut order: Vec<usize> = (0..BATCHES).collect();
                if reverse {
                    order.reverse();
                }
                let mut committed = 0;
                for index in order {
                    // A lost conflict is retryable, as a worker would.
                    let report = loop {
                        match store.commit_events(&batches[index]) {
                            Ok(report) => break report,
                            Err(error) if error.is_retryable() => {}
                            Err(error) => panic!("{error}"),
                        }
                    };
                    committed += report.committed;
                }
                committed
            })
        })
        .collect();
    let committed: usize = workers
        .into_iter()
        .map(|worker| worker.join().unwrap())
        .sum();
    assert_eq!(committed, BATCHES * BATCH_SIZE, "{}", server.name());
    let stats = open(namespace.url()).unwrap().stats().unwrap();
    assert_eq!(
        (stats.events, stats.signals, stats.audit_records),
        (
            BATCHES * BATCH_SIZE,
            2 * BATCHES * BATCH_SIZE,
            BATCHES * BATCH_SIZE
        ),
        "{}",
        server.name()
    );
}

#[test]
fn redis_concurrent_workers_commit_each_event_once() {
    concurrent_commits_count_each_event_once(Server::Redis, |url| {
        Ok(Arc::new(RedisStore::open(url)?))
    });
}

#[test]
fn postgres_concurrent_workers_commit_each_event_once() {
    concurrent_commits_count_each_event_once(Server::Postgres, |url| {
        Ok(Arc::new(PostgresStore::open(url)?))
    });
}
