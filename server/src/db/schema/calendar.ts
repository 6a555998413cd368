import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type {
  ArrangementStatus,
  HolidayDay,
  HolidaySource,
} from '../../../../core/domain/time-limits/holiday-arrangement';

/**
 * The State Council's holiday arrangement of each year (docs/LEGAL.md §8): a reference table shared
 * by every county of the install (the notice is national; a county's own rest days are county
 * configuration). A save adds a version, never edits one, so every recomputed deadline can say which
 * version of the year it was counted on. Seeded from the `chinese-days` package at start for the
 * years it has and the table lacks.
 */
export const holidayYears = pgTable(
  'holiday_years',
  {
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    status: text('status').$type<ArrangementStatus>().notNull(),
    restDays: jsonb('rest_days').$type<HolidayDay[]>().notNull(),
    workdays: jsonb('workdays').$type<HolidayDay[]>().notNull(),
    source: jsonb('source').$type<HolidaySource | null>(),
    /** The county whose administrator saved it (null for the seed). */
    savedByCounty: text('saved_by_county'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.version] })],
);
