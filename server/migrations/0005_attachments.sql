CREATE TABLE "attachments" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attachments_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE INDEX "attachments_matter_idx" ON "attachments" USING btree ("matter_id");