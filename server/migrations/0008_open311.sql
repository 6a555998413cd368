CREATE TABLE "open311_clients" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"contact" text,
	"key_prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"rate_limit_per_minute" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revoked_by" uuid,
	"revoked_at" timestamp (3) with time zone,
	"last_used_at" timestamp (3) with time zone,
	CONSTRAINT "open311_clients_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "open311_requests" (
	"county_code" text NOT NULL,
	"matter_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"token" text NOT NULL,
	"account_id" text,
	"media_url" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "open311_requests_county_code_matter_id_pk" PRIMARY KEY("county_code","matter_id")
);
--> statement-breakpoint
CREATE TABLE "open311_updates" (
	"county_code" text NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "open311_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"client_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"update_id" text NOT NULL,
	"status" text NOT NULL,
	"description" text NOT NULL,
	"media_url" text,
	"sent_at" timestamp (3) with time zone NOT NULL,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "open311_updates_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "open311_clients_key_idx" ON "open311_clients" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_requests_token_idx" ON "open311_requests" USING btree ("token");--> statement-breakpoint
CREATE INDEX "open311_requests_client_idx" ON "open311_requests" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_updates_client_update_idx" ON "open311_updates" USING btree ("client_id","update_id");--> statement-breakpoint
CREATE INDEX "open311_updates_matter_idx" ON "open311_updates" USING btree ("matter_id");