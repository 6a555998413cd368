/** Deadline rows of matters, and what the sweep reads. */
import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { deadlines, matters } from '../../db/schema';

export type DeadlineRow = typeof deadlines.$inferSelect;

export async function deadlinesOf(ex: Executor, matterIds: string[]): Promise<DeadlineRow[]> {
  if (matterIds.length === 0) return [];
  return ex
    .select()
    .from(deadlines)
    .where(inArray(deadlines.matterId, matterIds))
    .orderBy(asc(deadlines.createdAt));
}

export async function liveDeadlines(ex: Executor, matterId: string): Promise<DeadlineRow[]> {
  return ex
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.matterId, matterId), inArray(deadlines.status, ['running', 'paused'])));
}

export async function insertDeadlines(ex: Executor, rows: (typeof deadlines.$inferInsert)[]): Promise<void> {
  if (rows.length) await ex.insert(deadlines).values(rows);
}

export async function updateDeadline(
  ex: Executor,
  id: string,
  patch: Partial<typeof deadlines.$inferInsert>,
) {
  await ex.update(deadlines).set(patch).where(eq(deadlines.id, id));
}

/** Running deadlines that are due for the sweep: to warn, to mark overdue, to supervise. */
export async function sweepCandidates(ex: Executor, now: Date, limit: number) {
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
    .innerJoin(matters, eq(matters.id, deadlines.matterId))
    .where(
      and(
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
