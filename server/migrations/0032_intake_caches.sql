CREATE TABLE "cache_stamps" (
	"name" text PRIMARY KEY NOT NULL,
	"stamp" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- hand-written below (keep when regenerating)
-- Stamps of the intake caches (server/src/db/stamped-cache.ts): every statement that writes org rows or
-- configuration documents bumps its stamp in the same transaction, so a server that cached rows under
-- an older stamp reads them again on its next request.
INSERT INTO "cache_stamps" ("name", "stamp") VALUES ('orgs', 1), ('config', 1);
--> statement-breakpoint
CREATE FUNCTION zz_bump_cache_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cache_stamps SET stamp = stamp + 1 WHERE name = TG_ARGV[0];
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_cache_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "orgs"
  FOR EACH STATEMENT EXECUTE FUNCTION zz_bump_cache_stamp('orgs');
--> statement-breakpoint
CREATE TRIGGER config_documents_cache_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "config_documents"
  FOR EACH STATEMENT EXECUTE FUNCTION zz_bump_cache_stamp('config');
