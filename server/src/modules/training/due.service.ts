/**
 * 应训名单 and the worker's own training on /field: who is due for which course (core/domain/training/
 * due.ts), and the short test, scored on the server against answers the phone never sees.
 */
import { randomUUID } from 'node:crypto';
import type {
  AttemptBody,
  AttemptResult,
  DueLine,
  MyTraining,
  TestView,
} from '../../../../core/contracts/training';
import { can } from '../../../../core/domain/permissions';
import type { CourseKind } from '../../../../core/domain/training/course';
import { dueAt } from '../../../../core/domain/training/due';
import { answersProblem, scoreAnswers } from '../../../../core/domain/training/scoring';
import { AppError } from '../../../../core/errors';
import { requireActor, requirePermission } from '../../authz';
import type { Actor, Deps, RequestCtx } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { recordEvent } from '../events/events.service';
import { gridWorkersUnder, scopeOf } from '../workforce/workforce.service';
import { toCourse, toTest } from './training.presenter';
import * as repo from './training.repo';

const key = (userId: string, courseId: string) => `${userId}:${courseId}`;

/**
 * Each worker's latest completion of each course: a passed test where the course has one (what the
 * county asks him to show), else his presence at one of its sessions.
 */
async function completions(
  ex: Executor,
  courses: repo.CourseRow[],
  userIds: string[],
): Promise<Map<string, Date>> {
  const tested = new Set(courses.filter((c) => c.questions.length > 0).map((c) => c.id));
  const out = new Map<string, Date>();
  for (const p of await repo.passedTests(ex, userIds)) {
    if (tested.has(p.courseId)) out.set(key(p.userId, p.courseId), p.at);
  }
  for (const a of await repo.attendedSessions(ex, userIds)) {
    if (!tested.has(a.courseId)) out.set(key(a.userId, a.courseId), a.at);
  }
  return out;
}

function dueOf(course: repo.CourseRow, joinedAt: Date, last: Date | null, now: Date) {
  return dueAt(
    {
      rule: { withinDays: course.withinDays, everyMonths: course.everyMonths },
      courseSince: course.ruleSince,
      joinedAt,
      lastCompletedAt: last,
    },
    now,
  );
}

/** The town's list: each in-post grid worker of the subtree and each course he is due for, overdue first. */
export async function dueList(deps: Deps, ctx: RequestCtx, orgId?: string): Promise<DueLine[]> {
  const actor = requirePermission(ctx, 'workforce.read');
  const scope = await scopeOf(deps, actor, orgId);
  const db = deps.database.db;
  const workers = await gridWorkersUnder(db, scope.countyCode, scope.orgPath, true);
  const ids = workers.map((w) => w.userId);
  const courses = await repo.coursesOf(db, scope.countyCode);
  const done = await completions(db, courses, ids);
  const joined = await repo.joinDates(db, ids);
  const now = deps.clock.now();
  const lines: DueLine[] = [];
  for (const w of workers) {
    for (const c of courses) {
      const due = dueOf(c, joined.get(w.userId)!, done.get(key(w.userId, c.id)) ?? null, now);
      if (!due) continue;
      lines.push({
        worker: { id: w.userId, name: w.displayName },
        org: { id: w.orgId, name: w.orgName },
        course: { id: c.id, name: c.title, kind: c.kind as CourseKind },
        since: due.since.toISOString(),
        by: due.by.toISOString(),
        overdue: due.overdue,
      });
    }
  }
  return lines.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.by.localeCompare(b.by));
}

function gridWorker(ctx: RequestCtx): Actor {
  const actor = requireActor(ctx);
  // The test is taken in the grid worker's own kit: the field-work permission, as for reports and logs.
  if (!can(actor.roles, 'field.work') || !actor.orgPath) {
    throw new AppError('FORBIDDEN', '培训测试仅供网格员本人参加。');
  }
  return actor;
}

/** The worker's card on /field: the county's courses, what he is due for, his last test. */
export async function myTraining(deps: Deps, ctx: RequestCtx): Promise<MyTraining> {
  const actor = gridWorker(ctx);
  const db = deps.database.db;
  const courses = await repo.coursesOf(db, actor.countyCode);
  const done = await completions(db, courses, [actor.userId]);
  const joined = (await repo.joinDates(db, [actor.userId])).get(actor.userId)!;
  const attempts = new Map((await repo.lastAttempts(db, actor.userId)).map((a) => [a.courseId, a]));
  const now = deps.clock.now();
  return {
    courses: courses.map((c) => {
      const last = done.get(key(actor.userId, c.id)) ?? null;
      const due = dueOf(c, joined, last, now);
      const attempt = attempts.get(c.id);
      const { id, title, kind, summary, materials, questionCount, passMark } = toCourse(c);
      return {
        id,
        title,
        kind,
        summary,
        materials,
        questionCount,
        passMark,
        due: due ? { since: due.since.toISOString(), by: due.by.toISOString(), overdue: due.overdue } : null,
        completedAt: last ? last.toISOString() : null,
        lastAttempt: attempt
          ? { score: attempt.score, passed: attempt.passed, takenAt: attempt.takenAt.toISOString() }
          : null,
      };
    }),
  };
}

/** A course of the worker's county that has a test, or 404 like a missing one. */
async function testedCourse(ex: Executor, actor: Actor, id: string): Promise<repo.CourseRow> {
  const c = await repo.courseById(ex, id);
  if (!c || c.countyCode !== actor.countyCode || !c.active || c.questions.length === 0) {
    throw new AppError('NOT_FOUND');
  }
  return c;
}

export async function testFor(deps: Deps, ctx: RequestCtx, courseId: string): Promise<TestView> {
  const actor = gridWorker(ctx);
  return toTest(await testedCourse(deps.database.db, actor, courseId));
}

/** Scores the answers on the server and records the attempt (passed or not) with an event. */
export async function takeTest(
  deps: Deps,
  ctx: RequestCtx,
  courseId: string,
  body: AttemptBody,
): Promise<AttemptResult> {
  const actor = gridWorker(ctx);
  const course = await testedCourse(deps.database.db, actor, courseId);
  const problem = answersProblem(course.questions, body.answers);
  if (problem) throw new AppError('VALIDATION_FAILED', problem);
  const scored = scoreAnswers(course.questions, body.answers, course.passMark);
  const id = randomUUID();
  await deps.database.transaction(async (tx: Tx) => {
    await repo.insertAttempt(tx, {
      id,
      countyCode: actor.countyCode,
      courseId: course.id,
      userId: actor.userId,
      answers: body.answers,
      score: scored.score,
      passed: scored.passed,
      takenAt: deps.clock.now(),
    });
    await recordEvent(tx, ctx, deps.clock, {
      countyCode: actor.countyCode,
      action: 'training.test_taken',
      objectType: 'training_course',
      objectId: course.id,
      after: { attempt: id, score: scored.score, passed: scored.passed, passMark: course.passMark },
    });
  });
  deps.kickSealer();
  const prompts = new Map(course.questions.map((q) => [q.id, q.prompt]));
  return {
    score: scored.score,
    passed: scored.passed,
    right: scored.right,
    total: scored.total,
    passMark: course.passMark,
    wrong: scored.wrong.map((w) => prompts.get(w) ?? w),
  };
}
