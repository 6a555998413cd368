/**
 * Linked mediation over the API (issue 17): a 派出所 hands a dispute it met on a call to the village's
 * mediation committee (警调), the committee mediates it with the ordinary flow, the agreement returns
 * to the station's record; a petition is mediated only with the petitioner's consent (访调); a medical
 * dispute filed online goes to the 医调委 (专调); and the leader's figures count each route.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalDate } from '../../../../core/domain/time-limits/local-date';
import { agreeInWriting } from '../../../test/agreement-steps';
import { orgByDivision } from '../../../test/factories';
import { act } from '../../../test/matter-steps';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
let police: Session;
let committeeHead: Session;
let mediator: Session;
let leader: Session;
let villageId: string;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-07T02:00:00.000Z');
  police = await t.login('police');
  committeeHead = await t.login('village-committee');
  mediator = await t.login('village-mediator');
  leader = await t.login('leader');
  villageId = (await orgByDivision(t, '620602001001')).id;
});
afterAll(() => t?.close());

const rows = async (q: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;

const referral = (overrides: Record<string, unknown> = {}) => ({
  policeRecordNo: 'JQ20261207-0042',
  calledAt: '2026-12-06T13:20:00.000Z',
  categoryCode: 'MED-02',
  title: '邻里噪音纠纷（出警）',
  description: '夜间装修噪音引发两户争吵，民警到场劝离，双方同意由村调委会调解。',
  villageId,
  parties: [
    { role: 'applicant', name: '赵某某', phone: '13911112222' },
    { role: 'respondent', name: '钱某某', phone: '13933334444' },
  ],
  ...overrides,
});

async function refer(s: Session, body = referral()) {
  return s.request({ method: 'POST', url: '/api/linked-mediation/police-referrals', payload: body });
}

async function stationRecord() {
  const res = await police.request({ method: 'GET', url: '/api/linked-mediation/police-referrals' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Record<string, unknown>[];
}

it('offers the station the villages of its own town', async () => {
  const res = await police.request({ method: 'GET', url: '/api/linked-mediation/police-referrals' });
  const villages = res.json().villages as { id: string }[];
  expect(villages.map((v) => v.id)).toContain(villageId);
  const other = await orgByDivision(t, '620602002001');
  expect(villages.map((v) => v.id)).not.toContain(other.id);
});

async function figures(s: Session) {
  const res = await s.request({ method: 'GET', url: '/api/linked-mediation/figures' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().routes as { route: string; count: number; agreed: number; failed: number }[];
}

describe('警调: a 派出所 hands a dispute to mediation and sees the result', () => {
  it('goes to the village committee, is mediated to an agreement, and the agreement returns to the station', async () => {
    const res = await refer(police);
    expect(res.statusCode, res.body).toBe(201);
    const { matterId, committee } = res.json();
    expect(committee.name).toMatch(/人民调解委员会$/);
    const [owner] = await rows(
      sql`select o.name, m.channel from matters m join orgs o on o.id = m.owner_org_id where m.id = ${matterId}`,
    );
    expect(owner).toMatchObject({ name: committee.name, channel: 'referral' });

    let record = await stationRecord();
    expect(record[0]).toMatchObject({
      matterId,
      policeRecordNo: 'JQ20261207-0042',
      committee: { name: committee.name },
      outcome: null,
      statusLabel: '待受理',
    });
    // The station's record masks the parties' names in free text.
    expect(JSON.stringify(record)).not.toContain('赵某某');

    await act(committeeHead, matterId, { action: 'accept' });
    await act(committeeHead, matterId, { action: 'start_mediation', initiative: 'application' });
    await act(committeeHead, matterId, {
      action: 'assign_mediator',
      mediatorId: mediator.userId,
      chosenBy: 'org',
      conflictOfInterest: false,
    });
    await agreeInWriting(t, mediator, matterId);

    record = await stationRecord();
    expect(record[0]).toMatchObject({
      matterId,
      outcome: 'agreed',
      outcomeLabel: '调解成功（达成协议）',
      outcomeAt: '2026-12-07T02:00:00.000Z',
    });
    const [event] = await rows(
      sql`select action from events where object_id = ${matterId} and action = 'linked.police_referred'`,
    );
    expect(event).toBeTruthy();
  });

  it('records a failed mediation as 调解不成 on the station record', async () => {
    const { matterId } = (await refer(police, referral({ policeRecordNo: 'JQ20261208-0007' }))).json();
    await act(committeeHead, matterId, { action: 'accept' });
    await act(committeeHead, matterId, { action: 'start_mediation', initiative: 'own_initiative' });
    await act(committeeHead, matterId, {
      action: 'terminate_mediation',
      terminationReason: 'positions_too_far_apart',
      reason: '双方分歧较大',
    });
    const mine = (await stationRecord()).find((r) => r.matterId === matterId);
    expect(mine).toMatchObject({ outcome: 'failed', outcomeLabel: '调解不成（已终止）' });
  });

  it('refuses staff who are not at a police station, and a village outside the station’s town', async () => {
    const clerk = await t.login('town01-clerk');
    expect((await refer(clerk)).statusCode).toBe(403);
    const other = await orgByDivision(t, '620602002001');
    const res = await refer(police, referral({ villageId: other.id }));
    expect(res.statusCode, res.body).toBe(400);
    const bad = await refer(police, referral({ policeRecordNo: '警情 1' }));
    expect(bad.statusCode).toBe(400);
  });

  it('shows the station only its own handoffs and the leader the police count', async () => {
    const grid = await t.login('town01-gw1');
    expect(
      (await grid.request({ method: 'GET', url: '/api/linked-mediation/police-referrals' })).statusCode,
    ).toBe(403);
    const police = (await figures(leader)).find((f) => f.route === 'police')!;
    expect(police).toMatchObject({ count: 2, agreed: 1, failed: 1 });
  });
});

describe('访调: a petition is mediated only with the petitioner’s consent', () => {
  it('refuses without consent and records the consent (channel, day) on the route', async () => {
    const clerk = await t.login('town01-clerk');
    const res = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: {
        kind: 'petition',
        channel: 'walk_in',
        categoryCode: 'PET-03',
        title: '宅基地界址争议信访',
        description: '与邻居就宅基地界址发生争议，请求处理。',
        place: { villageId },
        parties: [
          { role: 'applicant', name: '孙某某', phone: '13987650009' },
          { role: 'respondent', name: '周某某' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().matter.id;
    await act(clerk, id, { action: 'accept' });
    const refused = await clerk.request({
      method: 'POST',
      url: `/api/matters/${id}/actions`,
      payload: { action: 'start_mediation', initiative: 'application' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.reason).toBe('CONSENT_REQUIRED');
    const on = toLocalDate(t.clock.now());
    await act(clerk, id, {
      action: 'start_mediation',
      initiative: 'application',
      consent: { channel: 'phone', on },
    });
    const [link] = await rows(sql`select route, consent from linked_mediations where matter_id = ${id}`);
    expect(link).toMatchObject({ route: 'petition', consent: { channel: 'phone', at: on } });
    expect((await figures(leader)).find((f) => f.route === 'petition')!.count).toBe(1);
  });
});

describe('专调: a dispute of a field goes to its professional committee', () => {
  it('routes a medical dispute filed online to the 医调委, and counts its mediation as 专调', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters',
      payload: {
        countyCode: '620602',
        kind: 'dispute',
        channel: 'online',
        categoryCode: 'MED-12',
        title: '手术后遗症赔偿纠纷',
        description: '在卫生院手术后出现后遗症，与院方就赔偿协商不成。',
        place: { villageId },
        parties: [
          { role: 'applicant', name: '吴某某', phone: '13955556666' },
          { role: 'respondent', name: '某卫生院' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [m] = await rows(
      sql`select m.id, o.name, o.kind from matters m join orgs o on o.id = m.owner_org_id where m.code = ${res.json().code}`,
    );
    expect(m).toMatchObject({ kind: 'mediation_committee' });
    expect(m!.name).toContain('医疗纠纷人民调解委员会');
  });
});
