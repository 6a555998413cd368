-- Custom SQL migration file, put your code below! --
-- hand-written below (keep when regenerating)
-- docs/SECURITY.md G31: ID and phone numbers are stored sealed (AES-256-GCM, server/src/pii/pii-cipher.ts).
-- NOT VALID: rows written before encryption are sealed by the start-up re-seal
-- (modules/matters/pii-reseal.service.ts), which then validates these checks; every new or changed
-- row must already be sealed.
ALTER TABLE "matter_parties" ADD CONSTRAINT "matter_parties_phone_sealed" CHECK ("phone" IS NULL OR "phone" LIKE 'enc1:%') NOT VALID;
--> statement-breakpoint
ALTER TABLE "matter_parties" ADD CONSTRAINT "matter_parties_id_sealed" CHECK ("id_number" IS NULL OR "id_number" LIKE 'enc1:%') NOT VALID;
