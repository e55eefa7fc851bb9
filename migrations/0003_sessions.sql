-- 0003: legal-dissemination (PBGDPL) and reform-communication (CCHC) sessions, and the yearly
-- counters of the PBGDPL form (Biểu 09a) that are not sessions.

CREATE TABLE outreach_session (
    id                    INTEGER PRIMARY KEY,
    kind                  TEXT    NOT NULL CHECK (kind IN ('pbgdpl', 'cchc')),
    held_on               TEXT    NOT NULL,
    place                 TEXT    NOT NULL DEFAULT '',
    village               TEXT    NOT NULL DEFAULT '',
    form                  TEXT    NOT NULL CHECK (form IN ('conference', 'village_meeting',
                              'loudspeaker', 'website', 'law_quiz', 'leaflets', 'other')),
    form_other            TEXT    NOT NULL DEFAULT '',
    content               TEXT    NOT NULL CHECK (length(content) > 0),
    audience              TEXT    NOT NULL DEFAULT '',
    attendees             INTEGER NOT NULL DEFAULT 0 CHECK (attendees >= 0),
    presenter_officer_id  INTEGER REFERENCES officer(id),
    presenter             TEXT    NOT NULL DEFAULT '',
    task_id               INTEGER REFERENCES task(id) ON DELETE SET NULL,
    notes                 TEXT    NOT NULL DEFAULT '',
    updated_at            TEXT    NOT NULL
);
CREATE INDEX outreach_session_held_on ON outreach_session(held_on);

-- The laws and documents a session covered, in the order given.
CREATE TABLE outreach_law (
    session_id  INTEGER NOT NULL REFERENCES outreach_session(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    PRIMARY KEY (session_id, position)
);

-- Materials handed out: kind ("Tờ gấp", "Sổ tay pháp luật") and how many.
CREATE TABLE outreach_material (
    session_id  INTEGER NOT NULL REFERENCES outreach_session(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    count       INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (session_id, position)
);

-- Biểu 09a figures that are not sessions, entered once a year.
CREATE TABLE pbgdpl_counter (
    year          INTEGER PRIMARY KEY REFERENCES work_year(year),
    law_clubs     INTEGER NOT NULL DEFAULT 0 CHECK (law_clubs >= 0),
    club_members  INTEGER NOT NULL DEFAULT 0 CHECK (club_members >= 0),
    bookshelves   INTEGER NOT NULL DEFAULT 0 CHECK (bookshelves >= 0),
    updated_at    TEXT    NOT NULL
);
