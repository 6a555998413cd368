/**
 * Keeps the dashboard rollups current. A run recomputes whole months, and only those that can have
 * changed since the last run: the intake months of matters written since (updated_at), the due months
 * of their duties and 督办 orders, and the months whose duties fell due meanwhile (an open duty becomes
 * overdue by the clock alone). The first run rebuilds everything. Runs take a county-wide advisory
 * lock, so two servers never write the same months twice.
 */
import { type SQL, sql } from 'drizzle-orm';
import { matterCounterNames } from '../../../../core/domain/kpi/measures';
import { channels, matterKinds } from '../../../../core/domain/matters/model';
import type { Executor, Tx } from '../../db/client';
import { channelCounterColumns, intakeLevelColumns, snake } from '../../db/schema/dashboard';
import { dueCounterSql, handlingBasesSql, matterCounterSql } from './measures.sql';

/** Writers stamp updated_at before they commit: look back this far so a slow commit is not missed. */
const LOOKBACK = "interval '10 minutes'";
const TZ = "'Asia/Shanghai'";
const levels = ['village', 'town', 'district'] as const;
const matterTables = [
  'dash_matter_rollup',
  'dash_matter_county_rollup',
  'dash_town_rollup',
  'dash_category_rollup',
  'dash_grid_rollup',
];
const dueTables = ['dash_due_rollup', 'dash_due_county_rollup', 'dash_due_town_rollup'];
const rollupTables = [...matterTables, ...dueTables];
const monthOf = (col: string) => sql.raw(`(date_trunc('month', ${col} at time zone ${TZ}))::date`);

type Rows<T> = { rows: T[] };
async function rows<T>(ex: Executor, q: SQL): Promise<T[]> {
  return ((await ex.execute(q)) as unknown as Rows<T>).rows;
}

/** `where` limits the matters (or duties) to the months being recomputed. */
function matterInsert(countyCode: string, monthFilter: SQL) {
  const cols = matterCounterNames.map((n) => sql.raw(snake(n)));
  const counters = matterCounterSql(countyCode);
  const counts = matterCounterNames.map((n) => sql`count(*) filter (where ${counters[n]})::int`);
  const chCols = channels.map((c) => sql.raw(`ch_${c}`));
  const chCounts = channels.map(
    (c) => sql`count(*) filter (where m.status <> 'merged' and m.channel = ${c})::int`,
  );
  const ilCols = levels.map((l) => sql.raw(`il_${l}`));
  const ilCounts = levels.map(
    (l) => sql`count(*) filter (where m.status <> 'merged' and m.intake_level = ${l})::int`,
  );
  return sql`
    insert into dash_matter_rollup (county_code, month, town_key, category_code, kind, owner_level,
      ${sql.join([...cols, ...chCols, ...ilCols], sql`, `)})
    select m.county_code, ${monthOf('m.created_at')}, coalesce(m.town_id::text, ''), m.category_code, m.kind,
      m.owner_level, ${sql.join([...counts, ...chCounts, ...ilCounts], sql`, `)}
    from matters m
    where m.county_code = ${countyCode} and ${monthFilter}
    group by 1, 2, 3, 4, 5, 6`;
}

/** The per-town and per-category cuts, summed from the detailed cube for the months given. */
function cutsInsert(countyCode: string, monthFilter: SQL): SQL[] {
  const same = [...matterCounterNames.map(snake), ...channelCounterColumns, ...intakeLevelColumns];
  const derived = [
    ...levels.map((l) => [`ol_${l}`, `owner_level = '${l}'`] as const),
    ...matterKinds.map((k) => [`k_${k}`, `kind = '${k}'`] as const),
  ];
  return [
    sql`insert into dash_town_rollup (county_code, month, town_key, ${sql.raw([...same, ...derived.map(([c]) => c)].join(', '))})
      select county_code, month, town_key, ${sql.raw(
        [
          ...same.map((c) => `sum(${c})::int`),
          ...derived.map(([, cond]) => `coalesce(sum(intake) filter (where ${cond}), 0)::int`),
        ].join(', '),
      )}
      from dash_matter_rollup where county_code = ${countyCode} and ${monthFilter} group by 1, 2, 3`,
    sql`insert into dash_category_rollup (county_code, month, town_key, category_code, intake)
      select county_code, month, town_key, category_code, sum(intake)::int
      from dash_matter_rollup where county_code = ${countyCode} and ${monthFilter} group by 1, 2, 3, 4`,
    sql`insert into dash_matter_county_rollup (county_code, month, category_code, kind, owner_level, ${sql.raw(same.join(', '))})
      select county_code, month, category_code, kind, owner_level, ${sql.raw(same.map((c) => `sum(${c})::int`).join(', '))}
      from dash_matter_rollup where county_code = ${countyCode} and ${monthFilter} group by 1, 2, 3, 4, 5`,
  ];
}

function dueCutInserts(countyCode: string, monthFilter: SQL): SQL[] {
  return [
    sql`insert into dash_due_town_rollup (county_code, month, town_key, item, on_time, late, open_overdue)
      select county_code, month, town_key, item, sum(on_time)::int, sum(late)::int, sum(open_overdue)::int
      from dash_due_rollup where county_code = ${countyCode} and ${monthFilter} group by 1, 2, 3, 4`,
    sql`insert into dash_due_county_rollup (county_code, month, category_code, kind, level, item, on_time, late, open_overdue)
      select county_code, month, category_code, kind, level, item, sum(on_time)::int, sum(late)::int, sum(open_overdue)::int
      from dash_due_rollup where county_code = ${countyCode} and ${monthFilter} group by 1, 2, 3, 4, 5, 6`,
  ];
}

/**
 * The duty cube, one statement per item. On a Citus cluster an INSERT … SELECT that joins a reference
 * table (orgs, for the level) is sent to every shard of the target, and one over `union all` goes
 * through the coordinator to all of them; a materialized CTE is computed on the county's shard and
 * its rows inserted into that shard alone.
 */
function dueInserts(countyCode: string, asOf: Date, monthFilterDue: SQL, monthFilterSup: SQL): SQL[] {
  const h = dueCounterSql('d.due_at', 'd.stopped_at', "d.status in ('running', 'paused')", asOf);
  const s = dueCounterSql('s.due_at', 's.answered_at', 'true', asOf);
  const into = (cube: SQL) => sql`with cube as materialized (${cube})
    insert into dash_due_rollup (county_code, month, town_key, category_code, kind, level, item, on_time, late, open_overdue)
    select * from cube`;
  return [
    into(sql`
    select m.county_code, ${monthOf('d.due_at')}, coalesce(m.town_id::text, ''), m.category_code, m.kind, o.level, 'handling',
      count(*) filter (where ${h.onTime})::int, count(*) filter (where ${h.late})::int, count(*) filter (where ${h.openOverdue})::int
    from deadlines d join matters m on m.county_code = d.county_code and m.id = d.matter_id join orgs o on o.id = d.org_id
    where d.county_code = ${countyCode} and m.county_code = ${countyCode} and d.due_at is not null
      and d.basis in (${handlingBasesSql}) and ${monthFilterDue}
    group by 1, 2, 3, 4, 5, 6`),
    into(sql`
    select m.county_code, ${monthOf('s.due_at')}, coalesce(m.town_id::text, ''), m.category_code, m.kind, o.level, 'supervision',
      count(*) filter (where ${s.onTime})::int, count(*) filter (where ${s.late})::int, count(*) filter (where ${s.openOverdue})::int
    from supervision_orders s join matters m on m.county_code = s.county_code and m.id = s.matter_id
      join orgs o on o.id = s.target_org_id
    where s.county_code = ${countyCode} and m.county_code = ${countyCode} and ${monthFilterSup}
    group by 1, 2, 3, 4, 5, 6`),
  ];
}

function gridInsert(countyCode: string, monthFilter: SQL) {
  return sql`
    insert into dash_grid_rollup (county_code, month, grid_id, town_key, intake)
    select m.county_code, ${monthOf('m.created_at')}, m.grid_id, min(coalesce(m.town_id::text, '')), count(*)::int
    from matters m
    where m.county_code = ${countyCode} and m.grid_id is not null and m.status <> 'merged' and ${monthFilter}
    group by 1, 2, 3`;
}

/** Months as 'YYYY-MM-01' dates; the filter keeps rows whose local month is one of them. */
function inMonths(col: string, months: string[]): SQL {
  if (!months.length) return sql`false`;
  const ranges = months.map(
    (mo) =>
      sql`(${sql.raw(col)} >= (${mo}::date::timestamp at time zone ${sql.raw(TZ)}) and ${sql.raw(col)} < ((${mo}::date + interval '1 month')::timestamp at time zone ${sql.raw(TZ)}))`,
  );
  return sql`(${sql.join(ranges, sql` or `)})`;
}

async function dirtyMonths(tx: Tx, countyCode: string, since: Date, now: Date) {
  const s = sql`${since.toISOString()}::timestamptz - ${sql.raw(LOOKBACK)}`;
  const n = sql`${now.toISOString()}::timestamptz`;
  const intake = await rows<{ month: string }>(
    tx,
    sql`select distinct ${monthOf('created_at')}::text as month from matters where county_code = ${countyCode} and updated_at > ${s}`,
  );
  const due = await rows<{ month: string }>(
    tx,
    sql`select distinct ${monthOf('d.due_at')}::text as month from deadlines d
        where d.county_code = ${countyCode} and d.due_at is not null and (
          exists (select 1 from matters m where m.county_code = ${countyCode} and m.id = d.matter_id and m.updated_at > ${s})
          or (d.due_at > ${s} and d.due_at <= ${n}))
        union
        select distinct ${monthOf('o.due_at')}::text from supervision_orders o
        where o.county_code = ${countyCode} and (
          exists (select 1 from matters m where m.county_code = ${countyCode} and m.id = o.matter_id and m.updated_at > ${s})
          or o.created_at > ${s} or (o.due_at > ${s} and o.due_at <= ${n}))`,
  );
  return { intake: intake.map((r) => r.month), due: due.map((r) => r.month).filter(Boolean) };
}

export interface RefreshOutcome {
  full: boolean;
  intakeMonths: number;
  dueMonths: number;
}

export async function refreshCounty(
  tx: Tx,
  countyCode: string,
  now: Date,
  full = false,
): Promise<RefreshOutcome> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dashboard:${countyCode}`}))`);
  const [state] = await rows<{ watermark: string }>(
    tx,
    sql`select watermark from dash_refresh_state where county_code = ${countyCode}`,
  );
  let outcome: RefreshOutcome;
  if (full || !state) {
    for (const t of rollupTables)
      await tx.execute(sql`delete from ${sql.raw(t)} where county_code = ${countyCode}`);
    await tx.execute(matterInsert(countyCode, sql`true`));
    for (const q of cutsInsert(countyCode, sql`true`)) await tx.execute(q);
    for (const q of dueInserts(countyCode, now, sql`true`, sql`true`)) await tx.execute(q);
    for (const q of dueCutInserts(countyCode, sql`true`)) await tx.execute(q);
    await tx.execute(gridInsert(countyCode, sql`true`));
    outcome = { full: true, intakeMonths: -1, dueMonths: -1 };
  } else {
    const d = await dirtyMonths(tx, countyCode, new Date(state.watermark), now);
    if (d.intake.length) {
      const dates = sql`array[${sql.join(
        d.intake.map((m) => sql`${m}::date`),
        sql`, `,
      )}]`;
      for (const t of matterTables)
        await tx.execute(
          sql`delete from ${sql.raw(t)} where county_code = ${countyCode} and month = any(${dates})`,
        );
      await tx.execute(matterInsert(countyCode, inMonths('m.created_at', d.intake)));
      for (const q of cutsInsert(countyCode, sql`month = any(${dates})`)) await tx.execute(q);
      await tx.execute(gridInsert(countyCode, inMonths('m.created_at', d.intake)));
    }
    if (d.due.length) {
      const dates = sql`array[${sql.join(
        d.due.map((m) => sql`${m}::date`),
        sql`, `,
      )}]`;
      for (const t of dueTables)
        await tx.execute(
          sql`delete from ${sql.raw(t)} where county_code = ${countyCode} and month = any(${dates})`,
        );
      for (const q of dueInserts(countyCode, now, inMonths('d.due_at', d.due), inMonths('s.due_at', d.due)))
        await tx.execute(q);
      for (const q of dueCutInserts(countyCode, sql`month = any(${dates})`)) await tx.execute(q);
    }
    outcome = { full: false, intakeMonths: d.intake.length, dueMonths: d.due.length };
  }
  await tx.execute(sql`
    insert into dash_refresh_state (county_code, refreshed_at, watermark, months_refreshed)
    values (${countyCode}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${outcome.intakeMonths + outcome.dueMonths})
    on conflict (county_code) do update set refreshed_at = excluded.refreshed_at, watermark = excluded.watermark,
      months_refreshed = excluded.months_refreshed`);
  return outcome;
}

export async function refreshedAt(ex: Executor, countyCode: string): Promise<Date | null> {
  const [r] = await rows<{ at: string }>(
    ex,
    sql`select refreshed_at as at from dash_refresh_state where county_code = ${countyCode}`,
  );
  return r ? new Date(r.at) : null;
}
