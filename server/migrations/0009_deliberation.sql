CREATE TABLE "deliberation_bodies" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "deliberation_bodies_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "deliberation_contributions" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"member_id" uuid,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"done_at" timestamp (3) with time zone,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "deliberation_contributions_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "deliberation_items" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"matter_ids" jsonb NOT NULL,
	"method" text,
	"votes_for" integer,
	"votes_against" integer,
	"votes_abstain" integer,
	"ballots_entered_by" uuid,
	"outcome" text,
	"reasoning" text,
	"dissent" text,
	"decided_at" timestamp (3) with time zone,
	CONSTRAINT "deliberation_items_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "deliberation_meetings" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"topic" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"place" text NOT NULL,
	"status" text NOT NULL,
	"present_member_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"counted_in_room" integer DEFAULT 0 NOT NULL,
	"minutes" text,
	"held_at" timestamp (3) with time zone,
	"published_at" timestamp (3) with time zone,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "deliberation_meetings_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "deliberation_members" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"user_id" uuid,
	"position" text NOT NULL,
	"seated_by" text NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "deliberation_members_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "deliberation_speakers" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"subject" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "deliberation_speakers_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "deliberation_tasks" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "deliberation_tasks_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "dev_sms_messages" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"outbox_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "dev_sms_messages_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "in_app_messages" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"outbox_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"read_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "in_app_messages_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "notification_attempts" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"outbox_id" uuid NOT NULL,
	"attempt_no" integer NOT NULL,
	"provider" text NOT NULL,
	"ok" text NOT NULL,
	"provider_message_id" text,
	"error" text,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "notification_attempts_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "notification_outbox" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"channel" text NOT NULL,
	"template" text NOT NULL,
	"params" jsonb NOT NULL,
	"recipient_user_id" uuid,
	"recipient_phone" text,
	"ref_type" text,
	"ref_id" uuid,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone NOT NULL,
	"last_error" text,
	"sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "notification_outbox_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE INDEX "deliberation_bodies_org_idx" ON "deliberation_bodies" USING btree ("county_code","org_path");--> statement-breakpoint
CREATE INDEX "deliberation_contributions_matter_idx" ON "deliberation_contributions" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "deliberation_contributions_body_idx" ON "deliberation_contributions" USING btree ("body_id");--> statement-breakpoint
CREATE INDEX "deliberation_items_meeting_idx" ON "deliberation_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "deliberation_meetings_body_idx" ON "deliberation_meetings" USING btree ("body_id");--> statement-breakpoint
CREATE INDEX "deliberation_meetings_org_idx" ON "deliberation_meetings" USING btree ("county_code","org_path");--> statement-breakpoint
CREATE INDEX "deliberation_members_body_idx" ON "deliberation_members" USING btree ("body_id");--> statement-breakpoint
CREATE INDEX "deliberation_speakers_meeting_idx" ON "deliberation_speakers" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "deliberation_tasks_meeting_idx" ON "deliberation_tasks" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "deliberation_tasks_matter_idx" ON "deliberation_tasks" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "dev_sms_messages_outbox_idx" ON "dev_sms_messages" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "in_app_messages_user_idx" ON "in_app_messages" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_attempts_outbox_idx" ON "notification_attempts" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "notification_outbox_due_idx" ON "notification_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "notification_outbox_ref_idx" ON "notification_outbox" USING btree ("ref_type","ref_id");