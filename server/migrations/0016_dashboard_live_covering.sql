-- Dashboard live counts (issue 6), hand-written like 0012: at 10^6 matters the live panel read every
-- live matter's row from the heap (27,000 random reads, 1.6 s). The filters' columns now ride in the
-- partial index, so counts, ages and the joins below are answered from the indexes alone once
-- (auto)vacuum has marked the pages all-visible.
DROP INDEX IF EXISTS matters_live_idx;
--> statement-breakpoint
CREATE INDEX matters_live_idx ON matters (county_code, status, created_at)
  INCLUDE (id, town_id, village_id, category_code, kind, owner_level)
  WHERE status IN ('registered', 'filed', 'transferring', 'objected', 'handling', 'mediating', 'checking', 'answered', 'rated');
--> statement-breakpoint
-- Running clocks past due (the "overdue" live count), with the matter to join to.
CREATE INDEX IF NOT EXISTS deadlines_running_due_idx ON deadlines (due_at) INCLUDE (matter_id) WHERE status = 'running';
