-- 0001: the commune, its working years, its people and accounts, and the audit log.
-- A landed migration is never edited: change the schema in a new numbered file.

CREATE TABLE commune (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    name          TEXT    NOT NULL,
    province      TEXT    NOT NULL,
    superior      TEXT    NOT NULL DEFAULT '',
    current_year  INTEGER NOT NULL,
    is_demo       INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at    TEXT    NOT NULL
);

-- The years the commune keeps data for; the year selector lists them.
CREATE TABLE work_year (
    year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100)
);

-- Everyone who can own a task, present a session or score a criterion.
CREATE TABLE officer (
    id          INTEGER PRIMARY KEY,
    full_name   TEXT    NOT NULL CHECK (length(full_name) > 0),
    position    TEXT    NOT NULL DEFAULT '',
    department  TEXT    NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- A log-in for an officer. Roles: officer (công chức), chairman (chủ tịch), admin (quản trị).
CREATE TABLE account (
    id             INTEGER PRIMARY KEY,
    officer_id     INTEGER NOT NULL UNIQUE REFERENCES officer(id),
    username       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    password_hash  TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('officer', 'chairman', 'admin')),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     TEXT    NOT NULL
);

-- Every change: who, when, what. Written in the same transaction as the change itself.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    account_id  INTEGER REFERENCES account(id),
    actor_name  TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    entity      TEXT    NOT NULL,
    entity_id   INTEGER,
    detail      TEXT    NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
