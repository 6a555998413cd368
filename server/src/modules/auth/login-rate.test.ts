/**
 * The per-address ceiling on POST /api/auth/login (LOGIN_RATE_PER_MINUTE, docs/SECURITY.md G7): every
 * attempt from one address counts, whatever its outcome, and the one past the limit is answered 429 in
 * the one error body; another address is not held back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/test-app';

const LIMIT = 3;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRatePerMinute: LIMIT });
});
afterAll(() => t.close());

const login = (remoteAddress: string, username: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    payload: { username, password },
  });

describe('the login limit per address', () => {
  it('answers the attempt past the limit in a minute with 429 RATE_LIMITED in Chinese, and only to that address', async () => {
    // Failed and successful attempts both count (an account nobody has, so no account is locked).
    expect((await login('10.9.0.1', 'no-such-user', 'wrong-password-1')).statusCode).toBe(401);
    expect((await login('10.9.0.1', 'no-such-user', 'wrong-password-2')).statusCode).toBe(401);
    expect((await login('10.9.0.1', 'clerk', DEMO_PASSWORD)).statusCode).toBe(200);
    // The right password does not get past the limit either.
    const over = await login('10.9.0.1', 'clerk', DEMO_PASSWORD);
    expect(over.statusCode).toBe(429);
    const body = over.json() as { code: string; message: string };
    expect(body.code).toBe('RATE_LIMITED');
    expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.message).not.toMatch(/[A-Za-z]/);
    expect(over.cookies.find((c) => c.name === t.deps.config.session.cookieName)).toBeUndefined();
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // Another address logs in as usual.
    expect((await login('10.9.0.2', 'clerk', DEMO_PASSWORD)).statusCode).toBe(200);
  });
});
