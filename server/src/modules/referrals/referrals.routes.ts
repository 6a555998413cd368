import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../../core/contracts/common';
import {
  matterReferralsSchema,
  newReferralSchema,
  providerOptionsQuerySchema,
  providerOptionsSchema,
  referralActionBodySchema,
  referralPageSchema,
  referralQueueQuerySchema,
  referralViewSchema,
  saveServiceProvidersBodySchema,
  serviceProvidersViewSchema,
} from '../../../../core/contracts/referrals';
import type { Deps } from '../../context';
import { getServiceProviders, saveServiceProviders } from './providers.service';
import { act, getReferral, providerOptions, queue, refer, referralsOfMatter } from './referrals.service';

/** The matter side: a matter's referrals and a new one (mounted under /api/matters). */
export async function matterReferralRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['referrals'];
  const security = [{ session: [] }];
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/:id/referrals',
    {
      schema: {
        tags,
        security,
        summary: '事项的转介服务（法律援助、心理服务、司法救助、困难帮扶、行政调解）及其结果',
        params: idParamsSchema,
        response: { 200: matterReferralsSchema },
      },
    },
    async (req) => referralsOfMatter(deps, req.ctx, req.params.id),
  );
  r.post(
    '/:id/referrals',
    {
      schema: {
        tags,
        security,
        summary: '把事项当事人转介到服务机构（写明申请依据），按本县时限计时',
        params: idParamsSchema,
        body: newReferralSchema,
        response: { 200: referralViewSchema },
      },
    },
    async (req) => refer(deps, req.ctx, req.params.id, req.body),
  );
}

/** The provider side: its queue, one referral, its steps (mounted under /api/referrals). */
export async function referralRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['referrals'];
  const security = [{ session: [] }];
  r.addHook('onRequest', app.requireUser);
  r.get(
    '/providers',
    {
      schema: {
        tags,
        security,
        summary: '本县提供某项服务的机构，以及该服务的申请依据和办理结果选项',
        querystring: providerOptionsQuerySchema,
        response: { 200: providerOptionsSchema },
      },
    },
    async (req) => providerOptions(deps, req.ctx, req.query.kind),
  );
  r.get(
    '/queue',
    {
      schema: {
        tags,
        security,
        summary: '服务机构的转介待办：转给本单位及下属单位的转介',
        querystring: referralQueueQuerySchema,
        response: { 200: referralPageSchema },
      },
    },
    async (req) => queue(deps, req.ctx, req.query),
  );
  r.get(
    '/:id',
    {
      schema: {
        tags,
        security,
        summary: '一项转介服务（心理服务内容仅服务机构可见，金额仅服务机构和承办单位可见）',
        params: idParamsSchema,
        response: { 200: referralViewSchema },
      },
    },
    async (req) => getReferral(deps, req.ctx, req.params.id),
  );
  r.post(
    '/:id/actions',
    {
      schema: {
        tags,
        security,
        summary: '办理转介：受理、不予受理、指派、预约、记录面谈、办结或撤回（按转介状态表）',
        params: idParamsSchema,
        body: referralActionBodySchema,
        response: { 200: referralViewSchema },
      },
    },
    async (req) => act(deps, req.ctx, req.params.id, req.body),
  );
}

/**
 * The county's designation of which org provides which service (mounted under /api/config, beside the
 * other configuration documents; served from here so that config never imports the services it configures).
 */
export async function referralProviderRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['config'];
  r.addHook('onRequest', app.requireUser);
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
