/**
 * Open311 GeoReport v2 under /open311/v2 (docs/OPEN311.md): `.json` or `.xml` on every resource.
 * These routes take no session and no CSRF token (the auth plugin skips them, see apiKeyAuth):
 * writes prove the client with `api_key`, and a cookie sent along is ignored, never acted on.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  open311DiscoverySchema,
  open311ErrorSchema,
  open311FormatParams,
  open311JurisdictionQuery,
  open311PostRequestBody,
  open311PostRequestResponse,
  open311PostUpdateBody,
  open311PostUpdateResponse,
  open311RequestIdParams,
  open311RequestSchema,
  open311RequestsQuery,
  open311ServiceDefinitionSchema,
  open311ServiceSchema,
  open311TokenParams,
  open311TokenResponse,
  open311UpdatesQuery,
  open311UpdatesResponse,
} from '../../../../core/contracts/open311';
import { AppError } from '../../../../core/errors';
import type { Deps } from '../../context';
import { wrongMethod } from '../../plugins/http-semantics';
import * as service from './open311.service';
import { open311ErrorHandler, sendOpen311 } from './open311-errors';
import * as updates from './open311-updates.service';

/** When this implementation's contract last changed (discovery `changeset`). */
const CHANGESET = '2026-11-28T00:00:00Z';
const errors = { 400: open311ErrorSchema, 403: open311ErrorSchema, 404: open311ErrorSchema };
const formBody = 'application/x-www-form-urlencoded';

/** A form body as an object; a repeated name becomes an array (attribute[code][] and mistakes alike). */
function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export async function open311Routes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), apiKeyAuth: true } as typeof route.config;
  });
  // Only forms and JSON: anything else is 415, not a string that fails validation further on.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(formBody, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, parseForm(body as string));
  });
  app.setErrorHandler(open311ErrorHandler);
  app.setNotFoundHandler((req, reply) => {
    // A known path asked with another method: 405 with Allow (plugins/http-semantics), in Open311's body.
    const allow = wrongMethod(app, req);
    if (allow) {
      reply.header('allow', allow.join(', '));
      return open311ErrorHandler(new AppError('METHOD_NOT_ALLOWED') as never, req, reply);
    }
    return open311ErrorHandler(
      Object.assign(new Error('not found'), { statusCode: 404 }) as never,
      req,
      reply,
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['open311'];
  const readLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } };
  // Writes are limited per key in the service; this only stops a flood of keyless or bad-key posts.
  const writeLimit = { rateLimit: { max: 600, timeWindow: '1 minute' } };
  const xml = (format: string) => format === 'xml';

  r.get(
    '/discovery.:format',
    {
      config: readLimit,
      schema: {
        tags,
        summary: 'Open311 服务发现',
        params: open311FormatParams,
        response: { 200: open311DiscoverySchema, ...errors },
      },
    },
    async (req, reply) => {
      const base = `${req.protocol}://${req.host}/open311/v2/`;
      return sendOpen311(reply, xml(req.params.format), 'discovery', {
        changeset: CHANGESET,
        contact: '本县（区）综治中心系统管理员',
        key_service: '提交请求需要 api_key，由本县（区）综治中心系统管理员在“接入密钥”页面签发。',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: base,
            changeset: CHANGESET,
            type: 'production' as const,
            formats: ['application/json', 'text/xml'],
          },
        ],
      });
    },
  );

  r.get(
    '/services.:format',
    {
      config: readLimit,
      schema: {
        tags,
        summary: 'Open311 服务列表（服务事项目录中对外公开的事项）',
        params: open311FormatParams,
        querystring: open311JurisdictionQuery,
        response: { 200: z.array(open311ServiceSchema), ...errors },
      },
    },
    async (req, reply) =>
      sendOpen311(
        reply,
        xml(req.params.format),
        'services',
        await service.listServices(deps, req.query.jurisdiction_id),
      ),
  );

  r.get(
    '/services/:code.:format',
    {
      config: readLimit,
      schema: {
        tags,
        summary: 'Open311 服务定义（属性、材料清单）',
        params: open311FormatParams.extend({ code: z.string().max(40) }),
        querystring: open311JurisdictionQuery,
        response: { 200: open311ServiceDefinitionSchema, ...errors },
      },
    },
    async (req, reply) =>
      sendOpen311(
        reply,
        xml(req.params.format),
        'service_definition',
        await service.serviceDefinition(deps, req.query.jurisdiction_id, req.params.code),
      ),
  );

  r.post(
    '/requests.:format',
    {
      bodyLimit: 64 * 1024,
      config: writeLimit,
      schema: {
        tags,
        summary: 'Open311 提交服务请求（表单编码；需 api_key；经网上受理登记为事项）',
        consumes: [formBody, 'application/json'],
        params: open311FormatParams,
        headers: z.object({ 'idempotency-key': z.string().optional() }),
        body: open311PostRequestBody,
        response: { 200: open311PostRequestResponse, ...errors },
      },
    },
    async (req, reply) =>
      sendOpen311(
        reply,
        xml(req.params.format),
        'service_requests',
        await service.fileRequest(deps, req.ctx, req.body, req.headers['idempotency-key']),
      ),
  );

  r.get(
    '/requests.:format',
    {
      config: readLimit,
      schema: {
        tags,
        summary: 'Open311 查询服务请求（默认近 90 天、最多 1000 条；不含任何个人信息）',
        params: open311FormatParams,
        querystring: open311RequestsQuery,
        response: { 200: z.array(open311RequestSchema), ...errors },
      },
    },
    async (req, reply) =>
      sendOpen311(
        reply,
        xml(req.params.format),
        'service_requests',
        await service.listRequests(deps, req.query),
      ),
  );

  r.get(
    '/requests/:id.:format',
    {
      config: readLimit,
      schema: {
        tags,
        summary: 'Open311 查询单个服务请求',
        params: open311RequestIdParams,
        querystring: open311JurisdictionQuery.extend({ api_key: z.string().max(100).optional() }),
        response: { 200: z.array(open311RequestSchema), ...errors },
      },
    },
    async (req, reply) =>
      sendOpen311(
        reply,
        xml(req.params.format),
        'service_requests',
        await service.getRequest(deps, req.params.id, req.query),
      ),
  );

  r.get(
    '/tokens/:id.:format',
    {
      config: readLimit,
      schema: {
        tags,
        summary: 'Open311 由令牌查询服务请求编号',
        params: open311TokenParams,
        querystring: open311JurisdictionQuery,
        response: { 200: open311TokenResponse, ...errors },
      },
    },
    async (req, reply) =>
      sendOpen311(
        reply,
        xml(req.params.format),
        'service_requests',
        await service.resolveToken(deps, req.params.id, req.query.jurisdiction_id),
      ),
  );

  r.get(
    '/servicerequestupdates.:format',
    {
      config: readLimit,
      schema: {
        tags,
        summary: 'Open311 办理进度更新（mySociety 扩展；需 api_key）',
        params: open311FormatParams,
        querystring: open311UpdatesQuery,
        response: { 200: open311UpdatesResponse, ...errors },
      },
    },
    async (req, reply) => {
      const list = await updates.listUpdates(deps, req.query);
      return xml(req.params.format)
        ? sendOpen311(reply, true, 'service_requests_updates', list)
        : sendOpen311(reply, false, '', { service_requests_updates: list });
    },
  );

  r.post(
    '/servicerequestupdates.:format',
    {
      bodyLimit: 64 * 1024,
      config: writeLimit,
      schema: {
        tags,
        summary: 'Open311 客户端提交群众的补充意见（mySociety 扩展；需 api_key）',
        consumes: [formBody, 'application/json'],
        params: open311FormatParams,
        body: open311PostUpdateBody,
        response: { 200: open311PostUpdateResponse, ...errors },
      },
    },
    async (req, reply) =>
      sendOpen311(
        reply,
        xml(req.params.format),
        'service_request_updates',
        await updates.postUpdate(deps, req.ctx, req.body),
      ),
  );
}
