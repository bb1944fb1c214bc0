-- Gleaner store, layout 1. Applied by PostgresStore::open inside one
-- transaction, with search_path set to the store's schema.
--
-- Ids are bytea (ids may hold any byte, NUL included, and bytea sorts by
-- bytes like the embedded store's keys); values are the JSON the embedded
-- store writes, as bytea. No column holds conversation text: the types
-- written here cannot carry it.

CREATE TABLE accounts (
    account_id bytea PRIMARY KEY,
    center_id bytea,
    body bytea NOT NULL
);
CREATE INDEX accounts_by_center ON accounts (center_id, account_id)
    WHERE center_id IS NOT NULL;

CREATE TABLE catalog (
    item_id bytea PRIMARY KEY,
    kind text NOT NULL,
    body bytea NOT NULL
);
CREATE INDEX catalog_by_kind ON catalog (kind, item_id);

-- The idempotency table: one row per committed event.
CREATE TABLE seen_events (
    event bytea PRIMARY KEY,
    account_hash bytea NOT NULL
);
CREATE INDEX seen_events_by_account ON seen_events (account_hash);

-- Time as seconds and nanoseconds: timestamptz keeps microseconds only, and
-- expiry is exact to the nanosecond.
CREATE TABLE signals (
    account_id bytea NOT NULL,
    event bytea NOT NULL,
    topic bigint NOT NULL,
    at_seconds bigint NOT NULL,
    at_nanos integer NOT NULL,
    body bytea NOT NULL,
    PRIMARY KEY (account_id, event, topic)
);
CREATE INDEX signals_by_time ON signals (at_seconds, at_nanos);

CREATE TABLE audit (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_hash bytea NOT NULL,
    body bytea NOT NULL
);
CREATE INDEX audit_by_account ON audit (account_hash, sequence);

CREATE TABLE counters (
    name text PRIMARY KEY,
    value bigint NOT NULL
);
INSERT INTO counters (name, value) VALUES ('tombstones', 0);
