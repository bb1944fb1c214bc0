-- Gleaner store, layout 5: the audit records of operators overriding a
-- person's own settings (AI personalization, hidden topics), hashed account
-- id only, removed with the account by forget.
CREATE TABLE settings_overrides (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_hash bytea NOT NULL,
    body bytea NOT NULL
);
CREATE INDEX settings_overrides_by_account ON settings_overrides (account_hash);
