import { and, asc, count, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { orgs, sessions, userRoles, users } from '../../db/schema';
import { escapeLike, underPath } from '../orgs/orgs.repo';

export type UserRow = typeof users.$inferSelect;
export type OrgRow = typeof orgs.$inferSelect;
export interface UserWithOrg {
  user: UserRow;
  org: OrgRow | null;
}

export interface UserFilter {
  countyCode: string;
  path: string;
  q?: string | undefined;
  orgId?: string | undefined;
  role?: string | undefined;
}

function where(f: UserFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [eq(users.countyCode, f.countyCode), underPath(f.path)];
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    parts.push(or(ilike(users.username, like), ilike(users.displayName, like)));
  }
  if (f.orgId) parts.push(eq(users.orgId, f.orgId));
  if (f.role) {
    parts.push(
      inArray(
        users.id,
        sql`(select ${userRoles.userId} from ${userRoles} where ${userRoles.role} = ${f.role})`,
      ),
    );
  }
  return and(...parts);
}

export async function list(ex: Executor, f: UserFilter, limit: number, offset: number) {
  const w = where(f);
  const rows = await ex
    .select({ user: users, org: orgs })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(w)
    .orderBy(asc(orgs.path), asc(users.username))
    .limit(limit)
    .offset(offset);
  const [t] = await ex.select({ n: count() }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(w);
  return { rows: rows as UserWithOrg[], total: t?.n ?? 0 };
}

export async function byId(ex: Executor, id: string): Promise<UserWithOrg | undefined> {
  const [row] = await ex
    .select({ user: users, org: orgs })
    .from(users)
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, id));
  return row;
}

export async function byUsername(ex: Executor, username: string): Promise<UserRow | undefined> {
  const [u] = await ex.select().from(users).where(eq(users.username, username));
  return u;
}

export async function rolesByUser(ex: Executor, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await ex.select().from(userRoles).where(inArray(userRoles.userId, ids));
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.role].sort());
  return out;
}

export async function insert(ex: Executor, row: typeof users.$inferInsert): Promise<void> {
  await ex.insert(users).values(row);
}

export async function insertMany(ex: Executor, rows: (typeof users.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await ex.insert(users).values(rows.slice(i, i + 500));
}

export async function replaceRoles(
  ex: Executor,
  userId: string,
  countyCode: string,
  roles: string[],
  by: string | null,
  at: Date,
): Promise<void> {
  await ex.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roles.length) {
    await ex
      .insert(userRoles)
      .values(roles.map((role) => ({ userId, role, countyCode, grantedAt: at, grantedBy: by })));
  }
}

export async function insertRoles(ex: Executor, rows: (typeof userRoles.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await ex.insert(userRoles).values(rows.slice(i, i + 500));
}

export async function update(
  ex: Executor,
  id: string,
  version: number,
  patch: Partial<
    Pick<UserRow, 'displayName' | 'phone' | 'orgId' | 'disabled' | 'failedLogins' | 'lockedUntil'>
  >,
  at: Date,
): Promise<UserRow | undefined> {
  const [row] = await ex
    .update(users)
    .set({ ...patch, updatedAt: at, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return row;
}

export async function countUsers(ex: Executor): Promise<number> {
  const [r] = await ex.select({ n: count() }).from(users);
  return r?.n ?? 0;
}

/** New password chosen by an administrator: the person must change it, and every session ends. */
export async function setPasswordAndRevoke(ex: Executor, id: string, hash: string, at: Date): Promise<void> {
  await ex
    .update(users)
    .set({
      passwordHash: hash,
      passwordChangedAt: at,
      mustChangePassword: true,
      updatedAt: at,
      failedLogins: 0,
      lockedUntil: null,
    })
    .where(eq(users.id, id));
  await ex
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
}

/** Active accounts of an org holding one of the roles (who to tell about new work). */
export async function idsOfOrgWithRoles(ex: Executor, orgId: string, roles: string[]): Promise<string[]> {
  const rows = await ex
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.orgId, orgId), eq(users.disabled, false), inArray(userRoles.role, roles)));
  return rows.map((r) => r.id);
}
