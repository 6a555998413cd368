/**
 * `npm run db:distribute`: turns a migrated PostgreSQL database that has the Citus extension into a
 * province's database — the per-county tables distributed by `county_code` (all co-located with
 * `matters`, so a matter's rows of every table live on one shard and join there), the tables every
 * county reads or that hold people and places reference tables (a copy on every node). docs/DEPLOY.md
 * ("From one PostgreSQL to a Citus cluster") says when to run it; `npm run test:citus` runs the module
 * suite on a database distributed by it.
 *
 * Why people and places are reference tables and not distributed: a province's counties, orgs, users,
 * sessions and grids are a few hundred thousand rows at most, changed rarely, and read by nearly every
 * request of every county (who is asking, which org owns what, whose grid a place is in); a copy on
 * each node lets a shard join them without leaving the node. A province-level user (the province's
 * leader) belongs to no one county, which a table distributed by county could not hold.
 *
 * Every table of the schema is named in exactly one list; `distribute.test.ts` fails on a table in
 * neither (a new table must be classified) and on a distributed table whose primary key does not
 * start with `county_code`.
 */
import { sql } from 'drizzle-orm';
import type { Database } from './client';

/** Read by every county or holding people and places: one copy per node. Order: referenced first. */
export const referenceTables = [
  'counties',
  'holiday_years',
  'cache_stamps',
  'court_nonces',
  'login_throttle',
  'idempotency_keys',
  // Per county, but read by every request of its county and changed a few times a year; a copy on
  // each node also keeps its cache stamp (bumped by a trigger on each copy) the same everywhere.
  'config_documents',
  'orgs',
  'users',
  'user_roles',
  'sessions',
  'password_resets',
  'recovery_codes',
  'grids',
  'grid_workers',
  'worker_statuses',
  'assessment_points',
  'training_courses',
  'training_sessions',
  'training_attendance',
  'training_attempts',
] as const;

/** Per-county tables, distributed by county_code and co-located with matters (listed first). */
export const distributedTables = [
  'matters',
  'matter_counters',
  'matter_parties',
  'matter_notices',
  'matter_followers',
  'deadlines',
  'confirmation_reminders',
  'attachments',
  'events',
  'event_seals',
  'agreement_signatures',
  'mediation_agreements',
  'mediator_profiles',
  'court_cases',
  'court_outbox',
  'deliberation_bodies',
  'deliberation_members',
  'deliberation_meetings',
  'deliberation_items',
  'deliberation_speakers',
  'deliberation_contributions',
  'deliberation_tasks',
  'dispatch_meetings',
  'joint_tasks',
  'linked_mediations',
  'in_app_messages',
  'notification_outbox',
  'notification_attempts',
  'dev_sms_messages',
  'open311_clients',
  'open311_requests',
  'open311_updates',
  'field_logs',
  'field_reports',
  'patrol_rosters',
  'patrol_shifts',
  'referrals',
  'referral_sessions',
  'risk_measures',
  'risk_warnings',
  'safety_attestations',
  'supervision_orders',
  'dash_category_rollup',
  'dash_due_county_rollup',
  'dash_due_rollup',
  'dash_due_town_rollup',
  'dash_grid_rollup',
  'dash_live_counts',
  'dash_matter_county_rollup',
  'dash_matter_rollup',
  'dash_refresh_state',
  'dash_town_rollup',
] as const;

/**
 * The schema's triggers that write or read another table (cache stamps, live counts, the
 * matter-has-a-deadline check), rewritten for a shard: on Citus a trigger fires on each shard
 * placement, where a statement on the distributed table would be a distributed query from inside a
 * shard, which Citus refuses. These versions touch the co-located shard on the same node instead
 * (for a reference table, that node's copy: each copy's trigger bumps its own node's stamp).
 * `zz_shard_of` returns the plain table's name when the trigger fired on a plain table, so the
 * functions stay right on a database not yet distributed. Migrations keep the plain versions (PGlite
 * and PostgreSQL pay no dynamic SQL).
 */
const shardAwareTriggers = String.raw`
CREATE OR REPLACE FUNCTION zz_shard_of(fired text, logical text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((
    SELECT format('%I', logical || '_' || s2.shardid)
    FROM pg_dist_shard s1
    JOIN pg_dist_shard s2 ON s2.logicalrelid = logical::regclass
      AND (s2.shardminvalue IS NULL OR s2.shardminvalue = s1.shardminvalue)
    WHERE s1.shardid = substring(fired from '_(\d+)$')::bigint
  ), format('%I', logical))
$$;

CREATE OR REPLACE FUNCTION zz_bump_cache_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('UPDATE %s SET stamp = stamp + 1 WHERE name = $1', zz_shard_of(TG_TABLE_NAME, 'cache_stamps'))
    USING TG_ARGV[0];
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION zz_live_count_add_at(rel text, county text, town text, st text, d date, delta integer)
  RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  left_n integer;
BEGIN
  IF delta > 0 THEN
    EXECUTE format('INSERT INTO %s AS c (county_code, town_key, status, day, n) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (county_code, town_key, status, day) DO UPDATE SET n = c.n + $5', rel)
      USING county, town, st, d, delta;
  ELSE
    EXECUTE format('UPDATE %s SET n = n + $5 WHERE county_code = $1 AND town_key = $2 AND status = $3
      AND day = $4 RETURNING n', rel) INTO left_n USING county, town, st, d, delta;
    IF left_n = 0 THEN
      EXECUTE format('DELETE FROM %s WHERE county_code = $1 AND town_key = $2 AND status = $3 AND day = $4
        AND n = 0', rel) USING county, town, st, d;
    END IF;
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION zz_live_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  live constant text[] := array['registered', 'filed', 'transferring', 'objected', 'handling', 'mediating',
    'checking', 'answered', 'rated'];
  was boolean := TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = ANY (live);
  now_live boolean := TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = ANY (live);
  rel text := zz_shard_of(TG_TABLE_NAME, 'dash_live_counts');
  old_key text;
  new_key text;
BEGIN
  IF was AND now_live THEN
    old_key := concat_ws('|', OLD.county_code, coalesce(OLD.town_id::text, ''), OLD.status, (OLD.created_at AT TIME ZONE 'UTC')::date);
    new_key := concat_ws('|', NEW.county_code, coalesce(NEW.town_id::text, ''), NEW.status, (NEW.created_at AT TIME ZONE 'UTC')::date);
    IF old_key < new_key THEN
      PERFORM zz_live_count_add_at(rel, OLD.county_code, coalesce(OLD.town_id::text, ''), OLD.status, (OLD.created_at AT TIME ZONE 'UTC')::date, -1);
      PERFORM zz_live_count_add_at(rel, NEW.county_code, coalesce(NEW.town_id::text, ''), NEW.status, (NEW.created_at AT TIME ZONE 'UTC')::date, 1);
    ELSE
      PERFORM zz_live_count_add_at(rel, NEW.county_code, coalesce(NEW.town_id::text, ''), NEW.status, (NEW.created_at AT TIME ZONE 'UTC')::date, 1);
      PERFORM zz_live_count_add_at(rel, OLD.county_code, coalesce(OLD.town_id::text, ''), OLD.status, (OLD.created_at AT TIME ZONE 'UTC')::date, -1);
    END IF;
  ELSIF was THEN
    PERFORM zz_live_count_add_at(rel, OLD.county_code, coalesce(OLD.town_id::text, ''), OLD.status, (OLD.created_at AT TIME ZONE 'UTC')::date, -1);
  ELSIF now_live THEN
    PERFORM zz_live_count_add_at(rel, NEW.county_code, coalesce(NEW.town_id::text, ''), NEW.status, (NEW.created_at AT TIME ZONE 'UTC')::date, 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION zz_live_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DELETE FROM %s', zz_shard_of(TG_TABLE_NAME, 'dash_live_counts'));
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION zz_matter_has_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target uuid;
  m record;
  one integer;
  on_matters boolean := TG_TABLE_NAME ~ '^matters(_[0-9]+)?$';
BEGIN
  IF on_matters THEN
    target := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    target := OLD.matter_id;
  ELSE
    target := NEW.matter_id;
  END IF;
  EXECUTE format('SELECT id, code, status FROM %s WHERE id = $1', zz_shard_of(TG_TABLE_NAME, 'matters'))
    INTO m USING target;
  IF m.id IS NULL OR m.status IN ('merged', 'archived') THEN
    RETURN NULL;
  END IF;
  EXECUTE format('SELECT 1 FROM %s d WHERE d.matter_id = $1 AND d.status IN (''running'', ''paused'') LIMIT 1',
    zz_shard_of(TG_TABLE_NAME, 'deadlines')) INTO one USING m.id;
  -- EXECUTE does not set FOUND: the row read is the test.
  IF one IS NULL THEN
    RAISE EXCEPTION 'matter % (%) would have no running deadline', m.code, m.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
`;

export interface DistributeResult {
  reference: string[];
  distributed: string[];
  /** Tables that were already placed by an earlier run (the command is safe to run again). */
  already: string[];
}

type Rows<T> = { rows: T[] };

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as Rows<T>).rows;
}

/** True when the database has the Citus extension (the command refuses to run without it). */
export async function hasCitus(database: Database): Promise<boolean> {
  if (database.kind !== 'postgres') return false;
  const r = await rows<{ n: number }>(
    database,
    sql`select count(*)::int as n from pg_extension where extname = 'citus'`,
  );
  return (r[0]?.n ?? 0) > 0;
}

/**
 * Places every table. Idempotent: a table already distributed or replicated is left as it is.
 * `shardCount` is the number of shards per distributed table (Citus's default, 32, when not given);
 * tests use a few to keep a copy of the database cheap.
 */
export async function distribute(
  database: Database,
  opts: { shardCount?: number } = {},
): Promise<DistributeResult> {
  if (!(await hasCitus(database))) {
    throw new Error(
      '这个数据库没有安装 Citus 扩展：请先在协调节点上执行 create extension citus（docs/DEPLOY.md）。',
    );
  }
  const placed = new Set(
    (
      await rows<{ t: string }>(
        database,
        sql`select logicalrelid::regclass::text as t from pg_dist_partition`,
      )
    ).map((r) => r.t.replace(/^public\./, '')),
  );
  const result: DistributeResult = { reference: [], distributed: [], already: [] };
  // Distribution runs on one connection: the settings below hold for the statements after them.
  await database.transaction(async (tx) => {
    // The schema's triggers (append-only event log, cache stamps, live counts, the matter-has-a-deadline
    // check) go with their tables to every shard; Citus asks to be told that this is intended.
    await tx.execute(sql`set local citus.enable_unsafe_triggers = on`);
    if (opts.shardCount)
      await tx.execute(sql.raw(`set local citus.shard_count = ${Number(opts.shardCount)}`));
    // Reference and distributed tables are created in one transaction, so their creation must not open
    // parallel connections (Citus's sequential mode keeps it to this one).
    await tx.execute(sql`set local citus.multi_shard_modify_mode = 'sequential'`);
    await tx.execute(sql.raw(shardAwareTriggers));
    for (const t of referenceTables) {
      if (placed.has(t)) {
        result.already.push(t);
        continue;
      }
      await tx.execute(sql`select create_reference_table(${t}::regclass)`);
      result.reference.push(t);
    }
    for (const t of distributedTables) {
      if (placed.has(t)) {
        result.already.push(t);
        continue;
      }
      const colocate = t === 'matters' ? 'none' : 'matters';
      await tx.execute(
        sql`select create_distributed_table(${t}::regclass, 'county_code', colocate_with => ${colocate})`,
      );
      result.distributed.push(t);
    }
  });
  await repairShardTriggers(database, [...referenceTables, ...distributedTables]);
  // The rows copied into the shards stay on the coordinator's disk until removed — except the event log's,
  // whose tables refuse TRUNCATE to everyone (the append-only rule is not lifted for housekeeping): its
  // coordinator copy is unreachable through the distributed table and is dropped with the database.
  const appendOnly = new Set(['events', 'event_seals']);
  for (const t of [...result.reference, ...result.distributed].filter((t) => !appendOnly.has(t))) {
    await database.db.execute(sql`select truncate_local_data_after_distributing_table(${t}::regclass)`);
  }
  return result;
}

/**
 * Every trigger of a table on every one of its placements. Citus copies a table's triggers to the
 * shards it creates, but a table it had first made a local table of the coordinator's metadata (which
 * it does by itself for a table whose foreign key points at a new reference table, as users → counties)
 * keeps no trigger on the coordinator's placement when it then becomes a reference table: a change of a
 * user's roles there would bump no cache stamp. So each placement is checked, and a trigger it lacks is
 * created on it from the table's own definition (a shard's copy of a trigger is named with the shard's
 * number, hence the pattern).
 */
async function repairShardTriggers(database: Database, tables: readonly string[]): Promise<void> {
  const triggers = await rows<{ t: string; name: string; def: string }>(
    database,
    sql`select c.relname as t, tg.tgname as name, pg_get_triggerdef(tg.oid) as def
        from pg_trigger tg join pg_class c on c.oid = tg.tgrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and not tg.tgisinternal
          and c.relname = any(${sql.raw(`array[${tables.map((t) => `'${t}'`).join(',')}]::text[]`)})`,
  );
  for (const tr of triggers) {
    const on = `ON public.${tr.t} `;
    if (!tr.def.includes(on) || /[%$]/.test(tr.def))
      throw new Error(`unexpected trigger definition: ${tr.def}`);
    // run_command_on_placements formats the command with the placement's name as its one argument.
    const create = tr.def.replace(on, 'ON %1$s ');
    const command =
      `DO $zz$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '%1$s'::regclass ` +
      `AND tgname ~ '^${tr.name}(_[0-9]+)?$') THEN ${create}; END IF; END $zz$`;
    const out = await rows<{ success: boolean; result: string }>(
      database,
      sql`select success, result from run_command_on_placements(${tr.t}::regclass, ${command})`,
    );
    const failed = out.find((r) => !r.success);
    if (failed) throw new Error(`trigger ${tr.name} on a placement of ${tr.t}: ${failed.result}`);
  }
}
