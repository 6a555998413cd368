/**
 * What is in the offices' hands right now (live counts, backlog by age) and the matters behind any
 * dashboard figure (drill-down). Both read the matters themselves, through the partial indexes of
 * the live matters and running clocks, not the rollups: they must be current to the second.
 */
import { type SQL, sql } from 'drizzle-orm';
import { backlogBuckets } from '../../../../core/domain/kpi/formulas';
import { type MatterCounterName, matterCounterNames } from '../../../../core/domain/kpi/measures';
import type { Executor } from '../../db/client';
import {
  inInstants,
  liveStatuses,
  type Months,
  matterWhere,
  openStatuses,
  rows,
  type Where,
} from './dashboard.repo';
import { type LiveName, liveSql, matterCounterSql } from './measures.sql';

const DAY = 86_400_000;
function backlogSql(key: string, now: Date): SQL {
  const i = backlogBuckets.findIndex((b) => b.key === key);
  const lo = i > 0 ? backlogBuckets[i - 1]!.maxDays : -1;
  const hi = backlogBuckets[i]!.maxDays;
  // Whole days since intake in (lo, hi]: created in [now − (hi+1) days, now − (lo+1) days).
  const newest = new Date(now.getTime() - (lo + 1) * DAY).toISOString();
  const oldest = Number.isFinite(hi) ? new Date(now.getTime() - (hi + 1) * DAY).toISOString() : null;
  return sql`m.status in (${openStatuses}) and m.created_at <= ${newest}::timestamptz ${
    oldest ? sql`and m.created_at > ${oldest}::timestamptz` : sql``
  }`;
}

/**
 * What is in the office's hands right now, with the backlog by age. Each count starts from its own
 * small side: status counts and ages from the live matters (partial index), overdue from the running
 * deadlines past due (by due instant), supervised from the unanswered orders (partial index), each
 * joined to its matter for the filters; never a per-matter subquery over every live row.
 */
export async function live(ex: Executor, w: Where, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const [a, o, s] = await Promise.all([
    byCounters(w) ? liveFromCounters(ex, w, now) : liveFromMatters(ex, w, now),
    rows<{ overdue: number }>(
      ex,
      sql`select count(distinct m.id)::int as overdue from deadlines d join matters m on m.county_code = d.county_code and m.id = d.matter_id
        where d.county_code = ${w.countyCode} and d.status = 'running' and d.due_at < ${at} and ${matterWhere(w)} and m.status in (${liveStatuses})`,
    ),
    rows<{ supervised: number }>(
      ex,
      sql`select count(distinct m.id)::int as supervised from supervision_orders s join matters m on m.county_code = s.county_code and m.id = s.matter_id
        where s.county_code = ${w.countyCode} and s.answered_at is null and ${matterWhere(w)} and m.status in (${liveStatuses})`,
    ),
  ]);
  const r = { ...a[0], ...o[0], ...s[0] };
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)]));
}

const statusCounts = (now: Date) =>
  sql`count(*) filter (where m.status in ('registered', 'transferring'))::int as unowned,
    count(*) filter (where m.status = 'rated')::int as "awaitingVisit",
    ${sql.join(
      backlogBuckets.map(
        (b) => sql`count(*) filter (where ${backlogSql(b.key, now)})::int as ${sql.raw(`"${b.key}"`)}`,
      ),
      sql`, `,
    )}`;

/** The status counts and backlog of the live matters, read from the matters themselves (any filter). */
export function liveFromMatters(ex: Executor, w: Where, now: Date, only?: SQL) {
  return rows<Record<string, number>>(
    ex,
    sql`select ${statusCounts(now)} from matters m
      where ${matterWhere(w)} and m.status in (${liveStatuses}) ${only ? sql`and (${only})` : sql``}`,
  );
}

/** The counters (dash_live_counts) have county, town, status and day: no village, category, kind or level. */
const byCounters = (w: Where) => !w.villageId && !w.categoryCode && !w.kind && !w.level;

const unownedStatuses = new Set(['registered', 'transferring']);
const openSet = new Set([
  'registered',
  'filed',
  'transferring',
  'objected',
  'handling',
  'mediating',
  'checking',
]);

/**
 * The same figures from the counters kept by the writes (issue 20: reading every live matter of a
 * county of 10^6 took 69–79 ms). A counter holds a whole UTC day of intake, and a backlog bucket starts
 * and ends at an instant (now − k days), so the days that hold a bucket's edge are counted exactly from
 * the matters (a handful of days' intakes, through the live index); every other day lies wholly inside
 * one bucket and is taken from its counters.
 */
export async function liveFromCounters(ex: Executor, w: Where, now: Date): Promise<Record<string, number>[]> {
  const edges = new Set<number>();
  const bounds = backlogBuckets.map((b, i) => {
    const lo = i > 0 ? backlogBuckets[i - 1]!.maxDays : -1;
    const newest = now.getTime() - (lo + 1) * DAY;
    const oldest = Number.isFinite(b.maxDays) ? now.getTime() - (b.maxDays + 1) * DAY : null;
    edges.add(Math.floor(newest / DAY));
    if (oldest !== null) edges.add(Math.floor(oldest / DAY));
    return { key: b.key, newest, oldest };
  });
  const edgeDays = [...edges].map((d) => new Date(d * DAY).toISOString().slice(0, 10));
  const onEdge = sql.join(
    [...edges].map(
      (d) =>
        sql`(m.created_at >= ${new Date(d * DAY).toISOString()}::timestamptz and m.created_at < ${new Date((d + 1) * DAY).toISOString()}::timestamptz)`,
    ),
    sql` or `,
  );
  const [exact, counted] = await Promise.all([
    liveFromMatters(ex, w, now, onEdge),
    rows<{ day: string; status: string; n: number }>(
      ex,
      sql`select day::text as day, status, sum(n)::int as n from dash_live_counts
        where county_code = ${w.countyCode} ${w.townId ? sql`and town_key = ${w.townId}` : sql``}
          and day not in (${sql.join(
            edgeDays.map((d) => sql`${d}::date`),
            sql`, `,
          )})
        group by day, status`,
    ),
  ]);
  const out: Record<string, number> = Object.fromEntries(
    Object.entries(exact[0] ?? {}).map(([k, v]) => [k, Number(v)]),
  );
  for (const { day, status, n } of counted) {
    const count = Number(n);
    if (unownedStatuses.has(status)) out.unowned = (out.unowned ?? 0) + count;
    if (status === 'rated') out.awaitingVisit = (out.awaitingVisit ?? 0) + count;
    if (!openSet.has(status)) continue;
    // Any instant of a day with no edge in it falls in the same bucket: take its noon.
    const t = Date.parse(`${day}T12:00:00.000Z`);
    const b = bounds.find((x) => t <= x.newest && (x.oldest === null || t > x.oldest));
    if (b) out[b.key] = (out[b.key] ?? 0) + count;
  }
  return [out];
}

/** The matters behind one figure, newest first; one row more than asked says whether more follow. */
export async function drill(
  ex: Executor,
  w: Where,
  measure: string,
  cur: Months,
  now: Date,
  limit: number,
  offset: number,
): Promise<string[]> {
  const l = liveSql(now, w.countyCode);
  let pred: SQL;
  if ((matterCounterNames as readonly string[]).includes(measure)) {
    pred = sql`${matterCounterSql(w.countyCode)[measure as MatterCounterName]} and ${inInstants(sql`m.created_at`, cur)}`;
  } else if (measure.startsWith('backlog_')) {
    pred = backlogSql(measure.slice('backlog_'.length), now);
  } else {
    const name = (measure === 'supervised_open' ? 'supervised' : measure) as LiveName;
    pred = sql`m.status in (${liveStatuses}) and ${l[name]}`;
  }
  const got = await rows<{ id: string }>(
    ex,
    sql`select m.id from matters m where ${matterWhere(w)} and ${pred} order by m.created_at desc limit ${limit} offset ${offset}`,
  );
  return got.map((r) => r.id);
}
