/**
 * Counts where the work is: the workbench home shows what waits (待签收/受理, 今日到期, 已超期 …), each
 * figure a link to its queue, and the queue tabs carry the same counts; the queue table keeps its
 * 下一期限 column on screen at 1366 and 1920 px. A village clerk, after registering a matter.
 */
import type { Browser } from 'playwright-core';
import { request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, snapshot, viewports, withScreenshot } from './browser';
import { apiLogin, DEMO_PASSWORD, login } from './matters';

const CLERK = { username: 'village-clerk', password: DEMO_PASSWORD };

let browser: Browser;
let base: string;

beforeAll(async () => {
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
  // A matter waiting to be accepted at the clerk's village, registered through the API.
  const api = await request.newContext({ baseURL: base });
  const s = await apiLogin(api, CLERK);
  const res = await api.post('/api/matters', {
    headers: s.headers,
    data: {
      kind: 'dispute',
      channel: 'walk_in',
      categoryCode: 'MED-02',
      title: '工作台计数用的排水纠纷',
      description: '两户邻居因排水沟堵塞发生纠纷。',
      riskGrade: 'yellow',
      place: { villageId: s.user.org!.id, address: '南苑社区某巷 5 号' },
      parties: [{ role: 'applicant', name: '周一二', phone: '13912340077' }],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  await api.dispose();
});

afterAll(async () => {
  await browser?.close();
});

describe('counts where the work is', () => {
  for (const vp of [
    viewports.desktop,
    { name: 'desktop-1920', width: 1920, height: 1080, mobile: false },
    viewports.phone,
  ]) {
    it(`shows the counts on the home page and the queue tabs (${vp.name})`, async () => {
      const context = await newContext(browser, base, vp);
      const page = await context.newPage();
      try {
        await withScreenshot(page, `workbench-${vp.name}`, async () => {
          await login(page, CLERK);
          await page.goto('/');
          const tile = page.getByTestId('work-count-incoming');
          await tile.waitFor({ timeout: 20_000 });
          await expect
            .poll(async () => Number(/(\d+)/.exec((await tile.textContent()) ?? '')?.[1] ?? 0))
            .toBeGreaterThan(0);
          const waiting = Number(/(\d+)/.exec((await tile.textContent()) ?? '')?.[1]);
          await snapshot(page, `workbench-home-${vp.name}`);

          await tile.click();
          await page.waitForURL(/\/matters\?queue=incoming$/);
          await page.getByTestId('queue-count-incoming').waitFor();
          expect(Number(await page.getByTestId('queue-incoming').getAttribute('data-count'))).toBe(waiting);
          if (!vp.mobile) {
            await page.getByText(`共 ${waiting} 件`).waitFor();
            // 下一期限 is on screen, not cut off to the right.
            const head = page.locator('th', { hasText: '下一期限' });
            const box = await head.boundingBox();
            expect(box, '下一期限 column shown').not.toBeNull();
            expect(box!.x + box!.width).toBeLessThanOrEqual(vp.width);
            const table = await page.getByTestId('matter-table').boundingBox();
            expect(table!.x + table!.width).toBeLessThanOrEqual(vp.width);
          }
          await snapshot(page, `workbench-queue-${vp.name}`);
        });
      } finally {
        await context.close();
      }
    });
  }
});
