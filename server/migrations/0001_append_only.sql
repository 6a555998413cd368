-- The event log and its seals are append-only (docs/SECURITY.md G12): the database itself refuses
-- UPDATE, DELETE and TRUNCATE, whoever asks. Production also revokes those privileges from the
-- application role (docs/DEPLOY.md); the triggers hold even for a role that still has them.
CREATE FUNCTION zz_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION zz_refuse_change();
--> statement-breakpoint
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION zz_refuse_change();
--> statement-breakpoint
CREATE TRIGGER event_seals_append_only BEFORE UPDATE OR DELETE ON event_seals FOR EACH ROW EXECUTE FUNCTION zz_refuse_change();
--> statement-breakpoint
CREATE TRIGGER event_seals_no_truncate BEFORE TRUNCATE ON event_seals FOR EACH STATEMENT EXECUTE FUNCTION zz_refuse_change();
