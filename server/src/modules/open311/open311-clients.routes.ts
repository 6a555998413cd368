import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../../core/contracts/common';
import {
  createdOpen311ClientSchema,
  createOpen311ClientBody,
  open311ClientSchema,
} from '../../../../core/contracts/open311';
import type { Deps } from '../../context';
import * as service from './open311-clients.service';

/** The system administrator's keys for Open311 clients (session + CSRF, like the rest of /api). */
export async function open311ClientsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['open311'];
  const read = [{ session: [] }];
  const write = [{ session: [], csrf: [] }];
  r.addHook('onRequest', app.requireUser);

  r.get(
    '/',
    {
      schema: {
        tags,
        security: read,
        summary: 'Open311 接入客户端及其密钥（不含密钥本身）',
        response: { 200: z.array(open311ClientSchema) },
      },
    },
    async (req) => service.listClients(deps, req.ctx),
  );
  r.post(
    '/',
    {
      schema: {
        tags,
        security: write,
        summary: '签发 Open311 接入密钥（密钥只显示这一次）',
        body: createOpen311ClientBody,
        response: { 201: createdOpen311ClientSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createClient(deps, req.ctx, req.body)),
  );
  r.post(
    '/:id/revoke',
    {
      schema: {
        tags,
        security: write,
        summary: '吊销 Open311 接入密钥',
        params: idParamsSchema,
        response: { 200: open311ClientSchema },
      },
    },
    async (req) => service.revokeClient(deps, req.ctx, req.params.id),
  );
}
