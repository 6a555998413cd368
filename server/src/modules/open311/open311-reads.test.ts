/**
 * Open311 conformance, part 2: GET requests (filters, defaults, privacy), requests/{id}, tokens,
 * servicerequestupdates GET and POST (following a matter from intake to its answer).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from '../../../test/matter-steps';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { events } from '../../db/schema';
import {
  expectOpen311Error,
  FORM,
  form,
  isoWithZone,
  issueKey,
  pointInVillage,
  requestRecordKeys,
} from './open311-test-helpers';

let t: TestApp;
let key: string;
let otherKey: string;
let point: Awaited<ReturnType<typeof pointInVillage>>;
let dispute: { service_request_id: string; token: string };
let petition: { service_request_id: string };

const get = (url: string) => t.app.inject({ method: 'GET', url });
const post = (url: string, fields: Record<string, string | string[] | undefined>) =>
  t.app.inject({ method: 'POST', url, headers: FORM, payload: form(fields) });

async function file(fields: Record<string, string | undefined>, apiKey = key) {
  const res = await post('/open311/v2/requests.json', {
    api_key: apiKey,
    lat: String(point.lat),
    long: String(point.lng),
    phone: '13912345678',
    last_name: '王',
    first_name: '小二',
    email: 'wang@example.org',
    description: '邻居家排水沟堵塞，雨水倒灌进院子。',
    ...fields,
  });
  if (res.statusCode !== 200) throw new Error(`file: ${res.statusCode} ${res.body}`);
  return (res.json() as { service_request_id: string; token: string }[])[0]!;
}

beforeAll(async () => {
  t = await createTestApp();
  key = (await issueKey(t)).apiKey;
  otherKey = (await issueKey(t, { name: '随手拍' })).apiKey;
  point = await pointInVillage(t, '620602001001');
  dispute = await file({ service_code: 'SVC-03', 'attribute[category]': 'MED-02' });
  petition = await file({ service_code: 'SVC-02', description: '建议在村口增设路灯，方便夜间出行。' });
});
afterAll(async () => t?.close());

describe('GET requests', () => {
  it('lists with exactly the spec fields and no personal data; places of disputes are rounded', async () => {
    const res = await get('/open311/v2/requests.json');
    expect(res.statusCode).toBe(200);
    const list = res.json() as Record<string, unknown>[];
    const r = list.find((x) => x.service_request_id === dispute.service_request_id)!;
    expect(Object.keys(r).sort()).toEqual(requestRecordKeys);
    expect(r).toMatchObject({ status: 'open', service_code: 'SVC-03', extended_status: 'FOR_TRIAGE' });
    expect(r.agency_responsible).toBe(point.village.centerName ?? point.village.name);
    for (const f of ['requested_datetime', 'updated_datetime', 'expected_datetime'])
      expect(r[f]).toMatch(isoWithZone);
    expect(r.lat).toBe(Math.round(point.lat * 100) / 100);
    expect(r.address).toBeNull();
    for (const secret of ['13912345678', '王小二', 'wang@example.org', '小二'])
      expect(res.body).not.toContain(secret);
  });

  it('never publishes petitions; their own client reads the status but not the words', async () => {
    const list = (await get('/open311/v2/requests.json')).json() as { service_request_id: string }[];
    expect(list.map((x) => x.service_request_id)).not.toContain(petition.service_request_id);
    expectOpen311Error(
      await get(`/open311/v2/requests/${petition.service_request_id}.json`),
      404,
      'unknown_request',
    );
    expectOpen311Error(
      await get(`/open311/v2/requests/${petition.service_request_id}.json?api_key=${otherKey}`),
      404,
      'unknown_request',
    );
    const own = await get(`/open311/v2/requests/${petition.service_request_id}.json?api_key=${key}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()[0]).toMatchObject({ service_code: 'SVC-02', description: null, status: 'open' });
    expect(own.body).not.toContain('路灯');
  });

  it('filters by status, service and dates, within 90 days; ids override the other filters', async () => {
    const closed = (await get('/open311/v2/requests.json?status=closed')).json() as unknown[];
    expect(closed).toEqual([]);
    const open = (await get('/open311/v2/requests.json?status=open,closed')).json() as unknown[];
    expect(open.length).toBeGreaterThan(0);
    expect((await get('/open311/v2/requests.json?service_code=SVC-04')).json()).toEqual([]);
    expectOpen311Error(await get('/open311/v2/requests.json?service_code=NOPE'), 404, 'unknown_service');
    expectOpen311Error(await get('/open311/v2/requests.json?status=pending'), 400, 'invalid_field');
    expectOpen311Error(
      await get('/open311/v2/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2026-03-02T00:00:00Z'),
      400,
      'invalid_field',
    );
    expectOpen311Error(
      await get('/open311/v2/requests.json?start_date=2026-03-02T00:00:00Z&end_date=2026-03-01T00:00:00Z'),
      400,
      'invalid_field',
    );
    expectOpen311Error(await get('/open311/v2/requests.json?start_date=yesterday'), 400, 'invalid_field');
    const early = (await get('/open311/v2/requests.json?end_date=2026-03-01T00:00:00%2B08:00')).json();
    expect(early).toEqual([]);
    const byId = (
      await get(
        `/open311/v2/requests.json?status=closed&service_request_id=${dispute.service_request_id},620602-2026-999999`,
      )
    ).json() as { service_request_id: string }[];
    expect(byId.map((x) => x.service_request_id)).toEqual([dispute.service_request_id]);
  });

  it('defaults to the last 90 days', async () => {
    t.clock.advanceMinutes(91 * 24 * 60);
    try {
      const list = (await get('/open311/v2/requests.json')).json() as { service_request_id: string }[];
      expect(list.map((x) => x.service_request_id)).not.toContain(dispute.service_request_id);
      expect((await get(`/open311/v2/requests/${dispute.service_request_id}.json`)).statusCode).toBe(200);
    } finally {
      t.clock.advanceMinutes(-91 * 24 * 60);
    }
  });

  it('one request: an array of one record; unknown ids 404; XML too', async () => {
    const one = await get(`/open311/v2/requests/${dispute.service_request_id}.json`);
    expect(one.json()).toHaveLength(1);
    expectOpen311Error(await get('/open311/v2/requests/620602-2026-999999.json'), 404, 'unknown_request');
    const xml = await get(`/open311/v2/requests/${dispute.service_request_id}.xml`);
    expect(xml.body).toContain(
      `<service_requests><request><service_request_id>${dispute.service_request_id}`,
    );
    const err = await get('/open311/v2/requests/620602-2026-999999.xml');
    expect(err.statusCode).toBe(404);
    expect(err.body).toMatch(/<errors><error><code>404<\/code><description>.+<\/description>/);
  });

  it('resolves a token to its request id', async () => {
    const res = await get(`/open311/v2/tokens/${dispute.token}.json`);
    expect(res.json()).toEqual([{ service_request_id: dispute.service_request_id, token: dispute.token }]);
    expectOpen311Error(await get('/open311/v2/tokens/nope.json'), 404, 'unknown_token');
  });
});

describe('servicerequestupdates', () => {
  it('gives the lifecycle steps as extended statuses, with our status as external_status_code', async () => {
    const clerk = await t.login('village-clerk');
    const queue = (await clerk.request({ method: 'GET', url: '/api/matters?pageSize=200' })).json() as {
      items: { id: string; code: string }[];
    };
    const m = queue.items.find((i) => i.code === dispute.service_request_id)!;
    await act(clerk, m.id, { action: 'accept' });
    const res = await get(`/open311/v2/servicerequestupdates.json?api_key=${otherKey}`);
    expect(res.statusCode).toBe(200);
    const ups = (res.json() as { service_requests_updates: Record<string, string>[] })
      .service_requests_updates;
    const mine = ups.filter((u) => u.service_request_id === dispute.service_request_id);
    expect(mine.map((u) => [u.status, u.external_status_code])).toEqual([
      ['FOR_TRIAGE', 'registered'],
      ['IN_PROGRESS', 'handling'],
    ]);
    for (const u of mine) {
      expect(Object.keys(u).sort()).toEqual([
        'description',
        'external_status_code',
        'media_url',
        'service_request_id',
        'status',
        'update_id',
        'updated_datetime',
      ]);
      expect(u.updated_datetime).toMatch(isoWithZone);
    }
    expect(
      ups.map((u) => u.service_request_id),
      'petitions of another client',
    ).not.toContain(petition.service_request_id);
    const record = (await get(`/open311/v2/requests/${dispute.service_request_id}.json`)).json()[0];
    expect(record).toMatchObject({ status: 'open', extended_status: 'IN_PROGRESS', status_notes: '办理中' });
    const xml = await get(`/open311/v2/servicerequestupdates.xml?api_key=${key}`);
    expect(xml.body).toContain('<service_requests_updates><request_update><update_id>');

    // Answered: the request is closed (FIXED), at the time it was answered.
    t.clock.advanceMinutes(30);
    await act(clerk, m.id, { action: 'answer', reason: '已协调邻居清理排水沟。' });
    const after = (await get(`/open311/v2/servicerequestupdates.json?api_key=${key}`)).json() as {
      service_requests_updates: Record<string, string>[];
    };
    const last = after.service_requests_updates
      .filter((u) => u.service_request_id === dispute.service_request_id)
      .at(-1)!;
    expect(last).toMatchObject({ status: 'FIXED', external_status_code: 'answered' });
    expect(last.description, 'the answer text stays inside').not.toContain('已协调邻居');
    const closed = (await get('/open311/v2/requests.json?status=closed')).json() as Record<string, unknown>[];
    expect(closed.map((r) => r.service_request_id)).toEqual([dispute.service_request_id]);
    expect(closed[0]).toMatchObject({
      status: 'closed',
      extended_status: 'FIXED',
      updated_datetime: '2026-03-02T09:35:00+08:00',
    });
  });

  it('needs a valid key and a range of at most 90 days', async () => {
    expectOpen311Error(await get('/open311/v2/servicerequestupdates.json'), 400, 'missing_field');
    expectOpen311Error(
      await get('/open311/v2/servicerequestupdates.json?api_key=wrong'),
      403,
      'invalid_api_key',
    );
    expectOpen311Error(
      await get(`/open311/v2/servicerequestupdates.json?api_key=${key}&start_date=2025-01-01T00:00:00Z`),
      400,
      'invalid_field',
    );
  });

  it('takes the requester’s further word from the filing client, once per update_id', async () => {
    const body = {
      api_key: key,
      service_request_id: dispute.service_request_id,
      update_id: 'fms-9001',
      updated_datetime: '2026-03-02T10:00:00+08:00',
      status: 'OPEN',
      description: '水又倒灌了一次，请尽快处理。',
      first_name: '小二',
      last_name: '王',
    };
    const res = await post('/open311/v2/servicerequestupdates.json', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([{ update_id: expect.stringMatching(/^\d+$/) }]);
    const ev = await t.database.db
      .select()
      .from(events)
      .where(and(eq(events.action, 'open311.update_received')));
    expect(ev).toHaveLength(1);
    expect(ev[0]!.reason).toBe('水又倒灌了一次，请尽快处理。');
    expectOpen311Error(await post('/open311/v2/servicerequestupdates.json', body), 400, 'already_exists');
    expectOpen311Error(
      await post('/open311/v2/servicerequestupdates.json', { ...body, api_key: otherKey, update_id: 'x1' }),
      404,
      'unknown_request',
    );
    expectOpen311Error(
      await post('/open311/v2/servicerequestupdates.json', { ...body, update_id: 'x2', status: 'DONE' }),
      400,
      'invalid_field',
    );
    expectOpen311Error(
      await post('/open311/v2/servicerequestupdates.json', { ...body, update_id: undefined }),
      400,
      'missing_field',
    );
    expectOpen311Error(
      await post('/open311/v2/servicerequestupdates.json', {
        ...body,
        update_id: 'x3',
        service_request_id: '620602-2026-999999',
      }),
      404,
      'unknown_request',
    );
    const xml = await post('/open311/v2/servicerequestupdates.xml', { ...body, update_id: 'fms-9002' });
    expect(xml.body).toMatch(/<service_request_updates><request_update><update_id>\d+<\/update_id>/);
  });
});
