ALTER TABLE "mediation_agreements" ADD COLUMN "performance" text;--> statement-breakpoint
ALTER TABLE "mediation_agreements" ADD COLUMN "performance_checked_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "mediation_agreements" ADD COLUMN "performance_reminded_at" timestamp (3) with time zone;