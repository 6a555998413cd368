import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { act, disputeBody, register, view } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
let admin: Session;
let clerk: Session;
let villageId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  clerk = await t.login('village-clerk');
  villageId = (await orgByDivision(t, '620602001001')).id;
});
afterAll(() => t.close());

const villageDue = (m: { deadlines: { basis: string; dueAt: string | null; status: string }[] }) =>
  m.deadlines.find((d) => d.basis === 'LOCAL-VILLAGE' && d.status === 'running')?.dueAt;

describe('time-limit policies (本地时限)', () => {
  it('saves a new version that applies to clocks started afterwards, never to running ones', async () => {
    const first = (await register(clerk, disputeBody(villageId, { title: '改时限前受理的纠纷' }))).matter;
    const dueBefore = villageDue(await act(clerk, first.id, { action: 'accept' }));
    expect(dueBefore).toBeTruthy();

    const current = (await admin.request({ method: 'GET', url: '/api/config/time-limits' })).json();
    expect(current.isDefault).toBe(true);
    const res = await admin.request({
      method: 'PUT',
      url: '/api/config/time-limits',
      payload: {
        baseVersion: current.version,
        changes: [
          {
            key: 'villageHandling',
            amount: 3,
            unit: 'calendar_day',
            citation: '凉州区综治中心工作规则（测试）',
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json();
    expect(saved.version).toBe(current.version + 1);
    expect(saved.policies.find((p: { key: string }) => p.key === 'villageHandling')).toMatchObject({
      amount: 3,
      confidence: 'medium',
    });

    expect(villageDue(await view(clerk, first.id))).toBe(dueBefore);
    const second = (await register(clerk, disputeBody(villageId, { title: '改时限后受理的纠纷' }))).matter;
    const dueAfter = villageDue(await act(clerk, second.id, { action: 'accept' }));
    expect(Date.parse(dueAfter!)).toBeLessThan(Date.parse(dueBefore!));

    const ev = await t.database.db.execute(
      sql`select after from events where action = 'config.time_limits_saved' order by at desc limit 1`,
    );
    expect(JSON.stringify((ev as unknown as { rows: unknown[] }).rows[0])).toContain('villageHandling');
  });

  it('refuses a stale version and a nonsense period with Chinese messages', async () => {
    const stale = await admin.request({
      method: 'PUT',
      url: '/api/config/time-limits',
      payload: { baseVersion: 0, changes: [] },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('已被他人修改');
    const zero = await admin.request({
      method: 'PUT',
      url: '/api/config/time-limits',
      payload: {
        baseVersion: 1,
        changes: [{ key: 'townHandling', amount: 0, unit: 'calendar_day', citation: '测试依据' }],
      },
    });
    expect(zero.statusCode).toBe(400);
    expect(JSON.stringify(zero.json())).toContain('期限至少为 1');
  });

  it('is the business administrator’s alone', async () => {
    const res = await clerk.request({ method: 'GET', url: '/api/config/time-limits' });
    expect(res.statusCode).toBe(403);
  });
});
