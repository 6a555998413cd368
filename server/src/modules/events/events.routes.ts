import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf } from '../../../../core/contracts/common';
import { chainVerifySchema, eventListQuerySchema, eventSchema } from '../../../../core/contracts/events';
import type { Deps } from '../../context';
import { auditEvents, auditVerify } from './audit.service';

export async function eventsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/',
    {
      schema: {
        tags: ['audit'],
        security: [{ session: [] }],
        summary: '审计日志（审计管理员）',
        querystring: eventListQuerySchema,
        response: { 200: pageOf(eventSchema) },
      },
    },
    async (req) => auditEvents(deps, req.ctx, req.query),
  );
  r.post(
    '/verify',
    {
      schema: {
        tags: ['audit'],
        security: [{ session: [], csrf: [] }],
        summary: '校验审计日志哈希链（审计管理员）',
        response: { 200: chainVerifySchema },
      },
    },
    async (req) => auditVerify(deps, req.ctx),
  );
}
