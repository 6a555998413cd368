/**
 * Dashboard reads. Two sources with the same answers: the rollups (county and town scope: a few
 * thousand pre-summed rows per request) and the matters themselves (a village, or the naive baseline
 * in bench/): both count with the predicates of measures.sql.ts.
 */
import { type SQL, sql } from 'drizzle-orm';
import {
  dueCounterNames,
  type MatterCounterName,
  matterCounterNames,
} from '../../../../core/domain/kpi/measures';
import { channels, matterKinds } from '../../../../core/domain/matters/model';
import type { Executor } from '../../db/client';
import { snake } from '../../db/schema/dashboard';
import { dueCounterSql, handlingBasesSql, matterCounterSql } from './measures.sql';

export interface Where {
  countyCode: string;
  townId?: string | undefined;
  villageId?: string | undefined;
  categoryCode?: string | undefined;
  kind?: string | undefined;
  level?: string | undefined;
}
/** Months as 'YYYY-MM', inclusive. */
export interface Months {
  from: string;
  to: string;
}
export type Source = 'rollup' | 'direct';

const TZ = "'Asia/Shanghai'";
export const liveStatuses = sql.raw(
  [
    'registered',
    'filed',
    'transferring',
    'objected',
    'handling',
    'mediating',
    'checking',
    'answered',
    'rated',
  ]
    .map((s) => `'${s}'`)
    .join(', '),
);
export const openStatuses = sql.raw(
  ['registered', 'filed', 'transferring', 'objected', 'handling', 'mediating', 'checking']
    .map((s) => `'${s}'`)
    .join(', '),
);

export async function rows<T>(ex: Executor, q: SQL): Promise<T[]> {
  return ((await ex.execute(q)) as unknown as { rows: T[] }).rows;
}
const first = (m: string) => sql`${`${m}-01`}::date`;
/** The instant a local month starts. */
const startOf = (m: string) => sql`(${`${m}-01`}::date::timestamp at time zone ${sql.raw(TZ)})`;
const endOf = (m: string) =>
  sql`((${`${m}-01`}::date + interval '1 month')::timestamp at time zone ${sql.raw(TZ)})`;
export const inInstants = (col: SQL, p: Months) =>
  sql`(${col} >= ${startOf(p.from)} and ${col} < ${endOf(p.to)})`;
const inMonthCol = (p: Months) => sql`(month between ${first(p.from)} and ${first(p.to)})`;

function categoryMatch(col: string, code: string): SQL {
  return sql`(${sql.raw(col)} = ${code} or ${sql.raw(col)} like ${`${code}-%`})`;
}

/** Filters on the rollup tables (`level` is the owner level on matters, the duty's level on duties). */
function rollupWhere(w: Where, levelCol: string): SQL {
  const parts: SQL[] = [sql`county_code = ${w.countyCode}`];
  if (w.townId) parts.push(sql`town_key = ${w.townId}`);
  if (w.categoryCode) parts.push(categoryMatch('category_code', w.categoryCode));
  if (w.kind) parts.push(sql`kind = ${w.kind}`);
  if (w.level) parts.push(sql`${sql.raw(levelCol)} = ${w.level}`);
  return sql.join(parts, sql` and `);
}

/** Filters on matters `m` (the level is the owner's, or the duty's via `levelCol`). */
export function matterWhere(w: Where, levelCol = 'm.owner_level'): SQL {
  const parts: SQL[] = [sql`m.county_code = ${w.countyCode}`];
  if (w.townId) parts.push(sql`m.town_id = ${w.townId}`);
  if (w.villageId) parts.push(sql`m.village_id = ${w.villageId}`);
  if (w.categoryCode) parts.push(categoryMatch('m.category_code', w.categoryCode));
  if (w.kind) parts.push(sql`m.kind = ${w.kind}`);
  if (w.level) parts.push(sql`${sql.raw(levelCol)} = ${w.level}`);
  return sql.join(parts, sql` and `);
}

/**
 * Which cut of the rollup lattice answers: the per-town cuts (a few hundred rows) when only time and
 * place are filtered, the county cubes (no town) for a county-wide request filtered by category, kind
 * or level, and the detailed cube (every town) for a town's filtered request.
 */
const unfiltered = (w: Where) => !w.categoryCode && !w.kind && !w.level;
const matterTable = (w: Where) =>
  unfiltered(w) ? 'dash_town_rollup' : w.townId ? 'dash_matter_rollup' : 'dash_matter_county_rollup';
const dueTable = (w: Where) =>
  unfiltered(w) ? 'dash_due_town_rollup' : w.townId ? 'dash_due_rollup' : 'dash_due_county_rollup';

export type CounterRow = Record<MatterCounterName, number> & Record<`ch_${string}`, number>;
const chCols = channels.map((c) => `ch_${c}`);

export async function matterCounters(
  ex: Executor,
  source: Source,
  w: Where,
  cur: Months,
  prev: Months,
): Promise<{ current: CounterRow; previous: CounterRow }> {
  let q: SQL;
  if (source === 'rollup') {
    const sums = [
      ...matterCounterNames.map((n) => [n, snake(n)] as const),
      ...chCols.map((c) => [c, c] as const),
    ].map(([alias, col]) => sql.raw(`coalesce(sum(${col}), 0)::int as "${alias}"`));
    q = sql`select ${inMonthCol(cur)} as cur, ${sql.join(sums, sql`, `)} from ${sql.raw(matterTable(w))}
      where ${rollupWhere(w, 'owner_level')} and (${inMonthCol(cur)} or ${inMonthCol(prev)}) group by 1`;
  } else {
    const counts = [
      ...matterCounterNames.map(
        (n) => sql`count(*) filter (where ${matterCounterSql(w.countyCode)[n]})::int as ${sql.raw(`"${n}"`)}`,
      ),
      ...channels.map(
        (c) =>
          sql`count(*) filter (where m.status <> 'merged' and m.channel = ${c})::int as ${sql.raw(`"ch_${c}"`)}`,
      ),
    ];
    q = sql`select ${inInstants(sql`m.created_at`, cur)} as cur, ${sql.join(counts, sql`, `)} from matters m
      where ${matterWhere(w)} and (${inInstants(sql`m.created_at`, cur)} or ${inInstants(sql`m.created_at`, prev)}) group by 1`;
  }
  const got = await rows<CounterRow & { cur: boolean }>(ex, q);
  const empty = Object.fromEntries([...matterCounterNames, ...chCols].map((n) => [n, 0])) as CounterRow;
  const pick = (c: boolean) => {
    const r = got.find((x) => x.cur === c);
    return r
      ? (Object.fromEntries(
          Object.entries(r)
            .filter(([k]) => k !== 'cur')
            .map(([k, v]) => [k, Number(v)]),
        ) as CounterRow)
      : empty;
  };
  return { current: pick(true), previous: pick(false) };
}

export type DueRow = { onTime: number; late: number; openOverdue: number };
export type DueByItem = { handling: DueRow; supervision: DueRow };

export async function dutyCounters(
  ex: Executor,
  source: Source,
  w: Where,
  cur: Months,
  prev: Months,
  asOf: Date,
): Promise<{ current: DueByItem; previous: DueByItem }> {
  let q: SQL;
  if (source === 'rollup') {
    q = sql`select ${inMonthCol(cur)} as cur, item, sum(on_time)::int as "onTime", sum(late)::int as late,
        sum(open_overdue)::int as "openOverdue"
      from ${sql.raw(dueTable(w))} where ${rollupWhere(w, 'level')} and (${inMonthCol(cur)} or ${inMonthCol(prev)}) group by 1, 2`;
  } else {
    const h = dueCounterSql('d.due_at', 'd.stopped_at', "d.status in ('running', 'paused')", asOf);
    const s = dueCounterSql('s.due_at', 's.answered_at', 'true', asOf);
    const cnt = (c: ReturnType<typeof dueCounterSql>) =>
      sql`count(*) filter (where ${c.onTime})::int as "onTime", count(*) filter (where ${c.late})::int as late,
          count(*) filter (where ${c.openOverdue})::int as "openOverdue"`;
    q = sql`select ${inInstants(sql`d.due_at`, cur)} as cur, 'handling' as item, ${cnt(h)}
        from deadlines d join matters m on m.county_code = d.county_code and m.id = d.matter_id join orgs o on o.id = d.org_id
        where d.county_code = ${w.countyCode} and ${matterWhere(w, 'o.level')} and d.basis in (${handlingBasesSql}) and d.due_at is not null
          and (${inInstants(sql`d.due_at`, cur)} or ${inInstants(sql`d.due_at`, prev)}) group by 1
      union all
      select ${inInstants(sql`s.due_at`, cur)} as cur, 'supervision' as item, ${cnt(s)}
        from supervision_orders s join matters m on m.county_code = s.county_code and m.id = s.matter_id join orgs o on o.id = s.target_org_id
        where s.county_code = ${w.countyCode} and ${matterWhere(w, 'o.level')} and (${inInstants(sql`s.due_at`, cur)} or ${inInstants(sql`s.due_at`, prev)}) group by 1`;
  }
  const got = await rows<DueRow & { cur: boolean; item: string }>(ex, q);
  const one = (c: boolean, item: string): DueRow => {
    const r = got.find((x) => x.cur === c && x.item === item);
    return Object.fromEntries(dueCounterNames.map((n) => [n, Number(r?.[n] ?? 0)])) as DueRow;
  };
  return {
    current: { handling: one(true, 'handling'), supervision: one(true, 'supervision') },
    previous: { handling: one(false, 'handling'), supervision: one(false, 'supervision') },
  };
}

export type BreakdownRow = { dim: string; key: string; count: number };
const levels = ['village', 'town', 'district'] as const;

/** Intake of the period by kind, category, town, intake level and owner level. */
export async function breakdown(
  ex: Executor,
  source: Source,
  w: Where,
  cur: Months,
): Promise<BreakdownRow[]> {
  const out: BreakdownRow[] = [];
  const add = (dim: string, key: string, count: unknown) => {
    if (Number(count) > 0) out.push({ dim, key, count: Number(count) });
  };
  if (source === 'rollup' && unfiltered(w)) {
    const cols = [
      ...matterKinds.map((k) => `k_${k}`),
      ...levels.map((l) => `il_${l}`),
      ...levels.map((l) => `ol_${l}`),
    ];
    const towns = await rows<Record<string, unknown>>(
      ex,
      sql`select town_key, sum(intake)::int as intake, ${sql.raw(cols.map((c) => `sum(${c})::int as ${c}`).join(', '))}
        from dash_town_rollup where ${rollupWhere(w, 'owner_level')} and ${inMonthCol(cur)} group by 1`,
    );
    const total = (c: string) => towns.reduce((n, r) => n + Number(r[c] ?? 0), 0);
    for (const k of matterKinds) add('kind', k, total(`k_${k}`));
    for (const l of levels) add('intake_level', l, total(`il_${l}`));
    for (const l of levels) add('owner_level', l, total(`ol_${l}`));
    for (const r of towns) add('town_key', String(r.town_key), r.intake);
    // County-wide, the categories come from the county cube (no town rows to add up).
    const cats = await rows<{ key: string; count: number }>(
      ex,
      sql`select category_code as key, sum(intake)::int as count
        from ${sql.raw(w.townId ? 'dash_category_rollup' : 'dash_matter_county_rollup')}
        where ${rollupWhere(w, 'owner_level')} and ${inMonthCol(cur)} group by 1`,
    );
    for (const r of cats) add('category_code', r.key, r.count);
    return out;
  }
  if (source === 'rollup' && !w.townId) {
    // County-wide and filtered: kind, category and the levels from the county cube; only the towns
    // need the detailed cube, read through its filter indexes.
    const sets = sql.raw('(kind), (category_code), (owner_level), ()');
    const which = sql.raw(
      "case when grouping(kind) = 0 then 'kind' when grouping(category_code) = 0 then 'category_code' when grouping(owner_level) = 0 then 'owner_level' end",
    );
    const [byDim, byTown] = await Promise.all([
      rows<BreakdownRow & Record<string, unknown>>(
        ex,
        sql`select ${which} as dim, coalesce(kind, category_code, owner_level) as key, sum(intake)::int as count,
          ${sql.raw(levels.map((l) => `sum(il_${l})::int as il_${l}`).join(', '))}
          from dash_matter_county_rollup where ${rollupWhere(w, 'owner_level')} and ${inMonthCol(cur)}
          group by grouping sets (${sets})`,
      ),
      rows<{ key: string; count: number }>(
        ex,
        sql`select town_key as key, sum(intake)::int as count from dash_matter_rollup
          where ${rollupWhere(w, 'owner_level')} and ${inMonthCol(cur)} group by 1`,
      ),
    ]);
    for (const r of byDim) {
      if (r.dim) add(r.dim, r.key, r.count);
      else for (const l of levels) add('intake_level', l, r[`il_${l}`]);
    }
    for (const r of byTown) add('town_key', r.key, r.count);
    return out;
  }
  const direct = source === 'direct';
  const dims = direct
    ? (['kind', 'category_code', 'town_key', 'intake_level', 'owner_level'] as const)
    : (['kind', 'category_code', 'town_key', 'owner_level'] as const);
  const col = (d: string) => (!direct ? d : d === 'town_key' ? "coalesce(m.town_id::text, '')" : `m.${d}`);
  const sets = sql.raw(dims.map((d) => `(${col(d)})`).join(', '));
  const which = sql.raw(`case ${dims.map((d) => `when grouping(${col(d)}) = 0 then '${d}'`).join(' ')} end`);
  const key = sql.raw(`coalesce(${dims.map(col).join(', ')})`);
  const q = direct
    ? sql`select ${which} as dim, ${key} as key, count(*) filter (where m.status <> 'merged')::int as count from matters m
        where ${matterWhere(w)} and ${inInstants(sql`m.created_at`, cur)} group by grouping sets (${sets})`
    : sql`select ${which} as dim, ${key} as key, sum(intake)::int as count, ${sql.raw(levels.map((l) => `sum(il_${l})::int as il_${l}`).join(', '))}
        from dash_matter_rollup where ${rollupWhere(w, 'owner_level')} and ${inMonthCol(cur)} group by grouping sets (${sets}, ())`;
  for (const r of await rows<BreakdownRow & Record<string, unknown>>(ex, q)) {
    if (r.dim) add(r.dim, r.key, r.count);
    else for (const l of levels) add('intake_level', l, r[`il_${l}`]);
  }
  return out;
}

export type TrendRow = {
  month: string;
  intake: number;
  done: number;
  resolved: number;
  rated: number;
  satisfied: number;
};
export type TrendDueRow = { month: string; onTime: number; late: number; openOverdue: number };

export async function trend(ex: Executor, source: Source, w: Where, cur: Months, asOf: Date) {
  const cols = ['intake', 'done', 'resolved', 'rated', 'satisfied'] as const;
  const mq =
    source === 'rollup'
      ? sql`select to_char(month, 'YYYY-MM') as month, ${sql.raw(cols.map((c) => `sum(${c})::int as ${c}`).join(', '))}
          from ${sql.raw(matterTable(w))} where ${rollupWhere(w, 'owner_level')} and ${inMonthCol(cur)} group by 1 order by 1`
      : sql`select to_char(m.created_at at time zone ${sql.raw(TZ)}, 'YYYY-MM') as month,
          ${sql.join(
            cols.map(
              (c) => sql`count(*) filter (where ${matterCounterSql(w.countyCode)[c]})::int as ${sql.raw(c)}`,
            ),
            sql`, `,
          )}
          from matters m where ${matterWhere(w)} and ${inInstants(sql`m.created_at`, cur)} group by 1 order by 1`;
  const h = dueCounterSql('d.due_at', 'd.stopped_at', "d.status in ('running', 'paused')", asOf);
  const dq =
    source === 'rollup'
      ? sql`select to_char(month, 'YYYY-MM') as month, sum(on_time)::int as "onTime", sum(late)::int as late,
          sum(open_overdue)::int as "openOverdue" from ${sql.raw(dueTable(w))}
          where ${rollupWhere(w, 'level')} and item = 'handling' and ${inMonthCol(cur)} group by 1 order by 1`
      : sql`select to_char(d.due_at at time zone ${sql.raw(TZ)}, 'YYYY-MM') as month,
          count(*) filter (where ${h.onTime})::int as "onTime", count(*) filter (where ${h.late})::int as late,
          count(*) filter (where ${h.openOverdue})::int as "openOverdue"
          from deadlines d join matters m on m.county_code = d.county_code and m.id = d.matter_id join orgs o on o.id = d.org_id
          where d.county_code = ${w.countyCode} and ${matterWhere(w, 'o.level')} and d.basis in (${handlingBasesSql})
            and d.due_at is not null and ${inInstants(sql`d.due_at`, cur)} group by 1 order by 1`;
  return { matters: await rows<TrendRow>(ex, mq), duties: await rows<TrendDueRow>(ex, dq) };
}

export async function gridDensity(ex: Executor, source: Source, w: Where, cur: Months) {
  const q =
    source === 'rollup'
      ? sql`select grid_id as "gridId", sum(intake)::int as count from dash_grid_rollup
          where county_code = ${w.countyCode} ${w.townId ? sql`and town_key = ${w.townId}` : sql``} and ${inMonthCol(cur)}
          group by 1`
      : sql`select m.grid_id as "gridId", count(*)::int as count from matters m
          where ${matterWhere(w)} and m.grid_id is not null and m.status <> 'merged' and ${inInstants(sql`m.created_at`, cur)}
          group by 1`;
  return (await rows<{ gridId: string; count: number }>(ex, q)).map((r) => ({
    ...r,
    count: Number(r.count),
  }));
}

/**
 * The matter counters of each village among `villageIds` over the months, straight from the matters
 * with the rollups' predicates (平安建设 targets: a year of a few villages).
 */
export async function villageCounters(
  ex: Executor,
  countyCode: string,
  villageIds: readonly string[],
  cur: Months,
): Promise<Map<string, Record<MatterCounterName, number>>> {
  const out = new Map<string, Record<MatterCounterName, number>>();
  if (villageIds.length === 0) return out;
  const counts = matterCounterNames.map(
    (n) => sql`count(*) filter (where ${matterCounterSql(countyCode)[n]})::int as ${sql.raw(`"${n}"`)}`,
  );
  const got = await rows<Record<string, number> & { village_id: string }>(
    ex,
    sql`select m.village_id, ${sql.join(counts, sql`, `)} from matters m
        where m.county_code = ${countyCode} and m.village_id in (${sql.join(
          villageIds.map((v) => sql`${v}`),
          sql`, `,
        )}) and ${inInstants(sql`m.created_at`, cur)} group by m.village_id`,
  );
  for (const r of got) {
    out.set(
      r.village_id,
      Object.fromEntries(matterCounterNames.map((n) => [n, Number(r[n] ?? 0)])) as Record<
        MatterCounterName,
        number
      >,
    );
  }
  return out;
}
