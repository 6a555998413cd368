/**
 * Journey: the district's business admin logs in, opens 网格地图, sees the grids drawn, clicks a place
 * in the county and is told its 网格 / 村（社区）/ 镇（街道）; a click outside the county is refused.
 * Run once on a 375 px phone and once on a desktop screen.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newContext, openSuiteBrowser, type ViewportSpec, viewports, withScreenshot } from './browser';

const ADMIN = { username: 'admin', password: 'zongzhi-demo' };

const { browser, base } = await openSuiteBrowser();

async function login(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
}

/** A point well inside one drawn grid (the same grid under the pointer 4 px around it), in page pixels. */
async function pointInsideAGrid(page: Page): Promise<{ x: number; y: number; code: string }> {
  const found = await page.evaluate(() => {
    const map = document.querySelector('[data-testid="grid-map"]');
    if (!map) return null;
    const m = map.getBoundingClientRect();
    const cx = m.left + m.width / 2;
    const cy = m.top + m.height / 2;
    const visible = (x: number, y: number) =>
      x > m.left + 40 &&
      x < m.right - 40 &&
      y > m.top + 40 &&
      y < m.bottom - 40 &&
      y < window.innerHeight - 4;
    const paths = [...map.querySelectorAll<SVGPathElement>('path[data-grid-code]')]
      .map((p) => ({ p, r: p.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 8 && r.height > 8)
      .sort(
        (a, b) =>
          Math.hypot(a.r.x + a.r.width / 2 - cx, a.r.y + a.r.height / 2 - cy) -
          Math.hypot(b.r.x + b.r.width / 2 - cx, b.r.y + b.r.height / 2 - cy),
      );
    for (const { p, r } of paths.slice(0, 80)) {
      for (let i = 2; i <= 6; i++) {
        for (let j = 2; j <= 6; j++) {
          const x = r.left + (r.width * i) / 8;
          const y = r.top + (r.height * j) / 8;
          if (!visible(x, y)) continue;
          const around = [
            [0, 0],
            [4, 0],
            [-4, 0],
            [0, 4],
            [0, -4],
          ];
          if (around.every(([dx = 0, dy = 0]) => document.elementFromPoint(x + dx, y + dy) === p)) {
            return { x, y, code: p.getAttribute('data-grid-code') ?? '' };
          }
        }
      }
    }
    return null;
  });
  if (!found) throw new Error('no grid found under the map centre to click on');
  return found;
}

async function tapOrClick(page: Page, vp: ViewportSpec, x: number, y: number): Promise<void> {
  if (vp.mobile) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

describe.each([viewports.phone, viewports.desktop])('login and grid map on $name ($width×$height)', (vp) => {
  it('shows 用户名或密码错误 for a wrong password', async () => {
    const context = await newContext(browser, base, vp);
    const page = await context.newPage();
    try {
      await withScreenshot(page, `wrong-password-${vp.name}`, async () => {
        await page.goto('/login');
        await page.getByRole('heading', { name: '综治' }).waitFor();
        await login(page, ADMIN.username, 'not-the-password');
        const error = page.getByTestId('login-error');
        await error.waitFor({ state: 'visible', timeout: 15_000 });
        expect(await error.textContent()).toContain('用户名或密码错误');
        expect(new URL(page.url()).pathname).toBe('/login');
      });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('logs in as the district admin, draws the grids and names the grid, village and town of a clicked point', async () => {
    const context = await newContext(browser, base, vp);
    const page = await context.newPage();
    try {
      await withScreenshot(page, `login-map-${vp.name}`, async () => {
        // A protected address sends an anonymous visitor to the login page, and back after it.
        await page.goto('/');
        await page.waitForURL(/\/login/);
        await login(page, ADMIN.username, ADMIN.password);
        await page.getByTestId('greeting').waitFor({ timeout: 20_000 });
        expect(new URL(page.url()).pathname).toBe('/');

        // Open 网格地图 from the menu (a drawer behind a labelled button on the phone).
        if (vp.mobile) {
          await page.getByRole('button', { name: '打开导航菜单' }).click();
        }
        await page.getByRole('menuitem', { name: '网格地图' }).click();
        await page.waitForURL(/\/map$/);

        // The grids are drawn as SVG paths (about 1,400 for the demo district).
        await page.waitForFunction(
          () => document.querySelectorAll('[data-testid="grid-map"] path[data-grid-code]').length >= 100,
          null,
          { timeout: 30_000 },
        );
        // Let fitBounds settle before measuring.
        await page.waitForTimeout(600);

        const target = await pointInsideAGrid(page);
        await tapOrClick(page, vp, target.x, target.y);

        const panel = page.getByTestId('locate-result');
        await page.locator('[data-testid="locate-result"][data-state="ok"]').waitFor({ timeout: 15_000 });
        const gridText = (await page.getByTestId('locate-grid').textContent()) ?? '';
        const village = (await page.getByTestId('locate-village').textContent()) ?? '';
        const town = (await page.getByTestId('locate-town').textContent()) ?? '';
        expect(gridText).toContain('网格');
        expect(gridText).toContain(target.code);
        expect(village).toMatch(/村|社区/);
        expect(town).toMatch(/镇|街道|乡/);
        const panelText = (await panel.textContent()) ?? '';
        expect(panelText).toContain('村（社区）');
        expect(panelText).toContain('镇（街道）');

        // A point at the very edge of the fitted view lies outside the district.
        const box = await page.getByTestId('grid-map').boundingBox();
        if (!box) throw new Error('map has no box');
        await tapOrClick(page, vp, box.x + box.width - 4, box.y + 60);
        await page
          .locator('[data-testid="locate-result"][data-state="outside"]')
          .waitFor({ timeout: 15_000 });
        expect((await panel.textContent()) ?? '').toContain('不在');
      });
    } finally {
      await context.close();
    }
  }, 90_000);
});
