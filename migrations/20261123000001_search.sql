-- Full-text search over every kind of content. One FTS5 table holds its own
-- copy of the searchable text (it must: snippet() needs the text, and one
-- external-content table cannot front three base tables). Whether an item is
-- public changes with the clock, so the index holds every row and queries
-- join back to the base tables to apply the public rule.
--
-- The rowid encodes which row a document came from: id * 4 + kind, with
-- kind 1 = article, 2 = note, 3 = summary, so triggers find a document by
-- rowid instead of scanning. Article deks are indexed with the body; titles
-- get their own column so ranking can weigh them above bodies.
CREATE VIRTUAL TABLE search_index USING fts5(
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO search_index (rowid, title, body)
    SELECT id * 4 + 1, title, dek || char(10) || body_text FROM articles;
INSERT INTO search_index (rowid, title, body)
    SELECT id * 4 + 2, title, body_text FROM notes;
INSERT INTO search_index (rowid, title, body)
    SELECT id * 4 + 3, title, body_md FROM summaries;

CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
    INSERT INTO search_index (rowid, title, body)
        VALUES (new.id * 4 + 1, new.title, new.dek || char(10) || new.body_text);
END;
CREATE TRIGGER articles_search_update AFTER UPDATE OF id, title, dek, body_text ON articles BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
    INSERT INTO search_index (rowid, title, body)
        VALUES (new.id * 4 + 1, new.title, new.dek || char(10) || new.body_text);
END;
CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
END;

CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN
    INSERT INTO search_index (rowid, title, body)
        VALUES (new.id * 4 + 2, new.title, new.body_text);
END;
CREATE TRIGGER notes_search_update AFTER UPDATE OF id, title, body_text ON notes BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
    INSERT INTO search_index (rowid, title, body)
        VALUES (new.id * 4 + 2, new.title, new.body_text);
END;
CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
END;

CREATE TRIGGER summaries_search_insert AFTER INSERT ON summaries BEGIN
    INSERT INTO search_index (rowid, title, body)
        VALUES (new.id * 4 + 3, new.title, new.body_md);
END;
CREATE TRIGGER summaries_search_update AFTER UPDATE OF id, title, body_md ON summaries BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
    INSERT INTO search_index (rowid, title, body)
        VALUES (new.id * 4 + 3, new.title, new.body_md);
END;
CREATE TRIGGER summaries_search_delete AFTER DELETE ON summaries BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
END;
