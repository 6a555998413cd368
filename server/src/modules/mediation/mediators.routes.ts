import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../../core/contracts/common';
import { mediatorProfileBodySchema, mediatorViewSchema } from '../../../../core/contracts/mediation';
import type { Deps } from '../../context';
import { listMediators, saveMediatorProfile } from './mediators.service';

/** The roster of mediators, under /api/mediators. */
export async function mediatorRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['mediation'];
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '调解员名册（擅长领域、所在法院特邀调解员名册）',
        querystring: z.object({
          q: z.string().trim().max(50).optional(),
          specialty: z.string().trim().max(30).optional(),
        }),
        response: { 200: z.array(mediatorViewSchema) },
      },
    },
    async (req) => listMediators(deps, req.ctx, req.query),
  );
  r.put(
    '/:id/profile',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '维护调解员名册信息（业务管理员）',
        params: idParamsSchema,
        body: mediatorProfileBodySchema,
        response: { 200: mediatorViewSchema },
      },
    },
    async (req) => saveMediatorProfile(deps, req.ctx, req.params.id, req.body),
  );
}
