import { and, desc, eq, sql } from 'drizzle-orm';
import type { HolidayArrangement } from '../../../../core/domain/time-limits';
import type { Executor } from '../../db/client';
import { configDocuments, holidayYears } from '../../db/schema';

export type HolidayYearRow = typeof holidayYears.$inferSelect;

/** The config document that holds a county's own rest days. */
export const COUNTY_REST_DAYS = 'county_rest_days';

/** The latest version of every year, oldest year first. */
export async function latestYears(ex: Executor): Promise<HolidayYearRow[]> {
  return ex
    .selectDistinctOn([holidayYears.year])
    .from(holidayYears)
    .orderBy(holidayYears.year, desc(holidayYears.version));
}

export async function versionsOf(ex: Executor, year: number): Promise<HolidayYearRow[]> {
  return ex
    .select()
    .from(holidayYears)
    .where(eq(holidayYears.year, year))
    .orderBy(desc(holidayYears.version));
}

export async function insertYear(
  ex: Executor,
  a: HolidayArrangement,
  meta: { version: number; savedByCounty: string | null; createdBy: string | null; createdAt: Date },
): Promise<void> {
  await ex.insert(holidayYears).values({
    year: a.year,
    version: meta.version,
    status: a.status,
    restDays: a.restDays,
    workdays: a.workdays,
    source: a.source,
    savedByCounty: meta.savedByCounty,
    createdBy: meta.createdBy,
    createdAt: meta.createdAt,
  });
}

/**
 * What a county's calendar was built from, as one stamp: versions are only ever added, so the row
 * count of the national table and the county document's latest version change exactly when the
 * calendar does.
 */
export async function calendarStamp(ex: Executor, countyCode: string): Promise<string> {
  const [row] = await ex
    .select({
      years: sql<number>`(select count(*)::int from ${holidayYears})`,
      county: sql<number>`coalesce((select max(${configDocuments.version}) from ${configDocuments} where ${and(
        eq(configDocuments.countyCode, countyCode),
        eq(configDocuments.name, COUNTY_REST_DAYS),
      )}), 0)`,
    })
    .from(sql`(select 1) as one`);
  return `${row?.years ?? 0}:${row?.county ?? 0}`;
}
