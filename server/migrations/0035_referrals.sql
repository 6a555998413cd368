CREATE TABLE "referral_sessions" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"held_at" timestamp (3) with time zone NOT NULL,
	"attended" boolean NOT NULL,
	"note" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "referral_sessions_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"referrer_org_id" uuid NOT NULL,
	"referrer_path" text NOT NULL,
	"party_id" uuid,
	"kind" text NOT NULL,
	"provider_org_id" uuid NOT NULL,
	"provider_path" text NOT NULL,
	"status" text NOT NULL,
	"eligibility" jsonb NOT NULL,
	"reason" text NOT NULL,
	"rule" jsonb NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"assignee" text,
	"appointment_at" timestamp (3) with time zone,
	"outcome" text,
	"outcome_note" text,
	"amount_yuan" integer,
	"aid_in_kind" text,
	"concluded_at" timestamp (3) with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "referrals_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
ALTER TABLE "orgs" DROP CONSTRAINT "orgs_kind_check";--> statement-breakpoint
CREATE INDEX "referral_sessions_referral_idx" ON "referral_sessions" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "referrals_matter_idx" ON "referrals" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "referrals_provider_idx" ON "referrals" USING btree ("county_code","provider_path");--> statement-breakpoint
CREATE INDEX "referrals_open_due_idx" ON "referrals" USING btree ("due_at") WHERE "referrals"."status" not in ('concluded', 'declined', 'withdrawn');--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_kind_check" CHECK ("orgs"."kind" in ('district','town','village','department','unit','mediation_committee','mediation_room','social_org','service_center'));