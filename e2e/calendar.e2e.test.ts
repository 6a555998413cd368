/**
 * The calendar never stops the work (issue 13), in a browser, on a server whose clock starts at
 * 2026-12-29 09:00 (ZONGZHI_CLOCK), when 2027 has no holiday arrangement yet:
 * - the header says the clock is simulated; the administrator and the leader are told 2027 is missing;
 * - a dispute registered at the village window gets its 受理 date counted on weekends only, 暂定 on
 *   the matter page and on the resident's tracking page (phone);
 * - the administrator pastes the (sample) 2027 notice on 节假日安排, sees the year as a calendar,
 *   corrects a day by clicking it and back, and saves;
 * - the dispute's date moves past New Year's Day, no longer 暂定, and the village clerk finds an
 *   in-app message saying so; the sweep has run every second all along without a single failure.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_2027_NOTICE_TEXT } from '../core/domain/time-limits/holiday-notice.sample';
import { launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { apiLogin, apiResponse, DEMO_PASSWORD, login } from './matters';
import { artifacts, startServer } from './server';

let browser: Browser;
let server: { url: string; stop: () => Promise<void> };

beforeAll(async () => {
  server = await startServer('calendar-clock', {
    ZONGZHI_CLOCK: '2026-12-29T09:00:00+08:00',
    SWEEP_INTERVAL_MS: '1000',
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const PHONE = '13700004321';

describe('holiday arrangements on 2026-12-29, before and after 2027 is loaded', () => {
  it('marks 暂定 everywhere, loads the sample 2027 notice through the page, and moves the date with a message', async () => {
    const base = server.url;
    const health = (await (await fetch(`${base}/healthz`)).json()) as {
      time: string;
      clock: { simulated: boolean };
      calendar: { coveredTo: number; provisionalFrom: number; warning: string };
    };
    expect(health.clock.simulated).toBe(true);
    expect(health.time.slice(0, 10)).toBe('2026-12-29');
    expect(health.calendar).toMatchObject({ coveredTo: 2026, provisionalFrom: 2027 });

    // A resident submits a neighbours' dispute online on the phone-facing API.
    const resident = await browser.newContext({ baseURL: base });
    const clerkApi = await browser.newContext({ baseURL: base });
    const clerk = await apiLogin(clerkApi.request, { username: 'village-clerk', password: DEMO_PASSWORD });
    const submitted = await resident.request.post('/api/public/matters', {
      data: {
        countyCode: '620602',
        kind: 'dispute',
        channel: 'online',
        categoryCode: 'MED-02',
        title: '年底院墙滴水纠纷',
        description: '邻居家院墙滴水到我家院内，多次商量没有结果。',
        place: { villageId: clerk.user.org!.id },
        parties: [{ role: 'applicant', name: '周某某', phone: PHONE }],
      },
    });
    expect(submitted.status(), await submitted.text()).toBe(201);
    const { code, trackingSecret, matterId } = (await submitted.json()) as {
      code: string;
      trackingSecret: string;
      matterId?: string;
    };
    await resident.close();

    // The resident's tracking page on a phone says the date is provisional, and why.
    const phone = await newContext(browser, base, viewports.phone);
    const ppage = await phone.newPage();
    await withScreenshot(ppage, 'calendar-track-provisional', async () => {
      await ppage.goto('/public/track');
      await ppage.getByTestId('track-code').fill(code);
      await ppage.getByTestId('track-secret').fill(trackingSecret);
      await ppage.getByTestId('track-phone').fill(PHONE);
      await ppage.getByTestId('track-submit').click();
      await ppage.getByTestId('track-provisional').first().waitFor();
      expect(await ppage.getByTestId('track-provisional').first().textContent()).toContain(
        '2027 年节假日安排尚未公布，暂按周末推算，公布后自动重算',
      );
    });
    await phone.close();

    // The village clerk's matter page: 暂定 beside the date; the header shows the simulated clock.
    const desk = await newContext(browser, base, viewports.desktop);
    const page = await desk.newPage();
    const list = (await (
      await clerkApi.request.get(`/api/matters?q=${encodeURIComponent(code)}`, { headers: clerk.headers })
    ).json()) as { items: { id: string; code: string }[] };
    const id = matterId ?? list.items.find((m) => m.code === code)!.id;
    await withScreenshot(page, 'calendar-matter-provisional', async () => {
      await login(page, { username: 'village-clerk', password: DEMO_PASSWORD });
      await page.getByTestId('simulated-clock').waitFor();
      expect(await page.getByTestId('simulated-clock').textContent()).toContain('2026/12/29');
      await page.goto(`/matters/${id}`);
      await page.getByTestId('matter-deadlines').waitFor();
      const text = (await page.getByTestId('matter-deadlines').textContent()) ?? '';
      // 3 working days from Tuesday 12-29: 12-30, 12-31 and Friday 2027-01-01, provisionally.
      expect(text).toContain('2027-01-01');
      expect(text).toContain('暂定：2027 年节假日安排尚未公布');
    });

    // The administrator loads 2027 from the notice's text.
    const admin = await browser.newContext({
      baseURL: base,
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const apage = await admin.newPage();
    await withScreenshot(apage, 'calendar-admin-load-2027', async () => {
      await login(apage, { username: 'admin', password: DEMO_PASSWORD });
      await apage.getByTestId('calendar-warning').waitFor();
      expect(await apage.getByTestId('calendar-warning').textContent()).toContain(
        '2027 年节假日安排尚未载入',
      );
      await apage.goto('/config/holidays');
      await apage.getByTestId('holidays-overview').waitFor();
      expect(await apage.getByTestId('provisional-count').textContent()).toMatch(/当前暂定期限：[1-9]/);
      await apage.getByTestId('notice-text').fill(SAMPLE_2027_NOTICE_TEXT);
      const read = apiResponse(apage, 'POST', /^\/api\/config\/holidays\/preview$/);
      await apage.getByRole('button', { name: '识别' }).click();
      expect((await read).status()).toBe(200);
      await apage.getByTestId('holiday-draft').waitFor();
      const cal = apage.getByTestId('holiday-year-calendar');
      expect(await cal.locator('[data-date="2027-02-05"]').getAttribute('data-kind')).toBe('rest');
      expect(await cal.locator('[data-date="2027-01-31"]').getAttribute('data-kind')).toBe('work');
      expect(await cal.locator('[data-date="2027-03-03"]').getAttribute('data-kind')).toBe('plain');
      // A day clicked by mistake, and clicked back.
      const day = cal.locator('[data-date="2027-06-10"]');
      await day.click();
      expect(await day.getAttribute('data-kind')).toBe('rest');
      await day.click();
      expect(await day.getAttribute('data-kind')).toBe('plain');
      const saved = apiResponse(apage, 'PUT', /^\/api\/config\/holidays\/2027$/);
      await apage.getByTestId('save-holidays').click();
      const res = await saved;
      expect(res.status(), await res.text()).toBe(200);
      const body = (await res.json()) as { version: number; recomputed: { moved: number } };
      expect(body.version).toBe(1);
      expect(body.recomputed.moved).toBeGreaterThanOrEqual(1);
      await apage.getByText(/2027 年节假日安排已保存为第 1 版/).waitFor();
    });
    await admin.close();

    // The clerk's page: the date moved past the New Year holiday, no longer provisional; a message says so.
    await withScreenshot(page, 'calendar-matter-recomputed', async () => {
      await page.goto(`/matters/${id}`);
      await page.getByTestId('matter-deadlines').waitFor();
      const text = (await page.getByTestId('matter-deadlines').textContent()) ?? '';
      expect(text).toContain('2027-01-04');
      expect(text).not.toContain('暂定');
      // The outbox delivers within seconds.
      await expect
        .poll(
          async () => {
            await page.goto('/messages');
            // The list arrives after the page's frame: read it once it has loaded (a message or 暂无消息).
            await page.getByTestId('message').first().or(page.getByText('暂无消息')).waitFor();
            return (await page.locator('main').textContent()) ?? '';
          },
          { timeout: 30_000, interval: 2_000 },
        )
        .toContain(`事项 ${code} 的受理决定期限由 2027年1月1日 调整为 2027年1月4日`);
    });
    await desk.close();
    await clerkApi.close();

    // The sweep ran every second through all of this, over matters due in 2027, without one failure.
    const log = readFileSync(path.join(artifacts, 'calendar-clock.log'), 'utf8');
    expect(log).not.toMatch(/deadline sweep failed|未处理，下次再试|CalendarCoverage/);
  });
});
