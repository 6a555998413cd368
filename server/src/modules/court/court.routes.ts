import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../../core/contracts/common';
import {
  confirmationInputSchema,
  courtCaseViewSchema,
  referralInputSchema,
} from '../../../../core/contracts/court';
import type { Deps } from '../../context';
import { pdfReply, pdfResponse } from '../../plugins/pdf-reply';
import { getCourtDocking, saveCourtDocking } from '../config/court-docking.service';
import { applyForConfirmation, confirmationApplicationPdf, courtViewOf, referToCourt } from './court.service';

const courtViewSchema = z.object({
  cases: z.array(courtCaseViewSchema),
  confirmationWindow: z
    .object({
      agreedAt: z.string(),
      dueAt: z.string(),
      open: z.boolean(),
      provisionalNote: z.string().nullable(),
    })
    .nullable(),
  canRefer: z.boolean(),
  canApplyConfirmation: z.boolean(),
});

const dockingSchema = z.object({
  litigationReferral: z.boolean(),
  judicialConfirmation: z.boolean(),
  entrusted: z.boolean(),
  delegated: z.boolean(),
});

/** Staff: a matter's court dealings (诉调对接), under /api/matters. */
export async function courtMatterRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['court'];
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/:id/court',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '事项的诉调对接记录与司法确认申请期限',
        params: idParamsSchema,
        response: { 200: courtViewSchema },
      },
    },
    async (req) => courtViewOf(deps, req.ctx, req.params.id),
  );
  r.post(
    '/:id/court/referral',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '调解不成，向法院推送诉讼材料（引导诉讼）',
        params: idParamsSchema,
        body: referralInputSchema,
        response: { 201: z.object({ courtCaseId: z.string() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await referToCourt(deps, req.ctx, req.params.id, req.body)),
  );
  r.post(
    '/:id/court/confirmation',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '双方当事人共同申请司法确认（调解协议生效之日起三十日内）',
        params: idParamsSchema,
        body: confirmationInputSchema,
        response: { 201: z.object({ courtCaseId: z.string() }) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await applyForConfirmation(deps, req.ctx, req.params.id, req.body)),
  );
  r.get(
    '/:id/court/:caseId/application.pdf',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '司法确认申请书 PDF',
        params: idParamsSchema.extend({ caseId: z.uuid() }),
        response: pdfResponse,
      },
    },
    async (req, reply) => {
      const { pdf, fileName } = await confirmationApplicationPdf(
        deps,
        req.ctx,
        req.params.id,
        req.params.caseId,
      );
      return reply.headers(pdfReply(fileName)).send(pdf);
    },
  );
}

/** Administrator: which court-docking flows the county uses. */
export async function courtConfigRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['court'];
  r.addHook('onRequest', app.requireUser);
  const response = { 200: z.object({ version: z.number().int(), policy: dockingSchema }) };
  r.get(
    '/court-docking',
    { schema: { tags, security: [{ session: [] }], summary: '诉调对接开关（业务管理员）', response } },
    async (req) => getCourtDocking(deps, req.ctx),
  );
  r.put(
    '/court-docking',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '保存诉调对接开关（新增一个版本）',
        body: z.object({ policy: dockingSchema, baseVersion: z.number().int().min(0) }),
        response,
      },
    },
    async (req) => saveCourtDocking(deps, req.ctx, req.body.policy, req.body.baseVersion),
  );
}
