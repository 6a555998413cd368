/**
 * Two endings in the browser (docs/LEGAL.md §1.32, 人民调解法 art. 29): a petitioner withdraws his
 * petition on his phone from the tracking page and reads the ending in words with its 撤回确认书; the
 * head of a 人民调解委员会 finds an agreement signed by everyone on the 待盖章 tile of his workbench,
 * opens it from the list and seals it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, snapshot, viewports, withScreenshot } from './browser';
import { apiLogin, apiResponse, DEMO_PASSWORD, login, motionSettled } from './matters';

const TOWN_CLERK = { username: 'town01-clerk', password: DEMO_PASSWORD };
const VILLAGE_CLERK = { username: 'village-clerk', password: DEMO_PASSWORD };
const MEDIATOR = { username: 'village-mediator', password: DEMO_PASSWORD };
const COMMITTEE = { username: 'village-committee', password: DEMO_PASSWORD };
const PHONE = '13987650088';
// A 1×1 PNG: a scanned signature in miniature.
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

describe('a petition withdrawn online (375 px phone)', () => {
  it('ends as 已撤回 on the tracking page, in words, with the 撤回确认书', async () => {
    const staff = await newContext(browser, base, viewports.desktop);
    const phone = await newContext(browser, base, viewports.phone);
    try {
      const { headers } = await apiLogin(staff.request, TOWN_CLERK);
      const created = await staff.request.post('/api/matters', {
        headers,
        data: {
          kind: 'petition',
          channel: 'walk_in',
          categoryCode: 'PET-03',
          title: '反映邻居占用公共通道',
          description: '邻居加盖房屋占用公共通道，村里协调未果。',
          place: { address: '东大街街道南苑社区 8 号' },
          parties: [{ role: 'applicant', name: '孙某某', phone: PHONE }],
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const { matter, trackingSecret } = (await created.json()) as {
        matter: { id: string; code: string };
        trackingSecret: string;
      };
      const accepted = await staff.request.post(`/api/matters/${matter.id}/actions`, {
        headers,
        data: { action: 'accept' },
      });
      expect(accepted.status(), await accepted.text()).toBe(200);

      const page = await phone.newPage();
      await withScreenshot(page, 'petition-withdrawn', async () => {
        await page.goto('/public/track');
        await page.getByTestId('track-code').fill(matter.code);
        await page.getByTestId('track-secret').fill(trackingSecret);
        await page.getByTestId('track-phone').fill(PHONE);
        await page.getByTestId('track-submit').click();
        await page.getByTestId('track-result').waitFor();
        const card = page.getByTestId('track-act-withdraw');
        await card.waitFor();
        await card.locator('textarea').fill('已与邻居协商好，通道已让出');
        const sent = apiResponse(page, 'POST', /^\/api\/public\/matters\/act$/);
        await page.getByTestId('track-submit-withdraw').click();
        expect((await sent).status()).toBe(200);
        await expect
          .poll(async () => ((await page.getByTestId('track-status').textContent()) ?? '').trim())
          .toBe('已撤回');
        const ending = (await page.getByTestId('track-ending').textContent()) ?? '';
        expect(ending).toContain('您已撤回这件信访事项');
        expect(ending).toContain('信访事项撤回确认书');
        expect(await page.getByTestId('track-documents').textContent()).toContain('信访事项撤回确认书');
        expect(await page.getByTestId('track-act-withdraw').count()).toBe(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        await snapshot(page, 'petition-withdrawn');
      });
    } finally {
      await phone.close();
      await staff.close();
    }
  });
});

describe('the committee seals from its 待盖章 list', () => {
  it('finds the agreement on the workbench tile, opens it from the list and seals it', async () => {
    const clerkCtx = await newContext(browser, base, viewports.desktop);
    const mediatorCtx = await newContext(browser, base, viewports.desktop);
    const committeeCtx = await newContext(browser, base, viewports.desktop);
    try {
      const clerk = await apiLogin(clerkCtx.request, VILLAGE_CLERK);
      const mediator = await apiLogin(mediatorCtx.request, MEDIATOR);
      const post = async (ctx: typeof clerkCtx, h: Record<string, string>, url: string, data: unknown) => {
        const res = await ctx.request.post(url, { headers: h, data });
        expect(res.status(), await res.text()).toBeLessThan(300);
        return res.json();
      };
      const { matter } = (await post(clerkCtx, clerk.headers, '/api/matters', {
        kind: 'dispute',
        channel: 'walk_in',
        categoryCode: 'MED-02',
        title: '邻里排水沟纠纷（待盖章）',
        description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
        riskGrade: 'yellow',
        place: { villageId: clerk.user.org!.id, address: '南苑社区某巷 3 号' },
        parties: [
          { role: 'applicant', name: '王甲乙', phone: '13912345678' },
          { role: 'respondent', name: '李丙丁', phone: '13987654321' },
        ],
      })) as { matter: { id: string; code: string } };
      const step = (body: unknown) =>
        post(clerkCtx, clerk.headers, `/api/matters/${matter.id}/actions`, body);
      await step({ action: 'accept' });
      await step({ action: 'start_mediation', initiative: 'application' });
      await step({
        action: 'assign_mediator',
        mediatorId: mediator.user.id,
        chosenBy: 'parties',
        conflictOfInterest: false,
      });
      const m = (await (
        await mediatorCtx.request.get(`/api/matters/${matter.id}`, { headers: mediator.headers })
      ).json()) as { parties: { id: string }[] };
      const drafted = await mediatorCtx.request.put(`/api/matters/${matter.id}/agreements`, {
        headers: mediator.headers,
        data: {
          form: 'written',
          parties: m.parties.map((p) => ({ partyId: p.id, particulars: '住南苑社区' })),
          facts: '排水沟堵塞，雨水倒灌。',
          issues: '由谁疏通。',
          responsibility: '被申请人负主要责任。',
          terms: ['被申请人疏通排水沟'],
          performance: { manner: '当场履行', deadline: '2027-03-10' },
        },
      });
      expect(drafted.status(), await drafted.text()).toBe(200);
      const agreementId = ((await drafted.json()) as { id: string }).id;
      const scan = async () => {
        const res = await mediatorCtx.request.post(`/api/matters/${matter.id}/attachments`, {
          headers: mediator.headers,
          multipart: { file: { name: '签名件.png', mimeType: 'image/png', buffer: png } },
        });
        expect(res.status(), await res.text()).toBe(201);
        return ((await res.json()) as { id: string }).id;
      };
      const sign = (body: unknown) =>
        post(
          mediatorCtx,
          mediator.headers,
          `/api/matters/${matter.id}/agreements/${agreementId}/signatures`,
          body,
        );
      for (const p of m.parties)
        await sign({ signer: 'party', partyId: p.id, method: 'scan', attachmentId: await scan() });
      await sign({ signer: 'mediator', method: 'scan', attachmentId: await scan() });

      const page = await committeeCtx.newPage();
      await withScreenshot(page, 'committee-seal', async () => {
        await login(page, COMMITTEE);
        const tile = page.getByTestId('work-count-awaiting_seal');
        await tile.waitFor();
        expect(
          Number(((await tile.locator('.ant-statistic-content-value').textContent()) ?? '0').trim()),
        ).toBeGreaterThan(0);
        await tile.click();
        const go = page.getByTestId(`seal-${matter.code}`);
        await go.waitFor();
        await snapshot(page, 'committee-awaiting-seal');
        await go.click();
        await page.getByTestId('sign-org').first().click();
        await motionSettled(page);
        const signed = page.waitForResponse((r) =>
          /\/agreements\/[^/]+\/signatures$/.test(new URL(r.url()).pathname),
        );
        await page.getByRole('button', { name: '确认' }).click();
        expect((await signed).status()).toBe(200);
        await page.getByTestId('agreement-status').filter({ hasText: '已生效' }).waitFor();
      });
      // Sealed: off the list.
      const list = await committeeCtx.request.get('/api/matters?queue=awaiting_seal');
      expect(((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(
        matter.id,
      );
    } finally {
      await clerkCtx.close();
      await mediatorCtx.close();
      await committeeCtx.close();
    }
  });
});
