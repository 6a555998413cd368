/**
 * What Open311 reads and writes besides keys: the link of a filed matter to its client, received
 * updates, and the public feed (matters filed through Open311, with their live deadlines, one-time
 * notice and status events). Reads of the matter tables here are projections for the feed only;
 * every change to a matter goes through the matters module's services.
 */
import { and, asc, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { deadlines, events, matterNotices, matters, open311Requests, open311Updates } from '../../db/schema';

export type RequestLinkRow = typeof open311Requests.$inferSelect;

export async function insertRequestLink(ex: Executor, row: typeof open311Requests.$inferInsert) {
  await ex.insert(open311Requests).values(row);
}

export async function linkByToken(ex: Executor, countyCode: string, token: string) {
  const [r] = await ex
    .select({ link: open311Requests, code: matters.code })
    .from(open311Requests)
    .innerJoin(
      matters,
      and(eq(matters.countyCode, open311Requests.countyCode), eq(matters.id, open311Requests.matterId)),
    )
    .where(and(eq(open311Requests.countyCode, countyCode), eq(open311Requests.token, token)));
  return r;
}

export interface FeedFilter {
  countyCode: string;
  /** Services whose matters anyone may read (public, not petitions). */
  publicServiceCodes: string[];
  /** The calling client: it also reads what it filed itself, petitions included. */
  clientId: string | null;
  codes?: string[];
  serviceCode?: string;
  from?: Date;
  to?: Date;
  statuses?: string[];
  limit: number;
}

function readable(f: Pick<FeedFilter, 'publicServiceCodes' | 'clientId'>): SQL {
  const open = and(
    sql`${matters.kind} <> 'petition'`,
    eq(matters.protectPetitioner, false),
    f.publicServiceCodes.length > 0 ? inArray(matters.serviceCode, f.publicServiceCodes) : sql`false`,
  )!;
  return f.clientId ? or(open, eq(open311Requests.clientId, f.clientId))! : open;
}

export async function feed(ex: Executor, f: FeedFilter) {
  const where: SQL[] = [eq(open311Requests.countyCode, f.countyCode), readable(f)];
  if (f.codes) where.push(inArray(matters.code, f.codes.length > 0 ? f.codes : ['']));
  else {
    if (f.serviceCode) where.push(eq(matters.serviceCode, f.serviceCode));
    if (f.from) where.push(gte(matters.createdAt, f.from));
    if (f.to) where.push(lte(matters.createdAt, f.to));
    if (f.statuses) where.push(inArray(matters.status, f.statuses));
  }
  return ex
    .select({ matter: matters, link: open311Requests })
    .from(open311Requests)
    .innerJoin(
      matters,
      and(eq(matters.countyCode, open311Requests.countyCode), eq(matters.id, open311Requests.matterId)),
    )
    .where(and(...where))
    .orderBy(desc(matters.createdAt), desc(matters.code))
    .limit(f.limit);
}

/** The earliest live deadline of each matter: the date the resident can expect an answer by. */
export async function nextDueOf(
  ex: Executor,
  countyCode: string,
  matterIds: string[],
): Promise<Map<string, Date>> {
  if (matterIds.length === 0) return new Map();
  const rows = await ex
    .select({
      matterId: deadlines.matterId,
      dueAt: sql<Date>`min(${deadlines.dueAt})`.mapWith(deadlines.dueAt),
    })
    .from(deadlines)
    .where(
      and(
        eq(deadlines.countyCode, countyCode),
        inArray(deadlines.matterId, matterIds),
        inArray(deadlines.status, ['running', 'paused']),
      ),
    )
    .groupBy(deadlines.matterId);
  return new Map(rows.filter((r) => r.dueAt).map((r) => [r.matterId, r.dueAt]));
}

export async function noticesOf(ex: Executor, countyCode: string, matterIds: string[]) {
  if (matterIds.length === 0) return new Map<string, { lines: string[] }>();
  const rows = await ex
    .select({ matterId: matterNotices.matterId, body: matterNotices.body })
    .from(matterNotices)
    .where(
      and(
        eq(matterNotices.countyCode, countyCode),
        inArray(matterNotices.matterId, matterIds),
        eq(matterNotices.kind, 'one_time_notice'),
      ),
    );
  return new Map(rows.map((r) => [r.matterId, r.body]));
}

/** Lifecycle events of the readable Open311 matters in a time window, oldest first. */
export async function statusEvents(
  ex: Executor,
  f: Pick<FeedFilter, 'countyCode' | 'publicServiceCodes' | 'clientId'>,
  from: Date,
  to: Date,
  limit: number,
) {
  return ex
    .select({
      id: events.id,
      at: events.at,
      action: events.action,
      before: events.before,
      after: events.after,
      code: matters.code,
      kind: matters.kind,
    })
    .from(events)
    .innerJoin(
      open311Requests,
      and(
        eq(open311Requests.countyCode, events.countyCode),
        sql`${open311Requests.matterId}::text = ${events.objectId}`,
      ),
    )
    .innerJoin(
      matters,
      and(eq(matters.countyCode, open311Requests.countyCode), eq(matters.id, open311Requests.matterId)),
    )
    .where(
      and(
        eq(events.countyCode, f.countyCode),
        eq(events.objectType, 'matter'),
        eq(open311Requests.countyCode, f.countyCode),
        gte(events.at, from),
        lte(events.at, to),
        readable(f),
        // Only steps that change the status: reads and notes are not updates.
        sql`(${events.action} = 'matter.registered' or (${events.after} ->> 'status' is not null and ${events.before} ->> 'status' is distinct from ${events.after} ->> 'status'))`,
      ),
    )
    .orderBy(asc(events.id))
    .limit(limit);
}

export async function insertUpdate(ex: Executor, row: typeof open311Updates.$inferInsert) {
  const [r] = await ex
    .insert(open311Updates)
    .values(row)
    .onConflictDoNothing({
      target: [open311Updates.countyCode, open311Updates.clientId, open311Updates.updateId],
    })
    .returning({ id: open311Updates.id });
  return r;
}

export async function requestLinkOf(ex: Executor, countyCode: string, code: string) {
  const [r] = await ex
    .select({ link: open311Requests, matter: matters })
    .from(open311Requests)
    .innerJoin(
      matters,
      and(eq(matters.countyCode, open311Requests.countyCode), eq(matters.id, open311Requests.matterId)),
    )
    .where(and(eq(open311Requests.countyCode, countyCode), eq(matters.code, code)));
  return r;
}
