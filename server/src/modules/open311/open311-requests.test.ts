/**
 * Open311 conformance, part 1: discovery, services, POST requests (form encoding, attributes,
 * locations, sizes, keys) and the matter it makes (village queue, deadline, notice).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from '../../../../core/domain/geo/gcj02';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { events, matters, open311Requests } from '../../db/schema';
import {
  expectOpen311Error,
  FORM,
  form,
  isoWithZone,
  issueKey,
  pointInVillage,
} from './open311-test-helpers';

let t: TestApp;
let key: string;
let point: Awaited<ReturnType<typeof pointInVillage>>;

beforeAll(async () => {
  t = await createTestApp();
  key = (await issueKey(t)).apiKey;
  point = await pointInVillage(t, '620602001001');
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const post = (fields: Record<string, string | string[] | undefined>, url = '/open311/v2/requests.json') =>
  t.app.inject({ method: 'POST', url, headers: FORM, payload: form(fields) });

function dispute(overrides: Record<string, string | string[] | undefined> = {}) {
  return {
    api_key: key,
    service_code: 'SVC-03',
    lat: String(point.lat),
    long: String(point.lng),
    first_name: '小二',
    last_name: '王',
    phone: '13912345678',
    email: 'wang@example.org',
    account_id: 'fms-user-77',
    description: '邻居家排水沟堵塞，雨水倒灌进院子。',
    'attribute[category]': 'MED-02',
    ...overrides,
  };
}

describe('discovery and services', () => {
  it('discovery lists the v2 endpoint with its formats', async () => {
    const res = await get('/open311/v2/discovery.json');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(Object.keys(d).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
    expect(d.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
    });
    expect(d.endpoints[0].url).toMatch(/\/open311\/v2\/$/);
    expect(d.endpoints[0].formats).toEqual(['application/json', 'text/xml']);
    const xml = await get('/open311/v2/discovery.xml');
    expect(xml.headers['content-type']).toMatch(/xml/);
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery><changeset>/);
  });

  it('services are the public catalog items, each with exactly the spec fields (+ FMS groups)', async () => {
    const res = await get('/open311/v2/services.json?jurisdiction_id=620602');
    expect(res.statusCode).toBe(200);
    const list = res.json() as Record<string, unknown>[];
    const codes = list.map((s) => s.service_code);
    expect(codes).toContain('SVC-03');
    expect(codes, 'the grid report service is internal').not.toContain('SVC-11');
    for (const s of list) {
      expect(Object.keys(s).sort()).toEqual([
        'description',
        'group',
        'groups',
        'keywords',
        'metadata',
        'service_code',
        'service_name',
        'type',
      ]);
      expect(s.metadata).toBe(true);
      expect(s.type).toBe('realtime');
    }
    expect((await get('/open311/v2/services.json?jurisdiction_id=620602000000')).statusCode).toBe(200);
    const xml = await get('/open311/v2/services.xml');
    expect(xml.body).toContain('<services><service><service_code>SVC-01</service_code>');
  });

  it('unknown jurisdiction 404, malformed jurisdiction 400, unknown format 400', async () => {
    expectOpen311Error(
      await get('/open311/v2/services.json?jurisdiction_id=999999'),
      404,
      'unknown_jurisdiction',
    );
    expectOpen311Error(await get('/open311/v2/services.json?jurisdiction_id=abc'), 400, 'invalid_field');
    expectOpen311Error(await get('/open311/v2/services.html'), 400, 'invalid_field');
    expectOpen311Error(await get('/open311/v2/nothing.json'), 404, 'unknown_resource');
  });

  it('a service definition orders its attributes and lists the values of the lists', async () => {
    const res = await get('/open311/v2/services/SVC-03.json');
    expect(res.statusCode).toBe(200);
    const def = res.json() as { service_code: string; attributes: Record<string, unknown>[] };
    expect(def.service_code).toBe('SVC-03');
    expect(def.attributes.map((a) => a.order)).toEqual(def.attributes.map((_, i) => i + 1));
    for (const a of def.attributes) {
      expect(Object.keys(a).sort()).toEqual([
        'code',
        'datatype',
        'datatype_description',
        'description',
        'order',
        'required',
        'values',
        'variable',
      ]);
      expect(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']).toContain(
        a.datatype,
      );
    }
    const category = def.attributes.find((a) => a.code === 'category')!;
    expect(category).toMatchObject({ required: true, datatype: 'singlevaluelist', variable: true });
    expect(category.values).toContainEqual({ key: 'MED-02', name: expect.any(String) });
    expect(def.attributes.find((a) => a.code === 'materials_ready')).toMatchObject({
      datatype: 'multivaluelist',
    });
    expect(def.attributes.filter((a) => a.variable === false).length).toBeGreaterThan(0);
    expectOpen311Error(await get('/open311/v2/services/SVC-11.json'), 404, 'unknown_service');
    expectOpen311Error(await get('/open311/v2/services/NOPE.json'), 404, 'unknown_service');
    expect((await get('/open311/v2/services/SVC-03.xml')).body).toContain(
      '<attributes><attribute><variable>true</variable>',
    );
  });
});

describe('POST requests', () => {
  it('files a matter in the village of the point, with the deadline and the one-time notice', async () => {
    const res = await post(
      dispute({ 'attribute[materials_ready][]': ['M1', 'M4'], media_url: 'https://example.org/a.jpg' }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const [out] = res.json() as Record<string, string>[];
    expect(Object.keys(out!).sort()).toEqual([
      'account_id',
      'expected_datetime',
      'service_notice',
      'service_request_id',
      'token',
      'tracking_secret',
    ]);
    expect(out!.service_request_id).toMatch(/^620602-2026-\d{6}$/);
    expect(out!.account_id).toBe('fms-user-77');
    expect(out!.expected_datetime).toMatch(isoWithZone);
    expect(out!.service_notice).toContain('事项名称：矛盾纠纷调解申请');
    expect(out!.service_notice).toContain(`受理单位：${point.village.centerName ?? point.village.name}`);
    expect(out!.service_notice).toMatch(/将在\d{4}年\d{1,2}月\d{1,2}日前/);

    // The village clerk sees it in the queue, owned by the village, with the same deadline.
    const clerk = await t.login('village-clerk');
    const queue = (await clerk.request({ method: 'GET', url: '/api/matters?pageSize=200' })).json() as {
      items: {
        id: string;
        code: string;
        owner: { id: string };
        channel: string;
        nextDue: { dueAt: string } | null;
      }[];
    };
    const m = queue.items.find((i) => i.code === out!.service_request_id);
    expect(m, 'in the village queue').toBeDefined();
    expect(m!.owner.id).toBe(point.village.id);
    expect(m!.channel).toBe('online');
    // The spec's dates carry whole seconds.
    const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
    expect(seconds(out!.expected_datetime!)).toBe(seconds(m!.nextDue!.dueAt));

    const [link] = await t.database.db
      .select()
      .from(open311Requests)
      .where(eq(open311Requests.matterId, m!.id));
    expect(link!.attributes.materials_ready).toEqual([
      '身份证件',
      '与纠纷有关的证据材料（合同、票据、照片等）',
    ]);
    expect(link!.mediaUrl).toBe('https://example.org/a.jpg');
    const filed = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.action, 'open311.request_filed'), eq(events.objectId, m!.id)));
    expect(filed).toHaveLength(1);
    expect(filed[0]!.after).toMatchObject({ client: { name: '掌上四坝' } });
  });

  it('takes address_id (a village division code), or only an address_string, and JSON bodies', async () => {
    const byVillage = await post(dispute({ lat: undefined, long: undefined, address_id: '620602001001' }));
    expect(byVillage.statusCode, byVillage.body).toBe(200);
    const onlyAddress = await post(
      dispute({ lat: undefined, long: undefined, address_string: '凉州区南苑社区某巷 3 号' }),
    );
    expect(onlyAddress.statusCode, onlyAddress.body).toBe(200);
    const json = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { ...dispute(), lat: point.lat, long: point.lng },
    });
    expect(json.statusCode, json.body).toBe(200);
    const charset = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      payload: form(dispute()),
    });
    expect(charset.statusCode, charset.body).toBe(200);
    const text = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'text/plain' },
      payload: form(dispute()),
    });
    expectOpen311Error(text, 415, 'unsupported_media_type');
    const xml = await post(dispute(), '/open311/v2/requests.xml');
    expect(xml.body).toMatch(
      /<service_requests><request><service_request_id>620602-2026-\d{6}<\/service_request_id><token>/,
    );
  });

  it('refuses bad keys, services and fields with the spec status and a Chinese description', async () => {
    expectOpen311Error(await post(dispute({ api_key: undefined })), 400, 'missing_field');
    expectOpen311Error(await post(dispute({ api_key: 'o311_not-a-key' })), 403, 'invalid_api_key');
    expectOpen311Error(await post(dispute({ service_code: undefined })), 400, 'missing_field');
    expectOpen311Error(await post(dispute({ service_code: 'NOPE' })), 404, 'unknown_service');
    expectOpen311Error(await post(dispute({ service_code: 'SVC-11' })), 404, 'unknown_service');
    expectOpen311Error(await post(dispute({ jurisdiction_id: '620621' })), 404, 'unknown_jurisdiction');
    expectOpen311Error(await post(dispute({ phone: '12345' })), 400, 'invalid_field');
    const twice = expectOpen311Error(
      await post(dispute({ phone: ['13912345678', '13912345679'] })),
      400,
      'invalid_field',
    );
    expect(twice.description).toContain('phone');
    expectOpen311Error(await post(dispute({ media_url: 'javascript:alert(1)' })), 400, 'invalid_field');
    expectOpen311Error(await post(dispute({ description: '短' })), 400, 'invalid_field');
  });

  it('reads attribute[code] and repeated attribute[code][] and checks them against the definition', async () => {
    const missing = expectOpen311Error(
      await post(dispute({ 'attribute[category]': undefined })),
      400,
      'invalid_attribute',
    );
    expect(missing.description).toContain('category');
    expectOpen311Error(await post(dispute({ 'attribute[category]': 'PET-01' })), 400, 'invalid_attribute');
    expectOpen311Error(
      await post(dispute({ 'attribute[category]': ['MED-02', 'MED-03'] })),
      400,
      'invalid_field',
    );
    expectOpen311Error(await post(dispute({ 'attribute[colour]': 'red' })), 400, 'invalid_attribute');
    expectOpen311Error(await post(dispute({ 'attribute[material_1]': 'x' })), 400, 'invalid_attribute');
    expectOpen311Error(
      await post(dispute({ 'attribute[materials_ready][]': ['M1', 'M99'] })),
      400,
      'invalid_attribute',
    );
    expectOpen311Error(
      await post(dispute({ 'attribute[title]': '长'.repeat(81) })),
      400,
      'invalid_attribute',
    );
    const titled = await post(
      dispute({ 'attribute[title]': '排水沟堵塞', 'attribute[materials_ready][]': 'M2' }),
    );
    expect(titled.statusCode, titled.body).toBe(200);
  });

  it('takes a GCJ-02 point (coord_system=gcj02), stores it converted to WGS-84 and flagged', async () => {
    const gcj = wgs84ToGcj02(point);
    const res = await post(dispute({ lat: String(gcj.lat), long: String(gcj.lng), coord_system: 'gcj02' }));
    expect(res.statusCode, res.body).toBe(200);
    const [out] = res.json() as { service_request_id: string }[];
    const [m] = await t.database.db.select().from(matters).where(eq(matters.code, out!.service_request_id));
    expect(m!.coordConvertedFrom).toBe('gcj02');
    expect(m!.lat).toBeCloseTo(point.lat, 7);
    expect(m!.lng).toBeCloseTo(point.lng, 7);
    // Without the flag the same numbers are taken as WGS-84, about 150 m away: stored as given, unflagged.
    const plain = await post(dispute({ lat: String(gcj.lat), long: String(gcj.lng) }));
    const [asGiven] = await t.database.db
      .select()
      .from(matters)
      .where(eq(matters.code, (plain.json() as { service_request_id: string }[])[0]!.service_request_id));
    expect(asGiven!.coordConvertedFrom).toBeNull();
    expect(asGiven!.lng).toBeCloseTo(gcj.lng, 7);
    expectOpen311Error(await post(dispute({ coord_system: 'bd09' })), 400, 'invalid_field');
  });

  it('needs a location inside the county', async () => {
    expectOpen311Error(await post(dispute({ lat: undefined, long: undefined })), 400, 'missing_field');
    expectOpen311Error(await post(dispute({ long: undefined })), 400, 'missing_field');
    expectOpen311Error(await post(dispute({ lat: '91', long: '102.6' })), 400, 'invalid_field');
    expectOpen311Error(await post(dispute({ lat: 'north' })), 400, 'invalid_field');
    expectOpen311Error(await post(dispute({ lat: '39.9', long: '116.4' })), 400, 'outside_county');
    expectOpen311Error(
      await post(dispute({ lat: undefined, long: undefined, address_id: '110101001001' })),
      400,
      'invalid_field',
    );
  });

  it('refuses oversize fields and bodies', async () => {
    expectOpen311Error(await post(dispute({ description: '很'.repeat(5001) })), 400, 'invalid_field');
    expectOpen311Error(await post(dispute({ address_string: '路'.repeat(201) })), 400, 'invalid_field');
    expectOpen311Error(await post(dispute({ 'attribute[title]': 'x'.repeat(201) })), 400, 'invalid_field');
    expectOpen311Error(await post(dispute({ first_name: '名'.repeat(31) })), 400, 'invalid_field');
    expectOpen311Error(await post(dispute({ filler: 'x'.repeat(70 * 1024) })), 413, 'payload_too_large');
  });
});

describe('a retried POST (Idempotency-Key)', () => {
  const postKeyed = (fields: Record<string, string | string[] | undefined>, idem: string) =>
    t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { ...FORM, 'idempotency-key': idem },
      payload: form(fields),
    });
  const filed = async () =>
    (
      await t.database.db
        .select({ n: open311Requests.matterId })
        .from(open311Requests)
        .where(eq(open311Requests.countyCode, '620602'))
    ).length;

  it('gets the first answer and makes one matter; another body with that key is refused', async () => {
    const before = await filed();
    const body = dispute({ description: '重试：排水沟堵塞，雨水倒灌。' });
    const first = await postKeyed(body, 'phone-outbox-0001');
    expect(first.statusCode, first.body).toBe(200);
    const again = await postKeyed(body, 'phone-outbox-0001');
    expect(again.statusCode).toBe(200);
    expect(again.json()[0].service_request_id).toBe(first.json()[0].service_request_id);
    expect(again.json()[0].token).toBe(first.json()[0].token);
    expect(await filed()).toBe(before + 1);

    const other = await postKeyed(dispute({ description: '另一件事：路灯不亮。' }), 'phone-outbox-0001');
    expect(other.statusCode).toBe(400);
    expect(other.json()[0].description).toContain('Idempotency-Key');
    expect(await filed()).toBe(before + 1);
    // Without a key each POST is a request of its own, as GeoReport v2 defines it.
    expect((await post(body)).statusCode).toBe(200);
    expect(await filed()).toBe(before + 2);
  });

  it('replays a refusal as the same Open311 error, and refuses a malformed key', async () => {
    const bad = dispute({ service_code: 'SVC-999' });
    const first = await postKeyed(bad, 'phone-outbox-0002');
    const again = await postKeyed(bad, 'phone-outbox-0002');
    expect(again.statusCode).toBe(first.statusCode);
    expect(again.json()).toEqual(first.json());
    expect((await postKeyed(dispute(), 'short')).statusCode).toBe(400);
  });
});
