import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { orgs, sessions, userRoles, users } from '../../db/schema';

export type UserRow = typeof users.$inferSelect;
export type OrgRow = typeof orgs.$inferSelect;

export async function findUserByUsername(ex: Executor, username: string): Promise<UserRow | undefined> {
  const [u] = await ex.select().from(users).where(eq(users.username, username.toLowerCase()));
  return u;
}

export async function rolesOf(ex: Executor, userId: string): Promise<string[]> {
  const rows = await ex.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((r) => r.role).sort();
}

export async function orgOf(ex: Executor, orgId: string | null): Promise<OrgRow | undefined> {
  if (!orgId) return undefined;
  const [o] = await ex.select().from(orgs).where(eq(orgs.id, orgId));
  return o;
}

export async function recordFailure(ex: Executor, userId: string, lockUntil: Date | null): Promise<number> {
  const [row] = await ex
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      ...(lockUntil ? { lockedUntil: lockUntil } : {}),
    })
    .where(eq(users.id, userId))
    .returning({ n: users.failedLogins });
  return row?.n ?? 0;
}

export async function lockUser(ex: Executor, userId: string, until: Date): Promise<void> {
  await ex.update(users).set({ lockedUntil: until }).where(eq(users.id, userId));
}

export async function recordSuccess(ex: Executor, userId: string, at: Date): Promise<void> {
  await ex
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: at })
    .where(eq(users.id, userId));
}

export async function insertSession(ex: Executor, row: typeof sessions.$inferInsert): Promise<void> {
  await ex.insert(sessions).values(row);
}

export interface SessionWithUser {
  session: typeof sessions.$inferSelect;
  user: UserRow;
  org: OrgRow | null;
  /** The user's roles, sorted: read with the session because every authenticated request needs them. */
  roles: string[];
}

/** The session under this id, revoked or not: the caller decides what a revoked one answers. */
export async function findSession(ex: Executor, id: string): Promise<SessionWithUser | undefined> {
  const [row] = await ex
    .select({
      session: sessions,
      user: users,
      org: orgs,
      roles: sql<
        string[]
      >`coalesce((select array_agg(r.role order by r.role) from ${userRoles} r where r.user_id = ${users.id}), '{}')`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(sessions.id, id));
  return row;
}

export async function touchSession(ex: Executor, id: string, at: Date): Promise<void> {
  await ex.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function revokeSession(ex: Executor, id: string, at: Date): Promise<void> {
  await ex.update(sessions).set({ revokedAt: at }).where(eq(sessions.id, id));
}

export async function revokeUserSessions(ex: Executor, userId: string, at: Date): Promise<void> {
  await ex
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export async function setPassword(ex: Executor, userId: string, hash: string, at: Date, mustChange: boolean) {
  await ex
    .update(users)
    .set({ passwordHash: hash, passwordChangedAt: at, mustChangePassword: mustChange, updatedAt: at })
    .where(eq(users.id, userId));
}

export async function recordSuccessReset(ex: Executor, userId: string): Promise<void> {
  await ex.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}
