-- Account messages (x-assumed: the mobile client reads them, the seeds do not show them):
-- notifications to one user, announcements to everyone (user_id NULL); read per user.

CREATE TABLE messages (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('notification', 'announcement')),
    user_id       INTEGER REFERENCES users(id),
    title         TEXT NOT NULL,
    content       TEXT NOT NULL,
    created_unix  INTEGER NOT NULL
);
CREATE INDEX messages_kind ON messages(kind, created_unix);

CREATE TABLE message_reads (
    user_id     INTEGER NOT NULL REFERENCES users(id),
    message_id  INTEGER NOT NULL REFERENCES messages(id),
    PRIMARY KEY (user_id, message_id)
);
