/**
 * 网格员队伍 (issue 17): the town sees the assessment of its workers, gives its own points and gets
 * the hand-computed total; the worker sees his record on /field; then he leaves, and his grids and
 * his open follow-up pass to a colleague on the roster, and his account loses the field kit.
 * Town 02 is used so the journeys of town 01's worker stay untouched.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newContext, openSuiteBrowser, snapshot, viewports, withScreenshot } from './browser';
import { apiLogin, DEMO_PASSWORD, login, pickOption } from './matters';

const WORKER = { username: 'town02-gw1', password: DEMO_PASSWORD };
const COLLEAGUE = { username: 'town02-gw2', password: DEMO_PASSWORD };
const LEADER = { username: 'town02-leader', password: DEMO_PASSWORD };

const { browser, base } = await openSuiteBrowser();

/** The last month in Beijing, as the pages default to it. */
function lastMonth(): { key: string; days: number } {
  const local = new Date(Date.now() + 8 * 3_600_000);
  const first = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return { key: `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`, days };
}

describe('the grid workforce', () => {
  it('assesses a town’s worker as computed by hand, shows him his record, and hands his work over when he leaves', async () => {
    const desk = await newContext(browser, base, viewports.desktop);
    const phone = await newContext(browser, base, viewports.phone);
    const { key: period, days } = lastMonth();

    // Fixture, through the field kit's API: 10 patrols and 5 visits last month, and one report now.
    const w = await apiLogin(phone.request, WORKER);
    for (let i = 0; i < 15; i++) {
      const res = await phone.request.post('/api/field/logs', {
        headers: w.headers,
        data: {
          id: randomUUID(),
          kind: i < 10 ? 'patrol' : 'visit',
          happenedAt: `${period}-${String(i + 1).padStart(2, '0')}T09:00:00+08:00`,
          note: i < 10 ? '巡查网格无异常' : '入户走访了解情况',
        },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    const title = `交接跟进${Date.now().toString(36)}`;
    const rep = await phone.request.post('/api/field/reports', {
      headers: w.headers,
      data: {
        clientId: randomUUID(),
        madeAt: new Date().toISOString(),
        categoryCode: 'GRID-02',
        title,
        description: '巷口电线杆上的线路老化外露，雨天有漏电危险。',
        place: { villageId: w.user.org!.id, address: '某巷口' },
        parties: [{ role: 'applicant', name: '赵某', phone: '13800001111' }],
      },
    });
    expect(rep.status(), await rep.text()).toBe(201);

    // By hand (docs/WORKFORCE.md, default standard): patrols owed round(5 × days/7), visits 30,
    // follow-ups 4; nothing reported in the month counts as met; the town gives 18.
    const patrolsDue = Math.round((5 * days) / 7);
    const expected =
      Math.round((25 * Math.min(1, 10 / patrolsDue) + 20 * (5 / 30) + 0 + 15 + 10 + 18) * 10) / 10;

    const town = await desk.newPage();
    await withScreenshot(town, 'workforce-assessment', async () => {
      await login(town, LEADER);
      await town.goto('/workforce/assessment');
      const table = town.getByTestId('assessment');
      const row = table.locator('tr', { hasText: '网格员（演示）' }).first();
      await row.waitFor({ timeout: 20_000 });
      const workerRow = table.locator('tr', { hasText: `10/${patrolsDue}` });
      await workerRow.getByRole('button', { name: '镇街评价' }).click();
      await town.getByLabel('评价分（0–20）').fill('18');
      await town.getByLabel('评价依据').fill('例会按时参加，群众反映较好');
      await town.getByRole('button', { name: '保存' }).click();
      await expect.poll(async () => (await workerRow.textContent()) ?? '').toContain(String(expected));
      expect(await workerRow.textContent()).toContain('1/');
      await snapshot(town, 'workforce-assessment-scored');
    });

    const field = await phone.newPage();
    await withScreenshot(field, 'workforce-my-record', async () => {
      // The phone is signed in as the worker already (the fixture above went through his session).
      await field.goto('/field');
      const record = field.getByTestId('my-record');
      await record.waitFor({ timeout: 20_000 });
      await expect.poll(async () => (await record.textContent()) ?? '').toContain(`总分 ${expected} 分`);
      expect(await record.textContent()).toContain('例会按时参加');
    });

    const c = await newContext(browser, base, viewports.phone);
    const colleagueId = (await apiLogin(c.request, COLLEAGUE)).user.id;
    type Line = { userId: string; displayName: string; grids: unknown[]; openFollowUps: number };
    const rosterNow = async () => (await (await desk.request.get('/api/workforce/roster')).json()) as Line[];
    const before = await rosterNow();
    const leaverName = before.find((r) => r.userId === w.user.id)!.displayName;
    const colleagueName = before.find((r) => r.userId === colleagueId)!.displayName;
    const gridsBefore = before.find((r) => r.userId === w.user.id)!.grids.length;
    expect(gridsBefore).toBeGreaterThan(0);

    await withScreenshot(town, 'workforce-handover', async () => {
      await town.goto('/workforce');
      const rows = town.getByTestId('roster').locator('tbody tr');
      const row = rows.filter({ hasText: leaverName });
      await row.first().waitFor({ timeout: 20_000 });
      await row.getByRole('button', { name: '请假/离职交接' }).click();
      await town.getByRole('radio', { name: '离职', exact: true }).check();
      await pickOption(town, 'handover-to', '', colleagueName);
      await town.getByLabel('说明').fill('调往县城工作');
      await town.getByRole('button', { name: '确认交接' }).click();
      await expect.poll(async () => (await row.textContent()) ?? '').toContain(`已交接给 ${colleagueName}`);
      expect(await row.textContent()).not.toContain('在岗');
      await snapshot(town, 'workforce-handed-over');
    });
    // Nothing orphaned: the leaver holds no grid and no open follow-up; the colleague has them.
    const after = await rosterNow();
    const leaver = after.find((r) => r.userId === w.user.id)!;
    const colleague = after.find((r) => r.userId === colleagueId)!;
    expect(leaver).toMatchObject({ grids: [], openFollowUps: 0 });
    expect(colleague.grids.length).toBeGreaterThanOrEqual(gridsBefore + 1);
    expect(colleague.openFollowUps).toBeGreaterThanOrEqual(1);

    // The leaver's account has lost the field kit; the colleague's kit is intact.
    expect((await phone.request.get('/api/field/home')).status()).toBe(403);
    const home = (await (await c.request.get('/api/field/home')).json()) as { grids: unknown[] };
    expect(home.grids.length).toBeGreaterThanOrEqual(2);
    await Promise.all([desk.close(), phone.close(), c.close()]);
  });
});
