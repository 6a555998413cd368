/**
 * Request builders of the jurisdiction matrix for Open311 (public, api_key instead of a session) and
 * for the administration of its keys (the system administrator, county-wide). Kept beside the matrix
 * test so that file stays about the matrix itself.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { ActorName, Relation } from './jurisdiction-matrix.table';
import type { Session } from './test-app';

type Response = LightMyRequestResponse;
interface Probe {
  send: () => Promise<Response>;
  snapshot?: () => Promise<string>;
  mutates?: boolean;
  check?: (res: Response) => Promise<void> | void;
}
type Builder = (a: ActorName, rel: Relation | null) => Promise<Probe>;

export interface MatrixHooks {
  sendAs: (a: ActorName, opts: InjectOptions) => Promise<Response>;
  sysadmin: () => Session;
  digest: (...queries: SQL[]) => Promise<string>;
  /** A point inside 南苑社区 (620602001001). */
  point: () => { lng: number; lat: number };
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const J = 'jurisdiction_id=620602';

export function open311Builders(h: MatrixHooks): Record<string, Builder> {
  let key: string | undefined;
  let filed: { service_request_id: string; token: string } | undefined;
  let seq = 0;

  /** One key for all cells, issued by the system administrator, with room for every cell. */
  async function apiKey(): Promise<string> {
    if (key) return key;
    const res = await h.sysadmin().request({
      method: 'POST',
      url: '/api/open311/clients',
      payload: { name: '矩阵客户端', rateLimitPerMinute: 600 },
    });
    key = (res.json() as { apiKey: string }).apiKey;
    return key;
  }

  function requestForm(k: string): string {
    const p = h.point();
    return new URLSearchParams({
      api_key: k,
      jurisdiction_id: '620602',
      service_code: 'SVC-03',
      'attribute[category]': 'MED-02',
      lat: String(p.lat),
      long: String(p.lng),
      phone: '13912345678',
      description: '邻居家排水沟堵塞，雨水倒灌进院子。',
    }).toString();
  }

  async function fixture() {
    if (filed) return filed;
    const res = await h.sendAs('anonymous', {
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM,
      payload: requestForm(await apiKey()),
    });
    filed = (res.json() as { service_request_id: string; token: string }[])[0]!;
    return filed;
  }

  const read =
    (url: () => Promise<string>): Builder =>
    async (a) => {
      const u = await url();
      return { send: () => h.sendAs(a, { method: 'GET', url: u }) };
    };

  const clientsDigest = () => h.digest(sql`select id, revoked_at from open311_clients`);

  return {
    'GET /open311/v2/discovery.:format': read(async () => '/open311/v2/discovery.json'),
    'GET /open311/v2/services.:format': read(async () => `/open311/v2/services.json?${J}`),
    'GET /open311/v2/services/:code.:format': read(async () => `/open311/v2/services/SVC-03.json?${J}`),
    'GET /open311/v2/requests.:format': read(async () => `/open311/v2/requests.json?${J}`),
    'GET /open311/v2/requests/:id.:format': read(
      async () => `/open311/v2/requests/${(await fixture()).service_request_id}.json?${J}`,
    ),
    'GET /open311/v2/tokens/:id.:format': read(
      async () => `/open311/v2/tokens/${(await fixture()).token}.json?${J}`,
    ),
    'GET /open311/v2/servicerequestupdates.:format': read(
      async () => `/open311/v2/servicerequestupdates.json?${J}&api_key=${await apiKey()}`,
    ),
    // Anyone's session is ignored: the key is what files the matter.
    'POST /open311/v2/requests.:format': async (a) => {
      const payload = requestForm(await apiKey());
      return {
        send: () => h.sendAs(a, { method: 'POST', url: '/open311/v2/requests.json', headers: FORM, payload }),
        snapshot: () => h.digest(sql`select id, status, version from matters`),
        mutates: true,
        check: (res) => expect(res.json()[0].service_request_id).toMatch(/^620602-\d{4}-\d{6}$/),
      };
    },
    'POST /open311/v2/servicerequestupdates.:format': async (a) => {
      const f = await fixture();
      const payload = new URLSearchParams({
        api_key: await apiKey(),
        jurisdiction_id: '620602',
        service_request_id: f.service_request_id,
        update_id: `matrix-${++seq}`,
        updated_datetime: '2026-03-02T10:00:00+08:00',
        status: 'OPEN',
        description: '补充说明',
      }).toString();
      return {
        send: () =>
          h.sendAs(a, {
            method: 'POST',
            url: '/open311/v2/servicerequestupdates.json',
            headers: FORM,
            payload,
          }),
        snapshot: () => h.digest(sql`select id from open311_updates`),
        mutates: true,
      };
    },

    'GET /api/open311/clients': async (a) => ({
      send: () => h.sendAs(a, { method: 'GET', url: '/api/open311/clients' }),
      // The list never carries a key, only its prefix.
      check: (res) => expect(res.body).not.toContain('apiKey'),
    }),
    'POST /api/open311/clients': async (a) => ({
      send: () =>
        h.sendAs(a, { method: 'POST', url: '/api/open311/clients', payload: { name: `矩阵${++seq}` } }),
      snapshot: clientsDigest,
      mutates: true,
      check: (res) => expect(res.json().apiKey).toMatch(/^o311_/),
    }),
    'POST /api/open311/clients/:id/revoke': async (a) => {
      const res = await h.sysadmin().request({
        method: 'POST',
        url: '/api/open311/clients',
        payload: { name: `待吊销${++seq}` },
      });
      const id = (res.json() as { client: { id: string } }).client.id;
      return {
        send: () => h.sendAs(a, { method: 'POST', url: `/api/open311/clients/${id}/revoke` }),
        snapshot: () => h.digest(sql`select id, revoked_at from open311_clients where id = ${id}`),
        mutates: true,
        check: (r) => expect(r.json()).toMatchObject({ id, active: false }),
      };
    },
  };
}
