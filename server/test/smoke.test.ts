import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the demo county', () => {
  it('answers with 50 towns, 550 villages and about 1,400 grids', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/counties' });
    expect(res.statusCode).toBe(200);
    const [c] = res.json();
    expect(c).toMatchObject({ code: '620602', name: '凉州区', townCount: 50, villageCount: 550 });
    expect(c.gridCount).toBeGreaterThanOrEqual(1300);
    expect(c.gridCount).toBeLessThanOrEqual(1500);
  });

  it('serves health and the OpenAPI document', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toMatchObject({ status: 'ok' });
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/geo/locate');
  });
});
