/**
 * Journey: on a 375 px phone the system administrator opens 接入密钥, issues a key for an Open311 app
 * (shown once), the app files a matter with it, the administrator revokes it, and the same key is then
 * refused. The page must fit the phone without sideways scrolling.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { DEMO_PASSWORD, login, motionSettled } from './matters';

let browser: Browser;
let base: string;

beforeAll(async () => {
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function fitsThePhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(viewports.phone.width);
}

describe('Open311 keys on a phone', () => {
  it('issues a key once, the key files a matter, a revoked key is refused', async () => {
    const ctx = await newContext(browser, base, viewports.phone);
    const page = await ctx.newPage();
    try {
      await withScreenshot(page, 'open311-keys', async () => {
        await login(page, { username: 'sysadmin', password: DEMO_PASSWORD });
        await page.goto('/open311-clients');
        await page.getByText('Open311 接入密钥').first().waitFor();
        await fitsThePhone(page);

        await page.getByTestId('open311-issue').click();
        await page.getByLabel('客户端名称').fill('掌上四坝（测试）');
        await page.getByTestId('open311-issue-ok').click();
        const keyBox = page.getByTestId('open311-key');
        await keyBox.waitFor();
        const apiKey = /o311_[\w-]{43}/.exec((await keyBox.textContent()) ?? '')?.[0] ?? '';
        expect(apiKey, 'the key is shown').not.toBe('');
        await fitsThePhone(page);
        await page.getByRole('button', { name: '我已妥善保存' }).click();
        await keyBox.waitFor({ state: 'detached' });
        await motionSettled(page);
        // The list shows the prefix only, never the key again.
        expect(await page.content()).not.toContain(apiKey);

        const services = await page.request.get('/open311/v2/services.json');
        expect(services.status()).toBe(200);
        const fields: Record<string, string> = {
          api_key: apiKey,
          service_code: 'SVC-03',
          'attribute[category]': 'MED-02',
          address_id: '620602001001',
          phone: '13912345678',
          description: '邻居家排水沟堵塞，雨水倒灌进院子。',
        };
        const filed = await page.request.post('/open311/v2/requests.json', { form: fields });
        expect(filed.status(), await filed.text()).toBe(200);
        expect((await filed.json())[0].service_request_id).toMatch(/^620602-\d{4}-\d{6}$/);

        const prefix = apiKey.slice(0, 11);
        await page.reload();
        await page.getByTestId(`open311-revoke-${prefix}`).click();
        await page.getByTestId('open311-revoke-ok').click();
        await page.getByText('已吊销').first().waitFor();
        const refused = await page.request.post('/open311/v2/requests.json', { form: fields });
        expect(refused.status()).toBe(403);
        expect((await refused.json())[0]).toMatchObject({ code: 403, error_code: 'invalid_api_key' });
      });
    } finally {
      await ctx.close();
    }
  }, 120_000);
});
