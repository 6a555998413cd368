/**
 * 日常培训 (issue 17): the county administrator creates a course with a short test; a town clerk
 * records a session and who attended; the grid worker sees the course due on /field at 375 px, takes
 * the test and passes; the town's due list no longer lists him for it. Town 03 is used so the other
 * journeys' workers stay untouched.
 */
import { describe, expect, it } from 'vitest';
import { newContext, openSuiteBrowser, snapshot, viewports, withScreenshot } from './browser';
import { apiLogin, DEMO_PASSWORD, login, pickOption } from './matters';

const ADMIN = { username: 'admin', password: DEMO_PASSWORD };
const CLERK = { username: 'town03-clerk', password: DEMO_PASSWORD };
const WORKER = { username: 'town03-gw1', password: DEMO_PASSWORD };

const { browser, base } = await openSuiteBrowser();

/** Today's date and a time in Beijing, as a datetime-local field takes it. */
function beijingNow(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16);
}

describe('training', () => {
  it('a course with a test, a session with attendance, the worker passes on /field and leaves the due list', async () => {
    const desk = await newContext(browser, base, viewports.desktop);
    const phone = await newContext(browser, base, viewports.phone);
    const course = `矛盾纠纷排查培训${Date.now().toString(36)}`;

    const county = await desk.newPage();
    await withScreenshot(county, 'training-course', async () => {
      await login(county, ADMIN);
      await county.goto('/workforce/training');
      await county.getByRole('button', { name: '新建课程' }).click();
      await county.getByLabel('课程名称').fill(course);
      await county.getByRole('button', { name: '添加材料链接' }).click();
      await county.getByLabel('材料 1 名称').fill('排查工作手册');
      await county.getByLabel('材料 1 链接').fill('https://example.org/manual.pdf');
      await county.getByRole('button', { name: '添加测试题' }).click();
      await county.getByLabel('第 1 题', { exact: true }).fill('发现矛盾纠纷后多久内上报？');
      await county.getByLabel('第 1 题选项（每行一个）').fill('2小时内\n一周内');
      await county.getByLabel('第 1 题正确选项（序号，多个用逗号分隔）').fill('1');
      await county.getByRole('button', { name: '保存课程' }).click();
      await county.getByTestId('training-courses').getByText(course).waitFor({ timeout: 20_000 });
      expect(await county.getByTestId('training-courses').textContent()).toContain('测试 1 题，60 分及格');
    });
    await county.context().clearCookies();

    await apiLogin(phone.request, WORKER);
    const me = (await (await phone.request.get('/api/auth/me')).json()) as { user: { displayName: string } };
    const name = me.user.displayName;
    const dueRow = (page: typeof county) =>
      page.getByTestId('training-due').locator('tbody tr', { hasText: name }).filter({ hasText: course });

    const town = await desk.newPage();
    await withScreenshot(town, 'training-session', async () => {
      await login(town, CLERK);
      await town.goto('/workforce/training');
      await dueRow(town).first().waitFor({ timeout: 20_000 });
      await town.getByRole('button', { name: '登记培训' }).click();
      await pickOption(town, 'session-course', '', course);
      await town.getByLabel('培训时间').fill(beijingNow());
      await town.getByLabel('培训地点').fill('镇综治中心会议室');
      await town.getByLabel('授课人').fill('司法所李所长');
      await town.getByRole('button', { name: '登记', exact: true }).click();
      const row = town.getByTestId('training-sessions').locator('tbody tr', { hasText: course });
      await row.first().waitFor({ timeout: 20_000 });
      await row.getByRole('button', { name: '登记签到' }).click();
      await town.getByTestId('training-roll').getByText(name).click();
      await town.getByRole('button', { name: '保存签到' }).click();
      await expect.poll(async () => (await row.textContent()) ?? '').toContain('到场 1');
      await snapshot(town, 'training-attendance');
    });

    const field = await phone.newPage();
    await withScreenshot(field, 'training-field-test', async () => {
      // The phone is signed in as the worker already (apiLogin went through its session).
      await field.goto('/field');
      const card = field.getByTestId('my-training').getByTestId('my-course').filter({ hasText: course });
      await card.waitFor({ timeout: 20_000 });
      expect(await card.textContent()).toContain('待完成');
      expect(await card.getByRole('link', { name: '排查工作手册' }).getAttribute('href')).toBe(
        'https://example.org/manual.pdf',
      );
      await card.getByRole('button', { name: '参加测试（1 题）' }).click();
      await card.getByRole('radio', { name: '2小时内' }).check();
      await card.getByRole('button', { name: '交卷' }).click();
      const result = card.getByTestId('training-result');
      await result.waitFor({ timeout: 20_000 });
      expect(await result.textContent()).toContain('已通过');
      await snapshot(field, 'training-passed');
      await card.getByRole('button', { name: '返回' }).click();
      await expect.poll(async () => (await card.textContent()) ?? '').toContain('已完成');
    });

    // The town's due list no longer lists him for that course.
    await town.reload();
    await town.getByTestId('training-due').waitFor();
    await town.getByTestId('training-sessions').getByText(course).first().waitFor({ timeout: 20_000 });
    expect(await dueRow(town).count()).toBe(0);
    await Promise.all([desk.close(), phone.close()]);
  });
});
