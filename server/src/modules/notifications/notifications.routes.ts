import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../../core/contracts/common';
import { inAppMessageSchema } from '../../../../core/contracts/notifications';
import type { Deps } from '../../context';
import { markMessageRead, myMessages } from './notifications.service';

export async function notificationsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/messages',
    {
      schema: {
        tags: ['notifications'],
        security: [{ session: [] }],
        summary: '我的站内消息（最新 100 条）',
        response: { 200: z.object({ items: z.array(inAppMessageSchema) }) },
      },
    },
    async (req) => ({ items: await myMessages(deps, req.ctx) }),
  );
  r.post(
    '/messages/:id/read',
    {
      schema: {
        tags: ['notifications'],
        security: [{ session: [], csrf: [] }],
        summary: '把自己的一条站内消息标为已读',
        params: idParamsSchema,
        response: { 200: inAppMessageSchema },
      },
    },
    async (req) => markMessageRead(deps, req.ctx, req.params.id),
  );
}
