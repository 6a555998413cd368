/**
 * Journey: a grid worker's access is revoked while the phone holds their village's data and work not
 * yet sent, and the next sync must leave nothing of it on the phone (issue 4). Three ways:
 *  1. an administrator moves the worker to another village (user API, then a grid there): the old
 *     village's tasks, grids and the queued notes leave IndexedDB; the queued notes are sent, refused
 *     by the server (made under the old village) and stay visible to the worker as refusals without
 *     their content; the new village's tasks and grids arrive;
 *  2. the account is disabled: the next sync wipes the phone and says so in Chinese, with the count
 *     of unsent records that went with it;
 *  3. the worker logs out without signal: asked first (a record is unsent), then the phone is wiped,
 *     and the logout reaches the server when the signal is back.
 * The phone is read from the page (IndexedDB, Cache Storage), not from what the screen shows.
 * Each case uses its own worker, made through the admin API, so the journeys sharing the server
 * (grid-worker-offline uses town01-gw1) are not disturbed.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { apiLogin, DEMO_PASSWORD } from './matters';

let browser: Browser;
let base: string;
/** sysadmin manages accounts, admin assigns grids (separate duties), clerk reads the matters. */
let sys: { api: APIRequestContext; headers: Record<string, string> };
let admin: { api: APIRequestContext; headers: Record<string, string> };
let clerk: APIRequestContext;
const apiContexts: BrowserContext[] = [];
let villageA: { id: string; name: string };
let villageB: { id: string; name: string };

interface Grid {
  id: string;
  code: string;
  name: string;
  workers: { id: string; displayName: string }[];
}

const WORKER_NAME = '撤权网格员';

interface PhoneDump {
  outbox: Record<string, unknown>[];
  cache: Record<string, unknown>;
}

/** Everything the field kit keeps in IndexedDB, read in the page. */
function readPhone(page: Page): Promise<PhoneDump> {
  return page.evaluate(
    () =>
      new Promise<PhoneDump>((resolve, reject) => {
        const req = indexedDB.open('zongzhi-field');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const names = Array.from(db.objectStoreNames);
          if (!names.includes('outbox') || !names.includes('cache')) {
            db.close();
            resolve({ outbox: [], cache: {} });
            return;
          }
          const tx = db.transaction(['outbox', 'cache'], 'readonly');
          const outbox = tx.objectStore('outbox').getAll();
          const cache = tx.objectStore('cache');
          const keys = cache.getAllKeys();
          const values = cache.getAll();
          tx.oncomplete = () => {
            const c: Record<string, unknown> = {};
            keys.result.forEach((k, i) => {
              c[String(k)] = values.result[i];
            });
            db.close();
            // Blobs (photos) do not cross into the test: their size says enough.
            resolve(
              JSON.parse(
                JSON.stringify({ outbox: outbox.result, cache: c }, (_k, v) =>
                  v instanceof Blob ? { blob: v.size } : v,
                ),
              ) as PhoneDump,
            );
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Every Cache Storage entry of the origin: its URL and its text. */
function readCacheStorage(page: Page): Promise<{ url: string; text: string }[]> {
  return page.evaluate(async () => {
    const out: { url: string; text: string }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        const res = await cache.match(req);
        out.push({ url: new URL(req.url).pathname, text: res ? await res.text() : '' });
      }
    }
    return out;
  });
}

async function gridsOf(villageId: string): Promise<Grid[]> {
  const res = await admin.api.get('/api/grids', { params: { orgId: villageId, pageSize: 50 } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { items: Grid[] }).items;
}

/** admin adds the worker to the first grid of the village (keeping whoever is there). */
async function assignGrid(villageId: string, userId: string): Promise<Grid> {
  const [grid] = await gridsOf(villageId);
  if (!grid) throw new Error(`village ${villageId} has no grid`);
  // The demo's own workers stay; this journey's earlier workers leave (one is disabled, and a grid
  // takes only serving workers).
  const kept = grid.workers.filter((w) => !w.displayName.startsWith(WORKER_NAME)).map((w) => w.id);
  const userIds = [...new Set([...kept, userId])];
  const res = await admin.api.put(`/api/grids/${grid.id}/workers`, {
    headers: admin.headers,
    data: { userIds },
  });
  expect(res.status(), await res.text()).toBe(200);
  return grid;
}

/** sysadmin makes a grid worker in village A; the worker sets their own password (first login rule). */
async function newWorker(tag: string): Promise<{ id: string; username: string; password: string }> {
  const username = `e2e-rv-${tag}-${Date.now().toString(36)}`;
  const initial = 'e2e-initial-Pw-2026';
  const res = await sys.api.post('/api/users', {
    headers: sys.headers,
    data: {
      username,
      displayName: `${WORKER_NAME}${tag}（演示）`,
      orgId: villageA.id,
      roles: ['grid_worker'],
      password: initial,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const own = await newContext(browser, base, viewports.desktop);
  try {
    const { headers } = await apiLogin(own.request, { username, password: initial });
    const password = 'e2e-own-Pw-2026';
    const changed = await own.request.post('/api/auth/password', {
      headers,
      data: { oldPassword: initial, newPassword: password },
    });
    expect(changed.status(), await changed.text()).toBe(204);
    await assignGrid(villageA.id, id);
    return { id, username, password };
  } finally {
    await own.close();
  }
}

async function patchUser(id: string, data: Record<string, unknown>): Promise<void> {
  const res = await sys.api.patch(`/api/users/${id}`, { headers: sys.headers, data });
  expect(res.status(), await res.text()).toBe(200);
}

/** Logs in on the phone, lets the service worker take the page and waits for the first sync. */
async function openKit(context: BrowserContext, who: { username: string; password: string }): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/login?next=%2Ffield');
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码', { exact: true }).fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('field-worker').waitFor({ timeout: 20_000 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 20_000,
  });
  await expect
    .poll(async () => (await readPhone(page)).cache.home !== undefined, { timeout: 20_000 })
    .toBe(true);
  return page;
}

async function pending(page: Page): Promise<number> {
  return Number(await page.getByTestId('outbox-pending').textContent());
}

async function logOffline(page: Page, kind: '巡查' | '走访' | '工作笔记', note: string): Promise<void> {
  await page.getByTestId('field-nav-log').click();
  await page.getByTestId('field-log-kind').getByText(kind, { exact: true }).click();
  await page.getByTestId('field-log-note').fill(note);
  await page.getByTestId('field-log-submit').click();
  await page.getByTestId('field-log-saved').waitFor();
}

async function reportOffline(page: Page, title: string): Promise<void> {
  await page.getByTestId('field-nav-report').click();
  await page.getByText('安全隐患', { exact: true }).click();
  await page.getByTestId('field-description').fill(`${title}：村口变压器围栏倒塌，儿童可进入。`);
  await page.getByTestId('field-title').fill(title);
  await page.getByTestId('field-report-submit').click();
  await expect
    .poll(async () => (await page.getByTestId('field-report-saved').textContent()) ?? '', { timeout: 10_000 })
    .toContain(title);
}

/** The phone's IndexedDB and Cache Storage as one text, to look for what must not be there. */
async function phoneText(page: Page): Promise<string> {
  const idb = JSON.stringify(await readPhone(page));
  const cs = (await readCacheStorage(page)).map((e) => `${e.url}\n${e.text}`).join('\n');
  return `${idb}\n${cs}`;
}

beforeAll(async () => {
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
  // Sessions in one context would share a cookie: each staff member gets their own.
  const session = async (username: string) => {
    const ctx = await browser.newContext({ baseURL: base });
    apiContexts.push(ctx);
    return {
      api: ctx.request,
      headers: (await apiLogin(ctx.request, { username, password: DEMO_PASSWORD })).headers,
    };
  };
  sys = await session('sysadmin');
  admin = await session('admin');
  clerk = (await session('clerk')).api;
  // The two demo villages of town 01 (their grid workers' orgs), read rather than assumed.
  const probe = await browser.newContext({ baseURL: base });
  try {
    const a = await apiLogin(probe.request, { username: 'town01-gw1', password: DEMO_PASSWORD });
    await probe.clearCookies();
    const b = await apiLogin(probe.request, { username: 'town01-gw2', password: DEMO_PASSWORD });
    const orgA = a.user.org;
    const orgB = b.user.org;
    if (!orgA || !orgB) throw new Error('the demo grid workers have no org');
    villageA = { id: orgA.id, name: orgA.name };
    villageB = { id: orgB.id, name: orgB.name };
    expect(villageA.id).not.toBe(villageB.id);
  } finally {
    await probe.close();
  }
});

afterAll(async () => {
  for (const c of apiContexts) await c.close();
  await browser?.close();
});

describe('grid worker whose access is revoked (phone)', () => {
  it('moved to another village: the old village leaves the phone, queued work is refused visibly, the new one arrives', async () => {
    const worker = await newWorker('move');
    const context = await newContext(browser, base, viewports.phone);
    try {
      const page = await openKit(context, worker);
      const stamp = `调动${Date.now().toString(36)}`;
      const before = await readPhone(page);
      const oldHome = before.cache.home as {
        grids: { id: string; code: string }[];
        tasks: { id: string; code: string }[];
      };
      const oldGridCodes = (
        before.cache.grids as { features: { properties: { code: string } }[] }
      ).features.map((f) => f.properties.code);
      expect(oldHome.grids.length).toBe(1);
      expect(oldGridCodes.length).toBeGreaterThan(0);
      const oldTaskCodes = oldHome.tasks.map((t) => t.code);

      // Without signal the worker writes a visit and reports a hazard in the old village.
      await context.setOffline(true);
      await withScreenshot(page, 'revoked-move-offline', async () => {
        await logOffline(page, '走访', `${stamp} 走访演示居民甲，邻里纠纷已缓和。`);
        await reportOffline(page, `${stamp}上报`);
        await page.getByTestId('field-nav-home').click();
        await expect.poll(() => pending(page)).toBe(2);
      });

      // Meanwhile the administrators move the worker to village B and give them a grid there.
      await patchUser(worker.id, { orgId: villageB.id });
      const newGrid = await assignGrid(villageB.id, worker.id);

      await context.setOffline(false);
      await withScreenshot(page, 'revoked-move-sync', async () => {
        await expect
          .poll(async () => (await page.getByTestId('field-worker').textContent()) ?? '', { timeout: 30_000 })
          .toContain(villageB.name);
        await expect.poll(() => pending(page), { timeout: 30_000 }).toBe(0);
        // The refusals are on screen, without the content they had.
        await expect.poll(() => page.getByTestId('outbox-conflict').count(), { timeout: 10_000 }).toBe(2);
        const shown = (await page.getByTestId('outbox-conflict').allTextContents()).join('\n');
        expect(shown).toContain('服务器未接收');
        expect(shown).toContain('内容已从本机清除');
        expect(shown).not.toContain(stamp);
        expect(await page.getByTestId('field-notice').textContent()).toContain(`变更为“${villageB.name}”`);
      });

      // The header changes as soon as the sync knows the new org; the tasks and grids follow.
      await expect
        .poll(
          async () =>
            ((await readPhone(page)).cache.home as { worker: { org: { id: string } } } | undefined)?.worker
              .org.id,
          { timeout: 20_000 },
        )
        .toBe(villageB.id);
      const after = await readPhone(page);
      const home = after.cache.home as {
        worker: { org: { id: string } };
        grids: { id: string; code: string }[];
        tasks: { id: string; code: string }[];
      };
      expect(home.worker.org.id).toBe(villageB.id);
      expect(home.grids.map((g) => g.id)).toEqual([newGrid.id]);
      // The tasks the phone holds are the server's for the new village, none of the old.
      const server = await context.request.get('/api/field/home');
      expect(server.status()).toBe(200);
      expect(home.tasks.map((t) => t.id)).toEqual(
        ((await server.json()) as { tasks: { id: string }[] }).tasks.map((t) => t.id),
      );
      const grids = after.cache.grids as { features: { properties: { villageName: string } }[] };
      expect(grids.features.length).toBeGreaterThan(0);
      expect(new Set(grids.features.map((f) => f.properties.villageName))).toEqual(new Set([villageB.name]));
      expect(after.outbox.every((i) => i.type === 'refused' && i.orgId === villageB.id)).toBe(true);
      expect(after.outbox).toHaveLength(2);

      // Nothing of village A is left anywhere on the phone: not its grids, tasks or the queued work.
      const text = await phoneText(page);
      for (const code of [...oldGridCodes, ...oldTaskCodes]) expect(text).not.toContain(code);
      expect(text).not.toContain(stamp);
      expect(text).not.toContain('演示居民甲');
      expect((await readCacheStorage(page)).filter((e) => e.url.startsWith('/api/'))).toEqual([]);

      // The server holds none of it either: it refused, it did not half-accept.
      const matters = await clerk.get('/api/matters', { params: { q: stamp, pageSize: 10 } });
      expect(matters.status()).toBe(200);
      expect(((await matters.json()) as { items: unknown[] }).items).toEqual([]);
      const logs = await context.request.get('/api/field/logs');
      expect(JSON.stringify(await logs.json())).not.toContain(stamp);

      // The worker acknowledges the refusals; the phone then holds only village B.
      await page.getByTestId('outbox-refused-ack').first().click();
      await expect.poll(() => page.getByTestId('outbox-conflict').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('disabled: the next sync wipes the phone and says so', async () => {
    const worker = await newWorker('off');
    const context = await newContext(browser, base, viewports.phone);
    try {
      const page = await openKit(context, worker);
      const stamp = `停用${Date.now().toString(36)}`;
      await context.setOffline(true);
      await withScreenshot(page, 'revoked-disabled-offline', async () => {
        await logOffline(page, '巡查', `${stamp} 巡查演示村主街。`);
        await page.getByTestId('field-nav-home').click();
        await expect.poll(() => pending(page)).toBe(1);
      });

      await patchUser(worker.id, { disabled: true });
      await context.setOffline(false);
      await withScreenshot(page, 'revoked-disabled-sync', async () => {
        const notice = page.getByTestId('field-disabled');
        await notice.waitFor({ timeout: 30_000 });
        const text = (await notice.textContent()) ?? '';
        expect(text).toContain('账号已停用');
        expect(text).toContain('已全部清除');
        expect(text).toContain('1 条未同步的记录未能提交');
      });
      expect(await readPhone(page)).toEqual({ outbox: [], cache: {} });
      expect(await phoneText(page)).not.toContain(stamp);

      // Opening the kit again does not bring anything back, and the login says why.
      await page.goto('/login?next=%2Ffield');
      await page.getByLabel('用户名').fill(worker.username);
      await page.getByLabel('密码', { exact: true }).fill(worker.password);
      await page.getByTestId('login-submit').click();
      await expect
        .poll(async () => (await page.locator('body').textContent()) ?? '', { timeout: 10_000 })
        .toContain('账号已停用');
      expect(await readPhone(page)).toEqual({ outbox: [], cache: {} });
    } finally {
      await context.close();
    }
  });

  it('logout without signal: asked about the unsent record, the phone is wiped, the session ends when back online', async () => {
    const worker = await newWorker('out');
    const context = await newContext(browser, base, viewports.phone);
    try {
      const page = await openKit(context, worker);
      const stamp = `退出${Date.now().toString(36)}`;
      await context.setOffline(true);
      await withScreenshot(page, 'revoked-logout-offline', async () => {
        await logOffline(page, '工作笔记', `${stamp} 演示居民乙反映楼道灯坏了。`);
        await page.getByTestId('field-nav-home').click();
        await expect.poll(() => pending(page)).toBe(1);
      });

      await withScreenshot(page, 'revoked-logout-confirm', async () => {
        await page.getByTestId('field-logout').click();
        // One record would go with the logout: the worker is asked, and may still stay.
        await page.getByText('还有 1 条记录未能同步').waitFor();
        await page.getByRole('button', { name: '先不退出' }).click();
        expect((await readPhone(page)).outbox).toHaveLength(1);
        await page.getByTestId('field-logout').click();
        await page.locator('#field-logout-confirm').click();
        // Without signal the login page (the staff entry) cannot open: the kit says the worker is out.
        await page.getByTestId('field-signed-out').waitFor({ timeout: 20_000 });
        // And it stays so: nothing in the kit still takes the worker for signed in.
        await page.waitForTimeout(1000);
        expect(await page.getByTestId('field-worker').count()).toBe(0);
        await page.getByTestId('field-signed-out').waitFor();
      });
      expect(await readPhone(page)).toEqual({ outbox: [], cache: {} });
      expect(await phoneText(page)).not.toContain(stamp);

      // The server session outlived the offline logout only until the signal came back; the kit then
      // opens the login page.
      await context.setOffline(false);
      await page.waitForURL(/\/login/, { timeout: 20_000 });
      await page.getByTestId('login-submit').waitFor({ timeout: 10_000 });
      await page.goto('/field');
      await page.waitForURL(/\/login/, { timeout: 20_000 });
      await expect
        .poll(async () => (await context.request.get('/api/auth/me')).status(), { timeout: 10_000 })
        .toBe(401);
      expect(await readPhone(page)).toEqual({ outbox: [], cache: {} });
    } finally {
      await context.close();
    }
  });
});
