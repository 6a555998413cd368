CREATE TABLE "court_cases" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"court_name" text,
	"court_case_no" text,
	"answer" jsonb,
	"data" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "court_cases_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "court_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "court_outbox" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"matter_id" uuid,
	"court_case_id" uuid,
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone NOT NULL,
	"lease_until" timestamp (3) with time zone,
	"last_error" text,
	"response" jsonb,
	"delivered_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "court_outbox_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE INDEX "court_cases_matter_idx" ON "court_cases" USING btree ("county_code","matter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "court_cases_court_no_idx" ON "court_cases" USING btree ("county_code","kind","court_case_no");--> statement-breakpoint
CREATE UNIQUE INDEX "court_outbox_key_idx" ON "court_outbox" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "court_outbox_due_idx" ON "court_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "court_outbox_matter_idx" ON "court_outbox" USING btree ("county_code","matter_id");