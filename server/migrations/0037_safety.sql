CREATE TABLE "patrol_rosters" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"period" text NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"joint_task_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "patrol_rosters_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "patrol_shifts" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"roster_id" uuid NOT NULL,
	"roster_org_id" uuid NOT NULL,
	"roster_path" text NOT NULL,
	"seq" integer NOT NULL,
	"shift_date" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"village_ids" uuid[] NOT NULL,
	"route" text NOT NULL,
	"unit_org_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"members" text[] NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"reported_by" uuid,
	"reported_at" timestamp (3) with time zone,
	"overdue_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "patrol_shifts_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "safety_attestations" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"village_path" text NOT NULL,
	"year" integer NOT NULL,
	"target_code" text NOT NULL,
	"state" text NOT NULL,
	"evidence" text NOT NULL,
	"attested_by" uuid NOT NULL,
	"attested_at" timestamp (3) with time zone NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp (3) with time zone,
	"review_note" text,
	CONSTRAINT "safety_attestations_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE INDEX "patrol_rosters_path_idx" ON "patrol_rosters" USING btree ("county_code","org_path","start_date");--> statement-breakpoint
CREATE INDEX "patrol_shifts_roster_idx" ON "patrol_shifts" USING btree ("roster_id");--> statement-breakpoint
CREATE INDEX "patrol_shifts_unit_idx" ON "patrol_shifts" USING btree ("county_code","unit_path","starts_at");--> statement-breakpoint
CREATE INDEX "patrol_shifts_due_idx" ON "patrol_shifts" USING btree ("ends_at") WHERE "patrol_shifts"."status" = 'scheduled' and "patrol_shifts"."overdue_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "safety_attestations_target_uq" ON "safety_attestations" USING btree ("village_id","year","target_code");--> statement-breakpoint
CREATE INDEX "safety_attestations_path_idx" ON "safety_attestations" USING btree ("county_code","village_path","year");