import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarCoverageSchema } from '../../../../core/contracts/calendar';
import type { Deps } from '../../context';
import { publicRead } from '../../plugins/public-reads';
import { checkHealth, checkReadiness } from './health.service';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgres']),
  databaseOk: z.boolean(),
  time: z.iso.datetime(),
  /** A simulated clock (ZONGZHI_CLOCK) runs the server: `time` is not the real time. */
  clock: z.object({ simulated: z.boolean() }),
  calendar: calendarCoverageSchema.nullable(),
});

const readySchema = z.object({
  ready: z.boolean(),
  checks: z.object({ database: z.boolean(), migrations: z.boolean(), sealer: z.boolean() }),
  migrations: z.object({ applied: z.number().int(), shipped: z.number().int() }).nullable(),
  /** Events not yet chained by the sealer, and how long the oldest has waited. */
  sealer: z.object({ unsealed: z.number().int(), lagSeconds: z.number().int() }).nullable(),
  calendar: calendarCoverageSchema.nullable(),
  time: z.iso.datetime(),
});

export async function healthRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/healthz',
    {
      // Limited like any public read, never cached: a probe must see the database as it is now.
      config: publicRead(deps.config),
      schema: { tags: ['system'], summary: '健康检查', response: { 200: healthSchema, 503: healthSchema } },
    },
    async (_req, reply) => {
      const h = await checkHealth(deps);
      return reply
        .code(h.databaseOk ? 200 : 503)
        .header('cache-control', 'no-store')
        .send(h);
    },
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    '/readyz',
    {
      config: publicRead(deps.config),
      schema: {
        tags: ['system'],
        summary: '就绪检查（数据库、迁移、审计日志封存）',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_req, reply) => {
      const r = await checkReadiness(deps);
      return reply
        .code(r.ready ? 200 : 503)
        .header('cache-control', 'no-store')
        .send(r);
    },
  );
}
