/**
 * How the jurisdiction matrix calls the training routes. A session of a relation is held by that
 * relation's org (training-factory.ts), so inside the jurisdiction only authorization decides;
 * courses are the county's, so their routes name no place.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { buildUser } from './factories';
import type { MatrixKit } from './jurisdiction-matrix.deliberation';
import type { ActorName, Relation } from './jurisdiction-matrix.table';
import { buildCourse, buildSession } from './training-factory';

type Response = Awaited<ReturnType<MatrixKit['send']>>;
interface Probe {
  send: () => Promise<Response>;
  snapshot?: () => Promise<string>;
  mutates?: boolean;
  check?: (res: Response) => Promise<void> | void;
}
type Builder = (a: ActorName, rel: Relation | null) => Promise<Probe>;

export function trainingBuilders(k: MatrixKit): Record<string, Builder> {
  const get =
    (url: string): Builder =>
    async (a) => ({ send: () => k.send(k.session(a), { method: 'GET', url }) });
  let shared: string | null = null;
  /** One course of the demo county with a test, for the read and test-taking cells. */
  const course = async () => {
    shared ??= (await buildCourse(k.t())).id;
    return shared;
  };
  /** A session held by the relation's org, with one grid worker of that org (random ids outside). */
  async function sessionOf(a: ActorName, rel: Relation) {
    const { row } = await k.orgFor(a, rel);
    if (!row) return { id: randomUUID(), worker: randomUUID() };
    const { id } = await buildSession(k.t(), row);
    return { id, worker: (await buildUser(k.t(), row, ['grid_worker'])).id };
  }

  return {
    'GET /api/training/courses': get('/api/training/courses'),
    'GET /api/training/sessions': get('/api/training/sessions'),
    'GET /api/training/due': get('/api/training/due'),
    'GET /api/training/me': get('/api/training/me'),
    'GET /api/training/me/courses/:id/test': async (a) => {
      const id = await course();
      return {
        send: () => k.send(k.session(a), { method: 'GET', url: `/api/training/me/courses/${id}/test` }),
      };
    },
    'POST /api/training/me/courses/:id/attempts': async (a) => {
      const id = await course();
      return {
        send: () =>
          k.send(k.session(a), {
            method: 'POST',
            url: `/api/training/me/courses/${id}/attempts`,
            payload: { answers: { q1: [0] } },
          }),
        snapshot: () => k.digest(sql`select count(*) from training_attempts`),
        mutates: true,
      };
    },
    'POST /api/training/courses': async (a) => ({
      send: () =>
        k.send(k.session(a), {
          method: 'POST',
          url: '/api/training/courses',
          payload: { title: '矩阵测试新课程', kind: 'routine', withinDays: 30, everyMonths: 12 },
        }),
      snapshot: () => k.digest(sql`select count(*) from training_courses`),
      mutates: true,
    }),
    'POST /api/training/sessions': async (a, rel) => {
      const { id: orgId } = await k.orgFor(a, rel!);
      const courseId = await course();
      return {
        send: () =>
          k.send(k.session(a), {
            method: 'POST',
            url: '/api/training/sessions',
            payload: {
              courseId,
              orgId,
              heldAt: '2026-03-02T15:00:00+08:00',
              place: '矩阵测试会议室',
              trainer: '矩阵测试授课人',
            },
          }),
        snapshot: () => k.digest(sql`select count(*) from training_sessions where org_id = ${orgId}`),
        mutates: true,
      };
    },
    'GET /api/training/sessions/:id': async (a, rel) => {
      const { id } = await sessionOf(a, rel!);
      return { send: () => k.send(k.session(a), { method: 'GET', url: `/api/training/sessions/${id}` }) };
    },
    'PUT /api/training/sessions/:id/attendance': async (a, rel) => {
      const { id, worker } = await sessionOf(a, rel!);
      return {
        send: () =>
          k.send(k.session(a), {
            method: 'PUT',
            url: `/api/training/sessions/${id}/attendance`,
            payload: { entries: [{ userId: worker, present: true }] },
          }),
        snapshot: () => k.digest(sql`select * from training_attendance where session_id = ${id}`),
        mutates: true,
      };
    },
  };
}
