import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { counties, eventSeals, events } from '../../db/schema';

export type EventRow = typeof events.$inferSelect;
export type NewEvent = Omit<typeof events.$inferInsert, 'id' | 'txId'>;
export type SealRow = typeof eventSeals.$inferSelect;

export async function insertEvent(ex: Executor, row: NewEvent): Promise<EventRow> {
  const [written] = await ex.insert(events).values(row).returning();
  return written!;
}

export interface EventFilter {
  countyCode?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  actorId?: string | undefined;
}

function where(f: EventFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.countyCode) parts.push(eq(events.countyCode, f.countyCode));
  if (f.action) parts.push(eq(events.action, f.action));
  if (f.objectType) parts.push(eq(events.objectType, f.objectType));
  if (f.objectId) parts.push(eq(events.objectId, f.objectId));
  if (f.actorId) parts.push(eq(events.actorId, f.actorId));
  return parts.length ? and(...parts) : undefined;
}

export async function listEvents(
  ex: Executor,
  f: EventFilter,
  limit: number,
  offset: number,
): Promise<{ rows: (EventRow & { sealed: boolean })[]; total: number }> {
  const w = where(f);
  const rows = await ex
    .select({ e: events, sealed: sql<boolean>`${eventSeals.eventId} is not null` })
    .from(events)
    .leftJoin(
      eventSeals,
      and(eq(eventSeals.countyCode, events.countyCode), eq(eventSeals.eventId, events.id)),
    )
    .where(w)
    .orderBy(desc(events.id))
    .limit(limit)
    .offset(offset);
  const [t] = await ex.select({ n: count() }).from(events).where(w);
  return { rows: rows.map((r) => ({ ...r.e, sealed: r.sealed })), total: t?.n ?? 0 };
}

/**
 * A county's events that are ready to seal: written by transactions that have all finished (tx id
 * below the oldest running transaction), at or after the county's last sealed transaction, not sealed
 * yet; in the order they will take in the county's chain. The oldest running transaction is read
 * first, on its own: on a Citus cluster it is then the coordinator's, whose ids the events carry.
 */
export async function unsealedReady(ex: Executor, county: string, limit: number): Promise<EventRow[]> {
  const snap = rowsOf(
    await ex.execute(sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`),
  )[0] as { xmin: string };
  const res = await ex.execute(sql`
    select e.* from events e
    where e.county_code = ${county}
      and e.tx_id < ${snap.xmin}::xid8
      and e.tx_id >= coalesce((select s.tx_id from event_seals s where s.county_code = ${county}
                               order by s.tx_id desc limit 1), '0'::xid8)
      and not exists (select 1 from event_seals s where s.county_code = ${county} and s.event_id = e.id)
    order by e.tx_id, e.id
    limit ${limit}`);
  return (rowsOf(res) as Record<string, unknown>[]).map(fromRaw);
}

/** The counties whose chains the sealer walks (a reference table on Citus). */
export async function countyCodes(ex: Executor): Promise<string[]> {
  return (rowsOf(await ex.execute(sql`select code from counties order by code`)) as { code: string }[]).map(
    (r) => r.code,
  );
}

function fromRaw(r: Record<string, unknown>): EventRow {
  return {
    countyCode: r.county_code as string,
    id: Number(r.id),
    txId: String(r.tx_id),
    at: r.at instanceof Date ? r.at : new Date(String(r.at)),
    actorId: (r.actor_id as string | null) ?? null,
    actorName: (r.actor_name as string | null) ?? null,
    actorRole: (r.actor_role as string | null) ?? null,
    actorOrgId: (r.actor_org_id as string | null) ?? null,
    action: r.action as string,
    objectType: r.object_type as string,
    objectId: (r.object_id as string | null) ?? null,
    result: r.result as string,
    before: parseJson(r.before),
    after: parseJson(r.after),
    reason: (r.reason as string | null) ?? null,
    requestId: (r.request_id as string | null) ?? null,
    ip: (r.ip as string | null) ?? null,
  };
}

function parseJson(v: unknown): unknown {
  // node-postgres parses jsonb already; PGlite's raw execute does too, but be tolerant of text.
  if (typeof v === 'string') {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v ?? null;
}

export async function lastSeal(ex: Executor, countyCode: string): Promise<SealRow | undefined> {
  const [row] = await ex
    .select()
    .from(eventSeals)
    .where(eq(eventSeals.countyCode, countyCode))
    .orderBy(desc(eventSeals.chainNo))
    .limit(1);
  return row;
}

export interface SealInput {
  countyCode: string;
  chainNo: number;
  eventId: number;
  prevHash: string;
  rowHash: string;
}

/**
 * Appends a county's seals through the owner's function (migration 0043): the application role may
 * not insert into event_seals, and the function writes a seal only for the county's next ready event
 * at its chain's next number (docs/SECURITY.md G12).
 */
export async function appendSeals(
  ex: Executor,
  county: string,
  rows: SealInput[],
  sealedAt: Date,
): Promise<void> {
  if (!rows.length) return;
  await ex.execute(
    sql`select zz_append_county_seals(${county}, ${JSON.stringify(rows)}::jsonb, ${sealedAt.toISOString()}::timestamptz)`,
  );
}

/** Tries the county's sealer lock for this transaction; false when another sealer holds it. */
export async function trySealerLock(ex: Executor, county: string): Promise<boolean> {
  const res = await ex.execute(sql`select pg_try_advisory_xact_lock(727001, hashtext(${county})) as ok`);
  return Boolean((rowsOf(res)[0] as { ok: boolean } | undefined)?.ok);
}

/**
 * The counties whose chains to walk: the one asked for, else every county served (counties is a
 * reference table). A county without seals has an empty chain, which verifies.
 */
export async function chainCounties(ex: Executor, only?: string): Promise<string[]> {
  if (only) return [only];
  const rows = await ex.select({ c: counties.code }).from(counties).orderBy(asc(counties.code));
  return rows.map((r) => r.c);
}

/** A page of a county's chain joined with its events (null event when the row was deleted). */
export async function chainPage(
  ex: Executor,
  countyCode: string,
  afterChainNo: number,
  limit: number,
): Promise<{ seal: SealRow; event: EventRow | null }[]> {
  const rows = await ex
    .select({ seal: eventSeals, event: events })
    .from(eventSeals)
    .leftJoin(events, and(eq(events.countyCode, eventSeals.countyCode), eq(events.id, eventSeals.eventId)))
    .where(and(eq(eventSeals.countyCode, countyCode), sql`${eventSeals.chainNo} > ${afterChainNo}`))
    .orderBy(asc(eventSeals.chainNo))
    .limit(limit);
  return rows.map((r) => ({ seal: r.seal, event: r.event }));
}

/** A county's events not sealed yet (both tables named by the county: one shard on Citus). */
export async function countUnsealed(ex: Executor, county: string): Promise<number> {
  const res = await ex.execute(sql`
    select count(*)::int as n from events e
    where e.county_code = ${county}
      and not exists (select 1 from event_seals s where s.county_code = ${county} and s.event_id = e.id)`);
  return Number((rowsOf(res)[0] as { n: number } | undefined)?.n ?? 0);
}

/** Both drivers answer execute() with `{ rows }`; the shared Db type does not say so. */
function rowsOf(res: unknown): unknown[] {
  return (res as { rows: unknown[] }).rows;
}

/** Each county's newest seal: the head a checkpoint signs. County by county, each on its shard. */
export async function chainHeads(
  ex: Executor,
): Promise<{ countyCode: string; chainNo: number; rowHash: string }[]> {
  const out: { countyCode: string; chainNo: number; rowHash: string }[] = [];
  for (const county of await chainCounties(ex)) {
    const head = await lastSeal(ex, county);
    if (head) out.push({ countyCode: county, chainNo: head.chainNo, rowHash: head.rowHash });
  }
  return out;
}

export async function sealAt(
  ex: Executor,
  countyCode: string,
  chainNo: number,
): Promise<SealRow | undefined> {
  const [row] = await ex
    .select()
    .from(eventSeals)
    .where(and(eq(eventSeals.countyCode, countyCode), eq(eventSeals.chainNo, chainNo)))
    .limit(1);
  return row;
}
