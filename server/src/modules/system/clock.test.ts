import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { isAdjustable, SimulatedClock, systemClock } from '../../context';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('moving a simulated clock forward', () => {
  it('lets the system administrator move it forward, never back, and records it', async () => {
    const sys = await t.login('sysadmin');
    const before = t.clock.now();
    const to = new Date(before.getTime() + 8 * 86_400_000);
    const res = await sys.request({
      method: 'POST',
      url: '/api/system/clock',
      payload: { to: to.toISOString() },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().time).toBe(to.toISOString());
    expect(t.clock.now().toISOString()).toBe(to.toISOString());
    const again = await t.login('sysadmin');
    const back = await again.request({
      method: 'POST',
      url: '/api/system/clock',
      payload: { to: before.toISOString() },
    });
    expect(back.statusCode).toBe(422);
    expect(back.json()).toMatchObject({
      message: '模拟时钟只能向后拨。',
      details: { reason: 'CLOCK_BACKWARDS' },
    });
    const audit = await t.login('auditor');
    const events = (
      await audit.request({ method: 'GET', url: '/api/events?action=system.clock_advanced' })
    ).json();
    expect(JSON.stringify(events)).toContain('system.clock_advanced');
  });

  it('refuses anyone else', async () => {
    const admin = await t.login('admin');
    const res = await admin.request({
      method: 'POST',
      url: '/api/system/clock',
      payload: { to: new Date(t.clock.now().getTime() + 60_000).toISOString() },
    });
    expect(res.statusCode).toBe(403);
  });

  it('never moves the real clock; a simulated one runs on from where it was set', () => {
    expect(isAdjustable(systemClock)).toBe(false);
    const c = new SimulatedClock(new Date('2026-12-29T01:00:00Z'));
    expect(c.advanceTo(new Date('2027-01-06T01:00:00Z'))).toBe(true);
    expect(c.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2027-01-06T01:00:00Z'));
    expect(c.advanceTo(new Date('2026-12-30T01:00:00Z'))).toBe(false);
  });
});
