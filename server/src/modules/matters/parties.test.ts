import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
let clerk: Session;
let matterId: string;

beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.login('village-clerk');
  const village = await orgByDivision(t, '620602001001');
  const res = await clerk.request({
    method: 'POST',
    url: '/api/matters',
    payload: {
      kind: 'dispute',
      channel: 'walk_in',
      categoryCode: 'MED-02',
      title: '邻居院墙滴水',
      description: '邻居家院墙滴水到我家院内，多次商量没有结果。',
      place: { villageId: village.id },
      parties: [{ role: 'applicant', name: '钱某某', phone: '13100005555' }],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  matterId = res.json().matter.id;
});
afterAll(() => t.close());

describe('parties after intake', () => {
  it('adds the other party, shown masked, with the change in the record, masked too', async () => {
    const res = await clerk.request({
      method: 'POST',
      url: `/api/matters/${matterId}/parties`,
      payload: {
        role: 'respondent',
        name: '王小明',
        phone: '13812345678',
        idNumber: '620602199001011230',
        address: '东大街南苑社区3号院',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const respondent = res.json().parties.find((p: { role: string }) => p.role === 'respondent');
    expect(respondent).toMatchObject({
      name: '王**',
      phone: '138****5678',
      idNumber: '620602********1230',
      address: '（已隐去）',
      masked: true,
    });
    expect(res.body).not.toContain('王小明');
    const timeline = res.json().timeline as { action: string; label: string }[];
    expect(timeline.map((e) => e.label)).toContain('添加当事人');
    const audit = await t.deps.database.db.query.events.findMany({
      where: (e, { and, eq }) =>
        and(eq(e.countyCode, '620602'), eq(e.objectId, matterId), eq(e.action, 'matter.party_added')),
    });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).not.toMatch(/王小明|13812345678|620602199001011230/);
  });

  it('keeps the phone and ID as keyed hashes, so the duplicate search finds the other party', async () => {
    const rows = await t.deps.database.db.query.matterParties.findMany({
      where: (p, { and, eq }) => and(eq(p.countyCode, '620602'), eq(p.matterId, matterId)),
    });
    const r = rows.find((p) => p.role === 'respondent')!;
    expect(r.phoneHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.idHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.idHash).not.toBe(r.phoneHash);
  });

  it('corrects a party: only the fields sent change; a wrong ID check digit is refused in Chinese', async () => {
    const detail = (await clerk.request({ method: 'GET', url: `/api/matters/${matterId}` })).json();
    const respondent = detail.parties.find((p: { role: string }) => p.role === 'respondent');
    const bad = await clerk.request({
      method: 'PATCH',
      url: `/api/matters/${matterId}/parties/${respondent.id}`,
      payload: { idNumber: '620602199001011234' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/校验位不正确/);
    const ok = await clerk.request({
      method: 'PATCH',
      url: `/api/matters/${matterId}/parties/${respondent.id}`,
      payload: { name: '李小明', address: null },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = ok.json().parties.find((p: { id: string }) => p.id === respondent.id);
    expect(after).toMatchObject({ name: '李**', phone: '138****5678', address: null });
    expect(ok.json().timeline.map((e: { label: string }) => e.label)).toContain('更正当事人信息');
  });

  it('refuses to leave a matter without an applicant', async () => {
    const detail = (await clerk.request({ method: 'GET', url: `/api/matters/${matterId}` })).json();
    const applicant = detail.parties.find((p: { role: string }) => p.role === 'applicant');
    const res = await clerk.request({
      method: 'PATCH',
      url: `/api/matters/${matterId}/parties/${applicant.id}`,
      payload: { role: 'other' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/至少要有一位反映人/);
  });

  it('is for the owning org: the district sees the matter but may not change its parties', async () => {
    const district = await t.login('clerk');
    const res = await district.request({
      method: 'POST',
      url: `/api/matters/${matterId}/parties`,
      payload: { role: 'other', name: '赵某' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('an oral agreement with one party is refused in Chinese, not in zod’s English', async () => {
    const detail = (await clerk.request({ method: 'GET', url: `/api/matters/${matterId}` })).json();
    const res = await clerk.request({
      method: 'PUT',
      url: `/api/matters/${matterId}/agreements`,
      payload: { form: 'oral', parties: [{ partyId: detail.parties[0].id }], oralRecord: '双方同意' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('调解协议须列明至少两方当事人');
    expect(res.body).not.toMatch(/Too small|expected/);
  });
});
