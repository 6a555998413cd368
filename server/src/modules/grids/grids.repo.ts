import { and, asc, count, eq, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { grids, gridWorkers, orgs, userRoles, users } from '../../db/schema';
import { escapeLike } from '../orgs/orgs.repo';

export type GridRow = typeof grids.$inferSelect;
const village = alias(orgs, 'village');
const town = alias(orgs, 'town');

export interface GridFilter {
  countyCode: string;
  path: string;
  q?: string | undefined;
  orgPath?: string | undefined;
}

function where(f: GridFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    eq(grids.countyCode, f.countyCode),
    like(grids.orgPath, `${escapeLike(f.path)}%`),
  ];
  if (f.orgPath) parts.push(like(grids.orgPath, `${escapeLike(f.orgPath)}%`));
  if (f.q)
    parts.push(or(ilike(grids.name, `%${escapeLike(f.q)}%`), ilike(grids.code, `%${escapeLike(f.q)}%`)));
  return and(...parts);
}

const summaryCols = {
  id: grids.id,
  code: grids.code,
  name: grids.name,
  countyCode: grids.countyCode,
  orgPath: grids.orgPath,
  generated: grids.generated,
  village: {
    id: village.id,
    name: village.name,
    kind: village.kind,
    level: village.level,
    divisionCode: village.divisionCode,
  },
  town: { id: town.id, name: town.name, kind: town.kind, level: town.level, divisionCode: town.divisionCode },
};

export async function list(ex: Executor, f: GridFilter, limit: number, offset: number) {
  const w = where(f);
  const rows = await ex
    .select(summaryCols)
    .from(grids)
    .innerJoin(village, eq(village.id, grids.villageId))
    .innerJoin(town, eq(town.id, village.parentId))
    .where(w)
    .orderBy(asc(grids.code))
    .limit(limit)
    .offset(offset);
  const [t] = await ex.select({ n: count() }).from(grids).where(w);
  return { rows, total: t?.n ?? 0 };
}

export type GridSummaryRow = Awaited<ReturnType<typeof list>>['rows'][number];

export async function byId(ex: Executor, id: string) {
  const [row] = await ex
    .select({ ...summaryCols, geometry: grids.geometry })
    .from(grids)
    .innerJoin(village, eq(village.id, grids.villageId))
    .innerJoin(town, eq(town.id, village.parentId))
    .where(eq(grids.id, id));
  return row;
}

export async function features(ex: Executor, f: GridFilter) {
  return ex
    .select({
      id: grids.id,
      code: grids.code,
      name: grids.name,
      geometry: grids.geometry,
      villageName: village.name,
      townName: town.name,
    })
    .from(grids)
    .innerJoin(village, eq(village.id, grids.villageId))
    .innerJoin(town, eq(town.id, village.parentId))
    .where(where(f))
    .orderBy(asc(grids.code));
}

/** What the point-lookup index needs for one county, in code order (the index's tie-break). */
export async function indexItems(ex: Executor, countyCode: string) {
  return ex
    .select({
      id: grids.id,
      code: grids.code,
      name: grids.name,
      geometry: grids.geometry,
      village: { id: village.id, code: village.divisionCode, name: village.name },
      town: { id: town.id, code: town.divisionCode, name: town.name },
    })
    .from(grids)
    .innerJoin(village, eq(village.id, grids.villageId))
    .innerJoin(town, eq(town.id, village.parentId))
    .where(eq(grids.countyCode, countyCode))
    .orderBy(asc(grids.code));
}

export async function workersOf(ex: Executor, gridIds: string[]) {
  const out = new Map<string, { id: string; displayName: string }[]>();
  if (gridIds.length === 0) return out;
  const rows = await ex
    .select({ gridId: gridWorkers.gridId, id: users.id, displayName: users.displayName })
    .from(gridWorkers)
    .innerJoin(users, eq(users.id, gridWorkers.userId))
    .where(inArray(gridWorkers.gridId, gridIds))
    .orderBy(asc(users.displayName));
  for (const r of rows)
    out.set(r.gridId, [...(out.get(r.gridId) ?? []), { id: r.id, displayName: r.displayName }]);
  return out;
}

export async function replaceWorkers(
  ex: Executor,
  gridId: string,
  countyCode: string,
  userIds: string[],
  at: Date,
) {
  await ex.delete(gridWorkers).where(eq(gridWorkers.gridId, gridId));
  if (userIds.length) {
    await ex
      .insert(gridWorkers)
      .values(userIds.map((userId) => ({ gridId, userId, countyCode, assignedAt: at })));
  }
}

export async function insertWorkers(ex: Executor, rows: (typeof gridWorkers.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 500) await ex.insert(gridWorkers).values(rows.slice(i, i + 500));
}

/** Candidate workers with their org path and whether they hold the grid_worker role. */
export async function workerCandidates(ex: Executor, userIds: string[]) {
  if (userIds.length === 0) return [];
  return ex
    .select({
      id: users.id,
      countyCode: users.countyCode,
      disabled: users.disabled,
      orgPath: orgs.path,
      isGridWorker: sql<boolean>`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = 'grid_worker')`,
    })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(inArray(users.id, userIds));
}

export async function deleteCountyGrids(ex: Executor, countyCode: string) {
  await ex.delete(gridWorkers).where(eq(gridWorkers.countyCode, countyCode));
  await ex.delete(grids).where(eq(grids.countyCode, countyCode));
}

export async function insertMany(ex: Executor, rows: (typeof grids.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 200) await ex.insert(grids).values(rows.slice(i, i + 200));
}

export async function villagesOf(ex: Executor, countyCode: string) {
  return ex
    .select({ id: orgs.id, code: orgs.divisionCode, path: orgs.path })
    .from(orgs)
    .where(and(eq(orgs.countyCode, countyCode), eq(orgs.kind, 'village')));
}

/** The grids a worker is assigned to, inside a jurisdiction (an assignment outside it is not shown). */
export async function gridsOfWorker(ex: Executor, userId: string, countyCode: string, path: string) {
  return ex
    .select({ id: grids.id, code: grids.code, name: grids.name })
    .from(gridWorkers)
    .innerJoin(grids, eq(grids.id, gridWorkers.gridId))
    .where(
      and(
        eq(gridWorkers.userId, userId),
        eq(grids.countyCode, countyCode),
        like(grids.orgPath, `${escapeLike(path)}%`),
      ),
    )
    .orderBy(asc(grids.code));
}
