//! Versioned SQL migrations of the Postgres backend.

use postgres::Client;

use crate::error::StoreError;

/// One migration: `migrations/NNNN_name.sql`.
pub(crate) struct Migration {
    /// `NNNN`.
    pub(crate) version: i64,
    /// `name`.
    pub(crate) name: &'static str,
    /// The SQL, run with `search_path` set to the store's schema.
    pub(crate) sql: &'static str,
}

/// Every migration, oldest first. Add a file and a line; never edit an
/// applied one.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sql: include_str!("../../migrations/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "event_digest",
        sql: include_str!("../../migrations/0002_event_digest.sql"),
    },
    Migration {
        version: 3,
        name: "account_moves",
        sql: include_str!("../../migrations/0003_account_moves.sql"),
    },
    Migration {
        version: 4,
        name: "id_secret",
        sql: include_str!("../../migrations/0004_id_secret.sql"),
    },
    Migration {
        version: 5,
        name: "settings_overrides",
        sql: include_str!("../../migrations/0005_settings_overrides.sql"),
    },
];

/// The newest layout version this build knows (the last migration's).
pub const POSTGRES_SCHEMA_VERSION: u64 = 5;

/// The first key of the advisory lock held while migrating (the second is
/// the schema name's hash): an arbitrary constant naming "Gleaner
/// migrations", so it does not collide with other users of advisory locks.
const MIGRATION_LOCK_CLASS: i32 = 0x676c_6e72; // "glnr"

/// Brings `schema` up to [`POSTGRES_SCHEMA_VERSION`] in one transaction.
///
/// Returns the versions applied (empty when the schema was up to date).
/// Errors come back as `postgres::Error` except a too-new schema, which is
/// [`StoreError::SchemaTooNew`] in the outer result.
pub(crate) fn migrate(
    client: &mut Client,
    schema: &str,
    location: &str,
) -> Result<Result<Vec<i64>, StoreError>, postgres::Error> {
    let mut transaction = client.transaction()?;
    transaction.execute(
        "SELECT pg_advisory_xact_lock($1, hashtext($2))",
        &[&MIGRATION_LOCK_CLASS, &schema],
    )?;
    // `schema` is checked to be a plain lowercase identifier (server_url).
    transaction.batch_execute(&format!(
        "CREATE SCHEMA IF NOT EXISTS {schema};
         SET LOCAL search_path TO {schema};
         CREATE TABLE IF NOT EXISTS schema_migrations (
             version bigint PRIMARY KEY,
             name text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now()
         );"
    ))?;
    let found: Option<i64> = transaction
        .query_one("SELECT max(version) FROM schema_migrations", &[])?
        .try_get(0)?;
    let found = found.unwrap_or(0);
    let supported = i64::try_from(POSTGRES_SCHEMA_VERSION).unwrap_or(i64::MAX);
    if found > supported {
        return Ok(Err(StoreError::SchemaTooNew {
            location: format!("{location} (schema {schema})"),
            found: u64::try_from(found).unwrap_or(0),
            supported: POSTGRES_SCHEMA_VERSION,
        }));
    }
    let mut applied = Vec::new();
    for migration in MIGRATIONS
        .iter()
        .filter(|migration| migration.version > found)
    {
        transaction.batch_execute(migration.sql)?;
        transaction.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
            &[&migration.version, &migration.name],
        )?;
        applied.push(migration.version);
    }
    transaction.commit()?;
    Ok(Ok(applied))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_from_one_without_gaps() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version, index as i64 + 1, "{}", migration.name);
            assert!(!migration.sql.trim().is_empty());
        }
        assert_eq!(
            MIGRATIONS.last().map(|migration| migration.version),
            Some(POSTGRES_SCHEMA_VERSION as i64)
        );
    }

    #[test]
    fn migration_files_on_disk_are_all_listed() {
        let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(directory)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| {
                std::path::Path::new(name)
                    .extension()
                    .is_some_and(|extension| extension.eq_ignore_ascii_case("sql"))
            })
            .collect();
        on_disk.sort();
        let listed: Vec<String> = MIGRATIONS
            .iter()
            .map(|migration| format!("{:04}_{}.sql", migration.version, migration.name))
            .collect();
        assert_eq!(on_disk, listed);
    }
}
