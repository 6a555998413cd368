import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { httpDuration } from '../metrics';

/**
 * Times every request by its route template ("/api/matters/:id"), never the raw path: a label per
 * matter id would grow without bound. Requests no route matched share one label.
 */
export const httpMetricsPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onResponse', async (req, reply) => {
    httpDuration.observe(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: `${Math.floor(reply.statusCode / 100)}xx`,
      },
      reply.elapsedTime / 1000,
    );
  });
});
