import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { courtOutbox } from '../../db/schema';

export type OutboxRow = typeof courtOutbox.$inferSelect;

export async function insert(ex: Executor, row: typeof courtOutbox.$inferInsert): Promise<void> {
  await ex.insert(courtOutbox).values(row);
}

/**
 * Leases up to `limit` due messages of one county for `leaseSeconds`: a delivery that dies mid-way
 * (process killed) is picked up again when its lease runs out. SKIP LOCKED lets several servers
 * deliver side by side. One county per call: on Citus the county is the shard, and a locking select
 * must stay on one (issue 18).
 */
export async function leaseDue(
  ex: Executor,
  countyCode: string,
  now: Date,
  limit: number,
  leaseSeconds: number,
): Promise<OutboxRow[]> {
  const until = new Date(now.getTime() + leaseSeconds * 1000);
  const res = (await ex.execute(sql`
    update court_outbox o set lease_until = ${until.toISOString()}::timestamptz, attempts = o.attempts + 1
    from (
      select county_code, id from court_outbox
      where county_code = ${countyCode} and status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
        and (lease_until is null or lease_until < ${now.toISOString()}::timestamptz)
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    ) due
    where o.county_code = ${countyCode} and o.county_code = due.county_code and o.id = due.id
    returning o.id`)) as unknown as { rows: { id: string }[] };
  const keys = res.rows.map((r) => r.id);
  if (!keys.length) return [];
  const out: OutboxRow[] = [];
  for (const id of keys) {
    const [r] = await ex
      .select()
      .from(courtOutbox)
      .where(and(eq(courtOutbox.countyCode, countyCode), eq(courtOutbox.id, id)));
    if (r) out.push(r);
  }
  return out.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
}

export async function markDelivered(ex: Executor, row: OutboxRow, now: Date, response: unknown) {
  await ex
    .update(courtOutbox)
    .set({
      status: 'delivered',
      deliveredAt: now,
      response: response as object,
      leaseUntil: null,
      lastError: null,
    })
    .where(and(eq(courtOutbox.countyCode, row.countyCode), eq(courtOutbox.id, row.id)));
}

export async function markRejected(ex: Executor, row: OutboxRow, response: unknown, error: string) {
  await ex
    .update(courtOutbox)
    .set({ status: 'rejected', response: response as object, leaseUntil: null, lastError: error })
    .where(and(eq(courtOutbox.countyCode, row.countyCode), eq(courtOutbox.id, row.id)));
}

export async function scheduleRetry(ex: Executor, row: OutboxRow, at: Date, error: string) {
  await ex
    .update(courtOutbox)
    .set({ nextAttemptAt: at, leaseUntil: null, lastError: error.slice(0, 500) })
    .where(and(eq(courtOutbox.countyCode, row.countyCode), eq(courtOutbox.id, row.id)));
}

export async function byId(ex: Executor, countyCode: string, id: string): Promise<OutboxRow | undefined> {
  const [r] = await ex
    .select()
    .from(courtOutbox)
    .where(and(eq(courtOutbox.countyCode, countyCode), eq(courtOutbox.id, id)));
  return r;
}

export async function forMatter(ex: Executor, countyCode: string, matterId: string): Promise<OutboxRow[]> {
  return ex
    .select()
    .from(courtOutbox)
    .where(and(eq(courtOutbox.countyCode, countyCode), eq(courtOutbox.matterId, matterId)))
    .orderBy(asc(courtOutbox.createdAt));
}

export async function pendingCount(ex: Executor, countyCode: string): Promise<number> {
  const [r] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(courtOutbox)
    .where(and(eq(courtOutbox.countyCode, countyCode), eq(courtOutbox.status, 'pending')));
  return r?.n ?? 0;
}
