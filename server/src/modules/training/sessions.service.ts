/**
 * 日常培训, the county's and the town's side: the county's workforce managers keep the courses; a
 * town's (or village's) clerks and leaders record the sessions their org holds and who attended.
 */
import { randomUUID } from 'node:crypto';
import type {
  AttendanceBody,
  Course,
  NewCourse,
  NewSession,
  Session,
  SessionDetail,
} from '../../../../core/contracts/training';
import { questionProblem } from '../../../../core/domain/training/course';
import { AppError } from '../../../../core/errors';
import { canSee, requirePermission } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { recordEvent } from '../events/events.service';
import { getOrgRow } from '../orgs/orgs.service';
import { gridWorkersUnder, scopeOf } from '../workforce/workforce.service';
import { toCourse, toSession } from './training.presenter';
import * as repo from './training.repo';

export async function listCourses(deps: Deps, ctx: RequestCtx): Promise<Course[]> {
  const actor = requirePermission(ctx, 'workforce.read');
  return (await repo.coursesOf(deps.database.db, actor.countyCode)).map(toCourse);
}

/** A course is the county's: only its workforce managers at the district level keep courses. */
export async function createCourse(deps: Deps, ctx: RequestCtx, body: NewCourse): Promise<Course> {
  const actor = requirePermission(ctx, 'workforce.manage');
  if (actor.orgLevel !== 'district') throw new AppError('FORBIDDEN', '培训课程由区（县）统一设置。');
  body.questions.forEach((q, i) => {
    const problem = questionProblem(q);
    if (problem) {
      throw new AppError('VALIDATION_FAILED', `第 ${i + 1} 题：${problem}`, {
        fields: [{ path: `questions.${i}`, message: problem }],
      });
    }
  });
  const now = deps.clock.now();
  const row: repo.CourseRow = {
    id: randomUUID(),
    countyCode: actor.countyCode,
    title: body.title,
    kind: body.kind,
    summary: body.summary,
    materials: body.materials,
    questions: body.questions.map((q, i) => ({ id: `q${i + 1}`, ...q })),
    passMark: body.passMark,
    withinDays: body.withinDays,
    everyMonths: body.everyMonths,
    active: true,
    ruleSince: now,
    version: 1,
    createdBy: actor.userId,
    createdAt: now,
  };
  await deps.database.transaction(async (tx: Tx) => {
    await repo.insertCourse(tx, row);
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: row.countyCode,
      action: 'training.course_created',
      objectType: 'training_course',
      objectId: row.id,
      after: {
        title: row.title,
        kind: row.kind,
        questions: row.questions.length,
        passMark: row.passMark,
        withinDays: row.withinDays,
        everyMonths: row.everyMonths,
      },
    });
  });
  deps.kickSealer();
  return toCourse(row);
}

export async function listSessions(deps: Deps, ctx: RequestCtx, orgId?: string): Promise<Session[]> {
  const actor = requirePermission(ctx, 'workforce.read');
  const scope = await scopeOf(deps, actor, orgId);
  return (await repo.sessionsUnder(deps.database.db, scope.countyCode, scope.orgPath)).map(toSession);
}

export async function createSession(deps: Deps, ctx: RequestCtx, body: NewSession): Promise<Session> {
  const actor = requirePermission(ctx, 'training.record');
  const org = await getOrgRow(deps, body.orgId);
  if (!org || !canSee(actor, org.countyCode, org.path)) throw new AppError('NOT_FOUND');
  const course = await repo.courseById(deps.database.db, body.courseId);
  if (!course || course.countyCode !== org.countyCode || !course.active) {
    throw new AppError('UNPROCESSABLE', '所选课程不存在或已停用。', { reason: 'COURSE_UNKNOWN' });
  }
  const id = randomUUID();
  await deps.database.transaction(async (tx: Tx) => {
    await repo.insertSession(tx, {
      id,
      countyCode: org.countyCode,
      courseId: course.id,
      orgId: org.id,
      heldAt: new Date(body.heldAt),
      place: body.place,
      trainer: body.trainer,
      createdBy: actor.userId,
      createdAt: deps.clock.now(),
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: org.countyCode,
      action: 'training.session_recorded',
      objectType: 'training_session',
      objectId: id,
      after: {
        course: course.id,
        org: org.id,
        heldAt: body.heldAt,
        place: body.place,
        trainer: body.trainer,
      },
    });
  });
  deps.kickSealer();
  return toSession((await repo.sessionById(deps.database.db, id))!);
}

/** A session inside the actor's jurisdiction, or 404 like a missing one. */
async function visibleSession(ex: Executor, actor: Actor, id: string): Promise<repo.SessionRow> {
  const s = await repo.sessionById(ex, id);
  if (!s || !canSee(actor, s.countyCode, s.orgPath)) throw new AppError('NOT_FOUND');
  return s;
}

/** The roll: the holding org's grid workers in post, and anyone already recorded (who may since have left). */
async function rollOf(ex: Executor, s: repo.SessionRow): Promise<SessionDetail['roll']> {
  const recorded = await repo.attendanceOf(ex, s.id);
  const inPost = await gridWorkersUnder(ex, s.countyCode, s.orgPath, true);
  const roll = new Map<string, SessionDetail['roll'][number]>();
  for (const w of inPost) {
    roll.set(w.userId, {
      userId: w.userId,
      displayName: w.displayName,
      org: { id: w.orgId, name: w.orgName },
      present: null,
    });
  }
  for (const r of recorded) {
    roll.set(r.userId, {
      userId: r.userId,
      displayName: r.displayName,
      org: { id: r.orgId, name: r.orgName },
      present: r.present,
    });
  }
  return [...roll.values()];
}

export async function sessionDetail(deps: Deps, ctx: RequestCtx, id: string): Promise<SessionDetail> {
  const actor = requirePermission(ctx, 'workforce.read');
  const db = deps.database.db;
  const s = await visibleSession(db, actor, id);
  return { ...toSession(s), roll: await rollOf(db, s) };
}

/**
 * 签到: who was there and who was not, recorded by the holding org's side. Only grid workers under
 * the holding org can be on its roll; a second record of the same worker replaces the first.
 */
export async function recordAttendance(
  deps: Deps,
  ctx: RequestCtx,
  id: string,
  body: AttendanceBody,
): Promise<SessionDetail> {
  const actor = requirePermission(ctx, 'training.record');
  const db = deps.database.db;
  const s = await visibleSession(db, actor, id);
  const eligible = new Set((await gridWorkersUnder(db, s.countyCode, s.orgPath, false)).map((w) => w.userId));
  const stranger = body.entries.find((e) => !eligible.has(e.userId));
  if (stranger) {
    throw new AppError('UNPROCESSABLE', '只能为举办单位辖区内的网格员签到。', {
      reason: 'NOT_ON_ROLL',
      userId: stranger.userId,
    });
  }
  const now = deps.clock.now();
  await deps.database.transaction(async (tx: Tx) => {
    const changed: { userId: string; before: boolean | null; present: boolean }[] = [];
    for (const e of body.entries) {
      const before = await repo.upsertAttendance(tx, {
        countyCode: s.countyCode,
        sessionId: s.id,
        userId: e.userId,
        present: e.present,
        recordedBy: actor.userId,
        recordedAt: now,
      });
      if (before !== e.present) changed.push({ userId: e.userId, before, present: e.present });
    }
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: s.countyCode,
      action: 'training.attendance_recorded',
      objectType: 'training_session',
      objectId: s.id,
      // What each changed line stood at before (null: not recorded yet).
      before: { lines: changed.map((c) => ({ userId: c.userId, present: c.before })) },
      after: {
        present: body.entries.filter((e) => e.present).map((e) => e.userId),
        absent: body.entries.filter((e) => !e.present).map((e) => e.userId),
      },
    });
  });
  deps.kickSealer();
  const after = await visibleSession(db, actor, id);
  return { ...toSession(after), roll: await rollOf(db, after) };
}
