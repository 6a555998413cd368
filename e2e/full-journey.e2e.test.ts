/**
 * The whole life of a resident's dispute, in the browser, starting today (the server's clock starts at
 * the real time, ZONGZHI_CLOCK, and runs): a village clerk registers it at the window and accepts it;
 * the village lets its handling period run out (the system administrator moves the simulated clock
 * eight days on, as a training would: no row is edited) and the deadline sweep lifts the matter to
 * the town (上提: 流转中, pending 东大街街道); the town signs for it, adds its judicial office as
 * co-handler, starts mediation and assigns a mediator; the mediator records a written agreement, the
 * judicial office reports, the town answers the resident, records an unsatisfied rating for a
 * substantive reason (rework), answers again and records a satisfied rating; the town leader makes the
 * follow-up visit and archives it.
 *
 * Runs on a server of its own, on PostgreSQL when E2E_DATABASE_URL is set (as in CI), else on PGlite.
 * Follows server/src/modules/matters/journey.test.ts step by step.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelLabels, matterStatusLabels } from '../core/domain/matters/model';
import { launchBrowser, newContext, viewports, withScreenshot } from './browser';
import {
  act,
  apiLogin,
  type Credentials,
  chooseRadio,
  DEMO_PASSWORD,
  expectRecommended,
  login,
  motionSettled,
  offeredActions,
  openMatter,
  pickOption,
  pickTreeNode,
  registerDispute,
  statusText,
  waitForStatus,
} from './matters';
import { startServer } from './server';

const VILLAGE_CLERK = { username: 'village-clerk', password: DEMO_PASSWORD };
const TOWN_CLERK = { username: 'town01-clerk', password: DEMO_PASSWORD };
const TOWN_LEADER = { username: 'town01-leader', password: DEMO_PASSWORD };
const SYSADMIN = { username: 'sysadmin', password: DEMO_PASSWORD };
const TOWN = '东大街街道';
const MEDIATION_COMMITTEE = '东大街街道人民调解委员会';
const JUDICIAL_OFFICE = '东大街街道司法所';

let browser: Browser;
let base: string;
let server: Awaited<ReturnType<typeof startServer>>;
const contexts: BrowserContext[] = [];

/** A browser of its own for each person, logged in and left open for their later steps. */
async function personPage(who: Credentials): Promise<Page> {
  const context = await newContext(browser, base, viewports.desktop);
  contexts.push(context);
  const page = await context.newPage();
  await withScreenshot(page, `full-journey-login-${who.username}`, () => login(page, who));
  return page;
}

async function orgIdByName(api: APIRequestContext, name: string): Promise<string> {
  const res = await api.get('/api/orgs', { params: { q: name } });
  expect(res.status(), await res.text()).toBe(200);
  const orgs = (await res.json()) as { id: string; name: string }[];
  const org = orgs.find((o) => o.name === name);
  if (!org) throw new Error(`no org named ${name} (found ${orgs.map((o) => o.name).join('、')})`);
  return org.id;
}

/**
 * The sysadmin creates an account; its owner then sets their own password through the API, so the
 * browser login that follows is not interrupted by the first-login password change.
 */
async function createUser(
  admin: { api: APIRequestContext; headers: Record<string, string> },
  spec: { username: string; displayName: string; orgName: string; role: 'mediator' | 'handler' },
): Promise<Credentials & { id: string }> {
  const initial = 'e2e-initial-Pw-2026';
  const res = await admin.api.post('/api/users', {
    headers: admin.headers,
    data: {
      username: spec.username,
      displayName: spec.displayName,
      orgId: await orgIdByName(admin.api, spec.orgName),
      roles: [spec.role],
      password: initial,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: string };

  const own = await newContext(browser, base, viewports.desktop);
  try {
    const { headers, user } = await apiLogin(own.request, { username: spec.username, password: initial });
    expect(user.id).toBe(id);
    const password = 'e2e-own-Pw-2026';
    const changed = await own.request.post('/api/auth/password', {
      headers,
      data: { oldPassword: initial, newPassword: password },
    });
    expect(changed.status(), await changed.text()).toBe(204);
    return { id, username: spec.username, password };
  } finally {
    await own.close();
  }
}

beforeAll(async () => {
  // Today, on a clock that can be moved forward; the sweep runs every second.
  server = await startServer(
    'full-journey',
    { ZONGZHI_CLOCK: new Date().toISOString(), SWEEP_INTERVAL_MS: '1000' },
    { postgres: true },
  );
  base = server.url;
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('a dispute from the village window to the archive', () => {
  it('runs intake, a missed village deadline, 上提, the town, mediation, rework, rating, 回访 and 归档', async () => {
    // Accounts the demo county has no one for: a mediator of the town's committee and a judicial
    // officer of the town's 司法所.
    const adminContext = await newContext(browser, base, viewports.desktop);
    contexts.push(adminContext);
    const { headers: adminHeaders } = await apiLogin(adminContext.request, SYSADMIN);
    const admin = { api: adminContext.request, headers: adminHeaders };
    const suffix = Date.now().toString(36);
    const mediator = await createUser(admin, {
      username: `e2e-mediator-${suffix}`,
      displayName: '调解员孙调',
      orgName: MEDIATION_COMMITTEE,
      role: 'mediator',
    });
    const officer = await createUser(admin, {
      username: `e2e-sifa-${suffix}`,
      displayName: '司法所周办',
      orgName: JUDICIAL_OFFICE,
      role: 'handler',
    });

    // 1. The village clerk registers the dispute at the window and accepts it.
    const village = await personPage(VILLAGE_CLERK);
    const matter = await withScreenshot(village, 'full-journey-1-village-intake', async () => {
      const m = await registerDispute(village, {
        category: { search: '邻里', option: '邻里（MED-02）' },
        title: '相邻院落排水通道纠纷',
        description: '两户相邻院落因共用排水通道被堵，雨后积水倒灌，双方多次争执。',
        village: { search: '南苑', option: '南苑社区' },
        parties: [{ name: '赵文明', phone: '13912340001' }, { name: '钱守业' }],
      });
      expect(new URL(village.url()).pathname).toBe(`/matters/${m.id}`);
      expect(await statusText(village)).toBe(matterStatusLabels.registered);
      expect(await village.getByTestId('matter-page').textContent()).toContain(channelLabels.walk_in);
      await expectRecommended(village, 'accept');
      await act(village, 'accept');
      await waitForStatus(village, 'handling');
      // After 受理 the blue button leads to mediation (调解为主), not to the first allowed action.
      await expectRecommended(village, 'start_mediation');
      expect(await village.getByTestId('matter-deadlines').textContent()).toContain('南苑社区');
      return m;
    });
    // The id the rest of the journey works on is the one in the address bar.
    const id = new URL(village.url()).pathname.split('/').pop() ?? '';
    expect(id).toBe(matter.id);

    // 2. The village lets its handling period run out; the sweep (every second) lifts the matter to the town.
    await withScreenshot(village, 'full-journey-2-escalation', async () => {
      // Eight days on (the village's period is 7 days): the system administrator moves the clock.
      const sysadmin = await apiLogin(admin.api, SYSADMIN);
      const now = (await (await admin.api.get('/healthz')).json()) as { time: string };
      const moved = await admin.api.post('/api/system/clock', {
        headers: sysadmin.headers,
        data: { to: new Date(Date.parse(now.time) + 8 * 86_400_000).toISOString() },
      });
      expect(moved.status(), await moved.text()).toBe(200);
      // Sessions of a week ago have ended: watch the matter as the village clerk, logged in anew.
      const watcher = await browser.newContext({ baseURL: base });
      contexts.push(watcher);
      await apiLogin(watcher.request, VILLAGE_CLERK);
      await expect
        .poll(
          async () => {
            const res = await watcher.request.get(`/api/matters/${id}`);
            return res.ok() ? ((await res.json()) as { status: string }).status : `HTTP ${res.status()}`;
          },
          {
            timeout: 15_000,
            interval: 500,
            message: 'the deadline sweep lifts the matter to the town (流转中)',
          },
        )
        .toBe('transferring');
      // Eight days later the village clerk logs in again (the session of a week ago has ended).
      await login(village, VILLAGE_CLERK);
      await openMatter(village, id);
      await waitForStatus(village, 'transferring');
      expect(await statusText(village)).toBe(matterStatusLabels.transferring);
      expect(await village.getByTestId('matter-pending').textContent()).toBe(TOWN);
      await village.getByTestId('matter-supervised').waitFor();
      expect(await village.getByTestId('matter-timeline').textContent()).toContain('自动上提');
    });

    // 3. The town finds it among 待签收 and signs for it, adds its 司法所, starts mediation, assigns the mediator.
    const town = await personPage(TOWN_CLERK);
    await withScreenshot(town, 'full-journey-3-town', async () => {
      await town.goto('/matters?queue=incoming');
      await town.getByTestId(`matter-link-${matter.code}`).click();
      await town.waitForURL(new RegExp(`/matters/${id}$`));
      await waitForStatus(town, 'transferring');
      expect(await offeredActions(town)).toEqual(['receive']);
      await expectRecommended(town, 'receive');
      await act(town, 'receive');
      await town.locator('[data-testid="matter-owner"]', { hasText: TOWN }).waitFor();
      expect(await town.getByTestId('matter-owner').textContent()).toBe(TOWN);
      expect(await town.getByTestId('matter-timeline').textContent()).toContain('签收');
      await expectRecommended(town, 'start_mediation');

      await act(town, 'add_co_handler', () => pickTreeNode(town, 'action-co-handler', JUDICIAL_OFFICE));
      const coHandler = town.getByTestId('co-handler');
      await coHandler.waitFor();
      expect(await coHandler.textContent()).toContain(JUDICIAL_OFFICE);
      expect(await coHandler.getAttribute('data-status')).toBe('working');

      await act(town, 'start_mediation', () =>
        chooseRadio(town, 'action-form-start_mediation', '当事人申请'),
      );
      await waitForStatus(town, 'mediating');
      await expectRecommended(town, 'assign_mediator');

      // The town clerk picks the mediator from the county's roster by name.
      await act(town, 'assign_mediator', async () => {
        await pickOption(town, 'action-mediator', '孙调', '调解员孙调');
        await chooseRadio(town, 'action-form-assign_mediator', '调解组织指定');
        await chooseRadio(town, 'action-form-assign_mediator', '无利害关系');
      });
      expect(await town.getByTestId('matter-timeline').textContent()).toContain('指定调解员');
    });

    // 4. The mediator finds the matter on their own list, records the parties' oral agreement with their
    //    own note (人民调解法 art. 28), then 达成调解协议; they keep reading the matter afterwards.
    const mediatorPage = await personPage(mediator);
    await withScreenshot(mediatorPage, 'full-journey-4-mediator', async () => {
      await mediatorPage.goto('/matters');
      await mediatorPage.getByTestId(`matter-link-${matter.code}`).click();
      await mediatorPage.waitForURL(new RegExp(`/matters/${id}$`));
      await waitForStatus(mediatorPage, 'mediating');
      await mediatorPage.getByTestId('agreement-draft').click();
      await motionSettled(mediatorPage);
      const dialog = mediatorPage.getByRole('dialog');
      await dialog.getByText('口头协议', { exact: true }).click();
      await dialog.getByLabel('口头协议的内容（由调解员记录）').fill('双方同意由被申请人本周内疏通排水沟。');
      await dialog
        .getByLabel('调解员说明（在场人员、达成经过等）')
        .fill('调解员在镇综治中心主持，双方当面确认。');
      await dialog.getByRole('button', { name: '保存' }).click();
      await mediatorPage.getByTestId('agreement-status').filter({ hasText: '已生效' }).waitFor();
      await act(mediatorPage, 'agree', () => chooseRadio(mediatorPage, 'action-form-agree', '口头协议'), 200);
      await waitForStatus(mediatorPage, 'handling');
    });

    // 5. While the 司法所 is still working, the town cannot answer; the officer reports (协办反馈).
    await withScreenshot(town, 'full-journey-5-before-report', async () => {
      await openMatter(town, id);
      await waitForStatus(town, 'handling');
      expect(await town.getByTestId('matter-timeline').textContent()).toContain('达成调解协议');
      expect(await offeredActions(town)).not.toContain('answer');
      // The expected step is to answer; the page says why it must wait.
      expect(await town.getByTestId('next-step-waiting').textContent()).toContain('协办单位尚未反馈');
    });
    const officerPage = await personPage(officer);
    await withScreenshot(officerPage, 'full-journey-5-co-handler', async () => {
      await openMatter(officerPage, id);
      await act(officerPage, 'co_handler_report', () =>
        officerPage.getByTestId('action-reason').fill('已到现场核实，协助双方落实书面调解协议。'),
      );
      await officerPage.locator('[data-testid="co-handler"][data-status="reported"]').waitFor();
      expect(await officerPage.getByTestId('matter-timeline').textContent()).toContain('反馈协办结果');
    });

    // 6. The town answers; the resident is not satisfied for a substantive reason; rework; answer; satisfied.
    const leader = await personPage(TOWN_LEADER);
    await withScreenshot(town, 'full-journey-6-answer-rate', async () => {
      await openMatter(town, id);
      await town.locator('[data-testid="co-handler"][data-status="reported"]').waitFor();
      await expectRecommended(town, 'answer');
      expect(await town.getByTestId('next-step-waiting').count()).toBe(0);
      await act(town, 'answer', () =>
        town.getByTestId('action-reason').fill('经调解双方达成书面协议，排水通道已疏通。'),
      );
      await waitForStatus(town, 'answered');

      // Only the resident rates: the town clerk who answered is not offered it; the leader records
      // what the resident said on the phone.
      expect(await offeredActions(town)).not.toContain('rate');
      await openMatter(leader, id);
      await act(leader, 'rate', async () => {
        await chooseRadio(leader, 'action-form-rate', '电话告知');
        await chooseRadio(leader, 'action-form-rate', '不满意');
        await leader.getByTestId('action-substantive').check();
        await leader.getByTestId('action-reason').fill('排水通道仍有积水，未彻底解决');
      });
      await openMatter(town, id);
      await waitForStatus(town, 'handling');
      expect(await statusText(town)).toBe(matterStatusLabels.handling);
      expect(((await town.getByTestId('matter-rework').textContent()) ?? '').trim()).toBe('1');
      await expectRecommended(town, 'answer');

      await act(town, 'answer', () => town.getByTestId('action-reason').fill('已重新清淤并加装挡板。'));
      await waitForStatus(town, 'answered');
      await openMatter(leader, id);
      await act(leader, 'rate', async () => {
        await chooseRadio(leader, 'action-form-rate', '上门走访');
        await chooseRadio(leader, 'action-form-rate', '满意');
      });
      await openMatter(town, id);
      await waitForStatus(town, 'rated');
      // The follow-up visit is for someone other than the one who handled it.
      expect(await offeredActions(town)).not.toContain('follow_up');
    });

    // 7. The town leader visits and archives.
    await withScreenshot(leader, 'full-journey-7-leader', async () => {
      await openMatter(leader, id);
      await waitForStatus(leader, 'rated');
      await expectRecommended(leader, 'follow_up');
      // 事心双结: the visit asks about the matter and about the person.
      await act(leader, 'follow_up', async () => {
        await chooseRadio(leader, 'action-form-follow_up', '解决了');
        await chooseRadio(leader, 'action-form-follow_up', '心里的疙瘩解开了');
        await leader.getByTestId('action-reason').fill('电话回访，群众表示排水已畅通，满意。');
      });
      await waitForStatus(leader, 'followed_up');
      await expect
        .poll(async () => (await leader.getByTestId('matter-timeline').textContent()) ?? '')
        .toContain('事结：已解决；心结：已化解');
      await expectRecommended(leader, 'archive');
      const archiveNo = `东大街-2026-调-${suffix}`;
      await act(leader, 'archive', () => leader.getByLabel('档案号').fill(archiveNo));
      await waitForStatus(leader, 'archived');
      expect(await statusText(leader)).toBe(matterStatusLabels.archived);
      expect(await leader.getByTestId('matter-archive-no').textContent()).toBe(archiveNo);
      await leader.getByTestId('no-actions').waitFor();
      const timeline = (await leader.getByTestId('matter-timeline').textContent()) ?? '';
      for (const label of ['登记', '受理', '签收', '答复群众', '归档']) expect(timeline).toContain(label);
      expect(await leader.getByTestId('matter-rework').textContent()).toBe('1');
    });
  }, 240_000);
});
