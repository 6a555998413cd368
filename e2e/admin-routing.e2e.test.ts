/**
 * Journeys of the business administrator's console.
 *
 * Routing: the business administrator opens 分流规则, sends the county's yellow neighbours' disputes to
 * the town instead of the village, saves a new version, checks it in the "test a matter" box, and a
 * resident's dispute submitted online afterwards goes to the town; one submitted before stays with
 * the village. The rules are put back afterwards so the other journeys see the defaults.
 *
 * Catalog: the administrator opens 事项目录, renames a service item and adds a material to it, saves a
 * new version (shown with who saved it), and a resident on a phone sees both on 办事指南
 * (/public/services). The page is usable at 375 px. The catalog is put back afterwards.
 *
 * Notice templates: the administrator edits the text residents get when their matter is answered; the
 * preview refuses a placeholder the sender does not fill, then shows the text filled with samples, and
 * the save is a new version. The shipped text is put back afterwards.
 */
import type { APIRequestContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newContext, openSuiteBrowser, viewports, withScreenshot } from './browser';
import { apiLogin, DEMO_PASSWORD, login, motionSettled, pickOption } from './matters';

const { browser, base } = await openSuiteBrowser();

async function submitOnline(api: APIRequestContext, villageId: string, title: string) {
  const res = await api.post('/api/public/matters', {
    data: {
      countyCode: '620602',
      kind: 'dispute',
      channel: 'online',
      categoryCode: 'MED-02',
      title,
      description: '两户邻居因院墙排水问题发生争执，多次协商未果。',
      place: { villageId },
      parties: [{ role: 'applicant', name: '孙某', phone: '13700002222' }],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { tracking: { holder: string } }).tracking.holder;
}

describe('administrator console (desktop)', () => {
  it('changes a routing rule and a new matter follows it', async () => {
    const context = await newContext(browser, base, viewports.desktop);
    const page = await context.newPage();
    // The administrator's API calls go through a context of their own (the page logs in itself).
    const adminApi = await browser.newContext({ baseURL: base });
    const admin = await apiLogin(adminApi.request, { username: 'admin', password: DEMO_PASSWORD });
    const original = (await (
      await adminApi.request.get('/api/config/routing-rules', { headers: admin.headers })
    ).json()) as { version: number; rules: unknown[] };
    // The village of the demo village clerk and its town, as the resident will see them named.
    const anon = await browser.newContext({ baseURL: base });
    const clerk = await apiLogin(anon.request, { username: 'village-clerk', password: DEMO_PASSWORD });
    const villageId = clerk.user.org!.id;
    await anon.close();
    const village = (await (await adminApi.request.get(`/api/orgs/${villageId}`)).json()) as {
      parentId: string;
      name: string;
      centerName: string | null;
    };
    const town = (await (await adminApi.request.get(`/api/orgs/${village.parentId}`)).json()) as {
      name: string;
      centerName: string | null;
    };
    const resident = await browser.newContext({ baseURL: base });
    try {
      const before = await submitOnline(resident.request, villageId, '改规则前的邻里纠纷');
      expect(before).toBe(village.centerName ?? village.name);

      await withScreenshot(page, 'admin-routing-edit', async () => {
        await login(page, { username: 'admin', password: DEMO_PASSWORD });
        await page.getByRole('menuitem', { name: '分流规则' }).click();
        await page.getByTestId('rule-edit-dispute-yellow-village').click();
        await motionSettled(page);
        await pickOption(page, 'rule-level', '', '镇（街道）');
        await page.getByTestId('rule-reason').fill('黄色风险的一般纠纷改由镇（街道）综治中心调处（试行）。');
        await page.getByTestId('rule-modal-ok').click();
        await page.getByTestId('rules-save').click();
        await expect
          .poll(() => page.getByTestId('rules-version').textContent(), { timeout: 10_000 })
          .toBe(`第 ${original.version + 1} 版`);
      });

      await withScreenshot(page, 'admin-routing-test', async () => {
        await pickOption(page, 'route-test-category', '邻里', '邻里');
        await pickOption(page, 'route-test-risk', '', '黄色');
        await page.getByTestId('route-test-run').click();
        await expect
          .poll(() => page.getByTestId('route-test-result').textContent(), { timeout: 10_000 })
          .toContain('镇（街道）');
      });

      const after = await submitOnline(resident.request, villageId, '改规则后的邻里纠纷');
      expect(after).toBe(town.centerName ?? town.name);

      // The change is in the event log (read by the audit administrator).
      const auditor = await browser.newContext({ baseURL: base });
      const a = await apiLogin(auditor.request, { username: 'auditor', password: DEMO_PASSWORD });
      const events = (await (
        await auditor.request.get('/api/events?pageSize=50', { headers: a.headers })
      ).json()) as { items: { action: string }[] };
      await auditor.close();
      expect(events.items.map((e) => e.action)).toContain('config.routing_rules_saved');
    } finally {
      // Put the defaults back on top for the journeys that follow.
      const now = (await (
        await adminApi.request.get('/api/config/routing-rules', { headers: admin.headers })
      ).json()) as { version: number };
      await adminApi.request.put('/api/config/routing-rules', {
        headers: admin.headers,
        data: { rules: original.rules, baseVersion: now.version },
      });
      await resident.close();
      await adminApi.close();
      await context.close();
    }
  });
});

describe('administrator console: the service catalog', () => {
  it('edits a service item and residents see it on /public/services', async () => {
    const adminApi = await browser.newContext({ baseURL: base });
    const admin = await apiLogin(adminApi.request, { username: 'admin', password: DEMO_PASSWORD });
    const original = (await (
      await adminApi.request.get('/api/config/catalog', { headers: admin.headers })
    ).json()) as { version: number; categories: unknown[]; services: { code: string; name: string }[] };
    const item = original.services.find((s) => s.code === 'SVC-13')!;
    const newName = `${item.name}（本县试行）`;
    const material = '村（社区）便民服务卡（测试）';
    const context = await newContext(browser, base, viewports.desktop);
    const page = await context.newPage();
    const phone = await newContext(browser, base, viewports.phone);
    try {
      await withScreenshot(page, 'admin-catalog-edit', async () => {
        await login(page, { username: 'admin', password: DEMO_PASSWORD });
        await page.getByRole('menuitem', { name: '事项目录' }).click();
        await page.getByTestId('service-edit-SVC-13').click();
        await motionSettled(page);
        await page.getByTestId('service-name').fill(newName);
        await page.getByTestId('material-add').click();
        const rows = page.locator('[data-testid^="material-name-"]');
        await rows.last().fill(material);
        await page.getByTestId('service-modal-ok').click();
        await expect
          .poll(() => page.getByTestId('catalog-version').textContent(), { timeout: 10_000 })
          .toBe(`第 ${original.version + 1} 版`);
        await page.getByRole('tab', { name: '版本记录' }).click();
        const history = page.getByTestId('catalog-history');
        await expect.poll(() => history.textContent()).toContain(`第 ${original.version + 1} 版`);
        // Who saved it: the administrator's name as the login answered it.
        const { displayName } = admin.user as unknown as { displayName: string };
        expect(await history.textContent()).toContain(displayName);
      });

      const resident = await phone.newPage();
      await withScreenshot(resident, 'admin-catalog-public', async () => {
        await resident.goto('/public/services');
        await resident.getByTestId('service-SVC-13').click();
        const catalog = resident.getByTestId('public-services');
        await expect.poll(() => catalog.textContent(), { timeout: 10_000 }).toContain(material);
        expect(await catalog.textContent()).toContain(newName);
        expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      });

      // The console page itself on a phone: tables scroll inside their cards, the page does not.
      const adminPhone = await phone.newPage();
      await withScreenshot(adminPhone, 'admin-catalog-phone', async () => {
        await login(adminPhone, { username: 'admin', password: DEMO_PASSWORD });
        await adminPhone.goto('/config/catalog');
        await expect
          .poll(() => adminPhone.getByTestId('catalog-version').textContent(), { timeout: 10_000 })
          .toBe(`第 ${original.version + 1} 版`);
        expect(await adminPhone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          375,
        );
      });

      // The change is in the event log (read by the audit administrator).
      const auditor = await browser.newContext({ baseURL: base });
      const a = await apiLogin(auditor.request, { username: 'auditor', password: DEMO_PASSWORD });
      const events = (await (
        await auditor.request.get('/api/events?pageSize=50', { headers: a.headers })
      ).json()) as { items: { action: string }[] };
      await auditor.close();
      expect(events.items.map((e) => e.action)).toContain('config.catalog_saved');
    } finally {
      // Put the shipped catalog back on top (as a new version) for the journeys that follow.
      const now = (await (
        await adminApi.request.get('/api/config/catalog', { headers: admin.headers })
      ).json()) as { version: number };
      await adminApi.request.put('/api/config/catalog', {
        headers: admin.headers,
        data: { baseVersion: now.version, categories: original.categories, services: original.services },
      });
      await phone.close();
      await adminApi.close();
      await context.close();
    }
  });
});

describe('administrator console: notice templates', () => {
  it('previews an edited text, refuses an unknown placeholder, and saves a new version', async () => {
    const adminApi = await browser.newContext({ baseURL: base });
    const admin = await apiLogin(adminApi.request, { username: 'admin', password: DEMO_PASSWORD });
    const original = (await (
      await adminApi.request.get('/api/config/notice-templates', { headers: admin.headers })
    ).json()) as { version: number; templates: { code: string; title: string; text: string }[] };
    const answered = original.templates.find((x) => x.code === 'matter_answered')!;
    const context = await newContext(browser, base, viewports.desktop);
    const page = await context.newPage();
    try {
      await withScreenshot(page, 'admin-notice-templates', async () => {
        await login(page, { username: 'admin', password: DEMO_PASSWORD });
        await page.getByRole('menuitem', { name: '事项目录' }).click();
        await page.getByRole('tab', { name: '通知模板' }).click();
        await page.getByTestId('notice-edit-matter_answered').click();
        await motionSettled(page);
        const text = page.getByTestId('notice-text');
        await text.fill('【综治】您的事项 {code} 已由{org}答复，经办人 {handler}。');
        await page.getByTestId('notice-preview').click();
        const result = page.getByTestId('notice-preview-result');
        await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain('{handler} 不可用');
        await text.fill('【综治】您的事项 {code} 已由{org}答复，请凭编号和查询码查看并评价。');
        await page.getByTestId('notice-preview').click();
        await expect
          .poll(() => result.textContent(), { timeout: 10_000 })
          .toContain('您的事项 620602-2026-000123 已由四坝镇综治中心答复');
        await page.getByTestId('notice-modal-ok').click();
        await expect
          .poll(() => page.getByTestId('notices-version').textContent(), { timeout: 10_000 })
          .toBe(`第 ${original.version + 1} 版`);
      });
    } finally {
      const now = (await (
        await adminApi.request.get('/api/config/notice-templates', { headers: admin.headers })
      ).json()) as { version: number };
      await adminApi.request.put('/api/config/notice-templates', {
        headers: admin.headers,
        data: {
          baseVersion: now.version,
          templates: [{ code: answered.code, title: answered.title, text: answered.text }],
        },
      });
      await adminApi.close();
      await context.close();
    }
  });
});
