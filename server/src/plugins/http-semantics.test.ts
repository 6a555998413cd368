/**
 * 405, 415 and Location over every operation of the OpenAPI document: a path asked with a method it
 * lacks answers 405 with exactly the document's methods in `Allow`; every operation that takes a JSON
 * body refuses another format with 415, before authentication or validation can answer otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgByDivision } from '../../test/factories';
import { createTestApp, type Session, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: Session;
let doc: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(() => t?.close());

const verbs = ['get', 'post', 'put', 'patch', 'delete'];
/** A concrete path for a templated one: `{id}` → a UUID, `{format}` → json. */
const concrete = (path: string) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    name === 'format'
      ? 'json'
      : name.toLowerCase().includes('code')
        ? '620602'
        : '00000000-0000-4000-8000-000000000000',
  );

describe('HTTP semantics over the OpenAPI document', () => {
  it('has operations to check', () => {
    expect(Object.keys(doc.paths).length).toBeGreaterThan(50);
  });

  it('answers a method a path lacks with 405 and the methods it has in Allow', async () => {
    // The methods the document has at a concrete path, over every templated path matching it
    // (PATCH /api/orgs/tree is routed to PATCH /api/orgs/{id}, as the router does).
    const templates = Object.entries(doc.paths).map(([p, ops]) => ({
      pattern: new RegExp(`^${p.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      verbs: verbs.filter((v) => v in ops),
    }));
    const wrong: string[] = [];
    let checked = 0;
    for (const path of Object.keys(doc.paths)) {
      const url = concrete(path);
      const has = [...new Set(templates.filter((x) => x.pattern.test(url)).flatMap((x) => x.verbs))];
      const missing = verbs.find((v) => !has.includes(v));
      if (!missing) continue;
      checked++;
      const res = await admin.request({ method: missing.toUpperCase() as 'GET', url });
      const allow = (res.headers.allow as string | undefined)?.split(', ') ?? [];
      const expected = [...has.map((v) => v.toUpperCase()), ...(has.includes('get') ? ['HEAD'] : [])].sort();
      if (res.statusCode !== 405 || JSON.stringify(allow) !== JSON.stringify(expected)) {
        wrong.push(
          `${missing.toUpperCase()} ${path}: ${res.statusCode} Allow=${allow.join(',')} (want ${expected})`,
        );
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });

  it('answers 405 in the one error body', async () => {
    const res = await admin.request({ method: 'DELETE', url: '/api/matters' });
    expect(res.statusCode).toBe(405);
    expect(res.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED', requestId: expect.any(String) });
  });

  it('refuses a body that is not JSON with 415 on every operation that takes JSON', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [verb, op] of Object.entries(ops)) {
        const types = Object.keys(op.requestBody?.content ?? {});
        if (!types.includes('application/json')) continue;
        checked++;
        const res = await admin.request({
          method: verb.toUpperCase() as 'POST',
          url: concrete(path),
          headers: { 'content-type': 'text/plain' },
          payload: 'name=x',
        });
        // Open311 answers in its own error format (open311-errors.ts), the rest in the one error body.
        const code = path.startsWith('/open311/') ? 'unsupported_media_type' : 'UNSUPPORTED_MEDIA_TYPE';
        const body = res.json();
        if (res.statusCode !== 415 || (Array.isArray(body) ? body[0]?.error_code : body.code) !== code) {
          wrong.push(`${verb.toUpperCase()} ${path}: ${res.statusCode}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });

  it('says where a created resource is (Location on 201)', async () => {
    const town = await orgByDivision(t, '620602001');
    const sys = await t.login('sysadmin');
    const res = await sys.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'loc-test-user',
        displayName: '位置测试',
        orgId: town.id,
        roles: ['clerk'],
        password: 'first-password-1',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.location).toBe(`/api/users/${res.json().id}`);
    const read = await sys.request({ method: 'GET', url: res.headers.location as string });
    expect(read.statusCode).toBe(200);
  });
});
