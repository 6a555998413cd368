/**
 * 社会参与 journey (issue 7): a village clerk groups three related matters into one agenda item,
 * holds the council's meeting, enters the paper ballot, hands a task to the town and publishes the
 * decision; the town's queue then holds the task with its deadline, the task's page leads back to the
 * meeting; once the town has answered it, the meeting (on a 375 px phone) and the residents' 村务公开
 * page show it 已办结, and the public page carries no personal data (canary names and numbers are
 * planted in members, parties, minutes and dissent).
 */
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { apiLogin, apiResponse, DEMO_PASSWORD, login, motionSettled, pickOption } from './matters';

const CLERK = { username: 'village-clerk', password: DEMO_PASSWORD };
const TOWN_CLERK = { username: 'town01-clerk', password: DEMO_PASSWORD };
const CANARY = ['甄金丝雀', '贾金丝雀', '司马金丝雀', '欧阳金丝雀', '13900007777', '13900009999'];

let browser: Browser;
let base: string;

beforeAll(async () => {
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Today in China, as the server's clock and the date inputs see it. */
function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
function nowLocal(): string {
  const d = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date());
  return d.replace(' ', 'T');
}

/** Three related complaints about the same village road and a council with canary members (API setup). */
async function setup(api: APIRequestContext) {
  const { headers, user } = await apiLogin(api, CLERK);
  const villageId = user.org!.id;
  const matters: { id: string; code: string; title: string }[] = [];
  for (const [i, title] of ['村道积水无法通行', '排水沟堵塞雨水倒灌', '村道破损影响出行'].entries()) {
    const r = await api.post('/api/matters', {
      headers,
      data: {
        kind: 'dispute',
        channel: 'walk_in',
        categoryCode: 'MED-02',
        title,
        description: '下雨后村道积水，排水沟堵塞，村民出行困难，多次反映。',
        place: { villageId },
        parties: [
          {
            role: 'applicant',
            name: i === 0 ? '欧阳金丝雀' : `王某${i}`,
            phone: i === 0 ? '13900009999' : `1391234560${i}`,
          },
          { role: 'respondent', name: '李丙丁' },
        ],
      },
    });
    expect(r.status(), await r.text()).toBe(201);
    const { matter } = (await r.json()) as { matter: { id: string; code: string; title: string } };
    matters.push(matter);
  }
  const term = { termStart: '2026-01-01', termEnd: '2028-12-31' };
  const body = await api.post('/api/deliberation/bodies', {
    headers,
    data: {
      orgId: villageId,
      kind: 'council',
      name: '南苑社区百姓议事会',
      ...term,
      members: [
        { name: '甄金丝雀', phone: '13900007777', position: 'chair', seatedBy: 'elected', ...term },
        { name: '贾金丝雀', position: 'recorder', seatedBy: 'appointed', ...term },
        { name: '成员丙', position: 'member', seatedBy: 'elected', ...term },
        { name: '成员丁', position: 'member', seatedBy: 'elected', ...term },
      ],
    },
  });
  expect(body.status(), await body.text()).toBe(201);
  return { villageId, matters, bodyId: ((await body.json()) as { id: string }).id };
}

/** Picks each matter into the agenda item's multi-select by its code. */
async function pickMatters(page: Page, testId: string, codes: string[]) {
  const select = page.getByTestId(testId);
  for (const code of codes) {
    await select.click();
    await page.keyboard.type(code);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: code });
    await option.first().waitFor({ timeout: 15_000 });
    await motionSettled(page);
    await option.first().click();
    await expect.poll(async () => (await select.textContent()) ?? '', { timeout: 5_000 }).toContain(code);
    await page.keyboard.press('Escape');
  }
}

describe('deliberation journey', () => {
  it('agenda of three matters → meeting → paper ballot → task in the town’s queue → 村务公开', async () => {
    const setupContext = await newContext(browser, base, viewports.desktop);
    const { villageId, matters } = await setup(setupContext.request);
    await setupContext.close();

    const context = await newContext(browser, base, viewports.desktop);
    const page = await context.newPage();
    let meetingId = '';
    let taskCode = '';
    const dueOn = '2026-12-20';
    try {
      await withScreenshot(page, 'deliberation-clerk', async () => {
        await login(page, CLERK);
        await page.goto('/deliberation');
        await page.getByTestId('new-meeting').click();
        await page.waitForURL(/\/deliberation\/meetings\/new$/);
        await pickOption(page, 'meeting-body', '百姓', '南苑社区百姓议事会');
        await page.getByTestId('meeting-topic').fill('村道积水和排水沟治理');
        await page.getByTestId('meeting-starts-at').fill(nowLocal());
        await page.getByTestId('meeting-place').fill('南苑社区党群服务中心二楼会议室');
        await page.getByTestId('item-title-0').fill('村道排水改造方案');
        await pickMatters(
          page,
          'item-matters-0',
          matters.map((m) => m.code),
        );
        const created = apiResponse(page, 'POST', /^\/api\/deliberation\/meetings$/);
        await page.getByTestId('meeting-submit').click();
        const res = await created;
        expect(res.status(), await res.text()).toBe(201);
        const meeting = (await res.json()) as {
          id: string;
          items: { id: string; matters: { id: string }[] }[];
        };
        meetingId = meeting.id;
        expect(meeting.items).toHaveLength(1);
        expect(meeting.items[0]!.matters.map((m) => m.id).sort()).toEqual(matters.map((m) => m.id).sort());
        await page.waitForURL(new RegExp(`/deliberation/meetings/${meetingId}$`));
        expect(await page.getByTestId('meeting-status').textContent()).toBe('待召开');

        // Hold the meeting: all four members present, 23 residents counted in the room.
        const hold = page.getByTestId('hold-form');
        for (const label of await hold.locator('.ant-checkbox-wrapper').all()) await label.click();
        await page.getByTestId('hold-counted').fill('23');
        await page
          .getByTestId('hold-minutes')
          .fill('甄金丝雀主持会议，贾金丝雀记录。与会成员逐件讨论了三件反映。');
        const held = apiResponse(page, 'POST', /\/hold$/);
        await page.getByTestId('hold-submit').click();
        expect((await held).status()).toBe(200);
        await expect.poll(async () => page.getByTestId('meeting-status').textContent()).toBe('已召开');
        expect(await page.getByTestId('meeting-attendance').textContent()).toContain(
          '成员 4/4 人，现场群众 23 人',
        );

        // The paper ballot, counted and entered by the clerk; the decision hands a task to the town.
        const itemId = meeting.items[0]!.id;
        await page.getByTestId(`decision-form-${itemId}`).waitFor();
        await page.getByTestId('votes-for').fill('3');
        await page.getByTestId('votes-against').fill('1');
        await page.getByTestId('votes-abstain').fill('0');
        expect(await page.getByTestId('paper-ballots').isChecked()).toBe(true);
        await page
          .getByTestId('decision-reasoning')
          .fill('多数成员认为改造排水沟可根治积水，由街道组织实施。');
        await page.getByTestId('decision-dissent').fill('贾金丝雀认为应先征求沿线住户意见。');
        await page.getByTestId('add-task').click();
        await page.getByTestId('task-title-0').fill('实施村道排水沟改造');
        await page.getByTestId('task-description-0').fill('按议事会通过的方案改造村道排水沟，完成后报告。');
        await pickOption(page, 'task-owner-0', '', '东大街街道');
        await page.getByTestId('task-due-0').fill(dueOn);
        const decided = apiResponse(page, 'POST', /\/decision$/);
        await page.getByTestId('decision-submit').click();
        const d = await decided;
        expect(d.status(), await d.text()).toBe(200);
        const after = (await d.json()) as { items: { tasks: { matterCode: string; dueOn: string }[] }[] };
        taskCode = after.items[0]!.tasks[0]!.matterCode;
        expect(taskCode).toMatch(/^620602-\d{4}-\d{6}$/);
        expect(await page.getByTestId(`tally-${itemId}`).textContent()).toBe('赞成 3，反对 1，弃权 0');

        // Publish (村务公开).
        await page.getByTestId('publish').click();
        const published = apiResponse(page, 'POST', /\/publish$/);
        await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
        expect((await published).status()).toBe(200);
        await expect.poll(async () => page.getByTestId('meeting-status').textContent()).toBe('已公开');
      });
    } finally {
      await context.close();
    }

    // The town's clerk finds the task in the town's own queue, with its running deadline, and follows
    // it back to the meeting.
    const town = await newContext(browser, base, viewports.desktop);
    const townPage = await town.newPage();
    try {
      await withScreenshot(townPage, 'deliberation-town', async () => {
        await login(townPage, TOWN_CLERK);
        await townPage.goto(`/matters?queue=org&q=${encodeURIComponent(taskCode)}`);
        const link = townPage.getByTestId(`matter-link-${taskCode}`);
        await link.waitFor({ timeout: 20_000 });
        const row = townPage.locator('tr', { has: link });
        expect(await row.textContent()).toContain('实施村道排水沟改造');
        expect(await row.locator('[data-deadline-state]').count()).toBeGreaterThan(0);
        await link.click();
        await townPage.getByTestId('matter-from-decision').waitFor({ timeout: 20_000 });
        expect(await townPage.getByTestId('matter-from-decision').textContent()).toContain(
          `议定完成期限 ${dueOn}`,
        );
        await townPage.getByTestId('matter-from-decision').getByRole('link').click();
        await townPage.waitForURL(new RegExp(`/deliberation/meetings/${meetingId}$`));
        await townPage.getByTestId('meeting-topic').waitFor();
      });
    } finally {
      await town.close();
    }

    // The town does the work: the task matter is accepted and answered in the ordinary lifecycle.
    const townApi = await newContext(browser, base, viewports.desktop);
    const { headers } = await apiLogin(townApi.request, TOWN_CLERK);
    const taskId = (
      (await (await townApi.request.get(`/api/deliberation/meetings/${meetingId}`)).json()) as {
        items: { tasks: { matterId: string }[] }[];
      }
    ).items[0]!.tasks[0]!.matterId;
    for (const step of [{ action: 'accept' }, { action: 'answer', reason: '排水沟已按方案改造完成。' }]) {
      const r = await townApi.request.post(`/api/matters/${taskId}/actions`, { headers, data: step });
      expect(r.status(), await r.text()).toBe(200);
    }
    await townApi.close();

    // Back at the meeting, on the clerk's phone: the task reads 已办结 and the page fits 375 px.
    const phone = await newContext(browser, base, viewports.phone);
    const phonePage = await phone.newPage();
    try {
      await withScreenshot(phonePage, 'deliberation-phone', async () => {
        await login(phonePage, CLERK);
        await phonePage.goto(`/deliberation/meetings/${meetingId}`);
        await phonePage.getByTestId('meeting-topic').waitFor({ timeout: 20_000 });
        await expect
          .poll(async () => (await phonePage.getByTestId('item-1').textContent()) ?? '', { timeout: 10_000 })
          .toContain('已办结');
        expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      });
    } finally {
      await phone.close();
    }

    // A resident on a phone, without an account, reads the village's public page.
    const resident = await newContext(browser, base, viewports.phone);
    const pub = await resident.newPage();
    try {
      await withScreenshot(pub, 'deliberation-public', async () => {
        await pub.goto(`/public/decisions?orgId=${villageId}`);
        const card = pub.getByTestId('public-decision').first();
        await card.waitFor({ timeout: 20_000 });
        const text = (await card.textContent()) ?? '';
        expect(text).toContain('村道积水和排水沟治理');
        expect(text).toContain('通过');
        expect(text).toContain('赞成 3，反对 1，弃权 0');
        expect(text).toContain(`实施村道排水沟改造 · 东大街街道 · ${dueOn} 前`);
        expect(text).toContain('已办结');
        const html = await pub.content();
        for (const c of [...CANARY, '主持会议', '先征求沿线住户意见', taskCode])
          expect(html, c).not.toContain(c);
        // Nothing wider than the phone.
        expect(await pub.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      });
    } finally {
      await resident.close();
    }
    expect(today() <= dueOn).toBe(true);
  }, 180_000);
});
