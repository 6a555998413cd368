/**
 * Reads anyone may make without an account (the county outline, the counties, the catalog, 村务公开,
 * the OpenAPI document, health): a per-address limit on each, and for those that hold no live state
 * an ETag and Cache-Control, so a browser or proxy revalidates with If-None-Match and gets a 304
 * of no bytes. One client once pulled the 75 KB outline 1,100 times in 20 seconds (82 MB).
 *
 * A route opts in with `config: publicRead(deps.config, {...})`; the limit comes from config.ts
 * (PUBLIC_RATE_PER_MINUTE, per route and client address; the 429 is the one error body,
 * RATE_LIMITED, from the errors plugin).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Seconds a client or proxy may keep the answer before revalidating; absent: never cached. */
    publicMaxAge?: number;
  }
}

export interface PublicReadOptions {
  /** Seconds the answer may be kept; omit for an answer that must never be cached (health). */
  maxAgeSeconds?: number;
}

/** The route config of a public read: its rate limit and, when cacheable, how long it keeps. */
export function publicRead(config: Readonly<Config>, opts: PublicReadOptions = {}) {
  return {
    rateLimit: { max: config.publicRatePerMinute, timeWindow: '1 minute' },
    ...(opts.maxAgeSeconds === undefined ? {} : { publicMaxAge: opts.maxAgeSeconds }),
  };
}

/** A strong validator of the exact bytes sent. */
function etagOf(payload: string | Buffer): string {
  return `"${createHash('sha256').update(payload).digest('base64url').slice(0, 32)}"`;
}

/** If-None-Match by the weak comparison (RFC 9110 §13.1.2): `*`, or any listed tag, W/ or not. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

/** A successful read of a route that may be cached (an error answer never is). */
function cacheable(req: FastifyRequest, reply: FastifyReply): boolean {
  if (req.routeOptions.config?.publicMaxAge === undefined) return false;
  return (req.method === 'GET' || req.method === 'HEAD') && reply.statusCode === 200;
}

export const publicReadsPlugin = fp(async (app: FastifyInstance) => {
  // Before the handler, so the security headers plugin sees a Cache-Control already chosen and
  // does not add its no-store; an error answer sets no-store itself (errors plugin).
  app.addHook('preHandler', async (req, reply) => {
    const maxAge = req.routeOptions.config?.publicMaxAge;
    if (maxAge !== undefined) reply.header('cache-control', `public, max-age=${maxAge}`);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (!cacheable(req, reply)) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const etag = etagOf(payload);
    reply.header('etag', etag);
    if (!matches(req.headers['if-none-match'], etag)) return payload;
    // Not modified: the same headers, no body.
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    return null;
  });
});
