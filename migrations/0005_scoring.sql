-- 0005: the PAR-index criteria set of each year, self-scores with their approval workflow and
-- appraisal rounds, and the evidence store (documents, file revisions by SHA-256, links).
-- Scores and maxima are integer hundredths of a point, so 0,5 + 0,25 adds up exactly.

CREATE TABLE criteria_set (
    year                INTEGER PRIMARY KEY REFERENCES work_year(year),
    title               TEXT    NOT NULL DEFAULT '',
    decision            TEXT    NOT NULL DEFAULT '',
    -- Rating thresholds in tenths of a percent: Tốt ≥ good, Khá ≥ fair, Trung bình ≥ average.
    good_permille       INTEGER NOT NULL DEFAULT 800,
    fair_permille       INTEGER NOT NULL DEFAULT 700,
    average_permille    INTEGER NOT NULL DEFAULT 600,
    created_at          TEXT    NOT NULL
);

CREATE TABLE criterion (
    id                     INTEGER PRIMARY KEY,
    year                   INTEGER NOT NULL REFERENCES criteria_set(year) ON DELETE CASCADE,
    parent_id              INTEGER REFERENCES criterion(id) ON DELETE CASCADE,
    position               INTEGER NOT NULL,
    code                   TEXT    NOT NULL,
    full_code              TEXT    NOT NULL,
    title                  TEXT    NOT NULL,
    max_hundredths         INTEGER NOT NULL CHECK (max_hundredths >= 0),
    kind                   TEXT    NOT NULL DEFAULT 'normal' CHECK (kind IN ('normal', 'bonus', 'penalty')),
    evidence_required      TEXT    NOT NULL DEFAULT '',
    not_applicable         INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),
    not_applicable_reason  TEXT    NOT NULL DEFAULT '',
    UNIQUE (year, full_code)
);
CREATE INDEX criterion_parent ON criterion(parent_id);

-- Scoring levels (mức điểm) of a leaf: "Ban hành đúng thời hạn: 1".
CREATE TABLE criterion_level (
    criterion_id       INTEGER NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
    position           INTEGER NOT NULL,
    label              TEXT    NOT NULL,
    points_hundredths  INTEGER NOT NULL,
    PRIMARY KEY (criterion_id, position)
);

-- One row per scored leaf. state: draft → submitted → approved, or returned → draft again.
CREATE TABLE score (
    criterion_id         INTEGER PRIMARY KEY REFERENCES criterion(id) ON DELETE CASCADE,
    assignee_officer_id  INTEGER REFERENCES officer(id),
    self_hundredths      INTEGER,
    explanation          TEXT    NOT NULL DEFAULT '',
    state                TEXT    NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
    round1_hundredths    INTEGER,
    round1_note          TEXT    NOT NULL DEFAULT '',
    commune_explanation  TEXT    NOT NULL DEFAULT '',
    round2_hundredths    INTEGER,
    round2_note          TEXT    NOT NULL DEFAULT '',
    updated_at           TEXT    NOT NULL
);

-- Plan tasks whose result a criterion depends on (an overdue one puts its points at risk).
CREATE TABLE criterion_task (
    criterion_id  INTEGER NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
    task_id       INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    PRIMARY KEY (criterion_id, task_id)
);

-- Every step of the workflow: who, when, what, why.
CREATE TABLE score_event (
    id            INTEGER PRIMARY KEY,
    criterion_id  INTEGER NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
    at            TEXT    NOT NULL,
    account_id    INTEGER REFERENCES account(id),
    actor_name    TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    reason        TEXT    NOT NULL DEFAULT '',
    detail        TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX score_event_criterion ON score_event(criterion_id, id);

-- Evidence files, stored once each under evidence/ by their SHA-256 (hex, lower case).
CREATE TABLE evidence_blob (
    sha256     TEXT    PRIMARY KEY,
    size       INTEGER NOT NULL,
    stored_at  TEXT    NOT NULL
);

-- A document (văn bản, ảnh, danh sách …) with its citation metadata.
CREATE TABLE evidence_document (
    id          INTEGER PRIMARY KEY,
    year        INTEGER REFERENCES work_year(year),
    title       TEXT    NOT NULL CHECK (length(title) > 0),
    doc_number  TEXT    NOT NULL DEFAULT '',
    doc_date    TEXT,
    issuer      TEXT    NOT NULL DEFAULT '',
    location    TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

-- Each file version of a document; replacing a file adds a revision, the old one is kept.
CREATE TABLE evidence_revision (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES evidence_document(id) ON DELETE CASCADE,
    revision       INTEGER NOT NULL,
    sha256         TEXT    NOT NULL REFERENCES evidence_blob(sha256),
    original_name  TEXT    NOT NULL,
    added_at       TEXT    NOT NULL,
    added_by       TEXT    NOT NULL,
    UNIQUE (document_id, revision)
);

-- What a document proves: criteria, plan tasks, sessions (many to many).
CREATE TABLE evidence_link (
    document_id  INTEGER NOT NULL REFERENCES evidence_document(id) ON DELETE CASCADE,
    target_kind  TEXT    NOT NULL CHECK (target_kind IN ('criterion', 'task', 'session')),
    target_id    INTEGER NOT NULL,
    PRIMARY KEY (document_id, target_kind, target_id)
);
CREATE INDEX evidence_link_target ON evidence_link(target_kind, target_id);

-- A link's target has no foreign key (three tables); these keep links from dangling.
CREATE TRIGGER evidence_unlink_criterion AFTER DELETE ON criterion BEGIN
    DELETE FROM evidence_link WHERE target_kind = 'criterion' AND target_id = OLD.id;
END;
CREATE TRIGGER evidence_unlink_task AFTER DELETE ON task BEGIN
    DELETE FROM evidence_link WHERE target_kind = 'task' AND target_id = OLD.id;
END;
CREATE TRIGGER evidence_unlink_session AFTER DELETE ON outreach_session BEGIN
    DELETE FROM evidence_link WHERE target_kind = 'session' AND target_id = OLD.id;
END;
