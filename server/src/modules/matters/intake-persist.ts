/**
 * Writes an intake plan (core/domain/matters/intake-plan.ts) in one statement: the matter, its parties,
 * its first clocks, the 一次性告知单 and the event as data-modifying CTEs of a single INSERT … RETURNING
 * (issue 20: eight round trips — begin, number, five inserts, commit — become one). One statement is
 * atomic on its own, so without an entry point's `alongside` write there is no BEGIN/COMMIT either;
 * the foreign keys between the CTEs are checked at the statement's end. The inserts are Drizzle's own
 * (values encoded by the schema's columns), and the rows come back mapped by the same columns, so the
 * 201 is built from what was written, as before.
 */
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { IntakePlan } from '../../../../core/domain/matters/intake-plan';
import type { Executor } from '../../db/client';
import { deadlines, events, matterNotices, matterParties, matters } from '../../db/schema';
import type { PiiCipher } from '../../pii/pii-cipher';
import type { EventRow, NewEvent } from '../events/events.repo';
import {
  type DeadlineRow,
  type MatterRow,
  type NewMatter,
  type NoticeRow,
  openParties,
  type PartyRow,
  sealParties,
} from './matters.repo';

/** A row as json_agg gave it (database column names, JSON values), as Drizzle would have mapped it. */
function mapRow<T>(table: PgTable, raw: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(getTableColumns(table))) {
    const v = raw[col.name];
    out[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return out as T;
}

export interface Persisted {
  matter: MatterRow;
  parties: PartyRow[];
  deadlines: DeadlineRow[];
  notices: NoticeRow[];
  event: EventRow;
}

export async function persistIntake(
  ex: Executor,
  cipher: PiiCipher,
  plan: IntakePlan,
  event: NewEvent,
): Promise<Persisted> {
  const parts: [string, SQL][] = [
    [
      'm',
      ex
        .insert(matters)
        .values(plan.matter as unknown as NewMatter)
        .returning()
        .getSQL(),
    ],
    ['e', ex.insert(events).values(event).returning().getSQL()],
  ];
  if (plan.parties.length) {
    const rows = sealParties(cipher, plan.parties as unknown as (typeof matterParties.$inferInsert)[]);
    parts.push(['p', ex.insert(matterParties).values(rows).returning().getSQL()]);
  }
  if (plan.deadlines.length) {
    const rows = plan.deadlines as unknown as (typeof deadlines.$inferInsert)[];
    parts.push(['d', ex.insert(deadlines).values(rows).returning().getSQL()]);
  }
  if (plan.notice) {
    const row = plan.notice as unknown as typeof matterNotices.$inferInsert;
    parts.push(['n', ex.insert(matterNotices).values(row).returning().getSQL()]);
  }
  const q = sql`with ${sql.join(
    parts.map(([name, s]) => sql`${sql.raw(name)} as (${s})`),
    sql`, `,
  )} select ${sql.join(
    parts.map(
      ([name]) =>
        sql`(select coalesce(json_agg(${sql.raw(name)}), '[]'::json) from ${sql.raw(name)}) as ${sql.raw(name)}`,
    ),
    sql`, `,
  )}`;
  const res = (await ex.execute(q)) as unknown as { rows: Record<string, Record<string, unknown>[]>[] };
  const got = res.rows[0]!;
  const list = (name: string) => got[name] ?? [];
  // In the order planned (json_agg keeps no order of its own).
  const inPlanOrder = <T>(planned: { id: string }[], name: string, table: PgTable) =>
    planned.flatMap((x) => {
      const r = list(name).find((y) => y.id === x.id);
      return r ? [mapRow<T>(table, r)] : [];
    });
  return {
    matter: mapRow<MatterRow>(matters, list('m')[0]!),
    parties: openParties(cipher, inPlanOrder<PartyRow>(plan.parties, 'p', matterParties)),
    deadlines: inPlanOrder<DeadlineRow>(plan.deadlines, 'd', deadlines),
    notices: list('n').map((r) => mapRow<NoticeRow>(matterNotices, r)),
    event: mapRow<EventRow>(events, list('e')[0]!),
  };
}
