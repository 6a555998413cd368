import { describe, expect, it } from 'vitest';
import { newContext, openSuiteBrowser, viewports, withScreenshot } from './browser';
import { apiLogin, DEMO_PASSWORD, login, motionSettled, pickOption } from './matters';

const { browser, base } = await openSuiteBrowser();

describe('a town’s own residents’ entry', () => {
  it('is added by the administrator with a QR code and opened on a resident’s phone', async () => {
    const adminApi = await browser.newContext({ baseURL: base });
    const admin = await apiLogin(adminApi.request, { username: 'admin', password: DEMO_PASSWORD });
    const original = (await (
      await adminApi.request.get('/api/config/town-portals', { headers: admin.headers })
    ).json()) as { version: number; portals: { placeName?: string | null }[] };
    const desk = await newContext(browser, base, viewports.desktop);
    const phone = await newContext(browser, base, viewports.phone);
    try {
      const page = await desk.newPage();
      await withScreenshot(page, 'town-portal-admin', async () => {
        await login(page, { username: 'admin', password: DEMO_PASSWORD });
        await page.getByRole('menuitem', { name: '掌上入口' }).click();
        await expect.poll(() => page.getByTestId('portals-table').textContent()).toContain('掌上四坝');
        await page.getByTestId('portal-add').click();
        await motionSettled(page);
        await page.getByTestId('portal-title').fill('掌上西营');
        await page.getByTestId('portal-slug').fill('xiying');
        await pickOption(page, 'portal-place', '西营镇', '西营镇');
        await page.getByRole('button', { name: '添加通知' }).click();
        await page.getByLabel('通知标题').fill('冬季矛盾纠纷排查');
        await page.getByLabel('通知日期').fill('2026-12-01');
        await page
          .getByLabel('通知内容')
          .fill('12 月起各村开展矛盾纠纷大排查，有事可到村综治中心或在手机上反映。');
        await page.getByTestId('portal-modal-ok').click();
        await expect
          .poll(() => page.getByTestId('portals-version').textContent(), { timeout: 10_000 })
          .toBe(`第 ${original.version + 1} 版`);
        await page.getByTestId('portal-qr-xiying').click();
        await page.getByTestId('portal-qr').locator('canvas').waitFor();
        expect(await page.getByTestId('portal-url').textContent()).toBe(
          `${base.replace(/\/$/, '')}/t/xiying`,
        );
      });

      const resident = await phone.newPage();
      await withScreenshot(resident, 'town-portal-phone', async () => {
        await resident.goto('/t/xiying');
        const portal = resident.getByTestId('town-portal');
        await portal.waitFor();
        expect(await resident.locator('h1').textContent()).toBe('掌上西营');
        expect(await resident.getByTestId('town-portal-center').textContent()).toContain('西营镇综治中心');
        expect(await resident.getByTestId('town-portal-notices').textContent()).toContain('冬季矛盾纠纷排查');
        expect(await resident.getByTestId('town-portal-services').textContent()).toContain('办事指南');
        expect(await resident.title()).toBe('掌上西营 · 综治');
        expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        await resident.getByTestId('town-portal-submit').click();
        await resident.waitForURL('**/public/submit');
        await resident.getByTestId('public-title').waitFor();
        expect(await resident.title()).toBe('群众办事 · 综治');
        // Back to the town's page, as a resident would.
        await resident.goBack();
        await resident.getByTestId('town-portal').waitFor();
      });

      await resident.goto(`/t/${encodeURIComponent('四坝')}`);
      await resident.getByTestId('town-portal').waitFor();
      expect(await resident.locator('h1').textContent()).toBe('掌上四坝');

      await resident.goto('/t/nowhere');
      await expect
        .poll(() => resident.getByRole('alert').textContent(), { timeout: 10_000 })
        .toContain('没有这个掌上入口');
    } finally {
      const now = (await (
        await adminApi.request.get('/api/config/town-portals', { headers: admin.headers })
      ).json()) as { version: number };
      await adminApi.request.put('/api/config/town-portals', {
        headers: admin.headers,
        data: { baseVersion: now.version, portals: original.portals.map(({ placeName: _, ...p }) => p) },
      });
      await phone.close();
      await desk.close();
      await adminApi.close();
    }
  });
});
