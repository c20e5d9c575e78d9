-- The sandbox's whole state. Secrets the server must only check (passwords, sign-in codes,
-- tokens) are stored as SHA-256 hashes; card numbers only ever masked.

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,
    first_name     TEXT NOT NULL,
    last_name      TEXT NOT NULL,
    phone          TEXT,
    account_type   TEXT NOT NULL DEFAULT 'personal',
    status         TEXT NOT NULL DEFAULT 'active',
    wallet_id      TEXT NOT NULL,
    referral_code  TEXT NOT NULL,
    -- KYC fee: none | pending | processing | completed | failed
    kyc_payment    TEXT NOT NULL DEFAULT 'completed',
    created_at     TEXT NOT NULL
);

-- One pending sign-in code per user (replaced on every login / resend).
CREATE TABLE otp_codes (
    user_id     INTEGER PRIMARY KEY REFERENCES users(id),
    code_hash   TEXT NOT NULL,
    sent_at     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tokens (
    hash        TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    kind        TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
    family      TEXT NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tokens_user ON tokens(user_id, kind);
CREATE INDEX tokens_family ON tokens(family);

CREATE TABLE cards (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users(id),
    public_token   TEXT NOT NULL UNIQUE,
    card_no        TEXT NOT NULL,
    card_scheme    TEXT NOT NULL,
    currency       TEXT NOT NULL,
    currency_id    INTEGER NOT NULL,
    product_id     INTEGER NOT NULL,
    status         TEXT NOT NULL,
    status_code    TEXT NOT NULL,
    is_physical    INTEGER NOT NULL,
    kyc_id         INTEGER NOT NULL,
    balance        REAL NOT NULL,
    created_time   INTEGER NOT NULL,
    updated_time   INTEGER NOT NULL,
    activate_time  INTEGER NOT NULL,
    expiry_date    TEXT NOT NULL
);

CREATE TABLE transactions (
    id              INTEGER PRIMARY KEY,
    card_id         INTEGER NOT NULL REFERENCES cards(id),
    amount          REAL NOT NULL,
    currency        TEXT NOT NULL,
    description     TEXT NOT NULL,
    merchant_name   TEXT NOT NULL,
    status          TEXT NOT NULL,
    trade_id        TEXT NOT NULL,
    trade_time      TEXT NOT NULL,
    trade_unix      INTEGER NOT NULL,
    trade_type      TEXT NOT NULL,
    transaction_id  TEXT NOT NULL
);
CREATE INDEX transactions_card ON transactions(card_id, trade_unix);

CREATE TABLE passcodes (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id        INTEGER NOT NULL REFERENCES users(id),
    amount         TEXT NOT NULL,
    currency       TEXT NOT NULL,
    merchant_name  TEXT NOT NULL,
    passcode       TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    expires_after  INTEGER NOT NULL
);
CREATE INDEX passcodes_user ON passcodes(user_id, id);

CREATE TABLE kyc_records (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users(id),
    agent_uid        TEXT NOT NULL,
    status           TEXT NOT NULL,
    pokepay_status   INTEGER NOT NULL,
    fail_reason      TEXT,
    session_id       TEXT,
    verification_id  TEXT,
    -- A decision made on the hosted Didit page, applied once review time has passed.
    outcome          TEXT,
    outcome_at       INTEGER,
    return_url       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX kyc_user ON kyc_records(user_id, id);
