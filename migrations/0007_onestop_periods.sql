-- 0007: one-stop figures as the provinces' systems report them. Each period's row gains the
-- records carried over from the previous period (kỳ trước chuyển qua: workload, not "received")
-- and, of the records still in progress, those already overdue (quá hạn; the rest are not yet
-- due). And a random key of this database, written into the hidden column of our own exports,
-- so a row exported from here is matched back to its record even after its content is edited,
-- and never to a record of another commune's database that happens to have the same number.

ALTER TABLE tthc_count ADD COLUMN carried_over INTEGER NOT NULL DEFAULT 0 CHECK (carried_over >= 0);
ALTER TABLE tthc_count ADD COLUMN in_progress_overdue INTEGER NOT NULL DEFAULT 0
    CHECK (in_progress_overdue >= 0);

CREATE TABLE data_instance (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    key  TEXT    NOT NULL
);
INSERT INTO data_instance (id, key) VALUES (1, lower(hex(randomblob(6))));
