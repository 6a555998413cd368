import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicDecisionSchema, publicDecisionsQuerySchema } from '../../../../core/contracts/deliberation';
import type { Deps } from '../../context';
import { publicRead } from '../../plugins/public-reads';
import { publicDecisions } from './public-deliberation.service';

/** 村务公开: residents read the published decisions of their village without an account. */
export async function publicDeliberationRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/decisions',
    {
      config: publicRead(deps.config, { maxAgeSeconds: 60 }),
      schema: {
        tags: ['public'],
        summary: '村务公开：本村（社区）已公开的议事决定及落实进度（不含个人信息）',
        querystring: publicDecisionsQuerySchema,
        response: { 200: z.object({ orgName: z.string(), items: z.array(publicDecisionSchema) }) },
      },
    },
    async (req) => publicDecisions(deps, req.query.orgId),
  );
}
