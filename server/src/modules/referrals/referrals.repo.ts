/** The only code that touches the referral tables, and the reads a referral needs of orgs and parties. */
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { orgs, referralSessions, referrals } from '../../db/schema';

export type ReferralRow = typeof referrals.$inferSelect;
export type ReferralSessionRow = typeof referralSessions.$inferSelect;

async function rows<T>(ex: Executor, q: SQL): Promise<T[]> {
  return ((await ex.execute(q)) as unknown as { rows: T[] }).rows;
}

export async function insertReferral(ex: Executor, row: ReferralRow): Promise<void> {
  await ex.insert(referrals).values(row);
}

export async function referralById(
  ex: Executor,
  county: string,
  id: string,
  lock = false,
): Promise<ReferralRow | undefined> {
  const q = ex
    .select()
    .from(referrals)
    .where(and(eq(referrals.countyCode, county), eq(referrals.id, id)))
    .limit(1);
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function updateReferral(
  ex: Executor,
  county: string,
  id: string,
  set: Partial<ReferralRow>,
): Promise<void> {
  await ex
    .update(referrals)
    .set(set)
    .where(and(eq(referrals.countyCode, county), eq(referrals.id, id)));
}

export async function referralsOfMatter(
  ex: Executor,
  county: string,
  matterId: string,
): Promise<ReferralRow[]> {
  return ex
    .select()
    .from(referrals)
    .where(and(eq(referrals.countyCode, county), eq(referrals.matterId, matterId)))
    .orderBy(asc(referrals.createdAt));
}

const closed = sql`('concluded', 'declined', 'withdrawn')`;

/** A provider's queue: referrals addressed to an org inside `path`; open first, earliest due first. */
export async function queueOf(
  ex: Executor,
  countyCode: string,
  path: string,
  status: 'open' | 'closed' | 'all',
  page: { limit: number; offset: number },
): Promise<{ items: ReferralRow[]; total: number }> {
  const state =
    status === 'open'
      ? sql`and status not in ${closed}`
      : status === 'closed'
        ? sql`and status in ${closed}`
        : sql``;
  const where = sql`county_code = ${countyCode} and provider_path like ${`${path}%`} ${state}`;
  const ids = await rows<{ id: string }>(
    ex,
    sql`select id from referrals where ${where}
        order by (status not in ${closed}) desc, due_at asc, created_at asc
        limit ${page.limit} offset ${page.offset}`,
  );
  const [c] = await rows<{ n: number }>(ex, sql`select count(*)::int as n from referrals where ${where}`);
  const got = ids.length
    ? await ex
        .select()
        .from(referrals)
        .where(
          and(
            eq(referrals.countyCode, countyCode),
            inArray(
              referrals.id,
              ids.map((r) => r.id),
            ),
          ),
        )
    : [];
  const order = new Map(ids.map((r, i) => [r.id, i]));
  return { items: got.sort((a, b) => order.get(a.id)! - order.get(b.id)!), total: c?.n ?? 0 };
}

export async function insertSession(ex: Executor, row: ReferralSessionRow): Promise<void> {
  await ex.insert(referralSessions).values(row);
}

export async function sessionsOf(
  ex: Executor,
  county: string,
  referralIds: string[],
): Promise<ReferralSessionRow[]> {
  if (referralIds.length === 0) return [];
  return ex
    .select()
    .from(referralSessions)
    .where(and(eq(referralSessions.countyCode, county), inArray(referralSessions.referralId, referralIds)))
    .orderBy(asc(referralSessions.heldAt));
}

/** Active orgs of the given kinds in the county: the providers a referral may go to. */
export async function providersOf(ex: Executor, countyCode: string, kinds: readonly string[]) {
  if (kinds.length === 0) return [];
  return ex
    .select()
    .from(orgs)
    .where(and(eq(orgs.countyCode, countyCode), eq(orgs.active, true), inArray(orgs.kind, [...kinds])))
    .orderBy(asc(orgs.name));
}

/** Whether the party belongs to the matter (a referral names one of the matter's own parties). */
export async function partyOfMatter(
  ex: Executor,
  county: string,
  matterId: string,
  partyId: string,
): Promise<boolean> {
  const [r] = await rows<{ n: number }>(
    ex,
    sql`select 1 as n from matter_parties
        where county_code = ${county} and matter_id = ${matterId} and id = ${partyId} limit 1`,
  );
  return !!r;
}

/** Open referrals past their due time and not yet marked: the sweep's candidates. */
export async function overdueCandidates(
  ex: Executor,
  county: string,
  now: Date,
  limit: number,
): Promise<ReferralRow[]> {
  return ex
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.countyCode, county),
        sql`${referrals.status} not in ${closed}`,
        sql`${referrals.overdueAt} is null`,
        sql`${referrals.dueAt} <= ${now.toISOString()}`,
      ),
    )
    .orderBy(asc(referrals.dueAt))
    .limit(limit);
}
