-- Custom SQL migration file, put your code below! --
-- hand-written below (keep when regenerating)
-- docs/SECURITY.md G12: the application role may not write the chain's seals itself. It asks this
-- function, which runs as the owner (SECURITY DEFINER) and writes a seal only for the next events
-- ready to seal, in the sealer's order (finished transactions, by tx id then id), at the next number
-- of the county's chain after its current head. So the application cannot skip, reorder or pre-seal
-- events, nor fork a chain; the row hash it computes (canonical JSON, events.service.ts) is held to
-- the event by verify:chain. server/src/db/roles.ts revokes INSERT on event_seals from the
-- application role and grants it EXECUTE on this function only.
CREATE FUNCTION zz_append_seals(p_seals jsonb, p_sealed_at timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  k integer;
  r_county text[];
  r_id bigint[];
  r_tx xid8[];
  s jsonb;
  head_no bigint;
  head_hash text;
BEGIN
  IF p_seals IS NULL OR jsonb_typeof(p_seals) <> 'array' THEN
    RAISE EXCEPTION 'zz_append_seals: seals must be a JSON array' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  k := jsonb_array_length(p_seals);
  IF k = 0 THEN RETURN 0; END IF;
  -- One sealer at a time (the same advisory lock the sealer takes; a session may take it twice).
  IF NOT pg_try_advisory_xact_lock(727001) THEN
    RAISE EXCEPTION 'zz_append_seals: another sealer is running' USING ERRCODE = 'lock_not_available';
  END IF;
  SELECT array_agg(e.county_code ORDER BY e.tx_id, e.id), array_agg(e.id ORDER BY e.tx_id, e.id),
         array_agg(e.tx_id ORDER BY e.tx_id, e.id)
    INTO r_county, r_id, r_tx
    FROM (SELECT ev.county_code, ev.id, ev.tx_id FROM events ev
           WHERE ev.tx_id < pg_snapshot_xmin(pg_current_snapshot())
             AND ev.tx_id >= coalesce((SELECT sl.tx_id FROM event_seals sl ORDER BY sl.tx_id DESC LIMIT 1), '0'::xid8)
             AND NOT EXISTS (SELECT 1 FROM event_seals sl WHERE sl.county_code = ev.county_code AND sl.event_id = ev.id)
           ORDER BY ev.tx_id, ev.id
           LIMIT k) e;
  FOR i IN 1..k LOOP
    s := p_seals -> (i - 1);
    IF r_id IS NULL OR i > array_length(r_id, 1)
       OR s ->> 'countyCode' IS DISTINCT FROM r_county[i]
       OR (s ->> 'eventId')::bigint IS DISTINCT FROM r_id[i] THEN
      RAISE EXCEPTION 'zz_append_seals: seal % (event %) is not of the next event ready to seal', i, s ->> 'eventId'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT sl.chain_no, sl.row_hash INTO head_no, head_hash FROM event_seals sl
      WHERE sl.county_code = r_county[i] ORDER BY sl.chain_no DESC LIMIT 1;
    IF NOT FOUND THEN
      head_no := 0;
      head_hash := repeat('0', 64);
    END IF;
    IF (s ->> 'chainNo')::bigint IS DISTINCT FROM head_no + 1 OR s ->> 'prevHash' IS DISTINCT FROM head_hash THEN
      RAISE EXCEPTION 'zz_append_seals: seal % does not follow the head of chain % (number %)', i, r_county[i], head_no
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF coalesce(s ->> 'rowHash', '') !~ '^[0-9a-f]{64}$' THEN
      RAISE EXCEPTION 'zz_append_seals: seal % has no SHA-256 row hash', i USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO event_seals (county_code, chain_no, event_id, tx_id, prev_hash, row_hash, sealed_at)
      VALUES (r_county[i], head_no + 1, r_id[i], r_tx[i], head_hash, s ->> 'rowHash', p_sealed_at);
  END LOOP;
  RETURN k;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION zz_append_seals(jsonb, timestamptz) FROM PUBLIC;
--> statement-breakpoint
-- docs/SECURITY.md G9, G31: authenticator secrets are stored sealed (server/src/pii/pii-cipher.ts, kind
-- 'totp_secret'). NOT VALID like migration 0026: secrets stored in clear before are sealed by the
-- start-up re-seal (modules/auth/user-reseal.service.ts), which then validates these checks.
ALTER TABLE "users" ADD CONSTRAINT "users_totp_secret_sealed" CHECK ("totp_secret" IS NULL OR "totp_secret" LIKE 'enc1:%') NOT VALID;
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_totp_pending_secret_sealed" CHECK ("totp_pending_secret" IS NULL OR "totp_pending_secret" LIKE 'enc1:%') NOT VALID;
--> statement-breakpoint
-- docs/SECURITY.md G31: parties' names and addresses are stored sealed too (kinds 'name', 'address');
-- NOT VALID and validated by the start-up re-seal, like the ID and phone checks of migration 0026.
ALTER TABLE "matter_parties" ADD CONSTRAINT "matter_parties_name_sealed" CHECK ("name" LIKE 'enc1:%') NOT VALID;
--> statement-breakpoint
ALTER TABLE "matter_parties" ADD CONSTRAINT "matter_parties_address_sealed" CHECK ("address" IS NULL OR "address" LIKE 'enc1:%') NOT VALID;
--> statement-breakpoint
-- Staff accounts' phone numbers are sealed too (kind 'phone', users.service.ts); validated by the same re-seal.
ALTER TABLE "users" ADD CONSTRAINT "users_phone_sealed" CHECK ("phone" IS NULL OR "phone" LIKE 'enc1:%') NOT VALID;
