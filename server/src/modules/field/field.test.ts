import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision } from '../../../test/factories';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
let gw: Session;
let villageId: string;

beforeAll(async () => {
  t = await createTestApp();
  gw = await t.login('town01-gw1');
  villageId = (await orgByDivision(t, '620602001001')).id;
});
afterAll(() => t.close());

function report(overrides: Record<string, unknown> = {}) {
  return {
    clientId: randomUUID(),
    madeAt: '2026-03-02T08:50:00+08:00',
    categoryCode: 'GRID-02',
    title: '巷道电线老化',
    description: '巷口电线杆上的线路老化外露，雨天有漏电危险。',
    place: { villageId, address: '某巷口' },
    parties: [{ role: 'applicant', name: '赵某', phone: '13800001111' }],
    ...overrides,
  };
}

const countMatters = async (title: string) => {
  const r = await t.database.db.execute(sql`select count(*)::int as n from matters where title = ${title}`);
  return Number((r as unknown as { rows: { n: number }[] }).rows[0]?.n);
};

describe('grid worker reports (上报)', () => {
  it('registers a grid report for the worker’s village and answers a retry with the first answer', async () => {
    const body = report({ title: '重发不重复的上报' });
    const first = await gw.request({ method: 'POST', url: '/api/field/reports', payload: body });
    expect(first.statusCode, first.body).toBe(201);
    const again = await gw.request({ method: 'POST', url: '/api/field/reports', payload: body });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(first.json().matter.status).toBe('registered');
    expect(await countMatters('重发不重复的上报')).toBe(1);
  });

  it('solves on the spot (就地化解) and records the assisted resident’s consent', async () => {
    const body = report({
      title: '就地化解的上报',
      solvedOnSpot: '当场联系电工更换了外露线路。',
      assisted: { consent: true, method: 'oral' },
    });
    const res = await gw.request({ method: 'POST', url: '/api/field/reports', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ solvedOnSpot: true, onSpotRefusal: null });
    expect(res.json().matter.status).toBe('checking');
    const r = await t.database.db.execute(
      sql`select consent_method, solved_on_spot from field_reports where client_id = ${body.clientId}`,
    );
    expect((r as unknown as { rows: unknown[] }).rows[0]).toEqual({
      consent_method: 'oral',
      solved_on_spot: '当场联系电工更换了外露线路。',
    });
  });

  it('refuses another body under a used id and keeps the first matter', async () => {
    const body = report({ title: '编号被复用' });
    expect((await gw.request({ method: 'POST', url: '/api/field/reports', payload: body })).statusCode).toBe(
      201,
    );
    const other = await gw.request({
      method: 'POST',
      url: '/api/field/reports',
      payload: { ...body, title: '另一件事' },
    });
    expect(other.statusCode).toBe(422);
    expect(await countMatters('另一件事')).toBe(0);
  });

  it('refuses assisted intake without consent, with a Chinese message', async () => {
    const res = await gw.request({
      method: 'POST',
      url: '/api/field/reports',
      payload: report({ assisted: { consent: false, method: 'oral' } }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().details)).toContain('代为登记须征得本人同意');
  });

  it('is for grid workers only', async () => {
    const clerk = await t.login('village-clerk');
    const res = await clerk.request({ method: 'POST', url: '/api/field/reports', payload: report() });
    expect(res.statusCode).toBe(403);
  });
});

describe('patrol and visit logs (巡查/走访)', () => {
  it('appends a log once, names the grid of its point, and a resend returns the same row', async () => {
    const log = {
      id: randomUUID(),
      kind: 'patrol',
      happenedAt: '2026-03-02T08:30:00+08:00',
      lng: 102.642184,
      lat: 37.928224,
      note: '巡查主街，无异常。',
    };
    const a = await gw.request({ method: 'POST', url: '/api/field/logs', payload: log });
    expect(a.statusCode, a.body).toBe(201);
    const b = await gw.request({ method: 'POST', url: '/api/field/logs', payload: log });
    expect(b.json()).toEqual(a.json());
    const changed = await gw.request({
      method: 'POST',
      url: '/api/field/logs',
      payload: { ...log, note: '改写' },
    });
    expect(changed.statusCode).toBe(422);
    const list = await gw.request({ method: 'GET', url: '/api/field/logs' });
    expect(list.json().filter((l: { id: string }) => l.id === log.id)).toHaveLength(1);
    const home = await gw.request({ method: 'GET', url: '/api/field/home' });
    expect(home.statusCode, home.body).toBe(200);
    expect(home.json().today.patrols).toBeGreaterThanOrEqual(1);
  });

  it('refuses a log dated in the future of the server clock', async () => {
    const res = await gw.request({
      method: 'POST',
      url: '/api/field/logs',
      payload: { id: randomUUID(), kind: 'visit', happenedAt: '2026-03-03T09:00:00+08:00', note: '走访' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('手机的日期和时间');
  });
});

describe('home (首页)', () => {
  it('shows my grids, and my org’s open matters nearest deadline first', async () => {
    const res = await gw.request({ method: 'GET', url: '/api/field/home' });
    expect(res.statusCode).toBe(200);
    const home = res.json();
    expect(home.grids.length).toBeGreaterThan(0);
    expect(home.tasks.length).toBeGreaterThan(0);
    const dues = home.tasks.map((m: { nextDue: { dueAt: string } | null }) =>
      m.nextDue?.dueAt ? Date.parse(m.nextDue.dueAt) : Number.POSITIVE_INFINITY,
    );
    expect([...dues].sort((x, y) => x - y)).toEqual(dues);
  });

  it('after a move to another village the old grids and logs are gone from the worker’s view', async () => {
    const other = await orgByDivision(t, '620602001002');
    const moved = await t.login('town01-gw1');
    await t.database.db.execute(sql`update users set org_id = ${other.id} where username = 'town01-gw1'`);
    // The session carries the org: sign in again as the moved worker.
    await moved.request({ method: 'POST', url: '/api/auth/logout' });
    const again = await t.login('town01-gw1');
    const home = (await again.request({ method: 'GET', url: '/api/field/home' })).json();
    expect(home.worker.org.id).toBe(other.id);
    expect(home.grids).toEqual([]);
    const logs = (await again.request({ method: 'GET', url: '/api/field/logs' })).json();
    expect(logs).toEqual([]);
    await t.database.db.execute(sql`update users set org_id = ${villageId} where username = 'town01-gw1'`);
  });
});

describe('a worker moved to another village while the phone held unsent work', () => {
  it('refuses what was made under the old village, and still replays what it had accepted', async () => {
    const other = await orgByDivision(t, '620602001002');
    const u = await buildUser(t, await orgByDivision(t, '620602001001'), ['grid_worker']);
    const worker = await t.login(u.username);
    const sys = await t.login('sysadmin');
    const log = (note: string) => ({
      id: randomUUID(),
      kind: 'visit',
      happenedAt: '2026-03-02T08:30:00+08:00',
      note,
      madeInOrgId: villageId,
    });
    const accepted = log('走访独居老人，身体尚好。');
    expect(
      (await worker.request({ method: 'POST', url: '/api/field/logs', payload: accepted })).statusCode,
    ).toBe(201);
    const moved = await sys.request({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      payload: { orgId: other.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);

    // The resend of an accepted log is the first answer, whatever happened since.
    const again = await worker.request({ method: 'POST', url: '/api/field/logs', payload: accepted });
    expect(again.statusCode).toBe(201);
    // Work queued on the phone before it learnt of the move is refused, with a reason it can show.
    const queued = await worker.request({
      method: 'POST',
      url: '/api/field/logs',
      payload: log('走访调解对象'),
    });
    expect(queued.statusCode).toBe(422);
    expect(queued.json().details).toEqual({ reason: 'ORG_CHANGED' });
    expect(queued.json().message).toContain('服务器未接收');
    const rep = await worker.request({
      method: 'POST',
      url: '/api/field/reports',
      payload: report({ title: '调动前的上报', madeInOrgId: villageId }),
    });
    expect(rep.statusCode).toBe(422);
    expect(rep.json().details).toEqual({ reason: 'ORG_CHANGED' });
    expect(await countMatters('调动前的上报')).toBe(0);
    // Made in the new village: accepted.
    const fresh = await worker.request({
      method: 'POST',
      url: '/api/field/logs',
      payload: { ...log('新村第一次巡查'), kind: 'patrol', madeInOrgId: other.id },
    });
    expect(fresh.statusCode, fresh.body).toBe(201);
  });
});
