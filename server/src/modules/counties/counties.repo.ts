import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { counties, grids, orgs } from '../../db/schema';

export type CountyRow = typeof counties.$inferSelect;

export async function all(ex: Executor): Promise<CountyRow[]> {
  return ex.select().from(counties).orderBy(asc(counties.code));
}

export async function codes(ex: Executor): Promise<string[]> {
  const rows = await ex.select({ code: counties.code }).from(counties).orderBy(asc(counties.code));
  return rows.map((r) => r.code);
}

export async function byCode(ex: Executor, code: string): Promise<CountyRow | undefined> {
  const [c] = await ex.select().from(counties).where(eq(counties.code, code));
  return c;
}

export async function insert(ex: Executor, row: typeof counties.$inferInsert): Promise<void> {
  await ex.insert(counties).values(row);
}

export async function setBoundary(
  ex: Executor,
  code: string,
  boundary: CountyRow['boundary'],
  center: CountyRow['center'],
) {
  await ex.update(counties).set({ boundary, center }).where(eq(counties.code, code));
}

export async function bumpGridRevision(ex: Executor, code: string): Promise<void> {
  await ex
    .update(counties)
    .set({ gridRevision: sql`${counties.gridRevision} + 1` })
    .where(eq(counties.code, code));
}

export async function revisions(ex: Executor): Promise<Map<string, number>> {
  const rows = await ex.select({ code: counties.code, rev: counties.gridRevision }).from(counties);
  return new Map(rows.map((r) => [r.code, r.rev]));
}

export async function stats(
  ex: Executor,
): Promise<Map<string, { towns: number; villages: number; grids: number }>> {
  const o = await ex
    .select({ code: orgs.countyCode, kind: orgs.kind, n: count() })
    .from(orgs)
    .where(sql`${orgs.kind} in ('town','village')`)
    .groupBy(orgs.countyCode, orgs.kind);
  const g = await ex.select({ code: grids.countyCode, n: count() }).from(grids).groupBy(grids.countyCode);
  const out = new Map<string, { towns: number; villages: number; grids: number }>();
  const get = (c: string) => {
    const s = out.get(c) ?? { towns: 0, villages: 0, grids: 0 };
    out.set(c, s);
    return s;
  };
  for (const r of o) get(r.code)[r.kind === 'town' ? 'towns' : 'villages'] = r.n;
  for (const r of g) get(r.code).grids = r.n;
  return out;
}

export async function territorialOrgCount(ex: Executor, code: string): Promise<number> {
  const [r] = await ex
    .select({ n: count() })
    .from(orgs)
    .where(and(eq(orgs.countyCode, code)));
  return r?.n ?? 0;
}
