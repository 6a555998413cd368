import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';

const rowsOf = async <T>(ex: Executor, q: ReturnType<typeof sql>) =>
  ((await ex.execute(q)) as unknown as { rows: T[] }).rows;

/** Matters per county and state (on matters_status_idx). */
export async function mattersByState(ex: Executor) {
  return rowsOf<{ county_code: string; status: string; n: number }>(
    ex,
    sql`select county_code, status, count(*)::int as n from matters group by county_code, status`,
  );
}

/** Court and notification deliveries still waiting to go out. */
export async function outboxBacklog(ex: Executor) {
  return rowsOf<{ box: string; n: number }>(
    ex,
    sql`select 'court' as box, count(*)::int as n from court_outbox where status = 'pending'
        union all
        select 'notifications', count(*)::int from notification_outbox where status = 'pending'`,
  );
}
