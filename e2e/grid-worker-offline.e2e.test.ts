/**
 * Journey: a grid worker on a 375 px phone opens the kit once with signal (the service worker keeps
 * the app), loses the network, makes three reports, closes the tab, opens the app again still
 * offline (the three wait on the phone), gets the network back, and the three arrive exactly once.
 * Then a flaky connection: the server handles a report but the answer is lost on the way back; the
 * phone sends it again and there is still one matter.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newContext, openSuiteBrowser, viewports, withScreenshot } from './browser';
import { DEMO_PASSWORD } from './matters';

const WORKER = 'town01-gw1';

const { browser, base } = await openSuiteBrowser();

async function loginToField(page: Page): Promise<void> {
  await page.goto('/login?next=%2Ffield');
  await page.getByLabel('用户名').fill(WORKER);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('field-worker').waitFor({ timeout: 20_000 });
}

async function pending(page: Page): Promise<number> {
  return Number(await page.getByTestId('outbox-pending').textContent());
}

async function report(page: Page, title: string): Promise<void> {
  await page.getByTestId('field-nav-report').click();
  await page.getByText('安全隐患', { exact: true }).click();
  await page.getByTestId('field-description').fill(`${title}：巷口电线老化外露，雨天有漏电危险。`);
  await page.getByTestId('field-title').fill(title);
  await page.getByTestId('field-report-submit').click();
  await expect
    .poll(async () => (await page.getByTestId('field-report-saved').textContent()) ?? '', { timeout: 10_000 })
    .toContain(title);
}

/** The matters the server holds under this title, read with the worker's own session. */
async function mattersTitled(context: BrowserContext, stamp: string): Promise<string[]> {
  const res = await context.request.get(`${base}/api/matters?q=${encodeURIComponent(stamp)}&pageSize=50`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: { title: string }[] };
  return body.items.map((m) => m.title).sort();
}

describe('grid worker offline kit (phone)', () => {
  it('opens the kit for a grid worker who logs in from the plain login page', async () => {
    const context = await newContext(browser, base, viewports.phone);
    const page = await context.newPage();
    try {
      await withScreenshot(page, 'field-login-landing', async () => {
        await page.goto('/login');
        await page.getByLabel('用户名').fill(WORKER);
        await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('field-worker').waitFor({ timeout: 20_000 });
        expect(new URL(page.url()).pathname).toBe('/field');
      });
    } finally {
      await context.close();
    }
  });

  it('three reports made offline arrive exactly once after reconnecting', async () => {
    const context = await newContext(browser, base, viewports.phone);
    let page = await context.newPage();
    try {
      await withScreenshot(page, 'field-offline-setup', async () => {
        await loginToField(page);
        // The service worker keeps the app shell; it must control the page before the network goes.
        await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
          timeout: 20_000,
        });
        await expect.poll(() => pending(page)).toBe(0);
      });

      const stamp = `离线${Date.now().toString(36)}`;
      const titles = [1, 2, 3].map((i) => `${stamp}-第${i}件`);
      await context.setOffline(true);
      await withScreenshot(page, 'field-offline-reports', async () => {
        await expect.poll(() => page.getByTestId('field-online').textContent()).toBe('离线');
        for (const t of titles) await report(page, t);
        await page.getByTestId('field-nav-home').click();
        await expect.poll(() => pending(page)).toBe(3);
      });

      // Close the tab; open the app again, still without signal: the outbox is still there.
      await page.close();
      page = await context.newPage();
      await withScreenshot(page, 'field-offline-reopen', async () => {
        await page.goto('/field');
        await page.getByTestId('field-worker').waitFor({ timeout: 20_000 });
        await expect.poll(() => pending(page), { timeout: 10_000 }).toBe(3);
        expect(await page.getByTestId('outbox-item').count()).toBe(3);
      });

      await context.setOffline(false);
      await withScreenshot(page, 'field-offline-sync', async () => {
        await expect.poll(() => pending(page), { timeout: 30_000 }).toBe(0);
        await expect.poll(() => page.getByTestId('outbox-sent').count()).toBeGreaterThanOrEqual(3);
      });
      expect(await mattersTitled(context, stamp)).toEqual(titles);
      // A second sync sends nothing again.
      await page.getByTestId('field-sync').click();
      await page.waitForTimeout(1500);
      expect(await mattersTitled(context, stamp)).toEqual(titles);
    } finally {
      await context.close();
    }
  });

  it('a submission whose answer is lost is retried and still makes one matter', async () => {
    const vp = viewports.phone;
    // No service worker here: the route below must see the request itself.
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: vp.width, height: vp.height },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    let handledThenDropped = 0;
    let continued = 0;
    await context.route('**/api/field/reports', async (route) => {
      if (handledThenDropped === 0) {
        handledThenDropped++;
        // The server receives and handles the report; the answer never reaches the phone.
        const res = await route.fetch();
        expect(res.status()).toBe(201);
        await route.abort('connectionreset');
        return;
      }
      continued++;
      await route.continue();
    });
    try {
      const title = `断线重发${Date.now().toString(36)}`;
      await withScreenshot(page, 'field-flaky', async () => {
        await loginToField(page);
        await report(page, title);
        await page.getByTestId('field-nav-home').click();
        // The lost answer leaves the report waiting on the phone; the next sync sends it again.
        await expect.poll(() => handledThenDropped, { timeout: 15_000 }).toBe(1);
        await expect.poll(() => pending(page), { timeout: 10_000 }).toBe(1);
        await page.getByTestId('field-sync').click();
        await expect.poll(() => pending(page), { timeout: 20_000 }).toBe(0);
      });
      expect(continued).toBeGreaterThanOrEqual(1);
      expect(await mattersTitled(context, title)).toEqual([title]);
      const receipt = await page.getByTestId('outbox-sent').first().textContent();
      expect(receipt).toMatch(/620602-\d{4}-\d{6}/);
    } finally {
      await context.close();
    }
  });
});
