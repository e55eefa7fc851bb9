-- 0013: two users on one record. Each record a form edits carries a version, who changed it last
-- and when; a save based on an older version is refused ("… vừa được Nguyễn Văn A sửa lúc
-- 10:15; hãy tải lại") instead of overwriting what the other user saved.

ALTER TABLE task ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE task ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';

ALTER TABLE outreach_session ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE outreach_session ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';

ALTER TABLE score ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE score ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';

ALTER TABLE criterion ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE criterion ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE criterion ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';

ALTER TABLE commune ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE commune ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE commune ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
