import { and, asc, count, eq, ilike, inArray, like, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { grids, orgs, users } from '../../db/schema';

export type OrgRow = typeof orgs.$inferSelect;
export type NewOrg = typeof orgs.$inferInsert;

export function underPath(path: string): SQL {
  return like(orgs.path, `${escapeLike(path)}%`);
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function subtree(ex: Executor, countyCode: string, path: string): Promise<OrgRow[]> {
  return ex
    .select()
    .from(orgs)
    .where(and(eq(orgs.countyCode, countyCode), underPath(path)))
    .orderBy(asc(orgs.path));
}

export interface OrgSearch {
  countyCode: string;
  path: string;
  q?: string | undefined;
  parentId?: string | undefined;
  kind?: string | undefined;
  limit: number;
}

export async function search(ex: Executor, s: OrgSearch): Promise<OrgRow[]> {
  const parts: SQL[] = [eq(orgs.countyCode, s.countyCode), underPath(s.path)];
  if (s.q) parts.push(ilike(orgs.name, `%${escapeLike(s.q)}%`));
  if (s.parentId) parts.push(eq(orgs.parentId, s.parentId));
  if (s.kind) parts.push(eq(orgs.kind, s.kind));
  return ex
    .select()
    .from(orgs)
    .where(and(...parts))
    .orderBy(sql`length(${orgs.path})`, asc(orgs.divisionCode), asc(orgs.name))
    .limit(s.limit);
}

export async function byId(ex: Executor, id: string): Promise<OrgRow | undefined> {
  const [o] = await ex.select().from(orgs).where(eq(orgs.id, id));
  return o;
}

export async function byIds(ex: Executor, ids: string[]): Promise<OrgRow[]> {
  if (ids.length === 0) return [];
  return ex.select().from(orgs).where(inArray(orgs.id, ids));
}

export async function counts(ex: Executor, o: OrgRow) {
  const [c] = await ex.select({ n: count() }).from(orgs).where(eq(orgs.parentId, o.id));
  const [u] = await ex
    .select({ n: count() })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(eq(orgs.countyCode, o.countyCode), underPath(o.path)));
  const [g] = await ex
    .select({ n: count() })
    .from(grids)
    .where(and(eq(grids.countyCode, o.countyCode), like(grids.orgPath, `${escapeLike(o.path)}%`)));
  return { childCount: c?.n ?? 0, userCount: u?.n ?? 0, gridCount: g?.n ?? 0 };
}

export async function insert(ex: Executor, row: NewOrg): Promise<void> {
  await ex.insert(orgs).values(row);
}

export async function insertMany(ex: Executor, rows: NewOrg[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await ex.insert(orgs).values(rows.slice(i, i + 500));
}

/** Optimistic update: returns the new row, or undefined when someone else changed it first. */
export async function update(
  ex: Executor,
  id: string,
  version: number,
  patch: Partial<Pick<OrgRow, 'name' | 'centerName' | 'contact' | 'active'>>,
  at: Date,
): Promise<OrgRow | undefined> {
  const [row] = await ex
    .update(orgs)
    .set({ ...patch, updatedAt: at, version: sql`${orgs.version} + 1` })
    .where(and(eq(orgs.id, id), eq(orgs.version, version)))
    .returning();
  return row;
}

export async function byDivisionCode(ex: Executor, code: string): Promise<OrgRow | undefined> {
  const [o] = await ex.select().from(orgs).where(eq(orgs.divisionCode, code));
  return o;
}

/** The county's towns and villages (the orgs that carry a division code), for pickers and checks. */
export async function territorial(ex: Executor, countyCode: string): Promise<OrgRow[]> {
  return ex
    .select()
    .from(orgs)
    .where(
      and(eq(orgs.countyCode, countyCode), inArray(orgs.kind, ['town', 'village']), eq(orgs.active, true)),
    )
    .orderBy(asc(orgs.divisionCode));
}
