import type { Deps } from '../../context';
import { acrossCounties } from '../../db/across-counties';
import { coverageNow } from '../calendar/calendar.service';
import { migrationState, pingDatabase, sealerBacklog } from './health.repo';

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

/**
 * The sealer chains events within a second or two of their commit; a backlog older than this means it
 * is stuck or failing, and the audit trail is not being protected (docs/SECURITY.md).
 */
export const SEALER_LAG_LIMIT_SECONDS = 120;

/** Events the sealer has not chained yet, and how long the oldest has waited (seconds). */
export async function sealerLag(deps: Deps): Promise<{ unsealed: number; lagSeconds: number }> {
  // Every county's backlog in one count (readiness is about the whole database).
  const backlog = await acrossCounties(deps.database, 'health', (tx) => sealerBacklog(tx));
  const lagSeconds = backlog.oldestAt
    ? Math.max(0, Math.round((deps.clock.now().getTime() - backlog.oldestAt.getTime()) / 1000))
    : 0;
  return { unsealed: backlog.unsealed, lagSeconds };
}

/**
 * Readiness: whether this instance should take traffic. Ready when the database answers, every
 * migration of this build is applied, and the event sealer keeps up. The calendar is reported but
 * never makes an instance unready: a year without holiday data only makes dates provisional.
 */
export async function checkReadiness(deps: Deps) {
  const now = deps.clock.now();
  const databaseOk = await pingDatabase(deps.database.db).catch(() => false);
  const migrations = databaseOk ? await migrationState(deps.database.db).catch(() => null) : null;
  const sealer = databaseOk ? await sealerLag(deps).catch(() => null) : null;
  const calendar = databaseOk ? await coverageNow(deps).catch(() => null) : null;
  const checks = {
    database: databaseOk,
    migrations: migrations !== null && migrations.applied >= migrations.shipped,
    sealer: sealer !== null && sealer.lagSeconds <= SEALER_LAG_LIMIT_SECONDS,
  };
  return {
    ready: Object.values(checks).every(Boolean),
    checks,
    migrations,
    sealer,
    calendar,
    time: now.toISOString(),
  };
}
