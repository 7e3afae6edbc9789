-- Every report's figures as one compact row (a JSON array in its format version's cell order, see
-- src/engine/figures.ts), written with every version, so the CSV export and the roll-up need not
-- parse the drafts and snapshots. NULL for reports written before this migration: they are read
-- from their JSON as before, until their next write.
ALTER TABLE reports ADD COLUMN figures TEXT;
ALTER TABLE reports ADD COLUMN figures_version TEXT;
