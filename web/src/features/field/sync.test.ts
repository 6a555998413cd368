/**
 * The grid worker's outbox on a phone with bad signal (issue 19: the offline sync had no unit test).
 * The phone's store is real IndexedDB semantics (fake-indexeddb); the network is the API module,
 * scripted per test, because what matters here is what the phone keeps, sends again and forgets.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';

const net = vi.hoisted(() => ({
  session: vi.fn(),
  report: vi.fn(),
  log: vi.fn(),
  photo: vi.fn(),
  home: vi.fn(),
  grids: vi.fn(),
}));
vi.mock('../../api/auth', () => ({ fetchSession: net.session }));
vi.mock('../../api/field', () => ({
  fetchFieldHome: net.home,
  sendFieldReport: net.report,
  sendFieldLog: net.log,
  uploadPhoto: net.photo,
}));
vi.mock('../../api/grids', () => ({ fetchGridGeoJson: net.grids }));

const { allItems, clearAll, putItem, readCache, writeCache } = await import('./outbox-store');
const { cacheKeys, syncNow } = await import('./sync');
type ReportItem = import('./outbox-store').ReportItem;
type LogItem = import('./outbox-store').LogItem;

const online = { value: true };
Object.defineProperty(globalThis, 'navigator', {
  value: {
    get onLine() {
      return online.value;
    },
  },
});

const worker = (orgId = 'org-v1', id = 'u-gw1') => ({
  csrfToken: 't',
  user: {
    id,
    username: 'gw1',
    displayName: '张网格',
    roles: ['grid_worker'],
    permissions: ['field.work'],
    org: { id: orgId, name: orgId === 'org-v1' ? '新华村' : '和平村' },
    restriction: null,
  },
});

let seq = 0;
function report(over: Partial<ReportItem> = {}): ReportItem {
  seq++;
  return {
    type: 'report',
    id: `r-${seq}`,
    userId: 'u-gw1',
    orgId: 'org-v1',
    createdAt: `2026-12-07T0${seq % 10}:00:00.000Z`,
    state: 'pending',
    attempts: 0,
    message: null,
    receipt: null,
    sentAt: null,
    body: { clientId: `r-${seq}`, title: '路灯不亮', description: '村口路灯三天不亮' } as never,
    photos: [new Blob(['a']), new Blob(['b'])],
    photosSent: 0,
    matterId: null,
    ...over,
  };
}
function log(over: Partial<LogItem> = {}): LogItem {
  seq++;
  return {
    type: 'log',
    id: `l-${seq}`,
    userId: 'u-gw1',
    orgId: 'org-v1',
    createdAt: `2026-12-07T0${seq % 10}:30:00.000Z`,
    state: 'pending',
    attempts: 0,
    message: null,
    receipt: null,
    sentAt: null,
    body: { kind: 'patrol', note: '巡查一组' } as never,
    ...over,
  };
}
const noSignal = () => new ApiError('NETWORK_ERROR', '网络不通', 0);

beforeEach(async () => {
  await clearAll();
  vi.resetAllMocks();
  online.value = true;
  net.session.mockResolvedValue(worker());
  net.report.mockResolvedValue({ matter: { id: 'm-1', code: 'LZ-2026-000123' }, onSpotRefusal: null });
  net.log.mockResolvedValue({});
  net.photo.mockResolvedValue(undefined);
  net.home.mockResolvedValue({ tasks: [] });
  net.grids.mockResolvedValue({ type: 'FeatureCollection', features: [] });
});

describe('field outbox sync', () => {
  it('sends nothing and keeps everything when the phone says it is offline', async () => {
    await putItem(report());
    online.value = false;
    expect(await syncNow()).toMatchObject({ status: 'offline', sent: 0 });
    expect(net.session).not.toHaveBeenCalled();
    expect((await allItems()).map((i) => i.state)).toEqual(['pending']);
  });

  it('sends a report with its photos and keeps the matter code as the receipt', async () => {
    await putItem(report());
    expect(await syncNow()).toMatchObject({ status: 'ok', sent: 1, conflicts: 0 });
    const [item] = (await allItems()) as ReportItem[];
    expect(item).toMatchObject({ state: 'sent', receipt: 'LZ-2026-000123', photosSent: 2, matterId: 'm-1' });
    expect(net.photo).toHaveBeenCalledTimes(2);
    // The server's answers replace what the phone held, for reading offline.
    expect(await readCache(cacheKeys.home)).toEqual({ tasks: [] });
  });

  it('never files the report twice when the signal drops between the report and its photos', async () => {
    await putItem(report());
    net.photo.mockResolvedValueOnce(undefined).mockRejectedValueOnce(noSignal());
    expect(await syncNow()).toMatchObject({ status: 'offline', sent: 0 });
    let [item] = (await allItems()) as ReportItem[];
    expect(item).toMatchObject({ state: 'pending', matterId: 'm-1', photosSent: 1 });

    expect(await syncNow()).toMatchObject({ status: 'ok', sent: 1 });
    [item] = (await allItems()) as ReportItem[];
    expect(net.report).toHaveBeenCalledTimes(1);
    expect(net.photo).toHaveBeenCalledTimes(3);
    expect(net.photo.mock.calls[2]?.[2]).toBe('现场照片-2.jpg');
    expect(item).toMatchObject({ state: 'sent', photosSent: 2 });
  });

  it('keeps a busy server’s refusal for later and shows a real refusal as a conflict', async () => {
    const busy = log();
    const wrong = log();
    await putItem(busy);
    await putItem(wrong);
    net.log
      .mockRejectedValueOnce(new ApiError('INTERNAL', '服务器繁忙', 503))
      .mockRejectedValueOnce(new ApiError('VALIDATION_FAILED', '巡查地点不在本村', 400));
    expect(await syncNow()).toMatchObject({ status: 'ok', sent: 0, conflicts: 1 });
    const byId = new Map((await allItems()).map((i) => [i.id, i]));
    expect(byId.get(busy.id)).toMatchObject({ state: 'pending', attempts: 1, message: '服务器繁忙' });
    expect(byId.get(wrong.id)).toMatchObject({ state: 'conflict', message: '巡查地点不在本村' });
    // The next sync sends the waiting one, never the refused one again.
    expect(await syncNow()).toMatchObject({ sent: 1 });
    expect(net.log).toHaveBeenCalledTimes(3);
  });

  it('sends nothing and forgets the kit for an account that may not do field work', async () => {
    await putItem(report());
    net.session.mockResolvedValue({ ...worker(), user: { ...worker().user, permissions: [] } });
    expect(await syncNow()).toMatchObject({ status: 'not_grid_worker' });
    expect(await allItems()).toEqual([]);
    expect(net.report).not.toHaveBeenCalled();
  });

  it('keeps the outbox for the same worker when signed out, and sends nothing', async () => {
    await putItem(report());
    net.session.mockResolvedValue(null);
    expect(await syncNow()).toMatchObject({ status: 'signed_out' });
    expect(await allItems()).toHaveLength(1);
    expect(net.report).not.toHaveBeenCalled();
  });

  it('wipes the phone when the account was disabled and says how much unsent work went', async () => {
    await putItem(report());
    await putItem(log());
    await putItem(log({ state: 'sent', receipt: '已同步' }));
    net.session.mockRejectedValue(new ApiError('ACCOUNT_DISABLED', '账号已停用', 403));
    expect(await syncNow()).toMatchObject({ status: 'disabled', discarded: 2 });
    expect(await allItems()).toEqual([]);
  });

  it('clears the previous worker’s records when another account signs in on the phone', async () => {
    await writeCache(cacheKeys.profile, { userId: 'u-other', orgId: 'org-v1', orgName: '新华村' });
    await putItem(report({ userId: 'u-other' }));
    expect(await syncNow()).toMatchObject({ status: 'ok', sent: 0 });
    expect(await allItems()).toEqual([]);
    expect(net.report).not.toHaveBeenCalled();
    expect(await readCache(cacheKeys.notice)).toContain('上一位使用者');
  });

  it('after a move, keeps of a refused old-village record only what, when and why', async () => {
    await writeCache(cacheKeys.profile, { userId: 'u-gw1', orgId: 'org-v1', orgName: '新华村' });
    const old = report();
    await putItem(old);
    net.session.mockResolvedValue(worker('org-v2'));
    net.report.mockRejectedValue(new ApiError('FORBIDDEN', '您已调离原村', 403, { reason: 'ORG_CHANGED' }));
    expect(await syncNow()).toMatchObject({ status: 'ok', conflicts: 1 });
    const [left] = await allItems();
    expect(left).toMatchObject({
      id: old.id,
      type: 'refused',
      what: '上报',
      state: 'conflict',
      orgId: 'org-v2',
    });
    expect(left).not.toHaveProperty('body');
    expect(left).not.toHaveProperty('photos');
    expect(await readCache(cacheKeys.notice)).toContain('和平村');
  });
});
