/**
 * The holiday arrangements (节假日安排) the administrator keeps (docs/LEGAL.md §8): the years on file,
 * loading a new year from the State Council's notice (pasted text, a JSON or an ICS file), the
 * county's own rest days, and the coverage warning the console, the dashboard and /healthz show.
 */
import { z } from 'zod';

const localDate = z.iso.date();
const year = z.number().int().min(2000).max(2100);

export const holidayDaySchema = z
  .object({ date: localDate, name: z.string().trim().min(1).max(40) })
  .meta({ id: 'HolidayDay' });

export const holidaySourceSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    number: z.string().trim().max(60).nullable(),
    publishedOn: localDate.nullable(),
    via: z.string().trim().max(200).nullable(),
  })
  .meta({ id: 'HolidaySource' });

export const holidayArrangementSchema = z
  .object({
    year,
    status: z.enum(['official', 'provisional']),
    restDays: z.array(holidayDaySchema).max(120),
    workdays: z.array(holidayDaySchema).max(30),
    source: holidaySourceSchema.nullable(),
  })
  .meta({ id: 'HolidayArrangement' });

export const calendarCoverageSchema = z
  .object({
    /** The last year of an unbroken run of official arrangements from this year on. */
    coveredTo: year.nullable(),
    /** The first year from this year on without an official arrangement: dates there are 暂定. */
    provisionalFrom: year,
    /** What the administrator is told (from the warning date while next year is missing), or null. */
    warning: z.string().nullable(),
  })
  .meta({ id: 'CalendarCoverage' });

export const holidayYearSummarySchema = z
  .object({
    year,
    version: z.number().int(),
    status: z.enum(['official', 'provisional']),
    source: holidaySourceSchema.nullable(),
    restDays: z.number().int(),
    workdays: z.number().int(),
    savedAt: z.iso.datetime(),
    savedBy: z.string().nullable(),
  })
  .meta({ id: 'HolidayYearSummary' });

export const countyRestDaysSchema = z
  .object({ enabled: z.boolean(), days: z.array(holidayDaySchema).max(60) })
  .meta({ id: 'CountyRestDays' });

export const holidayOverviewSchema = z
  .object({
    coverage: calendarCoverageSchema,
    years: z.array(holidayYearSummarySchema),
    countyRestDays: countyRestDaysSchema.extend({ version: z.number().int() }),
    /** Running deadlines whose date is 暂定 now, in this county. */
    provisionalDeadlines: z.number().int(),
  })
  .meta({ id: 'HolidayOverview' });

export const holidayYearDetailSchema = z
  .object({
    arrangement: holidayArrangementSchema,
    version: z.number().int(),
    versions: z.array(
      z.object({
        version: z.number().int(),
        status: z.enum(['official', 'provisional']),
        savedAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'HolidayYearDetail' });

export const previewHolidaysBodySchema = z.object({
  format: z.enum(['notice', 'json', 'ics']),
  content: z.string().min(1).max(200_000),
  /** The year, when the text does not say it (a notice's title does). */
  year: year.optional(),
});
export type PreviewHolidaysBody = z.infer<typeof previewHolidaysBodySchema>;

export const holidayProblemSchema = z
  .object({
    /** error: the arrangement should not be used as it stands; warning: worth a look. */
    level: z.enum(['error', 'warning']),
    /** The notice line, ICS event or JSON path it is about; '' for the whole. */
    line: z.string(),
    message: z.string(),
    date: localDate.optional(),
  })
  .meta({ id: 'HolidayProblem' });

export const holidayPreviewSchema = z
  .object({
    arrangement: holidayArrangementSchema,
    problems: z.array(holidayProblemSchema),
    /** The version on file for that year (0: none), to save against. */
    currentVersion: z.number().int(),
    /** Running deadlines (all counties) counted provisionally through that year. */
    affectedDeadlines: z.number().int(),
  })
  .meta({ id: 'HolidayPreview' });

export const saveHolidayYearBodySchema = z.object({
  arrangement: holidayArrangementSchema,
  /** The version the administrator edited (0 for a new year): a stale one answers 409. */
  baseVersion: z.number().int().min(0),
});
export type SaveHolidayYearBody = z.infer<typeof saveHolidayYearBodySchema>;

export const saveHolidayYearResultSchema = z
  .object({
    year,
    version: z.number().int(),
    recomputed: z.object({
      examined: z.number().int(),
      changed: z.number().int(),
      moved: z.number().int(),
      kept: z.number().int(),
      supervision: z.number().int(),
    }),
  })
  .meta({ id: 'SaveHolidayYearResult' });

export const saveCountyRestDaysBodySchema = countyRestDaysSchema.extend({
  baseVersion: z.number().int().min(0),
});
export type SaveCountyRestDaysBody = z.infer<typeof saveCountyRestDaysBodySchema>;

export type HolidayOverview = z.infer<typeof holidayOverviewSchema>;
export type HolidayYearDetail = z.infer<typeof holidayYearDetailSchema>;
export type HolidayPreview = z.infer<typeof holidayPreviewSchema>;
export type SaveHolidayYearResult = z.infer<typeof saveHolidayYearResultSchema>;
export type CalendarCoverage = z.infer<typeof calendarCoverageSchema>;
export type HolidayArrangementBody = z.infer<typeof holidayArrangementSchema>;
