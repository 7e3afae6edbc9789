-- A body whose own report sums the reports of the bodies directly under it (a city's 全市 report, a
-- county's that includes its departments): rule 16 compares its tables 三 and 四 with their sum.
ALTER TABLE orgs ADD COLUMN sums_children INTEGER NOT NULL DEFAULT 0;

-- The keys of the warnings of a report's current version (src/engine/findings.ts), written with every
-- save like the counts beside them, so the dashboard list counts the findings no verdict covers yet
-- (「n 条待核实」) without opening any report. NULL for reports saved before.
ALTER TABLE reports ADD COLUMN warning_keys TEXT;
