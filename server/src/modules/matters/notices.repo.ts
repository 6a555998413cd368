/** Written notices and supervision orders of matters. */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { matterNotices, supervisionOrders } from '../../db/schema';

export type NoticeRow = typeof matterNotices.$inferSelect;

export type SupervisionRow = typeof supervisionOrders.$inferSelect;

export async function insertNotice(ex: Executor, row: typeof matterNotices.$inferInsert): Promise<NoticeRow> {
  const [written] = await ex.insert(matterNotices).values(row).returning();
  return written!;
}

export async function noticesOf(ex: Executor, county: string, matterId: string): Promise<NoticeRow[]> {
  return ex
    .select()
    .from(matterNotices)
    .where(and(eq(matterNotices.countyCode, county), eq(matterNotices.matterId, matterId)))
    .orderBy(asc(matterNotices.servedAt));
}

export async function noticeById(ex: Executor, county: string, id: string): Promise<NoticeRow | undefined> {
  const [n] = await ex
    .select()
    .from(matterNotices)
    .where(and(eq(matterNotices.countyCode, county), eq(matterNotices.id, id)));
  return n;
}

export async function supervisionOf(
  ex: Executor,
  county: string,
  matterIds: string[],
): Promise<SupervisionRow[]> {
  if (matterIds.length === 0) return [];
  return ex
    .select()
    .from(supervisionOrders)
    .where(and(eq(supervisionOrders.countyCode, county), inArray(supervisionOrders.matterId, matterIds)));
}

export async function insertSupervision(ex: Executor, row: typeof supervisionOrders.$inferInsert) {
  await ex.insert(supervisionOrders).values(row).onConflictDoNothing();
}

export async function answerSupervision(
  ex: Executor,
  county: string,
  matterId: string,
  at: Date,
  answer: string,
) {
  await ex
    .update(supervisionOrders)
    .set({ answeredAt: at, answer })
    .where(
      and(
        eq(supervisionOrders.countyCode, county),
        eq(supervisionOrders.matterId, matterId),
        isNull(supervisionOrders.answeredAt),
      ),
    );
}

export async function oneTimeNoticeOf(
  ex: Executor,
  county: string,
  matterId: string,
): Promise<NoticeRow | undefined> {
  const [n] = await ex
    .select()
    .from(matterNotices)
    .where(
      and(
        eq(matterNotices.countyCode, county),
        eq(matterNotices.matterId, matterId),
        eq(matterNotices.kind, 'one_time_notice'),
      ),
    );
  return n;
}
