import { describe, expect, it } from 'vitest';
import { audit } from './axe';
import { openSuiteBrowser, viewports, withScreenshot } from './browser';
import { DEMO_PASSWORD, login } from './matters';

const { browser, base } = await openSuiteBrowser();

const screens: { who: string | null; path: string; ready: string }[] = [
  { who: null, path: '/login', ready: '登录' },
  { who: null, path: '/public/submit', ready: '反映' },
  { who: null, path: '/public/track', ready: '查询' },
  { who: null, path: '/public/services', ready: '办事' },
  { who: null, path: `/t/${encodeURIComponent('四坝')}`, ready: '掌上四坝' },
  { who: 'village-clerk', path: '/matters', ready: '事项' },
  { who: 'village-clerk', path: '/matters/new', ready: '登记' },
  { who: 'town01-gw1', path: '/field', ready: '网格' },
  { who: 'town01-gw1', path: '/field/report', ready: '上报事件' },
  { who: 'admin', path: '/config/routing', ready: '分流' },
  { who: 'admin', path: '/config/catalog', ready: '事项目录' },
  { who: 'admin', path: '/config/town-portals', ready: '掌上入口' },
  { who: 'admin', path: '/config/duty-standard', ready: '履职标准' },
  { who: 'admin', path: '/config/referral-providers', ready: '转介服务机构' },
  { who: 'admin', path: '/config/risk-policies', ready: '预警' },
  { who: 'admin', path: '/config/holidays', ready: '节假日安排' },
  { who: 'admin', path: '/orgs', ready: '组织树' },
  { who: 'admin', path: '/users', ready: '用户' },
  { who: 'leader', path: '/dashboard', ready: '按期办结率' },
  { who: 'leader', path: '/risk', ready: '风险预警' },
  { who: 'leader', path: '/dispatch', ready: '工作调度会' },
  { who: 'leader', path: '/workforce', ready: '网格员队伍' },
  { who: 'leader', path: '/workforce/assessment', ready: '考核' },
  { who: 'town01-leader', path: '/workforce/training', ready: '应训名单' },
  { who: 'clerk', path: '/joint-tasks', ready: '联合任务' },
  { who: 'legalaid', path: '/referrals', ready: '转介待办' },
  // A town's villages (the district's list is every village of the county: the same cards, longer).
  { who: 'town01-leader', path: '/safety-targets', ready: '达标村（社区）' },
  { who: 'leader', path: '/patrol', ready: '本中心联防排班' },
];

describe.each([viewports.phone, viewports.desktop])('accessibility on $name ($width×$height)', (vp) => {
  it('has no serious or critical WCAG 2.1 AA finding on the first screen of each app', async () => {
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: vp.width, height: vp.height },
      isMobile: vp.mobile,
      hasTouch: vp.mobile,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      // The app's CSP allows no inline script; the audit injects axe as one.
      bypassCSP: true,
    });
    const page = await context.newPage();
    const findings: string[] = [];
    try {
      let current: string | null = null;
      for (const s of screens) {
        await withScreenshot(page, `a11y-${vp.name}-${s.path}`, async () => {
          if (s.who !== current) {
            await context.clearCookies();
            if (s.who) await login(page, { username: s.who, password: DEMO_PASSWORD });
            current = s.who;
          }
          await page.goto(s.path);
          await page.getByText(s.ready).first().waitFor({ timeout: 30_000 });
          findings.push(...(await audit(page, `${s.path} (${s.who ?? '未登录'})`)));
        });
      }
    } finally {
      await context.close();
    }
    expect(findings, findings.join('\n')).toEqual([]);
    // Some twenty screens, each loaded and audited: the default 90 s is for one journey, not twenty.
  }, 420_000);
});

describe('keyboard', () => {
  it('logs in with the keyboard alone: Tab to each field, Enter to submit', async () => {
    const context = await browser.newContext({ baseURL: base, locale: 'zh-CN' });
    const page = await context.newPage();
    try {
      await withScreenshot(page, 'a11y-keyboard-login', async () => {
        await page.goto('/login');
        await page.getByLabel('用户名').waitFor();
        // From the top of the page, Tab until the username field has the focus (skipping links).
        for (let i = 0; i < 10; i++) {
          await page.keyboard.press('Tab');
          if (await page.getByLabel('用户名').evaluate((el) => el === document.activeElement)) break;
        }
        await page.keyboard.type('village-clerk');
        await page.keyboard.press('Tab');
        expect(
          await page.getByLabel('密码', { exact: true }).evaluate((el) => el === document.activeElement),
        ).toBe(true);
        await page.keyboard.type(DEMO_PASSWORD);
        await page.keyboard.press('Enter');
        await page.getByTestId('greeting').waitFor({ timeout: 20_000 });
      });
    } finally {
      await context.close();
    }
  });
});
