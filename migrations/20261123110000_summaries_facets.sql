-- The summaries rail counts every public summary by category, source and
-- tag. This partial index holds just what those counts read, so they never
-- touch the wide summary rows (with their HTML) even at tens of thousands.
CREATE INDEX summaries_public_facets ON summaries(category_id, source_id, published_at)
    WHERE deleted_at IS NULL AND status <> 'draft';
