/**
 * HTTP semantics every route gets, defined here once instead of in each route:
 * - a known path asked with a method it does not have answers 405 with `Allow` (not 404, which
 *   tells a client the resource does not exist);
 * - a route that takes a JSON body answers 415 to a body in another format (a form post or text/plain
 *   would otherwise reach the validator and come back as a misleading 400); a route's `consumes`
 *   names the formats it takes instead (Open311's form encoding);
 * - a 201 says where the new resource is (`Location`): the created object's id under the path it was
 *   posted to, when that is a route that reads it; a route may name it itself (config.location).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, defaultMessages } from '../../../core/errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Where a 201's new resource is, from the response body; null for none (http-semantics.ts). */
    location?: (body: unknown) => string | null;
  }
}

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

const known = new WeakMap<FastifyInstance, KnownPath[]>();

/** A Fastify route path (`/api/matters/:id`, `/files/*`) as a pattern over concrete paths. */
function patternOf(url: string): RegExp {
  const trimmed = url.length > 1 ? url.replace(/\/+$/, '') : url;
  const source = trimmed
    .split(/(:[A-Za-z0-9_]+(?:\([^)]*\))?|\*)/)
    .map((part, i) =>
      i % 2 === 0 ? part.replace(/[.+?^${}()|[\]\\]/g, '\\$&') : part === '*' ? '.*' : '[^/]+',
    )
    .join('');
  return new RegExp(`^${source}$`);
}

/** The methods some route takes at this concrete path, or an empty list for an unknown path. */
export function allowedMethods(app: FastifyInstance, pathname: string): string[] {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const methods = new Set<string>();
  for (const k of pathsOf(app)) if (k.pattern.test(path)) for (const m of k.methods) methods.add(m);
  return [...methods].sort();
}

/** The registry of the root instance; an encapsulated instance (a route prefix) inherits from it. */
function pathsOf(app: FastifyInstance): KnownPath[] {
  for (let a: object | null = app; a; a = Object.getPrototypeOf(a)) {
    const paths = known.get(a as FastifyInstance);
    if (paths) return paths;
  }
  return [];
}

/** For a not-found handler: the `Allow` list when the path is known under other methods, else null. */
export function wrongMethod(app: FastifyInstance, req: FastifyRequest): string[] | null {
  const allow = allowedMethods(app, req.url.split('?', 1)[0] ?? '/');
  return allow.length === 0 || allow.includes(req.method) ? null : allow;
}

/** From the not-found handler: answers 405 when the path is known under other methods. */
export function answerWrongMethod(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): boolean {
  const allow = wrongMethod(app, req);
  if (!allow) return false;
  void reply
    .code(405)
    .header('allow', allow.join(', '))
    .header('cache-control', 'no-store')
    .send({ code: 'METHOD_NOT_ALLOWED', message: defaultMessages.METHOD_NOT_ALLOWED, requestId: req.id });
  return true;
}

const mediaType = (header: string | undefined) => (header ?? '').split(';', 1)[0]!.trim().toLowerCase();
const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');

export const httpSemanticsPlugin = fp(async (app: FastifyInstance) => {
  const paths: KnownPath[] = [];
  known.set(app, paths);
  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    const pattern = patternOf(route.url);
    const same = paths.find((p) => p.pattern.source === pattern.source);
    if (same) for (const m of methods) same.methods.add(m);
    else paths.push({ pattern, methods: new Set(methods) });
  });

  app.addHook('preValidation', async (req) => {
    const schema = req.routeOptions.schema as { body?: unknown; consumes?: string[] } | undefined;
    if (!schema?.body) return;
    const type = mediaType(req.headers['content-type']);
    // No body at all is the validator's to answer (which fields are missing).
    if (!type && req.body === undefined) return;
    const accepted = schema.consumes ?? ['application/json'];
    if (accepted.includes(type) || (isJson(type) && accepted.some(isJson))) return;
    throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  });

  app.addHook('preSerialization', async (req, reply, payload) => {
    if (reply.statusCode !== 201 || reply.hasHeader('location')) return payload;
    const named = req.routeOptions.config?.location;
    const location = named ? named(payload) : underPostedPath(app, req, payload);
    if (location) reply.header('location', location);
    return payload;
  });
});

/** `<posted path>/<id>` when the body carries the new object's id and that path is a route that reads it. */
function underPostedPath(app: FastifyInstance, req: FastifyRequest, body: unknown): string | null {
  const b = body as { id?: unknown; matter?: { id?: unknown } } | null;
  const id = typeof b?.id === 'string' ? b.id : typeof b?.matter?.id === 'string' ? b.matter.id : null;
  if (!id) return null;
  const target = `${(req.url.split('?', 1)[0] ?? '').replace(/\/+$/, '')}/${encodeURIComponent(id)}`;
  return allowedMethods(app, target).includes('GET') ? target : null;
}
