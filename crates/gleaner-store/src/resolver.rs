//! [`StoreResolver`]: from a `--store` value to an open [`Store`].
//!
//! The backends a build offers are the lines of one table,
//! [`StoreResolver::with_default_backends`], one line per URL scheme, each
//! behind the cargo feature that compiles the backend. "Which backends
//! exist?" is answered by reading that function.

use std::path::Path;
use std::sync::Arc;

use crate::embedded::EmbeddedStore;
use crate::error::StoreError;
use crate::model::ModelStore;
use crate::store::Store;

/// Opens a store from the part of the URL after `scheme://` (for a plain
/// path, the whole value).
pub type StoreFactory = fn(location: &str) -> Result<Arc<dyn Store>, StoreError>;

/// Opens a store from the whole URL, scheme included: for server backends,
/// whose URL carries user, password, host, port and options for their
/// client library.
pub type UrlStoreFactory = fn(url: &str) -> Result<Arc<dyn Store>, StoreError>;

/// A registered factory and what it is given.
#[derive(Clone, Copy, Debug)]
enum Registered {
    Location(StoreFactory),
    Url(UrlStoreFactory),
}

/// The scheme a value without `scheme://` resolves to: a directory path.
pub const PATH_SCHEME: &str = "file";

/// Maps a `--store` value to a backend by its URL scheme (SPEC §5).
///
/// - no `scheme://` (e.g. `./gleaner-data`) or `file://DIR`: [`EmbeddedStore`]
///   in that directory;
/// - `memory://`: a fresh [`ModelStore`] (nothing is kept);
/// - `redis://…` (feature `redis`): a `RedisStore`, given the whole URL;
/// - `postgres://…` or `postgresql://…` (feature `postgres`): a
///   `PostgresStore`, given the whole URL;
/// - any other scheme: [`StoreError::UnsupportedScheme`] listing what this
///   build has.
#[derive(Clone, Debug)]
pub struct StoreResolver {
    factories: Vec<(&'static str, Registered)>,
}

fn open_embedded(location: &str) -> Result<Arc<dyn Store>, StoreError> {
    Ok(Arc::new(EmbeddedStore::open(Path::new(location))?))
}

#[allow(clippy::unnecessary_wraps)] // the signature of every StoreFactory
fn open_memory(_location: &str) -> Result<Arc<dyn Store>, StoreError> {
    Ok(Arc::new(ModelStore::new()))
}

#[cfg(feature = "redis")]
fn open_redis(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    Ok(Arc::new(crate::redis_store::RedisStore::open(url)?))
}

#[cfg(feature = "postgres")]
fn open_postgres(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    Ok(Arc::new(crate::postgres_store::PostgresStore::open(url)?))
}

impl Default for StoreResolver {
    fn default() -> Self {
        Self::with_default_backends()
    }
}

impl StoreResolver {
    /// Returns a resolver with no backend at all (add them with [`Self::add`]).
    pub fn empty() -> Self {
        Self {
            factories: Vec::new(),
        }
    }

    /// Returns a resolver with every backend compiled into this build.
    pub fn with_default_backends() -> Self {
        let mut resolver = Self::empty();
        resolver.add(PATH_SCHEME, open_embedded);
        resolver.add("memory", open_memory);
        #[cfg(feature = "redis")]
        resolver.add_url("redis", open_redis);
        #[cfg(feature = "postgres")]
        resolver
            .add_url("postgres", open_postgres)
            .add_url("postgresql", open_postgres);
        resolver
    }

    /// Registers (or replaces) the factory of one scheme.
    pub fn add(&mut self, scheme: &'static str, factory: StoreFactory) -> &mut Self {
        self.register(scheme, Registered::Location(factory))
    }

    /// Registers (or replaces) the factory of one scheme, to be given the
    /// whole URL rather than the part after `scheme://`.
    pub fn add_url(&mut self, scheme: &'static str, factory: UrlStoreFactory) -> &mut Self {
        self.register(scheme, Registered::Url(factory))
    }

    fn register(&mut self, scheme: &'static str, registered: Registered) -> &mut Self {
        self.factories
            .retain(|(registered_scheme, _)| *registered_scheme != scheme);
        self.factories.push((scheme, registered));
        self
    }

    /// Returns the schemes this resolver handles, in registration order.
    pub fn schemes(&self) -> Vec<&'static str> {
        self.factories.iter().map(|(scheme, _)| *scheme).collect()
    }

    /// Opens the store that `store_url` names.
    pub fn resolve(&self, store_url: &str) -> Result<Arc<dyn Store>, StoreError> {
        let (scheme, location) = split_scheme(store_url);
        let factory_opt = self
            .factories
            .iter()
            .find(|(registered_scheme, _)| registered_scheme.eq_ignore_ascii_case(scheme))
            .map(|(_, factory)| *factory);
        match factory_opt {
            Some(Registered::Location(factory)) => factory(location),
            Some(Registered::Url(factory)) => factory(store_url),
            None => Err(StoreError::UnsupportedScheme {
                scheme: scheme.to_owned(),
                available: self.schemes().join(", "),
            }),
        }
    }
}

/// Returns `store_url` fit for messages and logs: a password in the user
/// info (`scheme://user:PASSWORD@host`) or in a `password=` query value is
/// replaced by `***`; paths and URLs without a password come back as given.
///
/// The stores' own errors already print only this form; callers that add
/// the `--store` value to their own messages use this.
pub fn redact_store_url(store_url: &str) -> String {
    let (scheme, rest) = match store_url.split_once("://") {
        Some((scheme, rest)) if is_scheme(scheme) => (scheme, rest),
        _ => return store_url.to_owned(),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((user_info, host)) => match user_info.split_once(':') {
            Some((user, _password)) => format!("{user}:***@{host}"),
            None => format!("{user_info}@{host}"),
        },
        None => authority.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let pairs: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{path}?{}", pairs.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// Splits `scheme://rest`; a value without `://` is a path.
fn split_scheme(store_url: &str) -> (&str, &str) {
    match store_url.split_once("://") {
        Some((scheme, rest)) if is_scheme(scheme) => (scheme, rest),
        _ => (PATH_SCHEME, store_url),
    }
}

/// RFC 3986: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
fn is_scheme(candidate: &str) -> bool {
    let mut characters = candidate.chars();
    characters
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && characters.all(|rest| rest.is_ascii_alphanumeric() || matches!(rest, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_and_file_urls_open_the_embedded_store() {
        let directory = tempfile::tempdir().unwrap();
        let plain_path = directory.path().join("plain");
        let resolver = StoreResolver::default();
        let store = resolver.resolve(plain_path.to_str().unwrap()).unwrap();
        assert_eq!(store.stats().unwrap().accounts, 0);
        assert!(plain_path.join(crate::DATABASE_FILE_NAME).is_file());

        let url_path = directory.path().join("by-url");
        let url = format!("file://{}", url_path.display());
        resolver.resolve(&url).unwrap();
        assert!(url_path.join(crate::DATABASE_FILE_NAME).is_file());
    }

    #[test]
    fn memory_scheme_gives_a_fresh_model_store() {
        let store = StoreResolver::default().resolve("memory://").unwrap();
        assert_eq!(store.stats().unwrap(), crate::StoreStats::default());
    }

    #[test]
    fn unknown_scheme_lists_the_available_ones() {
        let error = StoreResolver::default()
            .resolve("cassandra://db:9042")
            .err()
            .unwrap();
        let StoreError::UnsupportedScheme { scheme, available } = &error else {
            panic!("unexpected error {error}");
        };
        assert_eq!(scheme, "cassandra");
        let mut expected = vec!["file", "memory"];
        if cfg!(feature = "redis") {
            expected.push("redis");
        }
        if cfg!(feature = "postgres") {
            expected.extend(["postgres", "postgresql"]);
        }
        assert_eq!(available, &expected.join(", "));
        assert_eq!(
            error.to_string(),
            format!(
                "unsupported store url scheme `cassandra` (available: {})",
                expected.join(", ")
            )
        );
    }

    #[test]
    fn split_scheme_treats_odd_values_as_paths() {
        assert_eq!(split_scheme("./gleaner-data"), ("file", "./gleaner-data"));
        assert_eq!(split_scheme("redis://h:6379"), ("redis", "h:6379"));
        assert_eq!(split_scheme("/tmp/a://b"), ("file", "/tmp/a://b"));
        assert_eq!(split_scheme(r"C:\data"), ("file", r"C:\data"));
        assert_eq!(split_scheme("MEMORY://"), ("MEMORY", ""));
    }

    #[test]
    fn redacted_urls_hide_passwords_only() {
        assert_eq!(
            redact_store_url("postgres://u:hunter2@db:5432/test?schema=s"),
            "postgres://u:***@db:5432/test?schema=s"
        );
        assert_eq!(
            redact_store_url("postgres://db/test?user=u&password=hunter2&schema=s"),
            "postgres://db/test?user=u&password=***&schema=s"
        );
        assert_eq!(
            redact_store_url("redis://:hunter2@h:6379/?prefix=p"),
            "redis://:***@h:6379/?prefix=p"
        );
        for unchanged in [
            "./gleaner-data",
            "redis://h:6379/?prefix=p",
            "memory://",
            "/tmp/a@b:c",
        ] {
            assert_eq!(redact_store_url(unchanged), unchanged);
        }
    }

    #[test]
    fn url_factories_get_the_whole_url() {
        fn echo(url: &str) -> Result<Arc<dyn Store>, StoreError> {
            Err(StoreError::Backend(url.to_owned()))
        }
        let mut resolver = StoreResolver::empty();
        resolver.add_url("redis", echo);
        let error = resolver.resolve("REDIS://h:6379/?prefix=t1").err().unwrap();
        assert_eq!(
            error.to_string(),
            "store backend failed: REDIS://h:6379/?prefix=t1"
        );
    }

    #[test]
    fn a_registered_scheme_replaces_the_previous_factory() {
        let mut resolver = StoreResolver::empty();
        resolver
            .add("memory", open_memory)
            .add("memory", open_memory);
        assert_eq!(resolver.schemes(), vec!["memory"]);
        assert!(resolver.resolve("./x").is_err());
    }
}
