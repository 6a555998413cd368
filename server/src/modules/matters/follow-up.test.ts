/**
 * 事心双结 (the Liangzhou model) through the API: the follow-up visit records whether the matter is
 * solved in the resident's view (事结) and whether his grievance is settled (心结), refuses a visit
 * without them, shows them in words on the timeline, and the dashboard counts them (事心双结率).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { act, disputeBody, register } from '../../../test/matter-steps';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { refreshDashboard } from '../dashboard/refresh.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Kpi = { key: string; current: { num: number; den: number } };
async function bothResolvedRate(): Promise<{ num: number; den: number }> {
  await refreshDashboard(t.deps, '620602');
  const leader = await t.login('leader');
  const res = await leader.request({ method: 'GET', url: '/api/dashboard/kpis' });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().kpis as Kpi[]).find((k) => k.key === 'bothResolvedRate')!.current;
}

describe('the follow-up asks about both the matter and the person (事心双结)', () => {
  it('refuses a visit without both answers, records them, shows them in words and counts them', async () => {
    const village = await orgByDivision(t, '620602001001');
    const clerk = await t.login('village-clerk');
    let m = (await register(clerk, disputeBody(village.id))).matter;
    await act(clerk, m.id, { action: 'accept' });
    await act(clerk, m.id, { action: 'answer', reason: '已协调双方疏通排水沟。' });
    const leader = await t.login('town01-leader');
    await act(leader, m.id, { action: 'rate', rating: 'satisfied', channel: 'phone' });
    const before = await bothResolvedRate();

    const visit = (body: Record<string, unknown>) =>
      leader.request({ method: 'POST', url: `/api/matters/${m.id}/actions`, payload: body });
    const noMatter = await visit({ action: 'follow_up', heartResolved: true, reason: '电话回访' });
    expect(noMatter.statusCode).toBe(422);
    expect(noMatter.json().details.reason).toBe('FOLLOW_UP_MATTER_ANSWER_REQUIRED');
    expect(noMatter.json().message).toContain('事结');
    const noHeart = await visit({ action: 'follow_up', matterResolved: 'yes' });
    expect(noHeart.statusCode).toBe(422);
    expect(noHeart.json().details.reason).toBe('FOLLOW_UP_HEART_ANSWER_REQUIRED');
    expect(noHeart.json().message).toContain('心结');
    expect(
      (await visit({ action: 'follow_up', matterResolved: 'mostly', heartResolved: true })).statusCode,
    ).toBe(400);

    m = await act(leader, m.id, {
      action: 'follow_up',
      matterResolved: 'yes',
      heartResolved: false,
      reason: '排水沟已通，但群众对邻居仍有怨气。',
    });
    expect(m.status).toBe('followed_up');
    const step = m.timeline.find((e: { action: string }) => e.action === 'matter.followed_up');
    expect(step).toMatchObject({ label: '回访', detail: '事结：已解决；心结：未化解' });
    expect(step.reason).toBe('排水沟已通，但群众对邻居仍有怨气。');
    const written = (await t.database.db.execute(
      sql`select after from events where action = 'matter.followed_up' and object_id = ${m.id}`,
    )) as unknown as { rows: { after: Record<string, unknown> }[] };
    const [event] = written.rows;
    expect(event!.after).toMatchObject({ matterResolved: 'yes', heartResolved: false, bothResolved: false });

    // Counted among the visits that asked both questions, not among the 双结.
    t.clock.advance(60_000);
    const after = await bothResolvedRate();
    expect(after.den).toBe(before.den + 1);
    expect(after.num).toBe(before.num);
  });
});
