import { describe, expect, it } from 'vitest';
import { newContext, openSuiteBrowser, snapshot, viewports, withScreenshot } from './browser';
import { apiResponse, pickOption } from './matters';

const { browser, base } = await openSuiteBrowser();

/** A long account of a dispute, as a resident writes one: 4,400 characters. */
const LONG = (() => {
  const part =
    '去年五月邻居在两家之间的空地上加盖了一间彩钢房，房檐伸到我家院里，下雨时雨水全部流进我家院子，墙根已经泡软。' +
    '我多次上门商量，也请村里调解过一次，对方答应改但一直没有动。';
  let s = '';
  while (s.length < 4400) s += part;
  return s.slice(0, 4400);
})();

describe('a resident’s draft (375 px phone)', () => {
  it('keeps everything typed across 办事指南 and back and a reload, and clears it once submitted', async () => {
    const context = await newContext(browser, base, viewports.phone);
    const page = await context.newPage();
    const description = page.getByTestId('public-description');
    const expectKept = async () => {
      await page.getByTestId('public-form').waitFor();
      await page.getByTestId('public-draft-restored').waitFor();
      await expect.poll(async () => (await description.inputValue()).length).toBe(4400);
      expect(await description.inputValue()).toBe(LONG);
      expect(await page.getByTestId('public-title').inputValue()).toBe('邻居彩钢房雨水流进我家');
      expect(await page.getByTestId('public-other-name').inputValue()).toBe('隔壁王家');
      expect(await page.getByTestId('public-phone').inputValue()).toBe('13987650022');
      expect(await page.getByTestId('public-category').textContent()).toContain('邻里');
    };
    try {
      await withScreenshot(page, 'resident-draft', async () => {
        await page.goto('/public/submit');
        await page.getByTestId('public-form').waitFor();
        expect(await page.getByTestId('public-draft-restored').count()).toBe(0);
        await page.getByTestId('public-kind-dispute').click();
        await pickOption(page, 'public-category', '', '邻里');
        await page.getByTestId('public-title').fill('邻居彩钢房雨水流进我家');
        await description.fill(LONG);
        await page.getByTestId('public-address').fill('凉州区东关街某巷 7 号');
        await page.getByTestId('public-name').fill('周某某');
        await page.getByTestId('public-phone').fill('13987650022');
        await page.getByTestId('public-other-name').fill('隔壁王家');

        // To 办事指南 and back, inside the app.
        await page.getByTestId('public-nav-services').click();
        await page.getByTestId('public-services').waitFor();
        await page.getByTestId('public-nav-submit').click();
        await expectKept();
        await snapshot(page, 'resident-draft-01-after-services');

        // A reload (a phone that dropped the tab does the same).
        await page.reload();
        await expectKept();
        await snapshot(page, 'resident-draft-02-after-reload');

        // Submitted: the draft is gone; the success page stays for this tab until 再反映一件.
        const submitted = apiResponse(page, 'POST', /^\/api\/public\/matters$/);
        await page.getByTestId('public-submit').click();
        expect((await submitted).status()).toBe(201);
        await page.getByTestId('public-submitted').waitFor();
        expect(await page.evaluate(() => localStorage.getItem('zongzhi.public.draft.v1'))).toBeNull();
        await page.reload();
        await page.getByTestId('public-submitted').waitFor();
        await page.getByTestId('public-again').click();
        await page.getByTestId('public-form').waitFor();
        expect(await page.getByTestId('public-draft-restored').count()).toBe(0);
        expect(await description.inputValue()).toBe('');
        expect(await page.evaluate(() => sessionStorage.getItem('zongzhi.public.submitted.v1'))).toBeNull();
        await page.reload();
        await page.getByTestId('public-form').waitFor();
        expect(await page.getByTestId('public-submitted').count()).toBe(0);
      });
    } finally {
      await context.close();
    }
  }, 120_000);
});
