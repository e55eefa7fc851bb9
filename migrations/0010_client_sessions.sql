-- 0010: the office network. Each browser or desktop client of another PC logs in with its own
-- account and gets a session; only the SHA-256 of its token is kept, so a copy of the database
-- lets nobody in. Sessions survive a restart of the host and end after 8 idle hours.
-- The audit log also records from which client address each change came.

CREATE TABLE client_session (
    id              INTEGER PRIMARY KEY,
    token_hash      TEXT    NOT NULL UNIQUE,
    csrf            TEXT    NOT NULL,
    account_id      INTEGER NOT NULL REFERENCES account(id),
    client_address  TEXT    NOT NULL DEFAULT '',
    client_label    TEXT    NOT NULL DEFAULT '',
    created_at      TEXT    NOT NULL,
    last_seen_at    TEXT    NOT NULL
);
CREATE INDEX client_session_account ON client_session(account_id);

ALTER TABLE audit_log ADD COLUMN client_address TEXT NOT NULL DEFAULT '';

-- Settings of this installation that are not the commune's (the office-network host).
CREATE TABLE host_setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
