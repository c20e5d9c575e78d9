-- The offline cache: what the window may show without the server. Rows keep the server's
-- JSON as it came (unknown enum values included) beside the columns we query by.

CREATE TABLE fetched (
    resource   TEXT PRIMARY KEY,      -- 'cards', 'passcodes', 'kyc', 'profile', 'transactions:<token>'
    fetched_at INTEGER NOT NULL       -- Unix seconds
);

CREATE TABLE account (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    email     TEXT NOT NULL,
    user_json TEXT
);

CREATE TABLE cards (
    public_token TEXT PRIMARY KEY,
    position     INTEGER NOT NULL,
    item_json    TEXT NOT NULL,       -- CardListItem
    details_json TEXT                 -- CardAccountDetails, when fetched
);

CREATE TABLE passcodes (
    id              INTEGER PRIMARY KEY,
    received_at     INTEGER NOT NULL, -- Unix seconds
    expires_at      INTEGER NOT NULL,
    record_json     TEXT NOT NULL     -- ThreeDsRecord
);

CREATE TABLE transactions (
    public_token TEXT NOT NULL,
    position     INTEGER NOT NULL,
    tx_json      TEXT NOT NULL,
    PRIMARY KEY (public_token, position)
);

CREATE TABLE transaction_totals (
    public_token TEXT PRIMARY KEY,
    total        INTEGER NOT NULL
);

CREATE TABLE kyc (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    status_json      TEXT,
    eligibility_json TEXT
);
