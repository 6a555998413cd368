import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matterQueues } from '../../../../core/contracts/matters';
import { wgs84ToGcj02 } from '../../../../core/domain/geo/gcj02';
import { orgByDivision } from '../../../test/factories';
import { act, disputeBody, register, view } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { matters } from '../../db/schema';
import { pointInVillage } from '../open311/open311-test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function counts(s: Session): Promise<Record<(typeof matterQueues)[number], number>> {
  const res = await s.request({ method: 'GET', url: '/api/matters/queues' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function listed(s: Session, queue: string): Promise<{ total: number; codes: string[] }> {
  const res = await s.request({ method: 'GET', url: `/api/matters?queue=${queue}&pageSize=100` });
  expect(res.statusCode, res.body).toBe(200);
  const page = res.json();
  return { total: page.total, codes: page.items.map((m: { code: string }) => m.code) };
}

describe('queue counts', () => {
  it('count exactly what each queue lists, for a village clerk and for the district', async () => {
    const village = await orgByDivision(t, '620602001001');
    const clerk = await t.login('village-clerk');
    await register(clerk, disputeBody(village.id, { urgent: true, title: '今日须办结的漏水纠纷' }));
    for (const who of ['village-clerk', 'leader']) {
      const s = await t.login(who);
      const c = await counts(s);
      expect(Object.keys(c).sort()).toEqual([...matterQueues].sort());
      for (const q of matterQueues) expect(c[q], `${who} ${q}`).toBe((await listed(s, q)).total);
    }
  });

  it('keep a registered matter in 待签收/受理 until it is accepted, and a transfer until it is signed for', async () => {
    const village = await orgByDivision(t, '620602001001');
    const town = await orgByDivision(t, '620602001');
    const clerk = await t.login('village-clerk');
    const townLeader = await t.login('town01-leader');
    const { matter } = await register(clerk, disputeBody(village.id, { title: '待受理的排水纠纷' }));
    const before = await counts(clerk);
    expect((await listed(clerk, 'incoming')).codes).toContain(matter.code);
    expect(before.incoming).toBeGreaterThan(0);

    await act(clerk, matter.id, { action: 'accept' });
    expect((await listed(clerk, 'incoming')).codes).not.toContain(matter.code);
    expect((await counts(clerk)).incoming).toBe(before.incoming - 1);

    await act(clerk, matter.id, {
      action: 'transfer',
      transferKind: 'escalate_up',
      toOrgId: town.id,
      reason: '涉及两村，需镇里协调。',
    });
    expect((await listed(townLeader, 'incoming')).codes).toContain(matter.code);
    await act(townLeader, matter.id, { action: 'receive' });
    expect((await listed(townLeader, 'incoming')).codes).not.toContain(matter.code);
  });
});

describe('the recommended next step in the matter detail', () => {
  it('leads a neighbour dispute from 受理 to 开始调解, and says why an answer waits on a co-handler', async () => {
    const village = await orgByDivision(t, '620602001001');
    const clerk = await t.login('village-clerk');
    const { matter } = await register(clerk, disputeBody(village.id));
    expect(matter.nextStep).toEqual({ action: 'accept', waiting: null });
    const accepted = await act(clerk, matter.id, { action: 'accept' });
    expect(accepted.nextStep.action).toBe('start_mediation');
    expect(accepted.allowedActions[0].action).not.toBe('start_mediation');
    const m = await view(clerk, matter.id);
    expect(m.nextStep.action).toBe('start_mediation');

    const other = await orgByDivision(t, '620602001002');
    const co = await act(clerk, matter.id, { action: 'add_co_handler', orgId: other.id });
    const blocked = await act(clerk, matter.id, {
      action: 'refuse_mediation',
      reason: '被申请人明确拒绝调解。',
    });
    expect(co.coHandlers).toHaveLength(1);
    expect(blocked.nextStep.action).toBeNull();
    expect(blocked.nextStep.waiting.reason).toMatch(/^协办单位尚未反馈/);
  });
});

describe('the time queues', () => {
  it('count a same-day matter among 今日到期 and, once its day is over, among 已超期', async () => {
    const village = await orgByDivision(t, '620602001001');
    const clerk = await t.login('village-clerk');
    const { matter } = await register(
      clerk,
      disputeBody(village.id, { urgent: true, title: '事不过夜的停水' }),
    );
    expect((await listed(clerk, 'due_today')).codes).toContain(matter.code);
    // Last in the file: the clock does not go back.
    t.clock.advanceMinutes(24 * 60 * 2);
    const later = await t.login('village-clerk');
    expect((await listed(later, 'due_today')).codes).not.toContain(matter.code);
    expect((await listed(later, 'overdue')).codes).toContain(matter.code);
  });
});

describe('one grid’s matters (the dashboard’s density map opens them)', () => {
  it('lists the matters of that grid only, and only within the viewer’s jurisdiction', async () => {
    const p = await pointInVillage(t, '620602001001');
    const clerk = await t.login('village-clerk');
    // Given as a phone's map SDK gives it (GCJ-02): converted, it lands in the same grid.
    const gcj = wgs84ToGcj02(p);
    const { matter } = await register(
      clerk,
      disputeBody(p.village.id, {
        title: '网格内的漏水纠纷',
        place: { lng: gcj.lng, lat: gcj.lat, coordSystem: 'gcj02', address: '某巷 5 号' },
      }),
    );
    const detail = await view(clerk, matter.id);
    expect(detail.coordConvertedFrom).toBe('gcj02');
    expect(detail.lng).toBeCloseTo(p.lng, 7);
    const [row] = await t.database.db
      .select({ gridId: matters.gridId })
      .from(matters)
      .where(eq(matters.id, matter.id));
    const gridId = row!.gridId!;
    const inGrid = async (who: string) => {
      const res = await (await t.login(who)).request({
        method: 'GET',
        url: `/api/matters?gridId=${gridId}&pageSize=100`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { total: number; items: { code: string }[] };
    };
    for (const who of ['village-clerk', 'leader']) {
      const page = await inGrid(who);
      expect(page.items.map((m) => m.code)).toContain(matter.code);
    }
    const all = await listed(await t.login('leader'), 'all');
    expect((await inGrid('leader')).total).toBeLessThan(all.total);
    // Another town's leader sees none of this grid's matters.
    expect((await inGrid('town02-leader')).total).toBe(0);
  });
});
