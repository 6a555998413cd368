import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision } from '../../../test/factories';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
let admin: Session;
let townLeader: Session;
let townClerk: Session;
let villageClerk: Session;
let gw1: Session;
let gw2: Session;
let townId: string;
let villageId: string;

const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  townLeader = await t.login('town01-leader');
  townClerk = await t.login('town01-clerk');
  villageClerk = await t.login('village-clerk');
  gw1 = await t.login('town01-gw1');
  gw2 = await t.login('town01-gw2');
  townId = (await orgByDivision(t, '620602001')).id;
  villageId = (await orgByDivision(t, '620602001001')).id;
});
afterAll(() => t.close());

const lawCourse = {
  title: '网格员发现上报规范',
  kind: 'induction',
  summary: '发现即报、入户走访、个人信息保护',
  materials: [{ title: '上报规范讲义', url: 'https://example.org/gw-report.pdf' }],
  questions: [
    { prompt: '发现矛盾纠纷后多久内上报？', options: ['2小时内', '一周内'], correct: [0] },
    { prompt: '入户走访应做哪些事？', options: ['登记', '了解诉求', '收费'], correct: [0, 1] },
    { prompt: '可以把群众的电话告诉他人吗？', options: ['可以', '不可以'], correct: [1] },
  ],
  passMark: 60,
  withinDays: 30,
  everyMonths: 12,
};
const right = { q1: [0], q2: [1, 0], q3: [1] };
const wrong = { q1: [1], q2: [0], q3: [1] };

async function createCourse(body: object = lawCourse) {
  const res = await admin.request({ method: 'POST', url: '/api/training/courses', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; questionCount: number };
}

type Due = { worker: { id: string }; course: { id: string }; overdue: boolean; by: string };
async function dueOf(s: Session, courseId: string, orgId?: string) {
  const res = await s.request({ method: 'GET', url: `/api/training/due${orgId ? `?orgId=${orgId}` : ''}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Due[]).filter((d) => d.course.id === courseId);
}

describe('courses (培训课程)', () => {
  it('are kept by the county: a town leader or clerk cannot create one', async () => {
    for (const s of [townLeader, townClerk]) {
      const res = await s.request({ method: 'POST', url: '/api/training/courses', payload: lawCourse });
      expect(res.statusCode).toBe(403);
    }
  });
  it('keep the correct answers on the server and record an event', async () => {
    const c = await createCourse();
    expect(c.questionCount).toBe(3);
    const list = await townClerk.request({ method: 'GET', url: '/api/training/courses' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('网格员发现上报规范');
    expect(list.body).not.toContain('correct');
    const test = await gw1.request({ method: 'GET', url: `/api/training/me/courses/${c.id}/test` });
    expect(test.statusCode, test.body).toBe(200);
    expect(test.body).not.toContain('correct');
    expect(test.json().questions[1]).toMatchObject({ id: 'q2', multiple: true });
    const [ev] = await rows<{ action: string }>(
      sql`select action from events where object_id = ${c.id} and action = 'training.course_created'`,
    );
    expect(ev?.action).toBe('training.course_created');
  });
  it('refuses a question whose answer is not one of its options', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/training/courses',
      payload: { ...lawCourse, questions: [{ prompt: '哪一个？', options: ['甲', '乙'], correct: [2] }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('第 1 题');
  });
});

describe('sessions and attendance (培训场次、签到)', () => {
  it('are recorded by the village or town that holds them, inside its jurisdiction only', async () => {
    const c = await createCourse({ ...lawCourse, title: '矛盾纠纷排查' });
    const payload = {
      courseId: c.id,
      orgId: townId,
      heldAt: '2026-03-05T09:00:00+08:00',
      place: '镇综治中心会议室',
      trainer: '司法所 李所长',
    };
    // The village clerk cannot hold a session for the town above him: 404 like a missing org.
    const above = await villageClerk.request({ method: 'POST', url: '/api/training/sessions', payload });
    expect(above.statusCode).toBe(404);
    const res = await townClerk.request({ method: 'POST', url: '/api/training/sessions', payload });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;

    const detail = await townClerk.request({ method: 'GET', url: `/api/training/sessions/${id}` });
    const roll = detail.json().roll as { userId: string; present: boolean | null }[];
    expect(roll.find((r) => r.userId === gw1.userId)?.present).toBeNull();
    expect(roll.some((r) => r.userId === gw2.userId)).toBe(true);

    const att = await townClerk.request({
      method: 'PUT',
      url: `/api/training/sessions/${id}/attendance`,
      payload: {
        entries: [
          { userId: gw1.userId, present: true },
          { userId: gw2.userId, present: false },
        ],
      },
    });
    expect(att.statusCode, att.body).toBe(200);
    expect(att.json()).toMatchObject({ present: 1, absent: 1 });
    const [ev] = await rows<{ after: { present: string[]; absent: string[] } }>(
      sql`select after from events where object_id = ${id} and action = 'training.attendance_recorded'`,
    );
    expect(ev?.after).toEqual({ present: [gw1.userId], absent: [gw2.userId] });

    // A village clerk sees sessions of his village only; the town's is not his.
    const seen = await villageClerk.request({ method: 'GET', url: `/api/training/sessions/${id}` });
    expect(seen.statusCode).toBe(404);
    const list = await townLeader.request({ method: 'GET', url: '/api/training/sessions' });
    expect((list.json() as { id: string }[]).some((s) => s.id === id)).toBe(true);
  });
  it('take only grid workers under the holding org on the roll', async () => {
    const c = await createCourse({ ...lawCourse, title: '村级培训' });
    const res = await villageClerk.request({
      method: 'POST',
      url: '/api/training/sessions',
      payload: {
        courseId: c.id,
        orgId: villageId,
        heldAt: '2026-03-06T15:00:00+08:00',
        place: '村委会',
        trainer: '村支书',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    // town01-gw2 works in the town's second village, not under this one.
    const att = await villageClerk.request({
      method: 'PUT',
      url: `/api/training/sessions/${res.json().id}/attendance`,
      payload: { entries: [{ userId: gw2.userId, present: true }] },
    });
    expect(att.statusCode).toBe(422);
    expect(att.json().details.reason).toBe('NOT_ON_ROLL');
  });
  it('complete a course without a test by attendance', async () => {
    const c = await createCourse({ ...lawCourse, title: '安全知识讲座', questions: [], everyMonths: null });
    expect((await dueOf(townLeader, c.id)).some((d) => d.worker.id === gw1.userId)).toBe(true);
    const s = await townClerk.request({
      method: 'POST',
      url: '/api/training/sessions',
      payload: {
        courseId: c.id,
        orgId: townId,
        heldAt: '2026-03-02T15:00:00+08:00',
        place: '镇政府',
        trainer: '派出所',
      },
    });
    await townClerk.request({
      method: 'PUT',
      url: `/api/training/sessions/${s.json().id}/attendance`,
      payload: { entries: [{ userId: gw1.userId, present: true }] },
    });
    const due = await dueOf(townLeader, c.id);
    expect(due.some((d) => d.worker.id === gw1.userId)).toBe(false);
    expect(due.some((d) => d.worker.id === gw2.userId)).toBe(true);
  });
});

let repeating = '';

describe('who is due and the short test (应训名单、培训测试)', () => {
  it('lists a worker until he passes, then again when the course repeats', async () => {
    const c = await createCourse({ ...lawCourse, title: '年度复训', withinDays: 14, everyMonths: 6 });
    const due = await dueOf(townLeader, c.id);
    expect(due.map((d) => d.worker.id)).toEqual(expect.arrayContaining([gw1.userId, gw2.userId]));
    expect(due[0]!.overdue).toBe(false);
    // The village clerk's list holds his village's worker only; an org filter outside is 404.
    const village = await dueOf(villageClerk, c.id);
    expect(village.map((d) => d.worker.id)).toEqual([gw1.userId]);
    const outside = await villageClerk.request({ method: 'GET', url: `/api/training/due?orgId=${townId}` });
    expect(outside.statusCode).toBe(404);

    const mine = async () => {
      const res = await gw1.request({ method: 'GET', url: '/api/training/me' });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().courses as { id: string; due: unknown; lastAttempt: unknown }[]).find(
        (x) => x.id === c.id,
      )!;
    };
    expect((await mine()).due).not.toBeNull();

    const failed = await gw1.request({
      method: 'POST',
      url: `/api/training/me/courses/${c.id}/attempts`,
      payload: { answers: wrong },
    });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json()).toMatchObject({ score: 33, passed: false, right: 1, total: 3 });
    expect(failed.json().wrong).toContain('发现矛盾纠纷后多久内上报？');
    expect((await dueOf(townLeader, c.id)).some((d) => d.worker.id === gw1.userId)).toBe(true);

    const incomplete = await gw1.request({
      method: 'POST',
      url: `/api/training/me/courses/${c.id}/attempts`,
      payload: { answers: { q1: [0] } },
    });
    expect(incomplete.statusCode).toBe(400);

    t.clock.advanceMinutes(10);
    const passed = await gw1.request({
      method: 'POST',
      url: `/api/training/me/courses/${c.id}/attempts`,
      payload: { answers: right },
    });
    expect(passed.json()).toMatchObject({ score: 100, passed: true });
    expect(await mine()).toMatchObject({ due: null, lastAttempt: { score: 100, passed: true } });
    const after = await dueOf(townLeader, c.id);
    expect(after.some((d) => d.worker.id === gw1.userId)).toBe(false);
    expect(after.some((d) => d.worker.id === gw2.userId)).toBe(true);
    const events = await rows<{ after: { passed: boolean } }>(
      sql`select after from events where object_id = ${c.id} and action = 'training.test_taken' order by id`,
    );
    expect(events.map((e) => e.after.passed)).toEqual([false, true]);
    repeating = c.id;
  });
  it('is the grid worker’s own: staff cannot take it, a worker of another county cannot see the course', async () => {
    const c = await createCourse({ ...lawCourse, title: '仅供网格员' });
    const staff = await townClerk.request({ method: 'GET', url: `/api/training/me/courses/${c.id}/test` });
    expect(staff.statusCode).toBe(403);
    const none = await gw1.request({
      method: 'GET',
      url: '/api/training/me/courses/00000000-0000-4000-8000-000000000000/test',
    });
    expect(none.statusCode).toBe(404);
  });
  it('lists a new worker from his first day, due within the course’s days', async () => {
    const c = await createCourse({ ...lawCourse, title: '新人岗前培训', everyMonths: null });
    const village = await orgByDivision(t, '620602001001');
    const fresh = await buildUser(t, village, ['grid_worker']);
    const due = await dueOf(townLeader, c.id);
    const line = due.find((d) => d.worker.id === fresh.id);
    expect(line).toBeDefined();
    expect(new Date(line!.by).getTime() - t.clock.now().getTime()).toBeLessThanOrEqual(30 * 86_400_000);
  });
  // Last: it moves the clock past every session’s life.
  it('lists the worker again, overdue, once a repeating course’s months have passed', async () => {
    expect(repeating).not.toBe('');
    t.clock.advance(200 * 86_400_000);
    const leader = await t.login('town01-leader');
    const again = (await dueOf(leader, repeating)).find((d) => d.worker.id === gw1.userId);
    expect(again?.overdue).toBe(true);
  });
});
