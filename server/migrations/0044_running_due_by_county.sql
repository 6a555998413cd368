-- Custom SQL migration file, put your code below! --
-- hand-written below (keep when regenerating)
-- Issue 20: the dashboard's overdue count and the deadline sweep read the running clocks past due of one
-- county. Since issue 18 every such statement names the county, and the index of migration 0016, keyed by
-- due_at alone, answered it with a heap visit per running clock to check the county (25,000 page reads,
-- 110-220 ms at 10^6 matters). Keyed by county first it is an index-only scan (36 ms with the join to the
-- live matters, measured on the same database).
DROP INDEX IF EXISTS deadlines_running_due_idx;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS deadlines_running_due_idx ON deadlines (county_code, due_at) INCLUDE (matter_id) WHERE status = 'running';
