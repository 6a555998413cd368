-- 首问负责 and 工作零死角 as database rules: a matter that is not finished (merged or archived) always
-- has an owner (NOT NULL + foreign key on owner_org_id) and at least one running or paused deadline.
-- Checked at commit (deferred), so a transition may stop one clock and start the next in any order.
CREATE FUNCTION zz_matter_has_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target uuid;
  m record;
BEGIN
  IF TG_TABLE_NAME = 'matters' THEN
    target := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    target := OLD.matter_id;
  ELSE
    target := NEW.matter_id;
  END IF;
  SELECT id, code, status INTO m FROM matters WHERE id = target;
  IF m.id IS NULL OR m.status IN ('merged', 'archived') THEN
    RETURN NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM deadlines d WHERE d.matter_id = m.id AND d.status IN ('running', 'paused')) THEN
    RAISE EXCEPTION 'matter % (%) would have no running deadline', m.code, m.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER matters_have_deadline AFTER INSERT OR UPDATE ON matters
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION zz_matter_has_deadline();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER deadlines_keep_one AFTER UPDATE OR DELETE ON deadlines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION zz_matter_has_deadline();
