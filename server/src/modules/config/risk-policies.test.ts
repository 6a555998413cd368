/**
 * 风险预警参数 through the API: the administrator reads the defaults, saves a version (logged, with
 * what changed), a stale or impossible save is refused, and the rules then run with the county's
 * numbers: the repeat rule stops warning at 5 visits once the county sets yellow at 6.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRiskPolicies } from '../../../../core/domain/risk/policy';
import { disputeBody, register } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { piiCipher } from '../../pii/pii-cipher';
import { evaluateCounty } from '../risk/run.service';

let t: TestApp;
let admin: Session;
const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(async () => t?.close());

describe('risk policies', () => {
  it('starts at the defaults, version 0', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/config/risk-policies' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ version: 0, isDefault: true, policies: defaultRiskPolicies });
  });

  it('refuses a leader, an impossible order of grades and a stale version', async () => {
    const leader = await t.login('leader');
    expect((await leader.request({ method: 'GET', url: '/api/config/risk-policies' })).statusCode).toBe(403);
    const bad = await admin.request({
      method: 'PUT',
      url: '/api/config/risk-policies',
      payload: {
        baseVersion: 0,
        policies: { ...defaultRiskPolicies, repeat: { ...defaultRiskPolicies.repeat, yellowAt: 9 } },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('黄色 ≤ 橙色 ≤ 红色');
    const stale = await admin.request({
      method: 'PUT',
      url: '/api/config/risk-policies',
      payload: { baseVersion: 3, policies: defaultRiskPolicies },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('saves a version, logs what changed, and the rules use it from the next run', async () => {
    const clerk = await t.login('village-clerk');
    const [me] = await rows<{ org: string }>(
      sql`select org_id as org from users where username = 'village-clerk'`,
    );
    for (let i = 0; i < 5; i++) {
      t.clock.advance(60_000);
      await register(
        clerk,
        disputeBody(me!.org, {
          parties: [
            { role: 'applicant', name: '孙甲乙', phone: '13900000077' },
            { role: 'respondent', name: '李丙丁' },
          ],
          place: { villageId: me!.org, address: `某巷 ${i + 40} 号` },
        }),
      );
    }
    const repeatsOf = async () =>
      (await evaluateCounty(t.database.db, piiCipher(t.deps.config), '620602', t.clock.now())).filter(
        (w) => w.rule === 'repeat',
      );
    expect(await repeatsOf()).toHaveLength(1);

    const policies = structuredClone(defaultRiskPolicies);
    policies.repeat = { ...policies.repeat, yellowAt: 6, orangeAt: 7, redAt: 9 };
    const res = await admin.request({
      method: 'PUT',
      url: '/api/config/risk-policies',
      payload: { baseVersion: 0, policies },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, isDefault: false, policies: { repeat: { yellowAt: 6 } } });
    const [ev] = await rows<{ action: string; after: { version: number; changed: Record<string, unknown> } }>(
      sql`select action, after from events where action = 'config.risk_policies_saved'`,
    );
    expect(ev!.after.version).toBe(1);
    expect(ev!.after.changed).toEqual({
      'repeat.yellowAt': { from: 3, to: 6 },
      'repeat.orangeAt': { from: 5, to: 7 },
      'repeat.redAt': { from: 8, to: 9 },
    });
    expect(await repeatsOf()).toEqual([]);

    const same = await admin.request({
      method: 'PUT',
      url: '/api/config/risk-policies',
      payload: { baseVersion: 1, policies },
    });
    expect(same.statusCode).toBe(422);
  });
});
