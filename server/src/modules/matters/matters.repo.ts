import { and, asc, count, desc, eq, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { deadlines, events, matterParties, matters, supervisionOrders } from '../../db/schema';
import { escapeLike } from '../orgs/orgs.repo';

export type MatterRow = typeof matters.$inferSelect;

export type NewMatter = typeof matters.$inferInsert;

export type PartyRow = typeof matterParties.$inferSelect;

/**
 * The per-county, per-year number of a matter code. A sequence per county and year: numbers are
 * handed out without a lock on any row, so intakes never wait for one another (a rolled-back
 * intake leaves a gap, which a code may have).
 */
function seqName(countyCode: string, year: number): string {
  const name = `matter_seq_${countyCode}_${year}`;
  if (!/^matter_seq_\d{6}_\d{4}$/.test(name)) throw new Error('bad sequence name');
  return name;
}

/** Sequences known to exist, per database handle: creating one is DDL, not something to repeat per intake. */
const knownSeqs = new WeakMap<object, Set<string>>();

/**
 * Makes sure the year's sequence exists, outside any transaction (the create commits on its own, so
 * remembering it cannot outlive a rollback). `forget` drops the memory after the database was
 * replaced under the handle (a test restoring a snapshot).
 */
export async function ensureMatterSeq(db: Executor, countyCode: string, year: number, forget = false) {
  const name = seqName(countyCode, year);
  const known = knownSeqs.get(db) ?? new Set<string>();
  knownSeqs.set(db, known);
  if (forget) known.delete(name);
  if (known.has(name)) return;
  await db.execute(sql.raw(`create sequence if not exists ${name}`));
  known.add(name);
}

/** The next number of the year's sequence; ensureMatterSeq must have run for this year. */
export async function nextMatterSeq(ex: Executor, countyCode: string, year: number): Promise<number> {
  const res = (await ex.execute(
    sql.raw(`select nextval('${seqName(countyCode, year)}')::int as n`),
  )) as unknown as {
    rows: { n: number }[];
  };
  return Number(res.rows[0]?.n);
}

export async function insertMatter(ex: Executor, row: NewMatter): Promise<void> {
  await ex.insert(matters).values(row);
}

export async function insertParties(
  ex: Executor,
  rows: (typeof matterParties.$inferInsert)[],
): Promise<void> {
  if (rows.length) await ex.insert(matterParties).values(rows);
}

export async function updateParty(
  ex: Executor,
  matterId: string,
  id: string,
  patch: Partial<typeof matterParties.$inferInsert>,
): Promise<PartyRow | undefined> {
  const [row] = await ex
    .update(matterParties)
    .set(patch)
    .where(and(eq(matterParties.matterId, matterId), eq(matterParties.id, id)))
    .returning();
  return row;
}

export async function byId(ex: Executor, id: string): Promise<MatterRow | undefined> {
  const [m] = await ex.select().from(matters).where(eq(matters.id, id));
  return m;
}

export async function byIds(ex: Executor, ids: string[]): Promise<MatterRow[]> {
  if (!ids.length) return [];
  return ex.select().from(matters).where(inArray(matters.id, ids));
}

export async function partyNamesOf(ex: Executor, matterIds: string[]): Promise<string[]> {
  if (!matterIds.length) return [];
  const rows = await ex
    .select({ name: matterParties.name })
    .from(matterParties)
    .where(inArray(matterParties.matterId, matterIds));
  return rows.map((r) => r.name);
}

export async function byCode(ex: Executor, code: string): Promise<MatterRow | undefined> {
  const [m] = await ex.select().from(matters).where(eq(matters.code, code));
  return m;
}

/** Locks the matter row for the rest of the transaction: concurrent actions on it queue here. */
export async function lockById(ex: Executor, id: string): Promise<MatterRow | undefined> {
  const [m] = await ex.select().from(matters).where(eq(matters.id, id)).for('update');
  return m;
}

export async function updateMatter(
  ex: Executor,
  id: string,
  version: number,
  patch: Partial<NewMatter>,
): Promise<MatterRow | undefined> {
  const [row] = await ex
    .update(matters)
    .set({ ...patch, version: sql`${matters.version} + 1` })
    .where(and(eq(matters.id, id), eq(matters.version, version)))
    .returning();
  return row;
}

export async function partiesOf(ex: Executor, matterId: string): Promise<PartyRow[]> {
  return ex
    .select()
    .from(matterParties)
    .where(eq(matterParties.matterId, matterId))
    .orderBy(asc(matterParties.createdAt));
}

export async function timelineOf(ex: Executor, countyCode: string, matterId: string) {
  return ex
    .select()
    .from(events)
    .where(
      and(eq(events.countyCode, countyCode), eq(events.objectType, 'matter'), eq(events.objectId, matterId)),
    )
    .orderBy(asc(events.id));
}

export async function lastActorOf(ex: Executor, countyCode: string, matterId: string) {
  const [e] = await ex
    .select({ actorName: events.actorName, action: events.action, at: events.at })
    .from(events)
    .where(
      and(eq(events.countyCode, countyCode), eq(events.objectType, 'matter'), eq(events.objectId, matterId)),
    )
    .orderBy(desc(events.id))
    .limit(1);
  return e;
}

export interface ListFilter {
  countyCode: string;
  path: string;
  orgId: string;
  userId: string;
  queue: string;
  q?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  now: Date;
  soon: Date;
  /** The end of the local (China Standard Time) day: the 今日到期 queue. */
  endOfToday: Date;
}

/** The visibility rule as SQL: inside the jurisdiction as owner, as the receiver, or as a co-handler. */
export function visibleTo(countyCode: string, path: string, orgId: string, userId: string): SQL {
  const p = `${escapeLike(path)}%`;
  return and(
    eq(matters.countyCode, countyCode),
    or(
      like(matters.ownerPath, p),
      like(matters.pendingPath, p),
      sql`${matters.state}->'coHandlers' @> ${JSON.stringify([{ org: { id: orgId } }])}::jsonb`,
      sql`${matters.state}->'mediation'->>'mediatorId' = ${userId}`,
    ),
  )!;
}

const liveDue = (cond: SQL) =>
  sql`exists (select 1 from ${deadlines} d where d.matter_id = ${matters.id} and d.status = 'running' and ${cond})`;

/** What puts a matter in the queue, beside visibility; undefined for 'all'. */
function queueCondition(f: Omit<ListFilter, 'queue'>, queue: string): SQL | undefined {
  const p = `${escapeLike(f.path)}%`;
  const now = sql`${f.now.toISOString()}::timestamptz`;
  switch (queue) {
    case 'mine':
      return sql`${matters.state}->>'handlerUserId' = ${f.userId}`;
    case 'org':
      return eq(matters.ownerOrgId, f.orgId);
    case 'incoming':
      // 待签收/受理: sent to an org here and not yet signed for, or registered here and not yet
      // accepted (verified) — the dashboard's live "待签收/受理" figure (measures.sql.ts unowned).
      return or(
        and(eq(matters.status, 'transferring'), like(matters.pendingPath, p)),
        and(eq(matters.status, 'registered'), like(matters.ownerPath, p)),
      );
    case 'due_today':
      return liveDue(sql`d.due_at >= ${now} and d.due_at <= ${f.endOfToday.toISOString()}::timestamptz`);
    case 'due_soon':
      return liveDue(sql`d.due_at > ${now} and d.due_at <= ${f.soon.toISOString()}::timestamptz`);
    case 'overdue':
      return liveDue(sql`d.due_at < ${now}`);
    case 'supervised':
      return sql`exists (select 1 from ${supervisionOrders} s where s.matter_id = ${matters.id} and s.answered_at is null)`;
    case 'awaiting_rating':
      return eq(matters.status, 'answered');
    case 'awaiting_visit':
      return eq(matters.status, 'rated');
    default:
      return undefined;
  }
}

function listWhere(f: ListFilter): SQL {
  const parts: (SQL | undefined)[] = [
    visibleTo(f.countyCode, f.path, f.orgId, f.userId),
    queueCondition(f, f.queue),
  ];
  if (f.q)
    parts.push(or(ilike(matters.title, `%${escapeLike(f.q)}%`), ilike(matters.code, `%${escapeLike(f.q)}%`)));
  if (f.kind) parts.push(eq(matters.kind, f.kind));
  if (f.status) parts.push(eq(matters.status, f.status));
  return and(...parts)!;
}

/** Every queue's count in one pass over the visible matters (count … filter per queue). */
export async function queueCounts<Q extends string>(
  ex: Executor,
  f: Omit<ListFilter, 'queue'>,
  queues: readonly Q[],
): Promise<Record<Q, number>> {
  const fields = Object.fromEntries(
    queues.map((q) => {
      const cond = queueCondition(f, q) ?? sql`true`;
      return [q, sql<number>`count(*) filter (where ${cond})`.mapWith(Number)];
    }),
  ) as Record<Q, SQL.Aliased<number> | SQL<number>>;
  const [row] = await ex
    .select(fields as Record<string, SQL<number>>)
    .from(matters)
    .where(visibleTo(f.countyCode, f.path, f.orgId, f.userId));
  return Object.fromEntries(queues.map((q) => [q, Number(row?.[q] ?? 0)])) as Record<Q, number>;
}

export async function list(ex: Executor, f: ListFilter, limit: number, offset: number) {
  const w = listWhere(f);
  const rows = await ex
    .select()
    .from(matters)
    .where(w)
    .orderBy(desc(matters.createdAt))
    .limit(limit)
    .offset(offset);
  const [t] = await ex.select({ n: count() }).from(matters).where(w);
  return { rows, total: t?.n ?? 0 };
}

export * from './deadlines.repo';
export * from './lookup.repo';
export * from './notices.repo';
