/**
 * /metrics in Prometheus' text format: requests by route template, job runs, matters by state, the
 * sealer's backlog and the process (event loop); only for the scraper it is meant for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../../test/factories';
import { disputeBody, register } from '../../../test/matter-steps';
import { createTestApp, type TestApp } from '../../../test/test-app';

describe('/metrics without a token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers a scraper on this machine in the text format, with routes, matters, sealer and process', async () => {
    await t.app.inject({ method: 'GET', url: '/api/counties' });
    const village = await orgByDivision(t, '620602001001');
    await register(await t.login('village-clerk'), disputeBody(village.id));
    const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
    const text = res.body;
    expect(text).toMatch(
      /zongzhi_http_request_duration_seconds_count\{method="GET",route="\/api\/counties",status="2xx"\} [1-9]/,
    );
    expect(text).toMatch(/zongzhi_matters\{county="620602",state="registered"\} 1$/m);
    expect(text).toMatch(/^zongzhi_database_up 1$/m);
    expect(text).toMatch(/^zongzhi_events_unsealed \d+$/m);
    expect(text).toMatch(/zongzhi_outbox_pending\{outbox="court"\} \d+/);
    expect(text).toContain('zongzhi_nodejs_eventloop_lag_seconds');
    // No label per matter or per raw path: a request for a path with an id is counted by its template.
    expect(text).not.toMatch(/route="\/api\/matters\/[0-9a-f-]{36}"/);
  });

  it('is a page that does not exist for anyone else', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.20.30.40' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  const token = 'prometheus-scrape-token-0123456789';
  beforeAll(async () => {
    t = await createTestApp({ metricsToken: token });
  });
  afterAll(() => t.close());

  it('answers only the bearer of the token, wherever it scrapes from', async () => {
    const remote = { remoteAddress: '10.20.30.40' };
    const ok = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
      ...remote,
    });
    expect(ok.statusCode).toBe(200);
    for (const authorization of [undefined, `Bearer ${token}x`, 'Bearer wrong']) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization ? { authorization } : {},
        ...remote,
      });
      expect(res.statusCode, String(authorization)).toBe(404);
    }
    // With a token set, loopback alone is not enough either.
    expect(
      (await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode,
    ).toBe(404);
  });
});
