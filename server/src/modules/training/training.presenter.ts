/**
 * What leaves the server of a course: never its questions' correct answers. A worker's test shows
 * the prompts and options and only whether a question has more than one right choice.
 */
import type { Course, Session, TestView } from '../../../../core/contracts/training';
import type { CourseKind } from '../../../../core/domain/training/course';
import type { CourseRow, SessionRow } from './training.repo';

export function toCourse(c: CourseRow): Course {
  return {
    id: c.id,
    title: c.title,
    kind: c.kind as CourseKind,
    summary: c.summary,
    materials: c.materials,
    questionCount: c.questions.length,
    passMark: c.passMark,
    withinDays: c.withinDays,
    everyMonths: c.everyMonths,
    createdAt: c.createdAt.toISOString(),
  };
}

export function toSession(s: SessionRow): Session {
  return {
    id: s.id,
    course: { id: s.courseId, name: s.courseTitle },
    org: { id: s.orgId, name: s.orgName },
    heldAt: s.heldAt.toISOString(),
    place: s.place,
    trainer: s.trainer,
    present: s.present,
    absent: s.absent,
  };
}

export function toTest(c: CourseRow): TestView {
  return {
    courseId: c.id,
    title: c.title,
    passMark: c.passMark,
    questions: c.questions.map((q) => ({
      id: q.id,
      prompt: q.prompt,
      options: q.options,
      multiple: q.correct.length > 1,
    })),
  };
}
