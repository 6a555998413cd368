/**
 * Text PostgreSQL cannot store (NUL, lone surrogates) and malformed Origin headers are refused in
 * one place for every route, as 400 and 403 in the project's error body, never as 500
 * (docs/SECURITY.md G20, G22, G27; the findings of the template fuzzing).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, form, issueKey } from '../src/modules/open311/open311-test-helpers';
import { findBadText, INVALID_TEXT_MESSAGE } from '../src/plugins/input-guard';
import { orgByDivision } from './factories';
import { disputeBody } from './matter-steps';
import { createTestApp, type Session, type TestApp } from './test-app';

let t: TestApp;
let clerk: Session;
let villageId: string;

beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.login('village-clerk');
  villageId = (await orgByDivision(t, '620602001001')).id;
});
afterAll(() => t.close());

function expectInvalidText(res: { statusCode: number; json(): unknown }, path: (string | number)[]) {
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({
    code: 'VALIDATION_FAILED',
    message: INVALID_TEXT_MESSAGE,
    details: [{ path, message: '含有无法识别的字符' }],
    requestId: expect.any(String),
  });
}

describe('a NUL character', () => {
  it('in a JSON body field answers 400 naming the field, and nothing is registered', async () => {
    const res = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: disputeBody(villageId, { title: 'a\u0000b邻里纠纷' }),
    });
    expectInvalidText(res, ['body', 'title']);
  });

  it('deep in a body (a party’s name) names the whole path', async () => {
    const body = disputeBody(villageId);
    (body.parties[1] as { name: string }).name = '李\u0000';
    const res = await clerk.request({ method: 'POST', url: '/api/matters', payload: body });
    expectInvalidText(res, ['body', 'parties', 1, 'name']);
  });

  it('in a query string answers 400, not a database error', async () => {
    const leader = await t.login('leader');
    expectInvalidText(await leader.request({ method: 'GET', url: '/api/orgs?q=a%00b' }), [
      'querystring',
      'q',
    ]);
    expectInvalidText(await leader.request({ method: 'GET', url: '/api/mediators?q=%00' }), [
      'querystring',
      'q',
    ]);
  });

  it('in the login user name answers 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin\u0000', password: 'zongzhi-demo' },
    });
    expectInvalidText(res, ['body', 'username']);
  });

  it('in an Open311 form field or path answers 400 in the Open311 error format', async () => {
    const key = (await issueKey(t)).apiKey;
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: FORM,
      payload: form({
        api_key: key,
        service_code: 'SVC-03',
        phone: '13912345678',
        description: '排水沟\u0000堵塞',
      }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual([
      { code: 400, description: INVALID_TEXT_MESSAGE, error_code: 'validation_failed' },
    ]);
    const token = await t.app.inject({
      method: 'GET',
      url: '/open311/v2/tokens/%00.json?jurisdiction_id=620602',
    });
    expect(token.statusCode).toBe(400);
  });

  it('in a key of a body object is named without the character itself', async () => {
    const res = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: { ...disputeBody(villageId), 'x\u0000': 1 },
    });
    expectInvalidText(res, ['body', 'x\ufffd']);
  });
});

/** A multipart form: text fields first, then one small file, as the upload routes expect. */
function multipart(fields: Record<string, string>) {
  const b = '----zz-guard';
  const text = Object.entries(fields)
    .map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  const file = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="x.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
  return {
    payload: Buffer.concat([
      Buffer.from(text + file),
      Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  };
}

describe('a NUL in a multipart text field', () => {
  it('answers 400 naming the field on the residents’ upload (code, secret, phone before the photo)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/matters/attachments',
      ...multipart({
        code: '620602-2026-000001',
        secret: 'abcdefghijklmnopqrstuv\u0000wxyz',
        phone: '13912345678',
      }),
    });
    expectInvalidText(res, ['body', 'secret']);
  });

  it('answers 400 on the staff upload too, before anything is stored', async () => {
    const matter = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: disputeBody(villageId),
    });
    const res = await clerk.request({
      method: 'POST',
      url: `/api/matters/${matter.json().matter.id}/attachments`,
      ...multipart({ note: '现场\u0000照片' }),
    });
    expectInvalidText(res, ['body', 'note']);
  });
});

describe('a lone surrogate', () => {
  it('in a field report answers 400 and leaves its client id free for the corrected report', async () => {
    const gw = await t.login('town01-gw1');
    const report = {
      clientId: randomUUID(),
      madeAt: '2026-03-02T08:50:00+08:00',
      categoryCode: 'GRID-02',
      title: '巷道电线老化',
      description: '巷口电线杆上的线路老化外露\ud800，雨天有漏电危险。',
      place: { villageId, address: '某巷口' },
      parties: [{ role: 'applicant', name: '赵某', phone: '13800001111' }],
    };
    // JSON.stringify writes the lone surrogate as the escape \ud800, exactly as a phone would.
    const bad = await gw.request({
      method: 'POST',
      url: '/api/field/reports',
      payload: JSON.stringify(report),
      headers: { 'content-type': 'application/json' },
    });
    expectInvalidText(bad, ['body', 'description']);
    const fixed = { ...report, description: '巷口电线杆上的线路老化外露，雨天有漏电危险。' };
    const good = await gw.request({ method: 'POST', url: '/api/field/reports', payload: fixed });
    expect(good.statusCode, good.body).toBe(201);
  });

  it('a well-formed surrogate pair (an emoji, a rare character) is ordinary text', () => {
    expect(findBadText({ a: '😀𠮷', b: ['x\ud83d\ude00'] }, ['body'])).toEqual([]);
    expect(findBadText({ a: '\udc00\ud800' }, ['body'])).toEqual([['body', 'a']]);
  });
});

describe('bodies the checker must survive', () => {
  it('a deeply nested array is walked without recursion', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findBadText(deep, ['body'])).toHaveLength(1);
  });

  it('a deeply nested JSON body answers 400, not 500', async () => {
    const res = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    const poisoned = await clerk.request({
      method: 'POST',
      url: '/api/matters',
      payload: `${'['.repeat(100_000)}{"__proto__":{"x":"\\u0000"}}${']'.repeat(100_000)}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(poisoned.statusCode).toBe(400);
  });
});

describe('the Origin header on a write', () => {
  it('"null" (a sandboxed frame, a file:// page) answers 403 like a foreign origin', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'null' },
      payload: { username: 'admin', password: 'zongzhi-demo' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF_FAILED', message: expect.stringMatching(/来源校验失败/) });
  });

  it('unparsable answers 403 on every unsafe method, with a session too', async () => {
    for (const origin of ['http://[', '', '::::']) {
      const res = await clerk.request({ method: 'POST', url: '/api/auth/logout', headers: { origin } });
      expect(res.statusCode, origin).toBe(403);
    }
    expect((await clerk.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('of this very host lets the write through, and a read ignores the header', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host: 'zongzhi.example', origin: 'https://zongzhi.example' },
      payload: { username: 'admin', password: 'zongzhi-demo' },
    });
    expect(res.statusCode).toBe(200);
    const read = await t.app.inject({ method: 'GET', url: '/api/counties', headers: { origin: 'null' } });
    expect(read.statusCode).toBe(200);
  });
});
