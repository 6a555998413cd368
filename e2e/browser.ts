/**
 * Browser journeys drive Debian's Chromium through playwright-core (no browser download is possible
 * here). Install it once with `apt-get update && apt-get install -y chromium`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, inject } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const ARTIFACTS_DIR = fileURLToPath(new URL('./artifacts/', import.meta.url));

export interface ViewportSpec {
  name: string;
  width: number;
  height: number;
  /** Phone: touch events and the mobile viewport meta are honoured. */
  mobile: boolean;
}

export const viewports = {
  phone: { name: 'phone', width: 375, height: 740, mobile: true },
  desktop: { name: 'desktop', width: 1366, height: 800, mobile: false },
} as const satisfies Record<string, ViewportSpec>;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run \`apt-get update && apt-get install -y chromium\``,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newContext(
  browser: Browser,
  baseURL: string,
  vp: ViewportSpec,
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: vp.width, height: vp.height },
    isMobile: vp.mobile,
    hasTouch: vp.mobile,
    deviceScaleFactor: vp.mobile ? 2 : 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/** The server under test: E2E_BASE_URL, set by e2e/global-setup.ts or by whoever started a server. */
export function baseUrl(provided?: string): string {
  const url = process.env.E2E_BASE_URL || provided;
  if (!url) throw new Error('E2E_BASE_URL is not set (e2e/global-setup.ts starts a server and sets it)');
  return url.replace(/\/$/, '');
}

/** Runs a step and, when it fails, keeps a screenshot under e2e/artifacts/ for the person reading the failure. */
export async function withScreenshot<T>(page: Page, name: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}-${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    if (e instanceof Error) e.message += `\n(screenshot: ${file})`;
    throw e;
  }
}

/**
 * Keeps a picture of what the person saw at this step (e2e/artifacts/<name>.png, overwritten on each
 * run) for whoever reviews the journey; a failed screenshot never fails the journey.
 */
export async function snapshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page
    .screenshot({ path: path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`), fullPage: true })
    .catch(() => undefined);
}

/**
 * A journey file's browser and the server's address, opened when the file is loaded and closed after
 * its last test: `const { browser, base } = await openSuiteBrowser();` at the top of the file.
 */
export async function openSuiteBrowser(): Promise<{ browser: Browser; base: string }> {
  const base = baseUrl(inject('e2eBaseUrl'));
  const browser = await launchBrowser();
  afterAll(async () => {
    await browser.close();
  });
  return { browser, base };
}
