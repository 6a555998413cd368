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
import type { Deps } from '../../context';
import {
  dashboardDrill,
  dashboardKpis,
  dashboardLive,
  dashboardMap,
  dashboardTrend,
} from './dashboard.service';

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
}
