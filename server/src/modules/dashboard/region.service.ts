/**
 * 市/省级 overview (issue 18): each county of the actor's city or province, its counters and rates over
 * the same months, answered by fan-out — one query per county, each on that county's rollups (on a
 * Citus cluster each goes to its county's shard, and they run side by side). The rates are
 * core/domain/kpi's, computed per county from its counters and for the region from the summed counters.
 * Who: `dashboard.region`, which no county role holds; the figures are aggregates of the rollups, with
 * no matter, person or org below the county named.
 */
import type { RegionQuery, RegionResponse } from '../../../../core/contracts/region';
import { computeKpis, type Kpis, kpiKeys, kpiLabels } from '../../../../core/domain/kpi/formulas';
import {
  type DueCounters,
  type MatterCounters,
  matterCounterNames,
} from '../../../../core/domain/kpi/measures';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import { getCounty, listCounties } from '../counties/counties.service';
import * as repo from './dashboard.repo';
import { periodOf } from './dashboard.service';
import { ensureRefreshed } from './refresh.service';

const only = (r: repo.CounterRow) =>
  Object.fromEntries(matterCounterNames.map((n) => [n, r[n] ?? 0])) as MatterCounters;

const kpiList = (k: Kpis) => kpiKeys.map((key) => ({ key, label: kpiLabels[key], value: k[key] }));

function sum<T extends Record<string, number>>(rows: T[]): T {
  const out: Record<string, number> = {};
  for (const r of rows) for (const [k, v] of Object.entries(r)) out[k] = (out[k] ?? 0) + v;
  return out as T;
}

export async function regionOverview(deps: Deps, ctx: RequestCtx, q: RegionQuery): Promise<RegionResponse> {
  const actor = requirePermission(ctx, 'dashboard.region');
  const home = await getCounty(deps, actor.countyCode);
  if (!home) throw new AppError('FORBIDDEN');
  const name = q.scope === 'city' ? home.cityName : home.provinceName;
  if (!name)
    throw new AppError(
      'NOT_FOUND',
      q.scope === 'city' ? '本县（区）未登记所属的市。' : '本县（区）未登记所属的省。',
    );
  const inRegion = (await listCounties(deps)).filter((c) =>
    q.scope === 'city' ? c.cityName === name : c.provinceName === name,
  );
  const period = periodOf(q, deps.clock.now());
  const now = deps.clock.now();
  const db = deps.database.db;
  const per = await Promise.all(
    inRegion.map(async (c) => {
      const refreshedAt = await ensureRefreshed(deps, c.code);
      const where = { countyCode: c.code };
      const [m, d] = await Promise.all([
        repo.matterCounters(db, 'rollup', where, period, period),
        repo.dutyCounters(db, 'rollup', where, period, period, now),
      ]);
      return {
        code: c.code,
        name: c.name,
        counters: only(m.current),
        handling: d.current.handling,
        supervision: d.current.supervision,
        refreshedAt,
      };
    }),
  );
  const total = {
    matters: sum(per.map((p) => p.counters)),
    handling: sum<DueCounters>(per.map((p) => p.handling)),
    supervision: sum<DueCounters>(per.map((p) => p.supervision)),
  };
  return {
    scope: q.scope,
    name,
    period,
    counties: per.map((p) => ({
      code: p.code,
      name: p.name,
      counters: p.counters,
      kpis: kpiList(computeKpis({ matters: p.counters, handling: p.handling, supervision: p.supervision })),
      refreshedAt: p.refreshedAt.toISOString(),
    })),
    total: { counters: total.matters, kpis: kpiList(computeKpis(total)) },
  };
}
