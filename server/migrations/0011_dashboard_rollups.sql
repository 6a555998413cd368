CREATE TABLE "dash_category_rollup" (
	"county_code" text NOT NULL,
	"month" date NOT NULL,
	"town_key" text NOT NULL,
	"category_code" text NOT NULL,
	"intake" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dash_category_rollup_county_code_month_town_key_category_code_pk" PRIMARY KEY("county_code","month","town_key","category_code")
);
--> statement-breakpoint
CREATE TABLE "dash_due_rollup" (
	"county_code" text NOT NULL,
	"month" date NOT NULL,
	"town_key" text NOT NULL,
	"category_code" text NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"item" text NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"open_overdue" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dash_due_rollup_county_code_month_town_key_category_code_kind_level_item_pk" PRIMARY KEY("county_code","month","town_key","category_code","kind","level","item")
);
--> statement-breakpoint
CREATE TABLE "dash_due_town_rollup" (
	"county_code" text NOT NULL,
	"month" date NOT NULL,
	"town_key" text NOT NULL,
	"item" text NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"open_overdue" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dash_due_town_rollup_county_code_month_town_key_item_pk" PRIMARY KEY("county_code","month","town_key","item")
);
--> statement-breakpoint
CREATE TABLE "dash_grid_rollup" (
	"county_code" text NOT NULL,
	"month" date NOT NULL,
	"grid_id" uuid NOT NULL,
	"town_key" text NOT NULL,
	"intake" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dash_grid_rollup_county_code_month_grid_id_pk" PRIMARY KEY("county_code","month","grid_id")
);
--> statement-breakpoint
CREATE TABLE "dash_matter_rollup" (
	"county_code" text NOT NULL,
	"month" date NOT NULL,
	"town_key" text NOT NULL,
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
	CONSTRAINT "dash_matter_rollup_county_code_month_town_key_category_code_kind_owner_level_pk" PRIMARY KEY("county_code","month","town_key","category_code","kind","owner_level")
);
--> statement-breakpoint
CREATE TABLE "dash_refresh_state" (
	"county_code" text PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp (3) with time zone NOT NULL,
	"watermark" timestamp (3) with time zone NOT NULL,
	"months_refreshed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dash_town_rollup" (
	"county_code" text NOT NULL,
	"month" date NOT NULL,
	"town_key" text NOT NULL,
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
	"ol_village" integer DEFAULT 0 NOT NULL,
	"ol_town" integer DEFAULT 0 NOT NULL,
	"ol_district" integer DEFAULT 0 NOT NULL,
	"k_petition" integer DEFAULT 0 NOT NULL,
	"k_dispute" integer DEFAULT 0 NOT NULL,
	"k_consultation" integer DEFAULT 0 NOT NULL,
	"k_request" integer DEFAULT 0 NOT NULL,
	"k_report" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dash_town_rollup_county_code_month_town_key_pk" PRIMARY KEY("county_code","month","town_key")
);
