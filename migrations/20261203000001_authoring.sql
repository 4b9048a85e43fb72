-- The author's side. Every editable row carries a version that each save
-- must name: a save based on an older version is a conflict, never a silent
-- overwrite. Revisions remember the version they produced and whether an
-- explicit save closed them, so a burst of autosaves stays one revision.

ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE notes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE summaries ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

ALTER TABLE revisions ADD COLUMN saved_at TEXT;
ALTER TABLE revisions ADD COLUMN sealed INTEGER NOT NULL DEFAULT 1;
UPDATE revisions SET saved_at = created_at;

-- The dashboard lists by state; these keep its lists off full scans.
CREATE INDEX articles_updated ON articles(updated_at DESC);
CREATE INDEX notes_updated ON notes(updated_at DESC);
CREATE INDEX summaries_updated ON summaries(updated_at DESC);
