-- The newest notifications and announcements (each as the client keeps it), read offline like
-- the rest, and the service's unread counts; deleted with everything else when the cache goes.

CREATE TABLE messages (
    kind          TEXT NOT NULL,      -- notification | announcement
    id            TEXT NOT NULL,
    position      INTEGER NOT NULL,   -- 0: newest
    message_json  TEXT NOT NULL,      -- Message
    PRIMARY KEY (kind, id)
);

CREATE TABLE message_unread (
    kind    TEXT PRIMARY KEY,
    unread  INTEGER NOT NULL
);
