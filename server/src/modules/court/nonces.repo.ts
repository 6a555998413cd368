import { lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { courtNonces } from '../../db/schema';

/** Records a nonce; false when it was seen before (a replay). */
export async function remember(ex: Executor, nonce: string, keyId: string, at: Date): Promise<boolean> {
  const rows = await ex
    .insert(courtNonces)
    .values({ nonce, keyId, receivedAt: at })
    .onConflictDoNothing()
    .returning({ nonce: courtNonces.nonce });
  return rows.length === 1;
}

export async function forgetBefore(ex: Executor, before: Date): Promise<number> {
  const rows = await ex
    .delete(courtNonces)
    .where(lt(courtNonces.receivedAt, before))
    .returning({ n: sql`1` });
  return rows.length;
}
