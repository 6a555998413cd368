import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, orgByDivision } from '../../../test/factories';
import { disputeBody, register } from '../../../test/matter-steps';
import { createTestApp, DEMO_PASSWORD, type Session, type TestApp } from '../../../test/test-app';
import { piiCipher } from '../../pii/pii-cipher';
import { summary } from '../users/users.service';
import { codeAt } from './totp';
import { resealUserSecrets } from './user-reseal.service';

let t: TestApp;
beforeAll(async () => {
  // The production policy: the roles of twoFactorRoles must enrol before they can work.
  t = await createTestApp({ twoFactor: { policy: 'required', stepUpMinutes: 5 } });
});
afterAll(() => t.close());

const STEP = 30_000;

function loginRaw(username: string, otp?: string, password = DEMO_PASSWORD) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password, ...(otp !== undefined ? { otp } : {}) },
  });
}

function sessionOf(res: LightMyRequestResponse): Session {
  expect(res.statusCode, res.body).toBe(200);
  const set = res.cookies.find((c) => c.name === t.deps.config.session.cookieName)!;
  const cookie = `${set.name}=${set.value}`;
  const body = res.json() as { csrfToken: string; user: { id: string } };
  return {
    cookie,
    csrf: body.csrfToken,
    userId: body.user.id,
    request: (opts) =>
      t.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie, 'x-csrf-token': body.csrfToken } }),
  };
}

/** Enrols the session's owner; returns the secret and the recovery codes. */
async function enrol(s: Session): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await s.request({ method: 'POST', url: '/api/auth/totp/enrol' });
  expect(start.statusCode, start.body).toBe(200);
  const { secret, otpauthUri, qrSvg } = start.json();
  expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/.+secret=/);
  expect(qrSvg).toContain('<svg');
  const done = await s.request({
    method: 'POST',
    url: '/api/auth/totp/confirm',
    payload: { code: codeAt(secret, t.clock.now()) },
  });
  expect(done.statusCode, done.body).toBe(200);
  return { secret, recoveryCodes: done.json().recoveryCodes };
}

describe('enrolment', () => {
  it('keeps a leader without an authenticator to enrolment, then lets the enrolled leader work', async () => {
    const u = await buildUser(t, await orgByDivision(t, '620602'), ['leader']);
    const s = sessionOf(await loginRaw(u.username));
    const me = await s.request({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().user).toMatchObject({
      restriction: 'totp_enrolment',
      twoFactor: { enrolled: false, required: true },
    });
    const blocked = await s.request({ method: 'GET', url: '/api/users' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('TOTP_ENROLMENT_REQUIRED');

    const wrong = await s.request({ method: 'POST', url: '/api/auth/totp/enrol' });
    const bad = await s.request({
      method: 'POST',
      url: '/api/auth/totp/confirm',
      payload: { code: codeAt(wrong.json().secret, new Date(t.clock.now().getTime() + 10 * STEP)) },
    });
    expect(bad.json().code).toBe('OTP_INVALID');

    const { recoveryCodes } = await enrol(s);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await s.request({ method: 'GET', url: '/api/users' })).statusCode).toBe(200);
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).json().user.restriction).toBeNull();
    // Stored only as hashes, and the enrolment is audited.
    const stored = await t.database.db.execute(
      sql`select code_hash from recovery_codes where user_id = ${u.id}`,
    );
    const hashes = (stored as unknown as { rows: { code_hash: string }[] }).rows.map((r) => r.code_hash);
    expect(hashes).toHaveLength(10);
    for (const c of recoveryCodes) expect(hashes.join()).not.toContain(c.replace(/-/g, ''));
    const ev = await t.database.db.execute(
      sql`select count(*)::int as n from events where action = 'auth.totp_enrolled' and object_id = ${u.id}`,
    );
    expect((ev as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });

  it('moves an authenticator to another phone only after a fresh code from the old one', async () => {
    const u = await buildUser(t, await orgByDivision(t, '620602'), ['leader']);
    const s = sessionOf(await loginRaw(u.username));
    const { secret } = await enrol(s);
    t.clock.advanceMinutes(6);
    const refused = await s.request({ method: 'POST', url: '/api/auth/totp/enrol' });
    expect(refused.json().code).toBe('STEP_UP_REQUIRED');
    await s.request({
      method: 'POST',
      url: '/api/auth/step-up',
      payload: { code: codeAt(secret, t.clock.now()) },
    });
    t.clock.advance(STEP);
    const { secret: next } = await enrol(s);
    expect(next).not.toBe(secret);
    t.clock.advance(STEP);
    // The old phone's codes no longer open the account.
    expect((await loginRaw(u.username, codeAt(secret, t.clock.now()))).json().code).toBe('OTP_INVALID');
    sessionOf(await loginRaw(u.username, codeAt(next, t.clock.now())));
  });

  it('stores the secret sealed, and seals at start-up a secret or phone stored in clear before', async () => {
    const u = await buildUser(t, await orgByDivision(t, '620602'), ['leader']);
    const s = sessionOf(await loginRaw(u.username));
    const pending = await s.request({ method: 'POST', url: '/api/auth/totp/enrol' });
    const stored = async () =>
      (
        (await t.database.db.execute(
          sql`select totp_secret, totp_pending_secret from users where id = ${u.id}`,
        )) as unknown as { rows: { totp_secret: string | null; totp_pending_secret: string | null }[] }
      ).rows[0]!;
    // Offered but not confirmed yet: sealed already, whoever copies the database cannot make codes.
    expect((await stored()).totp_pending_secret).toMatch(/^enc1:demo:/);
    expect((await stored()).totp_pending_secret).not.toContain(pending.json().secret);
    const { secret } = await enrol(s);
    const row = await stored();
    expect(row.totp_secret).toMatch(/^enc1:demo:/);
    expect(row.totp_secret).not.toContain(secret);
    expect(row.totp_pending_secret).toBeNull();
    expect(piiCipher(t.deps.config).open('totp_secret', row.totp_secret)).toBe(secret);
    // The database refuses a secret written in clear.
    await expect(
      t.database.db.execute(sql`update users set totp_secret = ${secret} where id = ${u.id}`),
    ).rejects.toThrow();

    // An install from before sealing: the checks not there yet, the secret in clear.
    await t.database.db.execute(sql`alter table users drop constraint users_totp_secret_sealed`);
    await t.database.db.execute(sql`alter table users drop constraint users_phone_sealed`);
    await t.database.db.execute(
      sql`update users set totp_secret = ${secret}, phone = '13698760453' where id = ${u.id}`,
    );
    await t.database.db.execute(
      sql`alter table users add constraint users_totp_secret_sealed check (totp_secret is null or totp_secret like 'enc1:%') not valid`,
    );
    await t.database.db.execute(
      sql`alter table users add constraint users_phone_sealed check (phone is null or phone like 'enc1:%') not valid`,
    );
    expect(await resealUserSecrets(t.deps)).toBeGreaterThanOrEqual(1);
    expect((await stored()).totp_secret).toMatch(/^enc1:demo:/);
    // The account's phone too, still shown masked to the administrator.
    const phone = (
      (await t.database.db.execute(sql`select phone from users where id = ${u.id}`)) as unknown as {
        rows: { phone: string }[];
      }
    ).rows[0]!.phone;
    expect(phone).toMatch(/^enc1:demo:/);
    expect((await summary(t.deps, u.id)).phone).toBe('136****0453');
    const checks = (await t.database.db.execute(
      sql`select convalidated from pg_constraint where conname in ('users_totp_secret_sealed', 'users_totp_pending_secret_sealed', 'users_phone_sealed')`,
    )) as unknown as { rows: { convalidated: boolean }[] };
    expect(checks.rows.map((c) => c.convalidated)).toEqual([true, true, true]);
    expect(await resealUserSecrets(t.deps)).toBe(0);
    // The owner's authenticator still opens the account.
    t.clock.advance(STEP);
    sessionOf(await loginRaw(u.username, codeAt(secret, t.clock.now())));
  });

  it('does not force a clerk to enrol', async () => {
    const s = await t.login('clerk');
    expect((await s.request({ method: 'GET', url: '/api/auth/me' })).json().user.restriction).toBeNull();
  });
});

describe('login with a second factor', () => {
  it('asks for the code after the right password, refuses a reused code and allows one step of skew', async () => {
    const u = await buildUser(t, await orgByDivision(t, '620602'), ['admin']);
    const { secret } = await enrol(sessionOf(await loginRaw(u.username)));
    t.clock.advance(STEP);

    const none = await loginRaw(u.username);
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('OTP_REQUIRED');
    // A wrong password is still just a wrong password: the code is asked for only after it.
    expect((await loginRaw(u.username, undefined, 'wrong-password')).json().code).toBe('INVALID_CREDENTIALS');

    const code = codeAt(secret, t.clock.now());
    sessionOf(await loginRaw(u.username, code));
    const again = await loginRaw(u.username, code);
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('OTP_INVALID');

    // The phone's clock 30 seconds ahead or behind is accepted; 60 seconds is not.
    t.clock.advance(3 * STEP);
    const now = t.clock.now().getTime();
    expect((await loginRaw(u.username, codeAt(secret, new Date(now + 2 * STEP)))).json().code).toBe(
      'OTP_INVALID',
    );
    expect((await loginRaw(u.username, codeAt(secret, new Date(now - 2 * STEP)))).json().code).toBe(
      'OTP_INVALID',
    );
    sessionOf(await loginRaw(u.username, codeAt(secret, new Date(now - STEP))));
    t.clock.advance(3 * STEP);
    sessionOf(await loginRaw(u.username, codeAt(secret, new Date(t.clock.now().getTime() + STEP))));
    // An older step than the last one used is refused even inside the window.
    expect((await loginRaw(u.username, codeAt(secret, t.clock.now()))).json().code).toBe('OTP_INVALID');
  });

  it('takes each recovery code once', async () => {
    const u = await buildUser(t, await orgByDivision(t, '620602'), ['sys_admin']);
    const { recoveryCodes } = await enrol(sessionOf(await loginRaw(u.username)));
    const code = recoveryCodes[3]!;
    sessionOf(await loginRaw(u.username, code.toUpperCase()));
    expect((await loginRaw(u.username, code)).json().code).toBe('OTP_INVALID');
  });

  it('counts wrong codes towards the lockout', async () => {
    const u = await buildUser(t, await orgByDivision(t, '620602'), ['leader']);
    await enrol(sessionOf(await loginRaw(u.username)));
    for (let i = 0; i < 4; i++)
      expect((await loginRaw(u.username, '000000')).json().code).not.toBe('ACCOUNT_LOCKED');
    const fifth = await loginRaw(u.username, '000000');
    expect(fifth.statusCode).toBe(423);
  });
});

describe('a lost authenticator', () => {
  it('is unbound by the security administrator only; the owner must enrol again', async () => {
    const u = await buildUser(t, await orgByDivision(t, '620602'), ['leader']);
    const { secret } = await enrol(sessionOf(await loginRaw(u.username)));
    t.clock.advance(STEP);
    const own = sessionOf(await loginRaw(u.username, codeAt(secret, t.clock.now())));
    const sys = sessionOf(await loginRaw('sysadmin'));
    expect(
      (await sys.request({ method: 'POST', url: `/api/users/${u.id}/reset-two-factor` })).statusCode,
    ).toBe(403);
    // The demo's security administrator enrols first (the policy here requires it).
    const sec = sessionOf(await loginRaw('secadmin'));
    await enrol(sec);
    const res = await sec.request({ method: 'POST', url: `/api/users/${u.id}/reset-two-factor` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().twoFactorEnrolled).toBe(false);
    expect((await own.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const again = sessionOf(await loginRaw(u.username));
    expect((await again.request({ method: 'GET', url: '/api/auth/me' })).json().user.restriction).toBe(
      'totp_enrolment',
    );
  });
});

describe('step-up', () => {
  it('asks an enrolled system administrator for a fresh code before issuing an API key', async () => {
    const u = await buildUser(t, await orgByDivision(t, '620602'), ['sys_admin']);
    const { secret } = await enrol(sessionOf(await loginRaw(u.username)));
    t.clock.advance(STEP);
    const s = sessionOf(await loginRaw(u.username, codeAt(secret, t.clock.now())));
    const issue = () =>
      s.request({ method: 'POST', url: '/api/open311/clients', payload: { name: '12345 热线对接' } });
    // The login's own code is fresh for five minutes.
    expect((await issue()).statusCode).toBe(201);
    t.clock.advanceMinutes(6);
    const stale = await issue();
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('STEP_UP_REQUIRED');
    const reused = await s.request({
      method: 'POST',
      url: '/api/auth/step-up',
      payload: { code: codeAt(secret, new Date(t.clock.now().getTime() - 12 * 60_000)) },
    });
    expect(reused.json().code).toBe('OTP_INVALID');
    const ok = await s.request({
      method: 'POST',
      url: '/api/auth/step-up',
      payload: { code: codeAt(secret, t.clock.now()) },
    });
    expect(ok.statusCode, ok.body).toBe(204);
    expect((await issue()).statusCode).toBe(201);
  });

  it('asks an enrolled leader again before an export, and an enrolled clerk before unmasking', async () => {
    const leader = await buildUser(t, await orgByDivision(t, '620602'), ['leader']);
    const ls = sessionOf(await loginRaw(leader.username));
    const { secret } = await enrol(ls);
    t.clock.advanceMinutes(6);
    const url = '/api/dashboard/matters.xlsx?measure=intake&from=2026-03&to=2026-03';
    expect((await ls.request({ method: 'GET', url })).json().code).toBe('STEP_UP_REQUIRED');
    await ls.request({
      method: 'POST',
      url: '/api/auth/step-up',
      payload: { code: codeAt(secret, t.clock.now()) },
    });
    expect((await ls.request({ method: 'GET', url })).statusCode).toBe(200);

    const clerk = await t.login('village-clerk');
    const [me] = (
      (await t.database.db.execute(
        sql`select org_id as org from users where username = 'village-clerk'`,
      )) as unknown as {
        rows: { org: string }[];
      }
    ).rows;
    const m = (await register(clerk, disputeBody(me!.org))).matter;
    // Not enrolled: nothing more to prove.
    expect((await clerk.request({ method: 'GET', url: `/api/matters/${m.id}?unmask=true` })).statusCode).toBe(
      200,
    );
    const { secret: cs } = await enrol(clerk);
    t.clock.advanceMinutes(6);
    const asked = await clerk.request({ method: 'GET', url: `/api/matters/${m.id}?unmask=true` });
    expect(asked.json().code).toBe('STEP_UP_REQUIRED');
    // The masked view needs no step-up.
    expect((await clerk.request({ method: 'GET', url: `/api/matters/${m.id}` })).statusCode).toBe(200);
    await clerk.request({
      method: 'POST',
      url: '/api/auth/step-up',
      payload: { code: codeAt(cs, t.clock.now()) },
    });
    expect((await clerk.request({ method: 'GET', url: `/api/matters/${m.id}?unmask=true` })).statusCode).toBe(
      200,
    );
  });
});
