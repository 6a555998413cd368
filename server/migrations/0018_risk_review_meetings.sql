ALTER TABLE "deliberation_items" ADD COLUMN "background" text;--> statement-breakpoint
ALTER TABLE "risk_warnings" ADD COLUMN "meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "risk_warnings" ADD COLUMN "agenda_item_id" uuid;