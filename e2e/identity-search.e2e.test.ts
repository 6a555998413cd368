/**
 * Journey (docs/SECURITY.md G4, G6): a village clerk finds a matter by the applicant's phone number
 * typed into the matter search, which is sent in a POST body and never appears in the address bar or
 * in any request URL; the matter's description shows that number masked until the clerk asks for the
 * full parties (audited), and the village's grid worker, who reads the same matter, is not offered
 * that button at all. At phone width (375 px) for the grid worker.
 */
import { randomInt } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, type ViewportSpec, viewports, withScreenshot } from './browser';
import { apiLogin, DEMO_PASSWORD, login, openMatter } from './matters';

const CLERK = { username: 'village-clerk', password: DEMO_PASSWORD };
const WORKER = { username: 'town01-gw1', password: DEMO_PASSWORD };
const PHONE = `135${String(randomInt(100_000_000)).padStart(8, '0')}`;

let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];
let matterId: string;

async function pageOf(who: typeof CLERK, vp: ViewportSpec = viewports.desktop): Promise<Page> {
  const context = await newContext(browser, base, vp);
  contexts.push(context);
  const page = await context.newPage();
  await login(page, who);
  return page;
}

beforeAll(async () => {
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
  const context = await newContext(browser, base, viewports.desktop);
  contexts.push(context);
  const { headers, user } = await apiLogin(context.request, CLERK);
  const res = await context.request.post('/api/matters', {
    headers,
    data: {
      kind: 'dispute',
      channel: 'walk_in',
      categoryCode: 'MED-02',
      title: '院墙滴水纠纷',
      description: `邻居家院墙滴水，反映人电话${PHONE}。`,
      place: { villageId: user.org!.id },
      parties: [{ role: 'applicant', name: '窦某某', phone: PHONE }],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  matterId = ((await res.json()) as { matter: { id: string } }).matter.id;
}, 60_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('finding a matter by a phone number', () => {
  it('sends the number in a POST body, never in an address, and lists the matter', async () => {
    const page = await pageOf(CLERK);
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await withScreenshot(page, 'identity-search', async () => {
      await page.goto('/matters');
      await page.getByTestId('matter-search').locator('input').fill(PHONE);
      const searched = page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/matters/identity-search',
      );
      await page.getByTestId('matter-search').locator('input').press('Enter');
      expect((await searched).status()).toBe(200);
      await page.getByTestId('identity-search-note').waitFor();
      expect(await page.getByTestId('identity-search-note').textContent()).toContain(
        `${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`,
      );
      await page.locator(`a[href="/matters/${matterId}"]`).first().waitFor();
    });
    expect(page.url()).not.toContain(PHONE);
    expect(urls.filter((u) => u.includes(PHONE))).toEqual([]);
  });

  it('shows the number masked in the description until the clerk unmasks; the grid worker cannot', async () => {
    const clerk = await pageOf(CLERK);
    await withScreenshot(clerk, 'identity-unmask', async () => {
      await openMatter(clerk, matterId);
      const body = await clerk.locator('body').textContent();
      expect(body).not.toContain(PHONE);
      expect(body).toContain(`${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`);
      await clerk.getByTestId('parties-unmask').waitFor();
    });
    const worker = await pageOf(WORKER, viewports.phone);
    await withScreenshot(worker, 'identity-grid-worker', async () => {
      await openMatter(worker, matterId);
      expect(await worker.locator('body').textContent()).not.toContain(PHONE);
      expect(await worker.getByTestId('parties-unmask').count()).toBe(0);
    });
  });
});
