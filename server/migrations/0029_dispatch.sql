CREATE TABLE "dispatch_meetings" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"convener_org_id" uuid NOT NULL,
	"convener_path" text NOT NULL,
	"kind" text NOT NULL,
	"topic" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"place" text NOT NULL,
	"participants" jsonb NOT NULL,
	"agenda" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "dispatch_meetings_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "joint_tasks" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"convener_org_id" uuid NOT NULL,
	"convener_path" text NOT NULL,
	"agenda_seq" integer,
	"title" text NOT NULL,
	"mechanism" text NOT NULL,
	"lead_org_id" uuid NOT NULL,
	"lead_path" text NOT NULL,
	"co_org_ids" uuid[] NOT NULL,
	"co_paths" text[] NOT NULL,
	"due_date" text NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"progress" jsonb NOT NULL,
	"result" text,
	"completed_at" timestamp (3) with time zone,
	"overdue_at" timestamp (3) with time zone,
	"supervised_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "joint_tasks_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "risk_measures" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"warning_id" uuid NOT NULL,
	"warning_path" text NOT NULL,
	"action" text NOT NULL,
	"responsible_org_id" uuid NOT NULL,
	"responsible_path" text NOT NULL,
	"responsible_person" text NOT NULL,
	"village_ids" uuid[] NOT NULL,
	"groups" text NOT NULL,
	"due_date" text NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"result" text,
	"done_at" timestamp (3) with time zone,
	"overdue_at" timestamp (3) with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "risk_measures_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE INDEX "dispatch_meetings_path_idx" ON "dispatch_meetings" USING btree ("county_code","convener_path","starts_at");--> statement-breakpoint
CREATE INDEX "joint_tasks_meeting_idx" ON "joint_tasks" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "joint_tasks_convener_idx" ON "joint_tasks" USING btree ("county_code","convener_path");--> statement-breakpoint
CREATE INDEX "joint_tasks_lead_idx" ON "joint_tasks" USING btree ("county_code","lead_path");--> statement-breakpoint
CREATE INDEX "joint_tasks_due_idx" ON "joint_tasks" USING btree ("due_at") WHERE "joint_tasks"."status" in ('assigned', 'in_progress') and "joint_tasks"."overdue_at" is null;--> statement-breakpoint
CREATE INDEX "risk_measures_warning_idx" ON "risk_measures" USING btree ("warning_id");--> statement-breakpoint
CREATE INDEX "risk_measures_due_idx" ON "risk_measures" USING btree ("due_at") WHERE "risk_measures"."status" = 'open' and "risk_measures"."overdue_at" is null;