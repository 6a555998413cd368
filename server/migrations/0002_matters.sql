CREATE TABLE "config_documents" (
	"county_code" text NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "config_documents_county_code_name_version_pk" PRIMARY KEY("county_code","name","version")
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"clock_key" text NOT NULL,
	"basis" text NOT NULL,
	"org_id" uuid NOT NULL,
	"label" text NOT NULL,
	"citation" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone,
	"warn_at" timestamp (3) with time zone,
	"explanation" text NOT NULL,
	"status" text NOT NULL,
	"paused_at" timestamp (3) with time zone,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"extended_by" integer DEFAULT 0 NOT NULL,
	"stopped_at" timestamp (3) with time zone,
	"warned_at" timestamp (3) with time zone,
	"overdue_at" timestamp (3) with time zone,
	"supervised_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "deadlines_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "matter_notices" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" jsonb NOT NULL,
	"served_at" timestamp (3) with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "matter_notices_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "matter_parties" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"id_number" text,
	"phone_hash" text,
	"id_hash" text,
	"address" text,
	"representative" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "matter_parties_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "matters" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"category_code" text NOT NULL,
	"service_code" text,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"risk_grade" text NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"collective" boolean DEFAULT false NOT NULL,
	"applicant_count" integer DEFAULT 1 NOT NULL,
	"protect_petitioner" boolean DEFAULT false NOT NULL,
	"complained_org_id" uuid,
	"complained_org_path" text,
	"owner_org_id" uuid NOT NULL,
	"owner_path" text NOT NULL,
	"owner_level" text NOT NULL,
	"pending_org_id" uuid,
	"pending_path" text,
	"intake_org_id" uuid NOT NULL,
	"intake_level" text NOT NULL,
	"intake_user_id" uuid,
	"address" text,
	"lng" double precision,
	"lat" double precision,
	"grid_id" uuid,
	"village_id" uuid,
	"town_id" uuid,
	"route_rule_id" text,
	"route_reason" text,
	"state" jsonb NOT NULL,
	"tracking_secret_hash" text,
	"contact_phone_hash" text,
	"rating" text,
	"rework_count" integer DEFAULT 0 NOT NULL,
	"archive_no" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone,
	CONSTRAINT "matters_county_code_id_pk" PRIMARY KEY("county_code","id"),
	CONSTRAINT "matters_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "supervision_orders" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"deadline_id" uuid,
	"reason" text NOT NULL,
	"note" text,
	"issued_by_org_id" uuid NOT NULL,
	"issued_by_user_id" uuid,
	"target_org_id" uuid NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"answered_at" timestamp (3) with time zone,
	"answer" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "supervision_orders_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_owner_org_id_orgs_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_intake_org_id_orgs_id_fk" FOREIGN KEY ("intake_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deadlines_matter_idx" ON "deadlines" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "deadlines_due_idx" ON "deadlines" USING btree ("status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deadlines_live_clock_idx" ON "deadlines" USING btree ("matter_id","clock_key") WHERE "deadlines"."status" in ('running', 'paused');--> statement-breakpoint
CREATE INDEX "matter_notices_matter_idx" ON "matter_notices" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "matter_parties_matter_idx" ON "matter_parties" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "matter_parties_phone_idx" ON "matter_parties" USING btree ("county_code","phone_hash");--> statement-breakpoint
CREATE INDEX "matter_parties_id_idx" ON "matter_parties" USING btree ("county_code","id_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "matters_id_idx" ON "matters" USING btree ("id");--> statement-breakpoint
CREATE INDEX "matters_owner_idx" ON "matters" USING btree ("county_code","owner_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "matters_pending_idx" ON "matters" USING btree ("pending_org_id");--> statement-breakpoint
CREATE INDEX "matters_status_idx" ON "matters" USING btree ("county_code","status");--> statement-breakpoint
CREATE INDEX "matters_created_idx" ON "matters" USING btree ("county_code","created_at");--> statement-breakpoint
CREATE INDEX "matters_place_idx" ON "matters" USING btree ("county_code","village_id","category_code","created_at");--> statement-breakpoint
CREATE INDEX "supervision_matter_idx" ON "supervision_orders" USING btree ("matter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_auto_once_idx" ON "supervision_orders" USING btree ("deadline_id");