import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../context';
import { scrape } from './metrics.service';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may scrape: Prometheus with METRICS_TOKEN as its bearer token, or, without a token configured,
 * only a scraper on this machine. Anyone else gets the same 404 as for a page that does not exist.
 */
function mayScrape(deps: Deps, req: FastifyRequest): boolean {
  const token = deps.config.metricsToken;
  if (!token) return loopback.has(req.socket.remoteAddress ?? '');
  const given = Buffer.from(String(req.headers.authorization ?? ''));
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function metricsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['system'],
        summary: 'Prometheus 指标（需 METRICS_TOKEN，未设置时仅本机可取）',
        produces: ['text/plain'],
      },
    },
    async (req, reply) => {
      if (!mayScrape(deps, req)) return reply.callNotFound();
      const { contentType, text } = await scrape(deps);
      return reply.header('cache-control', 'no-store').type(contentType).send(text);
    },
  );
}
