import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, pageOf } from '../../../../core/contracts/common';
import {
  createUserBodySchema,
  passwordResetRequestSchema,
  resetPasswordBodySchema,
  setRolesBodySchema,
  updateUserBodySchema,
  userListQuerySchema,
  userSummarySchema,
} from '../../../../core/contracts/users';
import type { Deps } from '../../context';
import * as resets from './password-resets.service';
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
        summary: '重置密码（本人下次登录须改密；领导、业务管理员的重置须安全管理员审批，答 202）',
        params: idParamsSchema,
        body: resetPasswordBodySchema,
        response: { 200: userSummarySchema, 202: passwordResetRequestSchema },
      },
    },
    async (req, reply) => {
      const out = await resets.resetPassword(deps, req.ctx, req.params.id, req.body.password);
      return out.done ? out.user : reply.code(202).send(out.request);
    },
  );
  r.post(
    '/:id/reset-two-factor',
    {
      schema: {
        tags,
        security: write,
        summary: '解除身份验证器绑定（安全管理员；用于手机丢失）',
        params: idParamsSchema,
        response: { 200: userSummarySchema },
      },
    },
    async (req) => service.resetTwoFactor(deps, req.ctx, req.params.id),
  );
  r.get(
    '/password-resets',
    {
      schema: {
        tags,
        security: read,
        summary: '待审批的密码重置（安全管理员）',
        response: { 200: z.array(passwordResetRequestSchema) },
      },
    },
    async (req) => resets.listPendingResets(deps, req.ctx),
  );
  for (const [verb, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    r.post(
      `/password-resets/:id/${verb}`,
      {
        schema: {
          tags,
          security: write,
          summary: approve ? '批准密码重置（安全管理员）' : '驳回密码重置（安全管理员）',
          params: idParamsSchema,
          response: { 200: userSummarySchema },
        },
      },
      async (req) => resets.decideReset(deps, req.ctx, req.params.id, approve),
    );
  }
}
