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

/** A county whose rollups were never built gets them before its first dashboard answer. */
export async function ensureRefreshed(deps: Deps, countyCode: string): Promise<Date> {
  const at = await refreshedAt(deps.database.db, countyCode);
  if (at) return at;
  await refreshDashboard(deps, countyCode);
  return deps.clock.now();
}
