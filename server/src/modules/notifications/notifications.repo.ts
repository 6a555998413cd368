import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { inAppMessages, notificationAttempts, notificationOutbox } from '../../db/schema';

export type OutboxRow = typeof notificationOutbox.$inferSelect;
export type NewOutbox = typeof notificationOutbox.$inferInsert;

export async function insertOutbox(ex: Executor, rows: NewOutbox[]): Promise<void> {
  if (rows.length) await ex.insert(notificationOutbox).values(rows);
}

/** The county's messages due for an attempt (the sweep asks county by county). */
export async function due(ex: Executor, county: string, now: Date, limit: number): Promise<OutboxRow[]> {
  return ex
    .select()
    .from(notificationOutbox)
    .where(
      and(
        eq(notificationOutbox.countyCode, county),
        eq(notificationOutbox.status, 'pending'),
        lte(notificationOutbox.nextAttemptAt, now),
      ),
    )
    .orderBy(asc(notificationOutbox.nextAttemptAt))
    .limit(limit);
}

export async function lockPending(ex: Executor, county: string, id: string): Promise<OutboxRow | undefined> {
  const [row] = await ex
    .select()
    .from(notificationOutbox)
    .where(
      and(
        eq(notificationOutbox.countyCode, county),
        eq(notificationOutbox.id, id),
        eq(notificationOutbox.status, 'pending'),
      ),
    )
    .for('update');
  return row;
}

export async function updateOutbox(
  ex: Executor,
  county: string,
  id: string,
  patch: Partial<NewOutbox>,
): Promise<void> {
  await ex
    .update(notificationOutbox)
    .set(patch)
    .where(and(eq(notificationOutbox.countyCode, county), eq(notificationOutbox.id, id)));
}

export async function insertAttempt(
  ex: Executor,
  row: typeof notificationAttempts.$inferInsert,
): Promise<void> {
  await ex.insert(notificationAttempts).values(row);
}

export async function insertInApp(ex: Executor, row: typeof inAppMessages.$inferInsert): Promise<void> {
  await ex.insert(inAppMessages).values(row);
}

export async function messagesOf(ex: Executor, county: string, userId: string, limit: number) {
  return ex
    .select()
    .from(inAppMessages)
    .where(and(eq(inAppMessages.countyCode, county), eq(inAppMessages.userId, userId)))
    .orderBy(desc(inAppMessages.createdAt))
    .limit(limit);
}

export async function byRefs(
  ex: Executor,
  county: string,
  refType: string,
  refIds: string[],
): Promise<OutboxRow[]> {
  if (!refIds.length) return [];
  return ex
    .select()
    .from(notificationOutbox)
    .where(
      and(
        eq(notificationOutbox.countyCode, county),
        eq(notificationOutbox.refType, refType),
        inArray(notificationOutbox.refId, refIds),
      ),
    )
    .orderBy(asc(notificationOutbox.createdAt));
}

export async function markRead(
  ex: Executor,
  county: string,
  id: string,
  userId: string,
  at: Date,
): Promise<boolean> {
  const rows = await ex
    .update(inAppMessages)
    .set({ readAt: at })
    .where(
      and(
        eq(inAppMessages.countyCode, county),
        eq(inAppMessages.id, id),
        eq(inAppMessages.userId, userId),
        isNull(inAppMessages.readAt),
      ),
    )
    .returning({ id: inAppMessages.id, countyCode: inAppMessages.countyCode });
  return rows.length > 0;
}

export async function messageOf(ex: Executor, county: string, id: string, userId: string) {
  const [m] = await ex
    .select()
    .from(inAppMessages)
    .where(
      and(eq(inAppMessages.countyCode, county), eq(inAppMessages.id, id), eq(inAppMessages.userId, userId)),
    );
  return m;
}

/** SMS rows whose recipient phone is not sealed under this key id (stored before encryption, or rotated). */
export async function phonesToReseal(ex: Executor, county: string, keyId: string, limit: number) {
  return ex
    .select({
      countyCode: notificationOutbox.countyCode,
      id: notificationOutbox.id,
      phone: notificationOutbox.recipientPhone,
    })
    .from(notificationOutbox)
    .where(
      sql`${notificationOutbox.countyCode} = ${county} and ${notificationOutbox.recipientPhone} is not null and ${notificationOutbox.recipientPhone} not like ${`enc1:${keyId}:%`}`,
    )
    .limit(limit);
}

export async function setRecipientPhone(ex: Executor, countyCode: string, id: string, phone: string | null) {
  await ex
    .update(notificationOutbox)
    .set({ recipientPhone: phone })
    .where(and(eq(notificationOutbox.countyCode, countyCode), eq(notificationOutbox.id, id)));
}
