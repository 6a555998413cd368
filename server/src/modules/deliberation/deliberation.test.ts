import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision } from '../../../test/factories';
import { act, disputeBody, register, view } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { deliverDue } from '../notifications/notifications.service';

/**
 * A village council takes up three related complaints, meets, votes by paper ballot, hands a task to
 * the town, and publishes the decision. Canary names and numbers are planted in every place personal
 * data can sit (members, speakers, parties, minutes, dissent); the public page must carry none.
 */
const CANARY = {
  chair: '甄金丝雀',
  member: '贾金丝雀',
  speaker: '司马金丝雀',
  party: '欧阳金丝雀',
  phone: '13900007777',
  speakerPhone: '13900008888',
  partyPhone: '13900009999',
};
const canaryStrings = Object.values(CANARY);

let t: TestApp;
let clerk: Session;
let village: Awaited<ReturnType<typeof orgByDivision>>;
let town: Awaited<ReturnType<typeof orgByDivision>>;
let residentId: string;

/** The answer's body, after checking its status (inject's json() is untyped, as in matter-steps). */
async function ok(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

async function post(s: Session, url: string, payload: unknown, status = 200) {
  return ok(await s.request({ method: 'POST', url, payload: payload as Record<string, unknown> }), status);
}

async function select<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.login('village-clerk');
  village = await orgByDivision(t, '620602001001');
  town = await orgByDivision(t, '620602001');
  residentId = (await select<{ id: string }>(sql`select id from users where username = 'resident'`))[0]!.id;
});
afterAll(() => t.close());

async function threeMatters() {
  const ids: string[] = [];
  for (const [i, title] of ['村道积水无法通行', '排水沟堵塞雨水倒灌', '村道破损影响出行'].entries()) {
    const out = await register(
      clerk,
      disputeBody(village.id, {
        title,
        parties: [
          {
            role: 'applicant',
            name: i === 0 ? CANARY.party : `王某${i}`,
            phone: i === 0 ? CANARY.partyPhone : `1391234567${i}`,
          },
          { role: 'respondent', name: '李丙丁' },
        ],
      }),
    );
    ids.push(out.matter.id);
  }
  return ids;
}

async function council(extra: Record<string, unknown>[] = []) {
  return post(
    clerk,
    '/api/deliberation/bodies',
    {
      orgId: village.id,
      kind: 'council',
      name: '南苑社区百姓议事会',
      termStart: '2026-01-01',
      termEnd: '2028-12-31',
      members: [
        {
          name: CANARY.chair,
          phone: CANARY.phone,
          position: 'chair',
          seatedBy: 'elected',
          termStart: '2026-01-01',
          termEnd: '2028-12-31',
        },
        {
          name: CANARY.member,
          position: 'recorder',
          seatedBy: 'appointed',
          termStart: '2026-01-01',
          termEnd: '2028-12-31',
        },
        {
          name: '成员丙',
          userId: residentId,
          position: 'representative',
          seatedBy: 'delegated',
          termStart: '2026-01-01',
          termEnd: '2028-12-31',
        },
        {
          name: '成员丁',
          position: 'member',
          seatedBy: 'elected',
          termStart: '2026-01-01',
          termEnd: '2028-12-31',
        },
        {
          name: '成员戊',
          position: 'member',
          seatedBy: 'elected',
          termStart: '2026-01-01',
          termEnd: '2028-12-31',
        },
        ...extra,
      ],
    },
    201,
  );
}

describe('a village council from the agenda to the published decision and the town’s task', () => {
  let meetingId: string;
  let itemId: string;
  let taskMatterId: string;
  let memberIds: string[];

  it('sets up the council with seats, positions and terms, refusing a seat outside the term', async () => {
    const bad = await clerk.request({
      method: 'POST',
      url: '/api/deliberation/bodies',
      payload: {
        orgId: village.id,
        kind: 'council',
        name: '越期议事会',
        termStart: '2026-01-01',
        termEnd: '2026-12-31',
        members: [
          {
            name: '某人',
            position: 'member',
            seatedBy: 'elected',
            termStart: '2026-01-01',
            termEnd: '2027-12-31',
          },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('任期超出');
    const body = await council();
    expect(body.kindLabel).toBe('议事会');
    expect(body.members).toHaveLength(5);
    expect(body.members[0]).toMatchObject({ position: 'chair', seatedBy: 'elected', phone: '139****7777' });
    memberIds = body.members.map((m: { id: string }) => m.id);

    const matterIds = await threeMatters();
    const meeting = await post(
      clerk,
      '/api/deliberation/meetings',
      {
        bodyId: body.id,
        topic: '村道积水和排水沟治理',
        startsAt: '2026-03-02T10:00:00+08:00',
        place: '南苑社区党群服务中心二楼会议室',
        items: [{ title: '村道排水改造方案', matterIds }],
      },
      201,
    );
    meetingId = meeting.id;
    itemId = meeting.items[0].id;
    expect(meeting.items[0].matters.map((m: { id: string }) => m.id).sort()).toEqual([...matterIds].sort());
    expect(meeting.invitations).toHaveLength(2);
    expect(meeting.invitations.every((i: { status: string }) => i.status === '待发送')).toBe(true);
  });

  it('delivers the invitations through the outbox: SMS to the dev provider, in-app to the member’s account', async () => {
    expect(await deliverDue(t.deps)).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(await deliverDue(t.deps)).toEqual({ sent: 0, retried: 0, failed: 0 });
    const sms = await select<{ phone: string; text: string }>(sql`select phone, text from dev_sms_messages`);
    expect(sms).toEqual([
      {
        phone: CANARY.phone,
        text: '【综治】南苑社区百姓议事会定于3月2日 10:00在南苑社区党群服务中心二楼会议室召开会议，议题：村道积水和排水沟治理。请准时参加。',
      },
    ]);
    const resident = await t.login('resident');
    const inbox = await ok(await resident.request({ method: 'GET', url: '/api/notifications/messages' }));
    expect(inbox.items).toEqual([
      expect.objectContaining({ title: '会议通知', link: `/deliberation/meetings/${meetingId}` }),
    ]);
    const attempts = await select<{ attempt_no: number; ok: string }>(
      sql`select attempt_no, ok from notification_attempts`,
    );
    // Marking read: one's own message only; another account's message answers like a missing one.
    const msgId = inbox.items[0].id;
    const other = await clerk.request({ method: 'POST', url: `/api/notifications/messages/${msgId}/read` });
    expect(other.statusCode).toBe(404);
    const read = await ok(
      await resident.request({ method: 'POST', url: `/api/notifications/messages/${msgId}/read` }),
    );
    expect(read).toMatchObject({ id: msgId, read: true });
    expect(attempts).toHaveLength(2);
  });

  it('registers a resident who asks to speak, refuses a decision before the meeting is held, then holds it', async () => {
    await post(clerk, `/api/deliberation/meetings/${meetingId}/speakers`, {
      name: CANARY.speaker,
      phone: CANARY.speakerPhone,
      subject: '希望排水沟改道，避开我家院墙',
    });
    const early = await clerk.request({
      method: 'POST',
      url: `/api/deliberation/meetings/${meetingId}/items/${itemId}/decision`,
      payload: { method: 'consensus', outcome: 'adopted', reasoning: '大家都同意' },
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().details.reason).toBe('MEETING_NOT_HELD');
    const held = await post(clerk, `/api/deliberation/meetings/${meetingId}/hold`, {
      presentMemberIds: memberIds,
      countedInRoom: 23,
      minutes: `${CANARY.chair}主持会议，${CANARY.member}记录。${CANARY.speaker}发言反对改道经过其院墙。`,
    });
    expect(held.status).toBe('held');
    expect(held.countedInRoom).toBe(23);
  });

  it('records the paper ballot, refusing a tally larger than the members present or an outcome it contradicts', async () => {
    const url = `/api/deliberation/meetings/${meetingId}/items/${itemId}/decision`;
    const ballot = {
      method: 'ballot',
      paperBallots: true,
      reasoning: '多数成员认为改造可根治积水，费用由镇财政列支。',
    };
    const tooMany = await clerk.request({
      method: 'POST',
      url,
      payload: { ...ballot, votesFor: 4, votesAgainst: 1, votesAbstain: 1, outcome: 'adopted' },
    });
    expect(tooMany.json().details.reason).toBe('TALLY_EXCEEDS_PRESENT');
    const contradicts = await clerk.request({
      method: 'POST',
      url,
      payload: { ...ballot, votesFor: 2, votesAgainst: 2, votesAbstain: 1, outcome: 'adopted' },
    });
    expect(contradicts.json().details.reason).toBe('OUTCOME_CONTRADICTS_TALLY');
    const decided = await post(clerk, url, {
      ...ballot,
      votesFor: 4,
      votesAgainst: 1,
      votesAbstain: 0,
      outcome: 'adopted',
      dissent: `${CANARY.member}认为应先征求沿线住户意见。`,
      tasks: [
        {
          title: '实施村道排水沟改造',
          description: '按议事会通过的方案改造村道排水沟，完成后向议事会报告。',
          ownerOrgId: town.id,
          dueOn: '2026-03-31',
        },
      ],
    });
    const item = decided.items[0];
    expect(item).toMatchObject({
      outcome: 'adopted',
      votesFor: 4,
      votesAgainst: 1,
      votesAbstain: 0,
      paperBallots: true,
    });
    expect(item.tasks).toHaveLength(1);
    expect(item.tasks[0]).toMatchObject({ owner: { id: town.id }, dueOn: '2026-03-31', done: false });
    taskMatterId = item.tasks[0].matterId;
  });

  it('puts the task in the town’s queue as a matter with a running deadline that links back to the meeting', async () => {
    const townClerk = await t.login('town01-clerk');
    const queue = await ok(
      await townClerk.request({ method: 'GET', url: '/api/matters?queue=org&pageSize=200' }),
    );
    const row = queue.items.find((m: { id: string }) => m.id === taskMatterId);
    expect(row).toMatchObject({ title: '实施村道排水沟改造', owner: { id: town.id } });
    expect(row.nextDue?.dueAt).toBeTruthy();
    const links = await ok(
      await townClerk.request({ method: 'GET', url: `/api/deliberation/matters/${taskMatterId}/links` }),
    );
    expect(links.fromDecision).toMatchObject({
      meetingId,
      itemTitle: '村道排水改造方案',
      dueOn: '2026-03-31',
    });
    const m = await view(townClerk, taskMatterId);
    expect(m.description).toContain('议定完成期限：2026-03-31');
    expect(JSON.stringify(m)).not.toContain(CANARY.chair);
  });

  it('shows unpublished minutes only to staff of the jurisdiction and the body’s members', async () => {
    const url = `/api/deliberation/meetings/${meetingId}`;
    for (const who of ['village-clerk', 'town01-clerk', 'leader', 'resident']) {
      const s = await t.login(who);
      const m = await ok(await s.request({ method: 'GET', url }));
      expect(m.minutes, who).toContain('主持会议');
    }
    const sibling = await buildUser(t, await orgByDivision(t, '620602001002'), ['clerk']);
    const otherTown = await buildUser(t, await orgByDivision(t, '620602002'), ['leader']);
    const outsider = await buildUser(t, village, ['resident'], { kind: 'resident' });
    // Staff of another village or town: 404, exactly like a missing meeting.
    for (const who of [sibling.username, otherTown.username]) {
      const res = await (await t.login(who)).request({ method: 'GET', url });
      expect(res.statusCode, who).toBe(404);
      expect(res.body).not.toContain('主持会议');
    }
    // Accounts that neither work matters nor hold a seat: refused whatever the id (403).
    for (const who of [outsider.username, 'auditor', 'admin']) {
      const res = await (await t.login(who)).request({ method: 'GET', url });
      expect(res.statusCode, who).toBe(403);
      expect(res.body).not.toContain('主持会议');
    }
    // Creating a body for a village outside the jurisdiction answers like a missing org.
    const elsewhere = await clerk.request({
      method: 'POST',
      url: '/api/deliberation/bodies',
      payload: {
        orgId: (await orgByDivision(t, '620602001002')).id,
        kind: 'council',
        name: '别村议事会',
        termStart: '2026-01-01',
        termEnd: '2026-12-31',
      },
    });
    expect(elsewhere.statusCode).toBe(404);
    const pub = await ok(
      await t.app.inject({ method: 'GET', url: `/api/public/deliberation/decisions?orgId=${village.id}` }),
    );
    expect(pub.items).toEqual([]);
  });

  it('publishes the decision with its progress and no personal data; the task’s closing shows up', async () => {
    const published = await post(clerk, `/api/deliberation/meetings/${meetingId}/publish`, {});
    expect(published.status).toBe('published');
    const url = `/api/public/deliberation/decisions?orgId=${village.id}`;
    let pub = await ok(await t.app.inject({ method: 'GET', url }));
    expect(pub.items).toHaveLength(1);
    expect(pub.items[0]).toMatchObject({
      topic: '村道积水和排水沟治理',
      attendance: { members: 5, seats: 5, countedInRoom: 23 },
      items: [
        {
          title: '村道排水改造方案',
          method: '无记名投票',
          votesFor: 4,
          outcome: '通过',
          tasks: [
            {
              title: '实施村道排水沟改造',
              ownerName: '东大街街道',
              dueOn: '2026-03-31',
              progress: '待受理',
              done: false,
            },
          ],
        },
      ],
    });
    for (const c of [...canaryStrings, '主持会议', '先征求沿线住户意见', '620602-'])
      expect(JSON.stringify(pub), c).not.toContain(c);

    // Past the agreed date and not done: overdue, on the public page too.
    const before = t.clock.now();
    t.clock.set('2026-04-01T02:00:00.000Z');
    pub = await ok(await t.app.inject({ method: 'GET', url }));
    expect(pub.items[0].items[0].tasks[0]).toMatchObject({ done: false, overdue: true });
    t.clock.set(before);

    const townClerk = await t.login('town01-clerk');
    await act(townClerk, taskMatterId, { action: 'accept' });
    await act(townClerk, taskMatterId, { action: 'answer', reason: '排水沟已按方案改造完成。' });
    pub = await ok(await t.app.inject({ method: 'GET', url }));
    expect(pub.items[0].items[0].tasks[0]).toMatchObject({ progress: '已办结', done: true, overdue: false });
    const meeting = await ok(
      await clerk.request({ method: 'GET', url: `/api/deliberation/meetings/${meetingId}` }),
    );
    expect(meeting.items[0].tasks[0]).toMatchObject({ done: true, matterStatus: '已答复' });
  });

  it('refuses to publish reasons that name a party, a member or carry a phone number', async () => {
    const body = await council();
    const [m1] = await threeMatters();
    const meeting = await post(
      clerk,
      '/api/deliberation/meetings',
      {
        bodyId: body.id,
        topic: '个人信息检查',
        startsAt: '2026-03-02T15:00:00+08:00',
        place: '村委会',
        items: [{ title: '某事项', matterIds: [m1] }],
        invite: false,
      },
      201,
    );
    await post(clerk, `/api/deliberation/meetings/${meeting.id}/hold`, {
      presentMemberIds: [],
      countedInRoom: 5,
      minutes: '协商记录：大家一致同意。',
    });
    await post(clerk, `/api/deliberation/meetings/${meeting.id}/items/${meeting.items[0].id}/decision`, {
      method: 'consensus',
      outcome: 'adopted',
      reasoning: `${CANARY.party}的诉求合理，予以支持。`,
    });
    const res = await clerk.request({
      method: 'POST',
      url: `/api/deliberation/meetings/${meeting.id}/publish`,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.reason).toBe('PERSONAL_DATA_IN_PUBLICATION');
    expect(res.json().message).toContain('欧**');
  });
});

describe('道德评判团 and 百事服务团', () => {
  it('records a panel’s opinion only on a dispute under mediation, as part of the mediation', async () => {
    const panel = await post(
      clerk,
      '/api/deliberation/bodies',
      {
        orgId: village.id,
        kind: 'panel',
        name: '南苑社区道德评判团',
        termStart: '2026-01-01',
        termEnd: '2028-12-31',
        members: [],
      },
      201,
    );
    const m = (await register(clerk, disputeBody(village.id))).matter;
    const early = await clerk.request({
      method: 'POST',
      url: `/api/deliberation/bodies/${panel.id}/opinions`,
      payload: { matterId: m.id, text: '双方应互谅互让，共同出资疏通排水沟。' },
    });
    expect(early.json().details.reason).toBe('NOT_MEDIATING');
    await act(clerk, m.id, { action: 'accept' });
    await act(clerk, m.id, { action: 'start_mediation', initiative: 'application' });
    const op = await post(
      clerk,
      `/api/deliberation/bodies/${panel.id}/opinions`,
      { matterId: m.id, text: '双方应互谅互让，共同出资疏通排水沟。' },
      201,
    );
    expect(op).toMatchObject({ kind: 'opinion', body: { kindLabel: '评判团' } });
    const detail = await view(clerk, m.id);
    expect(JSON.stringify(detail.timeline)).toContain('南苑社区道德评判团评判意见');
    const links = await ok(
      await clerk.request({ method: 'GET', url: `/api/deliberation/matters/${m.id}/links` }),
    );
    expect(links.contributions).toHaveLength(1);
  });

  it('assigns a village request to a service-team member, who is told by SMS; retries are recorded', async () => {
    const team = await post(
      clerk,
      '/api/deliberation/bodies',
      {
        orgId: village.id,
        kind: 'service_team',
        name: '南苑社区百事服务团',
        termStart: '2026-01-01',
        termEnd: '2028-12-31',
        members: [
          {
            name: '志愿者甲',
            phone: '13700001234',
            position: 'member',
            seatedBy: 'appointed',
            termStart: '2026-01-01',
            termEnd: '2028-12-31',
          },
        ],
      },
      201,
    );
    const req = (
      await register(
        clerk,
        disputeBody(village.id, { kind: 'request', categoryCode: 'MED-17', title: '独居老人代购药品' }),
      )
    ).matter;
    const dispute = (await register(clerk, disputeBody(village.id))).matter;
    await deliverDue(t.deps); // what earlier tests left in the outbox
    const wrong = await clerk.request({
      method: 'POST',
      url: `/api/deliberation/bodies/${team.id}/service-requests`,
      payload: { matterId: dispute.id, memberId: team.members[0].id, text: '代购药品' },
    });
    expect(wrong.json().details.reason).toBe('NOT_A_VILLAGE_REQUEST');
    const assigned = await post(
      clerk,
      `/api/deliberation/bodies/${team.id}/service-requests`,
      { matterId: req.id, memberId: team.members[0].id, text: '代购降压药并送到家' },
      201,
    );
    // A provider that is down once: the outbox records the failed attempt and sends on the retry.
    let down = true;
    const flaky = {
      name: 'flaky',
      async send() {
        if (down) {
          down = false;
          throw new Error('网关超时');
        }
        return { messageId: 'x-1' };
      },
    };
    expect(await deliverDue(t.deps, flaky)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await deliverDue(t.deps, flaky)).toEqual({ sent: 0, retried: 0, failed: 0 });
    t.clock.advance(61_000);
    expect(await deliverDue(t.deps, flaky)).toEqual({ sent: 1, retried: 0, failed: 0 });
    const rows = await select<{ status: string; attempts: number }>(
      sql`select status, attempts from notification_outbox where template = 'service_assignment'`,
    );
    expect(rows).toEqual([{ status: 'sent', attempts: 2 }]);
    const attempts = await select<{ ok: string; error: string | null }>(
      // Joined on county too: on Citus both tables are distributed by it (a join on id alone is refused).
      sql`select a.ok, a.error from notification_attempts a
          join notification_outbox o on o.county_code = a.county_code and o.id = a.outbox_id
          where o.template = 'service_assignment' order by a.attempt_no`,
    );
    expect(attempts).toEqual([
      { ok: 'failed', error: '网关超时' },
      { ok: 'ok', error: null },
    ]);

    // The member reports back; the window records it once, on the matter's timeline.
    const done = await post(clerk, `/api/deliberation/contributions/${assigned.id}/done`, {
      note: '药品已送到老人家中',
    });
    expect(done).toMatchObject({ status: 'done', memberName: '志愿者甲' });
    const again = await clerk.request({
      method: 'POST',
      url: `/api/deliberation/contributions/${assigned.id}/done`,
      payload: { note: '重复登记' },
    });
    expect(again.json().details.reason).toBe('ALREADY_DONE');
    expect(JSON.stringify((await view(clerk, req.id)).timeline)).toContain('药品已送到老人家中');
  });
});
