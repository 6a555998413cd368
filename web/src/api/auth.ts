import type { Session } from '../../../core/contracts/auth';
import { ApiError, api, setCsrfToken } from './client';

export async function login(username: string, password: string): Promise<Session> {
  const session = await api<Session>('POST', '/api/auth/login', { username, password }, { quietAuth: true });
  setCsrfToken(session.csrfToken);
  return session;
}

/** The current session, or null when nobody is logged in; refreshes the CSRF token. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api<Session>('GET', '/api/auth/me', undefined, { quietAuth: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export async function logout(): Promise<void> {
  try {
    await api<void>('POST', '/api/auth/logout', undefined, { quietAuth: true });
  } finally {
    setCsrfToken(null);
  }
}

export function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  return api<void>('POST', '/api/auth/password', { oldPassword, newPassword });
}
