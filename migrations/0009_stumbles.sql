-- 0009: what an officer stumbles on. A recurring task entered in the middle of the year is
-- followed from a chosen period; whether the chairman may approve a score without evidence is
-- the commune's own decision.

-- Occurrences of a recurring task due before this date are not tracked (not counted as due,
-- done or overdue): the task was entered mid-year and nobody knows how those periods went.
-- NULL: every occurrence of the year is tracked.
ALTER TABLE task ADD COLUMN tracked_from TEXT;

-- 0: a scored criterion (above zero) without evidence cannot be approved; 1: it can (the
-- commune keeps its evidence elsewhere, on paper). Changing it is audited.
ALTER TABLE commune ADD COLUMN approve_without_evidence INTEGER NOT NULL DEFAULT 0
    CHECK (approve_without_evidence IN (0, 1));
