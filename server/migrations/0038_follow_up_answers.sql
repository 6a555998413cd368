ALTER TABLE "dash_matter_county_rollup" ADD COLUMN "follow_up_answered" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dash_matter_county_rollup" ADD COLUMN "both_resolved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dash_matter_rollup" ADD COLUMN "follow_up_answered" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dash_matter_rollup" ADD COLUMN "both_resolved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dash_town_rollup" ADD COLUMN "follow_up_answered" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dash_town_rollup" ADD COLUMN "both_resolved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- hand-written below (keep when regenerating)
-- The new counters (事心双结, docs/KPI.md) are 0 in the stored rollups; forgetting the refresh state
-- makes the next refresh rebuild every county in full.
DELETE FROM "dash_refresh_state";
