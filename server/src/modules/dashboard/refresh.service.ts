/** Bringing the dashboard rollups up to date: after each deadline sweep, and once on first use. */
import type { Deps } from '../../context';
import { listCounties } from '../counties/counties.service';
import { type RefreshOutcome, refreshCounty, refreshedAt } from './refresh.repo';

export async function refreshDashboard(
  deps: Deps,
  countyCode: string,
  full = false,
): Promise<RefreshOutcome> {
  const now = deps.clock.now();
  return deps.database.transaction((tx) => refreshCounty(tx, countyCode, now, full));
}

export async function refreshDashboards(deps: Deps): Promise<void> {
  for (const c of await listCounties(deps)) await refreshDashboard(deps, c.code);
}

/**
 * The instant each county's rollups were last refreshed, remembered briefly per process: it only
 * labels the answer ("数据截至"), and one query fewer per request counts on a busy server.
 */
const known = new WeakMap<Deps['database'], Map<string, { at: Date; seen: number }>>();
const REMEMBER_MS = 10_000;

/** A county whose rollups were never built gets them before its first dashboard answer. */
export async function ensureRefreshed(deps: Deps, countyCode: string): Promise<Date> {
  let byCounty = known.get(deps.database);
  if (!byCounty) {
    byCounty = new Map();
    known.set(deps.database, byCounty);
  }
  const hit = byCounty.get(countyCode);
  if (hit && Date.now() - hit.seen < REMEMBER_MS) return hit.at;
  let at = await refreshedAt(deps.database.db, countyCode);
  if (!at) {
    await refreshDashboard(deps, countyCode);
    at = deps.clock.now();
  }
  byCounty.set(countyCode, { at, seen: Date.now() });
  return at;
}
