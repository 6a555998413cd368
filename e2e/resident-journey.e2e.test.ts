/**
 * The residents' journey on a 375 px phone (issue 4, 掌上综治), as a resident meets it: browse the
 * service catalog, file a dispute naming the other party and with a photo (its GPS position stays
 * on the phone), keep the code and tracking secret (SMS note, 保存为图片, a reload of the success
 * page shows them again), track it with the code typed without dashes and the secret in lower case
 * (plain words, no internal codes), be refused with a wrong phone exactly like an unknown code. The
 * clerk sees both parties masked, corrects one, sees the resident's photo (thumbnail, then opened)
 * without its position, mediates to an oral agreement (impossible before: the online form recorded
 * only the applicant) and answers; the resident reads the answer and downloads the documents
 * (答复意见, the agreement) before rating. Screenshots of the resident's pages go to e2e/artifacts.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matterStatusLabels } from '../core/domain/matters/model';
import { newContext, openSuiteBrowser, snapshot, viewports, withScreenshot } from './browser';
import {
  apiLogin,
  apiResponse,
  DEMO_PASSWORD,
  login,
  motionSettled,
  openMatter,
  pickOption,
} from './matters';
import { carriesLocation, phonePhoto } from './photos';

const DISTRICT_CLERK = { username: 'clerk', password: DEMO_PASSWORD };
const DISTRICT_MEDIATOR = { username: 'mediator', password: DEMO_PASSWORD };
const PHONE = '13987650011';

const { browser, base } = await openSuiteBrowser();

describe('residents’ journey (375 px phone)', () => {
  it('files a dispute with its other party and a photo, keeps the code, tracks, reads the answer and documents, rates', async () => {
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
        // Categories by name: an internal code (MED-02) means nothing to a resident.
        await pickOption(page, 'public-category', '', '邻里');
        expect(await page.getByTestId('public-category').textContent()).not.toMatch(/MED-/);
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
        // The other party: a written agreement needs both sides.
        await page.getByTestId('public-other-party').waitFor();
        await page.getByTestId('public-other-name').fill('孙某某');
        await page.getByTestId('public-other-phone').fill('13600001111');
        // A photo from the phone's camera, GPS position in its EXIF.
        await page.getByTestId('resident-files-input').setInputFiles(await phonePhoto('院墙滴水.jpg'));
        await expect.poll(() => page.getByTestId('resident-files-item').count()).toBe(1);
        await snapshot(page, 'resident-01-submit-form');
        const submitted = apiResponse(page, 'POST', /^\/api\/public\/matters$/);
        const uploaded = apiResponse(page, 'POST', /^\/api\/public\/matters\/attachments$/);
        await page.getByTestId('public-submit').click();
        const res = await submitted;
        expect(res.status(), await res.text()).toBe(201);
        const sentParties = (res.request().postDataJSON() as { parties: { role: string; name: string }[] })
          .parties;
        expect(sentParties).toEqual([
          expect.objectContaining({ role: 'applicant', name: '钱某某' }),
          expect.objectContaining({ role: 'respondent', name: '孙某某', phone: '13600001111' }),
        ]);
        const body = (await res.json()) as { code: string; trackingSecret: string };
        expect((await uploaded).status()).toBe(201);

        // 3. The code and the secret: on the page, by SMS, as a picture; the photo sent after them.
        await page.getByTestId('public-submitted').waitFor();
        expect(((await page.getByTestId('public-code').textContent()) ?? '').trim()).toBe(body.code);
        expect(((await page.getByTestId('public-secret').textContent()) ?? '').trim()).toBe(
          body.trackingSecret,
        );
        expect(await page.getByTestId('public-sms-note').textContent()).toContain('139****0011');
        await expect
          .poll(() => page.locator('[data-testid="public-upload"][data-state="sent"]').count())
          .toBe(1);
        const saved = page.waitForEvent('download');
        await page.getByTestId('public-save-image').click();
        const picture = await saved;
        expect(picture.suggestedFilename()).toBe(`综治事项-${body.code}.png`);
        const png = readFileSync((await picture.path())!);
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        await snapshot(page, 'resident-02-submitted');

        // A reload of the success page shows the same code and secret (this tab keeps them).
        await page.reload();
        await page.getByTestId('public-submitted').waitFor();
        expect(((await page.getByTestId('public-code').textContent()) ?? '').trim()).toBe(body.code);
        expect(((await page.getByTestId('public-secret').textContent()) ?? '').trim()).toBe(
          body.trackingSecret,
        );
        await snapshot(page, 'resident-03-submitted-after-reload');

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

        // 5. The right phone, the code typed without dashes and the secret in lower case without
        // dashes: status, who holds it, and the timeline in plain words.
        await page.getByTestId('track-code').fill(body.code.replaceAll('-', ''));
        await page.getByTestId('track-secret').fill(body.trackingSecret.replaceAll('-', '').toLowerCase());
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
        expect(await page.getByTestId('track-timeline').textContent()).toContain('您补充了材料');
        expect(await page.getByTestId('track-files-sent').textContent()).toContain('院墙滴水');
        expect(await page.getByTestId('track-act-rate').count()).toBe(0);
        // While the matter is being worked, one more photo from the tracking page.
        await page.getByTestId('track-picker-input').setInputFiles(await phonePhoto('积水.jpg', '#469'));
        await expect.poll(() => page.getByTestId('track-picker-item').count()).toBe(1);
        const more = apiResponse(page, 'POST', /^\/api\/public\/matters\/attachments$/);
        await page.getByTestId('track-files-send').click();
        expect((await more).status()).toBe(201);
        await expect
          .poll(async () => (await page.getByTestId('track-files-sent').textContent()) ?? '')
          .toContain('积水');
        const registeredText = (await page.locator('main').textContent()) ?? '';
        for (const internal of ['MED-', '流转', '解除协办']) expect(registeredText).not.toContain(internal);
        await snapshot(page, 'resident-04-track-registered');

        // 6. The clerk's page: both parties (masked), the resident's photo as a thumbnail that opens,
        // without its position; the other party's address corrected on the page.
        const staff = await newContext(browser, base, viewports.desktop);
        try {
          const desk = await staff.newPage();
          await login(desk, DISTRICT_CLERK);
          const { headers } = await apiLogin(staff.request, DISTRICT_CLERK);
          const list = await staff.request.get(`/api/matters?q=${encodeURIComponent(body.code)}`, {
            headers,
          });
          expect(list.status(), await list.text()).toBe(200);
          const found = ((await list.json()) as { items: { id: string; code: string }[] }).items.find(
            (m) => m.code === body.code,
          );
          if (!found) throw new Error(`the district clerk does not see ${body.code}`);
          await openMatter(desk, found.id);
          const parties = desk.getByTestId('matter-parties');
          await expect.poll(async () => (await parties.textContent()) ?? '').toContain('孙**');
          expect(await parties.textContent()).toContain('钱**');
          expect(await parties.textContent()).toContain('136****1111');
          const thumb = desk.getByTestId('attachment-thumb').first();
          await thumb.waitFor();
          await expect
            .poll(() => thumb.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
            .toBeGreaterThan(0);
          expect(await desk.getByTestId('attachment-uploader').first().textContent()).toContain('群众提交');
          await desk.getByTestId('attachment-open').first().click();
          const full = desk.getByTestId('attachment-full');
          await full.waitFor();
          await expect
            .poll(() => full.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
            .toBeGreaterThan(0);
          const href = (await desk.getByTestId('attachment-download').getAttribute('href'))!;
          const file = await staff.request.get(href);
          expect(file.status()).toBe(200);
          expect(await carriesLocation(await file.body())).toBe(false);
          await desk.keyboard.press('Escape');
          await desk.getByTestId('attachment-viewer').waitFor({ state: 'detached' });
          await desk
            .locator('[data-testid="matter-party"][data-role="respondent"] [data-testid="party-correct"]')
            .click();
          await desk.getByTestId('party-form').waitFor();
          await motionSettled(desk);
          await desk.getByTestId('party-address').fill('凉州区东大街南苑社区4号院');
          const corrected = apiResponse(desk, 'PATCH', /\/api\/matters\/[^/]+\/parties\/[^/]+$/);
          await desk.getByRole('button', { name: '保存' }).click();
          expect((await corrected).status()).toBe(200);
          await expect
            .poll(async () => (await desk.getByTestId('matter-timeline').textContent()) ?? '')
            .toContain('更正当事人信息');
          await snapshot(desk, 'clerk-05-matter-page');

          // Mediation to an agreement naming both parties (refused before: one party only), then the answer.
          const mediator = await newContext(browser, base, viewports.desktop);
          try {
            const med = await apiLogin(mediator.request, DISTRICT_MEDIATOR);
            const step = async (
              who: typeof staff,
              h: Record<string, string>,
              data: Record<string, unknown>,
            ) => {
              const a = await who.request.post(`/api/matters/${found.id}/actions`, { headers: h, data });
              // 204: the step took the matter out of this person's sight (the mediator's, once agreed).
              expect([200, 204], `${String(data.action)}: ${await a.text()}`).toContain(a.status());
              return a.status() === 200
                ? ((await a.json()) as { parties: { id: string }[] })
                : { parties: [] };
            };
            // Sent down to the street and taken back: the resident is told where it went, in words.
            const towns = await staff.request.get('/api/orgs', { params: { q: '东大街街道' } });
            const town = ((await towns.json()) as { id: string; name: string }[]).find(
              (o) => o.name === '东大街街道',
            );
            if (!town) throw new Error('no 东大街街道 in the demo county');
            await step(staff, headers, {
              action: 'transfer',
              transferKind: 'dispatch_down',
              toOrgId: town.id,
              reason: '请街道就近调解',
            });
            await step(staff, headers, { action: 'recall', reason: '区调委会直接调解' });
            await step(staff, headers, { action: 'accept' });
            await step(staff, headers, { action: 'start_mediation', initiative: 'application' });
            const m = await step(staff, headers, {
              action: 'assign_mediator',
              mediatorId: med.user.id,
              chosenBy: 'org',
              conflictOfInterest: false,
            });
            const oral = await staff.request.put(`/api/matters/${found.id}/agreements`, {
              headers,
              data: {
                form: 'oral',
                parties: m.parties.map((p) => ({ partyId: p.id })),
                oralRecord: '孙某某同意在院墙加装接水槽，费用由其承担，本月内完成。',
                mediatorNote: '调解员上门主持，双方当面口头确认。',
              },
            });
            expect(oral.status(), await oral.text()).toBe(200);
            await step(mediator, med.headers, { action: 'agree', form: 'oral' });
            await step(staff, headers, {
              action: 'answer',
              reason: '经调解，邻居同意加装接水槽，滴水问题已解决。',
            });
          } finally {
            await mediator.close();
          }
        } finally {
          await staff.close();
        }

        // 7. Tracking again: the answer in its words and the documents to download, then the rating.
        const again = apiResponse(page, 'POST', /^\/api\/public\/matters\/track$/);
        await page.getByTestId('track-submit').click();
        expect((await again).status()).toBe(200);
        await page.getByTestId('track-act-rate').waitFor();
        expect(((await page.getByTestId('track-status').textContent()) ?? '').trim()).toBe(
          matterStatusLabels.answered,
        );
        const timelineWords = (await page.getByTestId('track-timeline').textContent()) ?? '';
        expect(timelineWords).toMatch(/已转至东大街街道.*综治中心/);
        expect(timelineWords).toContain('达成调解协议');
        const answeredText = (await page.locator('main').textContent()) ?? '';
        for (const internal of ['MED-', '流转', '解除协办', '上提'])
          expect(answeredText).not.toContain(internal);
        const answer = page.getByTestId('track-answer');
        expect(await answer.textContent()).toContain('邻居同意加装接水槽');
        // The answer and the documents come before the rating on the page.
        const before = await page.evaluate(() => {
          const a = document.querySelector('[data-testid="track-answer"]');
          const d = document.querySelector('[data-testid="track-documents"]');
          const r = document.querySelector('[data-testid="track-act-rate"]');
          const precedes = (x: Element | null, y: Element | null) =>
            !!x && !!y && (x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
          return precedes(a, r) && precedes(d, r);
        });
        expect(before).toBe(true);
        // The 30 days to ask the court to confirm the agreement (人民调解法 art. 33), with their last day.
        const confirmation = (await page.getByTestId('track-confirmation').textContent()) ?? '';
        expect(confirmation).toContain('申请司法确认');
        expect(confirmation).toMatch(/请在 \d{4}年\d{1,2}月\d{1,2}日 .*前申请/);
        expect(confirmation).toContain('人民调解法第三十三条');
        const docs = page.getByTestId('track-documents');
        for (const title of ['答复意见', '口头调解协议记录', '受理告知书']) {
          const button = docs.locator(`[data-testid="track-document-download"][data-title="${title}"]`);
          const downloaded = page.waitForEvent('download');
          await button.click();
          const d = await downloaded;
          expect(d.suggestedFilename()).toContain(title === '口头调解协议记录' ? '人民调解协议书' : title);
          expect(
            readFileSync((await d.path())!)
              .subarray(0, 5)
              .toString(),
          ).toBe('%PDF-');
        }
        await snapshot(page, 'resident-06-track-answered');
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
        await snapshot(page, 'resident-07-rated');
      });
    } finally {
      await context.close();
    }
  }, 180_000);
});
