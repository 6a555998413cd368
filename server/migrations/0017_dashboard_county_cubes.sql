CREATE TABLE "dash_due_county_rollup" (
	"county_code" text NOT NULL,
	"month" date NOT NULL,
	"category_code" text NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"item" text NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"open_overdue" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dash_due_county_rollup_county_code_month_category_code_kind_level_item_pk" PRIMARY KEY("county_code","month","category_code","kind","level","item")
);
--> statement-breakpoint
CREATE TABLE "dash_matter_county_rollup" (
	"county_code" text NOT NULL,
	"month" date NOT NULL,
	"category_code" text NOT NULL,
	"kind" text NOT NULL,
	"owner_level" text NOT NULL,
	"intake" integer DEFAULT 0 NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"unsatisfied" integer DEFAULT 0 NOT NULL,
	"reworked" integer DEFAULT 0 NOT NULL,
	"followed_up" integer DEFAULT 0 NOT NULL,
	"village_started_done" integer DEFAULT 0 NOT NULL,
	"village_closed_in_village" integer DEFAULT 0 NOT NULL,
	"town_reached_done" integer DEFAULT 0 NOT NULL,
	"town_closed_in_town" integer DEFAULT 0 NOT NULL,
	"escalated" integer DEFAULT 0 NOT NULL,
	"collective" integer DEFAULT 0 NOT NULL,
	"skipped_level" integer DEFAULT 0 NOT NULL,
	"supervised" integer DEFAULT 0 NOT NULL,
	"ch_walk_in" integer DEFAULT 0 NOT NULL,
	"ch_letter" integer DEFAULT 0 NOT NULL,
	"ch_phone" integer DEFAULT 0 NOT NULL,
	"ch_online" integer DEFAULT 0 NOT NULL,
	"ch_grid" integer DEFAULT 0 NOT NULL,
	"ch_court" integer DEFAULT 0 NOT NULL,
	"ch_referral" integer DEFAULT 0 NOT NULL,
	"ch_hotline" integer DEFAULT 0 NOT NULL,
	"il_village" integer DEFAULT 0 NOT NULL,
	"il_town" integer DEFAULT 0 NOT NULL,
	"il_district" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dash_matter_county_rollup_county_code_month_category_code_kind_owner_level_pk" PRIMARY KEY("county_code","month","category_code","kind","owner_level")
);
--> statement-breakpoint
CREATE INDEX "dash_matter_rollup_category_idx" ON "dash_matter_rollup" USING btree ("county_code","category_code" text_pattern_ops,"month");--> statement-breakpoint
CREATE INDEX "dash_matter_rollup_kind_level_idx" ON "dash_matter_rollup" USING btree ("county_code","kind","owner_level","month");