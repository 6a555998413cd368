/** 调度会, joint tasks and 治未病 measures placed at an org, as the services would store them (matrix and tests). */
import { randomUUID } from 'node:crypto';
import { chinaDateOf, dueInstantOf } from '../../core/domain/dispatch/model';
import * as dispatchRepo from '../src/modules/dispatch/dispatch.repo';
import type { OrgRow } from '../src/modules/orgs/orgs.repo';
import * as measuresRepo from '../src/modules/risk/measures.repo';
import type { TestApp } from './test-app';

/** A due date `days` ahead of the test clock, as a China calendar day. */
export function dueDay(t: TestApp, days: number): string {
  return chinaDateOf(new Date(t.clock.now().getTime() + days * 86_400_000));
}

/** A meeting convened by `org`, with `org` itself at the table (so a task may be handed to it). */
export async function buildDispatchMeeting(t: TestApp, org: OrgRow): Promise<{ id: string }> {
  const id = randomUUID();
  await dispatchRepo.insertMeeting(t.database.db, {
    countyCode: org.countyCode,
    id,
    convenerOrgId: org.id,
    convenerPath: org.path,
    kind: 'regular',
    topic: '矩阵测试调度会',
    startsAt: t.clock.now(),
    place: '综治中心会议室',
    participants: [{ orgId: org.id, name: org.name, inside: true }],
    agenda: [],
    createdBy: randomUUID(),
    createdAt: t.clock.now(),
  });
  return { id };
}

/** An open joint task convened, led by `org` (its own meeting). */
export async function buildJointTask(t: TestApp, org: OrgRow): Promise<{ id: string }> {
  const meeting = await buildDispatchMeeting(t, org);
  const id = randomUUID();
  const due = dueDay(t, 10);
  await dispatchRepo.insertTask(t.database.db, {
    countyCode: org.countyCode,
    id,
    meetingId: meeting.id,
    convenerOrgId: org.id,
    convenerPath: org.path,
    agendaSeq: null,
    title: '矩阵测试联合任务',
    mechanism: 'key_work',
    leadOrgId: org.id,
    leadPath: org.path,
    coOrgIds: [],
    coPaths: [],
    dueDate: due,
    dueAt: dueInstantOf(due),
    status: 'assigned',
    progress: [],
    result: null,
    completedAt: null,
    overdueAt: null,
    supervisedAt: null,
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  });
  return { id };
}

/** An open measure against `warningId`, with `org` responsible and the warning at `org` too. */
export async function buildMeasure(t: TestApp, org: OrgRow, warningId: string): Promise<{ id: string }> {
  const id = randomUUID();
  const due = dueDay(t, 10);
  await measuresRepo.insertMeasure(t.database.db, {
    countyCode: org.countyCode,
    id,
    warningId,
    warningPath: org.path,
    action: '矩阵测试措施：逐户走访',
    responsibleOrgId: org.id,
    responsiblePath: org.path,
    responsiblePerson: '张三',
    villageIds: [],
    groups: '辖区村民',
    dueDate: due,
    dueAt: dueInstantOf(due),
    status: 'open',
    result: null,
    doneAt: null,
    overdueAt: null,
    createdBy: randomUUID(),
    createdAt: t.clock.now(),
  });
  return { id };
}
