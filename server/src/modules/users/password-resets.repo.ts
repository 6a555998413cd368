import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { orgs, passwordResets, users } from '../../db/schema';
import { underPath } from '../orgs/orgs.repo';

export type PasswordResetRow = typeof passwordResets.$inferSelect;

export async function insert(ex: Executor, row: typeof passwordResets.$inferInsert): Promise<void> {
  await ex.insert(passwordResets).values(row);
}

export async function pendingFor(ex: Executor, userId: string): Promise<PasswordResetRow | undefined> {
  const [r] = await ex
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.userId, userId), eq(passwordResets.status, 'pending')));
  return r;
}

export async function byId(ex: Executor, id: string): Promise<PasswordResetRow | undefined> {
  const [r] = await ex.select().from(passwordResets).where(eq(passwordResets.id, id));
  return r;
}

const requester = alias(users, 'requester');

/** Pending requests for accounts inside the jurisdiction, oldest first, with both people named. */
export async function listPending(ex: Executor, countyCode: string, path: string) {
  return ex
    .select({
      reset: passwordResets,
      user: { id: users.id, username: users.username, displayName: users.displayName },
      requestedBy: { id: requester.id, username: requester.username, displayName: requester.displayName },
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .innerJoin(requester, eq(requester.id, passwordResets.requestedBy))
    .where(
      and(eq(passwordResets.status, 'pending'), eq(passwordResets.countyCode, countyCode), underPath(path)),
    )
    .orderBy(asc(passwordResets.requestedAt));
}

/** Decides a pending request; undefined when it was decided meanwhile. */
export async function decide(
  ex: Executor,
  id: string,
  status: 'approved' | 'rejected',
  by: string,
  at: Date,
): Promise<PasswordResetRow | undefined> {
  const [r] = await ex
    .update(passwordResets)
    .set({ status, decidedBy: by, decidedAt: at })
    .where(and(eq(passwordResets.id, id), eq(passwordResets.status, 'pending')))
    .returning();
  return r;
}
