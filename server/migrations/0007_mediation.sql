CREATE TABLE "agreement_signatures" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"signer" text NOT NULL,
	"name" text NOT NULL,
	"method" text NOT NULL,
	"attachment_id" uuid,
	"recorded_by" uuid NOT NULL,
	"signed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "agreement_signatures_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "mediation_agreements" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"mediator_id" uuid,
	"form" text NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"copies" integer NOT NULL,
	"effective_at" timestamp (3) with time zone,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "mediation_agreements_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "mediator_profiles" (
	"county_code" text NOT NULL,
	"user_id" uuid NOT NULL,
	"specialties" jsonb NOT NULL,
	"court_rosters" jsonb NOT NULL,
	"roster_no" text,
	"intro" text,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "mediator_profiles_county_code_user_id_pk" PRIMARY KEY("county_code","user_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_signatures_signer_idx" ON "agreement_signatures" USING btree ("agreement_id","signer");--> statement-breakpoint
CREATE INDEX "mediation_agreements_matter_idx" ON "mediation_agreements" USING btree ("county_code","matter_id");