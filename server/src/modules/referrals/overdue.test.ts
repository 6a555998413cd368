/**
 * A referral left past its clock at the provider: the deadline sweep marks it once, logs it on the
 * referral and the matter, and tells the provider's staff and the clerk who referred it in-app. A
 * referral concluded in time, or one not yet due, is left alone. The clock is a FixedClock.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision, orgByName } from '../../../test/factories';
import { disputeBody, register, view } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { sweepReferrals } from './overdue.service';

let t: TestApp;
let clerk: Session;
let legalAid: Session;
let late: string;
let done: string;
let matterId: string;

const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

async function refer(providerOrgId: string, kind: string, eligibilityBasis: string) {
  const res = await clerk.request({
    method: 'POST',
    url: `/api/matters/${matterId}/referrals`,
    payload: { kind, providerOrgId, eligibilityBasis, reason: '申请人请求支付拖欠工资' },
  });
  expect(res.statusCode).toBe(200);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.login('town01-clerk');
  legalAid = await t.login('legalaid');
  const village = await orgByDivision(t, '620602001001');
  matterId = (await view(clerk, (await register(clerk, disputeBody(village.id))).matter.id)).id;
  late = await refer((await orgByName(t, '凉州区法律援助中心')).id, 'legal_aid', 'migrant_wages');
  done = await refer((await orgByName(t, '凉州区法律援助中心')).id, 'legal_aid', 'low_income');
  for (const body of [
    { action: 'accept' },
    { action: 'assign', assignee: '甘肃某律师事务所张律师（演示）' },
    { action: 'conclude', outcome: 'aided', note: '经仲裁追回工资 3 万元' },
  ]) {
    const r = await legalAid.request({
      method: 'POST',
      url: `/api/referrals/${done}/actions`,
      payload: body,
    });
    expect(r.statusCode).toBe(200);
  }
});
afterAll(async () => t?.close());

const overdueEvents = async (objectId: string) =>
  (
    await rows<{ n: number }>(
      sql`select count(*)::int as n from events where object_id = ${objectId} and action = 'referral.overdue'`,
    )
  )[0]!.n;

describe('the deadline sweep and late referrals', () => {
  it('leaves a referral alone before its due time', async () => {
    await sweepReferrals(t.deps);
    expect(await overdueEvents(late)).toBe(0);
    const r = await clerk.request({ method: 'GET', url: `/api/referrals/${late}` });
    expect(r.json().overdue).toBe(false);
  });

  it('marks an open referral past its clock once, on the referral and the matter, and tells both sides', async () => {
    t.clock.advance(15 * 86_400_000);
    const first = await sweepReferrals(t.deps);
    expect(first.failed).toEqual([]);
    expect(first.overdue).toBeGreaterThanOrEqual(1);
    const [row] = await rows<{ overdue_at: string | null }>(
      sql`select overdue_at from referrals where id = ${late}`,
    );
    expect(row!.overdue_at).not.toBeNull();
    expect(await overdueEvents(late)).toBe(1);
    expect(await overdueEvents(matterId)).toBe(1);
    const told = await rows<{ recipient_user_id: string; template: string; params: Record<string, string> }>(
      sql`select recipient_user_id, template, params from notification_outbox where ref_type = 'referral' and ref_id = ${late}`,
    );
    const to = told.map((m) => m.recipient_user_id);
    expect(to).toContain(clerk.userId);
    expect(to).toContain(legalAid.userId);
    expect(new Set(to).size).toBe(to.length);
    expect(told[0]).toMatchObject({ template: 'referral_overdue' });
    expect(told[0]!.params.service).toBe('法律援助');
    // Fifteen days on, the morning's session has expired: sign in again to read it.
    legalAid = await t.login('legalaid');
    const r = await legalAid.request({ method: 'GET', url: `/api/referrals/${late}` });
    expect(r.json().overdue).toBe(true);
  });

  it('does not mark or notify again on a rerun, nor touch a referral concluded in time', async () => {
    const before = (
      await rows<{ n: number }>(
        sql`select count(*)::int as n from notification_outbox where ref_id = ${late}`,
      )
    )[0]!.n;
    expect((await sweepReferrals(t.deps)).overdue).toBe(0);
    expect(await overdueEvents(late)).toBe(1);
    const after = (
      await rows<{ n: number }>(
        sql`select count(*)::int as n from notification_outbox where ref_id = ${late}`,
      )
    )[0]!.n;
    expect(after).toBe(before);
    expect(await overdueEvents(done)).toBe(0);
    const [row] = await rows<{ overdue_at: string | null }>(
      sql`select overdue_at from referrals where id = ${done}`,
    );
    expect(row!.overdue_at).toBeNull();
  });
});
