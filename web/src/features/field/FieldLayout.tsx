/**
 * The grid worker's kit (网格员工作台): its own light layout, sized for a 375 px phone, that works
 * without signal. It does not wait for the session probe like the staff pages: offline it runs on the
 * profile kept from the last sync, and the outbox is sent when the network returns.
 */

import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntdApp, Button, Popconfirm, Space, Tag } from 'antd';
import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { logout as apiLogout } from '../../api/auth';
import { ApiError } from '../../api/client';
import { endSession } from '../../app/auth';
import { PageSpin } from '../../components/PageSpin';
import { FieldContext, type FieldContextValue } from './field-context';
import { allItems, readCache, subscribe } from './outbox-store';
import { Notice } from './Panel';
import { cacheKeys, forgetEverything, type Profile, type SyncOutcome, syncNow } from './sync';
import { useOnline, useOutbox } from './useFieldStore';

/** While something waits in the outbox and there is signal, try again this often. */
const RETRY_MS = 15_000;

const tabStyle = ({ isActive }: { isActive: boolean }) => ({
  flex: 1,
  textAlign: 'center' as const,
  padding: '10px 0',
  color: isActive ? '#1f5fa8' : '#5b6b7f',
  fontWeight: isActive ? 700 : 400,
  textDecoration: 'none',
  borderTop: isActive ? '3px solid #1f5fa8' : '3px solid transparent',
});

export function FieldLayout() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const online = useOnline();
  const items = useOutbox();
  const [profile, setProfile] = useState<Profile | null | undefined>(undefined);
  const [syncing, setSyncing] = useState(false);
  const [last, setLast] = useState<SyncOutcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const busy = useRef(false);

  const sync = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setSyncing(true);
    try {
      const out = await syncNow();
      setLast(out);
      setFailure(null);
      // The app's own memory of the session goes too: the login page must not send the worker back.
      if (out.status === 'disabled') endSession(queryClient, 'logout');
      if (out.status === 'signed_out' && navigator.onLine) {
        navigate('/login?next=%2Ffield', { replace: true });
        return;
      }
      setProfile((await readCache<Profile>(cacheKeys.profile)) ?? null);
    } catch (e) {
      // A password set by an administrator, or an authenticator still to bind: the main workbench
      // shows the form for it (the server lets the session do nothing else meanwhile).
      if (
        e instanceof ApiError &&
        (e.code === 'PASSWORD_CHANGE_REQUIRED' || e.code === 'TOTP_ENROLMENT_REQUIRED')
      ) {
        navigate('/', { replace: true });
        return;
      }
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      busy.current = false;
      setSyncing(false);
    }
  }, [navigate, queryClient]);

  useEffect(() => {
    // Installed from here, not on every page: it keeps the whole app shell for offline use, which only
    // the field kit needs, and a resident on 3G should not download it.
    // Not gated on import.meta.env.PROD: the e2e build runs under NODE_ENV=test. Under the Vite dev
    // server there is no /sw.js and the registration fails quietly.
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/sw.js').catch(() => undefined);
    }
    document.title = '网格员工作台 · 综治';
    void readCache<Profile>(cacheKeys.profile).then((p) => setProfile((cur) => cur ?? p ?? null));
    // The kit opens as soon as the sync knows who the worker is (the first thing it writes), not once
    // it has also sent the outbox and fetched the tasks and grids: on a first visit over 3G that is
    // two round trips (over a second) sooner.
    const offStore = subscribe(() => {
      void readCache<Profile>(cacheKeys.profile).then((p) => {
        if (p) setProfile(p);
      });
    });
    void sync();
    return () => {
      offStore();
      document.title = '综治 · 三级综治中心一体化平台';
    };
  }, [sync]);

  // The network came back: send at once.
  useEffect(() => {
    if (online) void sync();
  }, [online, sync]);

  const pending = items.filter((i) => i.state === 'pending').length;
  useEffect(() => {
    if (!online || pending === 0) return;
    const t = setInterval(() => void sync(), RETRY_MS);
    return () => clearInterval(t);
  }, [online, pending, sync]);

  /** Unsent records that a logout now would wipe, when the worker has been asked about them. */
  const [unsentAtLogout, setUnsentAtLogout] = useState<number | null>(null);

  const leave = useCallback(async () => {
    setUnsentAtLogout(null);
    await forgetEverything();
    // Without signal the logout is remembered and sent later (api/auth): the phone is wiped now.
    await apiLogout().catch(() => undefined);
    endSession(queryClient, 'logout');
    navigate('/login', { replace: true });
  }, [navigate, queryClient]);

  // Logging out wipes the phone: first try to send what waits, and if something still could not go,
  // ask rather than drop it without a word.
  const logout = useCallback(async () => {
    if (navigator.onLine) await sync();
    const unsent = (await allItems()).filter((i) => i.state !== 'sent' && i.type !== 'refused').length;
    if (unsent > 0) setUnsentAtLogout(unsent);
    else await leave();
  }, [sync, leave]);

  if (last?.status === 'disabled') {
    return (
      <Notice
        title="账号已停用"
        sub={
          '本机保存的网格员工作台数据已全部清除' +
          (last.discarded ? `，其中 ${last.discarded} 条未同步的记录未能提交` : '') +
          '。如有疑问请联系系统管理员。'
        }
        testId="field-disabled"
        action={
          <Button type="primary" onClick={() => navigate('/login', { replace: true })}>
            返回登录页
          </Button>
        }
      />
    );
  }
  if (last?.status === 'not_grid_worker') {
    return (
      <Notice
        title="网格员工作台仅供网格员使用"
        action={
          <Button type="primary" onClick={() => navigate('/')}>
            返回首页
          </Button>
        }
      />
    );
  }
  if (profile === undefined) return <PageSpin />;
  if (profile === null) {
    return (
      <Notice
        title={online ? '正在连接服务器…' : '首次使用请在有网络时登录'}
        sub={failure ?? '登录一次后，没有信号时也能上报和记录巡查。'}
        action={
          <Button type="primary" onClick={() => navigate('/login?next=%2Ffield')}>
            去登录
          </Button>
        }
      />
    );
  }

  const ctx: FieldContextValue = { profile, online, syncing, last, sync, logout };
  return (
    <FieldContext.Provider value={ctx}>
      <AntdApp>
        <div style={{ minHeight: '100vh', background: '#f3f5f8', paddingBottom: 64 }}>
          <header
            style={{
              background: '#1f5fa8',
              color: '#fff',
              padding: '10px 12px',
              position: 'sticky',
              top: 0,
              zIndex: 1000,
            }}
          >
            <div style={{ maxWidth: 640, margin: '0 auto', display: 'flex', alignItems: 'center', gap: 8 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <div style={{ fontSize: 18, fontWeight: 700 }}>网格员工作台</div>
                <div style={{ fontSize: 12, opacity: 0.9 }} data-testid="field-worker">
                  {profile.displayName} · {profile.orgName}
                </div>
              </div>
              <Space size={4}>
                <Tag
                  color={online ? 'green' : 'orange'}
                  data-testid="field-online"
                  role="status"
                  aria-live="polite"
                >
                  {online ? '在线' : '离线'}
                </Tag>
                <Popconfirm
                  open={unsentAtLogout !== null}
                  title={`还有 ${unsentAtLogout ?? 0} 条记录未能同步，退出后将从本机永久删除。`}
                  okText="仍然退出"
                  cancelText="先不退出"
                  okButtonProps={{ danger: true, id: 'field-logout-confirm' }}
                  onConfirm={() => void leave()}
                  onCancel={() => setUnsentAtLogout(null)}
                >
                  <Button
                    size="small"
                    onClick={() => void logout()}
                    aria-label="退出登录并清除本机数据"
                    data-testid="field-logout"
                  >
                    退出
                  </Button>
                </Popconfirm>
              </Space>
            </div>
          </header>
          <main style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>
            {failure ? (
              <Alert type="error" showIcon title={`同步出错：${failure}`} style={{ marginBottom: 12 }} />
            ) : null}
            <Suspense fallback={<PageSpin />}>
              <Outlet />
            </Suspense>
          </main>
          <nav
            aria-label="网格员导航"
            style={{
              position: 'fixed',
              bottom: 0,
              left: 0,
              right: 0,
              background: '#fff',
              borderTop: '1px solid #e8ecf1',
              display: 'flex',
              zIndex: 1000,
            }}
          >
            <NavLink to="/field" end style={tabStyle} data-testid="field-nav-home">
              首页{pending ? `（${pending}）` : ''}
            </NavLink>
            <NavLink to="/field/report" style={tabStyle} data-testid="field-nav-report">
              上报
            </NavLink>
            <NavLink to="/field/log" style={tabStyle} data-testid="field-nav-log">
              巡查走访
            </NavLink>
          </nav>
        </div>
      </AntdApp>
    </FieldContext.Provider>
  );
}
