-- 0011: the texts of the annual plan document (Kế hoạch CCHC năm) that the office types in the
-- app: section I (Mục đích, yêu cầu) and the general part of section III (Tổ chức thực hiện).
-- Kept per year; starting next year's plan carries them forward.

CREATE TABLE plan_text (
    year          INTEGER PRIMARY KEY REFERENCES work_year(year),
    purpose       TEXT NOT NULL DEFAULT '',
    organisation  TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);
