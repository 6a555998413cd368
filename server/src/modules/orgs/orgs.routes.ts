import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../../core/contracts/common';
import {
  createOrgBodySchema,
  orgDetailSchema,
  orgListQuerySchema,
  orgSummarySchema,
  orgTreeNodeSchema,
  updateOrgBodySchema,
} from '../../../../core/contracts/orgs';
import type { Deps } from '../../context';
import * as service from './orgs.service';

export async function orgsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['orgs'];
  const security = [{ session: [] }];
  r.addHook('onRequest', app.requireUser);

  r.get(
    '/tree',
    { schema: { tags, security, summary: '本辖区组织机构树', response: { 200: orgTreeNodeSchema } } },
    async (req) => service.orgTree(deps, req.ctx),
  );
  r.get(
    '/',
    {
      schema: {
        tags,
        security,
        summary: '搜索本辖区组织',
        querystring: orgListQuerySchema,
        response: { 200: z.array(orgSummarySchema) },
      },
    },
    async (req) => service.searchOrgs(deps, req.ctx, req.query),
  );
  r.get(
    '/:id',
    {
      schema: {
        tags,
        security,
        summary: '组织详情',
        params: idParamsSchema,
        response: { 200: orgDetailSchema },
      },
    },
    async (req) => service.getOrg(deps, req.ctx, req.params.id),
  );
  r.post(
    '/',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '新增下属组织（部门、站所、调解组织等）',
        body: createOrgBodySchema,
        response: { 201: orgDetailSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createOrg(deps, req.ctx, req.body)),
  );
  r.patch(
    '/:id',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '修改组织',
        params: idParamsSchema,
        body: updateOrgBodySchema,
        response: { 200: orgDetailSchema },
      },
    },
    async (req) => service.updateOrg(deps, req.ctx, req.params.id, req.body),
  );
}
