/**
 * The petition procedure of 信访工作条例 end to end over the API, on the legal dates: the receipt date
 * (art. 22–23 count from 收到之日), the petitioner's own 复查 and 复核 requests to the level directly
 * above (art. 35–36), the city outside the install, and finality by facts (art. 36(3)).
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { act, view } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';
import { sweepDeadlines } from './sweep.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // The demo accounts were seeded in 2026; this case happens in 2025, so their passwords must be older
  // than the sessions opened then (a later password change ends every earlier session).
  await t.database.db.execute(sql`update users set password_changed_at = '2025-01-01T00:00:00Z'`);
});
afterAll(() => t.close());

const PHONE = '13987654321';
/** Monday 2025-09-29, 09:00 Beijing time: the letter of Friday 09-26 is registered. */
const REGISTERED = '2025-09-29T01:00:00.000Z';
const RECEIVED = '2025-09-26T02:00:00.000Z';
const rows = async (q: SQL) =>
  ((await t.database.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
const running = (m: { deadlines: { basis: string; status: string }[] }, basis: string) =>
  m.deadlines.find((d) => d.basis === basis && ['running', 'paused'].includes(d.status)) as
    | { basis: string; startedAt: string; dueAt: string; org: { name: string } }
    | undefined;

async function letter(s: Session, overrides: Record<string, unknown> = {}) {
  const village = await orgByDivision(t, '620602001001');
  return s.request({
    method: 'POST',
    url: '/api/matters',
    payload: {
      kind: 'petition',
      channel: 'letter',
      categoryCode: 'PET-03',
      title: '反映宅基地确权久拖不决',
      description: '本人宅基地确权申请提交三年未办理，村里说等统一测绘，至今无人答复。',
      place: { villageId: village.id, address: '南苑社区某巷 5 号' },
      parties: [{ role: 'applicant', name: '马某某', phone: PHONE }],
      receivedAt: RECEIVED,
      receiptEvidence: '信封邮戳 2025-09-26',
      ...overrides,
    },
  });
}

async function resident(code: string, secret: string, action: string, reason: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/matters/act',
    payload: { code, secret, phone: PHONE, action, reason },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('the receipt date (收到之日, 信访工作条例 art. 22–23)', () => {
  it('refuses a date in the future, too far back, without evidence, or from a resident', async () => {
    t.clock.set(REGISTERED);
    const clerk = await t.login('town01-clerk');
    const future = await letter(clerk, { receivedAt: '2025-09-30T01:00:00.000Z' });
    expect(future.statusCode).toBe(422);
    expect(future.json().details.reason).toBe('RECEIPT_IN_FUTURE');
    const old = await letter(clerk, { receivedAt: '2025-06-01T01:00:00.000Z' });
    expect(old.statusCode).toBe(422);
    expect(old.json().details.reason).toBe('RECEIPT_TOO_OLD');
    const bare = await letter(clerk, { receiptEvidence: undefined });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().details.reason).toBe('RECEIPT_EVIDENCE_REQUIRED');
    const online = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters',
      payload: {
        countyCode: '620602',
        kind: 'petition',
        channel: 'online',
        categoryCode: 'PET-03',
        title: '反映宅基地问题',
        description: '宅基地确权久拖不决，请求尽快办理。',
        place: { lng: 102.642184, lat: 37.928224 },
        parties: [{ role: 'applicant', name: '某人', phone: '13912340000' }],
        receivedAt: RECEIVED,
        receiptEvidence: '自己说的',
      },
    });
    expect(online.statusCode).toBe(422);
    expect(online.json().details.reason).toBe('RECEIPT_STAFF_ONLY');
  });
});

describe('a letter petition from receipt to finality, and a new grievance after it', () => {
  it('counts from receipt, goes up one level at a time on the petitioner’s own requests, to the city, then final', async () => {
    t.clock.set(REGISTERED);
    const clerk = await t.login('town01-clerk');
    const res = await letter(clerk);
    expect(res.statusCode, res.body).toBe(201);
    const { trackingSecret } = res.json();
    let m = res.json().matter;
    expect(trackingSecret).toBeTruthy();
    expect(m.receipt).toEqual({
      receivedAt: RECEIVED,
      registeredAt: REGISTERED,
      evidence: '信封邮戳 2025-09-26',
    });
    // XF art. 23(2): 15 days from the day after receipt (09-26): Saturday 10-11, a make-up working day.
    const notice = running(m, 'XF-23-notice')!;
    expect(notice.startedAt).toBe(RECEIVED);
    expect(notice.dueAt).toBe('2025-10-11T15:59:59.999Z');

    m = await act(clerk, m.id, { action: 'accept' });
    expect(m.status).toBe('handling');
    const [acceptance] = (await rows(
      sql`select body from matter_notices where matter_id = ${m.id} and kind = 'acceptance'`,
    )) as unknown as { body: { lines: string[] } }[];
    expect(acceptance!.body.lines).toContain('收到日期：2025年9月26日；登记日期：2025年9月29日。');

    m = await act(clerk, m.id, {
      action: 'serve_opinion',
      outcome: 'not_support',
      legalBasis: '《甘肃省农村宅基地管理办法》',
    });
    expect(m.petitionStage).toBe('opinion');

    // 复查: the petitioner asks online, naming nobody; it goes to the district, directly above the town.
    t.clock.set('2025-10-09T02:00:00.000Z');
    const code = m.code as string;
    let tracking = await resident(code, trackingSecret, 'request_review', '村里测绘早已完成，意见不实');
    expect(tracking.statusLabel).toBeTruthy();
    let district = await t.login('clerk');
    m = await view(district, m.id);
    expect(m.status).toBe('reviewing');
    const districtOrg = await orgByDivision(t, '620602');
    expect(m.owner.id).toBe(districtOrg.id);
    expect(running(m, 'XF-35')!.dueAt).toBe('2025-11-10T15:59:59.999Z');
    m = await act(district, m.id, {
      action: 'serve_review',
      outcome: 'not_support',
      legalBasis: '《甘肃省农村宅基地管理办法》',
    });
    expect(m.petitionStage).toBe('review');

    // 复核 of a district 复查: the city (武威市) is outside this install; the district hands it off and
    // tracks the city's 30 days.
    t.clock.set('2025-10-20T02:00:00.000Z');
    tracking = await resident(code, trackingSecret, 'request_reexam', '对复查意见仍不服');
    expect(tracking.holder).toMatch(/^武威市（由.+移送并跟踪）$/);
    district = await t.login('clerk');
    m = await view(district, m.id);
    expect(m.status).toBe('reexamining');
    expect(m.owner.id).toBe(districtOrg.id);
    expect(m.externalBody).toEqual({ name: '武威市', for: 'reexam', sentAt: '2025-10-20T02:00:00.000Z' });
    const reexam = running(m, 'XF-36')!;
    expect(reexam.startedAt).toBe('2025-10-20T02:00:00.000Z');
    expect(reexam.dueAt).toBe('2025-11-19T15:59:59.999Z');
    const handoff = m.timeline.find((e: { action: string }) => e.action === 'matter.reexam_requested');
    expect(handoff).toBeTruthy();
    const [event] = (await rows(
      sql`select after from events where object_id = ${m.id} and action = 'matter.reexam_requested'`,
    )) as unknown as { after: { externalBody?: string } }[];
    expect(event!.after.externalBody).toBe('武威市');
    // The district does not answer for the city: its clerk records the city's answer.
    const own = await district.request({
      method: 'POST',
      url: `/api/matters/${m.id}/actions`,
      payload: { action: 'serve_reexam', outcome: 'not_support', legalBasis: '依据' },
    });
    expect(own.statusCode).toBe(409);
    expect(own.json().details.reason).toBe('WITH_EXTERNAL_BODY');
    // The city is late: the sweep records it, and raises no 督办 on the district that follows it up.
    t.clock.set('2025-11-20T02:00:00.000Z');
    await sweepDeadlines(t.deps);
    const [late] = (await rows(
      sql`select overdue_at, supervised_at from deadlines where matter_id = ${m.id} and basis = 'XF-36'`,
    )) as unknown as { overdue_at: unknown; supervised_at: unknown }[];
    expect(late!.overdue_at).not.toBeNull();
    expect(late!.supervised_at).toBeNull();
    const [orders] = (await rows(
      sql`select count(*)::int as n from supervision_orders where matter_id = ${m.id}`,
    )) as unknown as { n: number }[];
    expect(orders!.n).toBe(0);
    district = await t.login('clerk');
    m = await act(district, m.id, {
      action: 'record_external_answer',
      outcome: 'not_support',
      legalBasis: '武威市信访联席会议复核意见书',
    });
    expect(m.petitionStage).toBe('final');
    expect(m.externalBody).toBeNull();
    expect(running(m, 'XF-36')).toBeUndefined();
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/act',
      payload: { code, secret: trackingSecret, phone: PHONE, action: 'request_reexam', reason: '再申请' },
    });
    expect(again.statusCode).toBe(409);

    // Finality is about facts: another grievance of the same person, same category, other facts.
    t.clock.set('2025-12-01T02:00:00.000Z');
    const clerk2 = await t.login('town01-clerk');
    const other = (
      await letter(clerk2, {
        title: '反映邻居占用村道堆放杂物',
        description: '邻居长期在村道上堆放柴草杂物，车辆无法通行，多次找村委会未果。',
        receivedAt: undefined,
        receiptEvidence: undefined,
      })
    ).json().matter;
    const unchecked = await clerk2.request({
      method: 'POST',
      url: `/api/matters/${other.id}/actions`,
      payload: { action: 'accept' },
    });
    expect(unchecked.statusCode).toBe(409);
    const asked = unchecked.json();
    expect(asked.details.reason).toBe('FACTS_CHECK_REQUIRED');
    expect(asked.details.finalMatches[0].code).toBe(code);
    const newSimilarity = asked.details.finalMatches[0].similarity as number;
    const accepted = await act(clerk2, other.id, {
      action: 'accept',
      factsCheck: { verdict: 'new_facts', reason: '反映占道堆物，与宅基地确权无关' },
    });
    expect(accepted.status).toBe('handling');

    // The same facts again, in other words: refused, with the clerk's reason on record.
    const same = (
      await letter(clerk2, {
        title: '宅基地确权一直不办',
        description: '本人宅基地确权申请提交三年未办理，村里说等统一测绘，一直没有答复。',
        receivedAt: undefined,
        receiptEvidence: undefined,
      })
    ).json().matter;
    const sameAsked = await clerk2.request({
      method: 'POST',
      url: `/api/matters/${same.id}/actions`,
      payload: { action: 'accept' },
    });
    expect(sameAsked.statusCode).toBe(409);
    const sameTop = sameAsked.json().details.finalMatches[0];
    expect(sameTop.code).toBe(code);
    expect(sameTop.similarity).toBeGreaterThan(newSimilarity);
    const sameAccept = await clerk2.request({
      method: 'POST',
      url: `/api/matters/${same.id}/actions`,
      payload: {
        action: 'accept',
        factsCheck: { verdict: 'same_facts', reason: '仍为宅基地确权，无新事实' },
      },
    });
    expect(sameAccept.statusCode).toBe(409);
    expect(sameAccept.json().details.reason).toBe('FINAL_NOT_REACCEPTED');
    const refused = await act(clerk2, same.id, {
      action: 'refuse',
      reason: '与已复核终结事项属同一事实和理由，依《信访工作条例》第三十六条不再受理',
      factsCheck: { verdict: 'same_facts', reason: '仍为宅基地确权，无新事实' },
    });
    expect(refused.status).toBe('not_accepted');
    const audit =
      (await rows(sql`select object_id, after from events where action in ('matter.accepted', 'matter.not_accepted')
            and object_id in (${other.id}, ${same.id})`)) as unknown as {
        object_id: string;
        after: { factsCheck?: Record<string, unknown> };
      }[];
    const byId = new Map(audit.map((r) => [r.object_id, r.after.factsCheck]));
    expect(byId.get(other.id)).toMatchObject({ against: code, verdict: 'new_facts' });
    expect(byId.get(same.id)).toMatchObject({
      against: code,
      verdict: 'same_facts',
      reason: '仍为宅基地确权，无新事实',
    });
  });
});
