import type { Deps } from '../../context';
import { coverageNow } from '../calendar/calendar.service';
import { pingDatabase } from './health.repo';

/**
 * Liveness with what an operator must act on: the database, how far the official holiday
 * arrangements reach (a missing year makes dates provisional, docs/LEGAL.md §8.5), and whether the
 * clock is a simulated one (ZONGZHI_CLOCK, demos and training only).
 */
export async function checkHealth(deps: Deps) {
  const databaseOk = await pingDatabase(deps.database.db).catch(() => false);
  const calendar = databaseOk ? await coverageNow(deps).catch(() => null) : null;
  return {
    status: databaseOk ? ('ok' as const) : ('degraded' as const),
    database: deps.database.kind,
    databaseOk,
    time: deps.clock.now().toISOString(),
    clock: { simulated: deps.config.clockStart !== null },
    calendar,
  };
}
