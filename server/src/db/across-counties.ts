/**
 * The named exceptions to "every statement names its county" (issue 18). On a Citus cluster a
 * statement on a distributed table that does not fix `county_code` runs on every shard; `npm run
 * test:citus` makes such a statement an error (citus.multi_task_query_log_level = error on its
 * databases), except inside `acrossCounties`, whose reasons below are the whole allow-list: work that
 * is by nature about every county at once.
 *
 * On PGlite and a single PostgreSQL the setting is an inert custom variable; the function only opens
 * the transaction the statements run in.
 */
import { sql } from 'drizzle-orm';
import type { Database, Tx } from './client';

/**
 * The reasons. Only readiness and the metrics scrape count across every county today: the sweeps, the
 * sealer (one chain and one lock per county, migration 0043) and the province's overview (one query
 * per county) all go county by county instead.
 */
export type AcrossCountiesReason = 'health'; // readiness (the sealer's backlog) and /metrics count rows of every county

export async function acrossCounties<T>(
  database: Database,
  reason: AcrossCountiesReason,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return database.transaction(async (tx) => {
    // The reason shows in pg_stat_activity next to the statement that fans out.
    await tx.execute(
      sql`select set_config('citus.multi_task_query_log_level', 'off', true), set_config('application_name', ${`zongzhi:${reason}`}, true)`,
    );
    return fn(tx);
  });
}
