import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the routing rules table', () => {
  it('lets the administrator test a matter, save a new version, and new matters follow it', async () => {
    const admin = await t.login('admin');
    const current = (await admin.request({ method: 'GET', url: '/api/config/routing-rules' })).json();
    expect(current).toMatchObject({ version: 0, isDefault: true });
    const test = await admin.request({
      method: 'POST',
      url: '/api/config/routing-rules/test',
      payload: { kind: 'consultation', categoryCode: 'MED-15' },
    });
    expect(test.json().chosen).toMatchObject({ level: 'village', ruleId: 'consultation-village' });
    expect(test.json().considered.length).toBe(current.rules.length);

    const rules = current.rules.map((r: { id: string; target: object }) =>
      r.id === 'consultation-village'
        ? { ...r, target: { level: 'town' }, reason: '咨询统一由镇（街道）法律顾问答复' }
        : r,
    );
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/config/routing-rules',
      payload: { rules, baseVersion: 0 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, isDefault: false });
    const stale = await admin.request({
      method: 'PUT',
      url: '/api/config/routing-rules',
      payload: { rules, baseVersion: 0 },
    });
    expect(stale.statusCode).toBe(409);

    // A resident's online consultation now goes to the town, and says why.
    const village = await orgByDivision(t, '620602001001');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters',
      payload: {
        countyCode: '620602',
        kind: 'consultation',
        channel: 'online',
        categoryCode: 'MED-15',
        title: '咨询赡养费标准',
        description: '父母年迈，子女之间赡养费如何分担？',
        place: { villageId: village.id },
        parties: [{ role: 'applicant', name: '林某', phone: '13000008888' }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().tracking.holder).toBe('东大街街道综治中心');
  });

  it('refuses a table without a catch-all rule, in Chinese', async () => {
    const admin = await t.login('admin');
    const current = (await admin.request({ method: 'GET', url: '/api/config/routing-rules' })).json();
    const rules = current.rules.filter((r: { id: string }) => r.id !== 'catch-all');
    const res = await admin.request({
      method: 'PUT',
      url: '/api/config/routing-rules',
      payload: { rules, baseVersion: current.version },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/缺少兜底规则/);
  });
});
