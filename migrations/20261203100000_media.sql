-- Uploaded images live in the database beside the words that use them:
-- one file holds the whole site, so a backup (`folio backup`, VACUUM INTO)
-- or a restore can never separate an article from its pictures, and an
-- upload is one transaction — nothing half-written survives a failure.
-- A name is the first 32 hex digits of the SHA-256 of the bytes and the
-- extension of the decoded type: the address never changes while the
-- bytes do not, so it is served as immutable. The table was never written
-- before this migration, so the new columns need no backfill.
ALTER TABLE media ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX media_name ON media(name);

-- Which items' markdown points at which image, kept by the one write path
-- on every save, so the media library can say where an image is used (and
-- refuse to delete it) without reading every body. Names, not ids: text
-- may point at an image that is not uploaded (yet, or any more).
CREATE TABLE media_uses (
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('article', 'note', 'summary', 'profile')),
    item_id INTEGER NOT NULL,
    PRIMARY KEY (name, kind, item_id)
) WITHOUT ROWID;
CREATE INDEX media_uses_item ON media_uses(kind, item_id);
