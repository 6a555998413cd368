CREATE TABLE "risk_warnings" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"rule" text NOT NULL,
	"grade" text NOT NULL,
	"dedup_key" text NOT NULL,
	"target_org_id" uuid NOT NULL,
	"target_path" text NOT NULL,
	"explanation" text NOT NULL,
	"matter_ids" uuid[] NOT NULL,
	"status" text NOT NULL,
	"dismissal_reason" text,
	"handled_by" uuid,
	"handled_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_seen_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "risk_warnings_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "risk_warnings_open_key_idx" ON "risk_warnings" USING btree ("county_code","dedup_key") WHERE "risk_warnings"."status" = 'open';--> statement-breakpoint
CREATE INDEX "risk_warnings_key_idx" ON "risk_warnings" USING btree ("county_code","dedup_key");--> statement-breakpoint
CREATE INDEX "risk_warnings_path_idx" ON "risk_warnings" USING btree ("county_code","target_path","created_at");