CREATE TABLE "holiday_years" (
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"rest_days" jsonb NOT NULL,
	"workdays" jsonb NOT NULL,
	"source" jsonb,
	"saved_by_county" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "holiday_years_year_version_pk" PRIMARY KEY("year","version")
);
--> statement-breakpoint
ALTER TABLE "deadlines" ADD COLUMN "provisional_years" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_orders" ADD COLUMN "provisional_years" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "deadlines_provisional_idx" ON "deadlines" USING btree ("status") WHERE "deadlines"."provisional_years" <> '[]'::jsonb;