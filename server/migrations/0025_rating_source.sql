ALTER TABLE "dash_matter_county_rollup" ADD COLUMN "rated_on_behalf" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dash_matter_county_rollup" ADD COLUMN "satisfied_on_behalf" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dash_matter_rollup" ADD COLUMN "rated_on_behalf" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dash_matter_rollup" ADD COLUMN "satisfied_on_behalf" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dash_town_rollup" ADD COLUMN "rated_on_behalf" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dash_town_rollup" ADD COLUMN "satisfied_on_behalf" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "rated_by" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "contact" text;