import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Question } from '../../../../core/domain/training/course';
import { orgs } from './orgs';
import { users } from './users';

export interface StoredMaterial {
  title: string;
  url: string;
}

/**
 * 日常培训 courses of a county (docs/WORKFORCE.md "Training"). The test's correct answers live in
 * `questions` and are never presented to a worker; `rule_since` is when the due rule last changed.
 */
export const trainingCourses = pgTable(
  'training_courses',
  {
    id: uuid('id').primaryKey(),
    countyCode: text('county_code').notNull(),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    materials: jsonb('materials').$type<StoredMaterial[]>().notNull(),
    questions: jsonb('questions').$type<Question[]>().notNull(),
    passMark: integer('pass_mark').notNull(),
    withinDays: integer('within_days').notNull(),
    everyMonths: integer('every_months'),
    active: boolean('active').notNull().default(true),
    ruleSince: timestamp('rule_since', { withTimezone: true, precision: 3 }).notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index('training_courses_county_idx').on(t.countyCode),
    check('training_courses_kind_check', sql`${t.kind} in ('induction','routine','special')`),
    check('training_courses_pass_mark_check', sql`${t.passMark} between 0 and 100`),
  ],
);

/** A session of a course: held by an org (a town, a village) on a day, at a place, by a trainer. */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuid('id').primaryKey(),
    countyCode: text('county_code').notNull(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    heldAt: timestamp('held_at', { withTimezone: true, precision: 3 }).notNull(),
    place: text('place').notNull(),
    trainer: text('trainer').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index('training_sessions_org_idx').on(t.orgId),
    index('training_sessions_course_idx').on(t.courseId),
  ],
);

/** 签到: who was at a session, as the town recorded it; a second record replaces the first. */
export const trainingAttendance = pgTable(
  'training_attendance',
  {
    countyCode: text('county_code').notNull(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    present: boolean('present').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.userId] }),
    index('training_attendance_user_idx').on(t.userId),
  ],
);

/** A worker's attempt at a course's test: his answers, scored on the server. */
export const trainingAttempts = pgTable(
  'training_attempts',
  {
    id: uuid('id').primaryKey(),
    countyCode: text('county_code').notNull(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    answers: jsonb('answers').$type<Record<string, number[]>>().notNull(),
    score: integer('score').notNull(),
    passed: boolean('passed').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('training_attempts_user_idx').on(t.userId, t.courseId)],
);
