import { describe, expect, it } from 'vitest';
import { matterStatusLabels } from '../core/domain/matters/model';
import { newContext, openSuiteBrowser, snapshot, viewports, withScreenshot } from './browser';
import { apiLogin, apiResponse, DEMO_PASSWORD, openMatter } from './matters';

const TOWN_CLERK = { username: 'town01-clerk', password: DEMO_PASSWORD };
const DISTRICT_CLERK = { username: 'clerk', password: DEMO_PASSWORD };
const PHONE = '13987650077';

const { browser, base } = await openSuiteBrowser();

describe('a petitioner’s own 复查 request (375 px phone)', () => {
  it('goes from the tracking page to the level directly above the town, without choosing it', async () => {
    const staff = await newContext(browser, base, viewports.desktop);
    const phone = await newContext(browser, base, viewports.phone);
    try {
      // The letter arrived yesterday (postmark) and is registered today at the town's window.
      const { headers } = await apiLogin(staff.request, TOWN_CLERK);
      const received = new Date(Date.now() - 86_400_000).toISOString();
      const created = await staff.request.post('/api/matters', {
        headers,
        data: {
          kind: 'petition',
          channel: 'letter',
          categoryCode: 'PET-03',
          title: '反映宅基地确权久拖不决',
          description: '本人宅基地确权申请提交三年未办理，至今无人答复。',
          place: { address: '东大街街道南苑社区 5 号' },
          parties: [{ role: 'applicant', name: '马某某', phone: PHONE }],
          receivedAt: received,
          receiptEvidence: '信封邮戳',
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const { matter, trackingSecret } = (await created.json()) as {
        matter: { id: string; code: string };
        trackingSecret: string;
      };
      expect(trackingSecret).toBeTruthy();
      for (const step of [
        { action: 'accept' },
        { action: 'serve_opinion', outcome: 'not_support', legalBasis: '《土地管理法》第六十二条' },
      ]) {
        const res = await staff.request.post(`/api/matters/${matter.id}/actions`, { headers, data: step });
        expect(res.status(), await res.text()).toBe(200);
      }

      // The staff context already holds the town clerk's session (the API login set its cookie).
      const desk = await staff.newPage();
      await openMatter(desk, matter.id);
      expect(await desk.getByTestId('matter-received').textContent()).toContain('信封邮戳');

      const page = await phone.newPage();
      await withScreenshot(page, 'petition-review', async () => {
        await page.goto('/public/track');
        await page.getByTestId('track-code').fill(matter.code);
        await page.getByTestId('track-secret').fill(trackingSecret);
        await page.getByTestId('track-phone').fill(PHONE);
        await page.getByTestId('track-submit').click();
        await page.getByTestId('track-result').waitFor();
        const card = page.getByTestId('track-act-request_review');
        await card.waitFor();
        // Nothing to choose: no office picker, only his reason.
        expect(await card.locator('.ant-select').count()).toBe(0);
        await card.locator('textarea').fill('村里早已测绘完毕，处理意见与事实不符');
        const sent = apiResponse(page, 'POST', /^\/api\/public\/matters\/act$/);
        await page.getByTestId('track-submit-request_review').click();
        expect((await sent).status()).toBe(200);
        await expect
          .poll(async () => ((await page.getByTestId('track-status').textContent()) ?? '').trim())
          .toBe(matterStatusLabels.reviewing);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        await snapshot(page, 'petition-review-requested');
      });

      // The district, directly above the town, now holds it with the 30-day review clock.
      const district = await apiLogin(staff.request, DISTRICT_CLERK);
      const view = await staff.request.get(`/api/matters/${matter.id}`, { headers: district.headers });
      expect(view.status(), await view.text()).toBe(200);
      const m = (await view.json()) as {
        status: string;
        owner: { id: string };
        deadlines: { basis: string; status: string }[];
      };
      expect(m.status).toBe('reviewing');
      expect(m.owner.id).toBe(district.user.org?.id);
      expect(m.deadlines.some((d) => d.basis === 'XF-35' && d.status === 'running')).toBe(true);
    } finally {
      await phone.close();
      await staff.close();
    }
  });
});
