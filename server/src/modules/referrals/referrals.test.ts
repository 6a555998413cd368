/**
 * 转介服务 through the API: a town clerk refers a matter's party to the district's legal-aid center and
 * counselling center (and a party to judicial relief at the court); the providers work their queues by
 * the core table and each outcome comes back onto the matter's log. What stays hidden: counselling
 * notes from everyone outside the counselling center (the case handler, the district leader above
 * both), amounts from everyone but the provider and the owning org; referrals from orgs outside.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision, orgByName } from '../../../test/factories';
import { disputeBody, register, view } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
let clerk: Session; // 东大街街道受理员: owns the matters
let legalAid: Session;
let counsellor: Session;
let leader: Session; // 区综治中心主任: sees the town's matters, is neither owner nor provider
let matter: { id: string; parties: { id: string; role: string }[] };
const ids: Record<string, string> = {};

const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

async function refer(s: Session, matterId: string, payload: Record<string, unknown>) {
  return s.request({ method: 'POST', url: `/api/matters/${matterId}/referrals`, payload });
}
async function step(s: Session, id: string, payload: Record<string, unknown>) {
  return s.request({ method: 'POST', url: `/api/referrals/${id}/actions`, payload });
}

beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.login('town01-clerk');
  legalAid = await t.login('legalaid');
  counsellor = await t.login('counsellor');
  leader = await t.login('leader');
  const village = await orgByDivision(t, '620602001001');
  matter = await view(clerk, (await register(clerk, disputeBody(village.id))).matter.id);
  ids.legalAidCenter = (await orgByName(t, '凉州区法律援助中心')).id;
  ids.counselling = (await orgByName(t, '凉州区社会心理服务中心')).id;
  ids.court = (await orgByName(t, '凉州区人民法院')).id;
  ids.justiceBureau = (await orgByName(t, '凉州区司法局')).id;
});
afterAll(async () => t?.close());

const applicant = () => matter.parties.find((p) => p.role === 'applicant')!.id;

describe('referring a matter to legal aid', () => {
  let id: string;

  it('offers the county legal-aid center as provider, not the justice bureau above it', async () => {
    const res = await clerk.request({ method: 'GET', url: '/api/referrals/providers?kind=legal_aid' });
    expect(res.statusCode).toBe(200);
    const names = (res.json().items as { id: string }[]).map((o) => o.id);
    expect(names).toContain(ids.legalAidCenter);
    expect(names).not.toContain(ids.justiceBureau);
    expect(res.json().eligibility.map((e: { basis: string }) => e.basis)).toContain('migrant_wages');
  });

  it('refuses a provider of the wrong kind and a basis of another service (400)', async () => {
    const wrongOrg = await refer(clerk, matter.id, {
      kind: 'legal_aid',
      providerOrgId: ids.justiceBureau,
      eligibilityBasis: 'low_income',
      reason: '申请人请求支付拖欠工资',
    });
    expect(wrongOrg.statusCode).toBe(400);
    expect(wrongOrg.json().details.fields.providerOrgId).toBeTruthy();
    const wrongBasis = await refer(clerk, matter.id, {
      kind: 'legal_aid',
      providerOrgId: ids.legalAidCenter,
      eligibilityBasis: 'crisis',
      reason: '申请人请求支付拖欠工资',
    });
    expect(wrongBasis.statusCode).toBe(400);
  });

  it('refers the applicant, on the clock of the county policy, with an event on the matter', async () => {
    const res = await refer(clerk, matter.id, {
      kind: 'legal_aid',
      providerOrgId: ids.legalAidCenter,
      partyId: applicant(),
      eligibilityBasis: 'migrant_wages',
      eligibilityNote: '务工工资被拖欠 8 个月',
      reason: '申请人请求支付拖欠工资，无力聘请律师',
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    id = r.id;
    expect(r).toMatchObject({ status: 'referred', kind: 'legal_aid', partyId: applicant(), overdue: false });
    expect(r.ruleLabel).toContain('7日');
    // 7 calendar days counted from the next day: due at the end of the seventh day at the latest.
    const days = (Date.parse(r.dueAt) - t.clock.now().getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(6.5);
    expect(days).toBeLessThan(12);
    const m = await view(clerk, matter.id);
    expect(m.timeline.map((e: { label: string }) => e.label)).toContain('转介服务');
  });

  it('puts it in the legal-aid center queue, not in another org (jurisdiction: 404)', async () => {
    const q = await legalAid.request({ method: 'GET', url: '/api/referrals/queue' });
    expect(q.json().items.map((r: { id: string }) => r.id)).toContain(id);
    for (const other of ['town02-leader', 'village-clerk', 'liaison']) {
      const s = await t.login(other);
      expect((await s.request({ method: 'GET', url: `/api/referrals/${id}` })).statusCode).toBe(404);
      expect((await step(s, id, { action: 'accept' })).statusCode).toBe(404);
    }
    const q2 = await (await t.login('town02-leader')).request({ method: 'GET', url: '/api/referrals/queue' });
    expect(q2.json().items.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('lets only the provider accept (the referring clerk: 403), then refuses to conclude before assignment', async () => {
    expect((await step(clerk, id, { action: 'accept' })).statusCode).toBe(403);
    expect((await step(legalAid, id, { action: 'accept' })).json().status).toBe('accepted');
    const early = await step(legalAid, id, { action: 'conclude', outcome: 'aided', note: '已代理结案' });
    expect(early.statusCode).toBe(409);
  });

  it('assigns a lawyer and concludes; the outcome comes back onto the matter', async () => {
    const a = await step(legalAid, id, { action: 'assign', assignee: '甘肃某律师事务所张律师（演示）' });
    expect(a.json()).toMatchObject({ status: 'assigned', allowedActions: ['conclude'] });
    const wrong = await step(legalAid, id, { action: 'conclude', outcome: 'granted', note: '决定给予援助' });
    expect(wrong.statusCode).toBe(400);
    const c = await step(legalAid, id, {
      action: 'conclude',
      outcome: 'aided',
      note: '经仲裁追回工资 3 万元',
    });
    expect(c.json()).toMatchObject({ status: 'concluded', outcome: 'aided', outcomeLabel: '法律援助已结案' });
    const m = await view(clerk, matter.id);
    const line = m.timeline.find((e: { label: string }) => e.label === '转介服务办结');
    expect(line.reason).toContain('法律援助：法律援助已结案');
    const list = await clerk.request({ method: 'GET', url: `/api/matters/${matter.id}/referrals` });
    expect(list.json()).toMatchObject({ mayRefer: true, items: [{ id, status: 'concluded' }] });
  });
});

describe('counselling is confidential', () => {
  let id: string;
  const secret = '来访者谈及童年创伤（保密内容）';

  it('is referred, appointed and its sessions recorded by the counselling center', async () => {
    const res = await refer(clerk, matter.id, {
      kind: 'counselling',
      providerOrgId: ids.counselling,
      partyId: applicant(),
      eligibilityBasis: 'emotional_distress',
      reason: '当事人情绪激动，心结未解',
    });
    expect(res.statusCode).toBe(200);
    id = res.json().id;
    await step(counsellor, id, { action: 'accept' });
    const at = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    expect((await step(counsellor, id, { action: 'schedule', appointmentAt: at })).json().status).toBe(
      'in_service',
    );
    await step(counsellor, id, { action: 'record_session', heldAt: at, attended: true, note: secret });
    const own = await step(counsellor, id, {
      action: 'record_session',
      heldAt: at,
      attended: false,
      note: '',
    });
    expect(own.json().sessions).toEqual([
      { heldAt: at, attended: true, note: secret },
      { heldAt: at, attended: false, note: '' },
    ]);
  });

  it('shows the case handler and the district leader attendance only, never the notes', async () => {
    for (const s of [clerk, leader]) {
      const r = (await s.request({ method: 'GET', url: `/api/referrals/${id}` })).json();
      expect(r.notesHidden).toBe(true);
      expect(r.sessions.map((x: { attended: boolean }) => x.attended)).toEqual([true, false]);
      expect(JSON.stringify(r)).not.toContain('童年');
    }
  });

  it('keeps the notes out of the event log and the closing words from the matter side', async () => {
    const c = await step(counsellor, id, {
      action: 'conclude',
      outcome: 'counselled',
      note: '情绪平稳，已解开心结',
    });
    expect(c.json().outcomeNote).toBe('情绪平稳，已解开心结');
    const seen = (await clerk.request({ method: 'GET', url: `/api/referrals/${id}` })).json();
    expect(seen).toMatchObject({ status: 'concluded', outcomeLabel: '心理疏导已完成', outcomeNote: null });
    const leaked = await rows(
      sql`select id from events where coalesce(reason, '') || coalesce(after::text, '') like ${'%童年%'}
          or coalesce(reason, '') like ${'%已解开心结%'}`,
    );
    expect(leaked).toHaveLength(0);
    const m = await view(clerk, matter.id);
    expect(m.timeline.map((e: { reason: string | null }) => e.reason)).toContain(
      '社会心理服务：心理疏导已完成（凉州区社会心理服务中心）',
    );
  });
});

describe('judicial relief: the amount is shown to the provider and the owning org only', () => {
  it('is decided with an amount the district leader above does not see', async () => {
    const res = await refer(clerk, matter.id, {
      kind: 'judicial_relief',
      providerOrgId: ids.court,
      eligibilityBasis: 'enforcement_failed',
      reason: '执行不能，申请人生活困难',
    });
    const id = res.json().id;
    const court = await t.login((await buildCourtClerk()).username);
    await step(court, id, { action: 'accept' });
    const noAmount = await step(court, id, {
      action: 'conclude',
      outcome: 'granted',
      note: '决定给予司法救助',
    });
    expect(noAmount.statusCode).toBe(400);
    const c = await step(court, id, {
      action: 'conclude',
      outcome: 'granted',
      note: '决定给予司法救助',
      amountYuan: 20000,
    });
    expect(c.json().amountYuan).toBe(20000);
    const owner = (await clerk.request({ method: 'GET', url: `/api/referrals/${id}` })).json();
    expect(owner).toMatchObject({ amountYuan: 20000, amountHidden: false });
    const above = (await leader.request({ method: 'GET', url: `/api/referrals/${id}` })).json();
    expect(above).toMatchObject({ amountYuan: null, amountHidden: true, outcomeLabel: '决定给予' });
    const logged = await rows(sql`select id from events where after::text like ${'%20000%'}`);
    expect(logged).toHaveLength(0);
  });
});

describe('the clock follows the county policy', () => {
  it('times a new counselling referral by the rule the administrator saved', async () => {
    const admin = await t.login('admin');
    const cur = (await admin.request({ method: 'GET', url: '/api/config/time-limits' })).json();
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/config/time-limits',
      payload: {
        baseVersion: cur.version,
        changes: [
          {
            key: 'referralCounselling',
            amount: 10,
            unit: 'working_day',
            citation: '凉州区转介服务办法（演示）',
          },
        ],
      },
    });
    expect(saved.statusCode).toBe(200);
    const res = await refer(clerk, matter.id, {
      kind: 'counselling',
      providerOrgId: ids.counselling,
      eligibilityBasis: 'family_conflict',
      reason: '家庭矛盾引发情绪问题',
    });
    expect(res.json().ruleLabel).toContain('10个工作日（凉州区转介服务办法（演示））');
    // The referring side may withdraw while nothing is decided; the withdrawal is on the matter's log.
    const w = await step(clerk, res.json().id, { action: 'withdraw', reason: '当事人已自行就医' });
    expect(w.json()).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn' });
  });
});

async function buildCourtClerk() {
  const { buildUser } = await import('../../../test/factories');
  return buildUser(t, await orgByName(t, '凉州区人民法院'), ['clerk']);
}
