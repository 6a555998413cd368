import { and, eq, gte, like, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { linkedMediations, matters, orgs } from '../../db/schema';
import { escapeLike } from '../orgs/orgs.repo';

export type LinkedRow = typeof linkedMediations.$inferSelect;

export async function insert(ex: Executor, row: typeof linkedMediations.$inferInsert): Promise<void> {
  await ex.insert(linkedMediations).values(row);
}

export async function byMatter(ex: Executor, countyCode: string, matterId: string) {
  const [r] = await ex
    .select()
    .from(linkedMediations)
    .where(and(eq(linkedMediations.countyCode, countyCode), eq(linkedMediations.matterId, matterId)));
  return r;
}

export async function update(
  ex: Executor,
  countyCode: string,
  matterId: string,
  set: Partial<typeof linkedMediations.$inferInsert>,
): Promise<void> {
  await ex
    .update(linkedMediations)
    .set(set)
    .where(and(eq(linkedMediations.countyCode, countyCode), eq(linkedMediations.matterId, matterId)));
}

/** A 派出所's handoffs (and those of the stations under the caller's org), newest first, with the matter. */
export async function policeReferrals(ex: Executor, countyCode: string, sourcePath: string) {
  return ex
    .select({
      link: linkedMediations,
      code: matters.code,
      title: matters.title,
      status: matters.status,
      committeeName: orgs.name,
    })
    .from(linkedMediations)
    .innerJoin(
      matters,
      and(eq(matters.countyCode, linkedMediations.countyCode), eq(matters.id, linkedMediations.matterId)),
    )
    .innerJoin(orgs, eq(orgs.id, linkedMediations.orgId))
    .where(
      and(
        eq(linkedMediations.countyCode, countyCode),
        eq(linkedMediations.route, 'police'),
        like(linkedMediations.sourceOrgPath, `${escapeLike(sourcePath)}%`),
      ),
    )
    .orderBy(linkedMediations.createdAt)
    .limit(500);
}

/** Route and outcome of the mediations mediated, or handed over, inside a subtree in a period. */
export async function records(
  ex: Executor,
  countyCode: string,
  path: string,
  period: { from: Date | null; to: Date | null },
) {
  const parts: SQL[] = [
    eq(linkedMediations.countyCode, countyCode),
    or(
      like(linkedMediations.orgPath, `${escapeLike(path)}%`),
      like(linkedMediations.sourceOrgPath, `${escapeLike(path)}%`),
    )!,
  ];
  if (period.from) parts.push(gte(linkedMediations.createdAt, period.from));
  if (period.to) parts.push(lt(linkedMediations.createdAt, period.to));
  return ex
    .select({ route: linkedMediations.route, outcome: linkedMediations.outcome })
    .from(linkedMediations)
    .where(and(...parts));
}
