/**
 * 警调 in the browser (issue 17, docs/LEGAL.md §2.30): a police officer of the 派出所 registers on his
 * phone (375 px) a civil dispute met on a call and hands it to the village's mediation committee; the
 * committee's mediator mediates it to an effective written agreement (over the API: the mediation flow
 * has its own journeys); the officer sees the result on his record; the district leader's dashboard
 * counts it under 警调.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { apiLogin, apiResponse, DEMO_PASSWORD, login, pickOption } from './matters';

const POLICE = { username: 'police', password: DEMO_PASSWORD };
const COMMITTEE = { username: 'village-committee', password: DEMO_PASSWORD };
const MEDIATOR = { username: 'village-mediator', password: DEMO_PASSWORD };
const LEADER = { username: 'leader', password: DEMO_PASSWORD };
const RECORD_NO = `JQ-E2E-${Date.now().toString().slice(-8)}`;
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let browser: Browser;
let base: string;

beforeAll(async () => {
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('警调: from the 派出所 to the committee and back', () => {
  it('registers on a phone, is mediated to an agreement, shows on the record and on the dashboard', async () => {
    const phone = await newContext(browser, base, viewports.phone);
    const committeeCtx = await newContext(browser, base, viewports.desktop);
    const mediatorCtx = await newContext(browser, base, viewports.desktop);
    const leaderCtx = await newContext(browser, base, viewports.desktop);
    try {
      const page = await phone.newPage();
      let matterId = '';
      await withScreenshot(page, 'police-referral', async () => {
        await login(page, POLICE);
        await page.goto('/police-referrals');
        const form = page.getByTestId('police-referral-form');
        await form.waitFor();
        await form.getByLabel('警情编号').fill(RECORD_NO);
        await pickOption(page, 'police-village', '南苑', '南苑');
        await form.getByLabel('纠纷标题').fill('夜间装修噪音纠纷');
        await form
          .getByLabel('出警情况和纠纷经过')
          .fill('夜间装修噪音引发两户争吵，民警到场劝离，双方同意调解。');
        await form.getByLabel('一方当事人', { exact: true }).fill('赵某某');
        await form.getByLabel('另一方当事人', { exact: true }).fill('钱某某');
        const sent = apiResponse(page, 'POST', /^\/api\/linked-mediation\/police-referrals$/);
        await form.getByRole('button', { name: '移交人民调解' }).click();
        const res = await sent;
        expect(res.status(), await res.text()).toBe(201);
        matterId = ((await res.json()) as { matterId: string }).matterId;
        await page.getByTestId('police-referral-done').waitFor();
        await page.getByTestId(`police-record-${RECORD_NO}`).filter({ hasText: '待受理' }).waitFor();
      });

      // The committee takes it and its mediator brings it to an effective written agreement.
      const head = await apiLogin(committeeCtx.request, COMMITTEE);
      const mediator = await apiLogin(mediatorCtx.request, MEDIATOR);
      const post = async (
        ctx: typeof committeeCtx,
        h: Record<string, string>,
        url: string,
        data: unknown,
      ) => {
        const r = await ctx.request.post(url, { headers: h, data });
        expect(r.status(), await r.text()).toBeLessThan(300);
        return r.json();
      };
      const step = (ctx: typeof committeeCtx, h: Record<string, string>, body: unknown) =>
        post(ctx, h, `/api/matters/${matterId}/actions`, body);
      await step(committeeCtx, head.headers, { action: 'accept' });
      await step(committeeCtx, head.headers, { action: 'start_mediation', initiative: 'application' });
      await step(committeeCtx, head.headers, {
        action: 'assign_mediator',
        mediatorId: mediator.user.id,
        chosenBy: 'org',
        conflictOfInterest: false,
      });
      const m = (await (
        await mediatorCtx.request.get(`/api/matters/${matterId}`, { headers: mediator.headers })
      ).json()) as { parties: { id: string }[] };
      const drafted = await mediatorCtx.request.put(`/api/matters/${matterId}/agreements`, {
        headers: mediator.headers,
        data: {
          form: 'written',
          parties: m.parties.map((p) => ({ partyId: p.id, particulars: '住南苑社区' })),
          facts: '夜间装修产生噪音。',
          issues: '装修时间。',
          responsibility: '装修方负主要责任。',
          terms: ['装修方每日 20 时后停止施工'],
          performance: { manner: '即日起履行', deadline: '2027-03-10' },
        },
      });
      expect(drafted.status(), await drafted.text()).toBe(200);
      const agreementId = ((await drafted.json()) as { id: string }).id;
      const scan = async () => {
        const r = await mediatorCtx.request.post(`/api/matters/${matterId}/attachments`, {
          headers: mediator.headers,
          multipart: { file: { name: '签名件.png', mimeType: 'image/png', buffer: png } },
        });
        expect(r.status(), await r.text()).toBe(201);
        return ((await r.json()) as { id: string }).id;
      };
      const signUrl = `/api/matters/${matterId}/agreements/${agreementId}/signatures`;
      for (const p of m.parties)
        await post(mediatorCtx, mediator.headers, signUrl, {
          signer: 'party',
          partyId: p.id,
          method: 'scan',
          attachmentId: await scan(),
        });
      await post(mediatorCtx, mediator.headers, signUrl, {
        signer: 'mediator',
        method: 'scan',
        attachmentId: await scan(),
      });
      await post(committeeCtx, head.headers, signUrl, { signer: 'org', method: 'seal' });
      await step(mediatorCtx, mediator.headers, { action: 'agree', form: 'written' });

      // The result is back on the station's record.
      await page.reload();
      const row = page.getByTestId(`police-record-${RECORD_NO}`);
      await row.filter({ hasText: '调解成功（达成协议）' }).waitFor();
      expect(await row.textContent()).toContain('调解结果日期');

      // The leader's dashboard counts it under 警调.
      const dash = await leaderCtx.newPage();
      await withScreenshot(dash, 'linked-dashboard', async () => {
        await login(dash, LEADER);
        await dash.goto('/dashboard');
        const police = dash.getByTestId('linked-route-police');
        await police.waitFor();
        const n = Number(
          ((await police.locator('.ant-statistic-content-value').textContent()) ?? '0').trim(),
        );
        expect(n).toBeGreaterThanOrEqual(1);
        expect(await police.textContent()).toContain('警调');
      });
    } finally {
      await Promise.all([phone.close(), committeeCtx.close(), mediatorCtx.close(), leaderCtx.close()]);
    }
  });
});
