import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { fieldLogs, fieldReports, grids } from '../../db/schema';

export type FieldLogRow = typeof fieldLogs.$inferSelect;

/** Inserts the log unless its id is already there; answers whether this call wrote it. */
export async function insertLog(ex: Executor, row: typeof fieldLogs.$inferInsert): Promise<boolean> {
  const out = await ex.insert(fieldLogs).values(row).onConflictDoNothing().returning({ id: fieldLogs.id });
  return out.length === 1;
}

export async function logById(ex: Executor, countyCode: string, id: string) {
  const [row] = await ex
    .select({ log: fieldLogs, gridName: grids.name })
    .from(fieldLogs)
    .leftJoin(grids, eq(grids.id, fieldLogs.gridId))
    .where(and(eq(fieldLogs.countyCode, countyCode), eq(fieldLogs.id, id)));
  return row;
}

export async function logsOfUser(ex: Executor, countyCode: string, userId: string, limit: number) {
  return ex
    .select({ log: fieldLogs, gridName: grids.name })
    .from(fieldLogs)
    .leftJoin(grids, eq(grids.id, fieldLogs.gridId))
    .where(and(eq(fieldLogs.countyCode, countyCode), eq(fieldLogs.userId, userId)))
    .orderBy(desc(fieldLogs.happenedAt))
    .limit(limit);
}

export async function countLogsBetween(
  ex: Executor,
  countyCode: string,
  userId: string,
  from: Date,
  to: Date,
): Promise<Record<string, number>> {
  const rows = await ex
    .select({ kind: fieldLogs.kind, n: sql<number>`count(*)::int` })
    .from(fieldLogs)
    .where(
      and(
        eq(fieldLogs.countyCode, countyCode),
        eq(fieldLogs.userId, userId),
        gte(fieldLogs.happenedAt, from),
        lt(fieldLogs.happenedAt, to),
      ),
    )
    .groupBy(fieldLogs.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

export async function insertReport(ex: Executor, row: typeof fieldReports.$inferInsert) {
  await ex.insert(fieldReports).values(row);
}

/** The report already received under the phone's id, if any. */
export async function reportByClientId(ex: Executor, countyCode: string, clientId: string) {
  const [row] = await ex
    .select()
    .from(fieldReports)
    .where(and(eq(fieldReports.countyCode, countyCode), eq(fieldReports.clientId, clientId)));
  return row;
}
