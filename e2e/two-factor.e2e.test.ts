/**
 * Journey (docs/SECURITY.md G9): on a 375 px phone a new leader binds an authenticator (QR code and
 * key shown, first code typed, the ten recovery codes shown once), logs out, and logs in again with
 * password and the authenticator's code; a recovery code then works once. The demo server does not
 * require the second factor (ZONGZHI_2FA defaults to optional in the demo), so this account opts in.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { codeAt } from '../server/src/modules/auth/totp';
import { baseUrl, launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { apiLogin, DEMO_PASSWORD } from './matters';

let browser: Browser;
let base: string;

beforeAll(async () => {
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A leader of the district with a password of their own (not one that must be changed). */
async function newLeader(): Promise<{ username: string; password: string }> {
  const ctx = await newContext(browser, base, viewports.desktop);
  try {
    const sys = await apiLogin(ctx.request, { username: 'sysadmin', password: DEMO_PASSWORD });
    const username = `e2e-2fa-${Date.now().toString(36)}`;
    const initial = 'e2e-initial-Pw-2026';
    const made = await ctx.request.post('/api/users', {
      headers: sys.headers,
      data: {
        username,
        displayName: '两步验证领导（演示）',
        orgId: sys.user.org!.id,
        roles: ['leader'],
        password: initial,
      },
    });
    expect(made.status(), await made.text()).toBe(201);
    await ctx.request.post('/api/auth/logout', { headers: sys.headers });
    const own = await apiLogin(ctx.request, { username, password: initial });
    const password = 'e2e-own-Pw-2026';
    const changed = await ctx.request.post('/api/auth/password', {
      headers: own.headers,
      data: { oldPassword: initial, newPassword: password },
    });
    expect(changed.status(), await changed.text()).toBe(204);
    return { username, password };
  } finally {
    await ctx.close();
  }
}

async function fillLogin(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
}

async function logout(page: Page) {
  if (!(await page.getByTestId('logout').isVisible())) await page.getByTestId('open-nav').click();
  await page.getByTestId('logout').click();
  await page.getByTestId('login-submit').waitFor();
}

describe('two-factor login on a phone', () => {
  it('binds an authenticator, then logs in with its code and once with a recovery code', async () => {
    const who = await newLeader();
    const ctx = await newContext(browser, base, viewports.phone);
    const page = await ctx.newPage();
    try {
      await withScreenshot(page, 'two-factor', async () => {
        await fillLogin(page, who.username, who.password);
        await page.getByTestId('greeting').waitFor({ timeout: 20_000 });

        await page.getByTestId('open-nav').click();
        await page.getByTestId('two-factor').click();
        await page.getByTestId('totp-start').click();
        await page.getByTestId('totp-qr').waitFor();
        const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
        expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(viewports.phone.width);
        await page.getByTestId('totp-code').fill(codeAt(secret, new Date()));
        await page.getByTestId('totp-confirm').click();
        const codes = page.getByTestId('totp-recovery-codes').locator('li');
        await codes.first().waitFor();
        expect(await codes.count()).toBe(10);
        const recovery = ((await codes.nth(0).textContent()) ?? '').trim();
        await page.getByTestId('totp-done').click();
        await page.getByTestId('totp-modal').waitFor({ state: 'detached' });

        await logout(page);
        await fillLogin(page, who.username, who.password);
        // The password was right: the code is asked for, the password kept.
        const otp = page.getByTestId('login-otp');
        await otp.waitFor();
        await otp.fill('000000');
        await page.getByTestId('login-submit').click();
        await page.getByTestId('login-error').waitFor();
        // The step after the one used at binding (one step of skew is accepted).
        await otp.fill(codeAt(secret, new Date(Date.now() + 30_000)));
        await page.getByTestId('login-submit').click();
        await page.getByTestId('greeting').waitFor({ timeout: 20_000 });

        await logout(page);
        await fillLogin(page, who.username, who.password);
        await otp.fill(recovery);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('greeting').waitFor({ timeout: 20_000 });
        await logout(page);
        await fillLogin(page, who.username, who.password);
        await otp.fill(recovery);
        await page.getByTestId('login-submit').click();
        await expect(page.getByTestId('login-error').textContent()).resolves.toContain('已经用过');
      });
    } finally {
      await ctx.close();
    }
  }, 180_000);
});
