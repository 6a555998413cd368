import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * A grid worker's standing on the roster (网格员花名册) once it is other than in post: on leave or
 * left, since when, why, and to whom the grids were handed. No row: in post.
 */
export const workerStatuses = pgTable(
  'worker_statuses',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    countyCode: text('county_code').notNull(),
    status: text('status').notNull(),
    since: timestamp('since', { withTimezone: true, precision: 3 }).notNull(),
    reason: text('reason').notNull(),
    handedTo: uuid('handed_to').references(() => users.id),
    updatedBy: uuid('updated_by').notNull(),
  },
  (t) => [check('worker_statuses_status_check', sql`${t.status} in ('active','on_leave','left')`)],
);

/**
 * Who follows a grid report in the field (跟进人): the worker who reported it, until a hand-over
 * passes it to a colleague. The matter stays its org's; this says which worker answers for it.
 */
export const matterFollowers = pgTable(
  'matter_followers',
  {
    countyCode: text('county_code').notNull(),
    matterId: uuid('matter_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    since: timestamp('since', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.matterId] }),
    index('matter_followers_user_idx').on(t.userId),
  ],
);

/** 镇街评价: the points (0–20) a town gives one of its workers for a period ('2026-11', '2026-Q4'). */
export const assessmentPoints = pgTable(
  'assessment_points',
  {
    countyCode: text('county_code').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    period: text('period').notNull(),
    points: doublePrecision('points').notNull(),
    note: text('note').notNull(),
    enteredBy: uuid('entered_by').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.period] }),
    check('assessment_points_range_check', sql`${t.points} >= 0 and ${t.points} <= 20`),
  ],
);
