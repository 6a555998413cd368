/**
 * How the jurisdiction matrix calls the deliberation, notification and 村务公开 routes. A body or
 * meeting of a relation is attached to that relation's org (deliberation-factory.ts); the matters
 * they name are owned by the same org, so that inside the jurisdiction only authorization decides.
 */
import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { IntakeBody } from '../../core/contracts/matters';
import { actOnMatter } from '../src/modules/matters/actions.service';
import { intakeByStaff } from '../src/modules/matters/intake.service';
import type { OrgRow } from '../src/modules/orgs/orgs.repo';
import { buildBody, buildInAppMessage, buildMeeting, buildServiceAssignment } from './deliberation-factory';
import type { ActorName, Relation } from './jurisdiction-matrix.table';
import { type BuiltMatter, buildMatter, clerkOf, villageOf } from './matter-factory';
import type { Session, TestApp } from './test-app';

type Response = LightMyRequestResponse;
interface Probe {
  send: () => Promise<Response>;
  snapshot?: () => Promise<string>;
  mutates?: boolean;
  check?: (res: Response) => Promise<void> | void;
}
type Builder = (a: ActorName, rel: Relation | null) => Promise<Probe>;

export interface MatrixKit {
  t: () => TestApp;
  session: (a: ActorName) => Session | null;
  ownOrg: (a: ActorName) => OrgRow | null;
  send: (session: Session | null, opts: InjectOptions) => Promise<Response>;
  orgFor: (a: ActorName, rel: Relation) => Promise<{ id: string; row: OrgRow | null }>;
  matterFor: (a: ActorName, rel: Relation, fresh: boolean) => Promise<BuiltMatter>;
  digest: (...queries: SQL[]) => Promise<string>;
}

const inside = (rel: Relation | null) => rel === 'own' || rel === 'child';

export function deliberationBuilders(k: MatrixKit): Record<string, Builder> {
  const readBodies = new Map<string, string>();
  const readMeetings = new Map<string, string>();

  /** A body of the relation's org, shared by the read cells; a random id for `nonexistent`. */
  async function bodyOf(a: ActorName, rel: Relation): Promise<string> {
    const { row } = await k.orgFor(a, rel);
    if (!row) return randomUUID();
    let id = readBodies.get(row.id);
    if (!id) {
      id = (await buildBody(k.t(), row)).id;
      readBodies.set(row.id, id);
    }
    return id;
  }

  async function meetingOf(
    a: ActorName,
    rel: Relation,
    state: 'planned' | 'held' | 'decided',
    fresh: boolean,
  ) {
    const { row } = await k.orgFor(a, rel);
    if (!row) return { id: randomUUID(), itemId: randomUUID(), memberId: randomUUID() };
    const known = fresh ? undefined : readMeetings.get(row.id);
    if (known) return { id: known, itemId: randomUUID(), memberId: randomUUID() };
    const matter = await k.matterFor(a, rel, false);
    const m = await buildMeeting(k.t(), row, state, [matter.id]);
    if (!fresh) readMeetings.set(row.id, m.id);
    return m;
  }

  const meetingDigest = (id: string) =>
    k.digest(
      sql`select * from deliberation_meetings where id = ${id}`,
      sql`select * from deliberation_items where meeting_id = ${id}`,
      sql`select * from deliberation_speakers where meeting_id = ${id}`,
      sql`select * from deliberation_tasks where meeting_id = ${id}`,
    );
  const bodyDigest = (id: string) =>
    k.digest(
      sql`select * from deliberation_meetings where body_id = ${id}`,
      sql`select * from deliberation_contributions where body_id = ${id}`,
    );

  const get =
    (url: (a: ActorName, rel: Relation | null) => Promise<string> | string): Builder =>
    async (a, rel) => {
      const u = await url(a, rel);
      return { send: () => k.send(k.session(a), { method: 'GET', url: u }) };
    };

  /** A meeting command: a fresh meeting of the relation in the state the command needs. */
  const meetingWrite =
    (
      state: 'planned' | 'held' | 'decided',
      path: (m: { id: string; itemId: string }) => string,
      payload: (m: { memberId: string }) => Record<string, unknown> | undefined,
      status: string,
    ): Builder =>
    async (a, rel) => {
      const m = await meetingOf(a, rel!, state, true);
      return {
        send: () =>
          k.send(k.session(a), {
            method: 'POST',
            url: `/api/deliberation/meetings/${m.id}${path(m)}`,
            ...(payload(m) ? { payload: payload(m) } : {}),
          }),
        snapshot: () => meetingDigest(m.id),
        mutates: true,
        check: (res) => expect((res.json() as { status: string }).status).toBe(status),
      };
    };

  return {
    'GET /api/deliberation/bodies': get(() => '/api/deliberation/bodies'),
    'POST /api/deliberation/bodies': async (a) => {
      const org = k.ownOrg(a);
      const orgId = org?.id ?? randomUUID();
      return {
        send: () =>
          k.send(k.session(a), {
            method: 'POST',
            url: '/api/deliberation/bodies',
            payload: {
              orgId,
              kind: 'council',
              name: '矩阵议事会',
              termStart: '2026-01-01',
              termEnd: '2028-12-31',
            },
          }),
        snapshot: () => k.digest(sql`select * from deliberation_bodies where org_id = ${orgId}`),
        mutates: true,
      };
    },
    'GET /api/deliberation/bodies/:id': get(
      async (a, rel) => `/api/deliberation/bodies/${await bodyOf(a, rel!)}`,
    ),
    'POST /api/deliberation/bodies/:id/opinions': async (a, rel) => {
      const { row } = await k.orgFor(a, rel!);
      const bodyId = row ? (await buildBody(k.t(), row, 'panel')).id : randomUUID();
      let matterId: string = randomUUID();
      if (row && inside(rel)) {
        // A dispute of the relation's org under mediation: the opinion is part of that mediation.
        const m = await buildMatter(k.t(), row);
        const clerk = await clerkOf(k.t(), row);
        await actOnMatter(k.t().deps, clerk, m.id, { action: 'accept' });
        await actOnMatter(k.t().deps, { ...clerk, requestId: `mx-${randomUUID()}` }, m.id, {
          action: 'start_mediation',
          initiative: 'application',
        });
        matterId = m.id;
      }
      return {
        send: () =>
          k.send(k.session(a), {
            method: 'POST',
            url: `/api/deliberation/bodies/${bodyId}/opinions`,
            payload: { matterId, text: '双方应互谅互让，共同出资疏通排水沟。' },
          }),
        snapshot: () => bodyDigest(bodyId),
        mutates: true,
      };
    },
    'POST /api/deliberation/bodies/:id/service-requests': async (a, rel) => {
      const { row } = await k.orgFor(a, rel!);
      const body = row
        ? await buildBody(k.t(), row, 'service_team')
        : { id: randomUUID(), memberId: randomUUID() };
      let matterId: string = randomUUID();
      if (row && inside(rel)) {
        const villageId = await villageOf(k.t(), row);
        const request: IntakeBody = {
          kind: 'request',
          channel: 'walk_in',
          categoryCode: 'MED-17',
          title: '独居老人代购药品',
          description: '独居老人行动不便，请求帮助代购药品。',
          place: villageId ? { villageId } : {},
          parties: [{ role: 'applicant', name: '王甲乙', phone: '13712340000' }],
        };
        matterId = (await intakeByStaff(k.t().deps, await clerkOf(k.t(), row), request)).matterId;
      }
      return {
        send: () =>
          k.send(k.session(a), {
            method: 'POST',
            url: `/api/deliberation/bodies/${body.id}/service-requests`,
            payload: { matterId, memberId: body.memberId, text: '代购药品并送到家' },
          }),
        snapshot: () => bodyDigest(body.id),
        mutates: true,
      };
    },

    'POST /api/deliberation/contributions/:id/done': async (a, rel) => {
      const { row } = await k.orgFor(a, rel!);
      let id: string = randomUUID();
      if (row) {
        const body = await buildBody(k.t(), row, 'service_team');
        id = await buildServiceAssignment(k.t(), row, body);
      }
      return {
        send: () =>
          k.send(k.session(a), {
            method: 'POST',
            url: `/api/deliberation/contributions/${id}/done`,
            payload: { note: '药品已送到老人家中' },
          }),
        snapshot: () => k.digest(sql`select * from deliberation_contributions where id = ${id}`),
        mutates: true,
        check: (res) => expect((res.json() as { status: string }).status).toBe('done'),
      };
    },
    'GET /api/deliberation/meetings': get(() => '/api/deliberation/meetings'),
    'POST /api/deliberation/meetings': async (a, rel) => {
      const bodyId = await bodyOf(a, rel!);
      const matter = rel === 'nonexistent' ? { id: randomUUID() } : await k.matterFor(a, rel!, false);
      return {
        send: () =>
          k.send(k.session(a), {
            method: 'POST',
            url: '/api/deliberation/meetings',
            payload: {
              bodyId,
              topic: '矩阵测试会议',
              startsAt: k.t().clock.now().toISOString(),
              place: '村委会会议室',
              items: [{ title: '矩阵议程', matterIds: [matter.id] }],
              invite: true,
            },
          }),
        snapshot: () => bodyDigest(bodyId),
        mutates: true,
      };
    },
    'GET /api/deliberation/meetings/:id': get(
      async (a, rel) => `/api/deliberation/meetings/${(await meetingOf(a, rel!, 'held', false)).id}`,
    ),
    'POST /api/deliberation/meetings/:id/speakers': meetingWrite(
      'planned',
      () => '/speakers',
      () => ({ name: '张某', subject: '想就排水问题发言' }),
      'planned',
    ),
    'POST /api/deliberation/meetings/:id/hold': meetingWrite(
      'planned',
      () => '/hold',
      (m) => ({ presentMemberIds: [m.memberId], countedInRoom: 3, minutes: '会议记录：与会成员一致同意。' }),
      'held',
    ),
    'POST /api/deliberation/meetings/:id/items/:itemId/decision': meetingWrite(
      'held',
      (m) => `/items/${m.itemId}/decision`,
      () => ({ method: 'consensus', outcome: 'adopted', reasoning: '一致同意按方案办理' }),
      'held',
    ),
    'POST /api/deliberation/meetings/:id/publish': meetingWrite(
      'decided',
      () => '/publish',
      () => undefined,
      'published',
    ),
    'GET /api/deliberation/matters/:id/links': get(
      async (a, rel) => `/api/deliberation/matters/${(await k.matterFor(a, rel!, false)).id}/links`,
    ),

    'GET /api/public/deliberation/decisions': async (a) => {
      const [v] = (
        (await k
          .t()
          .database.db.execute(sql`select id from orgs where division_code = '620602001001'`)) as unknown as {
          rows: { id: string }[];
        }
      ).rows;
      return {
        send: () =>
          k.send(k.session(a), { method: 'GET', url: `/api/public/deliberation/decisions?orgId=${v!.id}` }),
        check: (res) => expect(res.json()).toHaveProperty('items'),
      };
    },
    'GET /api/notifications/messages': get(() => '/api/notifications/messages'),
    'POST /api/notifications/messages/:id/read': async (a) => {
      const s = k.session(a);
      const id = s ? await buildInAppMessage(k.t(), s.userId) : randomUUID();
      return {
        send: () => k.send(s, { method: 'POST', url: `/api/notifications/messages/${id}/read` }),
        snapshot: () => k.digest(sql`select * from in_app_messages where id = ${id}`),
        mutates: true,
        check: (res) => expect(res.json()).toMatchObject({ id, read: true }),
      };
    },
  };
}
