/**
 * Deletes the Idempotency-Key rows whose lease or replay window has ended (modules/matters/
 * idempotency.service.ts). Correctness never waits for it: a claim treats such a row as free. It
 * only keeps the table from growing with every key ever sent. Hourly is plenty for a 24-hour window.
 */
import type { Deps } from '../context';
import { purgeExpiredKeys } from '../modules/matters/idempotency.service';
import { type PeriodicOptions, startPeriodic } from './periodic';

export const IDEMPOTENCY_PURGE_INTERVAL_MS = 60 * 60_000;

export function startIdempotencyPurge(deps: Deps, opts: PeriodicOptions) {
  return startPeriodic(() => purgeExpiredKeys(deps), { name: 'idempotency_purge', ...opts });
}
