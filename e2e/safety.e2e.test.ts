/**
 * 联防 and 联创 in the browser: the 东大街街道 leader makes a week's patrol roster with a shift of the
 * town's 派出所 and a shift of 南苑社区 (网格员 and a 平安志愿者 by name); the 派出所's officer finds
 * only his shift under 联防排班 and reports it done; the leader sees it done in the roster. Then
 * 平安建设: 南苑社区's 化解率 target shows its figure from the matters, and the town's statement on
 * 无命案 goes 待核 → 达标 when the district leader approves it.
 */
import type { Browser, Page } from 'playwright-core';
import { request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, newContext, viewports, withScreenshot } from './browser';
import { apiLogin, type Credentials, DEMO_PASSWORD, login, pickOption } from './matters';

const LEADER = { username: 'town01-leader', password: DEMO_PASSWORD };
const DISTRICT = { username: 'leader', password: DEMO_PASSWORD };
const stamp = String(Date.now()).slice(-6);

let browser: Browser;
let base: string;

beforeAll(async () => {
  base = baseUrl(inject('e2eBaseUrl'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** An officer of the 派出所, made by the system administrator; his first password changed at once. */
async function policeOfficer(): Promise<Credentials> {
  const username = `pat${stamp}`;
  const first = 'First-Pass-2026!';
  const password = 'Patrol-Journey-2026!';
  const api = await request.newContext({ baseURL: base });
  try {
    const { headers } = await apiLogin(api, { username: 'sysadmin', password: DEMO_PASSWORD });
    const orgs = (await (await api.get(`/api/orgs?q=${encodeURIComponent('东大街街道派出所')}`)).json()) as {
      id: string;
      name: string;
    }[];
    const org = orgs.find((o) => o.name === '东大街街道派出所')!;
    const res = await api.post('/api/users', {
      headers,
      data: { username, displayName: '巡逻民警', orgId: org.id, roles: ['handler'], password: first },
    });
    expect(res.status(), await res.text()).toBe(201);
  } finally {
    await api.dispose();
  }
  const own = await request.newContext({ baseURL: base });
  try {
    const { headers } = await apiLogin(own, { username, password: first });
    const res = await own.post('/api/auth/password', {
      headers,
      data: { oldPassword: first, newPassword: password },
    });
    expect(res.status(), await res.text()).toBe(204);
  } finally {
    await own.dispose();
  }
  return { username, password };
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

describe('联防排班 and 平安建设', () => {
  it('puts a 派出所 shift and a village shift on a roster; the 派出所 reports his, the leader sees it done', async () => {
    const police = await policeOfficer();
    const title = `夜间联防 ${stamp}`;
    await as(LEADER, 'safety-roster', async (page) => {
      await page.goto('/patrol');
      await page.getByRole('button', { name: '制定排班' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('排班名称').fill(title);
      const shift = dialog.getByTestId('shift-form');
      // The whole day, so the shift has begun whenever the journey runs.
      await shift.getByLabel('开始').fill('00:00');
      await shift.getByLabel('结束').fill('23:59');
      await pickOption(page, 'shift-unit', '派出所', '东大街街道派出所');
      await pickOption(page, 'shift-villages', '南苑', '南苑社区');
      await page.keyboard.press('Escape');
      await shift.getByRole('button', { name: '添加班次' }).click();
      await dialog.getByText('班次（1）').waitFor();
      await pickOption(page, 'shift-unit', '南苑', '南苑社区');
      await pickOption(page, 'shift-villages', '南苑', '南苑社区');
      await page.keyboard.press('Escape');
      await shift.getByLabel(/人员/).fill('网格员王芳、平安志愿者赵大爷');
      await shift.getByRole('button', { name: '添加班次' }).click();
      await dialog.getByText('班次（2）').waitFor();
      await dialog.getByRole('button', { name: '保存排班' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('rosters').getByText(title).waitFor();
    });
    await as(police, 'safety-police', async (page) => {
      await page.goto('/patrol');
      const mine = page.getByTestId('my-shifts');
      const card = mine.locator('.ant-card').filter({ hasText: title });
      await card.first().waitFor();
      // Only his unit's shift: the village's is not in his queue.
      expect(await card.count()).toBe(1);
      expect(await card.textContent()).toContain('东大街街道派出所');
      await card.getByRole('button', { name: '报告已巡逻' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('巡逻情况').fill('巡逻南苑社区主要街巷，劝散聚集人员一处');
      await dialog.getByRole('button', { name: '提交' }).click();
      await dialog.waitFor({ state: 'detached' });
      await mine.getByText('全部', { exact: true }).click();
      await mine.locator('.ant-card').filter({ hasText: title }).getByText('已巡逻').first().waitFor();
    });
    await as(LEADER, 'safety-roster-done', async (page) => {
      await page.goto('/patrol');
      const rosters = page.getByTestId('rosters');
      await rosters.getByText(title).click();
      const done = rosters.locator('.ant-card').filter({ hasText: '东大街街道派出所' });
      await done.getByText('已巡逻').waitFor();
      await done.getByText('劝散聚集人员一处').waitFor();
      await rosters.locator('.ant-card').filter({ hasText: '赵大爷' }).getByText('待巡逻').waitFor();
    });
  });

  it('shows a village’s computed 化解率 and takes an attested target 待核 → 达标 on district review', async () => {
    const village = (page: Page) =>
      page.locator('[data-testid^="village-"]').filter({ hasText: '东大街街道 · 南苑社区' });
    await as(LEADER, 'safety-attest', async (page) => {
      await page.goto('/safety-targets');
      const v = village(page);
      await v
        .getByText(/化解率/)
        .first()
        .waitFor();
      expect(await v.locator('[data-testid$="-resolved_rate"]').textContent()).toMatch(
        /系统计算：化解率( \d+\.\d%（\d+\/\d+ 件）|：暂无办结事项)/,
      );
      const target = v.locator('[data-testid$="-no_homicide"]');
      await target.getByRole('button', { name: '填报' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('完成情况及佐证').fill(`经派出所核查，本年度未发生命案（${stamp}）`);
      await dialog.getByRole('button', { name: '提交填报' }).click();
      await dialog.waitFor({ state: 'detached' });
      await target.getByText('待核').waitFor();
    });
    await as(DISTRICT, 'safety-review', async (page) => {
      await page.goto('/safety-targets');
      // The district sees every village of the county: give the list its time.
      await village(page).waitFor({ timeout: 60_000 });
      const target = village(page).locator('[data-testid$="-no_homicide"]');
      await target.getByRole('button', { name: '审核' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(stamp).waitFor();
      await dialog.getByLabel(/审核意见/).fill('证明材料齐全');
      await dialog.getByRole('button', { name: '通过', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await target.getByText('达标', { exact: true }).waitFor();
      await target.getByText(/区级审核通过/).waitFor();
    });
    // Two leaders' sessions and the district's list of every village: more than the default on a busy machine.
  }, 240_000);
});
