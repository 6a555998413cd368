-- Custom SQL migration file, put your code below! --
-- hand-written below (keep when regenerating)
-- Issue 18: the sealer per county. The chain of each county is sealed on its own (its own lock, its own
-- watermark: the last sealed transaction of that county), so a county's seals are written by
-- statements on its shard alone and counties do not wait for one another. The rules of migration 0027
-- stay: only the next ready events of the county, in (tx id, id) order, at the next number of its chain.
-- The snapshot's oldest running transaction is read into a variable first, so that on a Citus cluster
-- it is the coordinator's (where every transaction's tx id comes from), never a worker's.
CREATE FUNCTION zz_append_county_seals(p_county text, p_seals jsonb, p_sealed_at timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  k integer;
  r_id bigint[];
  r_tx xid8[];
  s jsonb;
  head_no bigint;
  head_hash text;
  v_xmin xid8;
  v_mark xid8;
BEGIN
  IF p_county IS NULL OR p_county !~ '^[0-9]{6}$' THEN
    RAISE EXCEPTION 'zz_append_county_seals: a county code is needed' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_seals IS NULL OR jsonb_typeof(p_seals) <> 'array' THEN
    RAISE EXCEPTION 'zz_append_county_seals: seals must be a JSON array' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  k := jsonb_array_length(p_seals);
  IF k = 0 THEN RETURN 0; END IF;
  -- One sealer per county at a time (the same advisory lock the sealer takes; a session may take it twice).
  IF NOT pg_try_advisory_xact_lock(727001, hashtext(p_county)) THEN
    RAISE EXCEPTION 'zz_append_county_seals: another sealer is running for %', p_county USING ERRCODE = 'lock_not_available';
  END IF;
  v_xmin := pg_snapshot_xmin(pg_current_snapshot());
  SELECT sl.tx_id INTO v_mark FROM event_seals sl WHERE sl.county_code = p_county ORDER BY sl.tx_id DESC LIMIT 1;
  SELECT array_agg(e.id ORDER BY e.tx_id, e.id), array_agg(e.tx_id ORDER BY e.tx_id, e.id)
    INTO r_id, r_tx
    FROM (SELECT ev.id, ev.tx_id FROM events ev
           WHERE ev.county_code = p_county
             AND ev.tx_id < v_xmin
             AND ev.tx_id >= coalesce(v_mark, '0'::xid8)
             AND NOT EXISTS (SELECT 1 FROM event_seals sl WHERE sl.county_code = p_county AND sl.event_id = ev.id)
           ORDER BY ev.tx_id, ev.id
           LIMIT k) e;
  SELECT sl.chain_no, sl.row_hash INTO head_no, head_hash FROM event_seals sl
    WHERE sl.county_code = p_county ORDER BY sl.chain_no DESC LIMIT 1;
  IF NOT FOUND THEN
    head_no := 0;
    head_hash := repeat('0', 64);
  END IF;
  FOR i IN 1..k LOOP
    s := p_seals -> (i - 1);
    IF r_id IS NULL OR i > array_length(r_id, 1)
       OR s ->> 'countyCode' IS DISTINCT FROM p_county
       OR (s ->> 'eventId')::bigint IS DISTINCT FROM r_id[i] THEN
      RAISE EXCEPTION 'zz_append_county_seals: seal % (event %) is not of the next event ready to seal', i, s ->> 'eventId'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (s ->> 'chainNo')::bigint IS DISTINCT FROM head_no + 1 OR s ->> 'prevHash' IS DISTINCT FROM head_hash THEN
      RAISE EXCEPTION 'zz_append_county_seals: seal % does not follow the head of chain % (number %)', i, p_county, head_no
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF coalesce(s ->> 'rowHash', '') !~ '^[0-9a-f]{64}$' THEN
      RAISE EXCEPTION 'zz_append_county_seals: seal % has no SHA-256 row hash', i USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO event_seals (county_code, chain_no, event_id, tx_id, prev_hash, row_hash, sealed_at)
      VALUES (p_county, head_no + 1, r_id[i], r_tx[i], head_hash, s ->> 'rowHash', p_sealed_at);
    head_no := head_no + 1;
    head_hash := s ->> 'rowHash';
  END LOOP;
  RETURN k;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION zz_append_county_seals(text, jsonb, timestamptz) FROM PUBLIC;
--> statement-breakpoint
DROP FUNCTION zz_append_seals(jsonb, timestamptz);
