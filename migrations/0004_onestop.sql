-- 0004: one-stop (TTHC) statistics: the yearly procedure catalogue, records per period (overall
-- or per procedure), yearly targets, and the other yearly indicators inspectors ask for.

CREATE TABLE tthc_catalogue (
    year                        INTEGER PRIMARY KEY REFERENCES work_year(year),
    at_one_stop                 INTEGER NOT NULL DEFAULT 0 CHECK (at_one_stop >= 0),
    not_at_one_stop             INTEGER NOT NULL DEFAULT 0 CHECK (not_at_one_stop >= 0),
    interlinked_same_level      INTEGER NOT NULL DEFAULT 0 CHECK (interlinked_same_level >= 0),
    interlinked_between_levels  INTEGER NOT NULL DEFAULT 0 CHECK (interlinked_between_levels >= 0),
    online_partial              INTEGER NOT NULL DEFAULT 0 CHECK (online_partial >= 0),
    online_full                 INTEGER NOT NULL DEFAULT 0 CHECK (online_full >= 0),
    bcci                        INTEGER NOT NULL DEFAULT 0 CHECK (bcci >= 0),
    reviewed                    INTEGER NOT NULL DEFAULT 0 CHECK (reviewed >= 0),
    updated_at                  TEXT    NOT NULL
);

-- One period's records, entered by hand or imported; entering the same range again replaces it.
CREATE TABLE tthc_batch (
    id          INTEGER PRIMARY KEY,
    from_date   TEXT NOT NULL,
    to_date     TEXT NOT NULL CHECK (to_date >= from_date),
    source      TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (from_date, to_date)
);

-- Counts of a batch: one row for the whole one-stop (procedure_code ''), or one per procedure.
CREATE TABLE tthc_count (
    batch_id          INTEGER NOT NULL REFERENCES tthc_batch(id) ON DELETE CASCADE,
    procedure_code    TEXT    NOT NULL DEFAULT '',
    procedure_name    TEXT    NOT NULL DEFAULT '',
    field             TEXT    NOT NULL DEFAULT '',
    received_direct   INTEGER NOT NULL DEFAULT 0 CHECK (received_direct >= 0),
    received_online   INTEGER NOT NULL DEFAULT 0 CHECK (received_online >= 0),
    received_bcci     INTEGER NOT NULL DEFAULT 0 CHECK (received_bcci >= 0),
    resolved_early    INTEGER NOT NULL DEFAULT 0 CHECK (resolved_early >= 0),
    resolved_on_time  INTEGER NOT NULL DEFAULT 0 CHECK (resolved_on_time >= 0),
    resolved_late     INTEGER NOT NULL DEFAULT 0 CHECK (resolved_late >= 0),
    in_progress       INTEGER NOT NULL DEFAULT 0 CHECK (in_progress >= 0),
    returned          INTEGER NOT NULL DEFAULT 0 CHECK (returned >= 0),
    PRIMARY KEY (batch_id, procedure_code, procedure_name)
);

-- Targets in tenths of a percent (600 = 60,0%).
CREATE TABLE tthc_target (
    year                 INTEGER PRIMARY KEY REFERENCES work_year(year),
    online_rate_permille INTEGER NOT NULL CHECK (online_rate_permille BETWEEN 0 AND 1000),
    on_time_permille     INTEGER NOT NULL CHECK (on_time_permille BETWEEN 0 AND 1000)
);

CREATE TABLE yearly_indicator (
    year                    INTEGER PRIMARY KEY REFERENCES work_year(year),
    digital_teams           INTEGER NOT NULL DEFAULT 0 CHECK (digital_teams >= 0),
    digital_team_members    INTEGER NOT NULL DEFAULT 0 CHECK (digital_team_members >= 0),
    survey_respondents      INTEGER NOT NULL DEFAULT 0 CHECK (survey_respondents >= 0),
    survey_satisfied        INTEGER NOT NULL DEFAULT 0 CHECK (survey_satisfied >= 0),
    iso_status              TEXT    NOT NULL DEFAULT '',
    updated_at              TEXT    NOT NULL
);
