/**
 * The residents' journey on a 375 px phone (issue 4, 掌上综治): browse the service catalog, submit a
 * dispute with the chosen service's one-time notice shown, keep the code and tracking secret, track it
 * (plain-word timeline), and — once staff have answered it through the API — rate it. A wrong phone
 * number is refused with the same words as an unknown code, and nothing of the matter is shown.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { matterStatusLabels } from '../core/domain/matters/model';
import { baseUrl, launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { apiLogin, apiResponse, DEMO_PASSWORD, pickOption } from './matters';

const DISTRICT_CLERK = { username: 'clerk', password: DEMO_PASSWORD };
const PHONE = '13987650011';

let browser: Browser;
let base: string;

beforeAll(async () => {
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('residents’ journey (375 px phone)', () => {
  it('browses the catalog, submits with the one-time notice, tracks, is refused a wrong phone, and rates', async () => {
    const context = await newContext(browser, base, viewports.phone);
    const page = await context.newPage();
    try {
      await withScreenshot(page, 'resident-journey', async () => {
        // 1. The service catalog: what the mediation service is, who handles it, what to bring.
        await page.goto('/public/services');
        await page.getByTestId('public-services').waitFor();
        await page.getByTestId('service-SVC-03').click();
        const catalog = page.getByTestId('public-services');
        await expect.poll(() => catalog.textContent()).toContain('要带的材料');
        expect(await catalog.textContent()).toContain('纠纷情况说明');
        // Nothing wider than the phone: no sideways scrolling.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

        // 2. Submit a dispute, choosing the service: its one-time notice lists every material.
        await page.getByTestId('public-nav-submit').click();
        await page.getByTestId('public-form').waitFor();
        await page.getByTestId('public-kind-dispute').click();
        await pickOption(page, 'public-category', '', '邻里（MED-02）');
        await pickOption(page, 'public-service', '', '矛盾纠纷调解申请');
        const notice = page.getByTestId('service-notice');
        await notice.waitFor();
        const noticeText = (await notice.textContent()) ?? '';
        expect(noticeText).toContain('一次性告知：矛盾纠纷调解申请');
        expect(noticeText).toContain('纠纷情况说明');
        expect(noticeText).toContain('对方当事人的姓名、住址和联系方式');

        await page.getByTestId('public-title').fill('邻居院墙滴水');
        await page.getByTestId('public-description').fill('邻居家院墙滴水到我家院内，多次商量没有结果。');
        await page.getByTestId('public-address').fill('凉州区东大街南苑社区3号院');
        await page.getByTestId('public-name').fill('钱某某');
        await page.getByTestId('public-phone').fill(PHONE);
        const submitted = apiResponse(page, 'POST', /^\/api\/public\/matters$/);
        await page.getByTestId('public-submit').click();
        const res = await submitted;
        expect(res.status(), await res.text()).toBe(201);
        const body = (await res.json()) as { code: string; trackingSecret: string };

        // 3. The code and the secret, shown once.
        await page.getByTestId('public-submitted').waitFor();
        expect(((await page.getByTestId('public-code').textContent()) ?? '').trim()).toBe(body.code);
        expect(((await page.getByTestId('public-secret').textContent()) ?? '').trim()).toBe(
          body.trackingSecret,
        );

        // 4. A wrong phone number: refused, and the page shows nothing of the matter.
        await page.goto('/public/track');
        await page.getByTestId('track-code').fill(body.code);
        await page.getByTestId('track-secret').fill(body.trackingSecret);
        await page.getByTestId('track-phone').fill('13900000000');
        const refused = apiResponse(page, 'POST', /^\/api\/public\/matters\/track$/);
        await page.getByTestId('track-submit').click();
        const r = await refused;
        expect(r.status()).toBe(404);
        const refusal = await r.text();
        for (const secret of ['邻居院墙滴水', '钱某某', PHONE, '矛盾纠纷'])
          expect(refusal).not.toContain(secret);
        await page.getByTestId('track-error').waitFor();
        const shownError = (await page.getByTestId('track-error').textContent()) ?? '';
        expect(shownError).toMatch(/[\u4e00-\u9fa5]/);
        expect(await page.getByTestId('track-result').count()).toBe(0);
        const pageText = (await page.locator('main').textContent()) ?? '';
        expect(pageText).not.toContain('邻居院墙滴水');

        // An unknown code gets exactly the same answer: a wrong phone does not confirm the code exists.
        await page.getByTestId('track-code').fill('620602-2026-999999');
        const unknown = apiResponse(page, 'POST', /^\/api\/public\/matters\/track$/);
        await page.getByTestId('track-submit').click();
        const u = await unknown;
        expect(u.status()).toBe(404);
        expect(((await u.json()) as { message: string }).message).toBe(
          (JSON.parse(refusal) as { message: string }).message,
        );

        // 5. The right phone: status, who holds it, and the timeline in plain words.
        await page.getByTestId('track-code').fill(body.code);
        await page.getByTestId('track-phone').fill(PHONE);
        const tracked = apiResponse(page, 'POST', /^\/api\/public\/matters\/track$/);
        await page.getByTestId('track-submit').click();
        expect((await tracked).status()).toBe(200);
        await page.getByTestId('track-result').waitFor();
        expect(((await page.getByTestId('track-status').textContent()) ?? '').trim()).toBe(
          matterStatusLabels.registered,
        );
        expect(await page.getByTestId('track-holder').textContent()).toContain('综治中心');
        expect(await page.getByTestId('track-timeline').textContent()).toContain('提交登记');
        expect(await page.getByTestId('track-act-rate').count()).toBe(0);

        // 6. Staff accept and answer it through the API.
        const staff = await newContext(browser, base, viewports.desktop);
        try {
          const { headers } = await apiLogin(staff.request, DISTRICT_CLERK);
          const list = await staff.request.get(`/api/matters?q=${encodeURIComponent(body.code)}`, {
            headers,
          });
          expect(list.status(), await list.text()).toBe(200);
          const found = ((await list.json()) as { items: { id: string; code: string }[] }).items.find(
            (m) => m.code === body.code,
          );
          if (!found) throw new Error(`the district clerk does not see ${body.code}`);
          for (const step of [
            { action: 'accept' },
            { action: 'answer', reason: '经调解，邻居同意加装接水槽，滴水问题已解决。' },
          ]) {
            const a = await staff.request.post(`/api/matters/${found.id}/actions`, { headers, data: step });
            expect(a.status(), await a.text()).toBe(200);
          }
        } finally {
          await staff.close();
        }

        // 7. Tracking again: answered, the answer in the timeline, and the rating offered.
        const again = apiResponse(page, 'POST', /^\/api\/public\/matters\/track$/);
        await page.getByTestId('track-submit').click();
        expect((await again).status()).toBe(200);
        await page.getByTestId('track-act-rate').waitFor();
        expect(((await page.getByTestId('track-status').textContent()) ?? '').trim()).toBe(
          matterStatusLabels.answered,
        );
        await page.getByTestId('track-rating').getByText('满意', { exact: true }).click();
        const rated = apiResponse(page, 'POST', /^\/api\/public\/matters\/act$/);
        await page.getByTestId('track-submit-rate').click();
        const rr = await rated;
        expect(rr.status(), await rr.text()).toBe(200);
        await expect
          .poll(async () => ((await page.getByTestId('track-status').textContent()) ?? '').trim())
          .toBe('已评价');
        expect(await page.getByTestId('track-act-rate').count()).toBe(0);
        expect(await page.getByTestId('track-note').textContent()).toContain('评价已提交');
        expect(await page.getByTestId('track-timeline').textContent()).toContain('答复');
      });
    } finally {
      await context.close();
    }
  }, 120_000);
});
