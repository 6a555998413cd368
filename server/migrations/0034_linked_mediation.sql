CREATE TABLE "linked_mediations" (
	"county_code" text NOT NULL,
	"matter_id" uuid NOT NULL,
	"route" text NOT NULL,
	"source_org_id" uuid,
	"source_org_path" text,
	"police_record_no" text,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"field" text,
	"consent" jsonb,
	"started_at" timestamp (3) with time zone,
	"outcome" text,
	"outcome_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "linked_mediations_county_code_matter_id_pk" PRIMARY KEY("county_code","matter_id")
);
--> statement-breakpoint
CREATE INDEX "linked_mediations_source_idx" ON "linked_mediations" USING btree ("county_code","source_org_id");--> statement-breakpoint
CREATE INDEX "linked_mediations_route_idx" ON "linked_mediations" USING btree ("county_code","route","created_at");