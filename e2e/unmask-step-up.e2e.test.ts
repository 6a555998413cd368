/**
 * Journey (docs/SECURITY.md G4, G9): a clerk who bound an authenticator after logging in (so this
 * session has no fresh code, like one opened hours ago) asks for a matter's full parties; the server
 * answers 403 STEP_UP_REQUIRED, the page asks for the authenticator's code, and with it shows the full
 * phone number. A wrong code shows nothing.
 */
import { randomInt } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { codeAt } from '../server/src/modules/auth/totp';
import { baseUrl, launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { apiLogin, DEMO_PASSWORD, login, openMatter } from './matters';

const PHONE = `137${String(randomInt(100_000_000)).padStart(8, '0')}`;

let browser: Browser;
let base: string;

beforeAll(async () => {
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A clerk of the demo village (own password set), and a matter they registered with PHONE. */
async function clerkWithMatter(): Promise<{ username: string; password: string; matterId: string }> {
  const ctx = await newContext(browser, base, viewports.desktop);
  try {
    const village = await apiLogin(ctx.request, { username: 'village-clerk', password: DEMO_PASSWORD });
    await ctx.request.post('/api/auth/logout', { headers: village.headers });
    const sys = await apiLogin(ctx.request, { username: 'sysadmin', password: DEMO_PASSWORD });
    const username = `e2e-unmask-${Date.now().toString(36)}`;
    const initial = 'e2e-initial-Pw-2026';
    const made = await ctx.request.post('/api/users', {
      headers: sys.headers,
      data: {
        username,
        displayName: '两步验证受理员（演示）',
        orgId: village.user.org!.id,
        roles: ['clerk'],
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
    const me = await apiLogin(ctx.request, { username, password });
    const res = await ctx.request.post('/api/matters', {
      headers: me.headers,
      data: {
        kind: 'dispute',
        channel: 'walk_in',
        categoryCode: 'MED-02',
        title: '屋檐滴水纠纷',
        description: '邻居家屋檐滴水到院内，多次协商未果。',
        place: { villageId: village.user.org!.id },
        parties: [{ role: 'applicant', name: '卢某某', phone: PHONE }],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    return { username, password, matterId: ((await res.json()) as { matter: { id: string } }).matter.id };
  } finally {
    await ctx.close();
  }
}

describe('unmasking needs a fresh second factor', () => {
  it('asks a clerk with an authenticator for its code before showing the full parties', async () => {
    const who = await clerkWithMatter();
    const ctx = await newContext(browser, base, viewports.desktop);
    const page = await ctx.newPage();
    const api = await newContext(browser, base, viewports.desktop);
    try {
      // The browser session opens first, before any authenticator: it has no fresh code to show.
      await login(page, who);
      // Then the clerk binds one (from another session, as from a phone).
      const other = await apiLogin(api.request, who);
      const start = await api.request.post('/api/auth/totp/enrol', { headers: other.headers });
      expect(start.status(), await start.text()).toBe(200);
      const { secret } = (await start.json()) as { secret: string };
      const bound = await api.request.post('/api/auth/totp/confirm', {
        headers: other.headers,
        data: { code: codeAt(secret, new Date()) },
      });
      expect(bound.status(), await bound.text()).toBe(200);

      await withScreenshot(page, 'unmask-step-up', async () => {
        await openMatter(page, who.matterId);
        expect(await page.locator('body').textContent()).not.toContain(PHONE);
        const refused = page.waitForResponse(
          (r) => r.url().includes(`/api/matters/${who.matterId}?unmask=true`),
          { timeout: 20_000 },
        );
        await page.getByTestId('parties-unmask').click();
        await page.getByRole('button', { name: '查看并记录' }).click();
        const first = await refused;
        expect(first.status()).toBe(403);
        expect(((await first.json()) as { code: string }).code).toBe('STEP_UP_REQUIRED');
        const code = page.getByTestId('step-up-code');
        await code.waitFor();
        // A wrong code: still asked, nothing shown.
        await code.fill('000000');
        await page.getByTestId('step-up-ok').click();
        await page.getByText('验证码不正确', { exact: false }).first().waitFor({ timeout: 10_000 });
        expect(await page.locator('body').textContent()).not.toContain(PHONE);
        // The next step's code (the binding used this one), then the retried read shows the phone.
        const shown = page.waitForResponse(
          (r) => r.url().includes(`/api/matters/${who.matterId}?unmask=true`) && r.status() === 200,
          { timeout: 20_000 },
        );
        await code.fill(codeAt(secret, new Date(Date.now() + 30_000)));
        await page.getByTestId('step-up-ok').click();
        await shown;
        await page.getByTestId('matter-parties').getByText(PHONE).waitFor({ timeout: 10_000 });
      });
    } finally {
      await api.close();
      await ctx.close();
    }
  }, 180_000);
});
