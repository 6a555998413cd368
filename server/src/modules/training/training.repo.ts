/**
 * The training module's queries: its own four tables, and the accounts' join dates. Sessions carry
 * no path of their own; their org's path (joined) places them in a jurisdiction.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  orgs,
  trainingAttempts,
  trainingAttendance,
  trainingCourses,
  trainingSessions,
  users,
} from '../../db/schema';
import { underPath } from '../orgs/orgs.repo';

export type CourseRow = typeof trainingCourses.$inferSelect;

export async function insertCourse(ex: Executor, row: typeof trainingCourses.$inferInsert): Promise<void> {
  await ex.insert(trainingCourses).values(row);
}

export async function coursesOf(ex: Executor, countyCode: string): Promise<CourseRow[]> {
  return ex
    .select()
    .from(trainingCourses)
    .where(and(eq(trainingCourses.countyCode, countyCode), eq(trainingCourses.active, true)))
    .orderBy(asc(trainingCourses.createdAt));
}

export async function courseById(ex: Executor, id: string): Promise<CourseRow | undefined> {
  const [r] = await ex.select().from(trainingCourses).where(eq(trainingCourses.id, id));
  return r;
}

export async function insertSession(ex: Executor, row: typeof trainingSessions.$inferInsert): Promise<void> {
  await ex.insert(trainingSessions).values(row);
}

const sessionCols = {
  id: trainingSessions.id,
  countyCode: trainingSessions.countyCode,
  courseId: trainingSessions.courseId,
  courseTitle: trainingCourses.title,
  orgId: orgs.id,
  orgName: orgs.name,
  orgPath: orgs.path,
  heldAt: trainingSessions.heldAt,
  place: trainingSessions.place,
  trainer: trainingSessions.trainer,
  present: sql<number>`(select count(*) from ${trainingAttendance} where ${trainingAttendance.sessionId} = ${trainingSessions.id} and ${trainingAttendance.present})::int`,
  absent: sql<number>`(select count(*) from ${trainingAttendance} where ${trainingAttendance.sessionId} = ${trainingSessions.id} and not ${trainingAttendance.present})::int`,
};
export type SessionRow = Awaited<ReturnType<typeof sessionsUnder>>[number];

/** Sessions held by orgs of the subtree, the latest first. */
export async function sessionsUnder(ex: Executor, countyCode: string, path: string) {
  return ex
    .select(sessionCols)
    .from(trainingSessions)
    .innerJoin(orgs, eq(orgs.id, trainingSessions.orgId))
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .where(and(eq(trainingSessions.countyCode, countyCode), underPath(path)))
    .orderBy(desc(trainingSessions.heldAt));
}

export async function sessionById(ex: Executor, id: string) {
  const [r] = await ex
    .select(sessionCols)
    .from(trainingSessions)
    .innerJoin(orgs, eq(orgs.id, trainingSessions.orgId))
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .where(eq(trainingSessions.id, id));
  return r;
}

export async function attendanceOf(ex: Executor, sessionId: string) {
  return ex
    .select({
      userId: trainingAttendance.userId,
      present: trainingAttendance.present,
      displayName: users.displayName,
      orgId: orgs.id,
      orgName: orgs.name,
    })
    .from(trainingAttendance)
    .innerJoin(users, eq(users.id, trainingAttendance.userId))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(trainingAttendance.sessionId, sessionId));
}

/** Records a worker's presence; returns what stood before (null: not recorded yet). */
export async function upsertAttendance(
  ex: Executor,
  row: typeof trainingAttendance.$inferInsert,
): Promise<boolean | null> {
  const [before] = await ex
    .select({ present: trainingAttendance.present })
    .from(trainingAttendance)
    .where(and(eq(trainingAttendance.sessionId, row.sessionId), eq(trainingAttendance.userId, row.userId)));
  await ex
    .insert(trainingAttendance)
    .values(row)
    .onConflictDoUpdate({
      target: [trainingAttendance.sessionId, trainingAttendance.userId],
      set: { present: row.present, recordedBy: row.recordedBy, recordedAt: row.recordedAt },
    });
  return before ? before.present : null;
}

export async function joinDates(ex: Executor, userIds: string[]): Promise<Map<string, Date>> {
  if (userIds.length === 0) return new Map();
  const rows = await ex
    .select({ id: users.id, at: users.createdAt })
    .from(users)
    .where(inArray(users.id, userIds));
  return new Map(rows.map((r) => [r.id, r.at]));
}

/** Latest passed test per worker and course. */
export async function passedTests(ex: Executor, userIds: string[]) {
  if (userIds.length === 0) return [];
  return ex
    .select({
      userId: trainingAttempts.userId,
      courseId: trainingAttempts.courseId,
      at: sql<Date>`max(${trainingAttempts.takenAt})`.mapWith(trainingAttempts.takenAt),
    })
    .from(trainingAttempts)
    .where(and(inArray(trainingAttempts.userId, userIds), eq(trainingAttempts.passed, true)))
    .groupBy(trainingAttempts.userId, trainingAttempts.courseId);
}

/** Latest session attended per worker and course. */
export async function attendedSessions(ex: Executor, userIds: string[]) {
  if (userIds.length === 0) return [];
  return ex
    .select({
      userId: trainingAttendance.userId,
      courseId: trainingSessions.courseId,
      at: sql<Date>`max(${trainingSessions.heldAt})`.mapWith(trainingSessions.heldAt),
    })
    .from(trainingAttendance)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingAttendance.sessionId))
    .where(and(inArray(trainingAttendance.userId, userIds), eq(trainingAttendance.present, true)))
    .groupBy(trainingAttendance.userId, trainingSessions.courseId);
}

export async function lastAttempts(ex: Executor, userId: string) {
  return ex
    .selectDistinctOn([trainingAttempts.courseId], {
      courseId: trainingAttempts.courseId,
      score: trainingAttempts.score,
      passed: trainingAttempts.passed,
      takenAt: trainingAttempts.takenAt,
    })
    .from(trainingAttempts)
    .where(eq(trainingAttempts.userId, userId))
    .orderBy(trainingAttempts.courseId, desc(trainingAttempts.takenAt));
}

export async function insertAttempt(ex: Executor, row: typeof trainingAttempts.$inferInsert): Promise<void> {
  await ex.insert(trainingAttempts).values(row);
}
