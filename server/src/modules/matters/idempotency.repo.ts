import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { idempotencyKeys } from '../../db/schema';

export async function claim(
  ex: Executor,
  scope: string,
  key: string,
  requestHash: string,
  at: Date,
): Promise<boolean> {
  const rows = await ex
    .insert(idempotencyKeys)
    .values({ scope, key, requestHash, status: 'in_flight', createdAt: at })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return rows.length === 1;
}

export async function find(ex: Executor, scope: string, key: string) {
  const [row] = await ex
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return row;
}

export async function complete(ex: Executor, scope: string, key: string, status: number, body: unknown) {
  await ex
    .update(idempotencyKeys)
    .set({ status: 'done', responseStatus: status, responseBody: body })
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}

export async function release(ex: Executor, scope: string, key: string) {
  await ex.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}
