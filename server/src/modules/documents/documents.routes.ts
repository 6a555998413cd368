import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context';
import { pdfReply, pdfResponse } from '../../plugins/pdf-reply';
import { noticePdf } from './notice-print.service';

/** Served notices as PDF, under /api/matters. */
export async function documentRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/:id/notices/:noticeId/pdf',
    {
      schema: {
        tags: ['documents'],
        security: [{ session: [] }],
        summary: '告知书、意见书的 PDF（受理告知书、一次性告知单、信访处理意见书、终止调解告知书等）',
        params: z.object({ id: z.uuid(), noticeId: z.uuid() }),
        response: pdfResponse,
      },
    },
    async (req, reply) => {
      const { pdf, fileName } = await noticePdf(deps, req.ctx, req.params.id, req.params.noticeId);
      return reply.headers(pdfReply(fileName)).send(pdf);
    },
  );
}
