/**
 * docs/SECURITY.md G4, G6: canary identities (a name, mobile and ID number found nowhere else),
 * typed into a matter's party fields and into its free text, must not be readable unmasked by any
 * role without the unmask right: on every GET of the API (PDFs read as text), in Open311's public
 * requests.json, on the public tracking page, in notifications, or in the server log. The owning
 * clerk's audited unmasked read shows them (so the scan can fail).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, form, issueKey, pointInVillage } from '../src/modules/open311/open311-test-helpers';
import { errForLog } from '../src/plugins/log-redaction';
import { orgByDivision } from './factories';
import { pdfPages } from './pdf-text';
import { createTestApp, type Session, type TestApp } from './test-app';

const NAME = '柯梓涵';
const PHONE = '13987650421';
const ID = '62060219781203471X';
const OTHER = '闵若曦';
const OTHER_PHONE = '15876540312';
/** The raw canaries, and the phone with separators a clerk might type. */
const hitsIn = (text: string) =>
  [NAME, PHONE, ID, ID.toLowerCase(), OTHER, OTHER_PHONE, '139 8765 0421', '139-8765-0421'].filter((c) =>
    text.includes(c),
  );

const accounts = [
  'admin',
  'sysadmin',
  'secadmin',
  'auditor',
  'leader',
  'town01-leader',
  'village-clerk',
  'town01-gw1',
  'liaison',
  'mediator',
  'resident',
] as const;

const logLines: string[] = [];
let t: TestApp;
let clerk: Session;
let matterId: string;
let open311Code: string;
let open311Secret: string;

beforeAll(async () => {
  t = await createTestApp({}, { log: { write: (line) => logLines.push(line) } });
  clerk = await t.login('village-clerk');
  const village = await orgByDivision(t, '620602001001');
  const res = await clerk.request({
    method: 'POST',
    url: '/api/matters',
    payload: {
      kind: 'dispute',
      channel: 'walk_in',
      categoryCode: 'MED-02',
      title: `${NAME}与${OTHER}院墙纠纷`,
      description: `反映人${NAME}（身份证${ID}，电话${PHONE}，也可打139-8765-0421）称：邻居${OTHER}（${OTHER_PHONE}）家院墙漏水。`,
      place: { villageId: village.id, address: '某巷 3 号' },
      parties: [
        { role: 'applicant', name: NAME, phone: PHONE, idNumber: ID },
        { role: 'respondent', name: OTHER, phone: OTHER_PHONE },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  matterId = res.json().matter.id;
  const accepted = await clerk.request({
    method: 'POST',
    url: `/api/matters/${matterId}/actions`,
    payload: { action: 'accept', reason: `已电话联系${NAME}（${PHONE}）` },
  });
  expect(accepted.statusCode, accepted.body).toBe(200);

  // The same words through Open311, whose requests.json anyone may read.
  const key = (await issueKey(t)).apiKey;
  const point = await pointInVillage(t, '620602001001');
  const filed = await t.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: FORM,
    payload: form({
      api_key: key,
      service_code: 'SVC-03',
      lat: String(point.lat),
      long: String(point.lng),
      first_name: '梓涵',
      last_name: '柯',
      phone: PHONE,
      description: `我是${NAME}，电话${PHONE}，身份证${ID}，邻居家排水沟堵塞。`,
      'attribute[category]': 'MED-02',
    }),
  });
  expect(filed.statusCode, filed.body).toBe(200);
  open311Code = filed.json()[0].service_request_id;
  open311Secret = filed.json()[0].tracking_secret;
  // Staff who search by a typed number: the old way (a query string) and the new one (a body).
  await clerk.request({ method: 'GET', url: `/api/matters?q=${PHONE}` });
  await clerk.request({ method: 'POST', url: '/api/matters/identity-search', payload: { term: ID } });
});
afterAll(() => t?.close());

/** Every GET of the OpenAPI document whose path parameters this matter fills. */
async function getUrls(): Promise<string[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const detail = (await clerk.request({ method: 'GET', url: `/api/matters/${matterId}` })).json() as {
    notices: { id: string }[];
  };
  const fill: Record<string, string> = { id: matterId, noticeId: detail.notices[0]?.id ?? '' };
  const urls: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!('get' in ops) || !path.startsWith('/api/')) continue;
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    if (params.some((p) => !fill[p])) continue;
    urls.push(path.replace(/\{(\w+)\}/g, (_, p: string) => fill[p]!));
  }
  return urls;
}

async function bodyText(res: { headers: Record<string, unknown>; rawPayload: Buffer; body: string }) {
  return String(res.headers['content-type'] ?? '').includes('pdf')
    ? (await pdfPages(res.rawPayload)).join('\n')
    : res.body;
}

describe('canary scan (G4)', () => {
  it('the owning clerk’s audited unmasked read shows the canaries (the scan can see them)', async () => {
    const res = await clerk.request({ method: 'GET', url: `/api/matters/${matterId}?unmask=true` });
    expect(hitsIn(res.body)).toEqual(expect.arrayContaining([NAME, PHONE, ID, OTHER, OTHER_PHONE]));
  });

  it('no role sees a canary unmasked on any GET of the API, PDFs included, without the unmasked read', async () => {
    const urls = await getUrls();
    expect(urls).toContain(`/api/matters/${matterId}`);
    expect(urls.length).toBeGreaterThan(40);
    const found: string[] = [];
    let read = 0;
    for (const a of accounts) {
      const s = await t.login(a);
      for (const url of urls) {
        const res = await s.request({ method: 'GET', url });
        if (res.statusCode === 200) read++;
        const hits = hitsIn(await bodyText(res));
        if (hits.length) found.push(`${a} GET ${url}: ${hits.join(', ')}`);
      }
    }
    // Not vacuous: the matter's own pages were read, by the roles that see it.
    expect(read).toBeGreaterThan(100);
    // The one exception: the notices the owning clerk (who holds the unmask right) serves on the party
    // name the party in full; printing one is recorded. Every other reader gets them masked.
    const serving = (f: string) => f.startsWith('village-clerk ') && f.includes('/notices/');
    expect(found.filter(serving).length).toBeGreaterThan(0);
    expect(found.filter((f) => !serving(f)).join('\n')).toBe('');
  });

  it('the grid worker of the village reads the matter, masked, and may not unmask it', async () => {
    const gw = await t.login('town01-gw1');
    const res = await gw.request({ method: 'GET', url: `/api/matters/${matterId}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().description).toContain('柯**');
    expect(res.json().viewerMayUnmask).toBe(false);
    const unmask = await gw.request({ method: 'GET', url: `/api/matters/${matterId}?unmask=true` });
    expect(unmask.statusCode).toBe(403);
  });

  it('Open311’s public requests.json and the public tracking page carry no canary', async () => {
    const feed = await t.app.inject({
      method: 'GET',
      url: `/open311/v2/requests.json?jurisdiction_id=620602&service_request_id=${open311Code}`,
    });
    expect(feed.statusCode).toBe(200);
    expect(feed.json()[0].description).toContain('柯**');
    expect(hitsIn(feed.body)).toEqual([]);
    const track = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/track',
      payload: { code: open311Code, secret: open311Secret, phone: PHONE },
    });
    expect(track.statusCode, track.body).toBe(200);
    expect(hitsIn(track.body)).toEqual([]);
  });

  it('notifications (outbox texts and in-app messages) carry no canary', async () => {
    const rows = (await t.database.db.execute(
      sql`select template, params::text as params from notification_outbox
          union all select title, body from in_app_messages`,
    )) as unknown as { rows: { template: string; params: string }[] };
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(rows.rows.flatMap((r) => hitsIn(`${r.template} ${r.params}`))).toEqual([]);
  });

  it('the server log keeps no canary: query strings are cut and database errors lose their parameters', async () => {
    const log = logLines.join('\n');
    expect(log).toContain('/api/matters?q=[redacted]');
    // A real failed query with the canaries as parameters, as the error handler would log it.
    const err = await t.database.db
      .execute(sql`select ${PHONE}::int, ${NAME}::int, ${ID}::int`)
      .then(() => null)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(hitsIn(JSON.stringify(err, Object.getOwnPropertyNames(err)))).not.toEqual([]);
    expect(hitsIn(JSON.stringify(errForLog(err)))).toEqual([]);
    expect(hitsIn(log)).toEqual([]);
  });
});
