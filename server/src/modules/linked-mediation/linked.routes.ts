import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  linkedFiguresQuerySchema,
  linkedFiguresSchema,
  policeReferralBodySchema,
  policeReferralSchema,
} from '../../../../core/contracts/linked-mediation';
import type { Deps } from '../../context';
import { linkedFigures, policeReferrals, referFromPolice } from './linked.service';

export async function linkedMediationRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['linked-mediation'];
  const read = [{ session: [] }];
  const write = [{ session: [], csrf: [] }];
  r.addHook('onRequest', app.requireUser);

  r.post(
    '/police-referrals',
    {
      schema: {
        tags,
        security: write,
        summary: '警调：派出所登记出警发现的民间纠纷并移交当地人民调解委员会',
        body: policeReferralBodySchema,
        response: {
          201: z.object({
            matterId: z.uuid(),
            code: z.string(),
            committee: z.object({ id: z.uuid(), name: z.string() }),
          }),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await referFromPolice(deps, req.ctx, req.body)),
  );
  r.get(
    '/police-referrals',
    {
      schema: {
        tags,
        security: read,
        summary: '警调台账：本所移交的纠纷及调解结果（协议或终止、日期）',
        response: {
          200: z.object({
            items: z.array(policeReferralSchema),
            villages: z.array(z.object({ id: z.uuid(), name: z.string() })),
          }),
        },
      },
    },
    async (req) => policeReferrals(deps, req.ctx),
  );
  r.get(
    '/figures',
    {
      schema: {
        tags,
        security: read,
        summary: '联动调解统计：警调、访调、诉调、专调、人民调解各路径的数量和调解成功率',
        querystring: linkedFiguresQuerySchema,
        response: { 200: linkedFiguresSchema },
      },
    },
    async (req) => linkedFigures(deps, req.ctx, req.query),
  );
}
