/** The 治未病 measures table, and the matter counts their effect is measured by. */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { riskMeasures } from '../../db/schema';

export type MeasureRow = typeof riskMeasures.$inferSelect;

async function rows<T>(ex: Executor, q: SQL): Promise<T[]> {
  return ((await ex.execute(q)) as unknown as { rows: T[] }).rows;
}

export async function insertMeasure(ex: Executor, row: MeasureRow): Promise<void> {
  await ex.insert(riskMeasures).values(row);
}

export async function measureById(
  ex: Executor,
  county: string,
  id: string,
  lock = false,
): Promise<MeasureRow | undefined> {
  const q = ex
    .select()
    .from(riskMeasures)
    .where(and(eq(riskMeasures.countyCode, county), eq(riskMeasures.id, id)))
    .limit(1);
  const [m] = lock ? await q.for('update') : await q;
  return m;
}

export async function measuresOf(ex: Executor, county: string, warningIds: string[]): Promise<MeasureRow[]> {
  if (warningIds.length === 0) return [];
  return ex
    .select()
    .from(riskMeasures)
    .where(and(eq(riskMeasures.countyCode, county), inArray(riskMeasures.warningId, warningIds)))
    .orderBy(riskMeasures.createdAt);
}

export async function updateMeasure(
  ex: Executor,
  county: string,
  id: string,
  set: Partial<MeasureRow>,
): Promise<void> {
  await ex
    .update(riskMeasures)
    .set(set)
    .where(and(eq(riskMeasures.countyCode, county), eq(riskMeasures.id, id)));
}

/** Warnings of the area that have measures, most recent first. */
export async function warningIdsWithMeasures(ex: Executor, countyCode: string, path: string, limit = 50) {
  const got = await rows<{ warning_id: string }>(
    ex,
    sql`select warning_id from risk_measures where county_code = ${countyCode} and warning_path like ${`${path}%`}
        group by warning_id order by max(created_at) desc limit ${limit}`,
  );
  return got.map((r) => r.warning_id);
}

/**
 * Creation instants of the matters the warning's indicator counts: the categories of its matters,
 * in its area (placed in the acting org's village or town, or owned inside its subtree), from `from` to `until`. Voided and merged ones are not
 * separate happenings (as for the rules).
 */
export async function indicatorTimes(
  ex: Executor,
  w: { countyCode: string; targetOrgId: string; targetPath: string; matterIds: string[] },
  from: Date,
  until: Date,
): Promise<Date[]> {
  if (w.matterIds.length === 0) return [];
  const got = await rows<{ created_at: string | Date }>(
    ex,
    sql`select created_at from matters where county_code = ${w.countyCode}
          and (${w.targetOrgId} in (village_id, town_id) or owner_path like ${`${w.targetPath}%`})
          and created_at >= ${from.toISOString()} and created_at < ${until.toISOString()}
          and status not in ('voided', 'merged')
          and category_code in (select category_code from matters where county_code = ${w.countyCode} and id in (${sql.join(
            w.matterIds.map((i) => sql`${i}`),
            sql`, `,
          )}))`,
  );
  return got.map((r) => new Date(r.created_at));
}

export async function overdueMeasureCandidates(
  ex: Executor,
  county: string,
  now: Date,
  limit: number,
): Promise<MeasureRow[]> {
  return ex
    .select()
    .from(riskMeasures)
    .where(
      and(
        eq(riskMeasures.countyCode, county),
        eq(riskMeasures.status, 'open'),
        sql`${riskMeasures.overdueAt} is null`,
        sql`${riskMeasures.dueAt} <= ${now.toISOString()}`,
      ),
    )
    .limit(limit);
}
