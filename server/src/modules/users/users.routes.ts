import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema, pageOf } from '../../../../core/contracts/common';
import {
  createUserBodySchema,
  resetPasswordBodySchema,
  setRolesBodySchema,
  updateUserBodySchema,
  userListQuerySchema,
  userSummarySchema,
} from '../../../../core/contracts/users';
import type { Deps } from '../../context';
import * as service from './users.service';

export async function usersRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  const read = [{ session: [] }];
  const write = [{ session: [], csrf: [] }];
  r.addHook('onRequest', app.requireUser);

  r.get(
    '/',
    {
      schema: {
        tags,
        security: read,
        summary: '本辖区用户',
        querystring: userListQuerySchema,
        response: { 200: pageOf(userSummarySchema) },
      },
    },
    async (req) => service.listUsers(deps, req.ctx, req.query),
  );
  r.get(
    '/:id',
    {
      schema: {
        tags,
        security: read,
        summary: '用户详情',
        params: idParamsSchema,
        response: { 200: userSummarySchema },
      },
    },
    async (req) => service.getUser(deps, req.ctx, req.params.id),
  );
  r.post(
    '/',
    {
      schema: {
        tags,
        security: write,
        summary: '新建用户',
        body: createUserBodySchema,
        response: { 201: userSummarySchema },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createUser(deps, req.ctx, req.body)),
  );
  r.patch(
    '/:id',
    {
      schema: {
        tags,
        security: write,
        summary: '修改、停用或启用用户',
        params: idParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userSummarySchema },
      },
    },
    async (req) => service.updateUser(deps, req.ctx, req.params.id, req.body),
  );
  r.put(
    '/:id/roles',
    {
      schema: {
        tags,
        security: write,
        summary: '设置角色（安全管理员）',
        params: idParamsSchema,
        body: setRolesBodySchema,
        response: { 200: userSummarySchema },
      },
    },
    async (req) => service.setRoles(deps, req.ctx, req.params.id, req.body.roles),
  );
  r.post(
    '/:id/unlock',
    {
      schema: {
        tags,
        security: write,
        summary: '解除锁定（安全管理员）',
        params: idParamsSchema,
        response: { 200: userSummarySchema },
      },
    },
    async (req) => service.unlockUser(deps, req.ctx, req.params.id),
  );
  r.post(
    '/:id/reset-password',
    {
      schema: {
        tags,
        security: write,
        summary: '重置密码',
        params: idParamsSchema,
        body: resetPasswordBodySchema,
        response: { 200: userSummarySchema },
      },
    },
    async (req) => service.resetPassword(deps, req.ctx, req.params.id, req.body.password),
  );
}
