/**
 * 风险预警 in the browser: a village clerk registers the third wage-arrears dispute of one person
 * (through the API); the per-matter rule warns at intake; the district leader follows the dashboard's 风险预警 button, sees why
 * it fired, follows the link to the matter, comes back and dismisses it with a reason. Desktop and a
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

/** Three wage disputes of one (fresh) phone; returns the code of the last, which the rule warns about. */
async function repeatedWageDisputes(phone: string): Promise<string> {
  const api = await request.newContext({ baseURL: base });
  try {
    const { headers, user } = await apiLogin(api, CLERK);
    let code = '';
    for (let i = 0; i < 3; i++) {
      const res = await api.post('/api/matters', {
        headers,
        data: {
          kind: 'dispute',
          channel: 'walk_in',
          categoryCode: 'MED-16',
          title: '拖欠农民工工资',
          description: `在工地务工数月，包工头以工程款未结为由拖欠工资（第${i + 1}次反映）。`,
          riskGrade: 'orange',
          place: { villageId: user.org!.id, address: `某巷 ${i + 10} 号` },
          parties: [
            { role: 'applicant', name: '赵甲乙', phone },
            { role: 'respondent', name: '某劳务公司' },
          ],
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      code = ((await res.json()) as { matter: { code: string } }).matter.code;
      // Earlier matters count only when strictly earlier.
      await new Promise((r) => setTimeout(r, 20));
    }
    return code;
  } finally {
    await api.dispose();
  }
}

describe('risk early warning', () => {
  for (const vp of [viewports.desktop, viewports.phone]) {
    it(`shows why a warning fired, links its matter and dismisses it with a reason (${vp.name})`, async () => {
      const phone = `136${String(Date.now() % 100_000_000).padStart(8, '0')}`;
      const code = await repeatedWageDisputes(phone);
      const context = await newContext(browser, base, vp);
      const page = await context.newPage();
      try {
        await withScreenshot(page, `risk-${vp.name}`, async () => {
          await login(page, LEADER);
          await page.goto('/dashboard');
          await page.getByRole('button', { name: /风险预警：待处置 \d+ 条/ }).click();
          await page.waitForURL(/\/risk$/);
          await page.getByText('各规则误报排除率').waitFor({ timeout: 30_000 });
          // Other rules (the same person returning, a spike) may list the same matter: take the
          // escalation warning of this matter.
          const card = page
            .locator('.ant-card')
            .filter({ hasText: '单件事项升级风险' })
            .filter({ has: page.getByRole('link', { name: code }) });
          await card.waitFor({ timeout: 20_000 });
          expect(await card.textContent()).toContain('同一反映人近一年已反映2次');
          await card.getByRole('link', { name: code }).click();
          await page.waitForURL(/\/matters\/[0-9a-f-]{36}$/);
          expect(await page.getByTestId('matter-code').textContent()).toBe(code);
          await page.goBack();
          await card.getByRole('button', { name: '排除' }).click();
          const dialog = page.getByRole('dialog');
          await dialog.getByRole('button', { name: '确认排除' }).click();
          await dialog.getByText('请说明排除理由').waitFor();
          await dialog.getByLabel('排除理由').fill('经核实已由劳动监察立案处理');
          await dialog.getByRole('button', { name: '确认排除' }).click();
          await card.waitFor({ state: 'detached', timeout: 20_000 });
        });
      } finally {
        await context.close();
      }
    });
  }
});
