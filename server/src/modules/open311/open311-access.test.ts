/**
 * Open311 conformance, part 3: keys (per-key rate limits, revocation), several jurisdictions, and the
 * session and CSRF rules that must not reach these routes nor weaken for /api.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOtherCounty } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { events } from '../../db/schema';
import { expectOpen311Error, FORM, form, issueKey, pointInVillage } from './open311-test-helpers';

let t: TestApp;
let key: string;
let otherKey: string;
let point: Awaited<ReturnType<typeof pointInVillage>>;

const get = (url: string) => t.app.inject({ method: 'GET', url });
const post = (url: string, fields: Record<string, string | string[] | undefined>) =>
  t.app.inject({ method: 'POST', url, headers: FORM, payload: form(fields) });

beforeAll(async () => {
  t = await createTestApp();
  key = (await issueKey(t)).apiKey;
  otherKey = (await issueKey(t, { name: '随手拍' })).apiKey;
  point = await pointInVillage(t, '620602001001');
});
afterAll(async () => t?.close());

describe('keys, jurisdictions and sessions', () => {
  it('limits each key per minute, separately', async () => {
    const slow = (await issueKey(t, { name: '限速客户端', rateLimitPerMinute: 2 })).apiKey;
    const url = `/open311/v2/servicerequestupdates.json?api_key=${slow}`;
    expect((await get(url)).statusCode).toBe(200);
    expect((await get(url)).statusCode).toBe(200);
    expectOpen311Error(await get(url), 429, 'rate_limited');
    expect((await get(`/open311/v2/servicerequestupdates.json?api_key=${otherKey}`)).statusCode).toBe(200);
    t.clock.advanceMinutes(1);
    expect((await get(url)).statusCode).toBe(200);
  });

  it('refuses a revoked key', async () => {
    const issued = await issueKey(t, { name: '将吊销' });
    const sys = await t.login('sysadmin');
    const rev = await sys.request({ method: 'POST', url: `/api/open311/clients/${issued.client.id}/revoke` });
    expect(rev.statusCode).toBe(200);
    expectOpen311Error(
      await get(`/open311/v2/servicerequestupdates.json?api_key=${issued.apiKey}`),
      403,
      'invalid_api_key',
    );
  });

  it('with several counties, jurisdiction_id is required and keys answer only for their own county', async () => {
    await buildOtherCounty(t);
    expectOpen311Error(await get('/open311/v2/services.json'), 400, 'missing_field');
    expect((await get('/open311/v2/services.json?jurisdiction_id=629901')).statusCode).toBe(200);
    expectOpen311Error(
      await get(`/open311/v2/servicerequestupdates.json?jurisdiction_id=629901&api_key=${key}`),
      403,
      'invalid_api_key',
    );
    const list = (await get('/open311/v2/requests.json?jurisdiction_id=629901')).json();
    expect(list).toEqual([]);
    // A point of the other county filed into Liangzhou is outside Liangzhou.
    const outside = await post('/open311/v2/requests.json', {
      api_key: key,
      jurisdiction_id: '620602',
      service_code: 'SVC-03',
      'attribute[category]': 'MED-02',
      lat: '30.05',
      long: '110.05',
      phone: '13912345678',
      description: '邻居家排水沟堵塞，雨水倒灌进院子。',
    });
    expectOpen311Error(outside, 400, 'outside_county');
  });

  it('ignores a session cookie on Open311 writes, while /api still demands the CSRF token', async () => {
    const clerk = await t.login('village-clerk');
    const withCookie = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json?jurisdiction_id=620602',
      headers: { ...FORM, cookie: clerk.cookie, origin: 'https://app.example.org' },
      payload: form({
        api_key: key,
        jurisdiction_id: '620602',
        service_code: 'SVC-03',
        'attribute[category]': 'MED-02',
        lat: String(point.lat),
        long: String(point.lng),
        phone: '13912345678',
        description: '邻居家排水沟堵塞，雨水倒灌进院子。',
      }),
    });
    expect(withCookie.statusCode, withCookie.body).toBe(200);
    const code = withCookie.json()[0].service_request_id as string;
    const [ev] = await t.database.db.select().from(events).where(eq(events.action, 'matter.registered'));
    expect(ev).toBeDefined();
    const registered = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.action, 'open311.request_filed')));
    const mine = registered.find((e) => (e.after as { code: string }).code === code)!;
    expect(mine.actorId, 'the session user did not act').toBeNull();

    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/open311/clients',
      headers: { cookie: (await t.login('sysadmin')).cookie },
      payload: { name: '无令牌' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ code: 'CSRF_FAILED' });
    const foreign = await (await t.login('sysadmin')).request({
      method: 'POST',
      url: '/api/open311/clients',
      headers: { origin: 'https://evil.example.org' },
      payload: { name: '跨站' },
    });
    expect(foreign.statusCode).toBe(403);
  });
});

describe('logs', () => {
  it('never keep an api_key from a query string', async () => {
    const { redactUrl } = await import('../../plugins/log-redaction');
    expect(redactUrl(`/open311/v2/requests.json?jurisdiction_id=620602&api_key=${key}&status=open`)).toBe(
      '/open311/v2/requests.json?jurisdiction_id=[redacted]&api_key=[redacted]&status=[redacted]',
    );
    expect(redactUrl(`/open311/v2/servicerequestupdates.json?API_KEY=${key}`)).not.toContain(key);
  });
});
