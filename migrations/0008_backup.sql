-- 0008: backups. The folder the admin chose for automatic backups, and a record of every
-- backup made (manual or automatic, good or failed), so that Cài đặt › Sao lưu shows the history
-- and Tổng quan can warn when the last good one is old.
-- A landed migration is never edited: change the schema in a new numbered file.

-- One row at most: where automatic backups go (a second drive, a USB stick, a network share).
CREATE TABLE backup_setting (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    folder      TEXT    NOT NULL CHECK (length(folder) > 0),
    updated_at  TEXT    NOT NULL,
    updated_by  TEXT    NOT NULL
);

-- Every backup attempt. `ok` = the file was written and renamed into place; `verified` = it was
-- read back and every hash matched before that. A failed attempt keeps its Vietnamese message.
CREATE TABLE backup_record (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('manual', 'daily', 'exit')),
    started_at      TEXT    NOT NULL,
    finished_at     TEXT    NOT NULL,
    path            TEXT    NOT NULL,
    size            INTEGER NOT NULL DEFAULT 0,
    ok              INTEGER NOT NULL CHECK (ok IN (0, 1)),
    verified        INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    evidence_files  INTEGER NOT NULL DEFAULT 0,
    -- Evidence files that could not be included (missing or damaged in the store).
    skipped_files   INTEGER NOT NULL DEFAULT 0,
    error           TEXT    NOT NULL DEFAULT '',
    -- The newest audit entry (other than backups' own) the backup contains: a later entry means
    -- something changed since.
    change_mark     INTEGER NOT NULL DEFAULT 0,
    made_by         TEXT    NOT NULL DEFAULT '',
    -- When the retention rule deleted the file (NULL while it is kept).
    removed_at      TEXT
);
CREATE INDEX backup_record_started ON backup_record(started_at);
