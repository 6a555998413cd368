/**
 * 工作调度会 in the browser: the 东大街街道 center's leader calls a meeting with its 派出所 and 司法所
 * and, from outside its tree, the district's 信访局; records three decisions as joint tasks, one led by
 * each; the units find them under 联合任务 — the 派出所 completes its task, the 司法所 reports progress,
 * the 信访局 has not acted — and the next meeting's drawn agenda shows each task with that state.
 * Then 治未病: a measure against a warning of the town is decided, shown with the warning's indicator
 * before, completed, and shown with the indicator after on the warning and the dashboard.
 */
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { apiLogin, type Credentials, DEMO_PASSWORD, login, pickOption } from './matters';

const LEADER = { username: 'town01-leader', password: DEMO_PASSWORD };
const LIAISON = { username: 'liaison', password: DEMO_PASSWORD };
const CLERK = { username: 'village-clerk', password: DEMO_PASSWORD };
const UNIT_PASSWORD = 'Unit-Journey-2026!';

let browser: Browser;
let base: string;
const stamp = String(Date.now()).slice(-6);

beforeAll(async () => {
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function withApi<T>(fn: (api: APIRequestContext) => Promise<T>): Promise<T> {
  const api = await request.newContext({ baseURL: base });
  try {
    return await fn(api);
  } finally {
    await api.dispose();
  }
}

/** A staff account in a unit, made by the system administrator; its first password is changed at once. */
async function unitAccount(orgName: string, role: string, username: string): Promise<Credentials> {
  const first = 'First-Pass-2026!';
  await withApi(async (api) => {
    const { headers } = await apiLogin(api, { username: 'sysadmin', password: DEMO_PASSWORD });
    const orgs = (await (await api.get(`/api/orgs?q=${encodeURIComponent(orgName)}`)).json()) as {
      id: string;
      name: string;
    }[];
    const org = orgs.find((o) => o.name === orgName)!;
    const res = await api.post('/api/users', {
      headers,
      data: { username, displayName: `${orgName}民警`, orgId: org.id, roles: [role], password: first },
    });
    expect(res.status(), await res.text()).toBe(201);
  });
  await withApi(async (api) => {
    const { headers } = await apiLogin(api, { username, password: first });
    const res = await api.post('/api/auth/password', {
      headers,
      data: { oldPassword: first, newPassword: UNIT_PASSWORD },
    });
    expect(res.status(), await res.text()).toBe(204);
  });
  return { username, password: UNIT_PASSWORD };
}

async function as<T>(who: Credentials, name: string, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await newContext(browser, base, viewports.desktop);
  const page = await context.newPage();
  try {
    return await withScreenshot(page, name, async () => {
      await login(page, who);
      return fn(page);
    });
  } finally {
    await context.close();
  }
}

async function callMeeting(page: Page, topic: string, participants: string[]) {
  await page.goto('/dispatch');
  await page.getByRole('button', { name: '召开调度会' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('会议议题').fill(topic);
  for (const p of participants) await pickOption(page, 'participants', p, p);
  await page.keyboard.press('Escape');
  return dialog;
}

async function act(page: Page, title: string, button: string, field: string, text: string) {
  await page.goto('/joint-tasks');
  const card = page.locator('.ant-card').filter({ hasText: title });
  await card.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(field).fill(text);
  await dialog.getByRole('button', { name: '提交' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('工作调度会 and joint tasks', () => {
  it('hands joint tasks to three units, they act, and the next meeting shows their state', async () => {
    const police = await unitAccount('东大街街道派出所', 'handler', `pol${stamp}`);
    const justice = await unitAccount('东大街街道司法所', 'clerk', `jus${stamp}`);
    const tasks = {
      police: `夜间联合巡逻 ${stamp}`,
      justice: `集中调处土地纠纷 ${stamp}`,
      bureau: `信访积案联合化解 ${stamp}`,
    };
    await as(LEADER, 'dispatch-call', async (page) => {
      const dialog = await callMeeting(page, `调度会 ${stamp}`, [
        '东大街街道派出所',
        '东大街街道司法所',
        '凉州区信访局',
      ]);
      await dialog.getByRole('button', { name: '召开并生成议程' }).click();
      await page.waitForURL(/\/dispatch\/[0-9a-f-]{36}$/);
      await page.getByText('凉州区信访局（外部）').waitFor();
      const form = page.getByTestId('decision-form');
      const decide = async (title: string, mechanism: string, lead: string) => {
        await form.getByLabel('任务内容').fill(title);
        await pickOption(page, 'mechanism', '', mechanism);
        await pickOption(page, 'lead', '', lead);
        await form.getByRole('button', { name: '交办' }).click();
        await page.locator('.ant-card').filter({ hasText: title }).first().waitFor();
      };
      await decide(tasks.police, '社会治安联防', '东大街街道派出所');
      await decide(tasks.justice, '矛盾纠纷联调', '东大街街道司法所');
      await decide(tasks.bureau, '突出问题联治', '凉州区信访局');
      await page.getByText('决定事项（联合任务 3 项）').waitFor();
    });
    await as(police, 'dispatch-police', (page) =>
      act(page, tasks.police, '办结', '办理结果', '已组织三次夜间联合巡逻，辖区无新发案件'),
    );
    await as(justice, 'dispatch-justice', (page) =>
      act(page, tasks.justice, '报告进展', '进展情况', '已约谈双方当事人，正在测量地界'),
    );
    await as(LIAISON, 'dispatch-liaison', async (page) => {
      await page.goto('/joint-tasks');
      await page.locator('.ant-card').filter({ hasText: tasks.bureau }).getByText('已交办').waitFor();
    });
    await as(LEADER, 'dispatch-next', async (page) => {
      const dialog = await callMeeting(page, `下次调度会 ${stamp}`, ['东大街街道派出所']);
      const item = (title: string) => dialog.locator('.ant-list-item').filter({ hasText: title });
      await item(tasks.police)
        .getByText(/已办结.*已组织三次夜间联合巡逻/)
        .waitFor({ timeout: 20_000 });
      await item(tasks.justice)
        .getByText(/推进中.*正在测量地界/)
        .waitFor();
      await item(tasks.bureau)
        .getByText(/已交办（牵头：凉州区信访局）/)
        .waitFor();
      await dialog.getByRole('button', { name: '召开并生成议程' }).click();
      await page.waitForURL(/\/dispatch\/[0-9a-f-]{36}$/);
      await page.getByTestId('agenda').getByText(tasks.police).waitFor();
    });
  });

  it('tracks a 治未病 measure against a warning and shows its indicator before and after', async () => {
    // Three orange disputes of one person: the escalation rule warns at intake, inside the town.
    const phone = `135${String(Date.now() % 100_000_000).padStart(8, '0')}`;
    await withApi(async (api) => {
      const { headers, user } = await apiLogin(api, CLERK);
      for (let i = 0; i < 3; i++) {
        const res = await api.post('/api/matters', {
          headers,
          data: {
            kind: 'dispute',
            channel: 'walk_in',
            categoryCode: 'MED-16',
            title: '拖欠农民工工资',
            description: `包工头拖欠工资（第${i + 1}次反映，${stamp}）。`,
            riskGrade: 'orange',
            place: { villageId: user.org!.id, address: `某巷 ${i + 20} 号` },
            parties: [
              { role: 'applicant', name: '钱甲乙', phone },
              { role: 'respondent', name: '某建筑公司' },
            ],
          },
        });
        expect(res.status(), await res.text()).toBe(201);
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    await as(LEADER, 'measure', async (page) => {
      await page.goto('/risk');
      // The first open warning of the town (the one just raised, or one already waiting).
      const target = page
        .locator('.ant-card')
        .filter({ has: page.getByRole('button', { name: '部署措施' }) })
        .first();
      await target.waitFor({ timeout: 20_000 });
      await target
        .getByTestId('effect')
        .getByText(/预警前30日 \d+ 件；措施尚未全部落实/)
        .waitFor();
      await target.getByRole('button', { name: '部署措施' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('措施内容').fill(`约谈建筑公司并督促清欠 ${stamp}`);
      await pickOption(page, 'measure-unit', '司法所', '东大街街道司法所');
      await dialog.getByLabel('责任人').fill('司法所王所长');
      await dialog.getByLabel('针对的人群（可选）').fill('在建工地务工人员');
      await dialog.getByRole('button', { name: '部署' }).click();
      await dialog.waitFor({ state: 'detached' });
      const measure = target.locator('.ant-list-item').filter({ hasText: `约谈建筑公司并督促清欠 ${stamp}` });
      await measure.getByText('落实中').waitFor();
      await measure.getByRole('button', { name: '已落实' }).click();
      const done = page.getByRole('dialog');
      await done.getByLabel('落实情况').fill('已约谈，建筑公司承诺十日内结清');
      await done.getByRole('button', { name: '提交' }).click();
      await done.waitFor({ state: 'detached' });
      await measure.getByText('已落实').waitFor();
      await expect
        .poll(async () => (await target.getByTestId('effect').textContent()) ?? '', { timeout: 10_000 })
        .toMatch(/预警前30日 \d+ 件 → 措施落实后 \d+ 件/);
      await page.goto('/dashboard');
      await page
        .getByTestId('measure-effects')
        .getByText(/措施落实后 \d+ 件/)
        .first()
        .waitFor({ timeout: 20_000 });
    });
  });
});
