-- When a tag, category or source is renamed or merged into another, its
-- old slug keeps working: readers' bookmarks and search engines' links to
-- /tags/<old> or ?category=<old> get a 301 to where it went. The target
-- is the term's id, not its slug, so renaming it again needs no rewrite;
-- a slug that becomes live again is taken out of this table.
CREATE TABLE term_redirects (
    kind     TEXT NOT NULL CHECK (kind IN ('tag', 'category', 'source')),
    old_slug TEXT NOT NULL,
    term_id  INTEGER NOT NULL,
    PRIMARY KEY (kind, old_slug)
) WITHOUT ROWID;
CREATE INDEX term_redirects_target ON term_redirects(kind, term_id);
