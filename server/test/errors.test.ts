import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { createTestApp, type TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('unknown failures', () => {
  it('answer 500 with a request id and nothing of the stack, the SQL or the library', async () => {
    const app = await buildApp(t.deps);
    app.get('/api/test-boom', async () => {
      throw new Error('relation "secret_table" does not exist at /work/main/server/src/x.ts:1');
    });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/test-boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body).toEqual({
      code: 'INTERNAL',
      message: expect.stringMatching(/系统内部错误/),
      requestId: res.headers['x-request-id'],
    });
    expect(res.body).not.toMatch(/secret_table|\/work\/|\.ts:|Error/);
    await app.close();
  });

  it('answer an unknown API path with the same 404 shape as a forbidden object', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: '未找到该记录，或您无权查看。' });
  });

  it('answer a path that is no valid URL, or an over-long parameter, in the one error body', async () => {
    for (const url of ['/api/orgs/%', `/api/orgs/${'a'.repeat(300)}`]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.json()).toEqual({
        code: 'BAD_REQUEST',
        message: '请求有误。',
        requestId: expect.any(String),
      });
      expect(res.body).not.toMatch(/FST_|aaaa/);
    }
    const open311 = await t.app.inject({ method: 'GET', url: '/open311/v2/tokens/%zz.json' });
    expect(open311.json()).toEqual([
      { code: 400, description: expect.any(String), error_code: 'bad_request' },
    ]);
  });

  it('set the security headers on every response', async () => {
    // Not a public read such as /api/counties, which may be kept (public-reads.test.ts).
    const res = await t.app.inject({ method: 'GET', url: '/api/geo/locate?lng=102.6&lat=37.9' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
