import { describe, expect, it } from 'vitest';
import { newContext, openSuiteBrowser, snapshot, viewports, withScreenshot } from './browser';
import { DEMO_PASSWORD, login, openMatter } from './matters';
import { carriesLocation, phonePhoto } from './photos';

const WORKER = 'town01-gw1';
const TOWN_CLERK = { username: 'town01-clerk', password: DEMO_PASSWORD };

const { browser, base } = await openSuiteBrowser();

describe('a grid worker’s field photo', () => {
  it('is seen by staff: a thumbnail on the matter page that opens, without its position', async () => {
    const phone = await newContext(browser, base, viewports.phone);
    const desk = await newContext(browser, base, viewports.desktop);
    const worker = await phone.newPage();
    const clerk = await desk.newPage();
    const title = `现场照片${Date.now().toString(36)}`;
    try {
      let matterId = '';
      await withScreenshot(worker, 'field-photo-report', async () => {
        await worker.goto('/login?next=%2Ffield');
        await worker.getByLabel('用户名').fill(WORKER);
        await worker.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
        await worker.getByTestId('login-submit').click();
        await worker.getByTestId('field-worker').waitFor({ timeout: 20_000 });
        await worker.getByTestId('field-nav-report').click();
        await worker.getByText('安全隐患', { exact: true }).click();
        await worker.getByTestId('field-description').fill(`${title}：巷口电线杆倾斜，电线下垂到人头高。`);
        await worker.getByTestId('field-title').fill(title);
        await worker.getByLabel('拍照或选择照片').setInputFiles(await phonePhoto('电线杆.jpg', '#a63'));
        await expect
          .poll(async () => (await worker.locator('main').textContent()) ?? '')
          .toContain('已选 1 张');
        const photo = worker.waitForResponse(
          (r) => r.request().method() === 'POST' && /\/api\/matters\/[^/]+\/attachments$/.test(r.url()),
          { timeout: 30_000 },
        );
        await worker.getByTestId('field-report-submit').click();
        expect((await photo).status()).toBe(201);
        const res = await phone.request.get(`/api/matters?q=${encodeURIComponent(title)}`);
        const items = ((await res.json()) as { items: { id: string; title: string }[] }).items;
        matterId = items.find((m) => m.title === title)?.id ?? '';
        expect(matterId).not.toBe('');
      });

      await withScreenshot(clerk, 'field-photo-staff', async () => {
        await login(clerk, TOWN_CLERK);
        await openMatter(clerk, matterId);
        const thumb = clerk.getByTestId('attachment-thumb').first();
        await thumb.waitFor();
        await expect
          .poll(() => thumb.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
          .toBeGreaterThan(0);
        expect(await clerk.getByTestId('attachment-uploader').first().textContent()).toContain('网格员');
        await clerk.getByTestId('attachment-open').first().click();
        const full = clerk.getByTestId('attachment-full');
        await full.waitFor();
        await expect
          .poll(() => full.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
          .toBeGreaterThan(0);
        await snapshot(clerk, 'clerk-field-photo-opened');
        const href = (await clerk.getByTestId('attachment-download').getAttribute('href'))!;
        const file = await desk.request.get(href);
        expect(file.status()).toBe(200);
        expect(await carriesLocation(await file.body())).toBe(false);
      });
    } finally {
      await phone.close();
      await desk.close();
    }
  }, 120_000);
});
