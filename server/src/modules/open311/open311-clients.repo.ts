/** Open311 clients and their hashed API keys. */
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { open311Clients } from '../../db/schema';

export type ClientRow = typeof open311Clients.$inferSelect;

export async function insertClient(ex: Executor, row: typeof open311Clients.$inferInsert): Promise<void> {
  await ex.insert(open311Clients).values(row);
}

export async function clientsOf(ex: Executor, countyCode: string): Promise<ClientRow[]> {
  return ex
    .select()
    .from(open311Clients)
    .where(eq(open311Clients.countyCode, countyCode))
    .orderBy(desc(open311Clients.createdAt));
}

export async function clientById(
  ex: Executor,
  countyCode: string,
  id: string,
): Promise<ClientRow | undefined> {
  const [c] = await ex
    .select()
    .from(open311Clients)
    .where(and(eq(open311Clients.countyCode, countyCode), eq(open311Clients.id, id)));
  return c;
}

/** A key is looked up in the county the call names (its jurisdiction): a key of another county is not found. */
export async function clientByKeyHash(
  ex: Executor,
  countyCode: string,
  keyHash: string,
): Promise<ClientRow | undefined> {
  const [c] = await ex
    .select()
    .from(open311Clients)
    .where(and(eq(open311Clients.countyCode, countyCode), eq(open311Clients.keyHash, keyHash)));
  return c;
}

export async function revoke(ex: Executor, countyCode: string, id: string, by: string, at: Date) {
  const [c] = await ex
    .update(open311Clients)
    .set({ revokedAt: at, revokedBy: by })
    .where(and(eq(open311Clients.countyCode, countyCode), eq(open311Clients.id, id)))
    .returning();
  return c;
}

export async function touch(ex: Executor, countyCode: string, id: string, at: Date): Promise<void> {
  await ex
    .update(open311Clients)
    .set({ lastUsedAt: at })
    .where(and(eq(open311Clients.countyCode, countyCode), eq(open311Clients.id, id)));
}
