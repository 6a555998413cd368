/**
 * Steps the matter journeys share: logging in, picking from antd selects, registering a dispute at the
 * window, and taking a lifecycle action through its dialog. They lean on the data-testid hooks of
 * web/src/features/matters/.
 */
import type { APIRequestContext, Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import type { MatterStatus } from '../core/domain/matters/model';

export interface Credentials {
  username: string;
  password: string;
}

export const DEMO_PASSWORD = 'zongzhi-demo';

export function apiResponse(page: Page, method: string, path: RegExp): Promise<Response> {
  return page.waitForResponse(
    (r) => r.request().method() === method && path.test(new URL(r.url()).pathname),
    { timeout: 20_000 },
  );
}

export async function login(page: Page, who: Credentials): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码', { exact: true }).fill(who.password);
  await page.getByTestId('login-submit').click();
  // Staff land on the home page; a grid worker lands in the kit (web/src/features/login/landing.ts).
  await page
    .locator('[data-testid="greeting"], [data-testid="field-worker"]')
    .first()
    .waitFor({ timeout: 20_000 });
}

/**
 * Opens an antd Select by its test id, types to narrow it down and picks the option with this text (a
 * native select, as on the residents' phone pages: the first option containing the text);
 * fails here, not at submit, if the select does not then show it.
 */
export async function pickOption(
  page: Page,
  testId: string,
  search: string,
  optionText: string,
): Promise<void> {
  const select = page.getByTestId(testId);
  // A native select (the residents' phone pages): the first option whose words contain the text.
  if (await select.evaluate((el) => el.tagName === 'SELECT')) {
    const value = async () =>
      select.evaluate(
        (el, text) =>
          [...(el as HTMLSelectElement).options].find((o) => o.value && o.text.includes(text))?.value,
        optionText,
      );
    await expect.poll(value, { timeout: 10_000, message: `${testId} offers ${optionText}` }).toBeTruthy();
    await select.selectOption((await value())!);
    expect(await select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text ?? '')).toContain(
      optionText,
    );
    return;
  }
  await select.click();
  if (search) await page.keyboard.type(search);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
    hasText: optionText,
  });
  await option.first().waitFor();
  await motionSettled(page);
  await option.first().click();
  await expect
    .poll(async () => (await select.textContent()) ?? '', {
      timeout: 5_000,
      message: `${testId} shows ${optionText}`,
    })
    .toContain(optionText);
}

/** Opens an antd TreeSelect by its test id, searches for an org and picks the node with exactly this name. */
export async function pickTreeNode(page: Page, testId: string, name: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  await page.keyboard.type(name);
  const node = page
    .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper')
    .filter({ hasText: new RegExp(`^${name}$`) })
    .first();
  await node.waitFor();
  await motionSettled(page);
  await node.click();
  await expect
    .poll(async () => (await select.textContent()) ?? '', {
      timeout: 5_000,
      message: `${testId} shows ${name}`,
    })
    .toContain(name);
}

/**
 * Waits until no dialog or dropdown is still playing its opening animation (antd's rc-motion marks
 * those with e.g. `ant-zoom-appear` / `ant-slide-up-enter`). On a loaded machine a click on a control
 * that is still zooming in can be lost, and the form then fails validation at submit.
 */
export async function motionSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll('.ant-modal, .ant-select-dropdown')].some((el) =>
        /(^|\s)ant-[\w-]+-(appear|enter)(\s|$)/.test(el.className),
      ),
    null,
    { timeout: 10_000 },
  );
}

/** Picks a radio (or radio button) by its label inside this form, and fails if it did not take. */
export async function chooseRadio(page: Page, formTestId: string, label: string): Promise<void> {
  const form = page.getByTestId(formTestId);
  // antd hides the input itself (a button-style radio's input is not "visible"): click its label.
  const radio = form.getByRole('radio', { name: label, exact: true });
  await form
    .locator('label')
    .filter({ has: page.getByRole('radio', { name: label, exact: true }) })
    .click();
  await expect.poll(() => radio.isChecked(), { timeout: 5_000, message: `${label} is checked` }).toBe(true);
}

export async function statusText(page: Page): Promise<string> {
  return ((await page.getByTestId('status-tag').first().textContent()) ?? '').trim();
}

/** Waits until the matter page shows this status. */
export async function waitForStatus(page: Page, status: MatterStatus): Promise<void> {
  await page
    .locator(`[data-testid="matter-page"] [data-testid="status-tag"][data-status="${status}"]`)
    .waitFor();
}

/** Opens the matter page afresh (a new load, so nothing cached from before another user's step). */
export async function openMatter(page: Page, id: string): Promise<void> {
  await page.goto(`/matters/${id}`);
  await page.getByTestId('matter-page').waitFor({ timeout: 20_000 });
}

/**
 * Clicks an allowed action, fills its dialog and waits for the server's answer: 200 with the matter, or
 * 204 when the step takes the matter out of the actor's sight (e.g. a mediator's agreement).
 */
export async function act(
  page: Page,
  action: string,
  fill?: () => Promise<void>,
  expected: 200 | 204 = 200,
): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId(`action-form-${action}`).waitFor();
  await motionSettled(page);
  if (fill) await fill();
  const answered = apiResponse(page, 'POST', /\/api\/matters\/[^/]+\/actions$/);
  await page.getByTestId('action-confirm').click();
  const res = await answered;
  // A 204 has no body to read; read the body only to explain an unexpected status.
  if (res.status() !== expected) {
    expect(res.status(), await res.text().catch(() => '(no body)')).toBe(expected);
  }
  await page.getByTestId(`action-form-${action}`).waitFor({ state: 'detached' });
}

/**
 * Waits until the recommended next step (core next-steps.ts) is the matter page's one primary button.
 */
export async function expectRecommended(page: Page, action: string): Promise<void> {
  const button = page.locator(`[data-testid="action-${action}"][data-recommended="true"]`);
  await button.waitFor({ timeout: 15_000 });
  expect(await button.getAttribute('class')).toContain('ant-btn-primary');
  expect(await page.getByTestId('matter-actions').locator('.ant-btn-primary').count()).toBe(1);
}

/** The actions the matter page offers, by their test ids (action-accept → accept). */
export async function offeredActions(page: Page): Promise<string[]> {
  const actions = page.getByTestId('matter-actions');
  if ((await actions.count()) === 0) return [];
  const ids = await actions
    .locator('button[data-testid^="action-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace(/^action-/, ''));
}

export interface DisputeAtWindow {
  category: { search: string; option: string };
  title: string;
  description: string;
  village: { search: string; option: string };
  parties: { name: string; phone?: string }[];
}

/**
 * A clerk registers a dispute at the window (事项办理 → 登记事项) and lands on the new matter's page;
 * returns its id and code.
 */
export async function registerDispute(page: Page, d: DisputeAtWindow): Promise<{ id: string; code: string }> {
  await page.getByRole('menuitem', { name: '事项办理' }).click();
  await page.waitForURL(/\/matters$/);
  await page.getByTestId('matter-new').click();
  await page.waitForURL(/\/matters\/new$/);
  await page.getByTestId('intake-form').waitFor();

  await pickOption(page, 'intake-kind', '', '矛盾纠纷');
  await pickOption(page, 'intake-category', d.category.search, d.category.option);
  await page.getByTestId('intake-title').fill(d.title);
  await page.getByTestId('intake-description').fill(d.description);
  const villages = page.waitForResponse(
    (r) =>
      new URL(r.url()).pathname === '/api/orgs' &&
      new URL(r.url()).searchParams.get('q') === d.village.search,
    { timeout: 20_000 },
  );
  await page.getByTestId('intake-village').click();
  await page.keyboard.type(d.village.search);
  await villages;
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: d.village.option })
    .first()
    .click();
  for (const [i, p] of d.parties.entries()) {
    await page.getByTestId(`party-${i}-name`).fill(p.name);
    if (p.phone) await page.getByTestId(`party-${i}-phone`).fill(p.phone);
  }

  const created = apiResponse(page, 'POST', /^\/api\/matters$/);
  await page.getByTestId('intake-submit').click();
  const res = await created;
  expect(res.status(), await res.text()).toBe(201);
  const { matter } = (await res.json()) as { matter: { id: string; code: string } };

  await page.waitForURL(new RegExp(`/matters/${matter.id}$`));
  await page.getByTestId('intake-result').waitFor();
  expect(await page.getByTestId('intake-result').textContent()).toContain(matter.code);
  expect(await page.getByTestId('matter-code').textContent()).toBe(matter.code);
  return matter;
}

/** Logs in through the API (not the browser): the session and its CSRF header for state-changing calls. */
export async function apiLogin(
  api: APIRequestContext,
  who: Credentials,
): Promise<{
  headers: Record<string, string>;
  user: { id: string; org: { id: string; name: string } | null };
}> {
  const res = await api.post('/api/auth/login', { data: who });
  expect(res.status(), await res.text()).toBe(200);
  const { csrfToken, user } = (await res.json()) as {
    csrfToken: string;
    user: { id: string; org: { id: string; name: string } | null };
  };
  return { headers: { 'X-CSRF-Token': csrfToken }, user };
}
