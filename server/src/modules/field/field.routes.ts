import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  fieldHomeSchema,
  fieldLogBodySchema,
  fieldLogListQuerySchema,
  fieldLogSchema,
  fieldReportBodySchema,
  fieldReportResultSchema,
} from '../../../../core/contracts/field';
import type { Deps } from '../../context';
import { addLog, fieldHome, myLogs, submitReport } from './field.service';

export async function fieldRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['field'];
  const read = [{ session: [] }];
  const write = [{ session: [], csrf: [] }];
  r.addHook('onRequest', app.requireUser);

  r.get(
    '/home',
    {
      schema: {
        tags,
        security: read,
        summary: '网格员首页：我的网格、本单位未办结事项（按期限排序）、今日巡查走访数',
        response: { 200: fieldHomeSchema },
      },
    },
    async (req) => fieldHome(deps, req.ctx),
  );
  r.post(
    '/reports',
    {
      schema: {
        tags,
        security: write,
        summary: '网格员上报（clientId 由手机生成：重发返回第一次的结果，不会产生第二个事项）',
        body: fieldReportBodySchema,
        response: { 201: fieldReportResultSchema },
      },
    },
    async (req, reply) => {
      const res = await submitReport(deps, req.ctx, req.body);
      return reply.code(res.status as 201).send(res.body);
    },
  );
  r.post(
    '/logs',
    {
      schema: {
        tags,
        security: write,
        summary: '巡查、走访或工作笔记（只增不改；id 由手机生成，重发得到同一条记录）',
        body: fieldLogBodySchema,
        response: { 201: fieldLogSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await addLog(deps, req.ctx, req.body)),
  );
  r.get(
    '/logs',
    {
      schema: {
        tags,
        security: read,
        summary: '我的巡查走访记录（仅本辖区内的）',
        querystring: fieldLogListQuerySchema,
        response: { 200: z.array(fieldLogSchema) },
      },
    },
    async (req) => myLogs(deps, req.ctx, req.query.limit),
  );
}
