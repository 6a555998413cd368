/**
 * The session probe against a login made while it was on its way (a person typing faster than a weak
 * signal): the late "nobody" of the probe must not undo the login, neither the session nor the CSRF
 * token the login gave. The browser journey is e2e/login-slow-probe.e2e.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSession, login } from './auth';
import { getCsrfToken, setCsrfToken } from './client';

const session = {
  csrfToken: 'token-of-the-login',
  user: { username: 'leader' },
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('fetchSession', () => {
  it('asks again when a login happened while it was on its way', async () => {
    let loggedIn = false;
    let answerFirstProbe: (r: Response) => void = () => undefined;
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((path: string, init: RequestInit) => {
        calls.push(`${init.method} ${path}`);
        if (path === '/api/auth/login') {
          loggedIn = true;
          return Promise.resolve(json(200, session));
        }
        if (calls.length === 1) {
          // The first probe was sent before the login, without a session cookie: its 401 comes late.
          return new Promise<Response>((resolve) => {
            answerFirstProbe = resolve;
          });
        }
        return Promise.resolve(loggedIn ? json(200, session) : json(401, { code: 'UNAUTHENTICATED' }));
      }),
    );

    const probe = fetchSession();
    await login('leader', 'zongzhi-demo');
    answerFirstProbe(json(401, { code: 'UNAUTHENTICATED', message: '请先登录' }));

    expect(await probe).toEqual(session);
    expect(getCsrfToken()).toBe('token-of-the-login');
    expect(calls).toEqual(['GET /api/auth/me', 'POST /api/auth/login', 'GET /api/auth/me']);
  });

  it('answers nobody, and forgets the token, when nothing happened meanwhile', async () => {
    setCsrfToken('old');
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(json(401, { code: 'UNAUTHENTICATED' }))),
    );
    expect(await fetchSession()).toBeNull();
    expect(getCsrfToken()).toBeNull();
  });
});
