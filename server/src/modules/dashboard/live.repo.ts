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
    rows<Record<string, number>>(
      ex,
      sql`select count(*) filter (where m.status in ('registered', 'transferring'))::int as unowned,
        count(*) filter (where m.status = 'rated')::int as "awaitingVisit",
        ${sql.join(
          backlogBuckets.map(
            (b) => sql`count(*) filter (where ${backlogSql(b.key, now)})::int as ${sql.raw(`"${b.key}"`)}`,
          ),
          sql`, `,
        )}
      from matters m where ${matterWhere(w)} and m.status in (${liveStatuses})`,
    ),
    rows<{ overdue: number }>(
      ex,
      sql`select count(distinct m.id)::int as overdue from deadlines d join matters m on m.id = d.matter_id
        where d.status = 'running' and d.due_at < ${at} and ${matterWhere(w)} and m.status in (${liveStatuses})`,
    ),
    rows<{ supervised: number }>(
      ex,
      sql`select count(distinct m.id)::int as supervised from supervision_orders s join matters m on m.id = s.matter_id
        where s.county_code = ${w.countyCode} and s.answered_at is null and ${matterWhere(w)} and m.status in (${liveStatuses})`,
    ),
  ]);
  const r = { ...a[0], ...o[0], ...s[0] };
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)]));
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
  const l = liveSql(now);
  let pred: SQL;
  if ((matterCounterNames as readonly string[]).includes(measure)) {
    pred = sql`${matterCounterSql[measure as MatterCounterName]} and ${inInstants(sql`m.created_at`, cur)}`;
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
