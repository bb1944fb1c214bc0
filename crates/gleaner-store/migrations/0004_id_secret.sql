-- The secret that keys the store's id hashes (HMAC-SHA256): one row, 32
-- random bytes, inserted once by the first process that opens the store
-- (INSERT ... ON CONFLICT DO NOTHING) and never changed, exported or logged.
CREATE TABLE id_secret (
    id smallint PRIMARY KEY CHECK (id = 1),
    secret bytea NOT NULL CHECK (length(secret) = 32)
);
