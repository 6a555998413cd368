/**
 * 反映问题 from its HTML (issue 20): a phone whose script never runs files a dispute with the plain form
 * the server puts in the page, is told what is missing in words, and gets the code and secret; the
 * tracking page then finds the matter (with script). And a resident who starts typing in the plain
 * form before the script arrives keeps what was typed when the script takes the page over.
 */
import { describe, expect, it } from 'vitest';
import { newContext, openSuiteBrowser, snapshot, viewports, withScreenshot } from './browser';
import { apiResponse } from './matters';

const { browser, base } = await openSuiteBrowser();

describe('the resident’s form without script (375 px phone)', () => {
  it('files a dispute from the plain form and shows the code and secret', async () => {
    const vp = viewports.phone;
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: vp.width, height: vp.height },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    let code = '';
    let secret = '';
    try {
      await withScreenshot(page, 'resident-noscript', async () => {
        await page.goto('/public/submit');
        await page.getByLabel('类型和具体类别').selectOption({ label: '邻里' });
        await page.getByLabel('标题').fill('楼道堆放杂物');
        await page.getByLabel('具体情况').fill('邻居在楼道里堆放纸箱，影响通行，也有火灾隐患。');
        await page.getByLabel('详细地址').fill('凉州区东大街南苑社区5号楼');
        await page.locator('input[name="name"]').fill('周某某');
        await page.locator('input[name="phone"]').fill('13987650044');
        // A dispute without the other side: said on the form, with everything typed kept.
        await page.getByRole('button', { name: '提交' }).click();
        await page.getByText('请填写对方的姓名或称呼').waitFor();
        expect(await page.getByLabel('标题').inputValue()).toBe('楼道堆放杂物');
        await page.getByLabel('对方姓名或单位名称').fill('5号楼302住户');
        await page.getByRole('button', { name: '提交' }).click();
        await page.getByText('提交成功').waitFor();
        code = ((await page.locator('[data-nojs="public-code"]').textContent()) ?? '').trim();
        secret = ((await page.locator('[data-nojs="public-secret"]').textContent()) ?? '').trim();
        expect(code).toMatch(/^\d{6}-\d{4}-\d{6}$/);
        expect(await page.getByRole('alert').textContent()).toContain('139****0044');
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        await snapshot(page, 'resident-noscript-submitted');
      });
    } finally {
      await context.close();
    }

    // With script: the tracking page finds it by the code and secret the page gave.
    const phone = await newContext(browser, base, viewports.phone);
    try {
      const track = await phone.newPage();
      await track.goto(`/public/track?code=${code}`);
      await track.getByTestId('track-secret').fill(secret);
      await track.getByTestId('track-phone').fill('13987650044');
      const tracked = apiResponse(track, 'POST', /^\/api\/public\/matters\/track$/);
      await track.getByTestId('track-submit').click();
      expect((await tracked).status()).toBe(200);
      await track.getByTestId('track-result').waitFor();
      expect(await track.getByTestId('track-result').textContent()).toContain('楼道堆放杂物');
    } finally {
      await phone.close();
    }
  });

  it('keeps what was typed in the plain form when the script takes the page over', async () => {
    const context = await newContext(browser, base, viewports.phone);
    const page = await context.newPage();
    try {
      // The script held back, as on a slow line, while the resident starts on the plain form.
      let release = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      await page.route(/\/assets\/phone-[^/]+\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto('/public/submit', { waitUntil: 'commit' });
      await page.getByLabel('标题').fill('路灯不亮');
      await page.getByLabel('具体情况').fill('小区门口的路灯坏了半个月，晚上看不清路。');
      release();
      await page.getByTestId('public-form').waitFor();
      await page.getByTestId('public-draft-restored').waitFor();
      expect(await page.getByTestId('public-title').inputValue()).toBe('路灯不亮');
      expect(await page.getByTestId('public-description').inputValue()).toBe(
        '小区门口的路灯坏了半个月，晚上看不清路。',
      );
    } finally {
      await context.close();
    }
  });
});
