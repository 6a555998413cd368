import { describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from '../core/domain/geo/gcj02';
import { matterStatusLabels } from '../core/domain/matters/model';
import { newContext, openSuiteBrowser, snapshot, viewports, withScreenshot } from './browser';
import {
  act,
  apiLogin,
  apiResponse,
  chooseRadio,
  DEMO_PASSWORD,
  login,
  offeredActions,
  pickOption,
  registerDispute,
  statusText,
} from './matters';

const CLERK = { username: 'village-clerk', password: DEMO_PASSWORD };
const TOWN_LEADER = { username: 'town01-leader', password: DEMO_PASSWORD };

const { browser, base } = await openSuiteBrowser();

describe('matter workbench', () => {
  it('a village clerk registers a dispute, accepts, answers and records a satisfied rating', async () => {
    const context = await newContext(browser, base, viewports.desktop);
    const page = await context.newPage();
    try {
      await withScreenshot(page, 'matter-journey-clerk', async () => {
        await login(page, CLERK);

        const matter = await registerDispute(page, {
          category: { search: '邻里', option: '邻里（MED-02）' },
          title: '邻里排水沟堵塞纠纷',
          description: '两户邻居因排水沟堵塞导致雨水倒灌，多次协商未果。',
          village: { search: '南苑', option: '南苑社区' },
          parties: [{ name: '王甲乙', phone: '13912345678' }, { name: '李丙丁' }],
        });
        expect(await statusText(page)).toBe(matterStatusLabels.registered);
        expect(await page.getByTestId('matter-routing').textContent()).toContain('分流建议');

        await act(page, 'accept');
        await page.locator('[data-testid="status-tag"][data-status="handling"]').waitFor();
        expect(await statusText(page)).toBe(matterStatusLabels.handling);
        expect(await page.getByTestId('matter-notices').textContent()).toContain('受理告知书');

        await act(page, 'answer', async () => {
          await page.getByTestId('action-reason').fill('经村调委会调解，双方同意共同清淤，排水沟已疏通。');
        });
        await page.locator('[data-testid="status-tag"][data-status="answered"]').waitFor();

        // Only the resident rates: the clerk who answered is never offered to record it. The town leader
        // writes down what the resident said on the phone.
        expect(await offeredActions(page)).not.toContain('rate');
        const leaderContext = await newContext(browser, base, viewports.desktop);
        try {
          const leader = await leaderContext.newPage();
          await login(leader, TOWN_LEADER);
          await leader.goto(page.url());
          await leader.getByTestId('matter-page').waitFor({ timeout: 20_000 });
          await act(leader, 'rate', async () => {
            await chooseRadio(leader, 'action-form-rate', '电话告知');
            await chooseRadio(leader, 'action-form-rate', '满意');
          });
          await leader.locator('[data-testid="status-tag"][data-status="rated"]').waitFor();
          expect(await statusText(leader)).toBe('已评价');
          expect(await leader.getByTestId('matter-timeline').textContent()).toContain('答复群众');
        } finally {
          await leaderContext.close();
        }

        // The matter is on the clerk's queue with its new status.
        await page.goto('/matters');
        const row = page.getByTestId(`matter-link-${matter.code}`);
        await row.waitFor({ timeout: 15_000 });
        expect(
          await page.locator('tr', { has: row }).locator('[data-testid="status-tag"]').textContent(),
        ).toBe('已评价');
      });
    } finally {
      await context.close();
    }
  }, 90_000);

  it('the town leader makes the follow-up visit and archives a rated village matter', async () => {
    // A rated matter of the village, made through the API as the clerk (the UI journey is the test above).
    const setup = await newContext(browser, base, viewports.desktop);
    const api = setup.request;
    const { headers, user } = await apiLogin(api, CLERK);
    if (!user.org) throw new Error('the village clerk has no org');
    const created = await api.post('/api/matters', {
      headers,
      data: {
        kind: 'dispute',
        channel: 'walk_in',
        categoryCode: 'MED-02',
        title: '院墙滴水纠纷',
        description: '邻居院墙滴水到本家院内，双方多次争吵。',
        place: { villageId: user.org.id },
        parties: [
          { role: 'applicant', name: '周甲', phone: '13911112222' },
          { role: 'respondent', name: '吴乙' },
        ],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { matter } = (await created.json()) as { matter: { id: string; code: string } };
    for (const step of [{ action: 'accept' }, { action: 'answer', reason: '双方同意加装接水槽。' }]) {
      const r = await api.post(`/api/matters/${matter.id}/actions`, { headers, data: step });
      expect(r.status(), await r.text()).toBe(200);
    }
    // The resident's rating, recorded from a phone call by staff other than the handler.
    const other = await newContext(browser, base, viewports.desktop);
    const leaderApi = await apiLogin(other.request, TOWN_LEADER);
    const rated = await other.request.post(`/api/matters/${matter.id}/actions`, {
      headers: leaderApi.headers,
      data: { action: 'rate', rating: 'satisfied', channel: 'phone' },
    });
    expect(rated.status(), await rated.text()).toBe(200);
    await other.close();
    await setup.close();

    const context = await newContext(browser, base, viewports.desktop);
    const page = await context.newPage();
    try {
      await withScreenshot(page, 'matter-journey-leader', async () => {
        await login(page, TOWN_LEADER);
        await page.goto(`/matters/${matter.id}`);
        await page.getByTestId('matter-page').waitFor({ timeout: 20_000 });
        expect(await statusText(page)).toBe(matterStatusLabels.rated);

        // 事心双结: the matter is solved, but the resident still resents the neighbour — said in words.
        await act(page, 'follow_up', async () => {
          await chooseRadio(page, 'action-form-follow_up', '解决了');
          await chooseRadio(page, 'action-form-follow_up', '还有疙瘩没解开');
          await page.getByTestId('action-reason').fill('电话回访，漏水已解决，但对邻居仍有怨气。');
        });
        await page.locator('[data-testid="status-tag"][data-status="followed_up"]').waitFor();
        expect(await page.getByTestId('matter-timeline').textContent()).toContain(
          '事结：已解决；心结：未化解',
        );

        await act(page, 'archive', async () => {
          await page.getByLabel('档案号').fill('东大街-2026-调-E2E');
        });
        await page.locator('[data-testid="status-tag"][data-status="archived"]').waitFor();
        expect(await statusText(page)).toBe(matterStatusLabels.archived);
        await page.getByTestId('no-actions').waitFor();
      });
    } finally {
      await context.close();
    }
  }, 90_000);
});

describe('residents’ pages', () => {
  it('a resident submits online by pointing at the map, then tracks the matter as 待受理', async () => {
    const vp = viewports.phone;
    const context = await newContext(browser, base, vp);
    const page = await context.newPage();
    try {
      await withScreenshot(page, 'matter-journey-resident', async () => {
        await page.goto('/login');
        await page.getByTestId('public-link').click();
        await page.waitForURL(/\/public\/submit$/);
        await page.getByTestId('public-form').waitFor();

        await page.getByTestId('public-kind-dispute').click();
        await pickOption(page, 'public-category', '', '邻里');
        await page.getByTestId('public-title').fill('邻居排水沟堵塞');
        await page.getByTestId('public-description').fill('下雨时邻居家的排水沟堵塞，雨水倒灌进我家院子。');

        // A tap on the whole-district view zooms in instead of dropping a pin somewhere (the 松树镇 bug).
        await page.locator('[data-testid="place-map"][data-ready="true"]').waitFor({ timeout: 20_000 });
        await page.locator('[data-testid="place-map"][data-places]').waitFor({ timeout: 20_000 });
        await page.getByTestId('place-map').scrollIntoViewIfNeeded();
        const box = await page.getByTestId('place-map').boundingBox();
        if (!box) throw new Error('the map has no box');
        expect(await page.getByTestId('place-map').getAttribute('data-zoomed-out')).toBe('true');
        await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
        await page.locator('[data-testid="place-map"][data-zoomed-out="false"]').waitFor();
        expect(await page.getByTestId('place-result').getAttribute('data-state')).toBe('idle');
        // Found by the community's name: the map goes there and the pin is set.
        await page.getByTestId('place-search').locator('input').fill('南苑');
        const located = apiResponse(page, 'GET', /^\/api\/geo\/locate$/);
        await page.getByTestId('place-search').getByRole('option', { name: /南苑/ }).first().click();
        expect((await located).status()).toBe(200);
        await page.locator('[data-testid="place-result"][data-state="ok"]').waitFor();
        expect(await page.getByTestId('place-result').textContent()).toContain('南苑');
        await snapshot(page, 'resident-submit-place-found');
        await page.locator('[data-testid="place-result"][data-state="ok"]').waitFor();
        expect(await page.getByTestId('place-result').textContent()).toMatch(/镇|街道|乡/);

        await page.getByTestId('public-name').fill('张三');
        await page.getByTestId('public-phone').fill('13987654321');
        // A dispute names the other side (a written agreement needs both).
        await page.getByTestId('public-other-name').fill('隔壁李家');
        const submitted = apiResponse(page, 'POST', /^\/api\/public\/matters$/);
        await page.getByTestId('public-submit').click();
        const res = await submitted;
        expect(res.status(), await res.text()).toBe(201);
        const body = (await res.json()) as { code: string; trackingSecret: string };

        await page.getByTestId('public-submitted').waitFor();
        expect(((await page.getByTestId('public-code').textContent()) ?? '').trim()).toBe(body.code);
        expect(((await page.getByTestId('public-secret').textContent()) ?? '').trim()).toBe(
          body.trackingSecret,
        );

        await page.getByTestId('public-go-track').click();
        await page.waitForURL(/\/public\/track$/);
        // The code, secret and phone come along in memory; the resident only presses 查询.
        expect(await page.getByTestId('track-code').inputValue()).toBe(body.code);
        const tracked = apiResponse(page, 'POST', /^\/api\/public\/matters\/track$/);
        await page.getByTestId('track-submit').click();
        const t = await tracked;
        expect(t.status(), await t.text()).toBe(200);
        await page.getByTestId('track-result').waitFor();
        expect(((await page.getByTestId('track-status').textContent()) ?? '').trim()).toBe(
          matterStatusLabels.registered,
        );
        expect(await page.getByTestId('track-holder').textContent()).toContain('综治中心');
        expect(await page.getByTestId('track-timeline').textContent()).toContain('提交登记');
      });
    } finally {
      await context.close();
    }
  }, 90_000);
});

describe('the place, found without the internet', () => {
  it('a resident uses their phone’s location and sees its accuracy', async () => {
    const vp = viewports.phone;
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: vp.width, height: vp.height },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      // In 凉州区's centre, as a phone's GPS would give it (WGS-84), 35 m accuracy.
      geolocation: { latitude: 37.928224, longitude: 102.642184, accuracy: 35 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    try {
      await withScreenshot(page, 'resident-my-location', async () => {
        // On 3G the district's outline (the biggest answer on the page) comes last: hold it until the
        // resident has used "my location", as happens on a phone.
        let releaseOutline = () => {};
        const outlineHeld = new Promise<void>((r) => {
          releaseOutline = r;
        });
        await page.route(/\/api\/geo\/boundary/, async (route) => {
          await outlineHeld;
          await route.continue();
        });
        await page.goto('/public/submit');
        await page.getByTestId('public-form').waitFor();
        const located = apiResponse(page, 'GET', /^\/api\/geo\/locate$/);
        await page.getByTestId('my-location').click();
        expect((await located).status()).toBe(200);
        await page.locator('[data-testid="my-location-result"][data-state="ok"]').waitFor();
        expect(await page.getByTestId('my-location-result').textContent()).toContain('精度约 35 米');
        await page.locator('[data-testid="place-result"][data-state="ok"]').waitFor();
        releaseOutline();
        await page.locator('[data-testid="place-map"][data-ready="true"]').waitFor({ timeout: 20_000 });
        // The pin is set: the map stays close on it and the "zoom in, then tap" hint is gone (the
        // outline arriving used to zoom back out to the district and bring the hint back over the pin).
        expect(await page.getByTestId('place-map').getAttribute('data-zoomed-out')).toBe('false');
        expect(await page.getByTestId('place-map-hint').count()).toBe(0);
        expect(await page.getByRole('note').filter({ hasText: '放大到村（社区）后再点选' }).count()).toBe(0);
        expect(await page.getByTestId('place-result').textContent()).toMatch(/镇|街道|乡/);
        // A typed address that names a village offers to find it on the map.
        await page.getByTestId('public-address').fill('南苑社区3号楼');
        await page.getByTestId('address-place').waitFor();
        await snapshot(page, 'resident-submit-my-location');
      });
    } finally {
      await context.close();
    }
  });
});

describe('a point from a phone’s map (GCJ-02)', () => {
  it('is taken from the address, shown converted, and filed flagged for the clerk', async () => {
    // In 凉州区's centre as AMap or Tencent would give it: GCJ-02, about 150 m off its WGS-84 place.
    const wgs = { lat: 37.928224, lng: 102.642184 };
    const gcj = wgs84ToGcj02(wgs);
    const context = await newContext(browser, base, viewports.phone);
    const page = await context.newPage();
    try {
      await withScreenshot(page, 'resident-gcj02-point', async () => {
        const located = apiResponse(page, 'GET', /^\/api\/geo\/locate$/);
        await page.goto(`/public/submit?lng=${gcj.lng}&lat=${gcj.lat}&coord=gcj02`);
        await page.getByTestId('public-form').waitFor();
        const at = new URL((await located).url()).searchParams;
        // The map and the place lookup use the converted (WGS-84) point, not the numbers given.
        expect(Number(at.get('lng'))).toBeCloseTo(wgs.lng, 5);
        expect(Number(at.get('lat'))).toBeCloseTo(wgs.lat, 5);
        await page.locator('[data-testid="place-result"][data-state="ok"]').waitFor();
        await page.getByTestId('place-given').waitFor();
        expect(await page.getByTestId('place-map-hint').count()).toBe(0);

        await page.getByTestId('public-kind-dispute').click();
        await pickOption(page, 'public-category', '', '邻里');
        await page.getByTestId('public-title').fill('手机地图定位的纠纷');
        await page.getByTestId('public-description').fill('邻居在公共通道堆放杂物，影响通行。');
        await page.getByTestId('public-name').fill('赵六');
        await page.getByTestId('public-phone').fill('13987650000');
        await page.getByTestId('public-other-name').fill('对门钱家');
        const submitted = apiResponse(page, 'POST', /^\/api\/public\/matters$/);
        await page.getByTestId('public-submit').click();
        const res = await submitted;
        expect(res.status(), await res.text()).toBe(201);
        // Sent as given, with its datum: the server converts it and keeps the flag.
        const sent = res.request().postDataJSON() as { place: { lng: number; coordSystem: string } };
        expect(sent.place.coordSystem).toBe('gcj02');
        expect(sent.place.lng).toBeCloseTo(gcj.lng, 9);
        const { code } = (await res.json()) as { code: string };

        // Staff see the converted point and where it came from.
        await login(page, { username: 'leader', password: DEMO_PASSWORD });
        const found = await page.request.get(`/api/matters?q=${code}`);
        const id = ((await found.json()) as { items: { id: string }[] }).items[0]!.id;
        await page.goto(`/matters/${id}`);
        const coords = page.getByTestId('matter-coords');
        await coords.waitFor({ timeout: 20_000 });
        expect(await coords.textContent()).toContain('由手机地图的 GCJ-02 坐标换算');
        expect(await coords.textContent()).toContain(wgs.lng.toFixed(6).slice(0, 8));
      });
    } finally {
      await context.close();
    }
  });
});
