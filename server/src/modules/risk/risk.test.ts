/**
 * Risk warnings through the API: raised by the rules on the sweep and on intake, deduplicated across
 * runs, seen by the leaders of the acting org and above only, dismissed with a reason (logged) or
 * turned into supervision orders, and the dismissal rate per rule.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disputeBody, register } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { runRiskRules } from './run.service';

let t: TestApp;
let clerk: Session;
let village: string;
const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

let house = 0;
/** Each at a different house, so only the person repeats (the address rule is tested in core). */
async function registerAs(phone: string, over: Record<string, unknown> = {}) {
  t.clock.advance(60_000);
  house++;
  return register(
    clerk,
    disputeBody(village, {
      parties: [
        { role: 'applicant', name: '王甲乙', phone },
        { role: 'respondent', name: '李丙丁' },
      ],
      place: { villageId: village, address: `南苑社区某巷 ${house} 号` },
      ...over,
    }),
  ) as Promise<{ matter: { id: string } }>;
}

beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.login('village-clerk');
  const [me] = await rows<{ org: string }>(
    sql`select org_id as org from users where username = 'village-clerk'`,
  );
  village = me!.org;
});
afterAll(async () => t?.close());

describe('repeat visits become one warning for the town', () => {
  const ids: string[] = [];
  let warningId: string;

  it('raises an orange warning at the town when one person comes five times', async () => {
    for (let i = 0; i < 5; i++) ids.push((await registerAs('13900000001')).matter.id);
    const out = await runRiskRules(t.deps, '620602');
    expect(out.raised).toBeGreaterThanOrEqual(1);
    const leader = await t.login('town01-leader');
    const res = await leader.request({ method: 'GET', url: '/api/risk/warnings?rule=repeat' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    const w = body.items[0];
    warningId = w.id;
    expect(w.grade).toBe('orange');
    expect(w.gradeLabel).toBe('橙色');
    expect(w.targetOrg.divisionCode).toBe('620602001');
    expect(w.status).toBe('open');
    expect(w.explanation).toContain('同一反映人');
    expect(w.explanation).toContain('5件');
    expect(w.explanation).not.toContain('13900000001');
    expect(w.matters.map((m: { id: string }) => m.id).sort()).toEqual([...ids].sort());
  });

  it('does not raise the same condition again on the next run', async () => {
    const out = await runRiskRules(t.deps, '620602');
    expect(out.raised).toBe(0);
    const [{ n }] = (await rows<{ n: number }>(
      sql`select count(*)::int as n from risk_warnings where rule = 'repeat'`,
    )) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('is seen by the district leader, not by another town or a clerk', async () => {
    const district = await t.login('leader');
    expect(
      (await district.request({ method: 'GET', url: `/api/risk/warnings/${warningId}` })).statusCode,
    ).toBe(200);
    const other = await t.login('town02-leader');
    const res = await other.request({ method: 'GET', url: `/api/risk/warnings/${warningId}` });
    expect(res.statusCode).toBe(404);
    const list = await other.request({ method: 'GET', url: '/api/risk/warnings' });
    expect(list.json().items.map((w: { id: string }) => w.id)).not.toContain(warningId);
    expect((await clerk.request({ method: 'GET', url: '/api/risk/warnings' })).statusCode).toBe(403);
  });

  it('is dismissed only with a reason, logged, and stays dismissed until new matters join', async () => {
    const leader = await t.login('town01-leader');
    const url = `/api/risk/warnings/${warningId}/dismiss`;
    const bad = await leader.request({ method: 'POST', url, payload: { reason: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const ok = await leader.request({ method: 'POST', url, payload: { reason: '经核实为同一事项补充材料' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('dismissed');
    expect(ok.json().dismissalReason).toBe('经核实为同一事项补充材料');
    const again = await leader.request({
      method: 'POST',
      url,
      payload: { reason: '经核实为同一事项补充材料' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().details.reason).toBe('WARNING_NOT_OPEN');
    const events = await rows<{ action: string; reason: string }>(
      sql`select action, reason from events where object_id = ${warningId} order by id`,
    );
    expect(events.map((e) => e.action)).toEqual(['risk.warning_raised', 'risk.warning_dismissed']);
    expect(events[1]!.reason).toBe('经核实为同一事项补充材料');

    expect((await runRiskRules(t.deps, '620602')).raised).toBe(0);
    ids.push((await registerAs('13900000001')).matter.id);
    expect((await runRiskRules(t.deps, '620602')).raised).toBeGreaterThanOrEqual(1);
  });

  it('turns into supervision orders on the open matters behind it', async () => {
    const leader = await t.login('town01-leader');
    const list = (
      await leader.request({ method: 'GET', url: '/api/risk/warnings?rule=repeat&status=open' })
    ).json();
    expect(list.total).toBe(1);
    const w = list.items[0];
    const res = await leader.request({
      method: 'POST',
      url: `/api/risk/warnings/${w.id}/supervision`,
      payload: { reason: 'not_handled_when_due', note: '同一群众反复反映，请包案化解' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('supervised');
    const orders = await rows<{ matter_id: string; note: string }>(
      sql`select matter_id, note from supervision_orders where note like '【风险预警】%'`,
    );
    expect(orders.map((o) => o.matter_id).sort()).toEqual([...ids].sort());
  });

  it('reports the dismissal rate per rule', async () => {
    const leader = await t.login('leader');
    const res = await leader.request({ method: 'GET', url: '/api/risk/dismissal-rates' });
    expect(res.statusCode).toBe(200);
    const repeat = res.json().items.find((i: { rule: string }) => i.rule === 'repeat');
    expect(repeat).toMatchObject({ raised: 2, dismissed: 1, rate: 0.5, smallSample: true });
  });
});

describe('on intake', () => {
  it('warns about a high-risk matter as it is taken in, without waiting for the sweep', async () => {
    await registerAs('13900000002', {
      categoryCode: 'MED-16',
      title: '拖欠工资',
      description: '工地拖欠工资',
    });
    await registerAs('13900000002', {
      categoryCode: 'MED-16',
      title: '拖欠工资',
      description: '工地拖欠工资',
    });
    const {
      matter: { id: matterId },
    } = await registerAs('13900000002', {
      categoryCode: 'MED-16',
      title: '拖欠工资',
      description: '工地拖欠工资',
    });
    const ws = await rows<{ rule: string; grade: string; explanation: string }>(
      sql`select rule, grade, explanation from risk_warnings where ${matterId} = any(matter_ids) and rule = 'escalation'`,
    );
    expect(ws).toHaveLength(1);
    expect(ws[0]!.grade).toBe('yellow');
    expect(ws[0]!.explanation).toContain('同一反映人近一年已反映2次');
  });
});
