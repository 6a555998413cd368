import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { migrationsFolder } from '../../db/migrate';

export async function pingDatabase(ex: Executor): Promise<boolean> {
  await ex.execute(sql`select 1`);
  return true;
}

const rowsOf = async <T>(ex: Executor, q: ReturnType<typeof sql>) =>
  ((await ex.execute(q)) as unknown as { rows: T[] }).rows;

/** The migrations this build ships (server/migrations/meta/_journal.json), read once. */
let shipped: number | null = null;
function shippedMigrations(): number {
  shipped ??= (
    JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: unknown[];
    }
  ).entries.length;
  return shipped;
}

/** How many of this build's migrations the database has applied (Drizzle's own record of them). */
export async function migrationState(ex: Executor): Promise<{ applied: number; shipped: number }> {
  const [row] = await rowsOf<{ n: number }>(
    ex,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return { applied: Number(row?.n ?? 0), shipped: shippedMigrations() };
}

/**
 * Events the sealer has not chained yet, and the oldest one's time. The sealer chains whole
 * transactions in transaction-id order, so the unsealed ones are those after the last sealed
 * transaction (both lookups on an index).
 */
export async function sealerBacklog(ex: Executor): Promise<{ unsealed: number; oldestAt: Date | null }> {
  const [row] = await rowsOf<{ n: number; oldest: string | Date | null }>(
    ex,
    sql`select count(*)::int as n, min(e.at) as oldest from events e
        where e.tx_id > coalesce((select max(s.tx_id) from event_seals s), '0'::xid8)`,
  );
  return { unsealed: Number(row?.n ?? 0), oldestAt: row?.oldest ? new Date(row.oldest) : null };
}
