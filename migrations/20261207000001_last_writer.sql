-- Which open editor wrote each item's current version: a random token the
-- editor picks when it opens ('' for an import, a trash or a restore). A
-- save based on an older version is no conflict when every version since
-- was written by the same editor (its answers were lost on the way back).
ALTER TABLE articles ADD COLUMN last_writer TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN last_writer TEXT NOT NULL DEFAULT '';
ALTER TABLE summaries ADD COLUMN last_writer TEXT NOT NULL DEFAULT '';
