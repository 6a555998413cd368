import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('login', () => {
  it('lets each demo role log in and tells its roles and permissions', async () => {
    for (const [username, role] of [
      ['admin', 'admin'],
      ['sysadmin', 'sys_admin'],
      ['secadmin', 'sec_admin'],
      ['auditor', 'audit_admin'],
      ['leader', 'leader'],
      ['clerk', 'clerk'],
      ['handler', 'handler'],
      ['liaison', 'dept_liaison'],
      ['mediator', 'mediator'],
      ['town01-gw1', 'grid_worker'],
      ['resident', 'resident'],
    ] as const) {
      const res = await login(username, 'zongzhi-demo');
      expect(res.statusCode, username).toBe(200);
      expect(res.json().user.roles).toEqual([role]);
    }
  });

  it('sets an HttpOnly SameSite cookie and never returns the token in the body', async () => {
    const res = await login('admin', 'zongzhi-demo');
    const c = res.cookies.find((x) => x.name === 'zz_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(res.body).not.toContain(c.value);
  });

  it('answers a wrong password and an unknown user the same way, in Chinese', async () => {
    const a = await login('admin', 'wrong-password');
    const b = await login('nobody-here', 'wrong-password');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误。' });
    expect(b.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('locks an account for 15 minutes after 5 failures, audited, then lets it in again', async () => {
    const org = await orgByDivision(t, '620602001');
    const u = await buildUser(t, org, ['clerk']);
    for (let i = 1; i <= 4; i++)
      expect((await login(u.username, 'bad')).json().code).toBe('INVALID_CREDENTIALS');
    expect((await login(u.username, 'bad')).json().code).toBe('ACCOUNT_LOCKED');
    // Even the right password is refused while locked.
    const locked = await login(u.username, 'zongzhi-demo');
    expect(locked.statusCode).toBe(423);
    t.clock.advanceMinutes(14);
    expect((await login(u.username, 'zongzhi-demo')).statusCode).toBe(423);
    t.clock.advanceMinutes(2);
    expect((await login(u.username, 'zongzhi-demo')).statusCode).toBe(200);
    const auditor = await t.login('auditor');
    const ev = await auditor.request({ method: 'GET', url: `/api/events?objectId=${u.id}&pageSize=50` });
    const actions = ev.json().items.map((e: { action: string; result: string }) => `${e.action}:${e.result}`);
    expect(actions).toContain('auth.lockout:ok');
    expect(actions.filter((a: string) => a === 'auth.login:failed')).toHaveLength(5);
    expect(actions).toContain('auth.login:denied');
  });

  it('locks an unknown name exactly like a real account, so the lockout tells nothing', async () => {
    const u = await buildUser(t, await orgByDivision(t, '620602001'), ['clerk']);
    const ghost = 'no-such-person';
    const strip = (r: Awaited<ReturnType<typeof login>>) => {
      const { requestId: _, details, ...rest } = r.json();
      return { status: r.statusCode, ...rest, hasUntil: typeof details?.lockedUntil === 'string' };
    };
    for (let i = 1; i <= 6; i++) {
      const real = await login(u.username, 'bad');
      const unknown = await login(ghost, 'bad');
      expect(strip(unknown), `attempt ${i}`).toEqual(strip(real));
      if (i >= 5) expect(real.statusCode).toBe(423);
    }
    // The same lock time, and both free again after it.
    const a = (await login(u.username, 'bad')).json().details.lockedUntil;
    const b = (await login(ghost, 'bad')).json().details.lockedUntil;
    expect(a).toBe(b);
    t.clock.advanceMinutes(16);
    expect((await login(ghost, 'bad')).json().code).toBe('INVALID_CREDENTIALS');
    expect((await login(u.username, 'bad')).json().code).toBe('INVALID_CREDENTIALS');
  });

  it('takes about as long for an unknown name as for a wrong password', async () => {
    const u = await buildUser(t, await orgByDivision(t, '620602001'), ['clerk']);
    const time = async (name: string) => {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await login(name, 'bad');
        runs.push(performance.now() - t0);
      }
      return runs.sort((x, y) => x - y)[1]!;
    };
    await login('warm-up-name', 'bad');
    const real = await time(u.username);
    const unknown = await time('nobody-at-all');
    // Both pay one argon2 verification; without it the unknown name would answer several times faster.
    expect(unknown).toBeGreaterThan(real / 3);
    expect(unknown).toBeLessThan(real * 3);
  });

  it('refuses a disabled account even with the right password', async () => {
    const u = await buildUser(t, await orgByDivision(t, '620602'), ['clerk'], { disabled: true });
    expect((await login(u.username, 'zongzhi-demo')).json().code).toBe('ACCOUNT_DISABLED');
  });
});

describe('sessions', () => {
  it('ends a session idle for more than 30 minutes and refuses to replay its token', async () => {
    const s = await t.login('clerk');
    t.clock.advanceMinutes(29);
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    const expired = await s.request({ method: 'GET', url: '/api/auth/me' });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('SESSION_EXPIRED');
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('ends a session after 12 hours however active it is', async () => {
    const s = await t.login('clerk');
    for (let i = 0; i < 35; i++) {
      t.clock.advanceMinutes(20);
      expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    }
    t.clock.advanceMinutes(20);
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('refuses the token after logout', async () => {
    const s = await t.login('clerk');
    expect((await s.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('ends every session of an account on the request after it is disabled', async () => {
    const org = await orgByDivision(t, '620602');
    const u = await buildUser(t, org, ['clerk']);
    const s = await t.login(u.username);
    const sys = await t.login('sysadmin');
    expect(
      (await sys.request({ method: 'PATCH', url: `/api/users/${u.id}`, payload: { disabled: true } }))
        .statusCode,
    ).toBe(200);
    // Named as disabled (a grid worker's phone wipes its data on it), on this request and the next.
    for (let i = 0; i < 2; i++) {
      const me = await s.request({ method: 'GET', url: '/api/auth/me' });
      expect(me.statusCode).toBe(403);
      expect(me.json().code).toBe('ACCOUNT_DISABLED');
    }
    const field = await s.request({ method: 'GET', url: '/api/field/home' });
    expect(field.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('ends old sessions when the password changes', async () => {
    const u = await buildUser(t, await orgByDivision(t, '620602'), ['clerk']);
    const a = await t.login(u.username);
    const b = await t.login(u.username);
    const res = await a.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: 'zongzhi-demo', newPassword: 'a-much-better-password' },
    });
    expect(res.statusCode).toBe(204);
    t.clock.advance(1000);
    expect((await b.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await login(u.username, 'a-much-better-password')).statusCode).toBe(200);
  });
});

describe('a password chosen by an administrator', () => {
  it('leaves the session able only to change the password or log out until the owner does', async () => {
    const sys = await t.login('sysadmin');
    const u = await buildUser(t, await orgByDivision(t, '620602001'), ['clerk']);
    const reset = await sys.request({
      method: 'POST',
      url: `/api/users/${u.id}/reset-password`,
      payload: { password: 'chosen-by-Admin-1' },
    });
    expect(reset.statusCode).toBe(200);
    const s = await t.login(u.username, 'chosen-by-Admin-1');
    const me = await s.request({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().user).toMatchObject({ mustChangePassword: true, restriction: 'password_change' });
    for (const req of [
      { method: 'GET', url: '/api/matters' },
      { method: 'GET', url: '/api/orgs' },
      { method: 'POST', url: '/api/matters', payload: {} },
    ] as const) {
      const res = await s.request(req);
      expect(res.statusCode, req.url).toBe(403);
      expect(res.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    const weak = await s.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: 'chosen-by-Admin-1', newPassword: 'aaaaaaaaaaaa' },
    });
    expect(weak.statusCode).toBe(400);
    const changed = await s.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: 'chosen-by-Admin-1', newPassword: 'my-own-Secret-9' },
    });
    expect(changed.statusCode).toBe(204);
    t.clock.advance(1000);
    const own = await t.login(u.username, 'my-own-Secret-9');
    expect((await own.request({ method: 'GET', url: '/api/matters' })).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the session CSRF token', async () => {
    const s = await t.login('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('refuses a cross-origin write even with the token', async () => {
    const s = await t.login('admin');
    const res = await s.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: 'http://evil.example' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('errors', () => {
  it('answers invalid input with 400, field paths and a Chinese message', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toMatch(/提交的内容不符合要求/);
    expect(body.details.map((d: { path: string[] }) => d.path.join('.'))).toEqual(
      expect.arrayContaining(['body.username', 'body.password']),
    );
  });

  it('answers malformed JSON with a 400 that leaks nothing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at |node_modules|SyntaxError/);
  });
});
