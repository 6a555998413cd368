import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  dashboardFilterSchema,
  drillQuerySchema,
  drillResponseSchema,
  kpiResponseSchema,
  liveResponseSchema,
  mapResponseSchema,
  trendResponseSchema,
} from '../../../../core/contracts/dashboard';
import { regionQuerySchema, regionResponseSchema } from '../../../../core/contracts/region';
import type { Deps } from '../../context';
import {
  dashboardDrill,
  dashboardKpis,
  dashboardLive,
  dashboardMap,
  dashboardTrend,
} from './dashboard.service';
import { exportDrill } from './export.service';
import { regionOverview } from './region.service';

export async function dashboardRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dashboard'];
  const security = [{ session: [] }];
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/kpis',
    {
      schema: {
        tags,
        security,
        summary: '指标（含同比）与受理量分布：按月份、乡镇、村、类别、类型、层级筛选',
        querystring: dashboardFilterSchema,
        response: { 200: kpiResponseSchema },
      },
    },
    async (req) => dashboardKpis(deps, req.ctx, req.query),
  );
  r.get(
    '/region',
    {
      schema: {
        tags,
        security,
        summary:
          '市/省级总览：本市（本省）各县区的受理量、办结量与各项比率，按县区并列（仅汇总数，不含事项与个人）',
        querystring: regionQuerySchema,
        response: { 200: regionResponseSchema },
      },
    },
    async (req) => regionOverview(deps, req.ctx, req.query),
  );
  r.get(
    '/trend',
    {
      schema: {
        tags,
        security,
        summary: '逐月趋势：受理量、办结量、化解率、按期办结率、满意率',
        querystring: dashboardFilterSchema,
        response: { 200: trendResponseSchema },
      },
    },
    async (req) => dashboardTrend(deps, req.ctx, req.query),
  );
  r.get(
    '/map',
    {
      schema: {
        tags,
        security,
        summary: '网格事项密度（按时间和乡镇/村筛选）',
        querystring: dashboardFilterSchema,
        response: { 200: mapResponseSchema },
      },
    },
    async (req) => dashboardMap(deps, req.ctx, req.query),
  );
  r.get(
    '/live',
    {
      schema: {
        tags,
        security,
        summary: '实时数：待签收/受理、超期、督办中、待回访，积案账龄',
        querystring: dashboardFilterSchema,
        response: { 200: liveResponseSchema },
      },
    },
    async (req) => dashboardLive(deps, req.ctx, req.query),
  );
  r.get(
    '/matters',
    {
      schema: {
        tags,
        security,
        summary: '下钻：某个数字背后的事项清单（脱敏）',
        querystring: drillQuerySchema,
        response: { 200: drillResponseSchema },
      },
    },
    async (req) => dashboardDrill(deps, req.ctx, req.query),
  );
  r.get(
    '/matters.xlsx',
    {
      schema: {
        tags,
        security,
        summary: '导出某个数字背后的事项清单为 XLSX（脱敏，最多 5000 行，记入审计日志）',
        querystring: drillQuerySchema.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const file = await exportDrill(deps, req.ctx, req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('cache-control', 'no-store')
        .send(file.data);
    },
  );
}
