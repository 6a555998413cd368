/**
 * Public reads (no account): a per-address limit on each, answered in the one error body, and
 * ETag + Cache-Control with a 304 for a conditional GET, so the county outline is not sent again
 * and again to the same client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';

const LIMIT = 3;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ publicRatePerMinute: LIMIT });
});
afterAll(() => t.close());

const get = (url: string, remoteAddress: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, remoteAddress, headers });

describe('the per-address limit', () => {
  it.each([
    '/api/geo/boundary?county=620602',
    '/api/counties',
    '/api/public/catalog?countyCode=620602',
    `/api/public/towns/${encodeURIComponent('四坝')}`,
    '/healthz',
    '/api/openapi.json',
  ])(
    'answers the N+1-th request in a minute from one address with 429 and a Chinese message: %s',
    async (url) => {
      for (let i = 0; i < LIMIT; i++) expect((await get(url, '10.1.0.1')).statusCode).toBe(200);
      const over = await get(url, '10.1.0.1');
      expect(over.statusCode).toBe(429);
      expect(over.json()).toEqual({
        code: 'RATE_LIMITED',
        message: '操作过于频繁，请稍后再试。',
        requestId: expect.any(String),
      });
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(over.headers['cache-control']).toBe('no-store');
      // Another address is not held back. (Each public read counts on its own: every case here
      // starts again from the same address.)
      expect((await get(url, '10.1.0.2')).statusCode).toBe(200);
    },
  );

  it('counts a 304 too: revalidating in a loop is still a loop', async () => {
    const url = '/api/geo/boundary?county=620602';
    const first = await get(url, '10.2.0.1');
    const etag = String(first.headers.etag);
    for (let i = 1; i < LIMIT; i++)
      expect((await get(url, '10.2.0.1', { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await get(url, '10.2.0.1', { 'if-none-match': etag })).statusCode).toBe(429);
  });
});

describe('caching headers', () => {
  it('give the outline an ETag and Cache-Control, and a conditional GET a 304 without a body', async () => {
    const url = '/api/geo/boundary?county=620602';
    const first = await get(url, '10.3.0.1');
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=3600');
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const again = await get(url, '10.3.0.1', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe('public, max-age=3600');
    // A weak or listed validator matches too; another one gets the whole answer.
    const listed = await get(url, '10.3.0.1', {
      'if-none-match': `"other", W/${String(first.headers.etag)}`,
    });
    expect(listed.statusCode).toBe(304);
  });

  it('send the whole answer when the validator is stale, and never cache an error or the health check', async () => {
    const stale = await get('/api/counties', '10.4.0.1', { 'if-none-match': '"stale"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()[0]).toMatchObject({ code: '620602' });
    expect(stale.headers['cache-control']).toBe('public, max-age=300');

    const missing = await get('/api/geo/boundary?county=999999', '10.4.0.1');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    expect(missing.headers.etag).toBeUndefined();

    const health = await get('/healthz', '10.4.0.1');
    expect(health.headers['cache-control']).toBe('no-store');
    expect(health.headers.etag).toBeUndefined();
  });

  it('change the ETag when the catalog changes', async () => {
    const url = '/api/public/catalog?countyCode=620602';
    const before = await get(url, '10.5.0.1');
    expect(before.headers['cache-control']).toBe('public, max-age=60');
    const admin = await t.login('admin');
    const current = (await admin.request({ method: 'GET', url: '/api/config/catalog' })).json();
    const categories = current.categories.map((c: { code: string; name: string }, i: number) =>
      i === 0 ? { ...c, name: `${c.name}（改）` } : c,
    );
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/config/catalog',
      payload: { baseVersion: current.version, categories, services: current.services },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await get(url, '10.5.0.2', { 'if-none-match': String(before.headers.etag) });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });
});
