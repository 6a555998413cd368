/**
 * The SQL twin of core/domain/kpi/measures.ts: one predicate per counter over a matter row `m`, built
 * from the same status lists. The rollup refresh counts them per group, the village scope and the
 * drill-down filter by them directly; dashboard.test.ts checks they agree with `matterMeasures`.
 *
 * The predicates that look at another per-county table take the county as a constant: on a Citus
 * cluster a subquery matched only through `m.county_code` inside a count's filter is sent to every
 * shard, where one naming the county goes to the county's shard alone.
 */
import { type SQL, sql } from 'drizzle-orm';
import {
  directChannels,
  doneStatuses,
  handlingBases,
  type MatterCounterName,
  notResolvedStatuses,
} from '../../../../core/domain/kpi/measures';

const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', '));

const counted = sql`m.status <> 'merged'`;
const done = sql`m.status in (${list(doneStatuses)})`;
const reachedTown = sql`(m.intake_level = 'town' or (m.intake_level = 'village' and m.owner_level <> 'village'))`;
const levelRank = (col: string) =>
  sql.raw(`(case ${col} when 'village' then 0 when 'town' then 1 else 2 end)`);

export const matterCounterSql = (countyCode: string): Record<MatterCounterName, SQL> => ({
  intake: counted,
  open: sql`${counted} and not (${done})`,
  done,
  resolved: sql`${done} and m.status not in (${list(notResolvedStatuses)}) and m.rating is distinct from 'unsatisfied' and (m.state->'petition'->>'ending') is distinct from 'withdrawal'`,
  rated: sql`m.status <> 'merged' and m.rating is not null`,
  satisfied: sql`m.status <> 'merged' and m.rating in ('satisfied', 'basically_satisfied')`,
  unsatisfied: sql`m.status <> 'merged' and m.rating = 'unsatisfied'`,
  ratedOnBehalf: sql`m.status <> 'merged' and m.rating is not null and m.rated_by = 'staff_on_behalf'`,
  satisfiedOnBehalf: sql`m.status <> 'merged' and m.rating in ('satisfied', 'basically_satisfied') and m.rated_by = 'staff_on_behalf'`,
  reworked: sql`m.status <> 'merged' and m.rework_count > 0`,
  followedUp: sql`(m.status = 'followed_up' or (m.status = 'archived' and m.rating is not null))`,
  followUpAnswered: sql`m.status <> 'merged' and m.state->'followUp'->>'matterResolved' is not null and jsonb_typeof(m.state->'followUp'->'heartResolved') = 'boolean'`,
  bothResolved: sql`m.status <> 'merged' and m.state->'followUp'->>'matterResolved' = 'yes' and m.state->'followUp'->'heartResolved' = 'true'::jsonb`,
  villageStartedDone: sql`m.intake_level = 'village' and ${done}`,
  villageClosedInVillage: sql`m.intake_level = 'village' and ${done} and m.owner_level = 'village'`,
  townReachedDone: sql`${reachedTown} and ${done}`,
  townClosedInTown: sql`${reachedTown} and ${done} and m.owner_level = 'town'`,
  escalated: sql`m.status <> 'merged' and ${levelRank('m.owner_level')} > ${levelRank('m.intake_level')}`,
  collective: sql`m.status <> 'merged' and m.collective`,
  skippedLevel: sql`m.status <> 'merged' and m.kind = 'petition' and m.intake_level = 'district' and m.village_id is not null and m.channel in (${list(directChannels)})`,
  supervised: sql`m.status <> 'merged' and exists (select 1 from supervision_orders s where s.county_code = ${countyCode} and s.matter_id = m.id)`,
  petitionDone: sql`m.kind = 'petition' and ${done}`,
  petitionMediated: sql`m.kind = 'petition' and ${done} and m.state->'petition'->>'ending' = 'mediation'`,
  petitionWithdrawn: sql`m.kind = 'petition' and ${done} and m.state->'petition'->>'ending' = 'withdrawal'`,
});

export const handlingBasesSql = list(handlingBases);

/** Duty counters over a duty with `due` and `ended` instants, as of `asOf` (dueMeasures). */
export function dueCounterSql(due: string, ended: string, live: string, asOf: Date) {
  const at = sql`${asOf.toISOString()}::timestamptz`;
  return {
    onTime: sql`${sql.raw(ended)} is not null and ${sql.raw(ended)} <= ${sql.raw(due)}`,
    late: sql`${sql.raw(ended)} is not null and ${sql.raw(ended)} > ${sql.raw(due)}`,
    openOverdue: sql`${sql.raw(ended)} is null and ${sql.raw(live)} and ${sql.raw(due)} < ${at}`,
  };
}

/** Live figures: what is in the office's hands right now (the workbench queues of the same names). */
export function liveSql(now: Date, countyCode: string) {
  const at = sql`${now.toISOString()}::timestamptz`;
  return {
    unowned: sql`m.status in ('registered', 'transferring')`,
    overdue: sql`exists (select 1 from deadlines d where d.county_code = ${countyCode} and d.matter_id = m.id and d.status = 'running' and d.due_at < ${at})`,
    supervised: sql`exists (select 1 from supervision_orders s where s.county_code = ${countyCode} and s.matter_id = m.id and s.answered_at is null)`,
    awaitingVisit: sql`m.status = 'rated'`,
  };
}
export type LiveName = keyof ReturnType<typeof liveSql>;
export const liveNames: readonly LiveName[] = ['unowned', 'overdue', 'supervised', 'awaitingVisit'];
