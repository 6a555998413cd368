import { type QueryClient, useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Me, Session } from '../../../core/contracts/auth';
import type { Action } from '../../../core/domain/permissions';
import { fetchSession } from '../api/auth';
import { ApiError, setCsrfToken } from '../api/client';
import { ErrorScreen } from './ErrorBoundary';

const Forbidden = lazy(() => import('./StatusPages').then((m) => ({ default: m.Forbidden })));

export const sessionKey = ['session'] as const;

/** Why the session ended while the app was open; decides where RequireAuth sends the user. */
export type SessionEnd = 'expired' | 'password_changed' | 'logout';
let sessionEnd: SessionEnd | null = null;

/**
 * Forget the session and every cached answer. RequireAuth then redirects: after a 401 to the login
 * page with a notice and the way back; after logout to a plain login page.
 */
export function endSession(queryClient: QueryClient, why: SessionEnd): void {
  sessionEnd = why;
  setCsrfToken(null);
  queryClient.setQueryData(sessionKey, null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
}

export function clearSessionEnd(): void {
  sessionEnd = null;
}

function loginPathFor(next: string): string {
  const params = new URLSearchParams();
  if (sessionEnd === 'expired' || sessionEnd === 'password_changed') params.set('reason', sessionEnd);
  if (sessionEnd !== 'logout' && sessionEnd !== 'password_changed' && next !== '/') params.set('next', next);
  const qs = params.toString();
  return qs ? `/login?${qs}` : '/login';
}

/** The session probe (GET /api/auth/me) runs once on app start and refreshes the CSRF token. */
export function useSession() {
  return useQuery<Session | null>({
    queryKey: sessionKey,
    // A disabled account has no session: the login form then says why (ACCOUNT_DISABLED).
    queryFn: () =>
      fetchSession().catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'ACCOUNT_DISABLED') return null;
        throw e;
      }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

/** The logged-in user; only for components rendered inside RequireAuth. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe() used outside RequireAuth');
  return data.user;
}

/** Cosmetic permission check (the server enforces). */
export function useCan(): (action: Action) => boolean {
  const me = useMe();
  return (action) => me.permissions.includes(action);
}

/** Only allow same-site paths as a post-login destination (no open redirect). */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export function FullPageSpin({ tip }: { tip: string }) {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" description={tip} />
    </div>
  );
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageSpin tip="正在验证登录状态…" />;
  if (session.isError) {
    return (
      <ErrorScreen
        title="无法连接服务器"
        description={session.error.message}
        onRetry={() => void session.refetch()}
      />
    );
  }
  if (!session.data) {
    return <Navigate to={loginPathFor(`${location.pathname}${location.search}`)} replace />;
  }
  return children;
}

export function RequirePermission({ action, children }: { action: Action; children: ReactNode }) {
  const can = useCan();
  if (!can(action)) {
    return (
      <Suspense fallback={null}>
        <Forbidden />
      </Suspense>
    );
  }
  return children;
}
