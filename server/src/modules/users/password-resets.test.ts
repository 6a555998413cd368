import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const loginStatus = async (username: string, password: string) =>
  (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } }))
    .statusCode;

async function actions(userId: string): Promise<string[]> {
  const r = await t.database.db.execute(
    sql`select action from events where object_id = ${userId} order by id`,
  );
  return (r as unknown as { rows: { action: string }[] }).rows.map((x) => x.action);
}

describe('password resets by an administrator', () => {
  it('holds a reset of a leader until the security administrator approves it', async () => {
    const leader = await buildUser(t, await orgByDivision(t, '620602'), ['leader']);
    const own = await t.login(leader.username);
    const sys = await t.login('sysadmin');
    const reset = await sys.request({
      method: 'POST',
      url: `/api/users/${leader.id}/reset-password`,
      payload: { password: 'taken-Over-2026' },
    });
    expect(reset.statusCode).toBe(202);
    expect(reset.json()).toMatchObject({ status: 'pending', user: { id: leader.id } });
    // Nothing has changed yet: the old password works, the new one does not, the session lives on.
    expect(await loginStatus(leader.username, 'taken-Over-2026')).toBe(401);
    expect((await own.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    const twice = await sys.request({
      method: 'POST',
      url: `/api/users/${leader.id}/reset-password`,
      payload: { password: 'taken-Over-2027' },
    });
    expect(twice.statusCode).toBe(409);

    // The system administrator cannot approve it.
    expect((await sys.request({ method: 'GET', url: '/api/users/password-resets' })).statusCode).toBe(403);
    const requestId = reset.json().id;
    expect(
      (await sys.request({ method: 'POST', url: `/api/users/password-resets/${requestId}/approve` }))
        .statusCode,
    ).toBe(403);

    const sec = await t.login('secadmin');
    const pending = await sec.request({ method: 'GET', url: '/api/users/password-resets' });
    expect(pending.json().map((r: { id: string }) => r.id)).toContain(requestId);
    const ok = await sec.request({ method: 'POST', url: `/api/users/password-resets/${requestId}/approve` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().mustChangePassword).toBe(true);
    t.clock.advance(1000);
    expect((await own.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    // The new password lets one in only to replace it.
    const s = await t.login(leader.username, 'taken-Over-2026');
    expect((await s.request({ method: 'GET', url: '/api/users' })).json().code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    expect(
      (await sec.request({ method: 'POST', url: `/api/users/password-resets/${requestId}/approve` }))
        .statusCode,
    ).toBe(409);
    expect(await actions(leader.id)).toEqual(
      expect.arrayContaining(['user.password_reset_requested', 'user.password_reset_approved']),
    );
  });

  it('lets the security administrator reject a reset of a business administrator', async () => {
    const admin = await buildUser(t, await orgByDivision(t, '620602'), ['admin']);
    const sys = await t.login('sysadmin');
    const reset = await sys.request({
      method: 'POST',
      url: `/api/users/${admin.id}/reset-password`,
      payload: { password: 'taken-Over-2026' },
    });
    expect(reset.statusCode).toBe(202);
    const sec = await t.login('secadmin');
    const no = await sec.request({
      method: 'POST',
      url: `/api/users/password-resets/${reset.json().id}/reject`,
    });
    expect(no.statusCode).toBe(200);
    expect(await loginStatus(admin.username, 'taken-Over-2026')).toBe(401);
    expect(await loginStatus(admin.username, 'zongzhi-demo')).toBe(200);
    expect(await actions(admin.id)).toContain('user.password_reset_rejected');
  });

  it('resets a clerk at once, audited, and the clerk must choose a new password', async () => {
    const clerk = await buildUser(t, await orgByDivision(t, '620602001'), ['clerk']);
    const sys = await t.login('sysadmin');
    const reset = await sys.request({
      method: 'POST',
      url: `/api/users/${clerk.id}/reset-password`,
      payload: { password: 'chosen-by-Admin-1' },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().mustChangePassword).toBe(true);
    expect(await actions(clerk.id)).toContain('user.password_reset');
  });

  it('refuses a weak password in a reset', async () => {
    const clerk = await buildUser(t, await orgByDivision(t, '620602001'), ['clerk']);
    const sys = await t.login('sysadmin');
    const reset = await sys.request({
      method: 'POST',
      url: `/api/users/${clerk.id}/reset-password`,
      payload: { password: 'aaaaaaaaaaaa' },
    });
    expect(reset.statusCode).toBe(400);
  });
});
