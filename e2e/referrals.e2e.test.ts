/**
 * 转介服务 in the browser: the 东大街街道 clerk refers a matter's applicant to the district's legal-aid
 * center and to its counselling center from the matter page; the legal-aid center accepts, assigns a
 * lawyer and concludes from its queue; the counsellor appoints, records a session (with a confidential
 * note) and concludes; back on the matter page the clerk sees both outcomes and the attendance, never
 * the note.
 */
import type { Browser, Page } from 'playwright-core';
import { request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { apiLogin, type Credentials, DEMO_PASSWORD, login, openMatter, pickOption } from './matters';

const CLERK = { username: 'town01-clerk', password: DEMO_PASSWORD };
const LEGAL_AID = { username: 'legalaid', password: DEMO_PASSWORD };
const COUNSELLOR = { username: 'counsellor', password: DEMO_PASSWORD };
const SECRET = '谈及多年积怨与失眠（保密）';

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

/** A dispute at the 东大街街道 window, registered through the API (the journey is about what follows). */
async function registerMatter(): Promise<string> {
  const api = await request.newContext({ baseURL: base });
  try {
    const { headers } = await apiLogin(api, CLERK);
    const places = (await (await api.get('/api/orgs?q=南苑社区')).json()) as { id: string; name: string }[];
    const village = places.find((o) => o.name.startsWith('南苑社区'))!;
    const res = await api.post('/api/matters', {
      headers,
      data: {
        kind: 'dispute',
        channel: 'walk_in',
        categoryCode: 'MED-02',
        title: `拖欠工资引发的邻里纠纷 ${stamp}`,
        description: '申请人被拖欠工资，与雇主邻居多次争吵，情绪低落。',
        riskGrade: 'yellow',
        place: { villageId: village.id, address: '南苑社区某巷 5 号' },
        parties: [
          { role: 'applicant', name: '赵甲乙', phone: '13912340001' },
          { role: 'respondent', name: '钱丙丁' },
        ],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { matter: { id: string } }).matter.id;
  } finally {
    await api.dispose();
  }
}

async function referFrom(page: Page, kind: string, provider: string, basis: string, reason: string) {
  await page.getByTestId('open-referral').click();
  const dialog = page.getByRole('dialog');
  await pickOption(page, 'referral-kind', '', kind);
  await pickOption(page, 'referral-provider', provider.slice(3, 7), provider);
  await pickOption(page, 'referral-party', '', '赵');
  await pickOption(page, 'referral-basis', '', basis);
  await dialog.getByLabel('转介理由').fill(reason);
  await dialog.getByRole('button', { name: '转介' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** One step from the provider's queue: the card of this matter, the button, the dialog's fields. */
async function step(
  page: Page,
  code: string,
  kind: string,
  button: string,
  fill?: (d: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.goto('/referrals');
  const card = page.locator('.ant-card').filter({ hasText: code }).filter({ hasText: kind });
  await card.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: '提交' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('转介服务', () => {
  it('refers to legal aid and counselling; both outcomes come back onto the matter, the counselling notes do not', async () => {
    const matterId = await registerMatter();
    const code = await as(CLERK, 'referral-refer', async (page) => {
      await openMatter(page, matterId);
      await page.getByTestId('matter-referrals').waitFor();
      await referFrom(
        page,
        '法律援助',
        '凉州区法律援助中心',
        '进城务工人员',
        '申请人请求支付拖欠工资，无力聘请律师',
      );
      await referFrom(page, '社会心理服务', '凉州区社会心理服务中心', '情绪困扰', '当事人情绪低落，心结未解');
      const card = page.getByTestId('matter-referrals');
      await card.getByTestId('referral-legal_aid').getByText('已转介待受理').waitFor();
      await card.getByTestId('referral-counselling').getByText('已转介待受理').waitFor();
      return ((await page.getByTestId('matter-code').textContent()) ?? '').trim();
    });
    expect(code).not.toBe('');
    await as(LEGAL_AID, 'referral-legal-aid', async (page) => {
      const find = code;
      await step(page, find, '法律援助', '受理');
      await step(page, find, '法律援助', '指派承办人', (d) =>
        d.getByLabel('承办律师或援助人员').fill('某律师事务所张律师（演示）'),
      );
      await step(page, find, '法律援助', '办结', async (d) => {
        await pickOption(page, 'referral-outcome-select', '', '法律援助已结案');
        await d.getByLabel('办理结果').fill('经劳动仲裁追回拖欠工资');
      });
    });
    await as(COUNSELLOR, 'referral-counsellor', async (page) => {
      const find = code;
      await step(page, find, '社会心理服务', '受理');
      await step(page, find, '社会心理服务', '预约面谈');
      await step(page, find, '社会心理服务', '记录面谈', (d) =>
        d.getByLabel('面谈内容（保密，仅本机构可见）').fill(SECRET),
      );
      await page.goto('/referrals');
      await page.getByText(SECRET).waitFor();
      await step(page, find, '社会心理服务', '办结', async (d) => {
        await pickOption(page, 'referral-outcome-select', '', '心理疏导已完成');
        await d.getByLabel('办理结果').fill('情绪平稳，愿意继续调解');
      });
    });
    await as(CLERK, 'referral-outcomes', async (page) => {
      await openMatter(page, matterId);
      const card = page.getByTestId('matter-referrals');
      await card.getByTestId('referral-legal_aid').getByText('法律援助已结案').waitFor();
      await card.getByTestId('referral-counselling').getByText('心理疏导已完成').waitFor();
      await card.getByTestId('referral-counselling').getByText('已到场').waitFor();
      await card.getByText('面谈内容保密').waitFor();
      expect(await page.getByTestId('matter-page').textContent()).not.toContain(SECRET);
      // The outcome lines on the matter's own log.
      await page.getByText('法律援助：法律援助已结案（凉州区法律援助中心）').waitFor();
      await page.getByText('社会心理服务：心理疏导已完成（凉州区社会心理服务中心）').waitFor();
    });
  });
});
