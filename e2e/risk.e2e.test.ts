/**
 * 风险预警 in the browser: a village clerk registers the third wage-arrears dispute of one person
 * (through the API); the per-matter rule warns at intake; the district leader follows the dashboard's 风险预警 button, sees why
 * it fired, follows the link to the matter, comes back and dismisses it with a reason. Then
 * 列入研判会议: another such warning goes onto a new meeting of the district 研判会 (desktop) or the
 * one already planned (phone), the warning shows the link, and the meeting's agenda holds the matter
 * with the warning's explanation. Desktop and a 375 px phone.
 */
import type { Browser } from 'playwright-core';
import { request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { apiLogin, apiResponse, DEMO_PASSWORD, login, motionSettled, pickOption } from './matters';

const CLERK = { username: 'village-clerk', password: DEMO_PASSWORD };
const LEADER = { username: 'leader', password: DEMO_PASSWORD };
const ADMIN = { username: 'admin', password: DEMO_PASSWORD };

let browser: Browser;
let base: string;

beforeAll(async () => {
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
});

/** The district's 研判会, created once through the API when the shared server has none yet. */
async function ensureReviewBody(): Promise<void> {
  const api = await request.newContext({ baseURL: base });
  try {
    const { headers, user } = await apiLogin(api, LEADER);
    const opts = (await (await api.get('/api/risk/review-meetings')).json()) as { bodies: unknown[] };
    if (opts.bodies.length > 0) return;
    const res = await api.post('/api/deliberation/bodies', {
      headers,
      data: {
        orgId: user.org!.id,
        kind: 'risk_review',
        name: '区社会治安研判调度会',
        termStart: '2026-01-01',
        termEnd: '2028-12-31',
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  } finally {
    await api.dispose();
  }
}

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

  for (const vp of [viewports.desktop, viewports.phone]) {
    it(`puts a warning before a 研判 meeting and shows the link (${vp.name})`, async () => {
      await ensureReviewBody();
      const phone = `137${String(Date.now() % 100_000_000).padStart(8, '0')}`;
      const code = await repeatedWageDisputes(phone);
      const context = await newContext(browser, base, vp);
      const page = await context.newPage();
      try {
        await withScreenshot(page, `risk-review-${vp.name}`, async () => {
          await login(page, LEADER);
          await page.goto('/risk');
          const card = page
            .locator('.ant-card')
            .filter({ hasText: '单件事项升级风险' })
            .filter({ has: page.getByRole('link', { name: code }) });
          await card.waitFor({ timeout: 30_000 });
          await card.getByRole('button', { name: '列入研判会议' }).click();
          const dialog = page.getByRole('dialog');
          await motionSettled(page);
          if (vp === viewports.desktop) {
            await dialog.getByText('新建一次会议').click();
            await dialog.getByTestId('review-topic').fill('欠薪问题专题研判');
            await dialog.getByTestId('review-place').fill('区综治中心二楼会商室');
          } else {
            await dialog.getByText('已安排的会议').click();
            await pickOption(page, 'review-meeting', '', '欠薪问题专题研判');
          }
          await dialog.getByRole('button', { name: '列入议程' }).click();
          await card.waitFor({ state: 'detached', timeout: 20_000 });

          await pickOption(page, 'risk-status', '', '已列入研判');
          const done = page.locator('.ant-card').filter({ has: page.getByRole('link', { name: code }) });
          const linked = done.filter({ hasText: '已列入研判：' });
          await linked.waitFor({ timeout: 20_000 });
          await linked.getByRole('link', { name: /欠薪问题专题研判/ }).click();
          await page.waitForURL(/\/deliberation\/meetings\/[0-9a-f-]{36}$/);
          // The agenda's items (the risk list's cards are still in the DOM right after the URL changes).
          const item = page.locator('[data-testid^="item-"]').filter({ hasText: code });
          await item.waitFor({ timeout: 20_000 });
          expect(await item.textContent()).toContain('研判依据：');
          expect(await item.textContent()).toContain('同一反映人近一年已反映2次');
        });
      } finally {
        await context.close();
      }
    });
  }

  it('the administrator edits a threshold of the risk policy and saves a version (phone)', async () => {
    const context = await newContext(browser, base, viewports.phone);
    const page = await context.newPage();
    try {
      await withScreenshot(page, 'risk-policies-phone', async () => {
        await login(page, ADMIN);
        await page.goto('/config/risk-policies');
        const field = page.getByLabel('同一人或地址反复反映·统计窗口');
        await field.waitFor({ timeout: 30_000 });
        const was = Number(await field.inputValue());
        // One day longer, then back: journeys share the server, and the rules must end as they were.
        for (const value of [was + 1, was]) {
          await field.fill(String(value));
          const saved = apiResponse(page, 'PUT', /^\/api\/config\/risk-policies$/);
          await page.getByTestId('risk-policies-save').click();
          const res = await saved;
          expect(res.status(), await res.text()).toBe(200);
          expect(await field.inputValue()).toBe(String(value));
        }
      });
    } finally {
      await context.close();
    }
  });
});
