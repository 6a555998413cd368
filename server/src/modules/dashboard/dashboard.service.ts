/**
 * The leader's dashboard. Authorization: the `dashboard.view` permission, then the subtree: a district
 * leader sees the county, a town leader the town, a village leader the village; a filter outside the
 * subtree answers 404 like a missing org. County and town figures come from the rollups, a village's
 * from its matters directly (a few thousand rows). KPI formulas are core/domain/kpi's.
 */
import type { DashboardFilter } from '../../../../core/contracts/dashboard';
import { categoryByCode } from '../../../../core/domain/catalog/categories';
import {
  backlogBuckets,
  computeKpis,
  countChange,
  kpiKeys,
  kpiLabels,
  ratio,
  ratioChange,
  sameMonthsLastYear,
} from '../../../../core/domain/kpi/formulas';
import { type MatterCounters, matterCounterNames } from '../../../../core/domain/kpi/measures';
import { channelLabels, channels, matterKindLabels } from '../../../../core/domain/matters/model';
import { levelLabels } from '../../../../core/domain/orgs';
import { toLocalDate } from '../../../../core/domain/time-limits';
import { AppError } from '../../../../core/errors';
import { requirePermission } from '../../authz';
import type { Deps, RequestCtx } from '../../context';
import { countyCatalog } from '../config/catalog.service';
import { summariesByIds } from '../matters/query.service';
import { getOrgRow, orgRowsByIds } from '../orgs/orgs.service';
import * as repo from './dashboard.repo';
import * as liveRepo from './live.repo';
import { ensureRefreshed } from './refresh.service';

type OrgRow = NonNullable<Awaited<ReturnType<typeof getOrgRow>>>;

export interface Scope {
  org: OrgRow;
  where: repo.Where;
  source: repo.Source;
  cur: repo.Months;
  prev: repo.Months;
  /** When the rollups were last brought up to date. */
  refreshedAt: Date;
}

const toRef = (o: OrgRow) => ({
  id: o.id,
  name: o.name,
  kind: o.kind as never,
  level: o.level as never,
  divisionCode: o.divisionCode,
});

export function periodOf(f: Pick<DashboardFilter, 'from' | 'to'>, now: Date): repo.Months {
  const today = toLocalDate(now).slice(0, 7);
  const to = f.to ?? today;
  const from = f.from ?? `${to.slice(0, 4)}-01`;
  if (from > to)
    throw new AppError('VALIDATION_FAILED', '起始月份不能晚于截止月份。', {
      fields: { from: '起始月份晚于截止月份' },
    });
  const months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5));
  if (months >= 36)
    throw new AppError('VALIDATION_FAILED', '时间范围最长 36 个月。', { fields: { from: '时间范围过长' } });
  return { from, to };
}

/** The actor's territorial org (its town or village for a department inside one) and the filters inside it. */
export async function scopeOf(deps: Deps, ctx: RequestCtx, f: DashboardFilter): Promise<Scope> {
  const actor = requirePermission(ctx, 'dashboard.view');
  if (!actor.orgId || !actor.orgPath) throw new AppError('FORBIDDEN');
  const ids = actor.orgPath.split('/').filter(Boolean);
  const index = { district: 0, town: 1, village: 2 }[actor.orgLevel ?? 'district'];
  const home = await getOrgRow(deps, ids[index] ?? actor.orgId);
  if (!home) throw new AppError('FORBIDDEN');
  const where: repo.Where = { countyCode: actor.countyCode };
  if (home.level === 'town') where.townId = home.id;
  if (home.level === 'village') where.villageId = home.id;
  let org = home;
  for (const [key, kind] of [
    ['townId', 'town'],
    ['villageId', 'village'],
  ] as const) {
    const id = f[key];
    if (!id) continue;
    const o = await getOrgRow(deps, id);
    // Outside the subtree answers like a missing org.
    if (!o || o.kind !== kind || o.countyCode !== actor.countyCode || !o.path.startsWith(home.path))
      throw new AppError('NOT_FOUND', kind === 'town' ? '未找到该乡镇（街道）。' : '未找到该村（社区）。');
    where[key] = o.id;
    if (o.path.length > org.path.length) org = o;
  }
  if (f.villageId && f.townId && !org.path.includes(`/${f.townId}/`))
    throw new AppError('NOT_FOUND', '该村（社区）不属于所选乡镇（街道）。');
  if (f.categoryCode) {
    // The county's own list: it may have added categories (retired ones still count in the past).
    const { categories } = await countyCatalog(deps.database.db, actor.countyCode);
    if (!categoryByCode(f.categoryCode, categories))
      throw new AppError('VALIDATION_FAILED', `未知的事项类别：${f.categoryCode}`, {
        fields: { categoryCode: '未知类别' },
      });
    where.categoryCode = f.categoryCode;
  }
  where.kind = f.kind;
  where.level = f.level;
  const cur = periodOf(f, deps.clock.now());
  const refreshedAt = await ensureRefreshed(deps, actor.countyCode);
  return {
    refreshedAt,
    org,
    where,
    source: where.villageId ? 'direct' : 'rollup',
    cur,
    prev: sameMonthsLastYear(cur.from, cur.to),
  };
}

function scopeView(deps: Deps, s: Scope) {
  const at = s.source === 'rollup' ? s.refreshedAt : deps.clock.now();
  return { org: toRef(s.org), source: s.source, refreshedAt: at.toISOString() };
}

const countKeys = [
  ['intake', '受理量'],
  ['collective', '集体访'],
  ['skippedLevel', '越级'],
  ['escalated', '上提'],
  ['supervised', '被督办事项'],
] as const;

export async function dashboardKpis(deps: Deps, ctx: RequestCtx, f: DashboardFilter) {
  const s = await scopeOf(deps, ctx, f);
  const db = deps.database.db;
  const now = deps.clock.now();
  const [m, d, b] = await Promise.all([
    repo.matterCounters(db, s.source, s.where, s.cur, s.prev),
    repo.dutyCounters(db, s.source, s.where, s.cur, s.prev, now),
    repo.breakdown(db, s.source, s.where, s.cur),
  ]);
  const only = (r: repo.CounterRow) =>
    Object.fromEntries(matterCounterNames.map((n) => [n, r[n]])) as MatterCounters;
  const cur = computeKpis({
    matters: only(m.current),
    handling: d.current.handling,
    supervision: d.current.supervision,
  });
  const prev = computeKpis({
    matters: only(m.previous),
    handling: d.previous.handling,
    supervision: d.previous.supervision,
  });
  const towns = await orgRowsByIds(
    deps,
    b.filter((r) => r.dim === 'town_key' && r.key).map((r) => r.key),
  );
  const { categories } = await countyCatalog(db, s.where.countyCode);
  const items = (dim: string, label: (k: string) => string) =>
    b
      .filter((r) => r.dim === dim)
      .map((r) => ({ key: r.key, label: label(r.key), count: r.count }))
      .sort((x, y) => y.count - x.count);
  return {
    scope: scopeView(deps, s),
    period: s.cur,
    previousPeriod: s.prev,
    counters: { current: only(m.current), previous: only(m.previous) },
    duties: {
      handling: { current: d.current.handling, previous: d.previous.handling },
      supervision: { current: d.current.supervision, previous: d.previous.supervision },
    },
    kpis: kpiKeys.map((k) => ({ key: k, label: kpiLabels[k], ...ratioChange(cur[k], prev[k]) })),
    counts: countKeys.map(([k, label]) => ({ key: k, label, ...countChange(m.current[k], m.previous[k]) })),
    breakdown: {
      channel: channels
        .map((c) => ({ key: c, label: channelLabels[c], count: m.current[`ch_${c}`] ?? 0 }))
        .sort((x, y) => y.count - x.count),
      kind: items('kind', (k) => matterKindLabels[k as keyof typeof matterKindLabels] ?? k),
      category: items('category_code', (k) => categoryByCode(k, categories)?.name ?? k),
      town: items('town_key', (k) => (k ? (towns.get(k)?.name ?? k) : '未定位')),
      intakeLevel: items('intake_level', (k) => levelLabels[k as keyof typeof levelLabels] ?? k),
      ownerLevel: items('owner_level', (k) => levelLabels[k as keyof typeof levelLabels] ?? k),
    },
  };
}

export async function dashboardTrend(deps: Deps, ctx: RequestCtx, f: DashboardFilter) {
  const s = await scopeOf(deps, ctx, f);
  const t = await repo.trend(deps.database.db, s.source, s.where, s.cur, deps.clock.now());
  const months: string[] = [];
  for (let y = Number(s.cur.from.slice(0, 4)), mo = Number(s.cur.from.slice(5)); ; ) {
    const key = `${y}-${String(mo).padStart(2, '0')}`;
    months.push(key);
    if (key >= s.cur.to) break;
    mo = mo === 12 ? 1 : mo + 1;
    if (mo === 1) y++;
  }
  return {
    scope: scopeView(deps, s),
    months: months.map((month) => {
      const m = t.matters.find((r) => r.month === month);
      const d = t.duties.find((r) => r.month === month);
      const n = (x: unknown) => Number(x ?? 0);
      return {
        month,
        intake: n(m?.intake),
        done: n(m?.done),
        resolvedRate: ratio(n(m?.resolved), n(m?.done)),
        onTimeRate: ratio(n(d?.onTime), n(d?.onTime) + n(d?.late) + n(d?.openOverdue)),
        satisfactionRate: ratio(n(m?.satisfied), n(m?.rated)),
      };
    }),
  };
}

export async function dashboardMap(deps: Deps, ctx: RequestCtx, f: DashboardFilter) {
  const s = await scopeOf(deps, ctx, f);
  const grids = await repo.gridDensity(deps.database.db, s.source, s.where, s.cur);
  return { scope: scopeView(deps, s), grids, max: grids.reduce((x, g) => Math.max(x, g.count), 0) };
}

export async function dashboardLive(deps: Deps, ctx: RequestCtx, f: DashboardFilter) {
  const s = await scopeOf(deps, ctx, f);
  const r = await liveRepo.live(deps.database.db, s.where, deps.clock.now());
  return {
    scope: {
      ...scopeView(deps, s),
      source: 'direct' as const,
      refreshedAt: deps.clock.now().toISOString(),
    },
    counts: {
      unowned: r.unowned ?? 0,
      overdue: r.overdue ?? 0,
      supervised: r.supervised ?? 0,
      awaitingVisit: r.awaitingVisit ?? 0,
    },
    backlog: backlogBuckets.map((b) => ({ key: b.key, label: b.label, count: r[b.key] ?? 0 })),
  };
}

export async function dashboardDrill(
  deps: Deps,
  ctx: RequestCtx,
  q: DashboardFilter & { measure: string; page: number; pageSize: number },
) {
  const s = await scopeOf(deps, ctx, q);
  const ids = await liveRepo.drill(
    deps.database.db,
    s.where,
    q.measure,
    s.cur,
    deps.clock.now(),
    q.pageSize + 1,
    (q.page - 1) * q.pageSize,
  );
  const items = await summariesByIds(deps, ctx, ids.slice(0, q.pageSize));
  return { items, page: q.page, pageSize: q.pageSize, hasMore: ids.length > q.pageSize };
}

/**
 * A year's matter counters per village (平安建设 targets, modules/safety): counted like the dashboard
 * counts a village, so a target's 化解率 is the dashboard's. Villages without a matter get zeros.
 */
export async function villageYearCounters(
  deps: Deps,
  countyCode: string,
  villageIds: readonly string[],
  year: number,
): Promise<Map<string, MatterCounters>> {
  return repo.villageCounters(deps.database.db, countyCode, villageIds, {
    from: `${year}-01`,
    to: `${year}-12`,
  });
}
