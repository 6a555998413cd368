ALTER TABLE "matters" DROP CONSTRAINT "matters_code_unique";--> statement-breakpoint
DROP INDEX "court_outbox_key_idx";--> statement-breakpoint
DROP INDEX "deadlines_live_clock_idx";--> statement-breakpoint
DROP INDEX "matters_id_idx";--> statement-breakpoint
DROP INDEX "supervision_auto_once_idx";--> statement-breakpoint
DROP INDEX "agreement_signatures_signer_idx";--> statement-breakpoint
DROP INDEX "open311_clients_key_idx";--> statement-breakpoint
DROP INDEX "open311_requests_token_idx";--> statement-breakpoint
DROP INDEX "open311_updates_client_update_idx";--> statement-breakpoint
DROP INDEX "safety_attestations_target_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "matters_code_unique" ON "matters" USING btree ("county_code","code");--> statement-breakpoint
CREATE UNIQUE INDEX "court_outbox_key_idx" ON "court_outbox" USING btree ("county_code","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "deadlines_live_clock_idx" ON "deadlines" USING btree ("county_code","matter_id","clock_key") WHERE "deadlines"."status" in ('running', 'paused');--> statement-breakpoint
CREATE INDEX "matters_id_idx" ON "matters" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_auto_once_idx" ON "supervision_orders" USING btree ("county_code","deadline_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_signatures_signer_idx" ON "agreement_signatures" USING btree ("county_code","agreement_id","signer");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_clients_key_idx" ON "open311_clients" USING btree ("county_code","key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_requests_token_idx" ON "open311_requests" USING btree ("county_code","token");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_updates_client_update_idx" ON "open311_updates" USING btree ("county_code","client_id","update_id");--> statement-breakpoint
CREATE UNIQUE INDEX "safety_attestations_target_uq" ON "safety_attestations" USING btree ("county_code","village_id","year","target_code");