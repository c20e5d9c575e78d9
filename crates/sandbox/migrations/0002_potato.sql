-- Potato Cloud card keys (seed 003): its users, their apiUserTokens (hashed) and their keys.

CREATE TABLE potato_users (
    id             INTEGER PRIMARY KEY,
    user_number    TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL
);

CREATE TABLE potato_tokens (
    hash        TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES potato_users(id),
    expires_at  INTEGER NOT NULL
);

CREATE TABLE potato_keys (
    id           INTEGER PRIMARY KEY,
    -- The service's id: a large number, sent as text.
    key_id       TEXT NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES potato_users(id),
    card_str     TEXT NOT NULL UNIQUE,
    -- 0 day, 1 week, 2 month, 3 quarter, 4 year, 5 permanent
    type         INTEGER NOT NULL,
    -- 1 unused, 0 used
    state        INTEGER NOT NULL DEFAULT 1,
    -- 1 in use, 0 deleted
    status       INTEGER NOT NULL DEFAULT 1,
    created_ms   INTEGER NOT NULL,
    modified_ms  INTEGER NOT NULL,
    ip           TEXT NOT NULL,
    -- The device that redeemed it, when, and until when (NULL: permanent).
    mac          TEXT,
    used_ms      INTEGER,
    expire_ms    INTEGER
);
CREATE INDEX potato_keys_user ON potato_keys(user_id, id);
