/**
 * The command dashboard in the browser: a village clerk registers a dispute (through the API), the
 * district leader opens 指挥调度, clicks the live count of matters awaiting acceptance, finds the new
 * matter in the drill-down list and opens it; the wall view (大屏) renders its figures. Desktop and a
 * 375 px phone.
 */

import type { Browser } from 'playwright-core';
import { request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { apiLogin, DEMO_PASSWORD, login } from './matters';

const CLERK = { username: 'village-clerk', password: DEMO_PASSWORD };
const LEADER = { username: 'leader', password: DEMO_PASSWORD };

let browser: Browser;
let base: string;

beforeAll(async () => {
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function registerByApi(title: string): Promise<string> {
  const api = await request.newContext({ baseURL: base });
  try {
    const { headers, user } = await apiLogin(api, CLERK);
    const res = await api.post('/api/matters', {
      headers,
      data: {
        kind: 'dispute',
        channel: 'walk_in',
        categoryCode: 'MED-02',
        title,
        description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
        riskGrade: 'yellow',
        place: { villageId: user.org!.id, address: '某巷 3 号' },
        parties: [
          { role: 'applicant', name: '王甲乙', phone: '13912345678' },
          { role: 'respondent', name: '李丙丁' },
        ],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { matter: { code: string } }).matter.code;
  } finally {
    await api.dispose();
  }
}

describe('command dashboard', () => {
  for (const vp of [viewports.desktop, viewports.phone]) {
    it(`drills from a live count to the matter behind it (${vp.name})`, async () => {
      const code = await registerByApi(`看板下钻测试 ${vp.name}`);
      const context = await newContext(browser, base, vp);
      const page = await context.newPage();
      try {
        await withScreenshot(page, `dashboard-${vp.name}`, async () => {
          await login(page, LEADER);
          await page.goto('/dashboard');
          await page.getByText('按期办结率').first().waitFor({ timeout: 30_000 });
          await page.getByText('待受理/签收').click();
          const link = page.getByRole('link', { name: code });
          await link.waitFor({ timeout: 20_000 });
          await link.click();
          await page.waitForURL(/\/matters\/[0-9a-f-]{36}$/);
          await page.getByTestId('matter-page').waitFor({ timeout: 20_000 });
          expect(await page.getByTestId('matter-code').textContent()).toBe(code);
        });
      } finally {
        await context.close();
      }
    });
  }

  it('shows the wall view full screen with its figures', async () => {
    const context = await newContext(browser, base, {
      name: 'wall',
      width: 1600,
      height: 900,
      mobile: false,
    });
    const page = await context.newPage();
    try {
      await withScreenshot(page, 'dashboard-wall', async () => {
        await login(page, LEADER);
        await page.goto('/dashboard/wall');
        await page.getByText('指挥调度大屏').waitFor({ timeout: 30_000 });
        await page.getByText('满意率').first().waitFor({ timeout: 30_000 });
        expect(await page.locator('canvas').count()).toBeGreaterThan(0);
      });
    } finally {
      await context.close();
    }
  });
});
