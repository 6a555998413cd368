import { and, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { confirmationReminders, events } from '../../db/schema';

/** A county's matters with an agreement recorded since `since` (the lifecycle's event is the record). */
export async function agreedSince(
  ex: Executor,
  countyCode: string,
  since: Date,
): Promise<{ countyCode: string; matterId: string }[]> {
  const rows = await ex
    .selectDistinct({ countyCode: events.countyCode, matterId: events.objectId })
    .from(events)
    .where(
      and(
        eq(events.countyCode, countyCode),
        eq(events.action, 'matter.mediation_agreed'),
        eq(events.objectType, 'matter'),
        gte(events.at, since),
      ),
    );
  return rows.filter((r): r is { countyCode: string; matterId: string } => !!r.matterId);
}

/** Claims the reminder of one agreement's window; false when it was already sent. */
export async function claim(ex: Executor, countyCode: string, matterId: string, dueAt: Date, at: Date) {
  const rows = await ex
    .insert(confirmationReminders)
    .values({ countyCode, matterId, dueAt, sentAt: at })
    .onConflictDoNothing()
    .returning({ n: sql`1` });
  return rows.length === 1;
}
