import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('validation errors people read', () => {
  it('names the field and says what is wrong in Chinese, not in the library’s English', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters',
      payload: {
        countyCode: '620602',
        kind: 'dispute',
        channel: 'online',
        categoryCode: 'MED-02',
        title: '邻居院墙滴水',
        description: '邻居家院墙滴水到我家院内，多次商量没有结果。',
        place: { villageId: '丁家园村', address: '3号院' },
        parties: [{ role: 'applicant', name: '钱某某', phone: '13900001234' }],
      },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details[0].path).toEqual(['body', 'place', 'villageId']);
    expect(body.message).toContain('place.villageId');
    expect(body.message).not.toMatch(/Invalid|expected|received/);
    expect(body.details[0].message).toMatch(/[\u4e00-\u9fff]/);
  });
});
