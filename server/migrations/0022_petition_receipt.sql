ALTER TABLE "matters" ADD COLUMN "received_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "receipt_evidence" text;