/**
 * Security headers on every response (docs/SECURITY.md G26): no sniffing, no framing, no referrer leak,
 * a CSP without inline scripts, and no caching of API answers (they may hold personal data).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The policy; images may also come from the configured map tile hosts (docs/DEPLOY.md), and only then. */
export function contentSecurityPolicy(tileOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // antd injects its CSS-in-JS styles at run time.
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...tileOrigins].join(' '),
    "connect-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, opts: { tileOrigins: readonly string[] }) => {
    const csp = contentSecurityPolicy(opts.tileOrigins);
    app.addHook('onSend', async (req, reply, payload) => {
      reply.header('x-content-type-options', 'nosniff');
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
      reply.header('x-request-id', req.id);
      if (req.url.startsWith('/api/docs')) {
        // Swagger UI ships inline scripts of its own; it serves no personal data.
        reply.header(
          'content-security-policy',
          "default-src 'self' 'unsafe-inline' data:; frame-ancestors 'none'",
        );
      } else if (!reply.hasHeader('content-security-policy')) {
        reply.header('content-security-policy', csp);
      }
      if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
        reply.header('cache-control', 'no-store');
      return payload;
    });
  },
);
