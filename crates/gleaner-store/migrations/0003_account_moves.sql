-- Gleaner store, layout 3: the audit records of operators moving accounts
-- between accounts centers (hashed ids only), removed with the account by
-- forget.
CREATE TABLE account_moves (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_hash bytea NOT NULL,
    body bytea NOT NULL
);
CREATE INDEX account_moves_by_account ON account_moves (account_hash);
