import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision } from '../../../test/factories';
import { residentId } from '../../../test/matter-factory';
import { act, disputeBody } from '../../../test/matter-steps';
import { createTestApp, type TestApp } from '../../../test/test-app';
import * as repo from './matters.repo';
import { piiHash } from './pii';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('intake at a village window', () => {
  it('registers the matter for the clerk’s own village with a code, a deadline and the routing reason', async () => {
    const clerk = await t.login('village-clerk');
    const village = await orgByDivision(t, '620602001001');
    const res = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: disputeBody(village.id),
    });
    expect(res.statusCode, res.body).toBe(201);
    const { matter } = res.json();
    expect(matter.code).toMatch(/^620602-2026-\d{6}$/);
    expect(matter.status).toBe('registered');
    expect(matter.owner.id).toBe(village.id);
    expect(matter.routing.reason).toBeTruthy();
    expect(matter.deadlines.some((d: { status: string }) => d.status === 'running')).toBe(true);
    expect(matter.parties[0].name).toBe('王**');
    expect(matter.parties[0].phone).toBe('139****5678');
    expect(matter.allowedActions.map((a: { action: string }) => a.action)).toContain('accept');
  });
});

describe('a petition through acceptance, extension, opinion, review and re-examination', () => {
  it('keeps the statutory clocks of 信访工作条例 on the real calendar', async () => {
    const village = await orgByDivision(t, '620602001001');
    const clerk = await t.login('village-clerk');
    const res = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: {
        ...disputeBody(village.id),
        kind: 'petition',
        categoryCode: 'PET-03',
        title: '反映宅基地确权久拖不决',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    let m = res.json().matter;
    const notice = m.deadlines.find((d: { basis: string }) => d.basis === 'XF-23-notice');
    // XF art. 23: received Monday 2026-03-02, day 15 counted from the next day is Tuesday 03-17.
    expect(notice.dueAt).toBe('2026-03-17T15:59:59.999Z');
    m = await act(clerk, m.id, { action: 'accept' });
    // XF art. 34: 60 days from acceptance end on 2026-05-01, Labour Day; rolled to Wednesday 05-06.
    const xf34 = () =>
      m.deadlines.find(
        (d: { basis: string; status: string }) => d.basis === 'XF-34' && d.status === 'running',
      );
    expect(xf34().dueAt).toBe('2026-05-06T15:59:59.999Z');
    expect(m.notices.map((n: { kind: string }) => n.kind)).toContain('acceptance');

    // XF art. 34: one extension of at most 30 days, approved by the head, with reasons.
    const head = await buildUser(t, village, ['leader']);
    const leader = await t.login(head.username);
    const tooLong = await leader.request({
      method: 'POST',
      url: `/api/matters/${m.id}/actions`,
      payload: { action: 'extend', days: 31, reason: '需调取历史档案' },
    });
    expect(tooLong.statusCode).toBe(422);
    m = await act(leader, m.id, { action: 'extend', days: 30, reason: '需调取历史档案' });
    // 90 days end on Sunday 2026-05-31, rolled to Monday 06-01.
    expect(xf34().dueAt).toBe('2026-06-01T15:59:59.999Z');
    const again = await leader.request({
      method: 'POST',
      url: `/api/matters/${m.id}/actions`,
      payload: { action: 'extend', days: 5, reason: '再延' },
    });
    expect(again.statusCode, again.body).toBe(409);

    m = await act(clerk, m.id, {
      action: 'serve_opinion',
      outcome: 'explain',
      legalBasis: '《土地管理法》第六十二条',
    });
    expect(m.status).toBe('answered');
    expect(m.petitionStage).toBe('opinion');
    expect(m.notices.map((n: { kind: string }) => n.kind)).toContain('opinion');
    const window = m.deadlines.find(
      (d: { basis: string; status: string }) => d.basis === 'XF-35-request' && d.status === 'running',
    );
    // XF art. 35: 30 days to ask for review, from Monday 03-02: day 30 is Wednesday 04-01.
    expect(window.dueAt).toBe('2026-04-01T15:59:59.999Z');

    // 复查 at the town (the level above the village that answered), 复核 at the district.
    const town = await t.login('town01-clerk');
    m = await act(town, m.id, { action: 'request_review', reason: '对处理意见不服' });
    expect(m.status).toBe('reviewing');
    m = await act(town, m.id, {
      action: 'serve_review',
      outcome: 'explain',
      legalBasis: '《土地管理法》第六十二条',
    });
    expect(m.petitionStage).toBe('review');
    const district = await t.login('clerk');
    m = await act(district, m.id, { action: 'request_reexam', reason: '对复查意见仍不服' });
    expect(m.status).toBe('reexamining');
    const reexam = () =>
      m.deadlines.find(
        (d: { basis: string; status: string }) =>
          d.basis === 'XF-36' && ['running', 'paused'].includes(d.status),
      );
    expect(reexam().dueAt).toBe('2026-04-01T15:59:59.999Z');
    // XF art. 36(2): hearing time is not counted.
    const districtLeader = await t.login('leader');
    m = await act(districtLeader, m.id, { action: 'pause_hearing', reason: '组织听证' });
    expect(reexam().status).toBe('paused');
    t.clock.advance(3 * 86_400_000);
    const leader2 = await t.login('leader');
    m = await act(leader2, m.id, { action: 'resume_hearing' });
    expect(reexam().status).toBe('running');
    expect(new Date(reexam().dueAt).getTime()).toBeGreaterThan(
      new Date('2026-04-01T15:59:59.999Z').getTime(),
    );
    const district2 = await t.login('clerk');
    m = await act(district2, m.id, {
      action: 'serve_reexam',
      outcome: 'explain',
      legalBasis: '《信访工作条例》第三十六条',
    });
    expect(m.petitionStage).toBe('final');
    // XF art. 36(3): final — the same facts are not taken up again.
    const refused = await district2.request({
      method: 'POST',
      url: `/api/matters/${m.id}/actions`,
      payload: { action: 'request_reexam', reason: '再次申请' },
    });
    expect([403, 409]).toContain(refused.statusCode);
    expect(m.allowedActions.map((a: { action: string }) => a.action)).not.toContain('request_reexam');
  });
});

describe('a resident online, without an account', () => {
  it('submits a dispute by a point on the map, is routed to the village, and tracks it with code, secret and phone', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters',
      payload: {
        countyCode: '620602',
        kind: 'dispute',
        channel: 'online',
        categoryCode: 'MED-02',
        title: '楼上漏水纠纷',
        description: '楼上卫生间漏水到我家，协商多次无果。',
        place: { lng: 102.642184, lat: 37.928224 },
        parties: [{ role: 'applicant', name: '赵某某', phone: '13712345678' }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { code, trackingSecret, tracking } = res.json();
    expect(code).toMatch(/^620602-2026-\d{6}$/);
    expect(trackingSecret.replace(/-/g, '').length).toBeGreaterThanOrEqual(26);
    expect(tracking.statusLabel).toBe('待受理');
    expect(tracking.holder).toMatch(/综治中心$/);
    expect(JSON.stringify(tracking)).not.toContain('赵某某');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/track',
      payload: { code, secret: trackingSecret, phone: '13700000000' },
    });
    expect(wrong.statusCode).toBe(404);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/track',
      payload: { code, secret: trackingSecret, phone: '13712345678' },
    });
    expect(right.statusCode).toBe(200);
    expect(right.json().code).toBe(code);
  });

  it('tells a resident in Chinese that a point outside the county cannot be taken', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters',
      payload: {
        countyCode: '620602',
        kind: 'dispute',
        channel: 'online',
        categoryCode: 'MED-02',
        title: '求助',
        description: '路灯不亮已经一周了。',
        place: { lng: 116.4, lat: 39.9 },
        parties: [{ role: 'applicant', name: '某人', phone: '13712345679' }],
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toMatch(/不在本县（区）范围内/);
  });
});

describe('written notices', () => {
  it('serves an acceptance notice that states the handling deadline, and an opinion that states the next remedy', async () => {
    const village = await orgByDivision(t, '620602001001');
    const clerk = await t.login('village-clerk');
    const res = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: {
        ...disputeBody(village.id),
        kind: 'petition',
        categoryCode: 'PET-03',
        title: '反映低保评定不公',
        parties: [{ role: 'applicant', name: '孙某', phone: '13500002222' }],
      },
    });
    let m = res.json().matter;
    m = await act(clerk, m.id, { action: 'accept' });
    const acc = m.notices.find((n: { kind: string }) => n.kind === 'acceptance');
    const accText = (
      await clerk.request({ method: 'GET', url: `/api/matters/${m.id}/notices/${acc.id}` })
    ).json();
    expect(accText.title).toBe('受理告知书');
    expect(accText.lines.join('\n')).toMatch(/2026年5月6日前办结/);
    m = await act(clerk, m.id, {
      action: 'serve_opinion',
      outcome: 'support',
      legalBasis: '《社会救助暂行办法》第十一条',
    });
    const op = m.notices.find((n: { kind: string }) => n.kind === 'opinion');
    const opText = (
      await clerk.request({ method: 'GET', url: `/api/matters/${m.id}/notices/${op.id}` })
    ).json();
    const body = opText.lines.join('\n');
    expect(opText.title).toBe('信访处理意见书');
    expect(body).toMatch(/处理意见：支持/);
    expect(body).toMatch(/依据：《社会救助暂行办法》第十一条/);
    expect(body).toMatch(/30 日内.*申请复查/);
  });
});

describe('the same petition twice', () => {
  it('is not accepted again while the first is being handled, and says which one to merge with', async () => {
    const village = await orgByDivision(t, '620602001002');
    const clerk = await t.login('town01-clerk');
    const body = {
      ...disputeBody(village.id),
      kind: 'petition',
      categoryCode: 'PET-03',
      title: '反映征地补偿未到位',
      parties: [{ role: 'applicant', name: '钱某', phone: '13600001111' }],
    };
    const first = (await clerk.request({ method: 'POST', url: '/api/matters', payload: body })).json().matter;
    await act(clerk, first.id, { action: 'accept' });
    const second = (await clerk.request({ method: 'POST', url: '/api/matters', payload: body })).json();
    expect(second.duplicates.map((d: { code: string }) => d.code)).toContain(first.code);
    const res = await clerk.request({
      method: 'POST',
      url: `/api/matters/${second.matter.id}/actions`,
      payload: { action: 'accept' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().details.reason).toBe('DUPLICATE_IN_PROGRESS');
    expect(res.json().message).toContain(first.code);
  });
});

describe('duplicate candidates at intake', () => {
  // Each way of matching on its own: by phone, by ID number, by place and category; and nothing else.
  it('finds the same person by phone or by ID number, the same place and category, and nothing unrelated', async () => {
    const v1 = await orgByDivision(t, '620602001003');
    const v2 = await orgByDivision(t, '620602002001');
    const clerk = await t.login('clerk');
    const register = async (villageId: string, categoryCode: string, party: Record<string, string>) => {
      const res = await clerk.request({
        method: 'POST',
        url: '/api/matters',
        payload: {
          ...disputeBody(villageId),
          categoryCode,
          parties: [
            { role: 'applicant', name: '孔某', ...party },
            { role: 'respondent', name: '曹某' },
          ],
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const out = res.json() as { matter: { code: string }; duplicates: { code: string }[] };
      return { code: out.matter.code, duplicates: out.duplicates.map((d) => d.code) };
    };
    const id = residentId('62060219750505123');
    const first = await register(v1.id, 'MED-02', { phone: '13700002222', idNumber: id });
    expect((await register(v2.id, 'MED-05', { phone: '13700002222' })).duplicates).toContain(first.code);
    expect((await register(v2.id, 'MED-05', { phone: '13700003333', idNumber: id })).duplicates).toContain(
      first.code,
    );
    expect((await register(v1.id, 'MED-02', { phone: '13700004444' })).duplicates).toContain(first.code);
    expect((await register(v2.id, 'MED-02', { phone: '13700005555' })).duplicates).not.toContain(first.code);
  });

  // The search is a named prepared statement: PostgreSQL plans its first five executions on a connection
  // with the values bound and may then keep one generic plan. Each kind of call, asked again and again
  // on the app's own handle, keeps finding what it found the first time.
  it('answers the same when asked many times in a row, with and without a place or a hash', async () => {
    const v1 = await orgByDivision(t, '620602001004');
    const clerk = await t.login('clerk');
    const res = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: {
        ...disputeBody(v1.id),
        categoryCode: 'MED-03',
        parties: [{ role: 'applicant', name: '严某', phone: '13700006666' }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const first = res.json().matter as { id: string; code: string };
    const db = t.deps.database.db;
    const county = '620602';
    const hash = piiHash(t.deps.config.piiHashKey, 'phone', '13700006666')!;
    const other = piiHash(t.deps.config.piiHashKey, 'phone', '13700007777')!;
    const since = new Date(t.clock.now().getTime() - 86_400_000);
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    for (let round = 0; round < 8; round++) {
      expect(ids(await repo.duplicateCandidates(db, county, [hash], null, 'MED-03', since))).toContain(
        first.id,
      );
      expect(ids(await repo.duplicateCandidates(db, county, [], v1.id, 'MED-03', since))).toContain(first.id);
      expect(ids(await repo.duplicateCandidates(db, county, [other], v1.id, 'MED-01', since))).not.toContain(
        first.id,
      );
      // Another county's search never sees this county's matter.
      expect(ids(await repo.duplicateCandidates(db, '620603', [hash], v1.id, 'MED-03', since))).toEqual([]);
      const hashes = await repo.partyHashesOf(db, county, [first.id]);
      expect(hashes.map((h) => h.phoneHash)).toEqual([hash]);
      expect(await repo.partyHashesOf(db, '620603', [first.id])).toEqual([]);
    }
  });
});

describe('咨询解疑 and 一次性告知', () => {
  it('finds an earlier answer to a similar question by its words', async () => {
    const village = await orgByDivision(t, '620602001001');
    const clerk = await t.login('village-clerk');
    const created = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: {
        ...disputeBody(village.id),
        kind: 'consultation',
        categoryCode: 'MED-15',
        title: '申请低保需要准备哪些材料',
        description: '家里老人生病，想咨询申请最低生活保障的条件和材料。',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json().matter;
    await act(clerk, m.id, {
      action: 'answer',
      reason: '需户口簿、身份证、家庭收入证明，向村委会提出申请。',
    });
    const res = await clerk.request({
      method: 'GET',
      url: `/api/matters/consultations/earlier-answers?q=${encodeURIComponent('低保怎么申请')}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()[0]).toMatchObject({ code: m.code, answer: expect.stringContaining('户口簿') });
  });

  it('records asking for a material that is not on the one-time notice as a violation', async () => {
    const village = await orgByDivision(t, '620602001001');
    const clerk = await t.login('village-clerk');
    const m = (
      await clerk.request({
        method: 'POST',
        url: '/api/matters',
        payload: { ...disputeBody(village.id), serviceCode: 'SVC-03' },
      })
    ).json().matter;
    expect(m.notices.map((n: { kind: string }) => n.kind)).toContain('one_time_notice');
    const off = await clerk.request({
      method: 'POST',
      url: `/api/matters/${m.id}/materials`,
      payload: { material: '结婚证原件' },
    });
    expect(off.json()).toEqual({ onNotice: false, violation: true });
  });
});
