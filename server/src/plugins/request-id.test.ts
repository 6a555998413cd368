/** X-Request-Id: the caller's id is honoured when it is a sane one, echoed, and on every log line. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
const lines: string[] = [];

beforeAll(async () => {
  t = await createTestApp({}, { log: { write: (line) => void lines.push(line) } });
});
afterAll(() => t?.close());

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('X-Request-Id', () => {
  it("takes the caller's id, echoes it, returns it in the error body and logs the request under it", async () => {
    const id = 'proxy-7f3a:2026/12/06#1';
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/no-such-thing',
      headers: { 'x-request-id': id },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-request-id']).toBe(id);
    expect(res.json().requestId).toBe(id);
    const logged = lines.map((l) => JSON.parse(l)).filter((l) => l.reqId === id);
    expect(logged.length).toBeGreaterThan(0);
  });

  it('replaces an id that is too long, empty or not printable with a fresh one', async () => {
    for (const bad of ['x'.repeat(129), '', 'two words', 'line\tbreak', '编号-1']) {
      const res = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id'], JSON.stringify(bad)).toMatch(uuid);
    }
    const longest = 'y'.repeat(128);
    const res = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': longest } });
    expect(res.headers['x-request-id']).toBe(longest);
  });

  it('gives a request without one a fresh UUID', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-request-id']).toMatch(uuid);
  });
});
