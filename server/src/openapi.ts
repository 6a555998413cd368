/**
 * What the OpenAPI document adds to the routes' own schemas so that a client generator can use it,
 * derived here once instead of written into each route:
 * - an operationId from the method and the path (`POST /api/matters/:id/actions` →
 *   `postMattersByIdActions`): unique because method and path are, stable as long as the path is;
 * - the error responses every operation can give, all in the one error body (core/errors.ts), next to
 *   the ones a route declares itself; 415 where the operation takes a body (plugins/http-semantics);
 * - `servers`: the API is served from the same origin as the web app.
 * server/src/openapi.test.ts checks the result (unique ids, Chinese summaries, errors, no OpenAPI 3.0
 * `nullable` left in a 3.1 document).
 */
import { z } from 'zod';
import { errorBodySchema } from '../../core/errors';

const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/** `GET /api/matters/{id}` → `getMattersById`; the `/api` prefix is left out, Open311's is kept. */
export function operationIdOf(method: string, path: string): string {
  const parts = path
    .replace(/^\/api(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
    .map((seg) =>
      seg
        .split(/(\{[^}]+\}|:[A-Za-z0-9_]+)/)
        .filter(Boolean)
        .map((p) => (p.startsWith('{') || p.startsWith(':') ? `By${pascal(p)}` : pascal(p)))
        .join(''),
    );
  return `${method.toLowerCase()}${parts.join('')}`;
}

const errorRef = { $ref: '#/components/schemas/Error' };
/** Every operation: the caller's mistake, no session, no right, no such record, too many, our fault. */
const commonErrors: Record<string, string> = {
  400: '请求有误或内容不符合要求（details 列出字段）',
  401: '未登录、登录已超时或签名无效',
  403: '无权进行此操作',
  404: '未找到该记录，或无权查看',
  429: '调用过于频繁',
  500: '系统内部错误（附请求编号）',
};
const withBodyErrors: Record<string, string> = { 415: '请求内容不是 JSON（或该接口接受的其他格式）' };

const verbs = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface Operation {
  operationId?: string;
  summary?: string;
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

export function forClients<T extends object>(doc: T): T {
  const d = doc as T & {
    paths?: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, unknown> };
    servers?: unknown[];
  };
  d.servers = [{ url: '/', description: '本服务（与网页同源）' }];
  d.components ??= {};
  d.components.schemas ??= {};
  d.components.schemas.Error ??= z.toJSONSchema(errorBodySchema, { io: 'output' });
  for (const [path, ops] of Object.entries(d.paths ?? {})) {
    for (const [verb, op] of Object.entries(ops)) {
      if (!verbs.includes(verb)) continue;
      op.operationId ??= operationIdOf(verb, path);
      op.responses ??= {};
      // Open311 answers errors in its own format, which its routes declare themselves.
      if (path.startsWith('/open311/')) continue;
      const errors = op.requestBody ? { ...commonErrors, ...withBodyErrors } : commonErrors;
      for (const [status, description] of Object.entries(errors)) {
        op.responses[status] ??= { description, content: { 'application/json': { schema: errorRef } } };
      }
    }
  }
  return doc;
}
