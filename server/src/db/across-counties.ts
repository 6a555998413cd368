/**
 * The named exceptions to "every statement names its county" (issue 18). On a Citus cluster a
 * statement on a distributed table that does not fix `county_code` runs on every shard; `npm run
 * test:citus` makes such a statement an error (citus.multi_task_query_log_level = error on its
 * databases), except inside `acrossCounties`, whose reasons below are the whole allow-list: work that
 * is by nature about every county (the sweeps that find what fell due anywhere, the province's
 * dashboard, sealing every county's chain, the readiness probe).
 *
 * On PGlite and a single PostgreSQL the setting is an inert custom variable; the function only opens
 * the transaction the statements run in.
 */
import { sql } from 'drizzle-orm';
import type { Database, Tx } from './client';

export type AcrossCountiesReason =
  | 'sweep' // jobs that look for what fell due in any county (deadlines, outboxes, reminders, retention)
  | 'province' // the province dashboard: one figure per county, by fan-out
  | 'seal' // the sealer and the chain verifier walk every county's chain
  | 'health' // readiness and metrics count rows across the database
  | 'demo'; // the demo generator and seed (embedded database, one county)

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
