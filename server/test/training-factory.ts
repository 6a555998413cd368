/** Training courses and sessions as the training services store them (matrix and tests). */
import { randomUUID } from 'node:crypto';
import type { OrgRow } from '../src/modules/orgs/orgs.repo';
import * as trainingRepo from '../src/modules/training/training.repo';
import type { TestApp } from './test-app';

/** A course of the county with a one-question test (the right answer: the first option). */
export async function buildCourse(t: TestApp, countyCode = '620602'): Promise<{ id: string }> {
  const id = randomUUID();
  await trainingRepo.insertCourse(t.database.db, {
    id,
    countyCode,
    title: '矩阵测试课程',
    kind: 'routine',
    summary: '',
    materials: [],
    questions: [{ id: 'q1', prompt: '发现即报吗？', options: ['是', '否'], correct: [0] }],
    passMark: 60,
    withinDays: 30,
    everyMonths: null,
    ruleSince: t.clock.now(),
    createdBy: randomUUID(),
    createdAt: t.clock.now(),
  });
  return { id };
}

/** A session of a fresh course held by `org`. */
export async function buildSession(t: TestApp, org: OrgRow): Promise<{ id: string }> {
  const course = await buildCourse(t, org.countyCode);
  const id = randomUUID();
  await trainingRepo.insertSession(t.database.db, {
    id,
    countyCode: org.countyCode,
    courseId: course.id,
    orgId: org.id,
    heldAt: t.clock.now(),
    place: '会议室',
    trainer: '授课人',
    createdBy: randomUUID(),
    createdAt: t.clock.now(),
  });
  return { id };
}
