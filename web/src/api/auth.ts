import type { RecoveryCodes, Session } from '../../../core/contracts/auth';
import { ApiError, api, getCsrfToken, setCsrfToken } from './client';

/**
 * A logout pressed without signal (the grid worker's phone): the session cookie is out of the page's
 * reach, so the logout is remembered and sent before anything else the next time there is signal;
 * until then the server session would otherwise live on in the cookie.
 */
const LOGOUT_OWED = 'zongzhi-logout-owed';

function owe(owed: boolean): void {
  try {
    if (owed) localStorage.setItem(LOGOUT_OWED, '1');
    else localStorage.removeItem(LOGOUT_OWED);
  } catch {
    // Storage refused (private mode): the logout is simply not remembered.
  }
}

function owesLogout(): boolean {
  try {
    return localStorage.getItem(LOGOUT_OWED) === '1';
  } catch {
    return false;
  }
}

/**
 * Counts logins and logouts. A session probe answers for the cookie it was sent with: when a login or
 * a logout has happened while it was on its way (a person typing faster than a weak signal), its
 * answer is stale and it asks again instead of undoing the login (seen in CI, issue 20's journeys).
 */
let authChanges = 0;

export async function login(username: string, password: string, otp?: string): Promise<Session> {
  const session = await api<Session>(
    'POST',
    '/api/auth/login',
    { username, password, ...(otp ? { otp } : {}) },
    { quietAuth: true },
  );
  authChanges++;
  owe(false);
  setCsrfToken(session.csrfToken);
  return session;
}

/**
 * The current session, or null when nobody is logged in; refreshes the CSRF token. A disabled
 * account is thrown (ACCOUNT_DISABLED), not null: the grid worker's phone wipes its data on it.
 */
export async function fetchSession(): Promise<Session | null> {
  if (owesLogout()) {
    await logout().catch((e: unknown) => {
      // Still no signal: the logout stays owed and nobody is logged in meanwhile.
      if (e instanceof ApiError && e.code === 'NETWORK_ERROR') throw e;
    });
    return null;
  }
  const asked = authChanges;
  let answer: Session | null;
  try {
    answer = await api<Session>('GET', '/api/auth/me', undefined, { quietAuth: true });
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
    answer = null;
  }
  if (asked !== authChanges) return fetchSession();
  setCsrfToken(answer?.csrfToken ?? null);
  return answer;
}

export async function logout(): Promise<void> {
  authChanges++;
  owe(true);
  try {
    // The CSRF token lives in memory: after a reload without signal it must be fetched first.
    const token =
      getCsrfToken() ?? (await api<Session>('GET', '/api/auth/me', undefined, { quietAuth: true })).csrfToken;
    setCsrfToken(token);
    await api<void>('POST', '/api/auth/logout', undefined, { quietAuth: true });
    owe(false);
  } catch (e) {
    // Already logged out (or disabled): nothing is owed any more.
    if (e instanceof ApiError && e.status !== 0) owe(false);
    throw e;
  } finally {
    setCsrfToken(null);
  }
}

export function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  return api<void>('POST', '/api/auth/password', { oldPassword, newPassword });
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

export function startTotpEnrolment(): Promise<TotpEnrolment> {
  return api<TotpEnrolment>('POST', '/api/auth/totp/enrol');
}

export function confirmTotp(code: string): Promise<RecoveryCodes> {
  return api<RecoveryCodes>('POST', '/api/auth/totp/confirm', { code });
}

/** A fresh code for the step-up; never itself prompts for one. */
export function stepUp(code: string): Promise<void> {
  return api<void>('POST', '/api/auth/step-up', { code }, { noStepUp: true });
}

/** Resolves once no step-up is needed (asking for the code if it is): before a download link. */
export function ensureSteppedUp(): Promise<void> {
  return api<void>('GET', '/api/auth/step-up');
}
