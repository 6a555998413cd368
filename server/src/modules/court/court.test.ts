import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreeInWriting } from '../../../test/agreement-steps';
import { courtHeaders, residentId, startTestSimulator, until } from '../../../test/court-kit';
import { orgByDivision } from '../../../test/factories';
import { act, disputeBody, register, view } from '../../../test/matter-steps';
import { pdfPages } from '../../../test/pdf-text';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { courtCases, courtOutbox, events } from '../../db/schema';
import { httpCourtSender } from './court-client';
import { deliverDue } from './outbox.service';

let t: TestApp;
let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let clerk: Session;
let mediatorId: string;
let mediator: Session;
let villageId: string;

beforeAll(async () => {
  // The simulator's port must be known before the app's config is fixed: start the app on a port
  // first, then the simulator aimed at it, then point the app's sender at the simulator.
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const appUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  sim = await startTestSimulator(t.deps.config.court, appUrl, { autoRuleMs: 10, autoRegisterMs: 10 });
  clerk = await t.login('village-clerk');
  mediator = await t.login('village-mediator');
  mediatorId = mediator.userId;
  villageId = (await orgByDivision(t, '620602001001')).id;
});
afterAll(async () => {
  await sim?.close();
  await t?.close();
});

const send = () => httpCourtSender({ ...t.deps.config.court, platformUrl: sim.url });
const deliver = () => deliverDue(t.deps, send());

const partiesWithIds = [
  { role: 'applicant', name: '王甲乙', phone: '13912345678', idNumber: residentId('62060219800101001') },
  { role: 'respondent', name: '李丙丁', phone: '13987654321', idNumber: residentId('62060219820202002') },
];

async function mediating(parties = partiesWithIds) {
  let m = (await register(clerk, disputeBody(villageId, { parties }))).matter;
  m = await act(clerk, m.id, { action: 'accept' });
  m = await act(clerk, m.id, { action: 'start_mediation', initiative: 'application' });
  m = await act(clerk, m.id, {
    action: 'assign_mediator',
    mediatorId,
    chosenBy: 'org',
    conflictOfInterest: false,
  });
  return m;
}

async function partyInputs(matterId: string) {
  const m = await view(clerk, matterId);
  return m.parties.map((p: { id: string }) => ({
    partyId: p.id,
    serviceAddress: '凉州区东大街南苑社区某巷 3 号',
    serviceAddressConfirmed: true,
    identityVerified: true,
  }));
}

const courtView = async (id: string) =>
  (await clerk.request({ method: 'GET', url: `/api/matters/${id}/court` })).json();

describe('calls from the court are signed (docs/COURT-API.md §2)', () => {
  const path = '/api/court/v1/confirmation-rulings';
  const body = JSON.stringify({
    messageType: 'confirmation_ruling',
    countyCode: '620602',
    applicationId: crypto.randomUUID(),
    courtName: '武威市凉州区人民法院',
    courtCaseNo: '(2026)甘0602民特1号',
    result: 'confirmed',
    ruledAt: '2026-03-02T02:00:00.000Z',
  });
  const post = (headers: Record<string, string>, payload = body) =>
    t.app.inject({ method: 'POST', url: path, headers, payload });

  it('refuses an unsigned call, a wrong key, a changed body and a stale timestamp', async () => {
    const court = t.deps.config.court;
    const unsigned = await post({ 'content-type': 'application/json', 'idempotency-key': 'court-abcdefgh' });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json()).toMatchObject({ code: 'SIGNATURE_INVALID', details: { reason: 'missing' } });
    const wrongKey = await post(courtHeaders(court, path, body, { secret: 'not-the-court-secret-at-all' }));
    expect(wrongKey.json().details.reason).toBe('bad_signature');
    const changed = await post(courtHeaders(court, path, body), body.replace('confirmed', 'rejected'));
    expect(changed.json().details.reason).toBe('bad_signature');
    const stale = await post(courtHeaders(court, path, body, { now: new Date(Date.now() - 301_000) }));
    expect(stale.statusCode).toBe(401);
    expect(stale.json().details.reason).toBe('stale');
  });

  it('refuses a replayed nonce even with a valid signature', async () => {
    const court = t.deps.config.court;
    const headers = courtHeaders(court, path, body, { nonce: 'replay-nonce-0123456789' });
    expect((await post(headers)).statusCode).toBe(404); // signed and fresh: the unknown application is 404
    const again = await post(headers);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('REQUEST_REPLAYED');
  });

  it('needs an idempotency key and a body that matches the schema exactly', async () => {
    const court = t.deps.config.court;
    const { 'idempotency-key': _k, ...noKey } = courtHeaders(court, path, body);
    expect((await post(noKey)).statusCode).toBe(400);
    const extra = JSON.stringify({ ...JSON.parse(body), partyIdNumber: '620602198001010010' });
    const res = await post(courtHeaders(court, path, extra), extra);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('a mediation the court entrusts (委托调解)', () => {
  it('lands in the chosen org’s queue, runs on the court’s period, and its result goes back once', async () => {
    const res = await fetch(`${sim.url}/sim/mediation-requests`, {
      method: 'POST',
      body: JSON.stringify({
        orgCode: '620602001001',
        type: 'entrusted',
        procedure: 'simplified',
        courtCaseNo: '(2026)甘0602民初101号',
        disputeType: '邻里纠纷',
      }),
    });
    expect(res.status).toBe(201);
    const ack = (await res.json()) as { reference: string; duplicate: boolean };
    expect(ack.duplicate).toBe(false);
    const [c] = await t.database.db.select().from(courtCases).where(eq(courtCases.id, ack.reference));
    expect(c).toMatchObject({ kind: 'entrusted', status: 'received', courtCaseNo: '(2026)甘0602民初101号' });

    // The same case sent again (a retry under a new key) is recognised, not registered twice.
    const again = await fetch(`${sim.url}/sim/mediation-requests`, {
      method: 'POST',
      body: JSON.stringify({
        orgCode: '620602001001',
        type: 'entrusted',
        courtCaseNo: '(2026)甘0602民初101号',
      }),
    });
    expect(await again.json()).toMatchObject({ reference: ack.reference, duplicate: true });
    const rows = await t.database.db
      .select()
      .from(courtCases)
      .where(eq(courtCases.courtCaseNo, '(2026)甘0602民初101号'));
    expect(rows).toHaveLength(1);

    let m = await view(clerk, c!.matterId);
    expect(m).toMatchObject({ channel: 'court', status: 'registered', categoryCode: 'MED-02' });
    m = await act(clerk, m.id, { action: 'accept' });
    m = await act(clerk, m.id, { action: 'start_mediation' });
    const clock = m.deadlines.find((d: { basis: string }) => d.basis === 'TY-27-entrusted-simple');
    // Accepted Monday 2026-03-02: 7 days from the next day end Monday 03-09.
    expect(clock).toMatchObject({ dueAt: '2026-03-09T15:59:59.999Z' });
    m = await act(clerk, m.id, {
      action: 'assign_mediator',
      mediatorId,
      chosenBy: 'org',
      conflictOfInterest: false,
    });
    await agreeInWriting(t, mediator, m.id);

    expect(await deliver()).toMatchObject({ delivered: 1, retried: 0 });
    const sent = [...sim.journal.received.values()].filter((r) => r.kind === 'mediation_result');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({
      courtCaseNo: '(2026)甘0602民初101号',
      outcome: 'agreement',
      reasonCode: 'agreement_reached',
    });
    const view2 = await courtView(m.id);
    expect(view2.cases[0]).toMatchObject({
      kind: 'entrusted',
      status: 'result_sent',
      statusLabel: '调解结果已送达法院',
    });
  });

  it('refuses 委派 while the county has it switched off, and takes it once the administrator turns it on', async () => {
    const ask = () =>
      fetch(`${sim.url}/sim/mediation-requests`, {
        method: 'POST',
        body: JSON.stringify({
          orgCode: '620602001001',
          type: 'delegated',
          courtCaseNo: '(2026)甘0602诉前调9号',
        }),
      });
    const off = await ask();
    expect(off.status).toBe(422);
    expect(await off.json()).toMatchObject({ details: { reason: 'FLOW_DISABLED' } });
    const admin = await t.login('admin');
    const cur = (await admin.request({ method: 'GET', url: '/api/config/court-docking' })).json();
    expect(cur.policy.delegated).toBe(false);
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/config/court-docking',
      payload: { policy: { ...cur.policy, delegated: true }, baseVersion: cur.version },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const on = await ask();
    expect(on.status).toBe(201);
    const [c] = await t.database.db
      .select()
      .from(courtCases)
      .where(eq(courtCases.courtCaseNo, '(2026)甘0602诉前调9号'));
    let m = await view(clerk, c!.matterId);
    m = await act(clerk, m.id, { action: 'accept' });
    m = await act(clerk, m.id, { action: 'start_mediation' });
    expect(m.deadlines.map((d: { basis: string }) => d.basis)).toContain('TY-27-delegated');
    const logged = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.action, 'config.court_docking_saved'), eq(events.countyCode, '620602')));
    expect(logged).toHaveLength(1);
  });
});

describe('a dispute mediation could not settle goes to the court with its package (在线调解规则 art. 21)', () => {
  it('refuses a referral before mediation failed, and one whose party has no ID number', async () => {
    const m = await mediating();
    const early = await clerk.request({
      method: 'POST',
      url: `/api/matters/${m.id}/court/referral`,
      payload: { claims: ['判令被告疏通排水沟'], reason: '调解不成', parties: await partyInputs(m.id) },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().details.reason).toBe('MEDIATION_NOT_FAILED');

    const noId = await mediating([
      { role: 'applicant', name: '王甲乙', phone: '13912345678', idNumber: residentId('62060219800101001') },
      { role: 'respondent', name: '李丙丁', phone: '13987654321' } as never,
    ]);
    await act(mediator, noId.id, {
      action: 'terminate_mediation',
      terminationReason: 'positions_too_far_apart',
      reason: '分歧较大',
    });
    const res = await clerk.request({
      method: 'POST',
      url: `/api/matters/${noId.id}/court/referral`,
      payload: { claims: ['判令被告疏通排水沟'], reason: '调解不成', parties: await partyInputs(noId.id) },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('李**');
    // Refused as a whole: the matter did not move and nothing was queued.
    expect((await view(clerk, noId.id)).status).toBe('handling');
    expect(
      await t.database.db.select().from(courtOutbox).where(eq(courtOutbox.matterId, noId.id)),
    ).toHaveLength(0);
  });

  it('sends only the agreed fields, and records the court’s registration', async () => {
    const m = await mediating();
    // A session with an invited neighbour (with the parties' consent) and facts both sides accept.
    const session = {
      at: '2026-03-02T09:30:00+08:00',
      mode: 'in_person',
      place: '南苑社区调解室',
      participants: [{ name: '赵邻居', relation: 'neighbour', partiesConsented: true }],
      undisputedFacts: ['双方确认排水沟于 2 月 20 日堵塞'],
    };
    const noConsent = await mediator.request({
      method: 'POST',
      url: `/api/matters/${m.id}/actions`,
      payload: {
        action: 'record_session',
        reason: '第一次调解',
        session: { ...session, participants: [{ name: '赵邻居', relation: 'neighbour' }] },
      },
    });
    expect(noConsent.statusCode).toBe(400);
    await act(mediator, m.id, {
      action: 'record_session',
      reason: '第一次调解，双方陈述各自意见。',
      session,
    });
    await act(mediator, m.id, {
      action: 'terminate_mediation',
      terminationReason: 'positions_too_far_apart',
      reason: '双方对赔偿数额分歧较大',
    });
    const res = await clerk.request({
      method: 'POST',
      url: `/api/matters/${m.id}/court/referral`,
      payload: {
        claims: ['判令被告疏通排水沟', '赔偿损失 2000 元'],
        undisputedFacts: ['排水沟位于两户之间', '2026 年 2 月发生雨水倒灌'],
        reason: '双方对赔偿数额分歧较大，无法达成协议',
        notesForCourt: '被告同意疏通，但不同意赔偿',
        parties: await partyInputs(m.id),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { courtCaseId } = res.json();
    expect((await view(clerk, m.id)).status).toBe('referred_to_court');
    expect(await deliver()).toMatchObject({ delivered: 1 });
    const got = [...sim.journal.received.values()].find((r) => r.body.messageId === courtCaseId)!;
    expect(Object.keys(got.body).sort()).toEqual(
      [
        'claims',
        'countyCode',
        'disputeType',
        'evidence',
        'failureReport',
        'matterCode',
        'mediationOrg',
        'mediationRecord',
        'mediator',
        'messageId',
        'messageType',
        'parties',
        'summary',
      ].sort(),
    );
    expect(got.body.failureReport).toMatchObject({
      reasonCode: 'positions_too_far_apart',
      undisputedFacts: ['双方确认排水沟于 2 月 20 日堵塞', '排水沟位于两户之间', '2026 年 2 月发生雨水倒灌'],
    });
    expect(got.body.mediationRecord).toMatchObject({ sessions: 1 });
    expect((got.body.parties as { idNumber: string; serviceAddressConfirmed: boolean }[])[0]).toMatchObject({
      idNumber: partiesWithIds[0]!.idNumber,
      serviceAddressConfirmed: true,
    });
    // The simulator registers the case and tells us the case number.
    const registered = await until('registration', async () => {
      const v = await courtView(m.id);
      return v.cases.find((c: { status: string }) => c.status === 'registered');
    });
    expect(registered.courtCaseNo).toMatch(/民初/);
  });
});

describe('judicial confirmation of an agreement (人民调解法 art. 33)', () => {
  it('shows the 30-day window, sends the joint application, and records the court’s ruling', async () => {
    const m = await mediating();
    await agreeInWriting(t, mediator, m.id);
    const before = await courtView(m.id);
    // Agreed Monday 2026-03-02: 30 days from the next day end on 04-01.
    expect(before.confirmationWindow).toEqual({
      agreedAt: expect.any(String),
      dueAt: '2026-04-01T15:59:59.999Z',
      open: true,
      provisionalNote: null,
    });
    expect(before.canApplyConfirmation).toBe(true);
    const apply = (payload: Record<string, unknown>) =>
      clerk.request({ method: 'POST', url: `/api/matters/${m.id}/court/confirmation`, payload });
    const body = {
      jointApplication: true,
      terms: ['李丙丁于 2026 年 3 月 10 日前疏通排水沟', '王甲乙放弃其他赔偿请求'],
      performance: '3 月 10 日前履行完毕，由村调委会回访',
      parties: await partyInputs(m.id),
    };
    const res = await apply(body);
    expect(res.statusCode, res.body).toBe(201);
    expect((await apply(body)).statusCode).toBe(409);
    expect(await deliver()).toMatchObject({ delivered: 1 });
    const ruled = await until('ruling', async () => {
      const v = await courtView(m.id);
      return v.cases.find((c: { status: string }) => c.status === 'confirmed');
    });
    expect(ruled).toMatchObject({ kind: 'judicial_confirmation', statusLabel: '法院裁定确认有效' });
    // The matter page still reads: the court's steps are on its timeline.
    const after = await view(clerk, m.id);
    expect(after.timeline.map((e: { action: string }) => e.action)).toContain('court.confirmation_ruled');
    expect(ruled.courtCaseNo).toMatch(/民特/);
    // The printed 司法确认申请书: who applies, what they ask, the agreement, the undertaking, the court.
    const pdf = await clerk.request({
      method: 'GET',
      url: `/api/matters/${m.id}/court/${ruled.id}/application.pdf`,
    });
    expect(pdf.statusCode).toBe(200);
    const text = (await pdfPages(pdf.rawPayload)).join('').replace(/\s+/g, '');
    for (const needed of [
      '司法确认申请书',
      '王甲乙',
      partiesWithIds[1]!.idNumber,
      '请求确认',
      '调解协议有效',
      '李丙丁于2026年3月10日前疏通排水沟',
      '第三十三条',
      '恶意串通',
      '此致',
      '人民法院',
    ])
      expect(text, needed).toContain(needed);
  });

  it('refuses an application after the window has closed', async () => {
    const m = await mediating();
    await agreeInWriting(t, mediator, m.id);
    const parties = await partyInputs(m.id);
    t.clock.advance(31 * 86_400_000);
    try {
      // A month later the morning's sessions have expired: log in again.
      const later = await t.login('village-clerk');
      const res = await later.request({
        method: 'POST',
        url: `/api/matters/${m.id}/court/confirmation`,
        payload: { jointApplication: true, terms: ['履行'], performance: '即时', parties },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().details.reason).toBe('WINDOW_CLOSED');
    } finally {
      t.clock.advance(-31 * 86_400_000);
    }
  });
});

describe('delivery when the court is away', () => {
  it('keeps the message, says why, and waits for the backoff before trying again', async () => {
    const m = await mediating();
    await agreeInWriting(t, mediator, m.id);
    const res = await clerk.request({
      method: 'POST',
      url: `/api/matters/${m.id}/court/confirmation`,
      payload: {
        jointApplication: true,
        terms: ['履行'],
        performance: '即时',
        parties: await partyInputs(m.id),
      },
    });
    expect(res.statusCode).toBe(201);
    const down = httpCourtSender({ ...t.deps.config.court, platformUrl: 'http://127.0.0.1:9' }, 2000);
    expect(await deliverDue(t.deps, down)).toMatchObject({ delivered: 0, retried: 1 });
    const [row] = await t.database.db.select().from(courtOutbox).where(eq(courtOutbox.matterId, m.id));
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    // The message carries the parties' ID and phone numbers: stored sealed (docs/SECURITY.md G31).
    expect((row!.payload as { sealed: string }).sealed).toMatch(/^enc1:/);
    expect(JSON.stringify(row!.payload)).not.toMatch(/1[3-9]\d{9}|\d{17}[\dX]/);
    expect(row!.lastError).toBeTruthy();
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(t.clock.now().getTime());
    // Not due yet: nothing is tried.
    expect(await deliverDue(t.deps, down)).toMatchObject({ delivered: 0, retried: 0 });
    t.clock.advance(10_000);
    expect(await deliver()).toMatchObject({ delivered: 1 });
    const v = await courtView(m.id);
    expect(v.cases[0].delivery).toMatchObject({ status: '已送达', attempts: 2 });
    const failed = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.action, 'court.delivery_failed'), eq(events.objectId, m.id)));
    expect(failed).toHaveLength(1);
  });
});
