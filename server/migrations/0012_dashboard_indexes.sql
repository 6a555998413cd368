-- Dashboard (issue 6), hand-written because the indexes are on tables of the matters schema.
-- The refresh finds the months to recompute from matters changed since its last run.
CREATE INDEX IF NOT EXISTS matters_updated_idx ON matters (county_code, updated_at);
--> statement-breakpoint
-- Live counts and backlog read only matters still in the office's hands: a few percent of all rows.
CREATE INDEX IF NOT EXISTS matters_live_idx ON matters (county_code, status, created_at)
  WHERE status IN ('registered', 'filed', 'transferring', 'objected', 'handling', 'mediating', 'checking', 'answered', 'rated');
--> statement-breakpoint
-- 督办 orders not yet answered (the "supervised" live count and queue).
CREATE INDEX IF NOT EXISTS supervision_open_idx ON supervision_orders (county_code, matter_id) WHERE answered_at IS NULL;
--> statement-breakpoint
-- Refresh of the on-time rollup reads duties by due month.
CREATE INDEX IF NOT EXISTS deadlines_due_month_idx ON deadlines (county_code, due_at);
