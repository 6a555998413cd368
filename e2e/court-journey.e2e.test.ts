/**
 * Issue 5 in the browser, against the court platform simulator the global setup runs beside the
 * server (scripts/court-sim.ts, a separate process):
 * 1. a village dispute is mediated to a written agreement: the mediator drafts it, the parties and
 *    the mediator sign on the screen, the village clerk seals it, and the printed PDF carries every
 *    content of 人民调解法 art. 29; the clerk applies for judicial confirmation, the simulator
 *    receives it and confirms, and the matter page shows the ruling;
 * 2. another dispute fails mediation and the clerk pushes it to the court with its package; the
 *    simulator holds the referral and registers the case;
 * 3. the simulator entrusts a mediation to the village; it appears in the village queue, is mediated
 *    to an agreement, and the result reaches the simulator.
 * Setup steps that are not what this journey tests (registering, accepting, assigning) go through
 * the API; the court and agreement steps go through the screens.
 */

import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { act, apiLogin, chooseRadio, DEMO_PASSWORD, login, motionSettled, openMatter } from './matters';

const simUrl = inject('e2eCourtSimUrl');
const CLERK = { username: 'village-clerk', password: DEMO_PASSWORD };
const MEDIATOR = { username: 'village-mediator', password: DEMO_PASSWORD };
const COMMITTEE = { username: 'village-committee', password: DEMO_PASSWORD };

let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];
let clerkPage: Page;
let mediatorPage: Page;
let api: { request: APIRequestContext; headers: Record<string, string>; villageId: string };
let mediatorId: string;
let mediatorApi: typeof api;

/** An 18-digit resident ID with a correct check digit (GB 11643). */
function residentId(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body17 + '10X98765432'[w.reduce((a, x, i) => a + x * Number(body17[i]), 0) % 11];
}

async function personPage(who: { username: string; password: string }): Promise<Page> {
  const context = await newContext(browser, base, viewports.desktop);
  contexts.push(context);
  const page = await context.newPage();
  await login(page, who);
  return page;
}

async function post(path: string, data: unknown, as = api) {
  const res = await as.request.post(path, { headers: as.headers, data });
  expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
  return res.status() === 204 ? null : res.json();
}

/** A dispute at the village with both parties identified, accepted and in mediation with the village mediator. */
async function mediatingDispute(title: string): Promise<{ id: string; code: string }> {
  const { matter } = await post('/api/matters', {
    kind: 'dispute',
    channel: 'walk_in',
    categoryCode: 'MED-02',
    title,
    description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
    riskGrade: 'yellow',
    place: { villageId: api.villageId, address: '南苑社区某巷 3 号' },
    parties: [
      { role: 'applicant', name: '王甲乙', phone: '13912345678', idNumber: residentId('62060219800101001') },
      { role: 'respondent', name: '李丙丁', phone: '13987654321', idNumber: residentId('62060219820202002') },
    ],
  });
  const step = (body: unknown) => post(`/api/matters/${matter.id}/actions`, body);
  await step({ action: 'accept' });
  await step({ action: 'start_mediation', initiative: 'application' });
  await step({ action: 'assign_mediator', mediatorId, chosenBy: 'parties', conflictOfInterest: false });
  return matter;
}

async function simHolds(kind: string, match: (body: Record<string, unknown>) => boolean) {
  let found: { body: Record<string, unknown>; reference: string } | undefined;
  await expect
    .poll(
      async () => {
        const all = (await (await fetch(`${simUrl}/sim/messages`)).json()) as {
          received: { kind: string; body: Record<string, unknown>; reference: string }[];
        };
        found = all.received.find((r) => r.kind === kind && match(r.body));
        return !!found;
      },
      { timeout: 30_000, message: `the court simulator holds a ${kind}` },
    )
    .toBe(true);
  return found!;
}

/** Draws a signature on the pad with the mouse. */
async function draw(page: Page) {
  const pad = page.getByTestId('signature-pad');
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.6);
  await page.mouse.down();
  for (const [x, y] of [
    [0.3, 0.3],
    [0.45, 0.7],
    [0.6, 0.3],
    [0.8, 0.6],
  ] as const)
    await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 5 });
  await page.mouse.up();
}

async function signFor(page: Page, button: string, how: 'draw' | 'seal') {
  await page.getByTestId(button).first().click();
  await motionSettled(page);
  if (how === 'draw') await draw(page);
  const signed = page.waitForResponse((r) =>
    /\/agreements\/[^/]+\/signatures$/.test(new URL(r.url()).pathname),
  );
  await page.getByRole('button', { name: '确认' }).click();
  const res = await signed;
  expect(res.status(), await res.text()).toBe(200);
  await page.locator('.ant-modal').waitFor({ state: 'detached' });
}

async function pdfText(page: Page, href: string): Promise<string> {
  const res = await page.context().request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  const doc = await getDocument({ data: new Uint8Array(await res.body()), isEvalSupported: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const c = await (await doc.getPage(i)).getTextContent();
    text += c.items.map((it) => ('str' in it ? it.str : '')).join('');
  }
  return text.replace(/\s+/g, '');
}

beforeAll(async () => {
  if (!simUrl) return;
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
  const ctx = await newContext(browser, base, viewports.desktop);
  contexts.push(ctx);
  const clerk = await apiLogin(ctx.request, CLERK);
  api = { request: ctx.request, headers: clerk.headers, villageId: clerk.user.org!.id };
  const mctx = await newContext(browser, base, viewports.desktop);
  contexts.push(mctx);
  const mediator = await apiLogin(mctx.request, MEDIATOR);
  mediatorId = mediator.user.id;
  mediatorApi = { request: mctx.request, headers: mediator.headers, villageId: api.villageId };
  clerkPage = await personPage(CLERK);
  mediatorPage = await personPage(MEDIATOR);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
});

describe.runIf(simUrl)('mediation to the court and back (issue 5)', () => {
  it('signs a written agreement, prints it, and has it confirmed by the court', async () => {
    const m = await mediatingDispute('邻里排水沟纠纷（调解协议）');
    await withScreenshot(mediatorPage, 'court-agreement-draft', async () => {
      await openMatter(mediatorPage, m.id);
      await mediatorPage.getByTestId('agreement-draft').click();
      await motionSettled(mediatorPage);
      const dialog = mediatorPage.getByRole('dialog');
      await dialog.getByLabel(/申请人 王\*\* 的基本情况/).fill('男，1980 年生，汉族，住南苑社区');
      await dialog.getByLabel(/被申请人 李\*\* 的基本情况/).fill('女，1982 年生，汉族，住南苑社区');
      await dialog.getByLabel('纠纷的主要事实').fill('两户之间的排水沟堵塞，雨水倒灌入王甲乙家中。');
      await dialog.getByLabel('争议事项').fill('排水沟由谁疏通，损失是否赔偿。');
      await dialog.getByLabel('各方当事人的责任').fill('李丙丁堆放杂物致排水沟堵塞，负主要责任。');
      await dialog
        .getByLabel('协议内容（每行一条）')
        .fill('李丙丁于 3 月 10 日前疏通排水沟\n李丙丁赔偿王甲乙损失 800 元');
      await dialog.getByLabel('履行方式').fill('现金当面支付');
      await dialog.getByLabel('履行期限').fill('2026-12-31');
      await dialog.getByRole('button', { name: '保存' }).click();
      await mediatorPage.getByTestId('agreement-status').filter({ hasText: '待签署' }).waitFor();
    });
    // The parties sign on the mediator's tablet, then the mediator.
    await withScreenshot(mediatorPage, 'court-agreement-sign', async () => {
      await signFor(mediatorPage, 'sign-party', 'draw');
      await signFor(mediatorPage, 'sign-party', 'draw');
      await signFor(mediatorPage, 'sign-mediator', 'draw');
    });
    // The head of the 人民调解委员会 that mediated seals it (人民调解法 art. 29): it takes effect.
    const committeePage = await personPage(COMMITTEE);
    await withScreenshot(committeePage, 'court-agreement-seal', async () => {
      await openMatter(committeePage, m.id);
      await signFor(committeePage, 'sign-org', 'seal');
      await committeePage.getByTestId('agreement-status').filter({ hasText: '已生效' }).waitFor();
    });
    await openMatter(clerkPage, m.id);
    const href = (await clerkPage.getByTestId('agreement-pdf').getAttribute('href'))!;
    const text = await pdfText(clerkPage, href);
    for (const needed of [
      '人民调解协议书',
      '王甲乙',
      '李丙丁',
      '负主要责任',
      '赔偿王甲乙损失800元',
      '现金当面支付',
      '一式3份',
      '当场签名',
    ]) {
      expect(text, needed).toContain(needed);
    }

    // The mediator records the agreement in the lifecycle; they keep reading the matter afterwards.
    await openMatter(mediatorPage, m.id);
    await act(mediatorPage, 'agree', () => chooseRadio(mediatorPage, 'action-form-agree', '书面协议'), 200);

    // The clerk applies for judicial confirmation within the 30 days.
    await withScreenshot(clerkPage, 'court-confirmation', async () => {
      await openMatter(clerkPage, m.id);
      await clerkPage.getByTestId('confirmation-window').waitFor();
      await clerkPage.getByTestId('court-confirm').click();
      await motionSettled(clerkPage);
      const dialog = clerkPage.getByRole('dialog');
      for (const address of await dialog.getByLabel('送达地址', { exact: true }).all())
        await address.fill('凉州区南苑社区某巷 3 号');
      for (const box of await dialog.getByRole('checkbox').all()) await box.check();
      await dialog
        .getByLabel('协议条款（每行一条）')
        .fill('李丙丁于 3 月 10 日前疏通排水沟\n李丙丁赔偿王甲乙损失 800 元');
      await dialog.getByLabel('履行方式和期限').fill('现金当面支付，12 月 31 日前履行完毕');
      await dialog.getByRole('button', { name: '提交申请' }).click();
      await dialog.waitFor({ state: 'detached' });
    });
    const application = await simHolds('confirmation_application', (b) => b.matterCode === m.code);
    expect(application.body).toMatchObject({ jointApplication: true, parties: expect.any(Array) });
    // The simulator confirms; the ruling shows on the matter page.
    await expect
      .poll(
        async () => {
          await clerkPage.reload();
          await clerkPage.getByTestId('court-case').first().waitFor();
          return clerkPage.locator('[data-testid="court-case"][data-status="confirmed"]').count();
        },
        { timeout: 30_000, message: 'the ruling is recorded' },
      )
      .toBe(1);
  });

  it('pushes a dispute mediation could not settle to the court with its package', async () => {
    const m = await mediatingDispute('邻里排水沟纠纷（调解不成）');
    await post(
      `/api/matters/${m.id}/actions`,
      {
        action: 'terminate_mediation',
        terminationReason: 'positions_too_far_apart',
        reason: '双方对赔偿数额分歧较大',
      },
      mediatorApi,
    );
    await withScreenshot(clerkPage, 'court-referral', async () => {
      await openMatter(clerkPage, m.id);
      await clerkPage.getByTestId('court-refer').click();
      await motionSettled(clerkPage);
      const dialog = clerkPage.getByRole('dialog');
      for (const address of await dialog.getByLabel('送达地址', { exact: true }).all())
        await address.fill('凉州区南苑社区某巷 3 号');
      for (const box of await dialog.getByRole('checkbox').all()) await box.check();
      await dialog.getByLabel('诉讼请求（每行一项）').fill('判令被告疏通排水沟\n赔偿损失 2000 元');
      await dialog.getByLabel('无争议事实（每行一项，经双方确认）').fill('排水沟位于两户之间');
      await dialog.getByLabel('调解不成的原因').fill('双方对赔偿数额分歧较大');
      await dialog.getByRole('button', { name: '推送法院' }).click();
      await dialog.waitFor({ state: 'detached' });
    });
    const referral = await simHolds('litigation_referral', (b) => b.matterCode === m.code);
    expect(referral.body).toMatchObject({
      claims: ['判令被告疏通排水沟', '赔偿损失 2000 元'],
      failureReport: expect.objectContaining({
        reasonCode: 'positions_too_far_apart',
        undisputedFacts: ['排水沟位于两户之间'],
      }),
    });
    await expect
      .poll(
        async () => {
          await clerkPage.reload();
          await clerkPage.getByTestId('court-case').first().waitFor();
          return clerkPage.locator('[data-testid="court-case"][data-status="registered"]').count();
        },
        { timeout: 30_000, message: 'the court registered the case' },
      )
      .toBe(1);
  });

  it('takes a mediation the court entrusts and sends the result back', async () => {
    const courtCaseNo = `(2026)甘0602民初${Date.now() % 100000}号`;
    const res = await fetch(`${simUrl}/sim/mediation-requests`, {
      method: 'POST',
      body: JSON.stringify({
        orgCode: '620602001001',
        type: 'entrusted',
        procedure: 'ordinary',
        courtCaseNo,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    // It is in the village queue, marked as coming from the court.
    await withScreenshot(clerkPage, 'court-entrusted', async () => {
      await clerkPage.goto('/matters');
      await clerkPage.locator('tr', { hasText: courtCaseNo }).getByRole('link').first().click();
      await clerkPage.getByTestId('matter-page').waitFor();
    });
    const id = new URL(clerkPage.url()).pathname.split('/').pop()!;
    await post(`/api/matters/${id}/actions`, { action: 'accept' });
    await post(`/api/matters/${id}/actions`, { action: 'start_mediation' });
    await post(`/api/matters/${id}/actions`, {
      action: 'assign_mediator',
      mediatorId,
      chosenBy: 'org',
      conflictOfInterest: false,
    });
    // The parties agree on the spot: the mediator records the oral agreement and their note (人民调解法 art. 28).
    const detail = await (
      await mediatorApi.request.get(`/api/matters/${id}`, { headers: mediatorApi.headers })
    ).json();
    const oral = await mediatorApi.request.put(`/api/matters/${id}/agreements`, {
      headers: mediatorApi.headers,
      data: {
        form: 'oral',
        parties: (detail.parties as { id: string }[]).map((p) => ({ partyId: p.id })),
        oralRecord: '双方当场同意被告于本月内赔偿原告 800 元，原告撤回起诉。',
        mediatorNote: '调解员在村委会主持，双方当面确认。',
      },
    });
    expect(oral.status(), await oral.text()).toBe(200);
    await openMatter(mediatorPage, id);
    await act(mediatorPage, 'agree', () => chooseRadio(mediatorPage, 'action-form-agree', '口头协议'), 200);
    const result = await simHolds('mediation_result', (b) => b.courtCaseNo === courtCaseNo);
    expect(result.body).toMatchObject({ outcome: 'agreement', reasonCode: 'agreement_reached' });
  });
});
