-- Reading a lifetime of writing without reading its bodies.
--
-- Article rows are wide (markdown, HTML and plain text of up to 8k words)
-- and their small columns that come after the bodies (category_id,
-- reading_minutes, status, published_at, updated_at, deleted_at) can only
-- be reached by walking each row's overflow pages. So every public list,
-- count and neighbour query is answered from a partial index that holds
-- exactly the public rows (`deleted_at IS NULL AND status <> 'draft'`, the
-- `public!` rule without its clock comparison, which stays a range on the
-- leading `published_at`) and every column a list shows. Such a covering
-- index is a few hundred bytes per article; moving the bodies to a table of
-- their own would do the same for reads but change every write and every
-- author query, for no further gain on the public side.
--
-- `id` is spelled out after the sort key so newest-first order with the id
-- as tie-break (every list's ORDER BY) is the index's own order. `status`
-- and `deleted_at` are in every index although its WHERE already fixes
-- them: SQLite counts an index as covering only when it holds every column
-- the query names, and `public!` names both.
--
-- The earlier summaries indexes are remade with the same names for that
-- reason (and `summaries_public` with the id in its key).

DROP INDEX articles_public;
CREATE INDEX articles_public_list
    ON articles(published_at, id, category_id, reading_minutes, updated_at, status, deleted_at,
                slug, title, dek)
    WHERE deleted_at IS NULL AND status <> 'draft';
-- The archive filtered by category, and the per-category counts.
CREATE INDEX articles_public_category
    ON articles(category_id, published_at, id, reading_minutes, updated_at, status, deleted_at,
                slug, title, dek)
    WHERE deleted_at IS NULL AND status <> 'draft';
-- Related articles rank candidates found through their tags by id.
CREATE INDEX articles_public_by_id
    ON articles(id, published_at, status, deleted_at)
    WHERE deleted_at IS NULL AND status <> 'draft';

DROP INDEX notes_public;
CREATE INDEX notes_public_list
    ON notes(published_at, id, updated_at, status, deleted_at, slug, title)
    WHERE deleted_at IS NULL AND status <> 'draft';

DROP INDEX summaries_public;
CREATE INDEX summaries_public
    ON summaries(day DESC, published_at DESC, id, category_id, source_id, status, deleted_at)
    WHERE deleted_at IS NULL AND status <> 'draft';
DROP INDEX summaries_public_facets;
CREATE INDEX summaries_public_facets
    ON summaries(category_id, source_id, published_at, status, deleted_at)
    WHERE deleted_at IS NULL AND status <> 'draft';
-- Feeds sort summaries by publication, not by day; the sitemap and tag
-- index want their last change, filtered feeds their category and source.
CREATE INDEX summaries_public_time
    ON summaries(published_at, id, updated_at, category_id, source_id, status, deleted_at)
    WHERE deleted_at IS NULL AND status <> 'draft';
