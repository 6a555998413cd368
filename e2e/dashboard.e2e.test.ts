/**
 * The command dashboard in the browser: a village clerk registers a dispute (through the API), the
 * district leader opens 指挥调度, clicks the live count of matters awaiting acceptance, finds the new
 * matter in the drill-down list and opens it; the wall view (大屏) renders its figures. Desktop and a
 * 375 px phone.
 */

import { request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { audit } from './axe';
import { newContext, openSuiteBrowser, snapshot, viewports, withScreenshot } from './browser';
import { apiLogin, DEMO_PASSWORD, login } from './matters';

const CLERK = { username: 'village-clerk', password: DEMO_PASSWORD };
const LEADER = { username: 'leader', password: DEMO_PASSWORD };

const { browser, base } = await openSuiteBrowser();

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

  it('opens a grid’s matters from the density map', async () => {
    // A matter at a point of the clerk's village (its name's place on the map lies inside it).
    const api = await request.newContext({ baseURL: base });
    let code: string;
    let gridId: string;
    try {
      const { headers, user } = await apiLogin(api, CLERK);
      const county = ((await (await api.get('/api/counties')).json()) as { code: string }[])[0]!.code;
      const places = (await (await api.get(`/api/geo/places?county=${county}`)).json()) as {
        id: string;
        lng: number;
        lat: number;
      }[];
      const spot = places.find((p) => p.id === user.org!.id)!;
      const where = await api.get(`/api/geo/locate?lng=${spot.lng}&lat=${spot.lat}`);
      expect(where.status(), await where.text()).toBe(200);
      gridId = ((await where.json()) as { grid: { id: string } }).grid.id;
      const res = await api.post('/api/matters', {
        headers,
        data: {
          kind: 'dispute',
          channel: 'walk_in',
          categoryCode: 'MED-02',
          title: '密度地图网格事项',
          description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
          riskGrade: 'yellow',
          place: { lng: spot.lng, lat: spot.lat, address: '某巷 7 号' },
          parties: [
            { role: 'applicant', name: '王甲乙', phone: '13912345678' },
            { role: 'respondent', name: '李丙丁' },
          ],
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      code = ((await res.json()) as { matter: { code: string } }).matter.code;
    } finally {
      await api.dispose();
    }
    // And one with no point (so in no grid): the whole list is longer than the grid's.
    await registerByApi('不在网格内的事项');
    const context = await newContext(browser, base, viewports.desktop);
    const page = await context.newPage();
    try {
      await withScreenshot(page, 'dashboard-density-grid', async () => {
        await login(page, LEADER);
        await page.goto('/dashboard');
        const cell = page.locator(`[data-grid-id="${gridId}"]`);
        await cell.waitFor({ timeout: 30_000 });
        await cell.dispatchEvent('click');
        await page.waitForURL(new RegExp(`/matters\\?gridId=${gridId}$`));
        await page.getByTestId('grid-filter-note').waitFor({ timeout: 20_000 });
        await page.getByRole('link', { name: code }).waitFor({ timeout: 20_000 });
        // Every matter listed is of that grid: the note names it, and back to all grids widens the list.
        const note = (await page.getByTestId('grid-filter-note').textContent()) ?? '';
        expect(note).toMatch(/网格：.+，共 \d+ 件/);
        const inGrid = Number(/共 (\d+) 件/.exec(note)?.[1]);
        await snapshot(page, 'matters-of-a-grid');
        await page.getByTestId('grid-filter-clear').click();
        await page.getByTestId('grid-filter-note').waitFor({ state: 'detached' });
        // The list keeps the previous page while the wider one loads: wait for it.
        const total = page.locator('.ant-pagination-total-text');
        await expect
          .poll(async () => Number(/共 (\d+) 件/.exec((await total.textContent()) ?? '')?.[1]), {
            timeout: 20_000,
          })
          .toBeGreaterThan(inGrid);
      });
    } finally {
      await context.close();
    }
  });

  // The wall (大屏) is laid out once at 1920×1080 and scaled: it must fit a 1080p and a 4K screen
  // without scrolling, pass axe at 1080p, and keep a zero out of alarm red.
  for (const vp of [
    { name: 'wall-1080p', width: 1920, height: 1080, mobile: false },
    { name: 'wall-4k', width: 3840, height: 2160, mobile: false },
  ]) {
    it(`shows the wall view on ${vp.width}×${vp.height} without scrolling`, async () => {
      const context = await browser.newContext({
        baseURL: base,
        viewport: { width: vp.width, height: vp.height },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        bypassCSP: true,
      });
      const page = await context.newPage();
      try {
        await withScreenshot(page, `dashboard-${vp.name}`, async () => {
          await login(page, LEADER);
          await page.goto('/dashboard/wall');
          await page.getByText('指挥调度大屏').waitFor({ timeout: 30_000 });
          await page.getByText('满意率').first().waitFor({ timeout: 30_000 });
          await page.getByTestId('wall-live-overdue').waitFor();
          // The charts' library is a chunk of its own, loaded once the figures are on screen.
          await page.locator('canvas').first().waitFor({ timeout: 30_000 });
          expect(await page.locator('canvas').count()).toBeGreaterThan(0);
          const box = await page.evaluate(() => {
            const el = document.scrollingElement ?? document.documentElement;
            const main = document.querySelector('[data-testid="wall"] main')!.getBoundingClientRect();
            return {
              scrollW: el.scrollWidth,
              scrollH: el.scrollHeight,
              main: { right: main.right, bottom: main.bottom, width: main.width },
            };
          });
          expect(box.scrollW, 'no sideways scrolling').toBeLessThanOrEqual(vp.width);
          expect(box.scrollH, 'no scrolling down').toBeLessThanOrEqual(vp.height);
          expect(box.main.bottom).toBeLessThanOrEqual(vp.height + 0.5);
          // Scaled to the screen: the design fills the width of a 16:9 screen.
          expect(Math.round(box.main.width)).toBe(vp.width);
          // Every panel's content stays inside the screen.
          const overflow = await page.evaluate(
            (h) =>
              [...document.querySelectorAll('[data-testid="wall"] section, [data-testid="wall"] button')]
                .filter((e) => e.getBoundingClientRect().bottom > h + 0.5)
                .map((e) => e.textContent?.slice(0, 20)),
            vp.height,
          );
          expect(overflow).toEqual([]);
          // A zero is never in alarm red; a count above zero of late work is.
          for (const key of ['overdue', 'supervised_open']) {
            const tile = page.getByTestId(`wall-live-${key}`);
            const n = Number(/(\d+) 件/.exec((await tile.textContent()) ?? '')?.[1]);
            const color = await tile
              .locator('span')
              .nth(1)
              .evaluate((e) => getComputedStyle(e).color);
            expect(color, `${key} = ${n}`).toBe(n === 0 ? 'rgb(255, 255, 255)' : 'rgb(255, 138, 128)');
          }
          if (vp.width === 1920) {
            const findings = await audit(page, '/dashboard/wall (leader, 1920×1080)');
            expect(findings, findings.join('\n')).toEqual([]);
          }
          await snapshot(page, `dashboard-${vp.name}`);
        });
      } finally {
        await context.close();
      }
    });
  }
});
