ALTER TABLE "attachments" ADD COLUMN "thumb_key" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "origin" text DEFAULT 'staff' NOT NULL;