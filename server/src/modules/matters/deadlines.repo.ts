/** Deadline rows of matters, and what the sweep reads. */
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { deadlines, matters, supervisionOrders } from '../../db/schema';

export type DeadlineRow = typeof deadlines.$inferSelect;

export async function deadlinesOf(ex: Executor, county: string, matterIds: string[]): Promise<DeadlineRow[]> {
  if (matterIds.length === 0) return [];
  return ex
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.countyCode, county), inArray(deadlines.matterId, matterIds)))
    .orderBy(asc(deadlines.createdAt));
}

export async function liveDeadlines(ex: Executor, county: string, matterId: string): Promise<DeadlineRow[]> {
  return ex
    .select()
    .from(deadlines)
    .where(
      and(
        eq(deadlines.countyCode, county),
        eq(deadlines.matterId, matterId),
        inArray(deadlines.status, ['running', 'paused']),
      ),
    );
}

export async function insertDeadlines(
  ex: Executor,
  rows: (typeof deadlines.$inferInsert)[],
): Promise<DeadlineRow[]> {
  return rows.length ? ex.insert(deadlines).values(rows).returning() : [];
}

export async function updateDeadline(
  ex: Executor,
  county: string,
  id: string,
  patch: Partial<typeof deadlines.$inferInsert>,
) {
  await ex
    .update(deadlines)
    .set(patch)
    .where(and(eq(deadlines.countyCode, county), eq(deadlines.id, id)));
}

/** A county's running deadlines that are due for the sweep: to warn, to mark overdue, to supervise. */
export async function sweepCandidates(ex: Executor, county: string, now: Date, limit: number) {
  return ex
    .select({
      d: deadlines,
      m: {
        id: matters.id,
        code: matters.code,
        ownerOrgId: matters.ownerOrgId,
        ownerPath: matters.ownerPath,
        countyCode: matters.countyCode,
        status: matters.status,
      },
    })
    .from(deadlines)
    .innerJoin(matters, and(eq(matters.countyCode, deadlines.countyCode), eq(matters.id, deadlines.matterId)))
    .where(
      and(
        eq(deadlines.countyCode, county),
        eq(deadlines.status, 'running'),
        or(
          and(isNull(deadlines.warnedAt), lte(deadlines.warnAt, now)),
          and(isNull(deadlines.overdueAt), lte(deadlines.dueAt, now)),
        ),
      ),
    )
    .orderBy(asc(deadlines.dueAt))
    .limit(limit);
}

/**
 * A county's running deadlines counted through a year without an official holiday arrangement, with
 * what the recompute tells the handler about (the caller goes county by county: the arrangement is
 * national).
 */
export async function runningProvisional(ex: Executor, countyCode: string) {
  return ex
    .select({
      d: deadlines,
      m: {
        id: matters.id,
        code: matters.code,
        countyCode: matters.countyCode,
        handlerUserId: sql<string | null>`${matters.state}->>'handlerUserId'`,
      },
    })
    .from(deadlines)
    .innerJoin(matters, and(eq(matters.countyCode, deadlines.countyCode), eq(matters.id, deadlines.matterId)))
    .where(
      and(
        eq(deadlines.countyCode, countyCode),
        eq(deadlines.status, 'running'),
        sql`${deadlines.provisionalYears} <> '[]'::jsonb`,
      ),
    )
    .orderBy(asc(deadlines.dueAt));
}

/** Unanswered supervision orders whose answer date is provisional. */
export async function openProvisionalSupervision(ex: Executor, countyCode: string) {
  return ex
    .select()
    .from(supervisionOrders)
    .where(
      and(
        eq(supervisionOrders.countyCode, countyCode),
        isNull(supervisionOrders.answeredAt),
        sql`${supervisionOrders.provisionalYears} <> '[]'::jsonb`,
      ),
    );
}

export async function updateSupervisionDue(
  ex: Executor,
  county: string,
  id: string,
  patch: { dueAt: Date; provisionalYears: number[] },
) {
  await ex
    .update(supervisionOrders)
    .set(patch)
    .where(and(eq(supervisionOrders.countyCode, county), eq(supervisionOrders.id, id)));
}

export async function countProvisional(ex: Executor, countyCode: string, year?: number) {
  const [row] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(deadlines)
    .where(
      and(
        eq(deadlines.status, 'running'),
        eq(deadlines.countyCode, countyCode),
        sql`${deadlines.provisionalYears} <> '[]'::jsonb`,
        year !== undefined
          ? sql`${deadlines.provisionalYears} @> ${JSON.stringify([year])}::jsonb`
          : undefined,
      ),
    );
  return row?.n ?? 0;
}

/** Through which years a county's provisional running deadlines are counted (a handful of rows). */
export async function provisionalGroups(ex: Executor, countyCode: string) {
  return ex
    .selectDistinct({ countyCode: deadlines.countyCode, years: deadlines.provisionalYears })
    .from(deadlines)
    .where(
      and(
        eq(deadlines.countyCode, countyCode),
        eq(deadlines.status, 'running'),
        sql`${deadlines.provisionalYears} <> '[]'::jsonb`,
      ),
    );
}
