/**
 * How the jurisdiction matrix calls the 调度会, joint task and 治未病 measure routes. A meeting, task or
 * measure of a relation is convened by, led by or put on that relation's org (dispatch-factory.ts), so
 * inside the jurisdiction only authorization decides.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { buildDispatchMeeting, buildJointTask, buildMeasure, dueDay } from './dispatch-factory';
import type { MatrixKit } from './jurisdiction-matrix.deliberation';
import type { ActorName, Relation } from './jurisdiction-matrix.table';
import { buildWarning } from './risk-factory';

type Response = Awaited<ReturnType<MatrixKit['send']>>;
interface Probe {
  send: () => Promise<Response>;
  snapshot?: () => Promise<string>;
  mutates?: boolean;
  check?: (res: Response) => Promise<void> | void;
}
type Builder = (a: ActorName, rel: Relation | null) => Promise<Probe>;

export function dispatchBuilders(k: MatrixKit): Record<string, Builder> {
  const get =
    (url: string): Builder =>
    async (a) => ({ send: () => k.send(k.session(a), { method: 'GET', url }) });

  async function placed(
    a: ActorName,
    rel: Relation,
    build: (org: NonNullable<Awaited<ReturnType<MatrixKit['orgFor']>>['row']>) => Promise<{ id: string }>,
  ) {
    const { id, row } = await k.orgFor(a, rel);
    return row ? { id: (await build(row)).id, orgId: row.id } : { id: randomUUID(), orgId: id };
  }

  const taskWrite =
    (suffix: string, payload: Record<string, unknown>, status: string): Builder =>
    async (a, rel) => {
      const { id } = await placed(a, rel!, (o) => buildJointTask(k.t(), o));
      return {
        send: () =>
          k.send(k.session(a), { method: 'POST', url: `/api/dispatch/tasks/${id}/${suffix}`, payload }),
        snapshot: () => k.digest(sql`select * from joint_tasks where id = ${id}`),
        mutates: true,
        check: (res) => expect((res.json() as { status: string }).status).toBe(status),
      };
    };

  return {
    'GET /api/dispatch/participant-options': get('/api/dispatch/participant-options'),
    'GET /api/dispatch/agenda-draft': get('/api/dispatch/agenda-draft'),
    'GET /api/dispatch/meetings': get('/api/dispatch/meetings'),
    'GET /api/dispatch/tasks': get('/api/dispatch/tasks'),
    'GET /api/risk/measure-effects': get('/api/risk/measure-effects'),
    'POST /api/dispatch/meetings': async (a) => {
      const own = k.ownOrg(a);
      const payload = {
        kind: 'ad_hoc',
        topic: '矩阵测试调度会',
        startsAt: k.t().clock.now().toISOString(),
        place: '综治中心会议室',
        participantOrgIds: [own?.id ?? randomUUID()],
        externalParticipants: [],
      };
      return {
        send: () => k.send(k.session(a), { method: 'POST', url: '/api/dispatch/meetings', payload }),
        snapshot: () => k.digest(sql`select count(*) from dispatch_meetings`),
        mutates: true,
        check: (res) => expect((res.json() as { topic: string }).topic).toBe('矩阵测试调度会'),
      };
    },
    'GET /api/dispatch/meetings/:id': async (a, rel) => {
      const { id } = await placed(a, rel!, (o) => buildDispatchMeeting(k.t(), o));
      return { send: () => k.send(k.session(a), { method: 'GET', url: `/api/dispatch/meetings/${id}` }) };
    },
    'POST /api/dispatch/meetings/:id/tasks': async (a, rel) => {
      const { id, orgId } = await placed(a, rel!, (o) => buildDispatchMeeting(k.t(), o));
      const payload = {
        title: '矩阵测试：联合巡逻',
        mechanism: 'public_security',
        leadOrgId: orgId,
        dueDate: dueDay(k.t(), 5),
      };
      return {
        send: () =>
          k.send(k.session(a), { method: 'POST', url: `/api/dispatch/meetings/${id}/tasks`, payload }),
        snapshot: () => k.digest(sql`select count(*) from joint_tasks where meeting_id = ${id}`),
        mutates: true,
        check: (res) => expect((res.json() as { tasks: unknown[] }).tasks).toHaveLength(1),
      };
    },
    'GET /api/dispatch/tasks/:id': async (a, rel) => {
      const { id } = await placed(a, rel!, (o) => buildJointTask(k.t(), o));
      return { send: () => k.send(k.session(a), { method: 'GET', url: `/api/dispatch/tasks/${id}` }) };
    },
    'POST /api/dispatch/tasks/:id/progress': taskWrite(
      'progress',
      { note: '矩阵测试：已走访' },
      'in_progress',
    ),
    'POST /api/dispatch/tasks/:id/complete': taskWrite('complete', { result: '矩阵测试：已办结' }, 'done'),
    'POST /api/dispatch/tasks/:id/withdraw': taskWrite(
      'withdraw',
      { reason: '矩阵测试：不再需要' },
      'withdrawn',
    ),
    'GET /api/risk/warnings/:id/measures': async (a, rel) => {
      const { id } = await placed(a, rel!, (o) => buildWarning(k.t(), o));
      return {
        send: () => k.send(k.session(a), { method: 'GET', url: `/api/risk/warnings/${id}/measures` }),
      };
    },
    'POST /api/risk/warnings/:id/measures': async (a, rel) => {
      const { id } = await placed(a, rel!, (o) => buildWarning(k.t(), o));
      const own = k.ownOrg(a);
      const payload = {
        action: '矩阵测试：逐户走访宣讲',
        responsibleOrgId: own?.id ?? randomUUID(),
        responsiblePerson: '张三',
        groups: '辖区村民',
        dueDate: dueDay(k.t(), 5),
      };
      return {
        send: () =>
          k.send(k.session(a), { method: 'POST', url: `/api/risk/warnings/${id}/measures`, payload }),
        snapshot: () => k.digest(sql`select count(*) from risk_measures where warning_id = ${id}`),
        mutates: true,
        check: (res) => expect((res.json() as { measures: unknown[] }).measures).toHaveLength(1),
      };
    },
    'POST /api/risk/measures/:id/complete': async (a, rel) => {
      const { id } = await placed(a, rel!, async (o) =>
        buildMeasure(k.t(), o, (await buildWarning(k.t(), o)).id),
      );
      return {
        send: () =>
          k.send(k.session(a), {
            method: 'POST',
            url: `/api/risk/measures/${id}/complete`,
            payload: { result: '矩阵测试：已落实' },
          }),
        snapshot: () => k.digest(sql`select * from risk_measures where id = ${id}`),
        mutates: true,
        check: (res) => expect((res.json() as { status: string }).status).toBe('done'),
      };
    },
  };
}
