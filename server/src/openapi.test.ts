/**
 * The OpenAPI document is one a client generator can use (server/src/openapi.ts): every operation has
 * a unique operationId and a Chinese summary, its error responses in the one error body, `servers`;
 * a 3.1 document without OpenAPI 3.0's `nullable`; every $ref resolves and every response has the
 * description OpenAPI requires. This test is CI's lint of the document (.ci/run runs it by name).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app';
import { operationIdOf } from './openapi';

let t: TestApp;
type Op = {
  operationId?: string;
  summary?: string;
  requestBody?: unknown;
  responses?: Record<string, { description?: string }>;
};
let doc: {
  openapi: string;
  servers?: unknown[];
  paths: Record<string, Record<string, Op>>;
  components?: Record<string, Record<string, unknown>>;
};
const verbs = ['get', 'put', 'post', 'delete', 'patch'];
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([v]) => verbs.includes(v))
      .map(([verb, op]) => ({ path, verb, op })),
  );

beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(() => t?.close());

function walk(node: unknown, at: string, visit: (key: string, value: unknown, at: string) => void) {
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    visit(k, v, `${at}/${k}`);
    walk(v, `${at}/${k}`, visit);
  }
}

describe('the OpenAPI document', () => {
  it('derives operation ids from method and path', () => {
    expect(operationIdOf('get', '/api/matters/{id}')).toBe('getMattersById');
    expect(operationIdOf('post', '/api/matters/{id}/actions')).toBe('postMattersByIdActions');
    expect(operationIdOf('get', '/open311/v2/requests.{format}')).toBe('getOpen311V2RequestsByFormat');
  });

  it('is OpenAPI 3.1 with servers', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.servers?.length).toBeGreaterThan(0);
  });

  it('gives every operation a unique operationId and a Chinese summary', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.filter((id) => !id || !/^[a-z][A-Za-z0-9]+$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const noSummary = ops
      .filter((o) => !/[\u4e00-\u9fff]/.test(o.op.summary ?? ''))
      .map((o) => `${o.verb} ${o.path}`);
    expect(noSummary).toEqual([]);
  });

  it('lists the error responses of every operation, in the one error body', () => {
    const missing = operations()
      .filter((o) => !o.path.startsWith('/open311/'))
      .filter((o) => !['400', '401', '403', '404', '500'].every((s) => o.op.responses?.[s]))
      .map((o) => `${o.verb} ${o.path}`);
    expect(missing).toEqual([]);
    expect(doc.components?.schemas?.Error).toBeTruthy();
    const withBody = operations().filter((o) => o.op.requestBody && !o.path.startsWith('/open311/'));
    expect(withBody.filter((o) => !o.op.responses?.['415'])).toEqual([]);
  });

  it('has a description on every response, no `nullable`, and every $ref resolves', () => {
    const problems: string[] = [];
    for (const o of operations()) {
      for (const [status, r] of Object.entries(o.op.responses ?? {})) {
        if (!r.description) problems.push(`${o.verb} ${o.path} ${status}: no description`);
      }
    }
    walk(doc, '#', (key, value, at) => {
      if (key === 'nullable') problems.push(`${at}: nullable (OpenAPI 3.0) in a 3.1 document`);
      if (key === '$ref' && typeof value === 'string') {
        const target = value
          .slice(2)
          .split('/')
          .reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], doc);
        if (target === undefined) problems.push(`${at}: ${value} does not resolve`);
      }
    });
    expect(problems).toEqual([]);
  });
});
