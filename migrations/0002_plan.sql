-- 0002: the annual reform plan, its tasks, their recurring occurrences, and the reform areas.

-- The reform areas tasks are grouped by; the usual eight, editable (hidden, not deleted).
CREATE TABLE reform_area (
    id        INTEGER PRIMARY KEY,
    name      TEXT    NOT NULL UNIQUE,
    position  INTEGER NOT NULL,
    active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
INSERT INTO reform_area (name, position) VALUES
    ('Công tác chỉ đạo, điều hành CCHC', 1),
    ('Cải cách thể chế', 2),
    ('Cải cách thủ tục hành chính', 3),
    ('Cải cách tổ chức bộ máy hành chính', 4),
    ('Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức', 5),
    ('Cải cách tài chính công', 6),
    ('Xây dựng chính quyền điện tử, chính quyền số', 7),
    ('Tác động của CCHC (khảo sát mức độ hài lòng)', 8);

-- One plan per year: its document reference ("05/KH-UBND", issued 15/01/2026).
CREATE TABLE plan (
    year        INTEGER PRIMARY KEY REFERENCES work_year(year),
    doc_number  TEXT NOT NULL DEFAULT '',
    issued_on   TEXT,
    title       TEXT NOT NULL DEFAULT ''
);

-- Dates are ISO text (YYYY-MM-DD). The deadline is kept as written and as the date it means.
CREATE TABLE task (
    id               INTEGER PRIMARY KEY,
    year             INTEGER NOT NULL REFERENCES plan(year),
    number           TEXT    NOT NULL,
    position         INTEGER NOT NULL,
    content          TEXT    NOT NULL CHECK (length(content) > 0),
    area_id          INTEGER NOT NULL REFERENCES reform_area(id),
    lead_officer_id  INTEGER REFERENCES officer(id),
    coordinators     TEXT    NOT NULL DEFAULT '',
    deadline_text    TEXT    NOT NULL,
    deadline_kind    TEXT    NOT NULL,
    due_date         TEXT    NOT NULL,
    product          TEXT    NOT NULL DEFAULT '',
    status           TEXT    NOT NULL
        CHECK (status IN ('not_started', 'in_progress', 'done', 'done_late', 'dropped')),
    completed_on     TEXT,
    result           TEXT    NOT NULL DEFAULT '',
    reason           TEXT    NOT NULL DEFAULT '',
    solution         TEXT    NOT NULL DEFAULT '',
    updated_at       TEXT    NOT NULL
);
CREATE INDEX task_year_due ON task(year, due_date);

-- A recurring task ("Hằng tháng", "Hằng quý") has one occurrence per period, each done or not.
CREATE TABLE task_occurrence (
    task_id       INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    label         TEXT    NOT NULL,
    due_date      TEXT    NOT NULL,
    completed_on  TEXT,
    PRIMARY KEY (task_id, seq)
);
