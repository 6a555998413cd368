import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  countyCatalogSchema,
  noticePreviewSchema,
  noticeTemplatesSchema,
  previewNoticeTemplateBodySchema,
  saveCatalogBodySchema,
  saveNoticeTemplatesBodySchema,
} from '../../../../core/contracts/catalog';
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
import {
  saveServiceProvidersBodySchema,
  serviceProvidersViewSchema,
} from '../../../../core/contracts/referrals';
import { dutyStandardViewSchema, saveDutyStandardBodySchema } from '../../../../core/contracts/workforce';
import type { Deps } from '../../context';
import { getServiceProviders, saveServiceProviders } from '../referrals/providers.service';
import { getCatalog, saveCatalog } from './catalog.service';
import { getDutyStandard, saveDutyStandard } from './duty-standard.service';
import { getNoticeTemplates, previewNoticeTemplate, saveNoticeTemplates } from './notice-templates.service';
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
    '/catalog',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '事项类别与服务事项目录（业务管理员；含版本记录）',
        response: { 200: countyCatalogSchema },
      },
    },
    async (req) => getCatalog(deps, req.ctx),
  );
  r.put(
    '/catalog',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '保存事项目录（新增一个版本；已登记的事项和已开始计时的期限不受影响）',
        body: saveCatalogBodySchema,
        response: { 200: countyCatalogSchema },
      },
    },
    async (req) => saveCatalog(deps, req.ctx, req.body),
  );
  r.get(
    '/notice-templates',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '通知模板（业务管理员；含可用占位符和版本记录）',
        response: { 200: noticeTemplatesSchema },
      },
    },
    async (req) => getNoticeTemplates(deps, req.ctx),
  );
  r.put(
    '/notice-templates',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '保存通知模板（新增一个版本；占位符不合要求的拒绝保存）',
        body: saveNoticeTemplatesBodySchema,
        response: { 200: noticeTemplatesSchema },
      },
    },
    async (req) => saveNoticeTemplates(deps, req.ctx, req.body),
  );
  r.post(
    '/notice-templates/preview',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '预览通知模板（用示例内容填充占位符）',
        body: previewNoticeTemplateBodySchema,
        response: { 200: noticePreviewSchema },
      },
    },
    async (req) => previewNoticeTemplate(req.ctx, req.body),
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
  r.get(
    '/duty-standard',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '网格员履职标准（业务管理员；巡查、走访、重点人员跟进次数和上报时限）',
        response: { 200: dutyStandardViewSchema },
      },
    },
    async (req) => getDutyStandard(deps, req.ctx),
  );
  r.put(
    '/duty-standard',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '保存网格员履职标准（新增一个版本，此后计算的考核按新标准），记入事件日志',
        body: saveDutyStandardBodySchema,
        response: { 200: dutyStandardViewSchema },
      },
    },
    async (req) => saveDutyStandard(deps, req.ctx, req.body),
  );
  r.get(
    '/referral-providers',
    {
      schema: {
        tags,
        security: [{ session: [] }],
        summary: '转介服务机构（业务管理员；每项服务由哪些单位提供）',
        response: { 200: serviceProvidersViewSchema },
      },
    },
    async (req) => getServiceProviders(deps, req.ctx),
  );
  r.put(
    '/referral-providers',
    {
      schema: {
        tags,
        security: [{ session: [], csrf: [] }],
        summary: '保存转介服务机构（新增一个版本，此后的转介按新设置选择服务机构），记入事件日志',
        body: saveServiceProvidersBodySchema,
        response: { 200: serviceProvidersViewSchema },
      },
    },
    async (req) => saveServiceProviders(deps, req.ctx, req.body),
  );
}
