import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { loginThrottle, orgs, recoveryCodes, sessions, userRoles, users } from '../../db/schema';
import type { PiiCipher } from '../../pii/pii-cipher';

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

/** Claims the TOTP step atomically: false when this step or a later one was already used (a replay). */
export async function claimTotpStep(ex: Executor, userId: string, step: number): Promise<boolean> {
  const rows = await ex
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Spends a recovery code atomically: false when it is unknown or already spent. */
export async function spendRecoveryCode(ex: Executor, userId: string, hash: string, at: Date) {
  const rows = await ex
    .update(recoveryCodes)
    .set({ usedAt: at })
    .where(
      and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hash), isNull(recoveryCodes.usedAt)),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length === 1;
}

export async function unusedRecoveryCodes(ex: Executor, userId: string): Promise<number> {
  const [r] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return r?.n ?? 0;
}

/** The secrets are stored sealed (docs/SECURITY.md G9, G31): callers pass and get them in clear. */
export async function setPendingTotp(
  ex: Executor,
  cipher: PiiCipher,
  userId: string,
  secret: string,
): Promise<void> {
  await ex
    .update(users)
    .set({ totpPendingSecret: cipher.seal('totp_secret', secret) })
    .where(eq(users.id, userId));
}

/** A user row with its authenticator secrets opened (only the second-factor checks need them). */
export function openTotp(cipher: PiiCipher, user: UserRow): UserRow {
  return {
    ...user,
    totpSecret: cipher.open('totp_secret', user.totpSecret),
    totpPendingSecret: cipher.open('totp_secret', user.totpPendingSecret),
  };
}

/**
 * Users whose authenticator secrets or phone numbers are in clear (stored before sealing) or sealed
 * with a previous key, a batch at a time (the start-up re-seal, user-reseal.service.ts).
 */
export async function usersToResealTotp(ex: Executor, cipher: PiiCipher, limit: number): Promise<UserRow[]> {
  const current = `enc1:${cipher.currentKeyId}:%`;
  return ex
    .select()
    .from(users)
    .where(
      or(
        sql`${users.phone} is not null and ${users.phone} not like ${current}`,
        sql`${users.totpSecret} is not null and ${users.totpSecret} not like ${current}`,
        sql`${users.totpPendingSecret} is not null and ${users.totpPendingSecret} not like ${current}`,
      ),
    )
    .limit(limit);
}

export async function resealTotp(ex: Executor, cipher: PiiCipher, row: UserRow): Promise<void> {
  const open = openTotp(cipher, row);
  await ex
    .update(users)
    .set({
      phone: cipher.seal('phone', cipher.open('phone', row.phone)),
      totpSecret: cipher.seal('totp_secret', open.totpSecret),
      totpPendingSecret: cipher.seal('totp_secret', open.totpPendingSecret),
    })
    .where(eq(users.id, row.id));
}

/** After a re-seal: the clear values' dead row versions leave the data files; the checks become valid. */
export async function compactAndValidateUsers(ex: Executor): Promise<void> {
  await ex.execute(sql`vacuum full users`);
  await ex.execute(sql`alter table users validate constraint users_totp_secret_sealed`);
  await ex.execute(sql`alter table users validate constraint users_totp_pending_secret_sealed`);
  await ex.execute(sql`alter table users validate constraint users_phone_sealed`);
}

/** Confirms an enrolment: the pending secret becomes the secret and the recovery codes are replaced. */
export async function enableTotp(
  ex: Executor,
  cipher: PiiCipher,
  userId: string,
  secret: string,
  step: number,
  codeHashes: string[],
  at: Date,
): Promise<void> {
  await ex
    .update(users)
    .set({
      totpSecret: cipher.seal('totp_secret', secret),
      totpPendingSecret: null,
      totpEnabledAt: at,
      totpLastStep: step,
      updatedAt: at,
    })
    .where(eq(users.id, userId));
  await ex.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await ex
    .insert(recoveryCodes)
    .values(codeHashes.map((codeHash) => ({ id: randomUUID(), userId, codeHash, createdAt: at })));
}

/** Removes the second factor (a lost phone, by the security administrator). */
export async function clearTotp(ex: Executor, userId: string, at: Date): Promise<void> {
  await ex
    .update(users)
    .set({
      totpSecret: null,
      totpPendingSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      updatedAt: at,
    })
    .where(eq(users.id, userId));
  await ex.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

export async function markStepUp(ex: Executor, sessionId: string, at: Date): Promise<void> {
  await ex.update(sessions).set({ stepUpAt: at }).where(eq(sessions.id, sessionId));
}

export type ThrottleRow = typeof loginThrottle.$inferSelect;

export async function throttleOf(ex: Executor, username: string): Promise<ThrottleRow | undefined> {
  const [r] = await ex.select().from(loginThrottle).where(eq(loginThrottle.username, username));
  return r;
}

/** Counts a failure for a name without an account; the count restarts once a lock has run out. */
export async function recordUnknownFailure(
  ex: Executor,
  username: string,
  at: Date,
  threshold: number,
  lockMs: number,
): Promise<ThrottleRow> {
  const prev = await throttleOf(ex, username);
  const base = prev?.lockedUntil && prev.lockedUntil <= at ? 0 : (prev?.failedLogins ?? 0);
  const failedLogins = base + 1;
  const lockedUntil = failedLogins >= threshold ? new Date(at.getTime() + lockMs) : null;
  const row = { username, failedLogins, lockedUntil, lastFailedAt: at };
  await ex.insert(loginThrottle).values(row).onConflictDoUpdate({ target: loginThrottle.username, set: row });
  // Names tried once a day ago or more are forgotten, so guessing cannot grow the table without end.
  await ex.delete(loginThrottle).where(lt(loginThrottle.lastFailedAt, new Date(at.getTime() - 86_400_000)));
  return row;
}

/** Is the session's owner enrolled, and when did the session last give a fresh code? */
export async function stepUpState(ex: Executor, sessionId: string) {
  const [r] = await ex
    .select({ stepUpAt: sessions.stepUpAt, enrolled: sql<boolean>`${users.totpSecret} is not null` })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  return r;
}
