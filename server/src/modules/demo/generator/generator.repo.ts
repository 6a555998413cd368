import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';

/**
 * What autovacuum would do some minutes after a bulk load, done at once: fresh statistics for the
 * planner and all-visible pages, so the dashboard's live counts are answered from their covering
 * indexes instead of a heap read per live matter.
 */
export async function analyzeGeneratedTables(db: Db): Promise<void> {
  await db.execute(sql`vacuum (analyze) matters, matter_parties, deadlines, supervision_orders`);
}
