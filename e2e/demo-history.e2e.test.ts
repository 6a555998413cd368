/**
 * A fresh demo start (`npm start` in demo mode) seeds a year of generated history through the
 * generator, so the leader's dashboard has a year of figures to show: intake in every month of the
 * year, KPIs with numbers, a busy map. The server here is its own, with a smaller history than the
 * default (ZONGZHI_DEMO_HISTORY) to keep the journey short; the other journeys start with none.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, snapshot, viewports, withScreenshot } from './browser';
import { DEMO_PASSWORD, login } from './matters';
import { startServer } from './server';

const HISTORY = 4000;
let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer('demo-history', { ZONGZHI_DEMO_HISTORY: String(HISTORY) });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a fresh demo start', () => {
  it('shows the leader a year of figures on the dashboard', async () => {
    const context = await newContext(browser, server.url, viewports.desktop);
    const page = await context.newPage();
    try {
      await withScreenshot(page, 'demo-history', async () => {
        await login(page, { username: 'leader', password: DEMO_PASSWORD });
        await page.goto('/dashboard');
        await page.getByText('按期办结率').first().waitFor({ timeout: 60_000 });
        const trend = await page.request.get('/api/dashboard/trend');
        expect(trend.status(), await trend.text()).toBe(200);
        const months = ((await trend.json()) as { months: { month: string; intake: number }[] }).months;
        const busy = months.filter((m) => m.intake > 0);
        expect(busy.length, JSON.stringify(months)).toBeGreaterThanOrEqual(11);
        const kpis = await page.request.get('/api/dashboard/kpis');
        const k = (await kpis.json()) as {
          counts: { key: string; current: number; previous: number }[];
          kpis: { key: string; current: { den: number } }[];
        };
        const intake = k.counts.find((c) => c.key === 'intake')?.current ?? 0;
        // The history spans two years (so year-on-year compares a year with a year): about half is this year's.
        expect(intake).toBeGreaterThan(HISTORY / 3);
        const previous = k.counts.find((c) => c.key === 'intake')?.previous ?? 0;
        expect(previous).toBeGreaterThan(HISTORY / 4);
        expect(k.kpis.find((r) => r.key === 'satisfactionRate')?.current.den).toBeGreaterThan(100);
        // The page shows the figure the leader reads.
        await page.getByText(intake.toLocaleString('en-US')).first().waitFor({ timeout: 20_000 });
        await snapshot(page, 'demo-history-dashboard');
      });
    } finally {
      await context.close();
    }
  }, 120_000);
});
