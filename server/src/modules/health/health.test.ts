/**
 * Readiness (/readyz) tells a load balancer whether this instance should take traffic: the database
 * answers, every migration of this build is applied, and the event sealer keeps up with the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { sealAll } from '../events/events.service';
import { SEALER_LAG_LIMIT_SECONDS } from './health.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const readyz = async () => {
  const res = await t.app.inject({ method: 'GET', url: '/readyz' });
  expect(res.headers['content-type']).toContain('application/json');
  expect(res.headers['cache-control']).toBe('no-store');
  return { status: res.statusCode, body: res.json() };
};

describe('/readyz', () => {
  it('is ready when the database answers, all migrations are applied and every event is sealed', async () => {
    await sealAll(t.database, t.clock);
    const { status, body } = await readyz();
    expect(status).toBe(200);
    expect(body.ready).toBe(true);
    expect(body.checks).toEqual({ database: true, migrations: true, sealer: true });
    expect(body.migrations.applied).toBe(body.migrations.shipped);
    expect(body.migrations.shipped).toBeGreaterThan(20);
    expect(body.sealer).toEqual({ unsealed: 0, lagSeconds: 0 });
  });

  it('is not ready while events wait longer than the limit to be sealed, and ready again once sealed', async () => {
    // A login writes an event; this test app runs no sealer, so it waits until sealed by hand.
    await t.login('clerk');
    t.clock.advanceMinutes(Math.ceil(SEALER_LAG_LIMIT_SECONDS / 60) + 1);
    const late = await readyz();
    expect(late.status).toBe(503);
    expect(late.body.ready).toBe(false);
    expect(late.body.checks).toEqual({ database: true, migrations: true, sealer: false });
    expect(late.body.sealer.unsealed).toBeGreaterThan(0);
    expect(late.body.sealer.lagSeconds).toBeGreaterThan(SEALER_LAG_LIMIT_SECONDS);

    await sealAll(t.database, t.clock);
    const after = await readyz();
    expect(after.status).toBe(200);
    expect(after.body.sealer.unsealed).toBe(0);
  });
});
