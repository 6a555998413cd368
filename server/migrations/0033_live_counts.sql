CREATE TABLE "dash_live_counts" (
	"county_code" text NOT NULL,
	"town_key" text NOT NULL,
	"status" text NOT NULL,
	"day" date NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "dash_live_counts_county_code_town_key_status_day_pk" PRIMARY KEY("county_code","town_key","status","day")
);
--> statement-breakpoint
-- hand-written below (keep when regenerating)
-- The live counts (issue 20): a row trigger keeps dash_live_counts in the transaction that inserts a
-- matter or changes its status, town or intake instant. The live statuses are the dashboard's
-- (server/src/modules/dashboard/dashboard.repo.ts liveStatuses); live-counts.test.ts checks the
-- counters against a full count after a random sequence of intakes and actions.
CREATE FUNCTION zz_live_count_add(county text, town text, st text, d date, delta integer) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  left_n integer;
BEGIN
  IF delta > 0 THEN
    INSERT INTO dash_live_counts (county_code, town_key, status, day, n) VALUES (county, town, st, d, delta)
      ON CONFLICT (county_code, town_key, status, day) DO UPDATE SET n = dash_live_counts.n + delta;
  ELSE
    UPDATE dash_live_counts SET n = n + delta
      WHERE county_code = county AND town_key = town AND status = st AND day = d
      RETURNING n INTO left_n;
    IF left_n = 0 THEN
      DELETE FROM dash_live_counts
        WHERE county_code = county AND town_key = town AND status = st AND day = d AND n = 0;
    END IF;
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION zz_live_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  live constant text[] := array['registered', 'filed', 'transferring', 'objected', 'handling', 'mediating',
    'checking', 'answered', 'rated'];
  was boolean := TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = ANY (live);
  now_live boolean := TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = ANY (live);
  old_key text;
  new_key text;
BEGIN
  IF was AND now_live THEN
    -- Two counter rows change: lock them in one order (by key), so two transactions moving matters
    -- in opposite directions wait for each other instead of deadlocking.
    old_key := concat_ws('|', OLD.county_code, coalesce(OLD.town_id::text, ''), OLD.status, (OLD.created_at AT TIME ZONE 'UTC')::date);
    new_key := concat_ws('|', NEW.county_code, coalesce(NEW.town_id::text, ''), NEW.status, (NEW.created_at AT TIME ZONE 'UTC')::date);
    IF old_key < new_key THEN
      PERFORM zz_live_count_add(OLD.county_code, coalesce(OLD.town_id::text, ''), OLD.status, (OLD.created_at AT TIME ZONE 'UTC')::date, -1);
      PERFORM zz_live_count_add(NEW.county_code, coalesce(NEW.town_id::text, ''), NEW.status, (NEW.created_at AT TIME ZONE 'UTC')::date, 1);
    ELSE
      PERFORM zz_live_count_add(NEW.county_code, coalesce(NEW.town_id::text, ''), NEW.status, (NEW.created_at AT TIME ZONE 'UTC')::date, 1);
      PERFORM zz_live_count_add(OLD.county_code, coalesce(OLD.town_id::text, ''), OLD.status, (OLD.created_at AT TIME ZONE 'UTC')::date, -1);
    END IF;
  ELSIF was THEN
    PERFORM zz_live_count_add(OLD.county_code, coalesce(OLD.town_id::text, ''), OLD.status, (OLD.created_at AT TIME ZONE 'UTC')::date, -1);
  ELSIF now_live THEN
    PERFORM zz_live_count_add(NEW.county_code, coalesce(NEW.town_id::text, ''), NEW.status, (NEW.created_at AT TIME ZONE 'UTC')::date, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER matters_live_count AFTER INSERT OR DELETE ON "matters"
  FOR EACH ROW EXECUTE FUNCTION zz_live_count();
--> statement-breakpoint
CREATE TRIGGER matters_live_count_change AFTER UPDATE OF status, town_id, created_at, county_code ON "matters"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.town_id IS DISTINCT FROM NEW.town_id
    OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.county_code IS DISTINCT FROM NEW.county_code)
  EXECUTE FUNCTION zz_live_count();
--> statement-breakpoint
-- A TRUNCATE of matters (a test's reset) empties the counters with it.
CREATE FUNCTION zz_live_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dash_live_counts;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER matters_live_count_truncate AFTER TRUNCATE ON "matters"
  FOR EACH STATEMENT EXECUTE FUNCTION zz_live_count_truncate();
--> statement-breakpoint
INSERT INTO dash_live_counts (county_code, town_key, status, day, n)
  SELECT county_code, coalesce(town_id::text, ''), status, (created_at AT TIME ZONE 'UTC')::date, count(*)::int
  FROM matters
  WHERE status IN ('registered', 'filed', 'transferring', 'objected', 'handling', 'mediating', 'checking', 'answered', 'rated')
  GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
-- The session cache (server/src/modules/auth/auth.service.ts): whatever ends or narrows a session bumps
-- the 'sessions' stamp in the writer's transaction. Touching last_seen_at does not (a minute's write
-- per active user would empty every instance's cache); a revocation, any change of a user or a role does.
INSERT INTO "cache_stamps" ("name", "stamp") VALUES ('sessions', 1);
--> statement-breakpoint
CREATE TRIGGER sessions_cache_stamp AFTER UPDATE OF revoked_at, user_id, expires_at ON "sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION zz_bump_cache_stamp('sessions');
--> statement-breakpoint
CREATE TRIGGER sessions_cache_stamp_delete AFTER DELETE OR TRUNCATE ON "sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION zz_bump_cache_stamp('sessions');
--> statement-breakpoint
CREATE TRIGGER users_cache_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION zz_bump_cache_stamp('sessions');
--> statement-breakpoint
CREATE TRIGGER user_roles_cache_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "user_roles"
  FOR EACH STATEMENT EXECUTE FUNCTION zz_bump_cache_stamp('sessions');
