import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  riskPoliciesSchema,
  routeTestBodySchema,
  routeTestResultSchema,
  routingRulesSchema,
  saveRiskPoliciesBodySchema,
  saveRoutingRulesBodySchema,
  saveTimeLimitsBodySchema,
  timeLimitPoliciesSchema,
} from '../../../../core/contracts/config';
import type { Deps } from '../../context';
import { getRiskPolicies, saveRiskPolicies } from './risk-policies.service';
import { getRoutingRules, saveRoutingRules, testRoute } from './routing-rules.service';
import { getTimeLimits, saveTimeLimits } from './time-limits.service';

export async function configRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['config'];
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/routing-rules',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '分流规则（业务管理员）',
        response: { 200: routingRulesSchema },
      },
    },
    async (req) => getRoutingRules(deps, req.ctx),
  );
  r.put(
    '/routing-rules',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '保存分流规则（新增一个版本）',
        body: saveRoutingRulesBodySchema,
        response: { 200: routingRulesSchema },
      },
    },
    async (req) => saveRoutingRules(deps, req.ctx, req.body.rules, req.body.baseVersion),
  );
  r.post(
    '/routing-rules/test',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '试算：某一事项会按哪条规则分流到哪里',
        body: routeTestBodySchema,
        response: { 200: routeTestResultSchema },
      },
    },
    async (req) => testRoute(deps, req.ctx, req.body),
  );
  r.get(
    '/time-limits',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '本地时限设置（业务管理员；已开始计时的期限不受修改影响）',
        response: { 200: timeLimitPoliciesSchema },
      },
    },
    async (req) => getTimeLimits(deps, req.ctx),
  );
  r.put(
    '/time-limits',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '保存本地时限（新增一个版本，只影响此后开始计时的期限）',
        body: saveTimeLimitsBodySchema,
        response: { 200: timeLimitPoliciesSchema },
      },
    },
    async (req) => saveTimeLimits(deps, req.ctx, req.body),
  );
  r.get(
    '/risk-policies',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '风险预警参数（业务管理员；各规则的阈值、窗口和权重）',
        response: { 200: riskPoliciesSchema },
      },
    },
    async (req) => getRiskPolicies(deps, req.ctx),
  );
  r.put(
    '/risk-policies',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '保存风险预警参数（新增一个版本，自下一次研判运行起生效），记入事件日志',
        body: saveRiskPoliciesBodySchema,
        response: { 200: riskPoliciesSchema },
      },
    },
    async (req) => saveRiskPolicies(deps, req.ctx, req.body),
  );
}
