/**
 * The grid worker's kit (网格员工作台): its own light layout, sized for a 375 px phone, that works
 * without signal. It is an entry of its own (web/field.html, on Preact like the residents' pages): a
 * page outside it (登录, the staff workbench) is a full page load. It does not wait for the session
 * probe: offline it runs on the profile kept from the last sync, and the outbox is sent when the
 * network returns.
 */

import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { logout as apiLogout } from '../../api/auth';
import { ApiError } from '../../api/client';
import { Alert } from '../../phone/kit/Alert';
import { Button } from '../../phone/kit/Button';
import { Spin } from '../../phone/kit/Spin';
import { Tag } from '../../phone/kit/Tag';
import { Link, navigate, useLocation } from '../../phone/router';
import { FieldContext, type FieldContextValue } from './field-context';
import { allItems, readCache, subscribe } from './outbox-store';
import { Notice } from './Panel';
import { cacheKeys, forgetEverything, type Profile, type SyncOutcome, syncNow } from './sync';
import { useOnline, useOutbox } from './useFieldStore';

/** While something waits in the outbox and there is signal, try again this often. */
const RETRY_MS = 15_000;

export function FieldLayout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
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
  }, []);

  useEffect(() => {
    // Installed from here, not on every page: it keeps this entry's shell for offline use, which only
    // the field kit needs, and a resident on 3G should not download it.
    // Not gated on import.meta.env.PROD: the e2e build runs under NODE_ENV=test. Under the Vite dev
    // server there is no /sw.js and the registration fails quietly.
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/sw.js').catch(() => undefined);
    }
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
    return offStore;
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

  /** Logged out without signal: the login page (another entry) cannot open until the signal returns. */
  const [signedOut, setSignedOut] = useState(false);

  const leave = useCallback(async () => {
    setUnsentAtLogout(null);
    await forgetEverything();
    // Without signal the logout is remembered and sent later (api/auth): the phone is wiped now.
    await apiLogout().catch(() => undefined);
    // A full page load: the login page is the staff entry, which starts with no memory of a session.
    if (navigator.onLine) navigate('/login', { replace: true });
    else setSignedOut(true);
  }, []);

  useEffect(() => {
    if (signedOut && online) navigate('/login', { replace: true });
  }, [signedOut, online]);

  // Logging out wipes the phone: first try to send what waits, and if something still could not go,
  // ask rather than drop it without a word.
  const logout = useCallback(async () => {
    if (navigator.onLine) await sync();
    const unsent = (await allItems()).filter((i) => i.state !== 'sent' && i.type !== 'refused').length;
    if (unsent > 0) setUnsentAtLogout(unsent);
    else await leave();
  }, [sync, leave]);

  if (signedOut) {
    return (
      <Notice
        title="已退出登录"
        sub="本机保存的网格员工作台数据已全部清除。有网络后将打开登录页。"
        testId="field-signed-out"
        action={
          <Button variant="primary" onClick={() => navigate('/login', { replace: true })}>
            去登录
          </Button>
        }
      />
    );
  }
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
          <Button variant="primary" onClick={() => navigate('/login', { replace: true })}>
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
          <Button variant="primary" onClick={() => navigate('/')}>
            返回首页
          </Button>
        }
      />
    );
  }
  if (profile === undefined) return <Spin />;
  if (profile === null) {
    return (
      <Notice
        title={online ? '正在连接服务器…' : '首次使用请在有网络时登录'}
        sub={failure ?? '登录一次后，没有信号时也能上报和记录巡查。'}
        action={
          <Button variant="primary" onClick={() => navigate('/login?next=%2Ffield')}>
            去登录
          </Button>
        }
      />
    );
  }

  const ctx: FieldContextValue = { profile, online, syncing, last, sync, logout };
  const tabs = [
    { to: '/field', label: `首页${pending ? `（${pending}）` : ''}`, testId: 'field-nav-home' },
    { to: '/field/report', label: '上报', testId: 'field-nav-report' },
    { to: '/field/log', label: '巡查走访', testId: 'field-nav-log' },
  ];
  return (
    <FieldContext.Provider value={ctx}>
      <div className="zz-kit">
        <header className="zz-kit-header">
          <div className="zz-header-inner">
            <div className="zz-brand">
              <div className="zz-kit-title">网格员工作台</div>
              <div className="zz-kit-worker" data-testid="field-worker">
                {profile.displayName} · {profile.orgName}
              </div>
            </div>
            <Tag color={online ? 'green' : 'orange'} data-testid="field-online">
              {online ? '在线' : '离线'}
            </Tag>
            <Button
              size="small"
              onClick={() => void logout()}
              aria-label="退出登录并清除本机数据"
              data-testid="field-logout"
            >
              退出
            </Button>
          </div>
        </header>
        <main className="zz-main">
          {/* Said when it changes, politely: 在线 / 离线 of the tag above. */}
          <div className="zz-visually-hidden" role="status" aria-live="polite">
            {online ? '' : '当前离线，记录会先存在手机上'}
          </div>
          {unsentAtLogout !== null ? (
            <Alert
              type="warning"
              title={`还有 ${unsentAtLogout} 条记录未能同步，退出后将从本机永久删除。`}
              description={
                <div className="zz-row" style={{ marginTop: 8 }}>
                  <Button
                    variant="primary"
                    className="zz-btn-danger"
                    id="field-logout-confirm"
                    onClick={() => void leave()}
                  >
                    仍然退出
                  </Button>
                  <Button onClick={() => setUnsentAtLogout(null)}>先不退出</Button>
                </div>
              }
            />
          ) : null}
          {failure ? <Alert type="error" title={`同步出错：${failure}`} /> : null}
          {children}
        </main>
        <nav aria-label="网格员导航" className="zz-tabbar">
          {tabs.map((t) => (
            <Link
              key={t.to}
              to={t.to}
              data-testid={t.testId}
              aria-current={pathname === t.to ? 'page' : undefined}
            >
              {t.label}
            </Link>
          ))}
        </nav>
      </div>
    </FieldContext.Provider>
  );
}
