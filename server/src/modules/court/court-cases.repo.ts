import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { courtCases } from '../../db/schema';

export type CourtCaseRow = typeof courtCases.$inferSelect;

export async function insert(ex: Executor, row: typeof courtCases.$inferInsert): Promise<void> {
  await ex.insert(courtCases).values(row);
}

export async function byId(ex: Executor, countyCode: string, id: string): Promise<CourtCaseRow | undefined> {
  const [r] = await ex
    .select()
    .from(courtCases)
    .where(and(eq(courtCases.countyCode, countyCode), eq(courtCases.id, id)));
  return r;
}

export async function byCourtNo(
  ex: Executor,
  countyCode: string,
  kind: string,
  courtCaseNo: string,
): Promise<CourtCaseRow | undefined> {
  const [r] = await ex
    .select()
    .from(courtCases)
    .where(
      and(
        eq(courtCases.countyCode, countyCode),
        eq(courtCases.kind, kind),
        eq(courtCases.courtCaseNo, courtCaseNo),
      ),
    );
  return r;
}

export async function forMatter(ex: Executor, countyCode: string, matterId: string): Promise<CourtCaseRow[]> {
  return ex
    .select()
    .from(courtCases)
    .where(and(eq(courtCases.countyCode, countyCode), eq(courtCases.matterId, matterId)))
    .orderBy(asc(courtCases.createdAt));
}

export async function update(
  ex: Executor,
  row: Pick<CourtCaseRow, 'countyCode' | 'id'>,
  set: Partial<Pick<CourtCaseRow, 'status' | 'courtName' | 'courtCaseNo' | 'answer' | 'updatedAt'>>,
): Promise<void> {
  await ex
    .update(courtCases)
    .set(set)
    .where(and(eq(courtCases.countyCode, row.countyCode), eq(courtCases.id, row.id)));
}
