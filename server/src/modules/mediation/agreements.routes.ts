import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../../core/contracts/common';
import {
  agreementBodySchema,
  agreementViewSchema,
  performanceBodySchema,
  signBodySchema,
} from '../../../../core/contracts/mediation';
import type { Deps } from '../../context';
import { pdfReply, pdfResponse } from '../../plugins/pdf-reply';
import { agreementPdf } from './agreement-print.service';
import { listAgreements, saveAgreement, signAgreement } from './agreements.service';
import { recordPerformance } from './performance.service';

/** 调解协议 of a matter, under /api/matters. */
export async function agreementRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['mediation'];
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/:id/agreements',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '事项的调解协议',
        params: idParamsSchema,
        response: { 200: z.array(agreementViewSchema) },
      },
    },
    async (req) => listAgreements(deps, req.ctx, req.params.id),
  );
  r.put(
    '/:id/agreements',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '制作或修改调解协议（书面协议在签署前可改；口头协议记录后即生效）',
        params: idParamsSchema,
        body: agreementBodySchema,
        response: { 200: agreementViewSchema },
      },
    },
    async (req) => saveAgreement(deps, req.ctx, req.params.id, req.body),
  );
  r.post(
    '/:id/agreements/:agreementId/signatures',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '当事人、调解员签名或调解组织盖章；全部签署后协议生效',
        params: idParamsSchema.extend({ agreementId: z.uuid() }),
        body: signBodySchema,
        response: { 200: agreementViewSchema },
      },
    },
    async (req) => signAgreement(deps, req.ctx, req.params.id, req.params.agreementId, req.body),
  );
  r.post(
    '/:id/agreements/:agreementId/performance',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '记录调解协议履行情况（回访）',
        params: idParamsSchema.extend({ agreementId: z.uuid() }),
        body: performanceBodySchema,
        response: { 200: agreementViewSchema },
      },
    },
    async (req) => recordPerformance(deps, req.ctx, req.params.id, req.params.agreementId, req.body),
  );
  r.get(
    '/:id/agreements/:agreementId/pdf',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '人民调解协议书 PDF（每方当事人一份、调解组织一份）',
        params: idParamsSchema.extend({ agreementId: z.uuid() }),
        response: pdfResponse,
      },
    },
    async (req, reply) => {
      const { pdf, fileName } = await agreementPdf(deps, req.ctx, req.params.id, req.params.agreementId);
      return reply.headers(pdfReply(fileName)).send(pdf);
    },
  );
}
