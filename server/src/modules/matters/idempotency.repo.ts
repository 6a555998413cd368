import { randomUUID } from 'node:crypto';
import { and, eq, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { idempotencyKeys } from '../../db/schema';

const row = (scope: string, key: string) =>
  and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));

/**
 * Claims the key for one run until `leaseUntil`; the claim's id, or null when another holds it.
 * A new key is inserted; a key whose time is up is taken over in the same statement: a completed
 * one past its replay window whatever the body, one in flight past its lease (its run crashed or
 * never wrote its answer) only for the same body. Under concurrency the row lock of the upsert
 * decides: the second claimant sees the winner's fresh lease and gets nothing.
 */
export async function claim(
  ex: Executor,
  scope: string,
  key: string,
  requestHash: string,
  at: Date,
  leaseUntil: Date,
): Promise<string | null> {
  const claimId = randomUUID();
  const fresh = {
    requestHash,
    status: 'in_flight',
    responseStatus: null,
    responseBody: null,
    createdAt: at,
    claimId,
    expiresAt: leaseUntil,
  };
  const rows = await ex
    .insert(idempotencyKeys)
    .values({ scope, key, ...fresh })
    .onConflictDoUpdate({
      target: [idempotencyKeys.scope, idempotencyKeys.key],
      set: fresh,
      setWhere: and(
        lte(idempotencyKeys.expiresAt, at),
        or(eq(idempotencyKeys.status, 'done'), eq(idempotencyKeys.requestHash, requestHash)),
      ),
    })
    .returning({ claimId: idempotencyKeys.claimId });
  return rows[0]?.claimId === claimId ? claimId : null;
}

export async function find(ex: Executor, scope: string, key: string) {
  const [r] = await ex.select().from(idempotencyKeys).where(row(scope, key));
  return r;
}

/** Stores the answer, if the claim still holds the key (a run whose lease was taken over does not). */
export async function complete(
  ex: Executor,
  scope: string,
  key: string,
  claimId: string,
  status: number,
  body: unknown,
  expiresAt: Date,
) {
  await ex
    .update(idempotencyKeys)
    .set({ status: 'done', responseStatus: status, responseBody: body, expiresAt })
    .where(and(row(scope, key), eq(idempotencyKeys.claimId, claimId)));
}

/** Frees the key for an immediate retry, if the claim still holds it. */
export async function release(ex: Executor, scope: string, key: string, claimId: string) {
  await ex.delete(idempotencyKeys).where(and(row(scope, key), eq(idempotencyKeys.claimId, claimId)));
}

/** Deletes keys whose time is up (claim() treats them as free anyway); the number deleted. */
export async function purgeExpired(ex: Executor, before: Date): Promise<number> {
  const rows = await ex
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.expiresAt, before))
    .returning({ one: sql<number>`1` });
  return rows.length;
}
