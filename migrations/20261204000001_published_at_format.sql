-- The public rule compares published_at with the current time as text, so
-- every stored instant must be in the one form clock::format_instant writes
-- (YYYY-MM-DDTHH:MM:SSZ): "2026-5-8" or "2026-05-08 09:30" would sort wrongly
-- and show an item early or never. SQLite cannot add a CHECK to an existing
-- table, so triggers refuse any other form on insert and update.
CREATE TRIGGER articles_published_at_format_insert BEFORE INSERT ON articles
WHEN NEW.published_at IS NOT NULL AND NEW.published_at NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'
BEGIN SELECT RAISE(ABORT, 'published_at must be YYYY-MM-DDTHH:MM:SSZ'); END;
CREATE TRIGGER articles_published_at_format_update BEFORE UPDATE OF published_at ON articles
WHEN NEW.published_at IS NOT NULL AND NEW.published_at NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'
BEGIN SELECT RAISE(ABORT, 'published_at must be YYYY-MM-DDTHH:MM:SSZ'); END;

CREATE TRIGGER notes_published_at_format_insert BEFORE INSERT ON notes
WHEN NEW.published_at IS NOT NULL AND NEW.published_at NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'
BEGIN SELECT RAISE(ABORT, 'published_at must be YYYY-MM-DDTHH:MM:SSZ'); END;
CREATE TRIGGER notes_published_at_format_update BEFORE UPDATE OF published_at ON notes
WHEN NEW.published_at IS NOT NULL AND NEW.published_at NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'
BEGIN SELECT RAISE(ABORT, 'published_at must be YYYY-MM-DDTHH:MM:SSZ'); END;

CREATE TRIGGER summaries_published_at_format_insert BEFORE INSERT ON summaries
WHEN NEW.published_at IS NOT NULL AND NEW.published_at NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'
BEGIN SELECT RAISE(ABORT, 'published_at must be YYYY-MM-DDTHH:MM:SSZ'); END;
CREATE TRIGGER summaries_published_at_format_update BEFORE UPDATE OF published_at ON summaries
WHEN NEW.published_at IS NOT NULL AND NEW.published_at NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'
BEGIN SELECT RAISE(ABORT, 'published_at must be YYYY-MM-DDTHH:MM:SSZ'); END;
