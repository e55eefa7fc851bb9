-- 0006: reports. What was typed when a report was last printed (number, place, recipients,
-- signer), remembered per report kind; and the officer's assessment texts of the annual
-- report, kept per year and reporting period.

CREATE TABLE report_setting (
    kind          TEXT PRIMARY KEY,
    number        TEXT NOT NULL DEFAULT '',
    place         TEXT NOT NULL DEFAULT '',
    recipients    TEXT NOT NULL DEFAULT '',   -- one per line
    on_behalf     TEXT NOT NULL DEFAULT '',
    signer_title  TEXT NOT NULL DEFAULT '',
    signer_name   TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);

CREATE TABLE report_assessment (
    year             INTEGER NOT NULL REFERENCES work_year(year),
    period           TEXT    NOT NULL,
    strengths        TEXT    NOT NULL DEFAULT '',
    limits           TEXT    NOT NULL DEFAULT '',
    causes           TEXT    NOT NULL DEFAULT '',
    next_tasks       TEXT    NOT NULL DEFAULT '',
    recommendations  TEXT    NOT NULL DEFAULT '',
    updated_at       TEXT    NOT NULL,
    PRIMARY KEY (year, period)
);
