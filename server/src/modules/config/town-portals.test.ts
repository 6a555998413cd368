import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicTownPortal, TownPortalInput, TownPortalsDoc } from '../../../../core/contracts/portals';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app';

let t: TestApp;
let admin: Session;
let clerk: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  clerk = await t.login('clerk');
});
afterAll(() => t.close());

const doc = async (): Promise<TownPortalsDoc> =>
  (await admin.request({ method: 'GET', url: '/api/config/town-portals' })).json();
const save = (s: Session, baseVersion: number, portals: TownPortalInput[]) =>
  s.request({ method: 'PUT', url: '/api/config/town-portals', payload: { baseVersion, portals } });
const open = (slug: string) =>
  t.app.inject({ method: 'GET', url: `/api/public/towns/${encodeURIComponent(slug)}` });
const strip = ({ placeName: _, ...p }: TownPortalsDoc['portals'][number]): TownPortalInput => p;

describe('the towns’ own entries (掌上四坝, 掌上西苑)', () => {
  it('ships 掌上四坝 and 掌上西苑, which a phone opens without an account', async () => {
    const d = await doc();
    expect(d).toMatchObject({ version: 0, isDefault: true });
    expect(d.portals.map((p) => [p.title, p.placeName])).toEqual([
      ['掌上四坝', '四坝镇'],
      ['掌上西苑', '西苑社区居委会'],
    ]);
    // The places an entry can belong to: the county's 50 towns, then its villages with their town.
    expect(d.places.filter((p) => p.level === 'town')).toHaveLength(50);
    expect(d.places.find((p) => p.divisionCode === '620602004003')).toEqual({
      divisionCode: '620602004003',
      name: '西苑社区居委会',
      level: 'village',
      town: '西关街街道',
    });
    const res = await open('四坝');
    expect(res.statusCode, res.body).toBe(200);
    const siba = res.json() as PublicTownPortal;
    expect(siba).toMatchObject({
      title: '掌上四坝',
      place: { name: '四坝镇', centerName: '四坝镇综治中心' },
    });
    // Every public service of the county, none internal and none retired.
    expect(siba.services.length).toBeGreaterThan(5);
    expect(siba.services.every((s) => s.public && !s.retired)).toBe(true);
    expect(res.headers['cache-control']).toContain('max-age=60');
  });

  it('saves an edit as a version the next phone sees, logged; switched off or unknown is not found alike', async () => {
    const d = await doc();
    const portals = d.portals.map(strip);
    portals[0] = {
      ...portals[0]!,
      serviceCodes: ['SVC-03', 'SVC-01'],
      notices: [
        { title: '冬季供暖报修', body: '供暖问题请拨打镇综治中心电话。', date: '2026-11-20' },
        { title: '调解员值班安排', body: '每周一至周五有人民调解员值班。', date: '2026-12-01' },
      ],
    };
    portals[1] = { ...portals[1]!, active: false };
    portals.push({
      slug: 'xiying',
      divisionCode: '620602115',
      title: '掌上西营',
      intro: '',
      serviceCodes: [],
      notices: [],
      active: true,
    });
    const res = await save(admin, 0, portals);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as TownPortalsDoc).version).toBe(1);

    const siba = (await open('四坝')).json() as PublicTownPortal;
    expect(siba.services.map((s) => s.code)).toEqual(['SVC-03', 'SVC-01']);
    expect(siba.notices.map((n) => n.title)).toEqual(['调解员值班安排', '冬季供暖报修']);
    expect((await open('xiying')).json()).toMatchObject({ title: '掌上西营', place: { name: '西营镇' } });

    const off = await open('西苑');
    const none = await open('没有这个');
    expect([off.statusCode, none.statusCode]).toEqual([404, 404]);
    const body = (r: typeof off) => ({ ...r.json(), requestId: undefined });
    expect(body(off)).toEqual(body(none));
    expect(off.json().message).toBe('没有这个掌上入口，请核对网址或二维码。');

    const events = (await t.database.db.execute(
      sql`select after from events where action = 'config.town_portals_saved'`,
    )) as unknown as { rows: { after: { version: number; added: string[] } }[] };
    expect(events.rows.map((r) => r.after)).toEqual([{ version: 1, added: ['xiying'], removed: [] }]);
  });

  it('refuses a stale version, a repeated address, a place or service outside the county — in words — and keeps what was saved', async () => {
    const d = await doc();
    const portals = d.portals.map(strip);
    const stale = await save(admin, 0, portals);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('已被他人修改');

    const bad = await save(admin, d.version, [
      ...portals,
      { ...portals[2]!, title: '又一个', divisionCode: '620602001' },
      {
        ...portals[2]!,
        slug: 'waixian',
        title: '外县',
        divisionCode: '110101001',
        serviceCodes: ['SVC-999'],
      },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(bad.json().details.issues).toEqual([
      '网址名「xiying」重复',
      '「外县」所属的镇（街道）或村（社区）110101001 不在本县（区）',
      '「外县」列出的服务事项 SVC-999 不在事项目录中',
    ]);
    expect((await doc()).version).toBe(d.version);
    expect((await open('xiying')).statusCode).toBe(200);
  });

  it('is the business administrator’s alone', async () => {
    expect((await clerk.request({ method: 'GET', url: '/api/config/town-portals' })).statusCode).toBe(403);
    const d = await doc();
    expect((await save(clerk, d.version, d.portals.map(strip))).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/config/town-portals' })).statusCode).toBe(401);
  });
});
