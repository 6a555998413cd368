import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('user administration', () => {
  it('lets the system administrator create an account that must change its password', async () => {
    const sys = await t.login('sysadmin');
    const village = await orgByDivision(t, '620602001001');
    const res = await sys.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'nanyuan-clerk2',
        displayName: '南苑社区受理员乙',
        phone: '13812345678',
        orgId: village.id,
        roles: ['clerk'],
        password: 'first-password-1',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'nanyuan-clerk2', phone: '138****5678', roles: ['clerk'] });
    const s = await t.login('nanyuan-clerk2', 'first-password-1');
    const me = await s.request({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().user.mustChangePassword).toBe(true);
  });

  it('keeps the raw phone number out of the event log', async () => {
    const rows = (await t.database.db.execute(
      sql`select after::text as a from events where action = 'user.created'`,
    )) as unknown as {
      rows: { a: string }[];
    };
    expect(rows.rows.some((r) => r.a.includes('138****5678'))).toBe(true);
    expect(rows.rows.some((r) => r.a.includes('13812345678'))).toBe(false);
  });

  it('refuses a duplicate username with a clear message', async () => {
    const sys = await t.login('sysadmin');
    const res = await sys.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'admin',
        displayName: '重复',
        orgId: (await orgByDivision(t, '620602')).id,
        roles: ['clerk'],
        password: 'some-password-1',
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ALREADY_EXISTS', message: '用户名 admin 已被使用。' });
  });

  it('reserves the separated administrator roles to the security administrator', async () => {
    const sys = await t.login('sysadmin');
    const res = await sys.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'sneaky',
        displayName: '某人',
        orgId: (await orgByDivision(t, '620602')).id,
        roles: ['audit_admin'],
        password: 'some-password-1',
      },
    });
    expect(res.statusCode).toBe(403);
  });

  it('never lets one person hold two of system, security and audit administrator', async () => {
    const sec = await t.login('secadmin');
    const u = await buildUser(t, await orgByDivision(t, '620602'), ['sys_admin']);
    const res = await sec.request({
      method: 'PUT',
      url: `/api/users/${u.id}/roles`,
      payload: { roles: ['sys_admin', 'audit_admin'] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DUTY_SEPARATION');
  });

  it('enforces the separation in the database too', async () => {
    const u = await buildUser(t, await orgByDivision(t, '620602'), ['sec_admin']);
    await expect(
      t.database.db.execute(
        sql`insert into user_roles (user_id, role, county_code, granted_at) values (${u.id}, 'audit_admin', '620602', now())`,
      ),
    ).rejects.toThrow();
  });

  it('lets the security administrator grant roles and unlock, and records both', async () => {
    const sec = await t.login('secadmin');
    const u = await buildUser(t, await orgByDivision(t, '620602002'), ['clerk']);
    const res = await sec.request({
      method: 'PUT',
      url: `/api/users/${u.id}/roles`,
      payload: { roles: ['clerk', 'handler'] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(['clerk', 'handler']);
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: 'bad' },
      });
    }
    const locked = await sec.request({ method: 'GET', url: `/api/users/${u.id}` });
    expect(locked.json().locked).toBe(true);
    expect((await sec.request({ method: 'POST', url: `/api/users/${u.id}/unlock` })).json().locked).toBe(
      false,
    );
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: u.username, password: 'zongzhi-demo' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('keeps a system administrator from resetting the auditor password', async () => {
    const sys = await t.login('sysadmin');
    const list = await sys.request({ method: 'GET', url: '/api/users?q=auditor' });
    const auditor = list.json().items.find((u: { username: string }) => u.username === 'auditor');
    const res = await sys.request({
      method: 'POST',
      url: `/api/users/${auditor.id}/reset-password`,
      payload: { password: 'taken-over-123' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('shows a town leader only the accounts of the town', async () => {
    const leader = await t.login('town01-leader');
    const res = await leader.request({ method: 'GET', url: '/api/users?pageSize=200' });
    expect(res.statusCode).toBe(200);
    const names: string[] = res.json().items.map((u: { username: string }) => u.username);
    expect(names).toContain('town01-clerk');
    expect(names).toContain('town01-gw1');
    expect(names).not.toContain('town02-clerk');
    expect(names).not.toContain('admin');
  });
});
