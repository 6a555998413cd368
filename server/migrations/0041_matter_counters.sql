CREATE TABLE "matter_counters" (
	"county_code" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "matter_counters_county_code_year_pk" PRIMARY KEY("county_code","year")
);
--> statement-breakpoint
-- hand-written below (keep when regenerating)
-- Each county-year's sequence (made at run time by zz_reserve_matter_numbers, migration 0023) becomes
-- its counter row with the last number it handed out; then the sequences and the function go.
DO $$
DECLARE
  r record;
  used bigint;
BEGIN
  FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relname ~ '^matter_seq_[0-9]{6}_[0-9]{4}$'
  LOOP
    EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM %I', r.relname)
      INTO used;
    INSERT INTO matter_counters (county_code, year, last)
      VALUES (substring(r.relname FROM 12 FOR 6), substring(r.relname FROM 19 FOR 4)::integer, used);
    EXECUTE format('DROP SEQUENCE %I', r.relname);
  END LOOP;
END
$$;
--> statement-breakpoint
DROP FUNCTION IF EXISTS zz_reserve_matter_numbers(text, integer);
